/**
 * The assumptions export file, shared by the task pane (export / import) and
 * the command line (`cs-coverage assumptions --json`, `--assumptions FILE`):
 *
 *   {
 *     "format": "cs-coverage-assumptions",
 *     "schema_version": 1,
 *     "preset": "tiered-2027",
 *     "assumptions": { "tiers": [...], "segments": [...], "payout": {...}, ... }
 *   }
 *
 * The version and preset live in the envelope only (not repeated inside
 * "assumptions"). Output is deterministic: 2-space JSON, keys in the order of
 * types.ts, a final newline, no timestamps, so the same assumptions always
 * export to the same bytes and diff cleanly. Import never throws: it returns
 * the assumptions or every problem found (with the original text, so the
 * task pane can keep and show a file it cannot use).
 */
import { fmt } from "../errors";
import { JsonDocument, migrate } from "./migrate";
import { findPreset, presetNames } from "./presets";
import {
  AssumptionsBody,
  FORBIDDEN_KEYS,
  forbiddenKeyProblems,
  Problem,
  SCHEMA_VERSION,
  showJson,
  validateBody,
} from "./schema";
import { FieldGroup, fieldsOf, LIST_SECTIONS } from "./fields";
import { SECTION_NAMES } from "./shapes";
import { Assumptions, PAYOUT_PLANS } from "./types";

export const FORMAT_NAME = "cs-coverage-assumptions";
/** The largest file import reads (in characters; checked before parsing). */
export const MAX_FILE_CHARS = 1_048_576;

export type ImportResult =
  | { ok: true; assumptions: Assumptions; warnings: Problem[] }
  | {
      ok: false;
      problems: Problem[];
      original: string;
      /** Set when the file was made by a newer version: show it read-only. */
      newerVersion?: number;
    };

// ---------------------------------------------------------------------------
// Export

/** An item or section with the table's fields only, in the table's order. */
function pick(holder: unknown, group: FieldGroup): Record<string, unknown> {
  const from = holder as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fieldsOf(group)) {
    const value = from[f.field];
    out[f.field] = Array.isArray(value) ? [...(value as unknown[])] : value;
  }
  return out;
}

/** The body in the canonical key order (the field table's, which is types.ts'), whatever order `a` has. */
function canonicalBody(a: Assumptions): AssumptionsBody {
  const body: Record<string, unknown> = {};
  for (const section of SECTION_NAMES) {
    const value: unknown = a[section];
    if (Object.prototype.hasOwnProperty.call(LIST_SECTIONS, section))
      body[section] = (value as unknown[]).map((item) => pick(item, LIST_SECTIONS[section]));
    else if (section === "currency") body[section] = a.currency;
    else if (section === "fx")
      // Rates in code order, so the same rates always export to the same bytes.
      body[section] = Object.fromEntries(
        Object.keys(a.fx)
          .sort()
          .map((code) => [code, a.fx[code]])
      );
    else if (section === "payout")
      body[section] = {
        ...pick(value, "payout"),
        ...Object.fromEntries(PAYOUT_PLANS.map((plan) => [plan, pick(a.payout[plan], "weights")])),
      };
    else body[section] = pick(value, section as FieldGroup);
  }
  return body as unknown as AssumptionsBody;
}

