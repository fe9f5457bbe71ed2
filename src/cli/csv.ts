/**
 * A CSV file: its text (encoding sniffed, binary refused), its delimiter, and
 * its rows typed cell by cell as Excel (en-US) types a paste.
 */
import Papa from "papaparse";
import { typeCell } from "../plan/paste-typing";
import {
  DataFileError,
  OLE_SIGNATURE,
  rectangle,
  SharedTexts,
  SheetCell,
  SheetOptions,
  startsWith,
  withinExcelLimits,
  ZIP_SIGNATURE,
} from "./sheet";

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
 * Two kana or kanji in a row: Japanese words. A Windows-1252 letter read as
 * Shift_JIS takes the ASCII letter after it into one kanji ("O’Brien": ’
 * and B), which stands alone between ASCII letters.
 */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]{2}/;
/** Half-width katakana, which single Windows-1252 letters (Ä, Ö, Ü, ß, É) also read as in Shift_JIS. */
const HALF_WIDTH_KANA = /[\uff61-\uff9f]/;

/**
 * The text of a CSV that Japanese Excel saved as "CSV (Comma delimited)": in
 * Shift_JIS (code page 932), not UTF-8. Taken only when every byte decodes as
 * Shift_JIS, the text has two kana or kanji in a row and no half-width
 * katakana (a Windows-1252 file's accented letters rarely decode at all, and
 * those that do are half-width katakana or a kanji alone). Shift_JIS writes the yen sign as the
 * byte of a backslash (Excel shows "\30,000,000" as ¥30,000,000), so a
 * backslash before digits is the yen sign it stands for. Null otherwise.
 */
/** A run of kana or kanji with Latin letters on both sides: "Cr馘it", "G駭駻ale". */
const EMBEDDED_RUN = /[A-Za-z][\u3040-\u30ff\u4e00-\u9fff]+(?=[A-Za-z])/g;
const JAPANESE_RUN = /[\u3040-\u30ff\u4e00-\u9fff]+/g;

/**
 * Whether the kana and kanji are Western accented letters misread: a French
 * or German Windows-1252 "Crédit Générale" decodes as Shift_JIS too, each
 * "é" taking the letter after it into a kanji inside a Latin word. Japanese
 * text has its runs between delimiters, spaces and digits, seldom inside a
 * Latin word; so when a quarter of the runs or more are, it is not Japanese.
 */
function inWesternWords(text: string): boolean {
  const runs = text.match(JAPANESE_RUN)?.length ?? 0;
  const embedded = text.match(EMBEDDED_RUN)?.length ?? 0;
  return embedded * 4 >= runs;
}

function decodeShiftJis(bytes: Buffer): string | null {
  let text: string;
  try {
    text = new TextDecoder("shift_jis", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  if (!JAPANESE.test(text) || HALF_WIDTH_KANA.test(text) || inWesternWords(text)) return null;
  return text.replace(/\\(?=-?\d)/g, "¥");
}

/**
 * The text of a CSV: UTF-8 (BOM dropped); UTF-16 when it starts with a
 * UTF-16 BOM (Excel's "Unicode Text"); otherwise, when the bytes are not valid
 * UTF-8, Shift_JIS when they are Japanese text in it (Japanese Excel's CSV),
 * else Windows-1252 (what Excel's "CSV (Comma delimited)" writes on Windows).
 * Binary files are refused.
 */
export function decodeText(bytes: Buffer, file: string): string {
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
      text = decodeShiftJis(bytes) ?? decodeWindows1252(bytes);
    }
  }
  if (text.includes("\0")) {
    throw new DataFileError(
      `${file}: is not a text file (it contains NUL characters); a CSV must be text`
    );
  }
  return checkControlChars(text, file);
}

/** Binary data without NUL bytes: more than 1% control characters in the first 64K. */
function checkControlChars(text: string, file: string): string {
  const controls = countControlChars(text, SNIFF_CHARS);
  if (controls > 0 && controls >= Math.min(text.length, SNIFF_CHARS) / 100) {
    throw new DataFileError(
      `${file}: is not a text file (it is full of control characters); a CSV must be text`
    );
  }
  return text;
}

/**
 * decodeText's result for a file of valid UTF-8 without NUL bytes, read by
 * Node straight into a string (no Buffer of the file beside it: 93 MiB at a
 * million rows, held until the next full garbage collection); null for any
 * other file (a signature, a UTF-16 BOM, bytes that are not UTF-8, a NUL),
 * which decodeText reads from its bytes, messages and fallbacks included.
 * `head` is the file's first bytes (8 or more, or the whole file).
 */
export function readUtf8Text(head: Buffer, file: string, read: () => string): string | null {
  if (head.length === 0) return null;
  for (const signature of [ZIP_SIGNATURE, OLE_SIGNATURE, [0xff, 0xfe], [0xfe, 0xff]])
    if (startsWith(head, signature)) return null;
  const text = read();
  // Node replaces bytes that are not UTF-8 with U+FFFD: such a file (or one that has
  // the character itself) goes the strict way, where Windows-1252 is the fallback.
  if (text.includes("\ufffd") || text.includes("\0")) return null;
  // TextDecoder drops a UTF-8 byte order mark; so does this.
  return checkControlChars(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
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

/** Text whose en-US reading depends on the locale: a separator between digits, or a slash date. */
const LOCALE_DEPENDENT = /\d[.,/]\d/;
const EXPONENT = /\d[eE][+-]?\d/;
/** "000417": an identifier whose zeros Excel's paste would drop; the builder decides its column. */
const LEADING_ZERO = /^\s*0\d+\s*$/;
/** "95%": a number to Excel's paste, but no amount; the builder decides its column (an ACV refuses it). */
// "$5000" stays text as well: in a plan in euros it is US dollars, which a typed number would lose.
const PERCENT = /\d\s*%\s*\)?\s*$/;

export function parseCsv(
  text: string,
  file: string,
  options: SheetOptions = {}
): { rows: SheetCell[][]; delimiter: string } {
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
          const field = fields[c];
          let cell: SheetCell;
          // Locale-dependent text stays as written: typed, it would be a number put back
          // as the text, or the text itself, so it is not typed at all.
          if (options.localeAware && LOCALE_DEPENDENT.test(field) && !EXPONENT.test(field))
            cell = field;
          else {
            cell = typeCell(field, commaGroups);
            if (
              options.localeAware &&
              typeof cell === "number" &&
              (LEADING_ZERO.test(field) || PERCENT.test(field) || field.includes("$"))
            )
              cell = field;
          }
          row[c] = typeof cell === "string" ? texts.share(cell, c) : cell;
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
  return { rows: withinExcelLimits(rectangle(rows), file), delimiter };
}
