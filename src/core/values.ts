/**
 * Reading values as they arrive from Excel cells and CRM exports.
 *
 * Excel passes numbers, strings, booleans, and for empty cells 0 (desktop)
 * or null / "" (web). CRM exports add currency text ("$80,000", "80k",
 * "USD 80,000", "(1,200)") and percentages ("95%"). Everything is parsed
 * here, strictly: text that is not clearly a value is an error that names
 * it, never a guess.
 */
import { CsError, Errors, MAX_AMOUNT } from "./errors";

/** The largest sheet Excel holds: 1,048,576 rows by 16,384 columns (A to XFD). */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

/** What a blank cell reads as. Blank is not zero: callers decide. */
export const BLANK = null;
export type Blank = typeof BLANK;

export function isBlank(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === "string") return raw.trim() === "";
  if (typeof raw !== "object") return false;
  // A data-type cell is blank when its plain value is ({type: "Empty"}, or a blank String).
  const value = cellValue(raw);
  return value !== raw && isBlank(value);
}

/** An Excel error code as text: "#DIV/0!", "#N/A", "#NAME?", "#VALUE!", "#BUSY!" ... */
const ERROR_CODE = /^#[A-Z0-9_/]+[!?]?$/;

/**
 * A cell as a function reads it. Excel passes a data-type cell (a formatted
 * number, a linked-data entity: an Excel.CellValue, since our metadata allows
 * custom data in `any` parameters) as an object {type, basicValue, ...}. One
 * with a plain basic value reads as that value: {type: "FormattedNumber",
 * basicValue: 12000} as 12000, a String as its text, a Boolean as TRUE or
 * FALSE, Empty as a blank, an Entity whose basicValue is a number or text as
 * that. Anything else (an error value, an entity with no plain value, an
 * image) comes back as it came: an object, which readers report with
 * inputError.
 */
export function cellValue(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null) return raw;
  const { type, basicValue } = raw as { type?: unknown; basicValue?: unknown };
  if (typeof type !== "string" || type === "Error") return raw;
  if (type === "Empty") return null;
  if (typeof basicValue === "number" || typeof basicValue === "boolean") return basicValue;
  // The basic value of an entity or image is "#VALUE!": nothing to read. A String's is its text.
  if (typeof basicValue === "string" && (type === "String" || !ERROR_CODE.test(basicValue.trim())))
    return basicValue;
  return raw;
}

/**
 * Excel error values that arrive inside ranges (CustomFunctions.Error, engine
 * errors, {type: "Error"} data types), and data types with nothing to read:
 * objects left after cellValue.
 */
export function isErrorValue(raw: unknown): raw is object {
  return typeof raw === "object" && raw !== null;
}

/** The Excel code of an error value that arrived as input ("#DIV/0!"), when it has one. */
export function errorCodeOf(raw: object): string | null {
  const { code, type, basicValue } = raw as {
    code?: unknown;
    type?: unknown;
    basicValue?: unknown;
  };
  const text = typeof code === "string" ? code : type === "Error" ? basicValue : null;
  return typeof text === "string" && text.startsWith("#") ? text : null;
}

/**
 * Why an input that is still an object after cellValue cannot be read, naming
 * it as `what`: an Excel error value in the cell, or a data type (an Entity,
 * a linked entity, an image) with no plain value.
 */
export function inputError(what: string, raw: object): CsError {
  const { type, text } = raw as { type?: unknown; text?: unknown };
  if (typeof type === "string" && type !== "Error")
    return Errors.dataTypeWithoutValue(what, type, typeof text === "string" ? text : null);
  return Errors.errorInInput(what, errorCodeOf(raw));
}

const SCALE: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9 };
// Digits with optional comma thousands groups, or plain digits, with an optional fraction.
const PLAIN_NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:e[+-]?\d+)?$/i;
const CURRENCY_PREFIX = /^(?:usd|us\$|\$)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:usd|\$)$/i;
const SCALE_SUFFIX = /\s*(k|mm|m|bn|b)$/i;

