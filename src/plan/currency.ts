/**
 * The currency of each amount of an export, and its value in the plan's
 * currency (the `currency` assumption, USD by default). An amount's currency
 * comes from, in this order: a code or sign in its own text ("EUR 80,000",
 * "€80,000", "£", "¥"), the row's currency column ("Currency", "Account
 * Currency", "CurrencyIsoCode"), a code in the amount column's header
 * ("ARR (EUR)"), else the plan currency. An amount in another currency is
 * converted with the `fx.<code>` rate (plan currency per 1 unit of it) or
 * refused with the reason: never read as plan currency.
 */
import { PlanMessages } from "./messages";
import { roundCents } from "../core/money";
import { headerWords, ExportCell } from "./columns";
import { CsError, MAX_AMOUNT } from "../core/errors";
import { parseAmount } from "../core/values";
import type { FormatCurrency } from "./number-formats";

/** ISO codes recognised in text and headers (any three capitals in a currency column are taken as a code). */
export const KNOWN_CODES = new Set(
  (
    "USD EUR GBP JPY CHF CAD AUD NZD SEK NOK DKK ISK PLN CZK HUF RON BGN HRK TRY RUB UAH " +
    "INR CNY RMB HKD SGD TWD KRW THB MYR IDR PHP VND BRL MXN ARS CLP COP PEN ZAR ILS AED SAR QAR EGP NGN KES " +
    // Three-decimal dinars and rials, and more of the codes CRMs write (not ones that are
    // English words, such as ALL or TOP, which a header could hold).
    "KWD BHD OMR JOD TND LYD IQD PKR BDT LKR NPR KZT UYU PYG CRC DOP GTQ VES GHS TZS UGX XOF XAF RSD MKD AMD AZN BYN UZS MNT KHR BND"
  ).split(" ")
);

/** Signs in text, longest first ("US$" before "$"). "$" alone is decided by the plan currency. */
export const SIGNS: [string, string][] = [
  ["US$", "USD"],
  ["CA$", "CAD"],
  ["C$", "CAD"],
  ["AU$", "AUD"],
  ["A$", "AUD"],
  ["NZ$", "NZD"],
  ["HK$", "HKD"],
  ["SG$", "SGD"],
  ["S$", "SGD"],
  ["R$", "BRL"],
  ["MX$", "MXN"],
  ["€", "EUR"],
  ["£", "GBP"],
  ["¥", "JPY"],
  ["￥", "JPY"],
  ["₹", "INR"],
  ["₩", "KRW"],
  ["₽", "RUB"],
  ["₺", "TRY"],
  ["₪", "ILS"],
  ["zł", "PLN"],
  ["Kč", "CZK"],
  ["Ft", "HUF"],
  ["Fr.", "CHF"],
];

/** Dollar currencies: in a plan in one of them, a bare "$" is that currency; otherwise USD. */
const DOLLARS = new Set(["USD", "CAD", "AUD", "NZD", "HKD", "SGD"]);

/** The currency a bare "$" means in a plan of this currency. */
export function dollarOf(plan: string): string {
  return DOLLARS.has(plan) ? plan : "USD";
}

/**
 * Any currency sign (Unicode Sc), or a word that names several currencies
 * ("kr" is Swedish, Norwegian, Danish or Icelandic), to refuse rather than misread.
 */
export const ANY_SIGN = /\p{Sc}|(?:^|[\s\d])(?:kr|kn|Kč|Ft|lei|Rs|R)\.?(?:$|[\s\d])/u;

export interface SplitAmount {
  /** The currency the text names, or null when it names none. */
  code: string | null;
  /** The text without it, with its sign and brackets kept. */
  rest: string;
}

