/**
 * The one schema of a set of assumptions (schema version 1), with zod.
 *
 * types.ts stays the TypeScript definition the functions read; the schema
 * below is checked against it at compile time (both ways), so the two cannot
 * drift. The schema checks each value (type, range, whole numbers) and then
 * the rules that tie values together (tier order, weights summing to 100%,
 * names that must exist elsewhere). Every problem is reported, not just the
 * first, as {key, message}: the key is the assumption key of FUNCTIONS.md
 * ("tier.Pooled.min_acv", "payout.standard.grr_weight") and the message is a
 * sentence that names the key and says what to fix.
 *
 * Unknown properties are refused everywhere (strict), and so are the names
 * JavaScript reserves (__proto__, constructor, prototype) at any depth:
 * JSON.parse turns "__proto__" into an own property, which must never reach
 * code that could copy it onto a prototype.
 */
import { z } from "zod";
import { fmt } from "../errors";
import { nameKey } from "../values";
import { Assumptions, PAYOUT_PLANS } from "./types";

// No code generation: the task pane's Content-Security-Policy forbids eval
// (zod's compiled fast path would even probe for it with new Function, which
// the browser reports as a violation). Assumptions are small; speed is moot.
z.config({ jitless: true });

export const SCHEMA_VERSION = 1;

