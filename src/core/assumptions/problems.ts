/**
 * Problems with a set of assumptions: zod's issues turned into {key,
 * message, words, path}, and the property names JavaScript reserves found
 * anywhere in a parsed file. The key is the assumption key of FUNCTIONS.md
 * ("tier.Pooled.min_acv", "payout.standard.grr_weight"); the message is a
 * sentence that names the key and says what to fix (files, command line);
 * the words say the same with the field's label (the task pane):
 * "Strategic - Accounts per CSM must be above 0 (or 'none')".
 */
import { z } from "zod";
import { fieldAtPath, mustBe } from "./fields";
import { itemKey, itemWords, list, obj, RuleParams, SINGULAR } from "./rules";

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
  /** The problem in words, with field labels instead of keys (the task pane shows these). */
  words?: string;
}

export type LocatedValidation<T> =
  { ok: true; value: T } | { ok: false; problems: LocatedProblem[] };

export const unlocated = (problems: LocatedProblem[]): Problem[] =>
  problems.map(({ key, message }) => ({ key, message }));
const steps = (path: readonly PropertyKey[]): (string | number)[] =>
  path.map((p) => (typeof p === "symbol" ? "?" : p));

/** Property names that could reach Object.prototype if ever copied naively. */
export const FORBIDDEN_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

const MAX_NAME = 100;

/** A field in words: "Strategic - Accounts per CSM", "Standard plan - GRR pool weight". */
export function fieldWords(path: readonly (string | number)[], root: unknown): string | undefined {
  const spec = fieldAtPath(path);
  if (!spec) return undefined;
  const [section, index] = path;
  if (typeof section === "string" && SINGULAR[section] && typeof index === "number") {
    const items = list(obj(root)?.[section]);
    return `${itemWords(section, items[index] ?? {}, index)} - ${spec.label}`;
  }
  if (section === "fx" && typeof index === "string") return `${index} ${spec.label.toLowerCase()}`;
  if (section === "payout" && (index === "standard" || index === "plg"))
    return `${index === "plg" ? "PLG" : "Standard"} plan - ${spec.label}`;
  return spec.label;
}

/** What a field must be, in words, when the schema refuses its value. */
function wordsOfFieldIssue(
  path: (string | number)[],
  root: unknown,
  missing: boolean
): string | undefined {
  const fieldPath =
    typeof path[path.length - 1] === "number" && path[0] === "hiring" ? path.slice(0, -1) : path;
  const spec = fieldAtPath(fieldPath);
  const where = fieldWords(fieldPath, root);
  if (!spec || where === undefined) return undefined;
  return missing ? `${where} is missing; it ${mustBe(spec)}.` : `${where} ${mustBe(spec)}.`;
}

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

export function locatedIssues(
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
    const params = (issue as { params?: Partial<RuleParams> }).params;
    const path = steps(issue.path);
    if (issue.code === "custom" && params?.rule) {
      problems.push({ key, path, message: issue.message, words: params.words });
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
    const words = wordsOfFieldIssue(
      path,
      root,
      input === undefined && issue.code === "invalid_type"
    );
    problems.push({ key, path, message, ...(words !== undefined ? { words } : {}) });
  }
  return dedupe(problems);
}

export function dedupe<P extends Problem>(problems: P[]): P[] {
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

export function forbiddenKeysLocated(
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
