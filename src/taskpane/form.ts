/**
 * The task pane's editing model, without any DOM: a form is the assumptions
 * with every value as the text its field shows ("95%", "250,000", "none").
 * Reading a form back parses each field the way users type (the same
 * readers as CS.* cells and --set), then checks the whole with the schema,
 * so every problem has the path of the field to show it next to.
 */
import { fmt, FormMessages } from "../core/errors";
import { keyOfPath, LocatedProblem, validateAssumptionsLocated } from "../core/assumptions/schema";
import { loadPreset } from "../core/assumptions/presets";
import { Assumptions } from "../core/assumptions/types";
import { isBlank, nameKey, parseAmount, parseFraction, parseNumber } from "../core/values";

export type FormNode = string | FormNode[] | { [field: string]: FormNode };
export type FormRecord = { [field: string]: FormNode };
export type Path = (string | number)[];

/** How a field's text is shown and read. */
export type FieldKind =
  | "amount" // dollars: "250,000", "$250k"
  | "ceiling" // dollars above 0, or "none"
  | "ratio" // accounts per person above 0, or "none"
  | "days" // whole days, or "none" where allowed
  | "whole" // whole days or months
  | "percent" // "95%" or 0.95
  | "multiple" // "1.5x" or 1.5
  | "number"
  | "text"
  | "ramp"; // "0%, 50%, 50%"

const KINDS: Record<string, FieldKind> = {
  min_acv: "amount",
  csm_owned_below: "amount",
  csm_led_up_to: "amount",
  base: "amount",
  variable: "amount",
  arr_ceiling: "ceiling",
  csm_ratio: "ratio",
  am_ratio: "ratio",
  tam_ratio: "ratio",
  sla_days: "days",
  window_days: "whole",
  lead_months: "whole",
  nrr_target: "percent",
  grr_target: "percent",
  expansion_target: "percent",
  grr_floor: "percent",
  grr_stretch: "percent",
  ebr_gate: "percent",
  grr_weight: "percent",
  expansion_weight: "percent",
  mbo_weight: "percent",
  csm_led_csm_share: "percent",
  ae_led_csm_share: "percent",
  extend_limit: "percent",
  healthy_min: "percent",
  healthy_max: "percent",
  load_threshold: "percent",
  floor_multiple: "multiple",
  stretch_multiple: "multiple",
  expansion_cap: "multiple",
  ebr_gated_cap: "multiple",
  weeks_per_month: "number",
  ramp: "ramp",
};

/** The kind of the field at a path (its last named step). */
export function kindAt(path: Path): FieldKind {
  // Exchange rates are keyed by currency code (fx.EUR), not by field name.
  if (path.length === 2 && path[0] === "fx") return "number";
  const field = [...path].reverse().find((p): p is string => typeof p === "string") ?? "";
  return Object.prototype.hasOwnProperty.call(KINDS, field) ? KINDS[field] : "text";
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

/** Reads a field's text; the schema checks ranges afterwards. */
export function parseValue(kind: FieldKind, text: string, key: string): Parsed {
  const expect = (expected: string): Parsed => ({ ok: false, expected });
  const number = (v: unknown, expected: string): Parsed =>
    typeof v === "number" ? { ok: true, value: v } : expect(expected);
  if (kind === "text") return { ok: true, value: text.trim() };
  if (kind === "ramp") {
    const parts = text.split(",").map((p) => p.trim());
    const values = parts.map((p) => parseFraction(p, key));
    return values.length > 0 && values.every((v) => typeof v === "number")
      ? { ok: true, value: values }
      : expect('monthly productivities separated by commas, such as "0%, 50%, 50%"');
  }
  if (isBlank(text)) return expect(FormMessages.expected(kind));
  if ((kind === "ratio" || kind === "ceiling" || kind === "days") && isNoneText(text))
    return { ok: true, value: null };
  switch (kind) {
    case "amount":
    case "ceiling":
      return number(parseAmount(text), FormMessages.expected(kind));
    case "percent":
      return number(parseFraction(text, key), FormMessages.expected(kind));
    case "multiple":
      return number(parseNumber(text.trim().replace(/x$/i, ""), key), FormMessages.expected(kind));
    default:
      return number(parseNumber(text, key), FormMessages.expected(kind));
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
    const parsed = parseValue(kindAt(path), node, key);
    if (parsed.ok) return parsed.value;
    problems.push({ key, path, message: FormMessages.unreadable(key, node, parsed.expected) });
    return node; // left as text so the schema's cross-field rules skip it
  }
  if (Array.isArray(node))
    return node.map((item, i) => fromNode(item, [...path, i], root, problems));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = fromNode(v, [...path, k], root, problems);
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
    const parsed = parseValue("amount", String(t.min_acv), "min_acv");
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
  const kind = kindAt(path);
  const parsed = parseValue(kind, mine, pathId(path));
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