/** One thing wrong with a set of assumptions. */
export interface Problem {
  /** The assumption key (FUNCTIONS.md scheme) or, for a file, the part of it. */
  key: string;
  message: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** A problem with the path of the value it is about, so an editor can show it next to the field. */
export interface LocatedProblem extends Problem {
  /** Steps into the assumptions object: ["tiers", 2, "min_acv"]; [] for the whole. */
  path: (string | number)[];
}

const unlocated = (problems: LocatedProblem[]): Problem[] =>
  problems.map(({ key, message }) => ({ key, message }));
const steps = (path: readonly PropertyKey[]): (string | number)[] =>
  path.map((p) => (typeof p === "symbol" ? "?" : p));

/** Property names that could reach Object.prototype if ever copied naively. */
export const FORBIDDEN_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

/** The largest weight-sum error still taken as 100% (floating-point dust). */
export const WEIGHT_TOLERANCE = 1e-9;

// Each value schema carries one phrase, "needs ...", used for every way the
// value can be wrong (missing, wrong type, out of range); see toProblem.
const MAX_NAME = 100;
const MAX_TEXT = 500;
const MAX_MULTIPLE = 5;
const MAX_RAMP_MONTHS = 24;
const MAX_LEAD_MONTHS = 24;
/** A month has 4.43 weeks at most: 5 catches a value typed in the wrong unit. */
const MAX_WEEKS_PER_MONTH = 5;

function name(what: string) {
  const p = `${what}: text of 1 to ${MAX_NAME} characters, not blank`;
  return z.string(p).max(MAX_NAME, p).regex(/\S/, p);
}
function text(what: string) {
  const p = `${what}: text of 1 to ${MAX_TEXT} characters, not blank`;
  return z.string(p).max(MAX_TEXT, p).regex(/\S/, p);
}
function amount(what = "an amount in dollars, 0 or more") {
  return z.number(what).min(0, what);
}
function between(lo: number, hi: number, what: string) {
  return z.number(what).min(lo, what).max(hi, what);
}
function fraction(example: string) {
  return between(0, 1, `a fraction between 0 and 1 (${example})`);
}
function whole(lo: number, hi: number | null, what: string) {
  const n = z.number(what).int(what).min(lo, what);
  return hi === null ? n : n.max(hi, what);
}
const ratio = z
  .number('a number of accounts per person above 0, or null for "none" (the role does not apply)')
  .gt(0, 'a number of accounts per person above 0, or null for "none" (the role does not apply)')
  .nullable();
const slaDays = whole(
  0,
  null,
  'a whole number of days, 0 or more, or null for "none" (no touch SLA)'
).nullable();

const CURRENCY_CODE = 'a three-letter ISO currency code in capitals, such as "USD" or "EUR"';
const FX_TABLE =
  'an object of exchange rates by currency code, such as {"EUR": 1.08} (1 EUR = 1.08 of the plan currency)';
const fxRate = z
  .number("a rate above 0: units of the plan currency per 1 unit of that currency")
  .gt(0, "a rate above 0: units of the plan currency per 1 unit of that currency")
  .max(1e9, "a rate above 0: units of the plan currency per 1 unit of that currency");

const tierSchema = z.strictObject(
  {
    name: name("a tier name"),
    min_acv: amount("the tier's minimum ACV in dollars, 0 or more"),
    segment: name("the name of one of the segments"),
    coverage_model: text("a description of the coverage model"),
    touch_cadence: text("a description of the touch cadence"),
    csm_ratio: ratio,
    am_ratio: ratio,
    tam_ratio: ratio,
    arr_ceiling: z
      .number('an ARR amount above 0 dollars, or null for "none" (no ceiling)')
      .gt(0, 'an ARR amount above 0 dollars, or null for "none" (no ceiling)')
      .nullable(),
    sla_days: slaDays,
  },
  "an object with the tier's fields: name, min_acv, segment, coverage_model, touch_cadence, csm_ratio, am_ratio, tam_ratio, arr_ceiling, sla_days"
);

const segmentSchema = z.strictObject(
  {
    name: name("a segment name"),
    nrr_target: between(0, MAX_MULTIPLE, "a fraction between 0 and 5 (1.3 for 130%)"),
    grr_target: fraction("0.97 for 97%"),
    expansion_target: between(
      0,
      MAX_MULTIPLE,
      "a fraction of book ARR a year between 0 and 5 (0.1 for 10%)"
    ),
    comp_role: name("the role name of one of the OTE table's rows"),
  },
  "an object with the segment's fields: name, nrr_target, grr_target, expansion_target, comp_role"
);

const weightsSchema = z.strictObject(
  {
    grr_weight: fraction("0.45 for 45%"),
    expansion_weight: fraction("0.35 for 35%"),
    mbo_weight: fraction("0.2 for 20%"),
  },
  "an object with grr_weight, expansion_weight and mbo_weight"
);

const payoutSchema = z.strictObject(
  {
    grr_floor: fraction("0.9 for 90%"),
    grr_stretch: fraction("0.98 for 98%"),
    floor_multiple: between(0, 1, "a payout multiple between 0 and 1 (0.5 for 0.5x)"),
    stretch_multiple: between(1, MAX_MULTIPLE, "a payout multiple between 1 and 5 (1.5 for 1.5x)"),
    expansion_cap: between(0, MAX_MULTIPLE, "a multiple between 0 and 5 (1.5 for 1.5x)"),
    ebr_gate: fraction("0.8 for 80% EBR completion"),
    ebr_gated_cap: between(0, MAX_MULTIPLE, "a multiple between 0 and 5 (1 for 1.0x)"),
    standard: weightsSchema,
    plg: weightsSchema,
  },
  "an object with the payout assumptions (grr_floor, grr_stretch, ..., standard, plg)"
);

const expansionSchema = z.strictObject(
  {
    csm_owned_below: amount(),
    csm_led_up_to: amount(),
    csm_led_csm_share: fraction("0.7 for 70%"),
    ae_led_csm_share: fraction("0.3 for 30%"),
  },
  "an object with csm_owned_below, csm_led_up_to, csm_led_csm_share and ae_led_csm_share"
);

const oteSchema = z.strictObject(
  { role: name("a role name"), base: amount(), variable: amount() },
  "an object with role, base and variable"
);

const sections = {
  tiers: z
    .array(tierSchema, "a list of tiers, from the lowest minimum ACV up")
    .min(1, "a list of at least one tier, the first with min_acv 0"),
  segments: z.array(segmentSchema, "a list of segments").min(1, "a list of at least one segment"),
  payout: payoutSchema,
  expansion: expansionSchema,
  clawback: z.strictObject(
    { window_days: whole(0, null, "a whole number of days, 0 or more") },
    "an object with window_days"
  ),
  capacity: z.strictObject(
    {
      weeks_per_month: z
        .number("a number of weeks above 0 and at most 5 (4 or 4.33)")
        .gt(0, "a number of weeks above 0 and at most 5 (4 or 4.33)")
        .max(MAX_WEEKS_PER_MONTH, "a number of weeks above 0 and at most 5 (4 or 4.33)"),
    },
    "an object with weeks_per_month"
  ),
  book: z.strictObject(
    {
      load_threshold: z
        .number("a multiple of the target book above 0 and at most 5 (1.1 for 110%)")
        .gt(0, "a multiple of the target book above 0 and at most 5 (1.1 for 110%)")
        .max(MAX_MULTIPLE, "a multiple of the target book above 0 and at most 5 (1.1 for 110%)"),
      extend_limit: fraction("0.3 for 30%"),
    },
    "an object with load_threshold and extend_limit"
  ),
  cost: z.strictObject(
    { healthy_min: fraction("0.06 for 6% of ARR"), healthy_max: fraction("0.1 for 10% of ARR") },
    "an object with healthy_min and healthy_max"
  ),
  hiring: z.strictObject(
    {
      ramp: z
        .array(
          fraction("0.5 for half productive"),
          `a list of 1 to ${MAX_RAMP_MONTHS} monthly productivities between 0 and 1, such as [0, 0.5, 0.5]`
        )
        .min(
          1,
          `a list of 1 to ${MAX_RAMP_MONTHS} monthly productivities between 0 and 1, such as [0, 0.5, 0.5]`
        )
        .max(
          MAX_RAMP_MONTHS,
          `a list of 1 to ${MAX_RAMP_MONTHS} monthly productivities between 0 and 1, such as [0, 0.5, 0.5]`
        ),
      lead_months: whole(0, MAX_LEAD_MONTHS, "a whole number of months from 0 to 24"),
    },
    "an object with ramp and lead_months"
  ),
  ote: z.array(oteSchema, "a list of OTE rows").min(1, "a list of at least one OTE row"),
  // Added after version 1 without a new version: a file without them means what it always
  // meant (amounts in US dollars, no exchange rates), so they default rather than migrate.
  currency: z
    .string(CURRENCY_CODE)
    .regex(/^[A-Z]{3}$/, CURRENCY_CODE)
    .default("USD"),
  fx: z.record(z.string().regex(/^[A-Z]{3}$/, CURRENCY_CODE), fxRate, FX_TABLE).default(() => ({})),
};

/** The assumptions without their version and preset: the body of an export file. */
export const assumptionsBodySchema = z
  .strictObject(sections, "an object with the assumption sections (tiers, segments, payout, ...)")
  .superRefine(crossFieldRules, { when: () => true });

/** A whole Assumptions object (types.ts), as the functions read it. */
export const assumptionsSchema = z
  .strictObject(
    {
      schema_version: z.literal(SCHEMA_VERSION, `${SCHEMA_VERSION} (the schema version)`),
      preset: name("the name of the preset these assumptions started from"),
      ...sections,
    },
    "an object with schema_version, preset and the assumption sections (tiers, segments, ...)"
  )
  .superRefine(crossFieldRules, { when: () => true });

export type AssumptionsBody = Omit<Assumptions, "schema_version" | "preset">;

// The schema and types.ts describe the same type (checked both ways).
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesTypes: Same<z.infer<typeof assumptionsSchema>, Assumptions> = true;
const bodyMatchesTypes: Same<z.infer<typeof assumptionsBodySchema>, AssumptionsBody> = true;
void schemaMatchesTypes;
void bodyMatchesTypes;

// ---------------------------------------------------------------------------
// Rules between values. They run even when some values are wrong (so every
// problem is reported at once) and therefore read the input defensively:
// a rule only looks at values that have the right type.

type Loose = Record<string, unknown>;
type Ctx = z.core.$RefinementCtx;

function obj(v: unknown): Loose | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Loose) : undefined;
}
function list(v: unknown): Loose[] {
  return Array.isArray(v) ? v.map((item) => obj(item) ?? {}) : [];
}
function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}
function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}
function pct(v: number): string {
  return `${fmt(v * 100)}%`;
}