/** Takes a currency code or sign off the front or back of an amount's text. */
export function splitCurrency(text: string, plan: string): SplitAmount {
  let t = text.trim();
  let open = "";
  let close = "";
  if (/^\(.*\)$/.test(t)) {
    open = "(";
    close = ")";
    t = t.slice(1, -1).trim();
  }
  let minus = "";
  if (t.startsWith("-")) {
    minus = "-";
    t = t.slice(1).trim();
  }
  let code: string | null = null;
  const take = (found: string, length: number, atStart: boolean) => {
    code = found;
    t = (atStart ? t.slice(length) : t.slice(0, t.length - length)).trim();
  };
  const prefix = /^([A-Za-z]{3})(?=[\s\d.,(-]|$)/.exec(t);
  if (prefix && KNOWN_CODES.has(prefix[1].toUpperCase()))
    take(prefix[1].toUpperCase(), prefix[1].length, true);
  else {
    const sign = SIGNS.find(([s]) => t.startsWith(s));
    if (sign) take(sign[1], sign[0].length, true);
    else if (t.startsWith("$")) take(dollarOf(plan), 1, true);
  }
  if (code === null) {
    if (t.startsWith("-")) {
      minus = minus === "" ? "-" : "";
      t = t.slice(1).trim();
    }
    const suffix = /(?<=[\s\d.])([A-Za-z]{3})$/.exec(t);
    if (suffix && KNOWN_CODES.has(suffix[1].toUpperCase()))
      take(suffix[1].toUpperCase(), suffix[1].length, false);
    else {
      const sign = SIGNS.find(([s]) => t.endsWith(s));
      if (sign) take(sign[1], sign[0].length, false);
      else if (t.endsWith("$")) take(dollarOf(plan), 1, false);
    }
  }
  if (code !== null && t.startsWith("-")) {
    minus = minus === "" ? "-" : "";
    t = t.slice(1).trim();
  }
  return { code, rest: `${open}${minus}${t}${close}` };
}

/** A currency code found in a header: "ARR (EUR)", "ACV EUR", "ACV in €". */
export function headerCurrency(header: string): string | null {
  const code = headerWords(header)
    .split(" ")
    .map((w) => w.toUpperCase())
    .find((w) => KNOWN_CODES.has(w));
  if (code !== undefined) return code;
  const sign = SIGNS.find(([s]) => s.length === 1 && header.includes(s));
  return sign ? sign[1] : null;
}

/** A currency column's cell as a code: "EUR", "eur", "€", "Euro"; null when it is not one. */
export function currencyCode(cell: ExportCell): string | null {
  if (typeof cell !== "string") return null;
  const text = cell.trim();
  if (/^[A-Za-z]{3}$/.test(text)) return text.toUpperCase();
  // "EUR - Euro", "USD (US Dollar)"
  const lead = /^([A-Za-z]{3})\b/.exec(text);
  if (lead && KNOWN_CODES.has(lead[1].toUpperCase())) return lead[1].toUpperCase();
  const sign = SIGNS.find(([s]) => s === text);
  return sign ? sign[1] : codeOfName(text);
}

/** Names a currency goes by besides the platform's English one. */
const OTHER_NAMES: Record<string, string> = { "pound sterling": "GBP", "u.s. dollar": "USD" };
let codesByName: Map<string, string | null> | null = null;

/**
 * A currency's English name as Dynamics 365's Currency lookup shows it
 * ("US Dollar", "Euro", "British Pound", "Japanese Yen"), from the platform's
 * own currency names; null for a name several currencies share or none has.
 */
function codeOfName(text: string): string | null {
  if (codesByName === null) {
    codesByName = new Map(Object.entries(OTHER_NAMES));
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    const codes = intl.supportedValuesOf?.("currency") ?? [...KNOWN_CODES];
    try {
      const names = new Intl.DisplayNames(["en"], { type: "currency" });
      for (const code of codes) {
        const name = names.of(code)?.toLowerCase();
        if (name === undefined || name === code.toLowerCase()) continue;
        // Two currencies of one name: neither is meant for certain.
        codesByName.set(
          name,
          codesByName.has(name) && codesByName.get(name) !== code ? null : code
        );
      }
    } catch {
      // No currency names on this platform: codes and signs only.
    }
  }
  const name = text.toLowerCase().replace(/\s+/g, " ");
  return codesByName.get(name) ?? codesByName.get(name.replace(/s$/, "")) ?? null;
}

/** Thousands grouped by spaces or apostrophes ("1 250 000", "1'250'000"): unambiguous, so read. */
const SPACED_THOUSANDS = /^\d{1,3}(?:[ '\u00a0\u202f’]\d{3})+(?:\.\d+)?$/;
/** "80.000", "1.250.000", "80.000,00", "8,50": dot thousands or decimal comma (exports in other locales). */
const OTHER_LOCALE = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+,\d{1,2}$/;

/** An amount written with its own unit: "80k", "1.2M", "2 bn" (parseAmount's suffixes). */
const OWN_SCALE = /\d\s*(?:k|mm|m|bn|b)\s*(?:usd|\$)?\s*\)?\s*$/i;

export interface CurrencySetting {
  /** The plan currency. */
  plan: string;
  /** Plan currency per 1 unit of each other currency. */
  fx: Readonly<Record<string, number>>;
  /** The currency named in the amount column's header, if any. */
  headerCode: string | null;
  /** The unit the header gives the amounts in ("ARR ($K)": thousands), if any: each amount is multiplied by it. */
  headerScale: { factor: number; unit: string; header: string } | null;
  /** The currency column (0-based) and its header, if any. */
  column: number | null;
  columnName: string;
}

export type MoneyReading =
  | { ok: true; amount: number; code: string }
  /** currency: the amount's currency is what is unclear (a sign or format it cannot name, a clash, a blank currency cell). */
  | { ok: false; reason: string; code?: string; currency?: true }
  | null;

/** An .xlsx cell's number format that shows a currency, and the currency it shows. */
export interface CellFormatCurrency {
  format: string;
  currency: FormatCurrency;
}

/**
 * Indian grouping (en-IN: lakhs and crores), a last group of three with twos
 * before it: "12,00,000" is 1,200,000. Read only as rupees; in another
 * currency it is more likely a mistyped amount than a lakh.
 */
const INDIAN_GROUPED = /^(\(?-?)(\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?)(\)?)$/;

/** An Excel error value, as a workbook's cell holds it or a CSV carries it ("#N/A", "#REF!"). */
const EXCEL_ERROR =
  /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;

/** The amount of one cell in the currency it is in, with that currency (before conversion). */
function amountOf(
  raw: ExportCell,
  plan: string,
  format: CellFormatCurrency | null
):
  | { amount: number; code: string | null; fromFormat?: string; indian?: true; kronor?: true }
  | { reason: string; currency?: true }
  | null {
  if (raw === null) return null;
  if (typeof raw === "number" || typeof raw === "boolean") {
    const amount = parseAmount(raw);
    if (amount instanceof CsError) return { reason: amount.message };
    if (amount === null) return null;
    // A number shown in a currency by its format is in that currency, as its text would be.
    if (format === null || typeof raw !== "number") return { amount, code: null };
    const shown = format.currency;
    if ("unclear" in shown)
      return { reason: PlanMessages.unclearFormatCurrency(format.format), currency: true };
    return {
      amount,
      code: "code" in shown ? shown.code : dollarOf(plan),
      fromFormat: format.format,
    };
  }
  if (raw.trim() === "") return null;
  if (EXCEL_ERROR.test(raw.trim())) return { reason: PlanMessages.errorValue(raw.trim()) };
  const split = splitCurrency(raw, plan);
  if (split.code === null) {
    const kronor = KRONOR.exec(raw.trim());
    if (kronor !== null) {
      const digits = (kronor[2] ?? kronor[3]).trim();
      if (OTHER_LOCALE.test(digits)) return { reason: PlanMessages.ambiguousSeparators(raw) };
      const amount = foreignDigits(`${kronor[1]}${digits}${kronor[4]}`);
      if (amount === null) return { reason: PlanMessages.unreadableForeignAmount(raw, "kr") };
      return { amount, code: null, kronor: true };
    }
    if (ANY_SIGN.test(raw) && !raw.includes("$"))
      return { reason: PlanMessages.unknownCurrencySign(raw), currency: true };
    const indian = indianAmount(raw);
    if (indian !== null) return { amount: indian, code: null, indian: true };
    const amount = parseAmount(raw);
    if (amount instanceof CsError) return { reason: amount.message };
    return amount === null ? null : { amount, code: null };
  }
  // Excel's Accounting format shows zero as a dash beside the sign, and a CSV saved
  // from it holds that text (" $-   ", "-   €"): an amount of 0, not a missing one.
  if (split.rest === "-") return { amount: 0, code: split.code };
  const indian = indianAmount(split.rest);
  if (indian !== null) return { amount: indian, code: split.code, indian: true };
  const digits = split.rest.replace(/^[(-]+|\)$/g, "").trim();
  if (OTHER_LOCALE.test(digits)) return { reason: PlanMessages.ambiguousSeparators(raw) };
  const amount = foreignDigits(split.rest);
  if (amount === null) return { reason: PlanMessages.unreadableForeignAmount(raw, split.code) };
  return { amount, code: split.code };
}

/**
 * "1 250 000 kr", "kr 1250.00", "-85000.50 kr": kronor, which are Swedish,
 * Norwegian, Danish or Icelandic; the row's currency column (or the header)
 * says which. Groups: opening bracket and minus, digits before or after the
 * sign, closing bracket.
 */
const KRONOR =
  /^(\(?-?)\s*(?:kr\.?\s*([\d.,'\u00a0\u202f ]*\d)|([\d.,'\u00a0\u202f ]*\d)\s*kr\.?)\s*(\)?)$/;
const KRONOR_CODES = new Set(["SEK", "NOK", "DKK", "ISK"]);

/** The digits of an amount whose currency was taken off, spaces or apostrophes grouping thousands; null if unreadable. */
function foreignDigits(text: string): number | null {
  let rest = text;
  const digits = rest.replace(/^[(-]+|\)$/g, "").trim();
  if (OTHER_LOCALE.test(digits)) return null;
  if (SPACED_THOUSANDS.test(digits)) rest = rest.replace(/[ '\u00a0\u202f’](?=\d{3})/g, ",");
  const amount = parseAmount(rest);
  return amount === null || amount instanceof CsError ? null : amount;
}

/** "12,00,000" or "(1,50,000.50)" as a number; null for any other text. */
function indianAmount(text: string): number | null {
  const m = INDIAN_GROUPED.exec(text.trim());
  if (m === null || m[1].startsWith("(") !== (m[3] === ")")) return null;
  const value = Number(m[2].replace(/,/g, ""));
  return m[1] === "" ? value : -value;
}

/**
 * Reads one amount cell of a row into the plan currency: null for a blank,
 * the amount (sign kept: the caller refuses negatives), or why it cannot be
 * used.
 */
export function readMoney(
  raw: ExportCell,
  row: readonly ExportCell[],
  setting: CurrencySetting,
  format: CellFormatCurrency | null = null
): MoneyReading {
  const read = amountOf(raw, setting.plan, format);
  if (read === null) return null;
  if ("reason" in read)
    return read.currency
      ? { ok: false, reason: read.reason, currency: true }
      : { ok: false, reason: read.reason };
  if (setting.headerScale !== null) {
    const { factor, unit, header } = setting.headerScale;
    // "80k" under "ARR ($K)": its own unit and the header's; which one is meant is a guess.
    if (typeof raw === "string" && OWN_SCALE.test(raw))
      return { ok: false, reason: PlanMessages.scaledTwice(raw, header, unit) };
    read.amount = roundCents(read.amount * factor);
    if (Math.abs(read.amount) > MAX_AMOUNT)
      return { ok: false, reason: PlanMessages.scaledTooLarge(raw, header, unit) };
  }
  let columnCode: string | null = null;
  if (setting.column !== null) {
    const cell = row[setting.column] ?? null;
    if (cell === null || (typeof cell === "string" && cell.trim() === "")) {
      if (read.code === null && setting.headerCode === null)
        return {
          ok: false,
          reason: PlanMessages.blankCurrency(setting.columnName),
          currency: true,
        };
    } else {
      columnCode = currencyCode(cell);
      if (columnCode === null)
        return {
          ok: false,
          reason: PlanMessages.unknownCurrency(cell, setting.columnName),
          currency: true,
        };
    }
  }
  if (read.code !== null && columnCode !== null && read.code !== columnCode)
    return {
      ok: false,
      reason:
        read.fromFormat !== undefined
          ? PlanMessages.formatCurrencyConflict(
              read.code,
              read.fromFormat,
              columnCode,
              setting.columnName
            )
          : PlanMessages.currencyConflict(read.code, columnCode, setting.columnName),
      currency: true,
    };
  if (read.kronor === true) {
    // "kr" names no one currency: the currency column or the header must name a krona.
    const named = columnCode ?? setting.headerCode;
    if (named === null || !KRONOR_CODES.has(named))
      return { ok: false, reason: PlanMessages.unknownCurrencySign(raw), currency: true };
    read.code = named;
  }
  const code = read.code ?? columnCode ?? setting.headerCode ?? setting.plan;
  if (read.indian === true && code !== "INR")
    return { ok: false, reason: PlanMessages.indianGrouping(raw, code) };
  if (code === setting.plan) return { ok: true, amount: read.amount, code };
  const rate = Object.prototype.hasOwnProperty.call(setting.fx, code)
    ? setting.fx[code]
    : undefined;
  if (rate === undefined)
    return { ok: false, reason: PlanMessages.noRate(code, setting.plan), code };
  const converted = roundCents(read.amount * rate);
  if (!Number.isFinite(converted) || Math.abs(converted) > MAX_AMOUNT)
    return { ok: false, reason: PlanMessages.unreadableForeignAmount(raw, code), code };
  return { ok: true, amount: converted, code };
}

/** How money is shown in the plan's currency: "$1,234", "€1,234", "CHF 1,234". */
export function formatMoney(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      currencyDisplay: "narrowSymbol",
      maximumFractionDigits: 0,
      minimumFractionDigits: 0,
    }).format(value);
  } catch {
    return `${currency} ${Math.round(value).toLocaleString("en-US")}`;
  }
}
