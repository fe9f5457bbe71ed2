/**
 * The task pane's editing model, without any DOM: a form is the assumptions
 * with every value as the text its field shows ("95%", "250,000", "none").
 * Reading a form back parses each field the way users type (the same
 * readers as CS.* cells and --set), then checks the whole with the schema,
 * so every problem has the path of the field to show it next to.
 */
import { fmt } from "../core/errors";
import { FormMessages } from "./messages";
import { fieldAtPath, FieldKind, FieldSpec } from "../core/assumptions/fields";
import { fieldWords } from "../core/assumptions/problems";
import { keyOfPath, LocatedProblem, validateAssumptionsLocated } from "../core/assumptions/schema";
import { loadPreset } from "../core/assumptions/presets";
import { Assumptions } from "../core/assumptions/types";
import { isBlank, nameKey, parseAmount, parseFraction, parseNumber } from "../core/values";

export type FormNode = string | FormNode[] | { [field: string]: FormNode };
export type FormRecord = { [field: string]: FormNode };
export type Path = (string | number)[];
export type { FieldKind };

/** The field at a path (from the field table), or undefined for a path that is not a field. */
export function specAt(path: Path): FieldSpec | undefined {
  return fieldAtPath(path);
}

/** The kind of the field at a path; text for anything the table does not list. */
export function kindAt(path: Path): FieldKind {
  return specAt(path)?.kind ?? "text";
}

const money = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 2 });
const percent = (v: number) => `${fmt(Math.round(v * 1e10) / 1e8)}%`;

/** The text a field shows for a value. */
export function formatValue(kind: FieldKind, value: unknown): string {
  if (value === null) return "none";
  if (kind === "ramp" && Array.isArray(value))
    return value.map((v) => percent(Number(v))).join(", ");
  if (typeof value !== "number") return String(value ?? "");
  switch (kind) {
    case "amount":
    case "ceiling":
      return money(value);
    case "percent":
      return percent(value);
    case "multiple":
      return `${fmt(value)}x`;
    default:
      return fmt(value);
  }
}

const NONE = new Set(["none", "n/a", "-"]);
const isNoneText = (text: string) => NONE.has(text.trim().toLowerCase());

type Parsed = { ok: true; value: unknown } | { ok: false; expected: string };

/** Reads a field's text; the schema checks ranges afterwards. "none" only where the field allows it. */
export function parseValue(
  spec: Pick<FieldSpec, "kind" | "none">,
  text: string,
  key: string
): Parsed {
  const kind = spec.kind;
  const expect = (expected: string): Parsed => ({ ok: false, expected });
  const number = (v: unknown, expected: string): Parsed =>
    typeof v === "number" ? { ok: true, value: v } : expect(expected);
  if (kind === "text" || kind === "name") return { ok: true, value: text.trim() };
  // The schema says what a code must be; the pane's dropdown only offers good ones.
  if (kind === "currency") return { ok: true, value: text.trim().toUpperCase() };
  if (kind === "ramp") {
    const parts = text.split(",").map((p) => p.trim());
    const values = parts.map((p) => parseFraction(p, key));
    return values.length > 0 && values.every((v) => typeof v === "number")
      ? { ok: true, value: values }
      : expect('monthly productivities separated by commas, such as "0%, 50%, 50%"');
  }
  const expected = FormMessages.expected(kind, spec.none !== undefined);
  if (isBlank(text)) return expect(expected);
  if (spec.none !== undefined && isNoneText(text)) return { ok: true, value: null };
  switch (kind) {
    case "amount":
    case "ceiling":
      return number(parseAmount(text), expected);
    case "percent":
      return number(parseFraction(text, key), expected);
    case "multiple":
      return number(parseNumber(text.trim().replace(/x$/i, ""), key), expected);
    default:
      return number(parseNumber(text, key), expected);
  }
}

/** The form of a set of assumptions (schema_version and preset are kept outside it). */
export function toForm(a: Assumptions): FormRecord {
  const { schema_version: _version, preset: _preset, ...body } = a;
  void _version;
  void _preset;
  return toNode(body, []) as FormRecord;
}

function toNode(value: unknown, path: Path): FormNode {
  const kind = kindAt(path);
  if (kind === "ramp" || value === null || typeof value !== "object")
    return formatValue(kind, value);
  if (Array.isArray(value)) return value.map((item, i) => toNode(item, [...path, i]));
  const out: FormRecord = {};
  for (const [k, v] of Object.entries(value)) out[k] = toNode(v, [...path, k]);
  return out;
}

export interface FormReading {
  /** The assumptions, when every field reads and the schema accepts them. */
  assumptions?: Assumptions;
  /** Every problem, by the path of its field. */
  problems: LocatedProblem[];
}

/** Reads a whole form: each field, then the schema's rules across fields. */
export function readForm(form: FormRecord, preset: string): FormReading {
  const fieldProblems: LocatedProblem[] = [];
  const candidate = {
    schema_version: 1,
    preset,
    ...(fromNode(form, [], form, fieldProblems) as Record<string, unknown>),
  };
  const checked = validateAssumptionsLocated(candidate);
  if (checked.ok && fieldProblems.length === 0) return { assumptions: checked.value, problems: [] };
  const unreadable = new Set(fieldProblems.map((p) => pathId(p.path)));
  const schemaProblems = checked.ok
    ? []
    : checked.problems.filter((p) => !unreadable.has(pathId(p.path)));
  return { problems: [...fieldProblems, ...schemaProblems] };
}

