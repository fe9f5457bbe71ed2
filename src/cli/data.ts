/**
 * `--data FILE`: a .csv or .xlsx becomes the sheet the formulas see (CLI.md).
 * A CSV starts at A1 with its header as row 1, each cell typed the way Excel
 * (en-US) types what a user pastes; an .xlsx gives its first worksheet, whose
 * cells Excel has already typed.
 */
import { promises as fs } from "fs";
import nodePath from "path";
import Papa from "papaparse";
import { StringDecoder } from "string_decoder";
import * as unzipper from "unzipper";
import parseSax from "exceljs/lib/utils/parse-sax";
import excelUtils from "exceljs/lib/utils/utils";
import WorkbookXform from "exceljs/lib/xlsx/xform/book/workbook-xform";
import RelationshipsXform, { Relationship } from "exceljs/lib/xlsx/xform/core/relationships-xform";
import StylesXform from "exceljs/lib/xlsx/xform/style/styles-xform";
import SharedStringsXform from "exceljs/lib/xlsx/xform/strings/shared-strings-xform";
import CellXform, { ParsedCell } from "exceljs/lib/xlsx/xform/sheet/cell-xform";
import { excelSerialFromDate, excelSerialFromYmd, isExcelYmd } from "../core/dates";
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from "../core/values";

/** One cell of the data sheet; null is an empty cell. */
export type SheetCell = number | string | boolean | null;

/** A data file that cannot be used: the message is one line naming the file and the problem. */
export class DataFileError extends Error {
  constructor(message: string) {
    super(message.replace(/[\r\n]+/g, " "));
    this.name = "DataFileError";
  }
}

// ---------------------------------------------------------------------------
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
function finite(value: number): number | undefined {
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

/**
 * The typing rules. `commaGroups` false (a ';'-delimited file, where the comma
 * is likely the decimal separator) keeps any number written with a comma as text.
 */
function typeCell(text: string, commaGroups: boolean): SheetCell {
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

// ---------------------------------------------------------------------------
// Files

/** A file that cannot be opened or read, by its reason. */
function fileError(error: unknown, file: string): DataFileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new DataFileError(`${file}: file not found`);
  if (code === "EISDIR") return new DataFileError(`${file}: is a directory, not a data file`);
  if (code === "EACCES" || code === "EPERM") {
    return new DataFileError(`${file}: cannot be read (permission denied)`);
  }
  return new DataFileError(`${file}: cannot be read (${code ?? (error as Error).message})`);
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw fileError(error, file);
  }
}

function startsWith(bytes: Buffer, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const SNIFF_CHARS = 65536;

/** Control characters that do not occur in text (tab, line feed, vertical tab, form feed, CR aside). */
function countControlChars(text: string, limit: number): number {
  let count = 0;
  const end = Math.min(text.length, limit);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if ((code < 32 && (code < 9 || code > 13)) || code === 127) count++;
  }
  return count;
}

/** Windows-1252 characters for bytes 0x80-0x9F (the five unassigned ones stay as they are). */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
const C1_RANGE = /[\u0080-\u009f]/g;

/** Node's TextDecoder("windows-1252") decodes as ISO-8859-1 (0x80 is not "€"), so map 0x80-0x9F here. */
function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString("latin1").replace(C1_RANGE, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]);
}

/**
 * The text of a CSV: UTF-8 (BOM dropped); UTF-16 when it starts with a
 * UTF-16 BOM (Excel's "Unicode Text"); otherwise, when the bytes are not valid
 * UTF-8, Windows-1252 (what Excel's "CSV (Comma delimited)" writes on Windows).
 * Binary files are refused.
 */
