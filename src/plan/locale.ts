/**
 * Locales of exported numbers and dates, decided column by column from the
 * whole column, never from one cell. "80.000" is 80 with a decimal point and
 * 80,000 with a dot between thousands: a column whose values all read both
 * ways (one separator followed by exactly three digits) is ambiguous, and the
 * user is asked (the pane) or must say (--locale on the command line). One
 * value such as "1.250.000", "80.000,00" or "0.125" in the column settles it,
 * and so does a two-decimal currency on the value ("USD 10,700", "€80.000").
 *
 * Text cells are converted here: numbers written with a decimal comma or with
 * dot, space, no-break space, narrow no-break space or apostrophe thousands
 * separators, and day-first dates (31/01/2026, 31.01.2026, with a time).
 * Cells the front end already typed (numbers in Excel or an .xlsx) are kept;
 * a column that mixes such numbers with text only another locale can read
 * ("1.250.000") was typed by Excel in the wrong locale (80.000 became 80), and
 * is refused when the plan uses it.
 */
import { excelSerialFromYmd, isExcelYmd } from "../core/dates";
import { ExportCell } from "./columns";
import { typePastedText } from "./paste-typing";

/** How numbers and dates are written. */
export interface ExportLocale {
  /** The BCP 47 tag the user gave ("de-DE"), or a description. */
  tag: string;
  decimal: "." | ",";
  /** Day before month in numeric dates (31/01/2026). */
  dayFirst: boolean;
}

/**
 * The locale a BCP 47 tag names (--locale de-DE), from the platform's own
 * locale data (Intl): its decimal separator and its date order. A string
 * (the message) when the tag is not a locale the platform knows.
 */
export function localeFromTag(tag: string): ExportLocale | string {
  let canonical: string;
  try {
    [canonical] = Intl.getCanonicalLocales(tag.trim());
  } catch {
    canonical = "";
  }
  if (!canonical || Intl.NumberFormat.supportedLocalesOf(canonical).length === 0) {
    return `--locale ${JSON.stringify(tag)} is not a locale this system knows; give a tag such as en-US, en-GB, de-DE, fr-FR or de-CH`;
  }
  const decimal =
    new Intl.NumberFormat(canonical).formatToParts(1.5).find((p) => p.type === "decimal")?.value ===
    ","
      ? ","
      : ".";
  const parts = new Intl.DateTimeFormat(canonical, { day: "numeric", month: "numeric" })
    .formatToParts(new Date(2026, 0, 31))
    .map((p) => p.type);
  return { tag: canonical, decimal, dayFirst: parts.indexOf("day") < parts.indexOf("month") };
}

/**
 * Sign, parentheses, currency symbol or code, percent around the digits:
 * "-€ 1.250,00", "80.000,00 EUR", "(1'250)", "R$ 1.234,56", "1 234,56 zł", "85 000,50 kr".
 */
const NUMBER_SHAPE =
  /^(\s*\(?\s*[+-]?\s*(?:R\$|US\$|CA?\$|AU?\$|NZ\$|HK\$|SG?\$|MX\$|[$€£¥￥₹₩₽₺₪]|[A-Z]{3}(?=[\s\d])|CHF|Fr\.|kr\.?(?=[\s\d]))?\s*[+-]?\s*)(\d(?:[\d.,'\u2019\u00a0\u202f ]*\d)?)(\s*(?:%|[$€£¥￥₹₩₽₺₪]|zł|Kč|Ft|kr\.?|[A-Z]{3})?\s*\)?\s*)$/;
/** Separators that only ever group thousands. */
const GROUP_ONLY = /['\u2019\u00a0\u202f ]/;
/** d/m/y or m/d/y with /, . or -; two- or four-digit years; an optional time (h:mm[:ss] [AM|PM]). */
const NUMERIC_DATE =
  /^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([AaPp][Mm]))?)?\s*$/;

type CellShape =
  | { kind: "number"; decimal: "." | "," | null; ambiguous: "." | "," | null; digits: string }
  | { kind: "date"; first: number; second: number; separator: string }
  | { kind: "other" };

/**
 * Whether a text holds an ASCII digit, which both NUMERIC_DATE and
 * NUMBER_SHAPE require (`\d` without the u flag is 0-9): names, owners and
 * countries, most of an export's texts, then skip both patterns.
 */
function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) return true;
  }
  return false;
}

