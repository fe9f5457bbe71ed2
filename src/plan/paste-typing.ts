/**
 * Typing one pasted cell the way Excel (en-US) types what a user pastes: the
 * typing of every CSV cell (src/cli/csv.ts) and of `eval`'s text arguments.
 * Here, in the builder, because locale.ts types exported text with the same
 * rules once a column's separators are known (both front ends use it).
 */
import { excelSerialFromYmd, isExcelYmd } from "../core/dates";

/** One cell: a number, text, a boolean, or null for empty (the same as ExportCell and the CLI's SheetCell). */
type SheetCell = number | string | boolean | null;

// Typing one pasted cell (en-US). Strict: what Excel would not certainly turn
// into a value stays text. All patterns are compiled once, here.

/** Plain decimal: 80000, -5, +5, 5., .5, 1.5e3. The fast path for most cells. */
const PLAIN_NUMBER = /^[+-]?(?:(\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Digits with valid groups of three (80,000.00), or plain digits. */
const BODY = String.raw`((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)`;
/** Optional sign, optional leading $, number, optional %: -$500, $80,000, 95%, 1,000. */
const SIGNED_NUMBER = new RegExp(String.raw`^([+-])?(\$)?${BODY}(%)?$`);
/** Accounting negative: (1,200) or ($1,200). */
const PAREN_NUMBER = new RegExp(String.raw`^\((\$)?${BODY}\)$`);
/** ISO date, optionally with a time: 2026-01-15, 2026-01-15T13:30:00(.5)(Z), 2026-01-15 13:30. */
const ISO_DATE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([T ])(\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z)?)?$/;
/** US date m/d/yyyy or m/d/yy, optionally with h:mm[:ss] [AM|PM]. */
const US_DATE =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AaPp][Mm]))?)?$/;

/** Excel's largest number is 9.99999999999999E+307; bigger text stays text. */
const MAX_MAGNITUDE = 1e308;
/** Excel keeps 15 significant digits. */
const MAX_INTEGER_DIGITS = 15;

function isAsciiSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/**
 * Significant digits of the integer part (leading and trailing zeros aside).
 * More than 15 means an ID or card number that Excel would silently cut to 15
 * digits: we keep the exact text instead of inventing digits.
 */
function tooManyIntegerDigits(intDigits: string | undefined): boolean {
  if (intDigits === undefined || intDigits.length <= MAX_INTEGER_DIGITS) return false;
  let start = 0;
  let end = intDigits.length;
  while (start < end && intDigits.charCodeAt(start) === 48) start++;
  while (end > start && intDigits.charCodeAt(end - 1) === 48) end--;
  return end - start > MAX_INTEGER_DIGITS;
}

/** A finite number Excel can hold, -0 as 0; undefined when out of range. */
export function finite(value: number): number | undefined {
  if (!Number.isFinite(value) || Math.abs(value) >= MAX_MAGNITUDE) return undefined;
  return value === 0 ? 0 : value;
}

function typeNumber(s: string, commaGroups: boolean): number | undefined {
  const plain = PLAIN_NUMBER.exec(s);
  if (plain !== null) {
    // 80000, -5, 1.5e3, .5, 007 (Excel drops the leading zeros too).
    return tooManyIntegerDigits(plain[1]) ? undefined : finite(Number(s));
  }
  let negative = false;
  let percent = false;
  let body: string;
  const signed = SIGNED_NUMBER.exec(s);
  if (signed !== null) {
    // $80,000 / -$500 / 80,000.00 / 95%. "$" and "%" together: text.
    if (signed[2] !== undefined && signed[4] !== undefined) return undefined;
    negative = signed[1] === "-";
    body = signed[3];
    percent = signed[4] !== undefined;
  } else {
    // (1,200) / ($1,200): accounting negatives.
    const paren = PAREN_NUMBER.exec(s);
    if (paren === null) return undefined;
    negative = true;
    body = paren[2];
  }
  if (body.includes(",")) {
    if (!commaGroups) return undefined;
    body = body.split(",").join("");
  }
  const dot = body.indexOf(".");
  if (tooManyIntegerDigits(dot < 0 ? body : body.slice(0, dot))) return undefined;
  // Percent: the decimal shifted two places (12.5% is 0.125 exactly as written, no 12.5/100 rounding).
  const value = Number(percent ? `${body}e-2` : body);
  return finite(negative ? -value : value);
}

/** Seconds since midnight as a day fraction; undefined for an impossible time. */
function dayFraction(h: number, m: number, s: number, fraction: number): number | undefined {
  if (h > 23 || m > 59 || s > 59) return undefined;
  return (h * 3600 + m * 60 + s + fraction) / 86400;
}

function serialOrUndefined(y: number, m: number, d: number): number | undefined {
  return isExcelYmd(y, m, d) ? excelSerialFromYmd(y, m, d) : undefined;
}