function decodeText(bytes: Buffer, file: string): string {
  if (bytes.length === 0) throw new DataFileError(`${file}: the file is empty`);
  if (startsWith(bytes, ZIP_SIGNATURE)) {
    throw new DataFileError(
      `${file}: is a zip package (an .xlsx workbook?), not CSV text; give an .xlsx the .xlsx extension`
    );
  }
  if (startsWith(bytes, OLE_SIGNATURE)) {
    throw new DataFileError(
      `${file}: is a binary Office file (an old .xls?), not CSV text; save it as .csv or .xlsx`
    );
  }
  let text: string;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding = bytes[0] === 0xff ? "utf-16le" : "utf-16be";
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      throw new DataFileError(`${file}: is not valid UTF-16 text`);
    }
  } else {
    if (bytes.indexOf(0) >= 0) {
      throw new DataFileError(
        `${file}: is not a text file (it contains NUL bytes); a CSV must be text`
      );
    }
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      text = decodeWindows1252(bytes);
    }
  }
  if (text.includes("\0")) {
    throw new DataFileError(
      `${file}: is not a text file (it contains NUL characters); a CSV must be text`
    );
  }
  // Binary data without NUL bytes: more than 1% control characters in the first 64K.
  const controls = countControlChars(text, SNIFF_CHARS);
  if (controls > 0 && controls >= Math.min(text.length, SNIFF_CHARS) / 100) {
    throw new DataFileError(
      `${file}: is not a text file (it is full of control characters); a CSV must be text`
    );
  }
  return text;
}

const GUESSABLE_DELIMITERS = [",", "\t", ";"];

/**
 * The delimiter: papaparse's guess among comma, tab and semicolon (the most
 * consistent field count over the first 10 non-empty rows; ties go to the
 * comma). When nothing fits (e.g. a single column) it is the comma.
 */
function chooseDelimiter(text: string): string {
  const guess = Papa.parse<string[]>(text, {
    preview: 10,
    skipEmptyLines: true,
    delimitersToGuess: GUESSABLE_DELIMITERS,
  });
  const undetectable = guess.errors.some((e) => e.code === "UndetectableDelimiter");
  const delimiter = guess.meta.delimiter;
  return !undetectable && GUESSABLE_DELIMITERS.includes(delimiter) ? delimiter : ",";
}

function lineOf(text: string, index: number | undefined): number | undefined {
  if (index === undefined || index < 0) return undefined;
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** Drops trailing empty rows and makes every row as wide as the widest non-empty extent. */
function rectangle(rows: SheetCell[][]): SheetCell[][] {
  let height = rows.length;
  let width = 0;
  const extents = rows.map((row) => {
    let extent = row.length;
    while (extent > 0 && row[extent - 1] === null) extent--;
    if (extent > width) width = extent;
    return extent;
  });
  while (height > 0 && extents[height - 1] === 0) height--;
  const out: SheetCell[][] = new Array(height);
  for (let r = 0; r < height; r++) {
    const row = rows[r];
    if (row.length === width) out[r] = row;
    else if (row.length > width) out[r] = row.slice(0, width);
    else {
      const padded = row.slice();
      for (let c = row.length; c < width; c++) padded.push(null);
      out[r] = padded;
    }
  }
  return out;
}

/**
 * Which columns to keep (0-based); cells of the others are left empty. A
 * million-row export is read without holding its unused columns, so the
 * command's memory follows what the formulas read, not the file's width.
 */
export interface SheetOptions {
  columns?: ReadonlySet<number>;
}

/**
 * One copy of each short text that repeats (owners, industries, countries):
 * a million-row export holds millions of them, each its own string otherwise.
 * Bounded, so a file of all-different texts costs a fixed-size table.
 */
class SharedTexts {
  private static readonly MAX_LENGTH = 64;
  private static readonly MAX_ENTRIES = 65_536;
  private readonly seen = new Map<string, string>();

  share(text: string): string {
    if (text.length > SharedTexts.MAX_LENGTH) return text;
    const known = this.seen.get(text);
    if (known !== undefined) return known;
    if (this.seen.size < SharedTexts.MAX_ENTRIES) this.seen.set(text, text);
    return text;
  }
}

function parseCsv(text: string, file: string, options: SheetOptions = {}): SheetCell[][] {
  const delimiter = chooseDelimiter(text);
  const commaGroups = delimiter !== ";";
  const keep = options.columns;
  const rows: SheetCell[][] = [];
  const texts = new SharedTexts();
  let broken: Papa.ParseError | undefined;
  // Whether any field holds anything, read or not: a file of blank lines is refused either way.
  let sawValue = false;
  // Row by row (step): the file's fields are typed as they are read, never all held as text.
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (result, parser) => {
      const quotes = result.errors.find((e) => e.type === "Quotes");
      if (quotes !== undefined) {
        broken = { ...quotes, row: rows.length };
        parser.abort();
        return;
      }
      const fields = result.data;
      const row: SheetCell[] = new Array(fields.length);
      for (let c = 0; c < fields.length; c++) {
        if (keep === undefined || keep.has(c)) {
          const cell = typeCell(fields[c], commaGroups);
          row[c] = typeof cell === "string" ? texts.share(cell) : cell;
          if (cell !== null) sawValue = true;
        } else {
          row[c] = null;
          if (!sawValue && fields[c].trim() !== "") sawValue = true;
        }
      }
      rows.push(row);
    },
  });
  if (broken !== undefined) {
    const row = (broken.row ?? 0) + 1;
    const line = lineOf(text, broken.index);
    const at = line === undefined || line === row ? `row ${row}` : `row ${row} (line ${line})`;
    throw new DataFileError(
      broken.code === "MissingQuotes"
        ? `${file}: a quoted field that opens in ${at} is never closed`
        : `${file}: ${at} has a malformed quoted field (text after its closing quote)`
    );
  }
  if (!sawValue) throw new DataFileError(`${file}: has no data (only blank lines)`);
  return withinExcelLimits(rectangle(rows), file);
}

