/**
 * The one table of assumption fields. Every field of types.ts is declared
 * here once, with its kind (one vocabulary: how it is typed, shown, read and
 * checked), its label in words, its unit, its bounds and what a good value
 * is. From it come the assumption keys (keys.ts), the schema's per-field
 * checks (shapes.ts), the task pane's fields, labels and messages, the
 * command line's listing and the export file's key order (format.ts).
 * A field's source (the article a default comes from) is per preset, in
 * defaults.ts and presets.ts, and looked up by the field's key.
 */

/**
 * How a field is typed, shown, read and checked. Every reader (a CS cell,
 * --set, the pane) and every check uses these kinds, and no other list.
 */
export type FieldKind =
  | "name" // the name of a listed item, or of one elsewhere (a segment, an OTE role)
  | "text" // free text (a description)
  | "amount" // money a year, 0 or more: "250,000", "$250k"
  | "ceiling" // money above 0, or "none" (no ceiling)
  | "ratio" // accounts per person above 0, or "none" (the role does not apply)
  | "days" // whole days, 0 or more ("none" where the field allows it)
  | "months" // whole months, 0 or more
  | "percent" // a fraction shown as a percentage: "95%" or 0.95
  | "multiple" // a payout multiple: "1.5x" or 1.5
  | "number" // a plain number
  | "ramp" // monthly productivities: "0%, 50%, 50%"
  | "currency" // a three-letter ISO 4217 code, upper-cased: "EUR"
  | "rate"; // an exchange rate into the plan currency, above 0 ("none" removes it)

/**
 * Where a field lives. "tier", "segment" and "ote" are listed items (the key
 * names the item: tier.<Tier>.csm_ratio); "weights" is one of the payout
 * plans (payout.<plan>.grr_weight); "plan" holds the fields at the top of the
 * assumptions (currency); "fx" is the table of exchange rates, keyed by
 * currency code (fx.EUR); the rest are single sections (payout.grr_floor).
 */
export type FieldGroup =
  | "plan"
  | "fx"
  | "tier"
  | "segment"
  | "ote"
  | "payout"
  | "weights"
  | "expansion"
  | "clawback"
  | "capacity"
  | "book"
  | "cost"
  | "hiring";

/** Which list offers the choices of a field shown as a dropdown. */
export type ChoiceList = "segments" | "roles" | "coverage_model" | "touch_cadence";

export interface FieldSpec {
  readonly group: FieldGroup;
  readonly field: string;
  readonly kind: FieldKind;
  /** The field in words, as the pane shows it ("Accounts per CSM"). */
  readonly label: string;
  /** A short column header for the command line's tables. */
  readonly short?: string;
  /** The unit after a value, in words ("days", "months", "weeks"). */
  readonly unit?: string;
  /** Lowest value allowed (inclusive), for number kinds. */
  readonly min?: number;
  /** Values must be above this (exclusive), for number kinds. */
  readonly above?: number;
  /** Highest value allowed (inclusive), for number kinds; for a ramp, its most months. */
  readonly max?: number;
  /** Whether "none" (null) is allowed, and what it means. */
  readonly none?: string;
  /** What a good value is, as the schema says it after "needs" (for files and the command line). */
  readonly expects: string;
  /** Where the choices of a dropdown come from. */
  readonly choices?: ChoiceList;
  /** Whether the field has an assumption key of its own (item names do not). */
  readonly keyed?: false;
}

const RATIO_EXPECTS =
  'a number of accounts per person above 0, or null for "none" (the role does not apply)';
const ROLE_NONE = "the role does not cover the tier";
const MONEY = "an amount in the plan currency, 0 or more";
/** The codes the plan currency and exchange rates take: ISO 4217's three capitals. */
export const CURRENCY_CODE = /^[A-Z]{3}$/;
export const CURRENCY_EXPECTS =
  'a three-letter ISO currency code in capitals, such as "USD" or "EUR"';