function rule(ctx: Ctx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: "custom", path, message, params: { rule: true } });
}

/** The key of a listed item: tier.<name>, segment.<name>, ote.<role>. */
function itemKey(section: string, item: Loose, index: number): string {
  const label = str(item[section === "ote" ? "role" : "name"]);
  return `${SINGULAR[section] ?? section}.${label !== undefined ? label.trim() : `#${index + 1}`}`;
}
const SINGULAR: Record<string, string> = { tiers: "tier", segments: "segment", ote: "ote" };

function uniqueNames(ctx: Ctx, section: string, items: Loose[], field: string, what: string) {
  const seen = new Map<string, string>();
  items.forEach((item, i) => {
    const label = str(item[field]);
    if (label === undefined) return;
    const k = nameKey(label);
    const first = seen.get(k);
    if (first !== undefined)
      rule(
        ctx,
        [section, i, field],
        `${itemKey(section, item, i)}.${field}: the ${what} ${JSON.stringify(label.trim())} is used twice (names match ignoring case and spaces); rename or remove one of them.`
      );
    else seen.set(k, label);
  });
}

function crossFieldRules(value: unknown, ctx: Ctx): void {
  const v = obj(value) ?? {};
  const tiers = list(v.tiers);
  const segments = list(v.segments);
  const ote = list(v.ote);
  const payout = obj(v.payout) ?? {};

  // Tiers: unique names, minimums strictly increasing from exactly 0.
  uniqueNames(ctx, "tiers", tiers, "name", "tier name");
  let previous: { key: string; min: number } | undefined;
  tiers.forEach((tier, i) => {
    const min = num(tier.min_acv);
    if (min === undefined || min < 0) return;
    const key = `${itemKey("tiers", tier, i)}.min_acv`;
    if (i === 0 && min !== 0)
      rule(
        ctx,
        ["tiers", i, "min_acv"],
        `${key} is ${fmt(min)}, but the first tier must start at 0 so that every ACV has a tier; set it to 0 (tiers are listed from the lowest minimum ACV up).`
      );
    if (previous !== undefined && min === previous.min)
      rule(
        ctx,
        ["tiers", i, "min_acv"],
        `${key} is ${fmt(min)}, the same minimum ACV as ${previous.key}; give each tier a higher minimum than the tier before it.`
      );
    else if (previous !== undefined && min < previous.min)
      rule(
        ctx,
        ["tiers", i, "min_acv"],
        `${key} is ${fmt(min)}, below ${previous.key} (${fmt(previous.min)}); list the tiers in ascending order of minimum ACV, each above the one before.`
      );
    previous = { key, min };
  });

  // Each tier's segment is a segment.
  const segmentNames = segments.map((s) => str(s.name)).filter((s): s is string => !!s);
  const segmentKeys = new Set(segmentNames.map(nameKey));
  if (segmentNames.length > 0)
    tiers.forEach((tier, i) => {
      const segment = str(tier.segment);
      if (segment !== undefined && !segmentKeys.has(nameKey(segment)))
        rule(
          ctx,
          ["tiers", i, "segment"],
          `${itemKey("tiers", tier, i)}.segment is ${JSON.stringify(segment)}, which is not a segment; use one of ${segmentNames.join(", ")}, or add segment ${JSON.stringify(segment)}.`
        );
    });

  // Segments: unique names, comp role in the OTE table, GRR target inside the payout curve.
  uniqueNames(ctx, "segments", segments, "name", "segment name");
  const roles = ote.map((o) => str(o.role)).filter((r): r is string => !!r);
  const roleKeys = new Set(roles.map(nameKey));
  const floor = num(payout.grr_floor);
  const stretch = num(payout.grr_stretch);
  segments.forEach((segment, i) => {
    const key = itemKey("segments", segment, i);
    const role = str(segment.comp_role);
    if (role !== undefined && roles.length > 0 && !roleKeys.has(nameKey(role)))
      rule(
        ctx,
        ["segments", i, "comp_role"],
        `${key}.comp_role is ${JSON.stringify(role)}, which is not a role of the OTE table; use one of ${roles.join(", ")}, or add ote.${role}.`
      );
    const target = num(segment.grr_target);
    if (target === undefined || floor === undefined || stretch === undefined || floor >= stretch)
      return;
    if (target <= floor || target >= stretch)
      rule(
        ctx,
        ["segments", i, "grr_target"],
        `${key}.grr_target is ${pct(target)}; it must be above payout.grr_floor (${pct(floor)}) and below payout.grr_stretch (${pct(stretch)}), since the GRR payout curve runs floor < target < stretch.`
      );
  });

  // Payout curve, caps and weights.
  if (floor !== undefined && stretch !== undefined && floor >= stretch)
    rule(
      ctx,
      ["payout", "grr_floor"],
      `payout.grr_floor (${pct(floor)}) must be below payout.grr_stretch (${pct(stretch)}); the GRR payout curve runs floor < target < stretch.`
    );
  const cap = num(payout.expansion_cap);
  const gated = num(payout.ebr_gated_cap);
  if (cap !== undefined && gated !== undefined && gated > cap)
    rule(
      ctx,
      ["payout", "ebr_gated_cap"],
      `payout.ebr_gated_cap (${fmt(gated)}x) is above payout.expansion_cap (${fmt(cap)}x); the EBR gate lowers the cap, so set it at or below the cap.`
    );
  for (const plan of PAYOUT_PLANS) {
    const w = obj(payout[plan]) ?? {};
    const parts = [num(w.grr_weight), num(w.expansion_weight), num(w.mbo_weight)];
    if (parts.some((p) => p === undefined)) continue;
    const [grr, exp, mbo] = parts as number[];
    const sum = grr + exp + mbo;
    if (Math.abs(sum - 1) > WEIGHT_TOLERANCE)
      rule(
        ctx,
        ["payout", plan],
        `payout.${plan} weights add up to ${pct(sum)} (grr_weight ${pct(grr)} + expansion_weight ${pct(exp)} + mbo_weight ${pct(mbo)}); change them so they add up to 100%.`
      );
  }

  // Expansion bands.
  const expansion = obj(v.expansion) ?? {};
  const owned = num(expansion.csm_owned_below);
  const led = num(expansion.csm_led_up_to);
  if (owned !== undefined && led !== undefined && owned > led)
    rule(
      ctx,
      ["expansion", "csm_led_up_to"],
      `expansion.csm_led_up_to (${fmt(led)}) is below expansion.csm_owned_below (${fmt(owned)}); the CSM-led band runs from csm_owned_below up to csm_led_up_to, so raise it or lower csm_owned_below.`
    );

  // Healthy cost range.
  const cost = obj(v.cost) ?? {};
  const lo = num(cost.healthy_min);
  const hi = num(cost.healthy_max);
  if (lo !== undefined && hi !== undefined && lo > hi)
    rule(
      ctx,
      ["cost", "healthy_min"],
      `cost.healthy_min (${pct(lo)}) is above cost.healthy_max (${pct(hi)}); the healthy range runs from healthy_min to healthy_max.`
    );

  uniqueNames(ctx, "ote", ote, "role", "role");

  // The plan currency's own rate is 1 by definition: a stored one would say otherwise.
  const currency = str(v.currency) ?? "USD";
  if (obj(v.fx) !== undefined && hasOwn(obj(v.fx) ?? {}, currency))
    rule(
      ctx,
      ["fx", currency],
      `fx.${currency} is a rate for the plan currency itself (${currency}); remove it, or change currency first.`
    );
}