/** A sheet larger than Excel's is refused by name, as Excel would not open it either. */
function tooManyRows(file: string, rows: number): DataFileError {
  return new DataFileError(
    `${file}: has ${rows.toLocaleString("en-US")} rows; an Excel sheet holds at most ${EXCEL_MAX_ROWS.toLocaleString("en-US")}`
  );
}

function withinExcelLimits(sheet: SheetCell[][], file: string): SheetCell[][] {
  if (sheet.length > EXCEL_MAX_ROWS) throw tooManyRows(file, sheet.length);
  const columns = sheet[0]?.length ?? 0;
  if (columns > EXCEL_MAX_COLUMNS)
    throw new DataFileError(
      `${file}: has ${columns.toLocaleString("en-US")} columns; an Excel sheet holds at most ${EXCEL_MAX_COLUMNS.toLocaleString("en-US")}`
    );
  return sheet;
}

// ---------------------------------------------------------------------------
// .xlsx, streamed

/*
 * The first worksheet of an .xlsx, read as a stream: the zip's directory is
 * read, then only the parts that matter (workbook, relationships, styles,
 * shared strings, the one sheet) are inflated and parsed as they stream, so
 * memory follows the cells kept, not the file. A million-row export loaded
 * whole by ExcelJS takes several GiB.
 *
 * Why not ExcelJS's own streaming reader (stream.xlsx.WorkbookReader)? It
 * types cells differently from its whole-workbook load, which is what `eval`
 * and `plan` promised until now: a formula's saved TRUE/FALSE comes back as
 * 1/0 and its error as NaN, a date-formatted formula result stays a number,
 * an inline string of several runs keeps only the last run, phonetic guides
 * replace a shared string's text, merged and hyperlinked cells are not seen,
 * and a character split across two zip chunks is garbled. So this module
 * drives the very parsers (xforms) the whole-workbook load uses, cell by cell,
 * and applies that load's rules; the typing is the same by construction.
 */

/** The file is not a workbook ExcelJS's load would read. */
class UnreadableWorkbook extends Error {}

/** ExcelJS's ValueType numbers for the kinds a parsed cell can have. */
const NUMBER = 2;
const STRING = 3;
const FORMULA = 6;
const BOOLEAN = 9;
const ERROR = 10;

/** Worksheet parts as ExcelJS's load recognises them (its pattern, unanchored as there). */
const WORKSHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;

/** CRC-32 (the zip's checksum) lookup table. */
const CRC_TABLE = ((): Int32Array => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

function updateCrc32(crc: number, bytes: Buffer): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c;
}

/**
 * UTF-8 text of a zip entry, decoded across chunk boundaries. Its checksum
 * and size are checked at the end, as ExcelJS's load (JSZip) did: damaged
 * bytes are refused, never read as other values.
 */
async function* textOf(entry: unzipper.ZipEntry): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let crc = 0;
  let size = 0;
  for await (const chunk of entry.stream()) {
    const bytes = chunk as Buffer;
    crc = updateCrc32(crc, bytes);
    size += bytes.length;
    const text = decoder.write(bytes);
    if (text !== "") yield text;
  }
  if (crc >>> 0 !== entry.crc32 || size !== entry.uncompressedSize) {
    throw new UnreadableWorkbook(`${entry.path}: damaged (checksum or size mismatch)`);
  }
  const rest = decoder.end();
  if (rest !== "") yield rest;
}