/** The export file for a set of assumptions: deterministic 2-space JSON with a final newline. */
export function exportAssumptions(a: Assumptions): string {
  const doc = {
    format: FORMAT_NAME,
    schema_version: SCHEMA_VERSION,
    preset: a.preset,
    assumptions: canonicalBody(a),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

// ---------------------------------------------------------------------------
// Import

const ENVELOPE_KEYS = ["format", "schema_version", "preset", "assumptions"];

function fail(problems: Problem[], original: string, newerVersion?: number): ImportResult {
  return newerVersion === undefined
    ? { ok: false, problems, original }
    : { ok: false, problems, original, newerVersion };
}

/** Reads an export file. Never throws. */
export function importAssumptions(text: string): ImportResult {
  try {
    return read(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(
      [{ key: "file", message: `The file could not be read: ${message}` }],
      typeof text === "string" ? text : ""
    );
  }
}

function read(text: string): ImportResult {
  if (typeof text !== "string")
    return fail([{ key: "file", message: "The file could not be read as text." }], "");
  if (text.length > MAX_FILE_CHARS)
    return fail(
      [
        {
          key: "file",
          message: `The file is ${fmt(Math.round(text.length / 1024))} KiB; an assumptions export is at most ${fmt(MAX_FILE_CHARS / 1024)} KiB, so this is not one.`,
        },
      ],
      text
    );
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a BOM from Windows editors
  if (body.trim() === "")
    return fail(
      [{ key: "file", message: "The file is empty; it needs an assumptions export." }],
      text
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return fail([{ key: "file", message: jsonErrorMessage(body, error) }], text);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    return fail(
      [
        {
          key: "file",
          message: `The file holds ${showJson(parsed)}; an assumptions export is one JSON object, {"format": "${FORMAT_NAME}", "schema_version": ${SCHEMA_VERSION}, ...}.`,
        },
      ],
      text
    );
  let doc = parsed as JsonDocument;
  const own = (k: string): boolean => Object.prototype.hasOwnProperty.call(doc, k);

  // What kind of file it is, and which version: stop at the first answer that rules it out.
  if (!own("format") || doc.format !== FORMAT_NAME)
    return fail(
      [
        {
          key: "format",
          message: own("format")
            ? `format is ${showJson(doc.format)}; this is not a CS Coverage assumptions export (it needs "format": "${FORMAT_NAME}").`
            : `format is missing; this is not a CS Coverage assumptions export (it needs "format": "${FORMAT_NAME}").`,
        },
      ],
      text
    );
  const version = doc.schema_version;
  if (!own("schema_version"))
    return fail(
      [
        {
          key: "schema_version",
          message: `schema_version is missing; an assumptions export says which schema it follows ("schema_version": ${SCHEMA_VERSION}). Export the file again, or add the line.`,
        },
      ],
      text
    );
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1)
    return fail(
      [
        {
          key: "schema_version",
          message: `schema_version is ${showJson(version)}; schema versions are whole numbers from 1 (this version writes ${SCHEMA_VERSION}).`,
        },
      ],
      text
    );
  if (version > SCHEMA_VERSION)
    return fail(
      [
        {
          key: "schema_version",
          message: `This file was made by a newer version of CS Coverage (schema version ${version}; this version reads up to ${SCHEMA_VERSION}). It is shown read-only and kept as it is; update CS Coverage to use or edit it.`,
        },
      ],
      text,
      version
    );
  const warnings: Problem[] = [];
  if (version < SCHEMA_VERSION) {
    const migrated = migrate(doc, version);
    if (!migrated.ok)
      return fail(
        [{ key: "schema_version", message: `The file cannot be updated: ${migrated.message}` }],
        text
      );
    doc = migrated.doc;
    warnings.push({
      key: "schema_version",
      message: `The file was made with schema version ${version} and was updated to version ${SCHEMA_VERSION}; export it again to save it in the new form.`,
    });
  }

  // The envelope, then the assumptions themselves: every problem at once.
  const problems: Problem[] = [];
  const outside: JsonDocument = {};
  for (const k of Object.keys(doc)) {
    if (FORBIDDEN_KEYS.includes(k) || ENVELOPE_KEYS.includes(k)) continue;
    problems.push({
      key: k,
      message: `${k} is not part of an assumptions export; remove it (an export has ${ENVELOPE_KEYS.join(", ")}).`,
    });
    Object.defineProperty(outside, k, { value: doc[k], enumerable: true });
  }
  problems.push(...forbiddenKeyProblems(outside, (path) => path.join(".")));
  for (const k of FORBIDDEN_KEYS)
    if (own(k))
      problems.push({
        key: k,
        message: `${k}: "${k}" is a name JavaScript reserves and is never an assumption; remove it.`,
      });
  const preset = doc.preset;
  if (typeof preset !== "string" || preset.trim() === "" || preset.length > 100)
    problems.push({
      key: "preset",
      message: own("preset")
        ? `preset needs the name of the preset these assumptions started from (such as "tiered-2027"), not ${showJson(preset)}.`
        : `preset is missing; it needs the name of the preset these assumptions started from (such as "tiered-2027").`,
    });
  else if (!findPreset(preset))
    warnings.push({
      key: "preset",
      message: `preset ${JSON.stringify(preset)} is not one of ${presetNames.join(", ")}; values whose source is unknown are shown with the default set's sources.`,
    });
  let assumptionsBody: AssumptionsBody | undefined;
  if (!own("assumptions"))
    problems.push({
      key: "assumptions",
      message: `assumptions is missing; the file needs "assumptions": {"tiers": [...], "segments": [...], ...}.`,
    });
  else {
    const checked = validateBody(doc.assumptions);
    if (checked.ok) assumptionsBody = checked.value;
    else problems.push(...checked.problems);
  }
  if (problems.length > 0 || assumptionsBody === undefined || typeof preset !== "string")
    return fail(problems, text);
  return {
    ok: true,
    assumptions: { schema_version: SCHEMA_VERSION, preset, ...assumptionsBody },
    warnings,
  };
}

// ---------------------------------------------------------------------------
// Where JSON goes wrong. JSON.parse's messages differ between engines and do
// not always say where; this scanner finds the first error and its line and
// column. It runs only after JSON.parse has failed, without recursion (so a
// deeply nested file cannot overflow the stack).

interface JsonError {
  at: number;
  what: string;
}

type Expect =
  "value" | "value-or-]" | "key-or-}" | "key" | "colon" | "comma-or-}" | "comma-or-]" | "end";

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function scanString(text: string, start: number): number | JsonError {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20)
      return {
        at: i,
        what: "a line break or control character inside a text value (close the quotes first, or write \\n)",
      };
    if (c === 0x5c) {
      const next = text[i + 1];
      if (next === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
          return { at: i, what: "a \\u escape without four hex digits" };
        i += 5;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 1;
      else return { at: i, what: `an unknown escape \\${next ?? ""} inside a text value` };
    }
  }
  return { at: start, what: "a text value whose closing quote is missing" };
}

/** The first syntax error in `text`, or null if it is valid JSON. */
export function findJsonError(text: string): JsonError | null {
  const stack: string[] = [];
  let expect = "value" as Expect;
  let i = 0;
  const afterValue = (): Expect => {
    const top = stack[stack.length - 1];
    return top === undefined ? "end" : top === "{" ? "comma-or-}" : "comma-or-]";
  };
  const expected: Record<Expect, string> = {
    value: "a value",
    "value-or-]": 'a value or "]"',
    "key-or-}": 'a property name in double quotes or "}"',
    key: "a property name in double quotes",
    colon: '":" after the property name',
    "comma-or-}": '"," or "}" after the property value',
    "comma-or-]": '"," or "]" after the list item',
    end: "nothing more after the JSON object",
  };
  for (;;) {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
    if (i >= text.length)
      return expect === "end"
        ? null
        : { at: i, what: `the file ends where it expects ${expected[expect]}` };
    const c = text[i];
    const unexpected = (): JsonError => {
      const hint =
        c === "'"
          ? " (JSON needs double quotes)"
          : (c === "}" || c === "]") && (expect === "key" || expect === "value")
            ? " (remove the comma before it: JSON allows no trailing comma)"
            : c === "/"
              ? " (JSON allows no comments)"
              : "";
      return { at: i, what: `expected ${expected[expect]}, found ${JSON.stringify(c)}${hint}` };
    };
    switch (expect) {
      case "value":
      case "value-or-]": {
        if (c === "]" && expect === "value-or-]") {
          stack.pop();
          i++;
          expect = afterValue();
        } else if (c === "{" || c === "[") {
          stack.push(c);
          i++;
          expect = c === "{" ? "key-or-}" : "value-or-]";
        } else if (c === '"') {
          const end = scanString(text, i);
          if (typeof end !== "number") return end;
          i = end;
          expect = afterValue();
        } else {
          NUMBER.lastIndex = i;
          const literal = ["true", "false", "null"].find((w) => text.startsWith(w, i));
          if (literal) i += literal.length;
          else if (NUMBER.test(text)) i = NUMBER.lastIndex;
          else return unexpected();
          expect = afterValue();
        }
        break;
      }
      case "key-or-}":
      case "key": {
        if (c === "}" && expect === "key-or-}") {
          stack.pop();
          i++;
          expect = afterValue();
        } else if (c === '"') {
          const end = scanString(text, i);
          if (typeof end !== "number") return end;
          i = end;
          expect = "colon";
        } else return unexpected();
        break;
      }
      case "colon":
        if (c !== ":") return unexpected();
        i++;
        expect = "value";
        break;
      case "comma-or-}":
      case "comma-or-]": {
        const close = expect === "comma-or-}" ? "}" : "]";
        if (c === ",") {
          i++;
          expect = close === "}" ? "key" : "value";
        } else if (c === close) {
          stack.pop();
          i++;
          expect = afterValue();
        } else return unexpected();
        break;
      }
      case "end":
        return unexpected();
    }
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  return { line, column: offset - lineStart + 1 };
}

function jsonErrorMessage(text: string, error: unknown): string {
  const found = findJsonError(text);
  if (found) {
    const { line, column } = lineColumn(text, found.at);
    return `The file is not valid JSON: line ${line}, column ${column}: ${found.what}.`;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `The file is not valid JSON: ${detail.replace(/\s+/g, " ")}`;
}