// ---------------------------------------------------------------------------
// From zod issues to problems.

/** The assumption key of a path inside an assumptions object (root = that object). */
export function keyOfPath(path: readonly PropertyKey[], root: unknown): string {
  const [head, index, field, ...rest] = path.map((p) => (typeof p === "symbol" ? "?" : p));
  if (head === undefined) return "(the assumptions)";
  if (typeof head === "string" && hasOwn(SINGULAR, head) && typeof index === "number") {
    const items = list(obj(root)?.[head]);
    const base = itemKey(head, items[index] ?? {}, index);
    return [base, field, ...rest].filter((p) => p !== undefined).join(".");
  }
  if (head === "hiring" && index === "ramp") return "hiring.ramp";
  return [head, index, field, ...rest].filter((p) => p !== undefined).join(".");
}

/** Shows a JSON value in a message: text quoted and cut short. */
export function showJson(value: unknown): string {
  if (typeof value === "string")
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : String(value);
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const distance = (a: string, b: string): number => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++)
        cur[j] = Math.min(
          prev[j] + 1,
          cur[j - 1] + 1,
          prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
        );
      prev = cur;
    }
    return prev[b.length];
  };
  if (w.length > MAX_NAME) return undefined;
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d <= 2 && (best === undefined || d < best.d)) best = { c, d };
  }
  return best?.c;
}

