/**
 * What every --data reader shares: the sheet's cell type, the one-line file
 * error, file signatures, and the grid's final shape (rectangle, Excel's size
 * limits, repeated short texts held once).
 */
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

/** A file that cannot be opened or read, by its reason. */
export function fileError(error: unknown, file: string): DataFileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new DataFileError(`${file}: file not found`);
  if (code === "EISDIR") return new DataFileError(`${file}: is a directory, not a data file`);
  if (code === "EACCES" || code === "EPERM") {
    return new DataFileError(`${file}: cannot be read (permission denied)`);
  }
  return new DataFileError(`${file}: cannot be read (${code ?? (error as Error).message})`);
}

export function startsWith(bytes: Buffer, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

export const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
export const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Drops trailing empty rows and makes every row as wide as the widest non-empty extent. */
export function rectangle(rows: SheetCell[][]): SheetCell[][] {
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
/**
 * How well a sheet's rows hold what is wanted: 0 not at all, 1 in part (an
 * amount column only, as a summary by segment or owner has), 2 fully (an
 * amount column beside the accounts' names or IDs).
 */
export type SheetFit = 0 | 1 | 2;

export interface SheetOptions {
  columns?: ReadonlySet<number>;
  /**
   * Leave a CSV's locale-dependent text as text ("80.000", "1,250",
   * "01/02/2026"), for src/plan/locale.ts to read once the whole column is
   * seen; plain integers, ISO dates and the rest are typed as usual.
   */
  localeAware?: boolean;
  /** An .xlsx's worksheet: a name or a 1-based position (--sheet). */
  sheet?: string;
  /** Without `sheet`: the first worksheet these rows fit fully, else in part, else the first (xlsx-stream.ts). */
  accept?: (rows: readonly SheetCell[][]) => SheetFit;
  /**
   * Reads an .xlsx's numbers with their number formats (the plan, not
   * `eval`, whose formulas see numbers as Excel's own do).
   */
  numberFormats?: NumberFormatReader;
  /** Sees each formula of an .xlsx: its text as stored (no "="), 0-based row and column, whether a result was saved. */
  formulas?: (formula: string, row: number, col: number, calculated: boolean) => void;
}

/** Sees each number of an .xlsx whose cell has a number format (not General), 0-based row and column. */
export interface NumberFormatReader {
  /** The cell as the reader keeps it: the number, or text (a zero-padded identifier). */
  read(value: number, numFmt: string, row: number, col: number): SheetCell;
  /** Another worksheet is read (the first with an account table may be a later one). */
  startSheet(): void;
}

/** Texts this long may be views into the file's whole text (V8 slices strings of 13 characters or more). */
const SLICE_LENGTH = 13;

/**
 * The text as a string of its own. A parser's field is often a slice of the
 * file's text, and one such slice kept in a cell keeps the whole file (93 MiB
 * for a million-row export) alive until the command ends. Concatenating
 * makes V8 copy the characters; the slice after it points into the copy.
 */
export function detached(text: string): string {
  return text.length < SLICE_LENGTH ? text : (" " + text).slice(1);
}

/**
 * One copy of each short text that repeats (owners, industries, countries):
 * a million-row export holds millions of them, each its own string otherwise.
 * Bounded, so a file of all-different texts costs a fixed-size table.
 */
export class SharedTexts {
  private static readonly MAX_LENGTH = 64;
  private static readonly MAX_ENTRIES = 65_536;
  /**
   * A table per column: a column of IDs ("001000417"), whose texts hash
   * alike, would otherwise slow every other column's lookups several times.
   */
  private readonly tables: (Map<string, string> | null)[] = [];
  private readonly lookups: number[] = [];
  private readonly hits: number[] = [];
  private entries = 0;

  /**
   * The one copy of `text` seen in `column` (0-based; one table for all when
   * not given); a text not shared is detached from the file's text.
   */
  share(text: string, column = -1): string {
    if (text.length > SharedTexts.MAX_LENGTH) return detached(text);
    const at = column + 1;
    let table = this.tables[at];
    if (table === null) return detached(text);
    if (table === undefined) this.tables[at] = table = new Map();
    const lookups = (this.lookups[at] ?? 0) + 1;
    this.lookups[at] = lookups;
    const known = table.get(text);
    if (known !== undefined) {
      this.hits[at] = (this.hits[at] ?? 0) + 1;
      return known;
    }
    // A column whose texts seldom repeat (fewer than one in eight) stops sharing and frees its entries.
    const own = detached(text);
    if (column >= 0 && lookups > 16_384 && (this.hits[at] ?? 0) * 8 < lookups) {
      this.entries -= table.size;
      this.tables[at] = null;
      return own;
    }
    if (this.entries < SharedTexts.MAX_ENTRIES) {
      table.set(own, own);
      this.entries++;
    }
    return own;
  }
}

/** A sheet larger than Excel's is refused by name, as Excel would not open it either. */
export function tooManyRows(file: string, rows: number): DataFileError {
  return new DataFileError(
    `${file}: has ${rows.toLocaleString("en-US")} rows; an Excel sheet holds at most ${EXCEL_MAX_ROWS.toLocaleString("en-US")}`
  );
}

export function withinExcelLimits(sheet: SheetCell[][], file: string): SheetCell[][] {
  if (sheet.length > EXCEL_MAX_ROWS) throw tooManyRows(file, sheet.length);
  const columns = sheet[0]?.length ?? 0;
  if (columns > EXCEL_MAX_COLUMNS)
    throw new DataFileError(
      `${file}: has ${columns.toLocaleString("en-US")} columns; an Excel sheet holds at most ${EXCEL_MAX_COLUMNS.toLocaleString("en-US")}`
    );
  return sheet;
}
