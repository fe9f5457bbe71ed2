/**
 * The shape of a set of assumptions (schema version 1) as zod schemas, made
 * from the field table (fields.ts): each field's type, range and whole-number
 * checks, with the one phrase of what a good value is ("needs ..."), used for
 * every way the value can be wrong. The rules between fields are in
 * rules.ts; turning zod's issues into problems is in problems.ts.
 *
 * The inferred type is checked against types.ts at compile time (both ways),
 * so the table, the schema and the types cannot drift.
 */
import { z } from "zod";
import { CURRENCY_CODE, CURRENCY_EXPECTS, Field, FieldGroup, fieldsOf, FieldsOf } from "./fields";
import { Assumptions } from "./types";

// No code generation: the task pane's Content-Security-Policy forbids eval
// (zod's compiled fast path would even probe for it with new Function, which
// the browser reports as a violation). Assumptions are small; speed is moot.
z.config({ jitless: true });

export const SCHEMA_VERSION = 1;

const MAX_NAME = 100;
const MAX_TEXT = 500;

function name(what: string) {
  const p = `${what}: text of 1 to ${MAX_NAME} characters, not blank`;
  return z.string(p).max(MAX_NAME, p).regex(/\S/, p);
}
function text(what: string) {
  const p = `${what}: text of 1 to ${MAX_TEXT} characters, not blank`;
  return z.string(p).max(MAX_TEXT, p).regex(/\S/, p);
}

/** The zod type of each kind (nullable where "none" is allowed). */
type ZodOf<F extends Field> = F["kind"] extends "name" | "text" | "currency"
  ? z.ZodString
  : F["kind"] extends "ramp"
    ? z.ZodArray<z.ZodNumber>
    : F extends { none: string }
      ? z.ZodNullable<z.ZodNumber>
      : z.ZodNumber;

type Shape<G extends FieldGroup> = { [F in FieldsOf<G> as F["field"]]: ZodOf<F> };

function numberCheck(f: Field): z.ZodNumber {
  const p = f.expects;
  let n = z.number(p);
  if (f.kind === "days" || f.kind === "months") n = n.int(p);
  if ("above" in f && f.above !== undefined) n = n.gt(f.above, p);
  if ("min" in f && f.min !== undefined) n = n.min(f.min, p);
  if ("max" in f && f.max !== undefined) n = n.max(f.max, p);
  return n;
}

function fieldCheck(f: Field): z.ZodType {
  switch (f.kind) {
    case "name":
      return name(f.expects);
    case "text":
      return text(f.expects);
    case "currency":
      return z.string(f.expects).regex(CURRENCY_CODE, f.expects);
    case "rate":
      // "none" removes a rate (keys.ts); a stored rate is always a number.
      return numberCheck(f);
    case "ramp": {
      const most = f.max;
      return z
        .array(z.number(FRACTION_MONTH).min(0, FRACTION_MONTH).max(1, FRACTION_MONTH), f.expects)
        .min(1, f.expects)
        .max(most, f.expects);
    }
    default: {
      const n = numberCheck(f);
      return "none" in f ? n.nullable() : n;
    }
  }
}
const FRACTION_MONTH = "a fraction between 0 and 1 (0.5 for half productive)";

/** The zod shape of a group's fields, from the table. */
export function shapeOf<G extends FieldGroup>(group: G): Shape<G> {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fieldsOf(group)) shape[f.field] = fieldCheck(f);
  return shape as Shape<G>;
}

/** "a, b and c" */
const and = (names: readonly string[]): string =>
  names.length < 2
    ? names.join("")
    : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
const names = (group: FieldGroup): string[] => fieldsOf(group).map((f) => f.field);

/** A single section (payout.grr_floor, hiring.ramp, ...) as a strict object. */
function single<G extends FieldGroup>(group: G) {
  return z.strictObject(shapeOf(group), `an object with ${and(names(group))}`);
}

const tierSchema = z.strictObject(
  shapeOf("tier"),
  `an object with the tier's fields: ${names("tier").join(", ")}`
);
const segmentSchema = z.strictObject(
  shapeOf("segment"),
  `an object with the segment's fields: ${names("segment").join(", ")}`
);
const weightsSchema = single("weights");
const [RATE] = fieldsOf("fx");
const FX_TABLE =
  'an object of exchange rates by currency code, such as {"EUR": 1.08} (1 EUR = 1.08 of the plan currency)';
const oteSchema = single("ote");

export const sections = {
  tiers: z
    .array(tierSchema, "a list of tiers, from the lowest minimum ACV up")
    .min(1, "a list of at least one tier, the first with min_acv 0"),
  segments: z.array(segmentSchema, "a list of segments").min(1, "a list of at least one segment"),
  payout: z.strictObject(
    { ...shapeOf("payout"), standard: weightsSchema, plg: weightsSchema },
    "an object with the payout assumptions (grr_floor, grr_stretch, ..., standard, plg)"
  ),
  expansion: single("expansion"),
  clawback: single("clawback"),
  capacity: single("capacity"),
  book: single("book"),
  cost: single("cost"),
  hiring: single("hiring"),
  ote: z.array(oteSchema, "a list of OTE rows").min(1, "a list of at least one OTE row"),
  // Added after version 1 without a new version: a file without them means what it always
  // meant (amounts in US dollars, no exchange rates), so they default rather than migrate.
  currency: z.string(CURRENCY_EXPECTS).regex(CURRENCY_CODE, CURRENCY_EXPECTS).default("USD"),
  fx: z
    .record(z.string().regex(CURRENCY_CODE, CURRENCY_EXPECTS), numberCheck(RATE), FX_TABLE)
    .default(() => ({})),
};

/** The sections of an Assumptions object in export order. */
export const SECTION_NAMES = Object.keys(sections) as (keyof typeof sections)[];

export const versionShape = {
  schema_version: z.literal(SCHEMA_VERSION, `${SCHEMA_VERSION} (the schema version)`),
  preset: name("the name of the preset these assumptions started from"),
};

export type AssumptionsBody = Omit<Assumptions, "schema_version" | "preset">;

// The table's shapes and types.ts describe the same type (checked both ways).
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const bodyMatchesTypes: Same<z.infer<z.ZodObject<typeof sections>>, AssumptionsBody> = true;
void bodyMatchesTypes;