/** Every assumption field, in the order of types.ts (the export file's order). */
export const FIELDS = [
  // Tiers
  {
    group: "tier",
    field: "name",
    kind: "name",
    label: "Tier name",
    short: "tier",
    keyed: false,
    expects: "a tier name",
  },
  {
    group: "tier",
    field: "min_acv",
    kind: "amount",
    label: "Min ACV",
    short: "min ACV",
    min: 0,
    expects: "the tier's minimum ACV in the plan currency, 0 or more",
  },
  {
    group: "tier",
    field: "segment",
    kind: "name",
    label: "Segment",
    short: "segment",
    choices: "segments",
    expects: "the name of one of the segments",
  },
  {
    group: "tier",
    field: "coverage_model",
    kind: "text",
    label: "Coverage model",
    short: "coverage model",
    choices: "coverage_model",
    expects: "a description of the coverage model",
  },
  {
    group: "tier",
    field: "touch_cadence",
    kind: "text",
    label: "Touch cadence",
    short: "touch cadence",
    choices: "touch_cadence",
    expects: "a description of the touch cadence",
  },
  {
    group: "tier",
    field: "csm_ratio",
    kind: "ratio",
    label: "Accounts per CSM",
    short: "CSM",
    above: 0,
    none: ROLE_NONE,
    expects: RATIO_EXPECTS,
  },
  {
    group: "tier",
    field: "am_ratio",
    kind: "ratio",
    label: "Accounts per AM",
    short: "AM",
    above: 0,
    none: ROLE_NONE,
    expects: RATIO_EXPECTS,
  },
  {
    group: "tier",
    field: "tam_ratio",
    kind: "ratio",
    label: "Accounts per TAM",
    short: "TAM",
    above: 0,
    none: ROLE_NONE,
    expects: RATIO_EXPECTS,
  },
  {
    group: "tier",
    field: "arr_ceiling",
    kind: "ceiling",
    label: "ARR ceiling per CSM",
    short: "ARR ceiling",
    above: 0,
    none: "no ceiling",
    expects: 'an ARR amount above 0 in the plan currency, or null for "none" (no ceiling)',
  },
  {
    group: "tier",
    field: "sla_days",
    kind: "days",
    label: "Touch SLA",
    short: "SLA days",
    unit: "days",
    min: 0,
    none: "no touch SLA",
    expects: 'a whole number of days, 0 or more, or null for "none" (no touch SLA)',
  },
  // Segments
  {
    group: "segment",
    field: "name",
    kind: "name",
    label: "Segment name",
    short: "segment",
    keyed: false,
    expects: "a segment name",
  },
  {
    group: "segment",
    field: "nrr_target",
    kind: "percent",
    label: "NRR target",
    short: "NRR target",
    min: 0,
    max: 5,
    expects: "a fraction between 0 and 5 (1.3 for 130%)",
  },
  {
    group: "segment",
    field: "grr_target",
    kind: "percent",
    label: "GRR target",
    short: "GRR target",
    min: 0,
    max: 1,
    expects: "a fraction between 0 and 1 (0.97 for 97%)",
  },
  {
    group: "segment",
    field: "expansion_target",
    kind: "percent",
    label: "Expansion target",
    short: "expansion target",
    min: 0,
    max: 5,
    expects: "a fraction of book ARR a year between 0 and 5 (0.1 for 10%)",
  },
  {
    group: "segment",
    field: "comp_role",
    kind: "name",
    label: "Comp role",
    short: "comp role",
    choices: "roles",
    keyed: false,
    expects: "the role name of one of the OTE table's rows",
  },
  // Payout
  {
    group: "payout",
    field: "grr_floor",
    kind: "percent",
    label: "GRR floor (pays the floor multiple)",
    min: 0,
    max: 1,
    expects: "a fraction between 0 and 1 (0.9 for 90%)",
  },
  {
    group: "payout",
    field: "grr_stretch",
    kind: "percent",
    label: "GRR stretch (pays the stretch multiple)",
    min: 0,
    max: 1,
    expects: "a fraction between 0 and 1 (0.98 for 98%)",
  },
  {
    group: "payout",
    field: "floor_multiple",
    kind: "multiple",
    label: "Payout at the floor",
    min: 0,
    max: 1,
    expects: "a payout multiple between 0 and 1 (0.5 for 0.5x)",
  },
  {
    group: "payout",
    field: "stretch_multiple",
    kind: "multiple",
    label: "Payout at stretch",
    min: 1,
    max: 5,
    expects: "a payout multiple between 1 and 5 (1.5 for 1.5x)",
  },
  {
    group: "payout",
    field: "expansion_cap",
    kind: "multiple",
    label: "Expansion pool cap",
    min: 0,
    max: 5,
    expects: "a multiple between 0 and 5 (1.5 for 1.5x)",
  },
  {
    group: "payout",
    field: "ebr_gate",
    kind: "percent",
    label: "EBR completion gate",
    min: 0,
    max: 1,
    expects: "a fraction between 0 and 1 (0.8 for 80% EBR completion)",
  },
  {
    group: "payout",
    field: "ebr_gated_cap",
    kind: "multiple",
    label: "Expansion cap below the EBR gate",
    min: 0,
    max: 5,
    expects: "a multiple between 0 and 5 (1 for 1.0x)",
  },
  // Pool weights of each payout plan
  {
    group: "weights",
    field: "grr_weight",
    kind: "percent",
    label: "GRR pool weight",
    min: 0,
    max: 1,
    expects: "a fraction between 0 and 1 (0.45 for 45%)",
  },
  {
    group: "weights",
    field: "expansion_weight",
    kind: "percent",
    label: "Expansion pool weight",
    min: 0,
    max: 1,
    expects: "a fraction between 0 and 1 (0.35 for 35%)",
  },
  {
    group: "weights",
    field: "mbo_weight",
    kind: "percent",
    label: "MBO pool weight",
    min: 0,
    max: 1,
    expects: "a fraction between 0 and 1 (0.2 for 20%)",
  },
  // Expansion credit bands and clawback
  {
    group: "expansion",
    field: "csm_owned_below",
    kind: "amount",
    label: "CSM-owned below (incremental ARR)",
    min: 0,
    expects: MONEY,
  },
  {
    group: "expansion",
    field: "csm_led_up_to",
    kind: "amount",
    label: "CSM-led up to (incremental ARR)",
    min: 0,
    expects: MONEY,
  },
  {
    group: "expansion",
    field: "csm_led_csm_share",
    kind: "percent",
    label: "CSM share of a CSM-led expansion",
    min: 0,
    max: 1,
    expects: "a fraction between 0 and 1 (0.7 for 70%)",
  },
  {
    group: "expansion",
    field: "ae_led_csm_share",
    kind: "percent",
    label: "CSM co-credit on an AE-led expansion",
    min: 0,
    max: 1,
    expects: "a fraction between 0 and 1 (0.3 for 30%)",
  },
  {
    group: "clawback",
    field: "window_days",
    kind: "days",
    label: "Clawback window",
    unit: "days",
    min: 0,
    expects: "a whole number of days, 0 or more",
  },
  // Capacity, books, cost and hiring
  {
    group: "capacity",
    field: "weeks_per_month",
    kind: "number",
    label: "Weeks per month (capacity from hours)",
    unit: "weeks",
    above: 0,
    max: 5,
    expects: "a number of weeks above 0 and at most 5 (4 or 4.33)",
  },
  {
    group: "book",
    field: "load_threshold",
    kind: "percent",
    label: "Overloaded book above (share of target)",
    above: 0,
    max: 5,
    expects: "a multiple of the target book above 0 and at most 5 (1.1 for 110%)",
  },
  {
    group: "book",
    field: "extend_limit",
    kind: "percent",
    label: "Anchor-and-extend limit",
    min: 0,
    max: 1,
    expects: "a fraction between 0 and 1 (0.3 for 30%)",
  },
  {
    group: "cost",
    field: "healthy_min",
    kind: "percent",
    label: "Healthy CS cost, low (share of ARR)",
    min: 0,
    max: 1,
    expects: "a fraction between 0 and 1 (0.06 for 6% of ARR)",
  },
  {
    group: "cost",
    field: "healthy_max",
    kind: "percent",
    label: "Healthy CS cost, high (share of ARR)",
    min: 0,
    max: 1,
    expects: "a fraction between 0 and 1 (0.1 for 10% of ARR)",
  },
  {
    group: "hiring",
    field: "ramp",
    kind: "ramp",
    label: "New-hire ramp (productivity by month)",
    min: 0,
    max: 24,
    expects: "a list of 1 to 24 monthly productivities between 0 and 1, such as [0, 0.5, 0.5]",
  },
  {
    group: "hiring",
    field: "lead_months",
    kind: "months",
    label: "Hiring lead time",
    unit: "months",
    min: 0,
    max: 24,
    expects: "a whole number of months from 0 to 24",
  },
  // OTE by role
  {
    group: "ote",
    field: "role",
    kind: "name",
    label: "Role",
    short: "role",
    keyed: false,
    expects: "a role name",
  },
  {
    group: "ote",
    field: "base",
    kind: "amount",
    label: "Base",
    short: "base",
    min: 0,
    expects: MONEY,
  },
  {
    group: "ote",
    field: "variable",
    kind: "amount",
    label: "Variable",
    short: "variable",
    min: 0,
    expects: MONEY,
  },
  // The plan currency and exchange rates into it
  {
    group: "plan",
    field: "currency",
    kind: "currency",
    label: "Plan currency",
    short: "currency",
    expects: CURRENCY_EXPECTS,
  },
  {
    group: "fx",
    field: "rate",
    kind: "rate",
    label: "Exchange rate",
    short: "rate",
    above: 0,
    max: 1e9,
    none: "no rate (the currency is refused)",
    expects: "a rate above 0: units of the plan currency per 1 unit of that currency",
  },
] as const satisfies readonly FieldSpec[];

