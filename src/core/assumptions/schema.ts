/**
 * The one schema of a set of assumptions (schema version 1), with zod, and
 * the functions that check a set against it. Its parts: shapes.ts (each
 * value's type and range, made from the field table of fields.ts), rules.ts
 * (the rules that tie values together: tier order, weights summing to 100%,
 * names that must exist elsewhere) and problems.ts (every problem reported,
 * not just the first, as {key, message}, with the path and words the task
 * pane shows next to a field).
 *
 * Unknown properties are refused everywhere (strict), and so are the names
 * JavaScript reserves (__proto__, constructor, prototype) at any depth:
 * JSON.parse turns "__proto__" into an own property, which must never reach
 * code that could copy it onto a prototype.
 */
import { z } from "zod";
import {
  dedupe,
  forbiddenKeysLocated,
  keyOfPath,
  locatedIssues,
  LocatedValidation,
  unlocated,
  Validation,
} from "./problems";
import { crossFieldRules } from "./rules";
import { AssumptionsBody, sections, versionShape } from "./shapes";
import { Assumptions } from "./types";

export { SCHEMA_VERSION } from "./shapes";
export type { AssumptionsBody } from "./shapes";
export { WEIGHT_TOLERANCE } from "./rules";
export {
  FORBIDDEN_KEYS,
  forbiddenKeyProblems,
  issuesToProblems,
  keyOfPath,
  showJson,
} from "./problems";
export type { LocatedProblem, LocatedValidation, Problem, Validation } from "./problems";

/** The assumptions without their version and preset: the body of an export file. */
export const assumptionsBodySchema = z
  .strictObject(sections, "an object with the assumption sections (tiers, segments, payout, ...)")
  .superRefine(crossFieldRules, { when: () => true });

/** A whole Assumptions object (types.ts), as the functions read it. */
export const assumptionsSchema = z
  .strictObject(
    { ...versionShape, ...sections },
    "an object with schema_version, preset and the assumption sections (tiers, segments, ...)"
  )
  .superRefine(crossFieldRules, { when: () => true });

// The schema and types.ts describe the same type (checked both ways).
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesTypes: Same<z.infer<typeof assumptionsSchema>, Assumptions> = true;
const bodyMatchesTypes: Same<z.infer<typeof assumptionsBodySchema>, AssumptionsBody> = true;
void schemaMatchesTypes;
void bodyMatchesTypes;

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