const OTHER: CellShape = { kind: "other" };

/** What one text cell says about the column's locale. */
function shapeOf(text: string): CellShape {
  if (!hasDigit(text)) return OTHER;
  const date = NUMERIC_DATE.exec(text);
  if (date !== null)
    return { kind: "date", first: Number(date[1]), second: Number(date[3]), separator: date[2] };
  const match = NUMBER_SHAPE.exec(text);
  if (match === null) return OTHER;
  const digits = match[2];
  const dots = count(digits, ".");
  const commas = count(digits, ",");
  if (dots + commas === 0) return { kind: "number", decimal: null, ambiguous: null, digits };
  if (dots > 0 && commas > 0) {
    // The last of the two is the decimal separator: 1.250.000,50 / 1,250,000.50.
    const decimal = digits.lastIndexOf(".") > digits.lastIndexOf(",") ? "." : ",";
    return { kind: "number", decimal, ambiguous: null, digits };
  }
  const separator = dots > 0 ? "." : ",";
  const other = separator === "." ? "," : ".";
  if ((separator === "." ? dots : commas) > 1)
    return { kind: "number", decimal: other, ambiguous: null, digits };
  const at = digits.indexOf(separator);
  const before = digits.slice(0, at);
  const after = digits.length - at - 1;
  // Not a thousands group: other than three digits after it, more than three
  // digits (or a lone 0) before it, or other separators grouping already.
  if (after !== 3 || before.length > 3 || before === "0" || GROUP_ONLY.test(before))
    return { kind: "number", decimal: separator, ambiguous: null, digits };
  // "USD 10,700", "€80.000": money is never written with three decimals in a
  // currency whose minor unit is two digits or none, so the separator groups thousands.
  if (!threeDecimalCurrency(match[1] + match[3]))
    return { kind: "number", decimal: other, ambiguous: null, digits };
  return { kind: "number", decimal: null, ambiguous: separator, digits };
}

// "kr" (Swedish, Norwegian, Danish or Icelandic kronor) is a currency of two decimals or none too.
const CURRENCY_SIGN = /[$€£¥￥₹₩₽₺₪]|zł|Kč|Ft|Fr\.|kr/;
const CURRENCY_CODE = /\b([A-Z]{3})\b/;

/** Whether a currency code's minor unit has three digits or more, by code (the codes seen, bounded). */
const MINOR_DIGITS_OF_THREE = new Map<string, boolean>();

/**
 * Whether the text around an amount leaves "1,250" two readings: no currency
 * at all, or one with three minor digits (KWD, BHD, OMR...: the platform's
 * currency data says which). False for "$", "€", "USD", "EUR" and the like.
 */
function threeDecimalCurrency(marks: string): boolean {
  if (CURRENCY_SIGN.test(marks)) return false;
  const code = CURRENCY_CODE.exec(marks)?.[1];
  if (code === undefined) return true;
  // Once per code: a formatter costs tens of microseconds, a million-row export has a few codes.
  let known = MINOR_DIGITS_OF_THREE.get(code);
  if (known === undefined) {
    known = hasThreeMinorDigits(code);
    if (MINOR_DIGITS_OF_THREE.size < 1024) MINOR_DIGITS_OF_THREE.set(code, known);
  }
  return known;
}

function hasThreeMinorDigits(code: string): boolean {
  try {
    const digits = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: code,
    }).resolvedOptions().maximumFractionDigits;
    return digits === undefined || digits >= 3;
  } catch {
    // Not a currency code the platform knows: no evidence either way.
    return true;
  }
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

const SPACE = 0x20;
const NO_BREAK_SPACE = 0xa0;

/** The characters between digit groups NUMBER_SHAPE lets through: . , ' ’ and the spaces. */
function isGroupSeparator(code: number): boolean {
  return (
    code === 0x2e ||
    code === 0x2c ||
    code === 0x27 ||
    code === 0x2019 ||
    code === NO_BREAK_SPACE ||
    code === 0x202f ||
    code === SPACE
  );
}

/**
 * The digits with their separators as plain en-US digits ("1.250.000,5" ->
 * "1250000.5"); null when the groups are not groups of three (a first group
 * of one to three digits, then threes), the separators are of two kinds (a
 * space and a no-break space are one), or the decimal separator groups too.
 * `digits` is NUMBER_SHAPE's: digits and those separators, a digit at each
 * end. One pass, no arrays or patterns: a million-row column calls it per cell.
 */