/** "AB12" -> column 28, row 12 (1-based); undefined for anything else. */
function decodeAddress(address: string | undefined): { col: number; row: number } | undefined {
  if (address === undefined) return undefined;
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address);
  if (match === null) return undefined;
  let col = 0;
  for (const letter of match[1].toUpperCase()) col = col * 26 + letter.charCodeAt(0) - 64;
  return { col, row: Number(match[2]) };
}

/** The workbook-level parts a sheet's cells are typed with. */
interface Context {
  styles: StylesXform | undefined;
  sharedStrings: SharedStringsXform | undefined;
  date1904: boolean | undefined;
}

/**
 * What ExcelJS's `cell.value` is after its whole-workbook load (the rules of
 * its CellXform.reconcile and value types), hyperlinks aside: null for an
 * empty cell; numbers; strings or { richText }; Dates for date-formatted
 * numbers; { formula, result }; booleans; { error }. One difference, on
 * purpose: a saved formula result of 0 or FALSE is kept (the whole load
 * dropped falsy results, so such a cell read as empty: a silent wrong value).
 */
function loadedValue(cell: ParsedCell, context: Context): unknown {
  const style =
    cell.styleId !== undefined && cell.styleId !== 0 && context.styles !== undefined
      ? context.styles.getStyleModel(cell.styleId)
      : null;
  const dateFormatted = style !== null && excelUtils.isDateFmt(style.numFmt);
  switch (cell.type) {
    case NUMBER:
      return dateFormatted
        ? excelUtils.excelToDate(cell.value as number, context.date1904)
        : cell.value;
    case STRING: {
      let value = cell.value;
      if (typeof value === "number" && context.sharedStrings !== undefined) {
        value = context.sharedStrings.getString(value);
      }
      // ExcelJS's load fails on a shared-string index past the table's end.
      if (value === undefined || value === null) throw new UnreadableWorkbook("bad shared string");
      return value;
    }
    case FORMULA: {
      const result =
        cell.result !== undefined && dateFormatted
          ? excelUtils.excelToDate(cell.result as number, context.date1904)
          : cell.result;
      return { formula: cell.formula ?? "", result };
    }
    case BOOLEAN:
    case ERROR:
      return cell.value;
    default:
      return null;
  }
}

interface StreamedSheet {
  /** The sheet's name in the workbook. */
  name: string;
  /** Rows by address (index 0 is row 1), each cell by column; unset or null is empty. */
  rows: SheetCell[][];
}

interface StreamOptions {
  /** Columns to keep (0-based); all when undefined. */
  columns?: ReadonlySet<number>;
  /** Types one cell from its loaded ExcelJS value (xlsxCell). */
  typeCell: (value: unknown, address: string) => SheetCell;
}

async function parsePart<
  X extends { parseStream(chunks: AsyncIterable<string>): Promise<unknown> },
>(entries: Map<string, unzipper.ZipEntry>, name: string, xform: X): Promise<X | undefined> {
  const entry = entries.get(name);
  if (entry === undefined) return undefined;
  await xform.parseStream(textOf(entry));
  return xform;
}

async function relationshipsOf(
  entries: Map<string, unzipper.ZipEntry>,
  name: string
): Promise<Relationship[]> {
  const entry = entries.get(name);
  if (entry === undefined) return [];
  return (await new RelationshipsXform().parseStream(textOf(entry))) ?? [];
}

/**
 * The first worksheet as ExcelJS's load orders them: the first <sheet> of
 * workbook.xml whose relationship points at a worksheet part in the zip
 * (chart sheets and missing parts are passed over; hidden sheets count).
 */
async function firstWorksheet(
  entries: Map<string, unzipper.ZipEntry>
): Promise<{ name: string; part: string; sheetNo: string; date1904?: boolean } | undefined> {
  const workbook = await parsePart(entries, "xl/workbook.xml", new WorkbookXform());
  const rels = await relationshipsOf(entries, "xl/_rels/workbook.xml.rels");
  for (const sheet of workbook?.model?.sheets ?? []) {
    const rel = rels.find((r) => r.Id === sheet.rId);
    if (rel === undefined) continue;
    const part = `xl/${rel.Target.replace(/^(\s|\/xl\/)+/, "")}`;
    const match = WORKSHEET_PART.exec(part);
    if (match !== null && entries.has(part)) {
      const date1904 = workbook?.model?.properties?.date1904;
      return { name: sheet.name, part, sheetNo: match[1], date1904 };
    }
  }
  return undefined;
}

