/**
 * The assumptions side of the command line: reading an export file given
 * with --assumptions, and printing a set of assumptions readably (the
 * `assumptions` command) with the source of every value.
 */
import { readFileSync, statSync } from "fs";
import { SOURCE_TITLES } from "../core/assumptions/defaults";
import { importAssumptions, MAX_FILE_CHARS } from "../core/assumptions/format";
import { SEGMENT_COLUMNS, TIER_COLUMNS } from "../core/assumptions/keys";
import { sourceOf } from "../core/assumptions/presets";
import { Problem } from "../core/assumptions/schema";
import { Assumptions, PAYOUT_PLANS } from "../core/assumptions/types";
import { fmt } from "../core/errors";

/** One line for a list of problems: the first one, and how many more there are. */
export function summarizeProblems(problems: readonly Problem[]): string {
  const first = problems[0]?.message ?? "the assumptions are not valid.";
  const more = problems.length - 1;
  const tail = more > 0 ? ` (and ${more} more problem${more === 1 ? "" : "s"})` : "";
  return `${first}${tail}`.replace(/\s+/g, " ");
}

export interface LoadedFile {
  assumptions: Assumptions;
  /** Notes worth showing (an unknown preset name, a migrated file), one line each. */
  warnings: string[];
}

/**
 * Reads an export file for --assumptions. Returns the assumptions, or one
 * line naming the file and its first problem (the caller exits 2).
 */
export function loadAssumptionsFile(file: string): LoadedFile | string {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory())
      return `${file} is a folder; --assumptions needs an export file (.json).`;
    size = stat.size;
  } catch {
    return `cannot read the assumptions file ${file}: it does not exist or cannot be opened.`;
  }
  // Bytes can be up to 4 per character: refuse what cannot fit without reading it.
  if (size > 4 * MAX_FILE_CHARS)
    return `${file}: the file is ${fmt(Math.round(size / 1024))} KiB; an assumptions export is at most ${fmt(MAX_FILE_CHARS / 1024)} KiB, so this is not one.`;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `cannot read the assumptions file ${file}: ${reason}`;
  }
  const result = importAssumptions(text);
  if (!result.ok) return `${file}: ${summarizeProblems(result.problems)}`;
  return {
    assumptions: result.assumptions,
    warnings: result.warnings.map((w) => `${file}: ${w.message}`),
  };
}

// ---------------------------------------------------------------------------
// Printing

type Cell = string | number | null;

const money = (v: number | null): string => (v === null ? "none" : fmt(v));
const percent = (v: number): string => `${fmt(v * 100)}%`;
const multiple = (v: number): string => `${fmt(v)}x`;
const count = (v: number | null): string => (v === null ? "none" : fmt(v));

/** Lays out rows in columns; numeric-looking columns are right-aligned. */
function table(header: string[], rows: Cell[][], right: boolean[]): string[] {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null ? "none" : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r) =>
    `  ${r.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ")}`.trimEnd()
  );
}

/** Key, value, source lines for single-valued assumptions. */
function keyLines(a: Assumptions, entries: [string, string][]): string[] {
  const width = Math.max(...entries.map(([k]) => k.length));
  const valueWidth = Math.max(...entries.map(([, v]) => v.length));
  return entries.map(([key, value]) =>
    `  ${key.padEnd(width)}  ${value.padEnd(valueWidth)}  ${sourceOf(key, a.preset) ?? ""}`.trimEnd()
  );
}

/**
 * The sources of a table's values: keys whose source differs from the
 * table's most common one, one line each, then "other values" for the rest.
 */
function sourceLines(a: Assumptions, keys: string[], others: string): string[] {
  const byKey = keys.map((k) => [k, sourceOf(k, a.preset) ?? "(no source recorded)"] as const);
  const tally = new Map<string, number>();
  for (const [, s] of byKey) tally.set(s, (tally.get(s) ?? 0) + 1);
  const common = [...tally.entries()].sort((x, y) => y[1] - x[1])[0]?.[0];
  const listed = byKey.filter(([, s]) => s !== common);
  const rest = listed.length > 0 ? others : "all values";
  const width = Math.max(rest.length, ...listed.map(([k]) => k.length));
  return [
    "  Sources:",
    ...listed.map(([k, s]) => `    ${k.padEnd(width)}  ${s}`),
    ...(common === undefined ? [] : [`    ${rest.padEnd(width)}  ${common}`]),
  ];
}

