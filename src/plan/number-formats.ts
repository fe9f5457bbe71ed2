/**
 * What an .xlsx cell's number format says about its number: the currency it
 * shows ("[$€-x-euro2] #,##0", "#,##0 \"€\"", "[$£-809]#,##0",
 * "\"¥\"#,##0", "[$EUR] #,##0") and, for identifiers stored as numbers, the
 * text Excel shows ("000000" makes 1234 "001234"). The number a cell stores
 * is the same whatever its format, so without this a euro amount reads as
 * plan currency and a customer number loses its zeros.
 */
import { ANY_SIGN, dollarOf, formatMoney, KNOWN_CODES, SIGNS } from "./currency";
import type { CellFormat } from "./layout";

/** A format's currency: an ISO code, a bare "$" (decided by the plan currency), or one that cannot be told. */
export type FormatCurrency = { code: string } | { dollar: true } | { unclear: true };

/** One piece of a format section: text shown as it is, a bracket, or a placeholder/other code. */
type Piece =
  | { kind: "literal"; text: string }
  | { kind: "bracket"; text: string }
  | { kind: "code"; text: string };

/** The sections of a format (split on ";" outside quotes, brackets and escapes), each as pieces. */
function sections(format: string): Piece[][] {
  const out: Piece[][] = [[]];
  let current = out[0];
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end;
      current.push({ kind: "literal", text: format.slice(i + 1, stop) });
      i = stop;
    } else if (ch === "\\") {
      if (i + 1 < format.length) current.push({ kind: "literal", text: format[++i] });
    } else if (ch === "[") {
      const end = format.indexOf("]", i + 1);
      const stop = end < 0 ? format.length : end;
      current.push({ kind: "bracket", text: format.slice(i + 1, stop) });
      i = stop;
    } else if (ch === "_" || ch === "*") {
      // "_x" leaves the width of x blank, "*x" fills with x: neither shows x as text.
      i++;
    } else if (ch === ";") {
      current = [];
      out.push(current);
    } else if (/[0#?.,%eE+/@]/.test(ch) || (ch === "-" && /[eE]/.test(format[i - 1] ?? ""))) {
      current.push({ kind: "code", text: ch });
    } else {
      // Characters Excel shows as they are without quotes: $ - + ( ) : space, €, and the like.
      current.push({ kind: "literal", text: ch });
    }
  }
  return out;
}

/** Dollar signs by locale (the LCID of "[$$-409]"): the dollar each locale means. */
const DOLLAR_LOCALES: Readonly<Record<number, string>> = {
  0x0409: "USD", // en-US
  0x540a: "USD", // es-US
  0x500a: "USD", // es-PR
  0x300a: "USD", // es-EC
  0x440a: "USD", // es-SV
  0x1009: "CAD", // en-CA
  0x0c0c: "CAD", // fr-CA
  0x0c09: "AUD", // en-AU
  0x1409: "NZD", // en-NZ
  0x0481: "NZD", // mi-NZ
  0x4809: "SGD", // en-SG
  0x1004: "SGD", // zh-SG
  0x3c09: "HKD", // en-HK
  0x0c04: "HKD", // zh-HK
  0x080a: "MXN", // es-MX
  0x2c0a: "ARS", // es-AR
  0x340a: "CLP", // es-CL
  0x240a: "COP", // es-CO
  0x0416: "BRL", // pt-BR
  0x0404: "TWD", // zh-TW
};

/** "kr" by locale: Swedish, Norwegian, Danish, Icelandic, Faroese crowns. */
const CROWN_LOCALES: Readonly<Record<number, string>> = {
  0x041d: "SEK",
  0x0414: "NOK",
  0x0814: "NOK",
  0x0406: "DKK",
  0x0438: "DKK",
  0x040f: "ISK",
};

/** The LCID of a bracket's locale part ("409", "x-euro2"), or null when it is not a number. */
function lcidOf(locale: string): number | null {
  if (!/^[0-9A-Fa-f]{1,8}$/.test(locale)) return null;
  // The high bytes carry the calendar and numeral system; the low 16 bits are the locale.
  return parseInt(locale, 16) & 0xffff;
}

/** A currency symbol or code as written in a format, with its locale when it has one. */
function symbolCurrency(symbol: string, lcid: number | null): FormatCurrency | null {
  const text = symbol.trim();
  if (text === "") return null;
  const upper = text.toUpperCase();
  if (KNOWN_CODES.has(upper)) return { code: upper };
  if (text === "$") {
    if (lcid === null) return { dollar: true };
    const code = DOLLAR_LOCALES[lcid];
    return code === undefined ? { unclear: true } : { code };
  }
  if (text === "¥" || text === "￥")
    // Chinese locales write the yuan with the same sign; otherwise it is the yen (as in text).
    return { code: lcid !== null && (lcid & 0x3ff) === 0x04 ? "CNY" : "JPY" };
  if (/^kr\.?$/i.test(text)) {
    const code = lcid === null ? undefined : CROWN_LOCALES[lcid];
    return code === undefined ? { unclear: true } : { code };
  }
  const sign = SIGNS.find(([s]) => s === text);
  if (sign) return { code: sign[1] };
  if (ANY_SIGN.test(text)) return { unclear: true };
  return null;
}

