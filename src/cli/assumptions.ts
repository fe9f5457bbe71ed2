/**
 * The assumptions side of the command line: reading an export file given
 * with --assumptions, and printing a set of assumptions readably (the
 * `assumptions` command) with the source of every value.
 */
import { readFileSync, statSync } from "fs";
import { SOURCE_TITLES } from "../core/assumptions/defaults";
import { importAssumptions, MAX_FILE_CHARS } from "../core/assumptions/format";
import { FieldGroup, FieldSpec, fieldsOf, isNumberKind } from "../core/assumptions/fields";
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

/** A value as the listing shows it, by the field table's kind ("none" for null). */
function shown(spec: FieldSpec, value: unknown, withUnit: boolean): string {
  if (value === null || value === undefined) return "none";
  if (Array.isArray(value)) return `${value.join(",")} (then 1)`;
  if (typeof value !== "number") return String(value);
  switch (spec.kind) {
    case "percent":
      return percent(value);
    case "multiple":
      return `${fmt(value)}x`;
    case "days":
    case "months":
      return withUnit && spec.unit ? `${fmt(value)} ${spec.unit}` : fmt(value);
    default:
      return fmt(value);
  }
}

/** A listed group's columns: the table's order, long descriptions last. */
function columnsOf(group: FieldGroup): FieldSpec[] {
  const fields: FieldSpec[] = [...fieldsOf(group)];
  return [...fields.filter((f) => f.kind !== "text"), ...fields.filter((f) => f.kind === "text")];
}

/** The rows of a listed group (tiers, segments), one line per item, from the field table. */
function itemTable(group: FieldGroup, items: readonly object[]): string[] {
  const columns = columnsOf(group);
  return table(
    columns.map((f) => f.short ?? f.field),
    items.map((item) =>
      columns.map((f) => shown(f, (item as Record<string, unknown>)[f.field], false))
    ),
    columns.map((f) => isNumberKind(f.kind))
  );
}

/** Key / value lines of single sections, in the field table's order. */
function sectionLines(a: Assumptions, groups: readonly FieldGroup[]): [string, string][] {
  const entries: [string, string][] = [];
  for (const group of groups) {
    if (group === "weights") {
      for (const plan of PAYOUT_PLANS)
        for (const f of fieldsOf("weights"))
          entries.push([`payout.${plan}.${f.field}`, shown(f, a.payout[plan][f.field], true)]);
      continue;
    }
    const holder = a[group as keyof Assumptions] as unknown as Record<string, unknown>;
    for (const f of fieldsOf(group))
      entries.push([`${group}.${f.field}`, shown(f, holder[f.field], true)]);
  }
  return entries;
}

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
  out.push(...itemTable("tier", a.tiers));
  out.push(
    ...sourceLines(
      a,
      a.tiers.flatMap((t) => TIER_COLUMNS.map((f) => `tier.${t.name}.${f}`)),
      "other tier values"
    ),
    ""
  );

  out.push("Segments (targets a year; comp role = the OTE row for CSMs of the segment)");
  out.push(...itemTable("segment", a.segments));
  out.push(
    ...sourceLines(
      a,
      a.segments.flatMap((s) => SEGMENT_COLUMNS.map((f) => `segment.${s.name}.${f}`)),
      "other segment values"
    ),
    ""
  );

  out.push("Payout (CSM variable pay: GRR, expansion and MBO pools)");
  out.push(...keyLines(a, sectionLines(a, ["payout", "weights"])), "");

  out.push("Expansion credit (incremental ARR bands) and clawback");
  out.push(...keyLines(a, sectionLines(a, ["expansion", "clawback"])), "");

  out.push("Capacity, books, cost and hiring");
  out.push(...keyLines(a, sectionLines(a, ["capacity", "book", "cost", "hiring"])), "");

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
      [...fieldsOf("ote").map((f) => f.short), "OTE"],
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