export type Field = (typeof FIELDS)[number];
export type FieldsOf<G extends FieldGroup> = Extract<Field, { group: G }>;

/** The fields of a group, in order. */
export function fieldsOf<G extends FieldGroup>(group: G): readonly FieldsOf<G>[] {
  return FIELDS.filter((f): f is FieldsOf<G> => f.group === group);
}

/** The fields of a group that have assumption keys (item names do not). */
export function keyedFieldsOf(group: FieldGroup): readonly FieldSpec[] {
  return (FIELDS as readonly FieldSpec[]).filter((f) => f.group === group && f.keyed !== false);
}

/** The field of a group by name (exact, lower case), or undefined. */
export function findField(group: FieldGroup, field: string): FieldSpec | undefined {
  return (FIELDS as readonly FieldSpec[]).find((f) => f.group === group && f.field === field);
}

/** The sections of an Assumptions object that hold listed items, and their group. */
export const LIST_SECTIONS: Readonly<Record<string, FieldGroup>> = {
  tiers: "tier",
  segments: "segment",
  ote: "ote",
};

/** The group of the field at a path into an Assumptions object (["tiers", 2, "min_acv"]). */
export function fieldAtPath(path: readonly (string | number)[]): FieldSpec | undefined {
  const [section, second, third] = path;
  if (typeof section !== "string") return undefined;
  if (path.length === 1) return findField("plan", section);
  if (section === "fx") return path.length === 2 ? findField("fx", "rate") : undefined;
  if (Object.prototype.hasOwnProperty.call(LIST_SECTIONS, section))
    return typeof third === "string" ? findField(LIST_SECTIONS[section], third) : undefined;
  if (section === "payout" && (second === "standard" || second === "plg"))
    return typeof third === "string" ? findField("weights", third) : undefined;
  return typeof second === "string" ? findField(section as FieldGroup, second) : undefined;
}