export function canonicalDigits(digits: string, decimal: "." | ","): string | null {
  const at = digits.lastIndexOf(decimal);
  const end = at < 0 ? digits.length : at;
  for (let i = end + 1; i < digits.length; i++) {
    const code = digits.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return null;
  }
  const decimalCode = decimal.charCodeAt(0);
  let whole = "";
  let groupStart = 0;
  let separator = -1;
  for (let i = 0; i <= end; i++) {
    const code = i < end ? digits.charCodeAt(i) : -1;
    if (code >= 0x30 && code <= 0x39) continue;
    if (code >= 0 && !isGroupSeparator(code)) return null;
    if (code === -1 && separator === -1) {
      // No separator: one group of any length (at least one digit).
      if (end === 0) return null;
      whole = end === digits.length ? digits : digits.slice(0, end);
      break;
    }
    const length = i - groupStart;
    if (separator === -1 ? length < 1 || length > 3 : length !== 3) return null;
    if (code >= 0) {
      if (code === decimalCode) return null;
      if (separator === -1) separator = code;
      else if (
        code !== separator &&
        !(
          (code === SPACE && separator === NO_BREAK_SPACE) ||
          (code === NO_BREAK_SPACE && separator === SPACE)
        )
      )
        return null;
    }
    whole += digits.slice(groupStart, i);
    groupStart = i + 1;
  }
  return at < 0 || at === digits.length - 1 ? whole : `${whole}.${digits.slice(at + 1)}`;
}

/**
 * One text cell read in a decided locale: a number, a date serial, en-US text
 * for an amount with a currency marker (a "$" one too when `keepDollar`), or
 * the text unchanged.
 */
function convert(
  text: string,
  decimal: "." | "," | null,
  dayFirst: boolean | null,
  keepDollar = false
): ExportCell {
  if (!hasDigit(text)) return text;
  const date = NUMERIC_DATE.exec(text);
  if (date !== null) {
    if (dayFirst === null) return text;
    return dateSerial(date, dayFirst) ?? text;
  }
  const match = NUMBER_SHAPE.exec(text);
  if (match === null) return text;
  // Undecided: only digits grouped by spaces or apostrophes read the same everywhere.
  if (decimal === null && /[.,]/.test(match[2])) return text;
  const canonical = canonicalDigits(match[2], decimal ?? ".");
  if (canonical === null) return text;
  const rewritten = `${match[1].trimStart()}${canonical}${match[3].trimEnd()}`;
  // Signs, "$", "%" and parentheses as Excel (en-US) reads them; other currencies stay text, in en-US digits.
  const typed = typePastedText(rewritten.replace(/^([+-]?)\$\s+/, "$1$"));
  if (typed === null) return text;
  // Typed, "$80,000" is 80000 in whatever currency the plan is: kept as text, it stays dollars.
  return keepDollar && typeof typed === "number" && rewritten.includes("$") ? rewritten : typed;
}

function dateSerial(date: RegExpExecArray, dayFirst: boolean): number | null {
  let year = Number(date[4]);
  if (date[4].length === 2) year += year < 30 ? 2000 : 1900;
  const day = Number(dayFirst ? date[1] : date[3]);
  const month = Number(dayFirst ? date[3] : date[1]);
  if (!isExcelYmd(year, month, day)) return null;
  let serial = excelSerialFromYmd(year, month, day);
  if (date[5] !== undefined) {
    let hours = Number(date[5]);
    const minutes = Number(date[6]);
    const seconds = Number(date[7] ?? 0);
    const meridiem = date[8]?.toUpperCase();
    if (meridiem !== undefined) {
      if (hours < 1 || hours > 12) return null;
      hours = (hours % 12) + (meridiem === "PM" ? 12 : 0);
    }
    if (hours > 23 || minutes > 59 || seconds > 59) return null;
    serial += (hours * 3600 + minutes * 60 + seconds) / 86400;
  }
  return serial;
}

/** What the whole column says. */
interface ColumnEvidence {
  decimalDot: string[];
  decimalComma: string[];
  ambiguous: string[];
  ambiguousSeparator: Set<"." | ",">;
  dayFirst: string[];
  monthFirst: string[];
  ambiguousDates: string[];
  /** Numbers the front end typed already (Excel, .xlsx). */
  typedNumbers: number;
  texts: number;
}

const EXAMPLES = 3;

