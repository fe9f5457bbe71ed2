/**
 * Assumption keys ("tier.Strategic.csm_ratio", "payout.grr_floor", ...):
 * one naming scheme for CS.ASSUMPTION, the CLI's --set and the task pane.
 * Names match case-insensitively. Reading and writing go through the same
 * field table so a key that can be read can be set, with the same checks.
 */
import { CsError, Errors } from "../errors";
import { roundCents } from "../money";
import { isBlank, nameKey, parseAmount, parseFraction, parseNumber } from "../values";
import {
  CURRENCY_CODE,
  FieldGroup,
  FieldKind,
  FieldSpec,
  fieldsOf,
  findField,
  keyedFieldsOf,
} from "./fields";
import { Assumptions, PAYOUT_PLANS, TierAssumption } from "./types";

export type AssumptionValue = number | string | null;

/** A group's keyed fields by name: the field table's kinds (fields.ts), one vocabulary. */
function kindsOf(group: FieldGroup): Record<string, FieldSpec> {
  const table: Record<string, FieldSpec> = {};
  for (const spec of keyedFieldsOf(group)) table[spec.field] = spec;
  return table;
}

const TIER_FIELDS = kindsOf("tier");
const SEGMENT_FIELDS = kindsOf("segment");
const WEIGHT_FIELDS = kindsOf("weights");
const OTE_FIELDS = kindsOf("ote");
const SINGLE_SECTIONS = [
  "payout",
  "expansion",
  "clawback",
  "capacity",
  "book",
  "cost",
  "hiring",
] as const;

/** A located field: the object that holds it, its property name and kind. */
interface FieldRef {
  key: string;
  holder: Record<string, unknown>;
  field: string;
  spec: FieldSpec;
}

function findByName<T extends object>(items: T[], nameField: keyof T, name: string): T | undefined {
  const wanted = nameKey(name);
  return items.find((item) => nameKey(String(item[nameField])) === wanted);
}

function own(table: Record<string, FieldSpec>, field: string): FieldSpec | undefined {
  return Object.prototype.hasOwnProperty.call(table, field) ? table[field] : undefined;
}

function locate(a: Assumptions, rawKey: string): FieldRef | CsError {
  const key = rawKey.trim();
  const parts = key.split(".");
  const head = parts[0]?.toLowerCase();
  const last = parts[parts.length - 1]?.toLowerCase() ?? "";
  const middle = parts.slice(1, -1).join(".");
  const ref = (
    holder: object | undefined,
    table: Record<string, FieldSpec>
  ): FieldRef | CsError => {
    const spec = own(table, last);
    if (!holder || !spec) return Errors.unknownKey(rawKey);
    return { key, holder: holder as Record<string, unknown>, field: last, spec };
  };
  if (parts.length >= 3 && head === "tier")
    return ref(findByName(a.tiers, "name", middle), TIER_FIELDS);
  if (parts.length >= 3 && head === "segment")
    return ref(findByName(a.segments, "name", middle), SEGMENT_FIELDS);
  if (parts.length >= 3 && head === "ote")
    return ref(findByName(a.ote, "role", middle), OTE_FIELDS);
  if (parts.length === 3 && head === "payout") {
    const plan = PAYOUT_PLANS.find((p) => p === middle.toLowerCase());
    return ref(plan ? a.payout[plan] : undefined, WEIGHT_FIELDS);
  }
  if (parts.length === 1) {
    // The fields at the top of the assumptions (currency).
    const spec = findField("plan", head);
    if (!spec) return Errors.unknownKey(rawKey);
    return {
      key: spec.field,
      holder: a as unknown as Record<string, unknown>,
      field: spec.field,
      spec,
    };
  }
  if (parts.length === 2 && head === "fx") {
    // An exchange rate, keyed by currency code: fx.EUR.
    const code = parts[1].trim().toUpperCase();
    const spec = findField("fx", "rate");
    if (!CURRENCY_CODE.test(code) || !spec) return Errors.unknownKey(rawKey);
    return { key: `fx.${code}`, holder: a.fx, field: code, spec };
  }
  if (parts.length !== 2) return Errors.unknownKey(rawKey);
  const section = SINGLE_SECTIONS.find((name) => name === head);
  const single = section === undefined ? undefined : a[section];
  return single && section ? ref(single, kindsOf(section)) : Errors.unknownKey(rawKey);
}