function typeDate(s: string): number | undefined {
  const iso = ISO_DATE.exec(s);
  if (iso !== null) {
    // 2026-01-15 (also with T/space time and a Z): the wall-clock digits, no zone shift.
    const day = serialOrUndefined(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (day === undefined) return undefined;
    if (iso[4] === undefined) return day;
    if (iso[9] !== undefined && iso[4] !== "T") return undefined;
    const time = dayFraction(
      Number(iso[5]),
      Number(iso[6]),
      Number(iso[7] ?? 0),
      Number(iso[8] ?? 0)
    );
    return time === undefined ? undefined : day + time;
  }
  const us = US_DATE.exec(s);
  if (us === null) return undefined;
  // 1/15/2026, 01/15/2026; two-digit years as Excel reads them: 00-29 are 2000s, 30-99 are 1900s.
  let year = Number(us[3]);
  if (us[3].length === 2) year += year < 30 ? 2000 : 1900;
  const day = serialOrUndefined(year, Number(us[1]), Number(us[2]));
  if (day === undefined || us[4] === undefined) return day;
  let hours = Number(us[4]);
  const meridiem = us[7]?.toUpperCase();
  if (meridiem !== undefined) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (meridiem === "PM" ? 12 : 0);
  }
  const time = dayFraction(hours, Number(us[5]), Number(us[6] ?? 0), 0);
  return time === undefined ? undefined : day + time;
}

/** How many ASCII digits `s` starts with. */
function leadingDigits(s: string): number {
  let i = 0;
  while (i < s.length) {
    const code = s.charCodeAt(i);
    if (code < 48 || code > 57) break;
    i++;
  }
  return i;
}

function isDigitAt(s: string, i: number): boolean {
  const code = s.charCodeAt(i);
  return code >= 48 && code <= 57;
}

/** Exactly dddd-dd-dd (what ISO_DATE matches without a time, two-digit month and day). */
function isIsoDay(s: string): boolean {
  return (
    s.length === 10 &&
    s.charCodeAt(4) === 45 &&
    s.charCodeAt(7) === 45 &&
    isDigitAt(s, 5) &&
    isDigitAt(s, 6) &&
    isDigitAt(s, 8) &&
    isDigitAt(s, 9)
  );
}

function digit2(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);
}

/**
 * The typing rules. `commaGroups` false (a ';'-delimited file, where the comma
 * is likely the decimal separator) keeps any number written with a comma as text.
 */
export function typeCell(text: string, commaGroups: boolean): SheetCell {
  // "" and whitespace only: an empty cell. Only ASCII whitespace is trimmed
  // (Excel does not treat a no-break space as a space in a number).
  const n = text.length;
  let start = 0;
  while (start < n && isAsciiSpace(text.charCodeAt(start))) start++;
  if (start === n) return null;
  let end = n;
  while (isAsciiSpace(text.charCodeAt(end - 1))) end--;
  const s = start === 0 && end === n ? text : text.slice(start, end);
  const c = s.charCodeAt(0);
  // Values start with a digit, sign, dot, "$" or "("; anything else is text or a boolean.
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 36 || c === 40) {
    // Fast paths for the commonest cells, with the answers the patterns below give.
    if (c >= 48 && c <= 57) {
      const digits = leadingDigits(s);
      // Plain digits (up to 15, all significant digits Excel keeps): the number.
      if (digits === s.length && digits <= MAX_INTEGER_DIGITS) return Number(s);
      // yyyy-mm-dd: the date, or text when there is no such day.
      if (digits === 4 && isIsoDay(s)) {
        const day = serialOrUndefined(Number(s.slice(0, 4)), digit2(s, 5), digit2(s, 8));
        return day === undefined ? text : day;
      }
    }
    const value = typeNumber(s, commaGroups);
    if (value !== undefined) return value;
    if (c >= 48 && c <= 57) {
      const date = typeDate(s);
      if (date !== undefined) return date;
    }
  } else if (s.length === 4 || s.length === 5) {
    // TRUE / FALSE in any case.
    const lower = s.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
  }
  // Everything else is text, kept exactly as written (spaces too, as Excel
  // keeps them): 80k, 1.2M, USD 80,000, €80, 8,00, 1-15-2026, Jan 15 2026,
  // =1+1, +A1, -x, @SUM(A1) (never a formula), #N/A (text, not an error).
  return text;
}

/** How Excel (en-US) types one pasted cell; see the rules in typeCell. */
export function typePastedText(text: string): SheetCell {
  return typeCell(text, true);
}

/**
 * A cell as HyperFormula's buildFromSheets must receive it. HyperFormula
 * parses a raw string: "=…" becomes a formula, "TRUE"/"false" a boolean,
 * "#N/A" an error, "80000"/"$5"/"95%" a number, "1/2/2020" (DD/MM/YYYY!) or
 * "12:30" a date/time; only otherwise is it a string, and then one leading
 * apostrophe is dropped. So every text cell gets a "'" in front: that always
 * lands in the string branch and HyperFormula stores exactly the original text.
 */
export function toEngineInput(cell: SheetCell): SheetCell {
  return typeof cell === "string" ? `'${cell}` : cell;
}