/** The currency text outside brackets names: a code as a word, a sign, or an unknown sign. */
function literalCurrency(text: string): FormatCurrency | null {
  // A code as a word of its own, in capitals: "EUR ", " USD".
  const code = (text.match(/(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])/g) ?? []).find((w) =>
    KNOWN_CODES.has(w)
  );
  if (code !== undefined) return { code };
  const sign = SIGNS.find(([s]) => text.includes(s));
  if (sign) return { code: sign[1] };
  if (text.includes("$")) return { dollar: true };
  if (ANY_SIGN.test(` ${text} `)) return { unclear: true };
  return null;
}

const sameCurrency = (a: FormatCurrency, b: FormatCurrency) =>
  JSON.stringify(a) === JSON.stringify(b);

const cache = new Map<string, FormatCurrency | null>();

/**
 * The currency a number format shows, or null when it shows none. Every
 * number section counts (positive; negative; zero), the text section not;
 * sections that disagree, a "$" of a locale not known, or a sign that names
 * several currencies ("kr" alone) are unclear: refused, never guessed.
 */
export function formatCurrency(format: string): FormatCurrency | null {
  const known = cache.get(format);
  if (known !== undefined || cache.has(format)) return known ?? null;
  let found: FormatCurrency | null = null;
  let unclear = false;
  for (const section of sections(format)) {
    if (section.some((p) => p.kind === "code" && p.text === "@")) continue;
    let literal = "";
    const flush = () => {
      const c = literalCurrency(literal);
      literal = "";
      return c;
    };
    const seen: FormatCurrency[] = [];
    for (const piece of section) {
      if (piece.kind === "literal") {
        literal += piece.text;
        continue;
      }
      const before = flush();
      if (before) seen.push(before);
      if (piece.kind === "bracket" && piece.text.startsWith("$")) {
        const body = piece.text.slice(1);
        const dash = body.indexOf("-");
        const symbol = dash < 0 ? body : body.slice(0, dash);
        const c = symbolCurrency(symbol, dash < 0 ? null : lcidOf(body.slice(dash + 1)));
        if (c) seen.push(c);
      }
    }
    const last = flush();
    if (last) seen.push(last);
    for (const c of seen) {
      if ("unclear" in c) unclear = true;
      else if (found === null) found = c;
      else if (!sameCurrency(found, c)) unclear = true;
    }
  }
  const result: FormatCurrency | null = unclear ? { unclear: true } : found;
  if (cache.size < 4096) cache.set(format, result);
  return result;
}

const shownCache = new Map<string, "percent" | number | null>();

/** How a number format shows an amount other than the number the cell holds. */
export type ShownAmount = "percent" | "suffix";

/**
 * Whether a number format shows a different amount from the number stored:
 * a percentage (0.95 shown "95%"), or a thousands or millions suffix with no
 * scaling comma (250 formatted #,##0"K" is shown "250K", but holds 250; with
 * the comma, #,##0,"K", 250000 is shown "250K" and holds 250000, which is
 * right). Null when the number shown is the number stored.
 */
export function shownAmount(format: string): ShownAmount | null {
  const shown = shownScale(format);
  return shown === null ? null : shown === "percent" ? "percent" : "suffix";
}