const hasOwn = (o: object, k: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The field names of the object at `path`, followed from `schema` (for spelling hints). */
function knownFields(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let at: unknown = schema;
  for (const step of path) {
    if (at instanceof z.ZodObject && typeof step === "string" && hasOwn(at.shape, step))
      at = at.shape[step];
    else if (at instanceof z.ZodArray && typeof step === "number") at = at.element;
    else return [];
  }
  return at instanceof z.ZodObject ? Object.keys(at.shape) : [];
}

/** Turns zod issues into problems (paths relative to `root`, an assumptions object or body). */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  schema: z.ZodType
): Problem[] {
  return unlocated(locatedIssues(issues, root, schema));
}

function locatedIssues(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  schema: z.ZodType
): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const fields = knownFields(schema, issue.path);
      for (const k of issue.keys) {
        if (FORBIDDEN_KEYS.includes(k)) continue; // reported by forbiddenKeyProblems
        const key = issue.path.length === 0 ? k : `${keyOfPath(issue.path, root)}.${k}`;
        const hint = closest(k, fields);
        problems.push({
          key,
          path: [...steps(issue.path), k],
          message: hint
            ? `${key} is not an assumption; did you mean ${hint}? Correct its name or remove it.`
            : `${key} is not an assumption; remove it${fields.length ? ` (known here: ${fields.join(", ")})` : ""}.`,
        });
      }
      continue;
    }
    const key = keyOfPath(issue.path, root);
    const params = (issue as { params?: { rule?: boolean } }).params;
    const path = steps(issue.path);
    if (issue.code === "custom" && params?.rule) {
      problems.push({ key, path, message: issue.message });
      continue;
    }
    const last = issue.path[issue.path.length - 1];
    const where =
      key === "hiring.ramp" && typeof last === "number" ? `${key} month ${last + 1}` : key;
    const input = (issue as { input?: unknown }).input;
    const message =
      input === undefined && issue.code === "invalid_type"
        ? `${where} is missing; it needs ${issue.message}.`
        : `${where} needs ${issue.message}, not ${showJson(input)}.`;
    problems.push({ key, path, message });
  }
  return dedupe(problems);
}