function fromNode(
  node: FormNode,
  path: Path,
  root: FormRecord,
  problems: LocatedProblem[]
): unknown {
  if (typeof node === "string") {
    const key = keyOfPath(path, root);
    const parsed = parseValue(specAt(path) ?? { kind: "text" }, node, key);
    if (parsed.ok) return parsed.value;
    const words = fieldWords(path, root) ?? key;
    problems.push({
      key,
      path,
      message: FormMessages.unreadable(key, node, parsed.expected),
      words: FormMessages.unreadable(words, node, parsed.expected),
    });
    return node; // left as text so the schema's cross-field rules skip it
  }
  if (Array.isArray(node))
    return node.map((item, i) => fromNode(item, [...path, i], root, problems));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    const value = fromNode(v, [...path, k], root, problems);
    // An exchange rate of "none" is no rate, as with --set fx.EUR=none.
    if (path.length === 1 && path[0] === "fx" && value === null) continue;
    out[k] = value;
  }
  return out;
}

/** A path as one string: "tiers.2.min_acv". */
export const pathId = (path: Path): string => path.join(".");

// ---------------------------------------------------------------------------
// Reading and changing the form

export function getAt(form: FormRecord, path: Path): FormNode | undefined {
  let node: FormNode | undefined = form;
  for (const step of path) {
    if (node === undefined || typeof node === "string") return undefined;
    node = Array.isArray(node)
      ? typeof step === "number"
        ? node[step]
        : undefined
      : Object.prototype.hasOwnProperty.call(node, step)
        ? (node as FormRecord)[String(step)]
        : undefined;
  }
  return node;
}

/** Sets one field's text in place (the form is the pane's working copy). */
export function setAt(form: FormRecord, path: Path, text: string): void {
  const holder = getAt(form, path.slice(0, -1));
  const last = path[path.length - 1];
  if (holder === undefined || typeof holder === "string")
    throw new Error(`No field at ${pathId(path)}`);
  if (Array.isArray(holder) && typeof last === "number") holder[last] = text;
  else if (
    !Array.isArray(holder) &&
    typeof last === "string" &&
    Object.prototype.hasOwnProperty.call(holder, last)
  )
    holder[last] = text;
  else throw new Error(`No field at ${pathId(path)}`);
}

const tiersOf = (form: FormRecord): FormRecord[] => form.tiers as FormRecord[];

/** Adds a tier above the highest, with a minimum to fill in; returns its index. */
export function addTier(form: FormRecord): number {
  const tiers = tiersOf(form);
  const last = tiers[tiers.length - 1];
  const taken = new Set(tiers.map((t) => nameKey(String(t.name))));
  let n = 1;
  while (taken.has(nameKey(`New tier ${n}`))) n++;
  tiers.push({
    ...structuredClone(last),
    name: `New tier ${n}`,
    min_acv: "",
  });
  return tiers.length - 1;
}

export function removeTier(form: FormRecord, index: number): void {
  tiersOf(form).splice(index, 1);
}

/**
 * Puts the tiers in order of minimum ACV (the order the tier table means).
 * Tiers whose minimum does not read yet keep their place at the end, in order.
 */
export function sortTiers(form: FormRecord): void {
  const tiers = tiersOf(form);
  const min = (t: FormRecord) => {
    const parsed = parseValue({ kind: "amount" }, String(t.min_acv), "min_acv");
    return parsed.ok && typeof parsed.value === "number" ? parsed.value : Number.POSITIVE_INFINITY;
  };
  const order = tiers.map((t, i) => ({ t, i, m: min(t) }));
  order.sort((x, y) => x.m - y.m || x.i - y.i);
  tiers.splice(0, tiers.length, ...order.map((o) => o.t));
}

// ---------------------------------------------------------------------------
// Differences from the preset

/**
 * The preset's value for a field, matching listed items by name (tiers,
 * segments) or role (OTE), so renaming or reordering is compared fairly.
 * undefined when the preset has no such item.
 */
export function presetValueAt(form: FormRecord, path: Path, preset: Assumptions): unknown {
  const [section, index, ...rest] = path;
  const nameField = section === "ote" ? "role" : "name";
  let node: unknown = preset;
  if (
    (section === "tiers" || section === "segments" || section === "ote") &&
    typeof index === "number"
  ) {
    const item = getAt(form, [section, index]) as FormRecord | undefined;
    const label = item ? nameKey(String(item[nameField] ?? "")) : "";
    const list = (preset as unknown as Record<string, Record<string, unknown>[]>)[section];
    node = list.find((p) => nameKey(String(p[nameField])) === label);
    if (node === undefined) return undefined;
    for (const step of rest) node = (node as Record<string, unknown> | undefined)?.[step];
    return node;
  }
  for (const step of path) node = (node as Record<string, unknown> | undefined)?.[step];
  return node;
}

/** Whether a field's text means something other than the preset's value. */
export function differsFromPreset(form: FormRecord, path: Path, preset: Assumptions): boolean {
  const mine = getAt(form, path);
  if (typeof mine !== "string") return false;
  const theirs = presetValueAt(form, path, preset);
  if (theirs === undefined) return true;
  const parsed = parseValue(specAt(path) ?? { kind: "text" }, mine, pathId(path));
  if (!parsed.ok) return true;
  return !sameValue(parsed.value, theirs);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number")
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  if (typeof a === "string" && typeof b === "string") return a.trim() === b.trim();
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  return a === b;
}

/** The preset's own assumptions (for the differ markers), by name. */
export function presetAssumptions(name: string): Assumptions | undefined {
  try {
    return loadPreset(name);
  } catch {
    return undefined;
  }
}