/** Opens the zip; UnreadableWorkbook when it is not one. */
async function openZip(file: string): Promise<Map<string, unzipper.ZipEntry>> {
  let directory: { files: unzipper.ZipEntry[] };
  try {
    directory = await unzipper.Open.file(file);
  } catch (error) {
    throw new UnreadableWorkbook(String(error));
  }
  const entries = new Map<string, unzipper.ZipEntry>();
  for (const entry of directory.files) {
    if (entry.type !== "File") continue;
    // ExcelJS's load drops a leading "/" from entry names.
    entries.set(entry.path.startsWith("/") ? entry.path.slice(1) : entry.path, entry);
  }
  return entries;
}

/** Cells to clear once the sheet is read: merged-away cells and hyperlinked non-text cells. */
interface LateRules {
  merges: string[];
  hyperlinks: { ref: string; rId: string }[];
}

/**
 * Streams the first worksheet; undefined when the workbook has none.
 * UnreadableWorkbook when the file is not a readable workbook; whatever
 * `typeCell` throws passes through.
 */
async function streamFirstWorksheet(
  file: string,
  options: StreamOptions
): Promise<StreamedSheet | undefined> {
  const entries = await openZip(file);
  try {
    const sheet = await firstWorksheet(entries);
    if (sheet === undefined) return undefined;
    const context: Context = {
      styles: await parsePart(entries, "xl/styles.xml", new StylesXform()),
      sharedStrings: await parsePart(entries, "xl/sharedStrings.xml", new SharedStringsXform()),
      date1904: sheet.date1904,
    };
    const late: LateRules = { merges: [], hyperlinks: [] };
    // Text cells that came from error values: a hyperlink empties them, unlike real text.
    const errorTexts = new Set<string>();
    const rows = await readCells(
      file,
      entries.get(sheet.part) as unzipper.ZipEntry,
      context,
      options,
      late,
      errorTexts
    );
    await applyLateRules(entries, sheet.sheetNo, rows, late, errorTexts, options.columns);
    return { name: sheet.name, rows };
  } catch (error) {
    if (error instanceof UnreadableWorkbook) throw error;
    if (error instanceof CellTypingFailure) throw error.cause;
    // A zip or XML error (corrupt part, truncated data): not a readable workbook.
    throw new UnreadableWorkbook(String(error));
  }
}

/** What typeCell threw, carried past the reader's own error handling. */
class CellTypingFailure {
  constructor(readonly cause: unknown) {}
}