/**
 * Reads an amount of money: a number, or currency text such as "$80,000",
 * "80,000.00", "80k", "1.2M", "USD 80,000", " 80000 ", "(1,200)" or "-$500".
 * Returns null for a blank, a CsError for anything else that is not an amount
 * (text that is not an amount gets notAmount's error: an "acv_or_tier" reader
 * takes it as a tier name). The sign is kept: callers reject negatives with
 * their own message.
 */
export function parseAmount(
  raw: unknown,
  notAmount: (text: string) => CsError = Errors.notAnAmount
): number | Blank | CsError {
  raw = cellValue(raw);
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return Errors.notAnAmount(raw);
    return Math.abs(raw) > MAX_AMOUNT ? Errors.amountTooLarge(raw) : raw + 0;
  }
  if (isBlank(raw)) return BLANK;
  if (typeof raw !== "string") return Errors.notAnAmount(raw);

  let text = raw.trim();
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  if (text.startsWith("-")) {
    negative = !negative;
    text = text.slice(1).trim();
  }
  text = text.replace(CURRENCY_PREFIX, "");
  if (text.startsWith("-")) {
    negative = !negative;
    text = text.slice(1).trim();
  }
  text = text.replace(CURRENCY_SUFFIX, "");
  let scale = 1;
  const suffix = SCALE_SUFFIX.exec(text);
  if (suffix) {
    scale = SCALE[suffix[1].toLowerCase()];
    text = text.slice(0, suffix.index);
  }
  if (text === "" || text === "." || !PLAIN_NUMBER.test(text)) return notAmount(raw);
  const value = Number(text.replace(/,/g, "")) * scale;
  if (!Number.isFinite(value)) return notAmount(raw);
  if (value > MAX_AMOUNT) return Errors.amountTooLarge(raw);
  // Scaling "1.2M" by 1e6 gives 1199999.9999999998; amounts are money, so snap to cents.
  const snapped = scale === 1 ? value : Math.round(value * 100) / 100;
  return negative ? -snapped : snapped + 0;
}

/**
 * Reads a fraction: 0.95, or text "95%" / "95 %" / "0.95". The caller applies
 * range rules (e.g. GRR at most 100%).
 */
export function parseFraction(raw: unknown, what: string): number | Blank | CsError {
  raw = cellValue(raw);
  if (typeof raw === "number") {
    return Number.isFinite(raw) ? raw + 0 : Errors.notAFraction(what, raw);
  }
  if (isBlank(raw)) return BLANK;
  if (typeof raw !== "string") return Errors.notAFraction(what, raw);
  const text = raw.trim();
  const percent = /^(-?)(\d+(?:\.\d+)?|\.\d+)\s*%$/.exec(text);
  if (percent) {
    const value = Number(percent[2]) / 100;
    return percent[1] === "-" ? -value : value;
  }
  if (/^-?(?:\d+(?:\.\d+)?|\.\d+)$/.test(text)) return Number(text) + 0;
  return Errors.notAFraction(what, raw);
}

/** Reads a plain number (a count, a number of days or hours). */
export function parseNumber(raw: unknown, what: string): number | Blank | CsError {
  raw = cellValue(raw);
  if (typeof raw === "number") return Number.isFinite(raw) ? raw + 0 : Errors.notANumber(what, raw);
  if (isBlank(raw)) return BLANK;
  if (typeof raw !== "string") return Errors.notANumber(what, raw);
  const text = raw.trim().replace(/,(?=\d{3}(?:\D|$))/g, "");
  if (/^-?(?:\d+(?:\.\d+)?|\.\d+)$/.test(text)) return Number(text) + 0;
  return Errors.notANumber(what, raw);
}

/** Reads TRUE/FALSE as Excel users type it: a boolean, 1/0, or "TRUE"/"FALSE"/"yes"/"no". */
export function parseBoolean(raw: unknown, what: string): boolean | Blank | CsError {
  raw = cellValue(raw);
  if (typeof raw === "boolean") return raw;
  if (isBlank(raw)) return BLANK;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw === "string") {
    const text = raw.trim().toLowerCase();
    if (text === "true" || text === "yes" || text === "1") return true;
    if (text === "false" || text === "no" || text === "0") return false;
  }
  return Errors.notABoolean(what, raw);
}

/** The form names are matched in: trimmed, case-folded, inner spaces collapsed. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}