/** Keeps a cell as an example (trimmed), up to EXAMPLES different ones. */
function note(list: string[], cell: string): void {
  if (list.length >= EXAMPLES) return;
  const text = cell.trim();
  if (!list.includes(text)) list.push(text);
}

function evidenceOf(
  rows: readonly ExportCell[][],
  column: number,
  from: number
): ColumnEvidence & { counts: Record<string, number> } {
  const e: ColumnEvidence = {
    decimalDot: [],
    decimalComma: [],
    ambiguous: [],
    ambiguousSeparator: new Set(),
    dayFirst: [],
    monthFirst: [],
    ambiguousDates: [],
    typedNumbers: 0,
    texts: 0,
  };
  const counts = {
    decimalDot: 0,
    decimalComma: 0,
    ambiguous: 0,
    dayFirst: 0,
    monthFirst: 0,
    ambiguousDates: 0,
  };
  for (let r = from; r < rows.length; r++) {
    const cell = rows[r][column];
    if (typeof cell === "number") {
      e.typedNumbers++;
      continue;
    }
    if (typeof cell !== "string") continue;
    const shape = shapeOf(cell);
    if (shape.kind === "number") {
      e.texts++;
      if (shape.decimal === ".") {
        counts.decimalDot++;
        note(e.decimalDot, cell);
      } else if (shape.decimal === ",") {
        counts.decimalComma++;
        note(e.decimalComma, cell);
      } else if (shape.ambiguous !== null) {
        counts.ambiguous++;
        e.ambiguousSeparator.add(shape.ambiguous);
        note(e.ambiguous, cell);
      }
    } else if (shape.kind === "date") {
      e.texts++;
      if (shape.first > 12 || (shape.separator !== "/" && shape.second <= 12)) {
        counts.dayFirst++;
        note(e.dayFirst, cell);
      } else if (shape.second > 12) {
        counts.monthFirst++;
        note(e.monthFirst, cell);
      } else {
        counts.ambiguousDates++;
        note(e.ambiguousDates, cell);
      }
    }
  }
  return { ...e, counts };
}

/** What to ask (the pane) or require (--locale) when a column reads two ways. */
export interface LocaleQuestion {
  kind: "locale";
  /** The column's header and 0-based index. */
  column: string;
  index: number;
  /** Up to three values of the column as written. */
  examples: string[];
  /** What they are: amounts ("80.000": 80 or 80,000) or dates ("01/02/2026": 1 February or 2 January). */
  subject: "numbers" | "dates";
  /** The two readings, each with the locale tag that gives it. */
  choices: { tag: string; reading: string }[];
}

export interface LocaleOptions {
  /** First row (0-based) of the values; rows above are the header and titles. */
  from: number;
  /** The locale the user named (--locale, or the pane's answer). */
  locale?: ExportLocale;
  /**
   * The CSV's delimiter, given only when the rows come from a CSV read by this
   * project: a comma-delimited file does not use the comma as its decimal
   * separator, and its numbers were typed here from text that reads the same
   * in every locale ("80000"), not by a spreadsheet in some locale.
   */
  delimiter?: string;
  /** Columns the plan (or the formulas) read: ambiguity there is a question; elsewhere the cells stay text. */
  critical: readonly number[];
  headers: readonly string[];
  /** Columns kept as text whatever they look like (identifiers). */
  text?: readonly number[];
  /** Columns of amounts (the ACV): a percentage there ("95%") stays text, refused as no amount, not read as 0.95. */
  amounts?: readonly number[];
  /**
   * The plan is not in a dollar currency: an amount column's "$80,000" stays
   * text (in en-US digits), so the plan reads it as US dollars rather than
   * as a number in its own currency.
   */
  dollarsAreForeign?: boolean;
}

export type LocaleResult =
  | {
      ok: true;
      converted: number;
      decided: { column: number; decimal: "." | "," | null; dayFirst: boolean | null }[];
    }
  | { ok: false; question: LocaleQuestion }
  | { ok: false; error: string };

const q = (text: string) => JSON.stringify(text);
const list = (items: readonly string[]) => items.map(q).join(", ");

function readingOf(example: string, decimal: "." | ","): string {
  const shape = NUMBER_SHAPE.exec(example);
  const canonical = shape === null ? null : canonicalDigits(shape[2], decimal);
  return canonical === null
    ? example
    : Number(canonical).toLocaleString("en-US", { maximumFractionDigits: 6 });
}