function dedupe<P extends Problem>(problems: P[]): P[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = `${p.key}\u0000${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Every reserved property name anywhere in a parsed JSON value (walked
 * without recursion, so a deeply nested value cannot overflow the stack).
 * `keyOf` turns a path into the key shown.
 */
export function forbiddenKeyProblems(
  value: unknown,
  keyOf: (path: PropertyKey[]) => string
): Problem[] {
  return unlocated(forbiddenKeysLocated(value, keyOf));
}

function forbiddenKeysLocated(
  value: unknown,
  keyOf: (path: PropertyKey[]) => string
): LocatedProblem[] {
  // Each visited node keeps a link to its parent, so no path is copied per
  // node (a path is rebuilt only for a reserved key, which is rare).
  interface Visit {
    node: unknown;
    step: PropertyKey;
    parent: Visit | null;
  }
  const pathOf = (visit: Visit): PropertyKey[] => {
    const path: PropertyKey[] = [];
    for (let v: Visit | null = visit; v !== null && v.parent !== null; v = v.parent)
      path.push(v.step);
    return path.reverse();
  };
  const problems: LocatedProblem[] = [];
  const stack: Visit[] = [{ node: value, step: "", parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const node = visit.node;
    if (typeof node !== "object" || node === null) continue;
    const isArray = Array.isArray(node);
    for (const k of Object.keys(node)) {
      if (FORBIDDEN_KEYS.includes(k)) {
        const path = pathOf(visit);
        const key = path.length === 0 ? k : `${keyOf(path)}.${k}`;
        problems.push({
          key,
          path: [...steps(path), k],
          message: `${key}: "${k}" is a name JavaScript reserves and is never an assumption; remove it.`,
        });
        continue;
      }
      const child = (node as Record<string, unknown>)[k];
      if (typeof child === "object" && child !== null)
        stack.push({ node: child, step: isArray ? Number(k) : k, parent: visit });
    }
  }
  return problems.reverse();
}

type LocatedValidation<T> = { ok: true; value: T } | { ok: false; problems: LocatedProblem[] };

function run<T>(schema: z.ZodType<T>, input: unknown): LocatedValidation<T> {
  const forbidden = forbiddenKeysLocated(input, (path) => keyOfPath(path, input));
  const result = schema.safeParse(input, { reportInput: true });
  const problems = dedupe([
    ...forbidden,
    ...(result.success ? [] : locatedIssues(result.error.issues, input, schema)),
  ]);
  if (problems.length > 0 || !result.success) return { ok: false, problems };
  return { ok: true, value: result.data };
}

function withoutPaths<T>(result: LocatedValidation<T>): Validation<T> {
  return result.ok ? result : { ok: false, problems: unlocated(result.problems) };
}

/** Checks a whole Assumptions object; returns a clean copy or every problem. */
export function validateAssumptions(input: unknown): Validation<Assumptions> {
  return withoutPaths(run(assumptionsSchema, input));
}

/** As validateAssumptions, with the path of each problem (for the task pane's fields). */
export function validateAssumptionsLocated(input: unknown): LocatedValidation<Assumptions> {
  return run(assumptionsSchema, input);
}

/** Checks the body of an export file (assumptions without schema_version and preset). */
export function validateBody(input: unknown): Validation<AssumptionsBody> {
  return withoutPaths(run(assumptionsBodySchema, input));
}