/** The assumptions as readable text: tier table, segments, payout, expansion, the rest, with sources. */
export function renderAssumptions(a: Assumptions): string[] {
  const out: string[] = [];
  out.push(`Assumptions: preset ${a.preset}, schema version ${a.schema_version}`, "");

  out.push(
    "Tiers (an account's tier has the highest minimum ACV at or below its ACV; accounts per person; none = does not apply)"
  );
  out.push(
    ...table(
      [
        "tier",
        "min ACV",
        "segment",
        "CSM",
        "AM",
        "TAM",
        "ARR ceiling",
        "SLA days",
        "coverage model",
        "touch cadence",
      ],
      a.tiers.map((t) => [
        t.name,
        money(t.min_acv),
        t.segment,
        count(t.csm_ratio),
        count(t.am_ratio),
        count(t.tam_ratio),
        money(t.arr_ceiling),
        count(t.sla_days),
        t.coverage_model,
        t.touch_cadence,
      ]),
      [false, true, false, true, true, true, true, true, false, false]
    )
  );
  out.push(
    ...sourceLines(
      a,
      a.tiers.flatMap((t) => TIER_COLUMNS.map((f) => `tier.${t.name}.${f}`)),
      "other tier values"
    ),
    ""
  );

  out.push("Segments (targets a year; comp role = the OTE row for CSMs of the segment)");
  out.push(
    ...table(
      ["segment", "NRR target", "GRR target", "expansion target", "comp role"],
      a.segments.map((s) => [
        s.name,
        percent(s.nrr_target),
        percent(s.grr_target),
        percent(s.expansion_target),
        s.comp_role,
      ]),
      [false, true, true, true, false]
    )
  );
  out.push(
    ...sourceLines(
      a,
      a.segments.flatMap((s) => SEGMENT_COLUMNS.map((f) => `segment.${s.name}.${f}`)),
      "other segment values"
    ),
    ""
  );

  const p = a.payout;
  out.push("Payout (CSM variable pay: GRR, expansion and MBO pools)");
  out.push(
    ...keyLines(a, [
      ["payout.grr_floor", percent(p.grr_floor)],
      ["payout.grr_stretch", percent(p.grr_stretch)],
      ["payout.floor_multiple", multiple(p.floor_multiple)],
      ["payout.stretch_multiple", multiple(p.stretch_multiple)],
      ["payout.expansion_cap", multiple(p.expansion_cap)],
      ["payout.ebr_gate", percent(p.ebr_gate)],
      ["payout.ebr_gated_cap", multiple(p.ebr_gated_cap)],
      ...PAYOUT_PLANS.flatMap((plan): [string, string][] => [
        [`payout.${plan}.grr_weight`, percent(p[plan].grr_weight)],
        [`payout.${plan}.expansion_weight`, percent(p[plan].expansion_weight)],
        [`payout.${plan}.mbo_weight`, percent(p[plan].mbo_weight)],
      ]),
    ]),
    ""
  );

  const e = a.expansion;
  out.push("Expansion credit (incremental ARR bands) and clawback");
  out.push(
    ...keyLines(a, [
      ["expansion.csm_owned_below", money(e.csm_owned_below)],
      ["expansion.csm_led_up_to", money(e.csm_led_up_to)],
      ["expansion.csm_led_csm_share", percent(e.csm_led_csm_share)],
      ["expansion.ae_led_csm_share", percent(e.ae_led_csm_share)],
      ["clawback.window_days", `${fmt(a.clawback.window_days)} days`],
    ]),
    ""
  );

  out.push("Capacity, books, cost and hiring");
  out.push(
    ...keyLines(a, [
      ["capacity.weeks_per_month", fmt(a.capacity.weeks_per_month)],
      ["book.load_threshold", percent(a.book.load_threshold)],
      ["book.extend_limit", percent(a.book.extend_limit)],
      ["cost.healthy_min", percent(a.cost.healthy_min)],
      ["cost.healthy_max", percent(a.cost.healthy_max)],
      ["hiring.ramp", `${a.hiring.ramp.join(",")} (then 1)`],
      ["hiring.lead_months", `${fmt(a.hiring.lead_months)} months`],
    ]),
    ""
  );

  const rates = Object.keys(a.fx).sort();
  out.push(
    `Currency: amounts are in ${a.currency}; exchange rates (units of ${a.currency} per 1 unit)`
  );
  out.push(
    ...keyLines(a, [
      ["currency", a.currency],
      ...rates.map((code): [string, string] => [`fx.${code}`, fmt(a.fx[code])]),
      ...(rates.length === 0
        ? [["fx.*", "none set: amounts in another currency are refused"] as [string, string]]
        : []),
    ]),
    ""
  );

  out.push("OTE (on-target earnings a year)");
  out.push(
    ...table(
      ["role", "base", "variable", "OTE"],
      a.ote.map((o) => [o.role, money(o.base), money(o.variable), money(o.base + o.variable)]),
      [false, true, true, true]
    )
  );
  out.push(
    ...sourceLines(
      a,
      a.ote.flatMap((o) => [`ote.${o.role}.base`, `ote.${o.role}.variable`]),
      "other OTE values"
    ),
    ""
  );

  out.push(
    `Sources: ${Object.entries(SOURCE_TITLES)
      .map(([id, title]) => `${id} = "${title}"`)
      .join("; ")}.`
  );
  return out;
}