async function readCells(
  file: string,
  entry: unzipper.ZipEntry,
  context: Context,
  options: StreamOptions,
  late: LateRules,
  errorTexts: Set<string>
): Promise<SheetCell[][]> {
  const keep = options.columns;
  const rows: SheetCell[][] = [];
  const parser = new CellXform();
  let inSheetData = false;
  let inHyperlinks = false;
  let row: SheetCell[] | undefined;
  let rowHasValue = false;
  let rowNumber = 0;
  let colNumber = 0;
  // Inside a <c> being parsed (fed to CellXform), or skipped (a column not kept).
  let parsing = false;
  let skipping = false;
  for await (const events of parseSax(textOf(entry))) {
    for (const event of events) {
      if (parsing) {
        if (event.eventType === "opentag") parser.parseOpen(event.value);
        else if (event.eventType === "text") parser.parseText(event.value);
        else if (!parser.parseClose(event.value.name)) {
          // The cell is complete (as ExcelJS's RowXform decides it).
          parsing = false;
          const cell = parser.model;
          const address = cell.address ?? "";
          const value = loadedValue(cell, context);
          let typed: SheetCell;
          try {
            typed = options.typeCell(value, address);
          } catch (error) {
            throw new CellTypingFailure(error);
          }
          if (row !== undefined) {
            // Columns keep their addresses: skipped ones before this cell become nulls.
            while (row.length < colNumber - 1) row.push(null);
            row[colNumber - 1] = typed;
          }
          if (typed !== null) rowHasValue = true;
          if (typed !== null && isErrorValue(value)) errorTexts.add(address);
        }
        continue;
      }
      if (skipping) {
        if (event.eventType === "closetag" && event.value.name === "c") skipping = false;
        continue;
      }
      if (event.eventType === "opentag") {
        const node = event.value;
        switch (node.name) {
          case "sheetData":
            inSheetData = true;
            break;
          case "row":
            if (!inSheetData) break;
            // A row without r follows the previous one (the file format's rule).
            rowNumber = Number(node.attributes.r ?? rowNumber + 1);
            if (!Number.isInteger(rowNumber) || rowNumber < 1) {
              throw new UnreadableWorkbook(`bad row number ${node.attributes.r}`);
            }
            row = [];
            rowHasValue = false;
            colNumber = 0;
            break;
          case "c": {
            if (row === undefined) break;
            const decoded = decodeAddress(node.attributes.r);
            if (node.attributes.r !== undefined && decoded === undefined) {
              throw new UnreadableWorkbook(`bad cell address ${node.attributes.r}`);
            }
            colNumber = decoded?.col ?? colNumber + 1;
            if (keep !== undefined && !keep.has(colNumber - 1)) {
              skipping = true;
              break;
            }
            parsing = true;
            parser.parseOpen(node);
            break;
          }
          case "mergeCell":
            if (node.attributes.ref !== undefined) late.merges.push(node.attributes.ref);
            break;
          case "hyperlinks":
            inHyperlinks = true;
            break;
          case "hyperlink": {
            const rId = node.attributes["r:id"];
            // Only links with a relationship (to a URL or file) count in ExcelJS's load.
            if (inHyperlinks && rId !== undefined && node.attributes.ref !== undefined) {
              late.hyperlinks.push({ ref: node.attributes.ref, rId });
            }
            break;
          }
          default:
            break;
        }
      } else if (event.eventType === "closetag") {
        const name = event.value.name;
        if (name === "sheetData") inSheetData = false;
        else if (name === "row" && row !== undefined) {
          if (rowHasValue) {
            // Refused before the rows up to it are made: <row r="999999999"> would exhaust memory.
            if (rowNumber > EXCEL_MAX_ROWS)
              throw new CellTypingFailure(tooManyRows(file, rowNumber));
            while (rows.length < rowNumber) rows.push([]);
            // A grown array keeps spare capacity (about twice its cells): a million rows keep exact-size copies.
            rows[rowNumber - 1] = row.slice();
          } else if (rowNumber <= rows.length) {
            // A repeated row replaces the earlier one, as in ExcelJS's load.
            rows[rowNumber - 1] = [];
          }
          row = undefined;
        } else if (name === "hyperlinks") inHyperlinks = false;
      }
    }
  }
  return rows;
}

function isErrorValue(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if ("error" in value) return true;
  return "formula" in value && isErrorValue((value as { result?: unknown }).result);
}

/**
 * Merged cells keep only their top-left value; a hyperlinked cell keeps its
 * value only when that is text (ExcelJS's hyperlink value holds it as `text`,
 * which data.ts reads only when it is text).
 */
async function applyLateRules(
  entries: Map<string, unzipper.ZipEntry>,
  sheetNo: string,
  rows: SheetCell[][],
  late: LateRules,
  errorTexts: Set<string>,
  keep: ReadonlySet<number> | undefined
): Promise<void> {
  for (const ref of late.merges) {
    const [from, to] = ref.split(":");
    const a = decodeAddress(from);
    const b = decodeAddress(to ?? from);
    if (a === undefined || b === undefined) throw new UnreadableWorkbook(`bad merge ${ref}`);
    const top = Math.min(a.row, b.row);
    const left = Math.min(a.col, b.col);
    const bottom = Math.min(Math.max(a.row, b.row), rows.length);
    for (let r = top; r <= bottom; r++) {
      const cells = rows[r - 1];
      const right = Math.min(Math.max(a.col, b.col), cells.length);
      for (let c = left; c <= right; c++) {
        if (r !== top || c !== left) cells[c - 1] = null;
      }
    }
  }
  if (late.hyperlinks.length === 0) return;
  const rels = await relationshipsOf(entries, `xl/worksheets/_rels/sheet${sheetNo}.xml.rels`);
  for (const link of late.hyperlinks) {
    // ExcelJS's load fails on a link whose relationship is missing.
    if (!rels.some((rel) => rel.Id === link.rId)) {
      throw new UnreadableWorkbook(`hyperlink ${link.ref} has no relationship`);
    }
    const at = decodeAddress(link.ref);
    if (at === undefined || (keep !== undefined && !keep.has(at.col - 1))) continue;
    const cells = rows[at.row - 1];
    if (cells === undefined) continue;
    const value = cells[at.col - 1];
    const keepsText = typeof value === "string" && !errorTexts.has(link.ref);
    if (!keepsText) cells[at.col - 1] = null;
  }
}