/** "percent", the factor an unscaled suffix implies (1e3 for "K", 1e6 for "M"), or null. */
export function shownScale(format: string): "percent" | number | null {
  const known = shownCache.get(format);
  if (known !== undefined || shownCache.has(format)) return known ?? null;
  let result: "percent" | number | null = null;
  for (const section of sections(format)) {
    if (section.some((p) => p.kind === "code" && p.text === "@")) continue;
    if (section.some((p) => p.kind === "code" && p.text === "%")) {
      result = "percent";
      break;
    }
    // The placeholders end at the last digit code; commas right after it scale by 1,000 each.
    let last = -1;
    section.forEach((p, i) => {
      if (p.kind === "code" && /[0#?]/.test(p.text)) last = i;
    });
    if (last < 0) continue;
    let scaled = false;
    let suffix = "";
    for (const piece of section.slice(last + 1)) {
      if (piece.kind === "code" && piece.text === ",") scaled = suffix === "";
      else if (piece.kind === "literal") suffix += piece.text;
    }
    const letters = /^\s*(k|m|mm|mn|b|bn)\s*$/i.exec(suffix);
    if (!scaled && letters !== null) {
      const unit = letters[1].toLowerCase();
      result = unit === "k" ? 1e3 : unit.startsWith("b") ? 1e9 : 1e6;
      break;
    }
  }
  if (shownCache.size < 4096) shownCache.set(format, result);
  return result;
}

/**
 * The text a zero-padded identifier format shows for a whole number:
 * "000000" makes 1234 "001234", "\"C-\"00000" makes 417 "C-00417",
 * "000-00-0000" makes 12345678 "012-34-5678". Null for any other format
 * (digits with "#", separators, decimals, several sections...) or value.
 */
export function zeroPaddedText(value: number, format: string): string | null {
  if (!Number.isSafeInteger(value) || value < 0) return null;
  const pieces = paddedPattern(format);
  if (pieces === null) return null;
  const zeros = pieces.filter((p) => p.kind === "code").length;
  let digits = String(value).padStart(zeros, "0");
  // Digits beyond the placeholders go to the first one, as Excel shows them.
  const overflow = digits.length - zeros;
  let out = "";
  let first = true;
  for (const piece of pieces) {
    if (piece.kind === "literal") out += piece.text;
    else {
      const take = first ? overflow + 1 : 1;
      out += digits.slice(0, take);
      digits = digits.slice(take);
      first = false;
    }
  }
  return out;
}

const patterns = new Map<string, Piece[] | null>();

/** A one-section format of literal text and at least two "0" placeholders only, else null. */
function paddedPattern(format: string): Piece[] | null {
  const known = patterns.get(format);
  if (known !== undefined) return known;
  const all = sections(format);
  const pieces = all.length === 1 ? all[0] : [];
  const padded =
    pieces.every((p) => p.kind === "literal" || (p.kind === "code" && p.text === "0")) &&
    pieces.filter((p) => p.kind === "code").length >= 2
      ? pieces
      : null;
  if (patterns.size < 4096) patterns.set(format, padded);
  return padded;
}

/**
 * The number formats of an export's cells that show a currency, by row and
 * column (0-based, as the export's rows): one small index per cell, only in
 * columns that have such cells, so a million-row export costs a few MiB.
 */
export class CellFormats {
  private readonly formats: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly columns = new Map<number, Uint16Array>();

  set(row: number, column: number, format: string): void {
    let id = this.ids.get(format);
    if (id === undefined) {
      // Index 0 is "none"; a workbook has far fewer formats than this.
      if (this.formats.length >= 0xfffe) return;
      this.formats.push(format);
      id = this.formats.length;
      this.ids.set(format, id);
    }
    let cells = this.columns.get(column);
    if (cells === undefined || cells.length <= row) {
      const grown = new Uint16Array(Math.max(1024, (row + 1) * 2));
      if (cells !== undefined) grown.set(cells);
      cells = grown;
      this.columns.set(column, cells);
    }
    cells[row] = id;
  }

  get(row: number, column: number): string | null {
    const id = this.columns.get(column)?.[row] ?? 0;
    return id === 0 ? null : this.formats[id - 1];
  }

  /** Forgets every cell (another sheet is read). */
  clear(): void {
    this.formats.length = 0;
    this.ids.clear();
    this.columns.clear();
  }

  /** How many formats were recorded. */
  get size(): number {
    return this.formats.length;
  }
}

/**
 * The Excel number format of money in the plan's currency: its sign where
 * that names it alone ("$"#,##0 in a dollar plan, "€"#,##0, "£"#,##0), else
 * its code ("CHF "#,##0, "SEK "#,##0: "kr" is several crowns). The rule: the
 * format must read back, by formatCurrency, as the plan's currency.
 */
export function moneyNumberFormat(currency: string): string {
  const symbol = formatMoney(0, currency).replace(/[\d\s.,-]/g, "");
  // A sign of letters ("CHF", "zł") is followed by a space, as it is written.
  const shown = /\p{L}$/u.test(symbol) ? `${symbol} ` : symbol;
  const signed = `"${shown.replace(/"/g, "")}"#,##0`;
  const read = symbol === "" ? null : formatCurrency(signed);
  const readsBack =
    read !== null &&
    (("code" in read && read.code === currency) ||
      ("dollar" in read && dollarOf(currency) === currency));
  return readsBack ? signed : `"${currency} "#,##0`;
}

/** The Excel number format of each of the layout's cell formats, money in the plan's currency. */
export function planNumberFormats(currency: string): Record<CellFormat, string> {
  return {
    money: moneyNumberFormat(currency),
    percent: "0.0%",
    decimal: "0.00",
    integer: "#,##0",
    date: "yyyy-mm-dd",
  };
}

/**
 * A number read with its cell's number format, the same for an .xlsx file
 * and for Excel's own cells: a zero-padded identifier becomes the text it
 * shows; a format that shows a currency, a percentage or an unscaled "K"
 * is kept in `formats` (row and column 0-based, as the export's rows) and
 * the number stays a number.
 */
export function readFormattedNumber(
  value: number,
  numFmt: string,
  row: number,
  col: number,
  formats: CellFormats
): number | string {
  const padded = zeroPaddedText(value, numFmt);
  if (padded !== null) return padded;
  if (formatCurrency(numFmt) !== null || shownAmount(numFmt) !== null)
    formats.set(row, col, numFmt);
  return value;
}