/** The current value of one assumption; a ramp reads as "0,0.5,0.5", "none" as null. */
export function getAssumption(a: Assumptions, key: string): AssumptionValue | CsError {
  const ref = locate(a, key);
  if (ref instanceof CsError) return ref;
  if (ref.spec.kind === "rate" && !Object.prototype.hasOwnProperty.call(ref.holder, ref.field))
    return Errors.noFxRate(ref.field, a.currency);
  const value = ref.holder[ref.field];
  if (Array.isArray(value)) return value.join(",");
  if (typeof value === "number" || typeof value === "string" || value === null) return value;
  return Errors.unknownKey(key);
}

function isNone(raw: unknown): boolean {
  return typeof raw === "string" && ["none", "n/a", "-"].includes(raw.trim().toLowerCase());
}

/** Reads a raw value (text from --set or a cell, or a number) for a field of the table. */
function readField(key: string, spec: FieldSpec, raw: unknown): unknown {
  const bad = (expected: string) => Errors.badAssumptionValue(key, raw, expected);
  const kind: FieldKind = spec.kind;
  switch (kind) {
    case "name":
    case "text": {
      const text = typeof raw === "string" ? raw.trim() : "";
      return text === "" ? bad("it needs some text") : text;
    }
    case "ramp": {
      const pieces =
        typeof raw === "string" ? raw.split(",") : typeof raw === "number" ? [String(raw)] : [];
      const values = pieces.map((p) => parseFraction(p, key));
      const ok =
        values.length > 0 && values.every((v) => typeof v === "number" && v >= 0 && v <= 1);
      return ok
        ? values
        : bad('it needs productivity fractions between 0 and 1, such as "0,0.5,0.5"');
    }
    case "currency": {
      const code = typeof raw === "string" ? raw.trim().toUpperCase() : "";
      return CURRENCY_CODE.test(code)
        ? code
        : bad('it needs a three-letter ISO currency code, such as "USD", "EUR" or "GBP"');
    }
    default:
      if (spec.none !== undefined && isNone(raw)) return null;
      break;
  }
  if (isBlank(raw)) return bad("it cannot be blank");
  const value =
    kind === "amount" || kind === "ceiling"
      ? parseAmount(raw)
      : kind === "percent"
        ? parseFraction(raw, key)
        : kind === "multiple"
          ? parseFraction(typeof raw === "string" ? raw.trim().replace(/x$/i, "") : raw, key)
          : parseNumber(raw, key);
  if (typeof value !== "number") return bad("it needs a number");
  switch (kind) {
    case "ratio":
      return value > 0 ? value : bad('it needs more than 0 accounts per person, or "none"');
    case "rate":
      return value > 0 && value <= (spec.max ?? Infinity)
        ? value
        : bad('it needs a rate above 0 (units of the plan currency per 1 unit), or "none"');
    case "ceiling":
      return value > 0 ? value : bad('it needs an ARR amount above 0, or "none" for no ceiling');
    case "days":
    case "months":
      return Number.isInteger(value) && value >= 0
        ? value
        : bad("it needs a whole number, 0 or more");
    case "number":
      if (spec.above !== undefined)
        return value > spec.above ? value : bad(`it needs a number above ${spec.above}`);
      return value >= 0 ? value : bad("it cannot be negative");
    default:
      return value >= 0 ? value : bad("it cannot be negative");
  }
}

/**
 * Returns a copy of the assumptions with one key set, or an error naming the
 * key or the value. Cross-field rules (tier order, weights summing to 100%)
 * are checked where the assumptions are compiled, not here.
 */
export function setAssumption(a: Assumptions, key: string, raw: unknown): Assumptions | CsError {
  const copy = structuredClone(a);
  const ref = locate(copy, key);
  if (ref instanceof CsError) return ref;
  const value = readField(key, ref.spec, raw);
  if (value instanceof CsError) return value;
  // "none" removes an exchange rate: a currency without one is refused, never read as plan currency.
  if (ref.spec.kind === "rate" && value === null) delete ref.holder[ref.field];
  else ref.holder[ref.field] = value;
  if (ref.field === "min_acv") copy.tiers.sort((x, y) => x.min_acv - y.min_acv);
  return copy;
}

/** How CS.ASSUMPTION and CS.ASSUMPTIONS show a "none" (a role or SLA that does not apply). */
export const NONE_TEXT = "none";

/** A table cell as the readers show it: null ("none") becomes the text "none". */
export type TableCell = number | string;