// ---------------------------------------------------------------------------
// .xlsx

function richTextOf(value: { richText: { text: string }[] }): string {
  return value.richText.map((run) => run.text).join("");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/**
 * One cell as Excel stored it: numbers, text (never re-typed), booleans;
 * dates as serials; rich text and hyperlinks as their plain text; formulas as
 * their saved result (none: empty); error values (#N/A…) as their text,
 * because a sheet cell here cannot hold an error.
 */
function xlsxCell(value: unknown, address: string, file: string): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return finite(value) ?? null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return excelSerialFromDate(value);
  if (isObject(value)) {
    if (typeof value.error === "string") return value.error;
    if (Array.isArray(value.richText)) return richTextOf(value as { richText: { text: string }[] });
    if ("hyperlink" in value) {
      const text = value.text;
      if (isObject(text) && Array.isArray(text.richText)) {
        return richTextOf(text as { richText: { text: string }[] });
      }
      return typeof text === "string" ? text : null;
    }
    if ("formula" in value || "sharedFormula" in value) {
      // The saved result. None (never calculated) reads as empty: Excel saves a
      // "" result as an empty <v/>, which ExcelJS cannot tell from no result.
      return value.result === undefined ? null : xlsxCell(value.result, address, file);
    }
  }
  throw new DataFileError(`${file}: cell ${address} holds a value this command cannot read`);
}

/** The first bytes of a file, for its signature; the same messages as readBytes for a file that cannot be read. */
async function readHead(file: string, length: number): Promise<Buffer> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, "r");
    const head = Buffer.alloc(length);
    const { bytesRead } = await handle.read(head, 0, length, 0);
    return head.subarray(0, bytesRead);
  } catch (error) {
    throw fileError(error, file);
  } finally {
    await handle?.close();
  }
}

/**
 * The first worksheet, streamed (xlsx-stream.ts): only the kept columns are
 * held, each cell typed by xlsxCell exactly as after ExcelJS's whole-workbook load.
 */
async function parseXlsx(file: string, options: SheetOptions): Promise<SheetCell[][]> {
  const head = await readHead(file, OLE_SIGNATURE.length);
  if (head.length === 0) throw new DataFileError(`${file}: the file is empty`);
  if (startsWith(head, OLE_SIGNATURE)) {
    throw new DataFileError(
      `${file}: not a readable .xlsx workbook (it is an old .xls or a password-protected workbook); save it as an unprotected .xlsx`
    );
  }
  const texts = new SharedTexts();
  let sheet: StreamedSheet | undefined;
  try {
    sheet = await streamFirstWorksheet(file, {
      columns: options.columns,
      typeCell: (value, address) => {
        const cell = xlsxCell(value, address, file);
        return typeof cell === "string" ? texts.share(cell) : cell;
      },
    });
  } catch (error) {
    if (error instanceof UnreadableWorkbook) {
      throw new DataFileError(`${file}: not a readable .xlsx workbook (not a valid Excel file)`);
    }
    throw error;
  }
  if (sheet === undefined) {
    throw new DataFileError(`${file}: the workbook has no worksheet (is it an Excel workbook?)`);
  }
  const grid = rectangle(sheet.rows);
  if (grid.length === 0) {
    throw new DataFileError(`${file}: the first worksheet ("${sheet.name}") is empty`);
  }
  return withinExcelLimits(grid, file);
}

/** The sheet in a .csv or .xlsx file (by extension, any case); DataFileError for anything unusable. */
export async function loadSheet(path: string, options: SheetOptions = {}): Promise<SheetCell[][]> {
  const ext = nodePath.extname(path).toLowerCase();
  if (ext !== ".csv" && ext !== ".xlsx") {
    throw new DataFileError(
      `${path}: unsupported data file type ${ext === "" ? "(no extension)" : `"${ext}"`}; use a .csv or .xlsx file`
    );
  }
  if (ext === ".xlsx") return parseXlsx(path, options);
  return parseCsv(decodeText(await readBytes(path), path), path, options);
}