function numberQuestion(column: number, header: string, e: ColumnEvidence): LocaleQuestion {
  const example = e.ambiguous[0];
  return {
    kind: "locale",
    column: header,
    index: column,
    examples: e.ambiguous,
    subject: "numbers",
    choices: [
      { tag: "en-US", reading: `${q(example)} is ${readingOf(example, ".")} (decimal point)` },
      {
        tag: "de-DE",
        reading: `${q(example)} is ${readingOf(example, ",")} (dot between thousands)`,
      },
    ],
  };
}

function dateQuestion(column: number, header: string, e: ColumnEvidence): LocaleQuestion {
  const example = e.ambiguousDates[0];
  const date = NUMERIC_DATE.exec(example) as RegExpExecArray;
  const name = (dayFirst: boolean) => {
    const serial = dateSerial(date, dayFirst);
    if (serial === null) return "no date";
    const d = new Date(Math.round((Math.floor(serial) - 25569) * 86400000));
    return d.toLocaleDateString("en-US", {
      timeZone: "UTC",
      year: "numeric",
      month: "long",
      day: "numeric",
    });
  };
  return {
    kind: "locale",
    column: header,
    index: column,
    examples: e.ambiguousDates,
    subject: "dates",
    choices: [
      { tag: "en-US", reading: `${q(example)} is ${name(false)} (month first)` },
      { tag: "en-GB", reading: `${q(example)} is ${name(true)} (day first)` },
    ],
  };
}

/** The pane's question: the two readings, with examples. */
export function localeQuestionText(question: LocaleQuestion): string {
  return `Column ${q(question.column)} can be read two ways (values such as ${list(question.examples)}): ${question.choices.map((c) => c.reading).join(", or ")}. Which is it?`;
}

/** The command line's refusal for a question it cannot ask. */
export function localeQuestionMessage(question: LocaleQuestion): string {
  const what = question.subject === "numbers" ? "its numbers" : "its dates";
  return `column ${q(question.column)} can be read two ways and ${what} would differ: ${question.choices.map((c) => c.reading).join(" or ")} (values such as ${list(question.examples)}); say which with --locale ${question.choices.map((c) => c.tag).join(" or --locale ")}`;
}

function columnName(headers: readonly string[], column: number): string {
  return headers[column] && headers[column].trim() !== ""
    ? headers[column]
    : `column ${column + 1}`;
}

/**
 * Decides every column from its values (rows from `from` down) and converts
 * its text cells in place. A question when a critical column reads two ways
 * and no locale was given; an error when a critical column contradicts
 * itself or was typed in another locale.
 */
/** "95%", "12,5 %", "(5%)": a percentage, not an amount. */
const PERCENT_TEXT = /\d\s*%\s*\)?\s*$/;

/**
 * Salesforce's display of a record's amount with its conversion into the
 * user's currency: "EUR 45,000.00 (USD 48,600.00)". The first part is the
 * record's own amount, with its currency; the bracket is at the org's rate.
 */