export const ASSUMPTION_TABLES = ["tiers", "segments", "comp", "expansion"] as const;
export type AssumptionTableName = (typeof ASSUMPTION_TABLES)[number];

/** Other spellings users type for a table: singular forms, and "ote" for the comp table. */
const TABLE_ALIASES: Record<string, AssumptionTableName> = {
  tiers: "tiers",
  tier: "tiers",
  segments: "segments",
  segment: "segments",
  comp: "comp",
  ote: "comp",
  expansion: "expansion",
};

/** The table a name stands for (case-insensitive, trimmed), or undefined. */
export function assumptionTableName(name: string): AssumptionTableName | undefined {
  const key = nameKey(name);
  return Object.prototype.hasOwnProperty.call(TABLE_ALIASES, key) ? TABLE_ALIASES[key] : undefined;
}

/** Header rows: the field names of the assumption keys, so a column names its key. */
/** The fields of a tier and of a segment, in table order (the key names after "tier.<Tier>."). */
export const TIER_COLUMNS = keyedFieldsOf("tier").map((f) => f.field) as (keyof TierAssumption)[];
export const SEGMENT_COLUMNS = fieldsOf("segment")
  .map((f) => f.field)
  .filter((f) => f !== "name");
const TIER_HEADER = ["tier", ...TIER_COLUMNS];
const SEGMENT_HEADER = ["segment", ...SEGMENT_COLUMNS];
const COMP_HEADER = ["role", "base", "variable", "ote"];
const EXPANSION_HEADER = ["key", "value", "meaning"];

/** The rows of the expansion table: each band setting and the clawback window, by key. */
const EXPANSION_ROWS: readonly [string, (a: Assumptions) => number, string][] = [
  [
    "expansion.csm_owned_below",
    (a) => a.expansion.csm_owned_below,
    "below this incremental ARR the expansion is CSM-owned: 100% CSM credit",
  ],
  [
    "expansion.csm_led_up_to",
    (a) => a.expansion.csm_led_up_to,
    "up to and including this it is CSM-led, AE supporting; above, AE-led",
  ],
  [
    "expansion.csm_led_csm_share",
    (a) => a.expansion.csm_led_csm_share,
    "CSM share of a CSM-led expansion; the AE gets the rest",
  ],
  [
    "expansion.ae_led_csm_share",
    (a) => a.expansion.ae_led_csm_share,
    "CSM co-credit share of an AE-led expansion; the AE gets the rest",
  ],
  [
    "clawback.window_days",
    (a) => a.clawback.window_days,
    "the whole credit is clawed back if the account churns within this many days of booking",
  ],
];

/** The size of a table (header row included), for the engine's spill prediction. */
export function assumptionTableSize(
  a: Assumptions,
  table: AssumptionTableName
): { rows: number; cols: number } {
  switch (table) {
    case "segments":
      return { rows: a.segments.length + 1, cols: SEGMENT_HEADER.length };
    case "comp":
      return { rows: a.ote.length + 1, cols: COMP_HEADER.length };
    case "expansion":
      return { rows: EXPANSION_ROWS.length + 1, cols: EXPANSION_HEADER.length };
    default:
      return { rows: a.tiers.length + 1, cols: TIER_HEADER.length };
  }
}

const shown = (value: number | string | null): TableCell => (value === null ? NONE_TEXT : value);

/**
 * One assumptions table with a header row: the tier table in tier order, the
 * segments (targets and comp role), the OTE table (role, base, variable,
 * OTE = base + variable) or the expansion bands and clawback window as
 * key / value / meaning rows.
 */
export function assumptionTable(a: Assumptions, table: AssumptionTableName): TableCell[][] {
  switch (table) {
    case "segments":
      return [
        SEGMENT_HEADER,
        ...a.segments.map((s) => [
          s.name,
          s.nrr_target,
          s.grr_target,
          s.expansion_target,
          s.comp_role,
        ]),
      ];
    case "comp":
      return [
        COMP_HEADER,
        ...a.ote.map((o) => [o.role, o.base, o.variable, roundCents(o.base + o.variable)]),
      ];
    case "expansion":
      return [
        EXPANSION_HEADER,
        ...EXPANSION_ROWS.map(([key, value, meaning]) => [key, value(a), meaning]),
      ];
    default:
      return [
        TIER_HEADER,
        ...a.tiers.map((t) => [t.name, ...TIER_COLUMNS.map((field) => shown(t[field]))]),
      ];
  }
}