/** Whether a value of this kind is money (right-aligned, with the plan currency). */
export const isMoneyKind = (kind: FieldKind): boolean => kind === "amount" || kind === "ceiling";

/** Whether a value of this kind is a number (tabular figures, right-aligned). */
export const isNumberKind = (kind: FieldKind): boolean =>
  kind !== "name" && kind !== "text" && kind !== "ramp" && kind !== "currency";

/** What a field must be, in words for the pane: "must be above 0 (or 'none')". */
export function mustBe(spec: FieldSpec): string {
  const none = spec.none !== undefined ? " (or 'none')" : "";
  const show = (v: number): string =>
    spec.kind === "percent"
      ? `${Math.round(v * 1e6) / 1e4}%`
      : spec.kind === "multiple"
        ? `${v}x`
        : String(v);
  switch (spec.kind) {
    case "name":
      return "must be a name of 1 to 100 characters";
    case "text":
      return "must be a description of 1 to 500 characters";
    case "ramp":
      return `must be 1 to ${spec.max ?? 24} monthly productivities between 0% and 100%`;
    case "currency":
      return "must be a three-letter currency code, such as USD, EUR or GBP";
    case "rate":
      return "must be above 0: how many units of the plan currency 1 unit buys";
    case "days":
    case "months":
      return `must be a whole number of ${spec.unit ?? spec.kind}, ${spec.max !== undefined ? `0 to ${spec.max}` : "0 or more"}${none}`;
    default:
      break;
  }
  const unit = spec.unit ? ` ${spec.unit}` : "";
  if (spec.above !== undefined && spec.max !== undefined)
    return `must be above ${show(spec.above)} and at most ${show(spec.max)}${unit}${none}`;
  if (spec.above !== undefined) return `must be above ${show(spec.above)}${unit}${none}`;
  if (spec.min !== undefined && spec.max !== undefined)
    return `must be between ${show(spec.min)} and ${show(spec.max)}${unit}${none}`;
  return `must be ${show(spec.min ?? 0)} or more${unit}${none}`;
}