const WITH_CONVERSION =
  /^\s*((?:[A-Z]{3}|[$€£¥₹])\s*[+-]?\s*\d[\d.,'\u2019\u00a0\u202f ]*\d?|[+-]?\d[\d.,'\u2019\u00a0\u202f ]*\s*(?:[A-Z]{3}|[$€£¥₹]))\s*\(\s*(?:[A-Z]{3}|[$€£¥₹])\s*[+-]?\s*\d[\d.,'\u2019\u00a0\u202f ]*\s*\)\s*$/;

/** Full-width forms of digits, signs and separators (U+FF01 to U+FF5E) and the full-width yen sign. */
const FULL_WIDTH = /[\uff01-\uff5e\uffe5]/;
/** An amount with its minus after it: "1.234,56-", "EUR 500,00-". */
const TRAILING_MINUS = /^\s*([^-()]*\d)\s*-\s*$/;

export function applyLocale(rows: ExportCell[][], options: LocaleOptions): LocaleResult {
  for (const column of options.amounts ?? [])
    for (let r = options.from; r < rows.length; r++) {
      let cell = rows[r][column];
      if (typeof cell !== "string") continue;
      // Full-width digits, commas and yen sign (typed in Japanese, "￥１，２３４"): the
      // ASCII characters they stand for.
      if (FULL_WIDTH.test(cell)) rows[r][column] = cell = cell.normalize("NFKC");
      // SAP's and some ledgers' trailing minus ("1.234,56-"): a negative amount, refused as one.
      const trailing = TRAILING_MINUS.exec(cell);
      if (trailing !== null) rows[r][column] = cell = `-${trailing[1]}`;
      if (!cell.includes("(")) continue;
      // An amount shown with Salesforce's conversion is read as the record's amount in its
      // own currency: the plan converts it at its own rate, as it does every other amount.
      const own = WITH_CONVERSION.exec(cell);
      if (own !== null) rows[r][column] = own[1].trim();
    }
  const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
  const critical = new Set(options.critical);
  const decided: { column: number; decimal: "." | "," | null; dayFirst: boolean | null }[] = [];
  let converted = 0;
  const text = new Set(options.text ?? []);
  for (let column = 0; column < width; column++) {
    if (text.has(column)) continue;
    const e = evidenceOf(rows, column, options.from);
    if (e.texts === 0) continue;
    const name = columnName(options.headers, column);
    const isCritical = critical.has(column);
    // Numbers.
    let decimal: "." | "," | null = null;
    if (e.counts.decimalDot > 0 && e.counts.decimalComma > 0) {
      if (isCritical)
        return {
          ok: false,
          error: `column ${q(name)} mixes two ways of writing numbers: ${list(e.decimalDot)} use a decimal point, ${list(e.decimalComma)} a decimal comma; export it again in one format`,
        };
    } else if (e.counts.decimalDot > 0) decimal = ".";
    else if (e.counts.decimalComma > 0) decimal = ",";
    if (
      decimal === null &&
      e.counts.ambiguous > 0 &&
      !(e.counts.decimalDot > 0 && e.counts.decimalComma > 0)
    ) {
      if (options.locale !== undefined) decimal = options.locale.decimal;
      else if (options.delimiter === "," && !e.ambiguousSeparator.has(".")) decimal = ".";
      else if (isCritical) return { ok: false, question: numberQuestion(column, name, e) };
    }
    // Only a spreadsheet's numbers can have been typed in the wrong locale: a CSV's
    // "80000" beside "1.200,50" is a German export whose whole amounts have no separator.
    if (
      isCritical &&
      options.delimiter === undefined &&
      e.typedNumbers > 0 &&
      decimal === "," &&
      (e.counts.decimalComma > 0 || e.counts.ambiguous > 0)
    ) {
      const shown = e.decimalComma.length > 0 ? e.decimalComma : e.ambiguous;
      return {
        ok: false,
        error: `column ${q(name)} holds numbers and also text written with a decimal comma or dots between thousands (${list(shown)}): the export was typed in another locale (Excel reads "80.000" as 80 in en-US), so its numbers cannot be trusted; open the CSV with its own locale (Data > From Text/CSV) or plan from the CSV file itself`,
      };
    }
    // Dates.
    let dayFirst: boolean | null = null;
    if (e.counts.dayFirst > 0 && e.counts.monthFirst > 0) {
      if (isCritical)
        return {
          ok: false,
          error: `column ${q(name)} mixes day-first and month-first dates (${list(e.dayFirst)} and ${list(e.monthFirst)}); export it again with one date format`,
        };
    } else if (e.counts.dayFirst > 0) dayFirst = true;
    else if (e.counts.monthFirst > 0) dayFirst = false;
    else if (e.counts.ambiguousDates > 0) {
      if (options.locale !== undefined) dayFirst = options.locale.dayFirst;
      else if (options.delimiter === ",") dayFirst = false;
      else if (isCritical) return { ok: false, question: dateQuestion(column, name, e) };
    }
    decided.push({ column, decimal, dayFirst });
  }
  // Converted only once every column is decided: a question leaves the rows as they were.
  const amounts = new Set(options.amounts ?? []);
  for (const { column, decimal, dayFirst } of decided) {
    const isAmount = amounts.has(column);
    for (let r = options.from; r < rows.length; r++) {
      const cell = rows[r][column];
      if (typeof cell !== "string") continue;
      if (isAmount && PERCENT_TEXT.test(cell)) continue;
      const value = convert(
        cell,
        decimal,
        dayFirst,
        isAmount && options.dollarsAreForeign === true
      );
      if (value !== cell) {
        rows[r][column] = value;
        converted++;
      }
    }
  }
  return { ok: true, converted, decided };
}
