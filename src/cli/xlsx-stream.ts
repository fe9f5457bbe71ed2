/**
 * The first worksheet of an .xlsx, streamed over ExcelJS's own load parsers.
 */
import { StringDecoder } from "string_decoder";
import { crc32 } from "zlib";
import * as unzipper from "unzipper";
import parseSax from "exceljs/lib/utils/parse-sax";
import excelUtils from "exceljs/lib/utils/utils";
import RelationshipsXform, { Relationship } from "exceljs/lib/xlsx/xform/core/relationships-xform";
import StylesXform from "exceljs/lib/xlsx/xform/style/styles-xform";
import SharedStringsXform from "exceljs/lib/xlsx/xform/strings/shared-strings-xform";
import CellXform, { ParsedCell } from "exceljs/lib/xlsx/xform/sheet/cell-xform";
import { excelSerialFromDate } from "../core/dates";
import { EXCEL_MAX_ROWS } from "../core/values";
import { finite } from "../plan/paste-typing";
import { DataFileError, SheetCell, SheetFit, tooManyRows } from "./sheet";
import { child, children, parseXml } from "./workbook/xml";

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
export class UnreadableWorkbook extends Error {}

/** ExcelJS's ValueType numbers for the kinds a parsed cell can have. */
const NUMBER = 2;
const STRING = 3;
const FORMULA = 6;
const BOOLEAN = 9;
const ERROR = 10;

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
    crc = crc32(bytes, crc);
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

/**
 * "AB12" -> column 28, row 12 (1-based), "$A$1" too; undefined for anything
 * else. Read character by character: it runs for every cell of the sheet.
 */
function decodeAddress(address: string | undefined): { col: number; row: number } | undefined {
  if (address === undefined) return undefined;
  const n = address.length;
  let i = address.charCodeAt(0) === 36 ? 1 : 0;
  const lettersStart = i;
  let col = 0;
  for (; i < n; i++) {
    let code = address.charCodeAt(i);
    if (code >= 97 && code <= 122) code -= 32;
    if (code < 65 || code > 90) break;
    col = col * 26 + code - 64;
  }
  if (i === lettersStart || i - lettersStart > 3) return undefined;
  if (address.charCodeAt(i) === 36) i++;
  const digitsStart = i;
  let row = 0;
  for (; i < n; i++) {
    const code = address.charCodeAt(i);
    if (code < 48 || code > 57) break;
    row = row * 10 + code - 48;
  }
  if (i === digitsStart || i !== n) return undefined;
  // Past 15 digits the sum above may round differently from the number the digits write.
  return { col, row: i - digitsStart > 15 ? Number(address.slice(digitsStart)) : row };
}

/** The workbook-level parts a sheet's cells are typed with. */
interface Context {
  styles: StylesXform | undefined;
  sharedStrings: SharedStringsXform | undefined;
  date1904: boolean;
}

function styleOf(cell: ParsedCell, context: Context): { numFmt?: string } | null {
  return cell.styleId !== undefined && cell.styleId !== 0 && context.styles !== undefined
    ? context.styles.getStyleModel(cell.styleId)
    : null;
}

/** A date-formatted number as ExcelJS's Date; a number no Date can hold (1e20, shown ##### by Excel) stays the number. */
function asDate(serial: number, context: Context): Date | number {
  const date = excelUtils.excelToDate(serial, context.date1904);
  return Number.isFinite(date.getTime()) ? date : serial;
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
  const style = styleOf(cell, context);
  const dateFormatted = style !== null && excelUtils.isDateFmt(style.numFmt);
  switch (cell.type) {
    case NUMBER:
      return dateFormatted ? asDate(cell.value as number, context) : cell.value;
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
      // Only a number is a date: a date-formatted formula whose saved result is
      // an error (#DIV/0!), text or TRUE keeps it (it made an invalid Date).
      const result =
        typeof cell.result === "number" && dateFormatted
          ? asDate(cell.result, context)
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

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * A cell of type "d" (an ISO 8601 date, which the file format allows and
 * some tools write: <c t="d"><v>2027-06-30T00:00:00</v></c>) as the Date
 * ExcelJS gives date cells: the wall-clock day and time, any zone ignored as
 * Excel ignores it. ExcelJS read it as a number (parseFloat gives 2027, a
 * day in 1905). Text that is no such date stays text.
 */
function isoDateCell(text: string): Date | string {
  const m = ISO_DATE_TIME.exec(text.trim());
  if (m === null) return text;
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const ms = Math.round(Number(`0.${m[7] ?? "0"}`) * 1000);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, sec, ms));
  const real =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    sec < 60;
  return real ? date : text;
}

export interface StreamedSheet {
  /** The sheet's name in the workbook. */
  name: string;
  /** Rows by address (index 0 is row 1), each cell by column; unset or null is empty. */
  rows: SheetCell[][];
  /** Whether a cell of a column not kept holds a value (the sheet is not empty, only what was read). */
  otherValues: boolean;
  /** Every worksheet's name, in tab order. */
  names: string[];
  /** The hidden ones among them (hidden or very hidden). */
  hiddenNames: string[];
  /** Whether this sheet is hidden. */
  hidden: boolean;
  /** Rows (1-based) that hold a value but are hidden: filtered out, collapsed or hidden by hand. */
  hiddenRows: number[];
  /** Merged ranges (1-based rows and columns): only the top-left cell holds the value Excel shows across them. */
  merges: MergedRange[];
}

export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Which worksheet: by name or 1-based position, else the first that fits
 * fully, else the first that fits in part, else the first (visible sheets
 * before hidden ones: a hidden sheet in front, a stale copy or a lookup
 * table, is not what the user sees as the export).
 */
export interface SheetChoice {
  name?: string;
  position?: number;
  accept?: (rows: readonly SheetCell[][]) => SheetFit;
}

interface StreamOptions {
  /** Columns to keep (0-based); all when undefined. */
  columns?: ReadonlySet<number>;
  /** Types one cell from its loaded ExcelJS value (xlsxCell). */
  typeCell: (value: unknown, address: string) => SheetCell;
  /**
   * Sees each typed number whose cell has a number format (not General) and
   * may replace it: the plan keeps a format's currency and an identifier's
   * zero-padded text. Row and column are 0-based.
   */
  formatted?: (value: number, numFmt: string, row: number, col: number) => SheetCell;
  /**
   * Sees each formula cell: its text as stored (no "="; "" for a shared
   * formula's later cells), row and column 0-based, and whether a result was
   * saved (a <v>, even empty: Excel's "" result).
   */
  formula?: (formula: string, row: number, col: number, calculated: boolean) => void;
  /** Called before each worksheet is read (the first that holds an account table may be a later one). */
  startSheet?: () => void;
  choice?: SheetChoice;
}

/** The sheet asked for (--sheet) is not in the workbook. */
export class MissingSheet extends Error {
  constructor(
    readonly asked: string,
    readonly names: string[]
  ) {
    super(asked);
  }
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

interface WorksheetPart {
  name: string;
  part: string;
  /** Its relationships part (its hyperlinks' targets). */
  rels: string;
  /** Hidden or very hidden (Format > Hide, or only by a macro or the file). */
  hidden: boolean;
}

/** An xsd:boolean attribute: "1" and "true" are both true (Excel writes 1, other tools true). */
function xmlTrue(value: string | undefined): boolean {
  return value === "1" || value === "true";
}

/** The zip path a relationship of xl/workbook.xml points at. */
function workbookTarget(target: string): string {
  return target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
}

/**
 * The worksheets in tab order: each <sheet> of workbook.xml whose
 * relationship is a worksheet's and whose part is in the zip (chart sheets,
 * dialog and macro sheets and missing parts are passed over; hidden sheets
 * count). A worksheet is known by its relationship's type, not its part's
 * name: the file format lets a writer name it xl/worksheets/accounts.xml.
 */
async function worksheets(
  entries: Map<string, unzipper.ZipEntry>
): Promise<{ sheets: WorksheetPart[]; date1904: boolean }> {
  const entry = entries.get("xl/workbook.xml");
  if (entry === undefined) return { sheets: [], date1904: false };
  let text = "";
  for await (const chunk of textOf(entry)) text += chunk;
  const workbook = parseXml(text);
  const rels = await relationshipsOf(entries, "xl/_rels/workbook.xml.rels");
  const sheets: WorksheetPart[] = [];
  const list = child(workbook, "sheets");
  for (const sheet of list === undefined ? [] : children(list, "sheet")) {
    const rel = rels.find((r) => r.Id === sheet.attrs.id);
    if (rel === undefined || !/\/worksheet$/.test(rel.Type ?? "")) continue;
    const part = workbookTarget(rel.Target.trim());
    if (!entries.has(part)) continue;
    const slash = part.lastIndexOf("/");
    sheets.push({
      name: sheet.attrs.name ?? "",
      part,
      rels: `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`,
      hidden: sheet.attrs.state === "hidden" || sheet.attrs.state === "veryHidden",
    });
  }
  // The 1904 date system: its serials read as 1900 ones would put every date four years early.
  return { sheets, date1904: xmlTrue(child(workbook, "workbookPr")?.attrs.date1904) };
}

/** The sheet named (any case) or at a 1-based position; MissingSheet otherwise. */
function namedSheet(sheets: WorksheetPart[], choice: SheetChoice): WorksheetPart {
  const names = sheets.map((s) => s.name);
  if (choice.name !== undefined) {
    const wanted = choice.name.trim().toLowerCase();
    const found = sheets.find((s) => s.name.trim().toLowerCase() === wanted);
    if (found === undefined) throw new MissingSheet(JSON.stringify(choice.name), names);
    return found;
  }
  const position = choice.position as number;
  if (position < 1 || position > sheets.length) throw new MissingSheet(`number ${position}`, names);
  return sheets[position - 1];
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
 * Streams the chosen worksheet (options.choice; the first by default);
 * undefined when the workbook has none. UnreadableWorkbook when the file is
 * not a readable workbook, MissingSheet when the sheet asked for is not
 * there; whatever `typeCell` throws passes through.
 */
export async function streamWorksheet(
  file: string,
  options: StreamOptions
): Promise<StreamedSheet | undefined> {
  const entries = await openZip(file);
  try {
    const { sheets, date1904 } = await worksheets(entries);
    if (sheets.length === 0) return undefined;
    const names = sheets.map((s) => s.name);
    const hiddenNames = sheets.filter((s) => s.hidden).map((s) => s.name);
    const context: Context = {
      styles: await parsePart(entries, "xl/styles.xml", new StylesXform()),
      sharedStrings: await parsePart(entries, "xl/sharedStrings.xml", new SharedStringsXform()),
      date1904,
    };
    const read = async (sheet: WorksheetPart): Promise<StreamedSheet> => {
      options.startSheet?.();
      const late: LateRules = { merges: [], hyperlinks: [] };
      // Text cells that came from error values: a hyperlink empties them, unlike real text.
      const errorTexts = new Set<string>();
      const seen = { otherValues: false, hiddenRows: [] as number[] };
      const rows = await readCells(
        file,
        entries.get(sheet.part) as unzipper.ZipEntry,
        context,
        options,
        late,
        errorTexts,
        seen
      );
      await applyLateRules(entries, sheet.rels, rows, late, errorTexts, options.columns);
      return {
        name: sheet.name,
        rows,
        otherValues: seen.otherValues,
        hiddenRows: seen.hiddenRows,
        merges: late.merges.flatMap((ref) => {
          const [from, to] = ref.split(":");
          const a = decodeAddress(from);
          const b = decodeAddress(to ?? from);
          if (a === undefined || b === undefined) return [];
          return [
            {
              top: Math.min(a.row, b.row),
              left: Math.min(a.col, b.col),
              bottom: Math.max(a.row, b.row),
              right: Math.max(a.col, b.col),
            },
          ];
        }),
        names,
        hiddenNames,
        hidden: sheet.hidden,
      };
    };
    const choice = options.choice ?? {};
    if (choice.name !== undefined || choice.position !== undefined)
      return await read(namedSheet(sheets, choice));
    // The first visible sheet: a hidden one in front (a lookup, settings) is not what the user sees.
    if (choice.accept === undefined) return await read(sheets.find((s) => !s.hidden) ?? sheets[0]);
    const order = [...sheets.filter((s) => !s.hidden), ...sheets.filter((s) => s.hidden)];
    // The first sheet holding what is wanted (an account table): a cover or summary sheet may come first.
    let first: StreamedSheet | undefined;
    let partial: { sheet: WorksheetPart; read?: StreamedSheet } | undefined;
    for (const sheet of order) {
      const next = await read(sheet);
      first ??= next;
      const fit = choice.accept(next.rows);
      if (fit === 2) return next;
      if (partial !== undefined) partial.read = undefined;
      if (fit === 1) partial ??= { sheet, read: next };
    }
    if (partial === undefined) return first;
    // Read again unless it was the last read: what startSheet's listeners gathered is of the last sheet read.
    return partial.read ?? (await read(partial.sheet));
  } catch (error) {
    if (error instanceof UnreadableWorkbook || error instanceof MissingSheet) throw error;
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
  errorTexts: Set<string>,
  seen: { otherValues: boolean; hiddenRows: number[] }
): Promise<SheetCell[][]> {
  const keep = options.columns;
  const rows: SheetCell[][] = [];
  const parser = new CellXform();
  let inSheetData = false;
  let inHyperlinks = false;
  let row: SheetCell[] | undefined;
  let rowHasValue = false;
  let rowHidden = false;
  let rowNumber = 0;
  let colNumber = 0;
  // Inside a <c> being parsed (fed to CellXform), or skipped (a column not kept).
  let parsing = false;
  let skipping = false;
  // Whether the cell being parsed has a <v> (a formula's saved result, even an empty one).
  let sawResult = false;
  // A cell of type "d": its <v> text, an ISO 8601 date that ExcelJS's parser would read as a number.
  let isoDate = false;
  let inValue = false;
  let valueText = "";
  for await (const events of parseSax(textOf(entry))) {
    for (const event of events) {
      if (parsing) {
        if (event.eventType === "opentag") {
          if (event.value.name === "v") sawResult = inValue = true;
          parser.parseOpen(event.value);
        } else if (event.eventType === "text") {
          if (inValue && isoDate) valueText += event.value;
          parser.parseText(event.value);
        } else {
          if (event.value.name === "v") inValue = false;
          if (parser.parseClose(event.value.name)) continue;
          // The cell is complete (as ExcelJS's RowXform decides it).
          parsing = false;
          const cell = parser.model;
          const address = cell.address ?? "";
          let value = loadedValue(cell, context);
          if (isoDate && valueText.trim() !== "") {
            const date = isoDateCell(valueText);
            value = cell.type === FORMULA ? { formula: cell.formula ?? "", result: date } : date;
          }
          if (options.formula !== undefined && cell.type === FORMULA)
            options.formula(cell.formula ?? "", rowNumber - 1, colNumber - 1, sawResult);
          let typed: SheetCell;
          try {
            typed = options.typeCell(value, address);
            if (typeof typed === "number" && options.formatted !== undefined) {
              const numFmt = styleOf(cell, context)?.numFmt;
              if (numFmt !== undefined && numFmt !== "General")
                typed = options.formatted(typed, numFmt, rowNumber - 1, colNumber - 1);
            }
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
        // A value (<v>, or inline text <is>) in a column not read: the sheet is not empty.
        else if (
          event.eventType === "opentag" &&
          (event.value.name === "v" || event.value.name === "is")
        )
          seen.otherValues = true;
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
            rowHidden = xmlTrue(node.attributes.hidden);
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
            sawResult = false;
            isoDate = node.attributes.t === "d";
            valueText = "";
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
            if (rowHidden) seen.hiddenRows.push(rowNumber);
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
 * Merged cells keep only their top-left value. A hyperlinked cell keeps its
 * value (ExcelJS's whole load kept only text, so a linked number read as
 * blank and `plan` skipped that account as "ACV is blank"); an error value
 * under a link still reads as empty, as it did.
 */
async function applyLateRules(
  entries: Map<string, unzipper.ZipEntry>,
  relsPart: string,
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
  const rels = await relationshipsOf(entries, relsPart);
  for (const link of late.hyperlinks) {
    // ExcelJS's load fails on a link whose relationship is missing.
    if (!rels.some((rel) => rel.Id === link.rId)) {
      throw new UnreadableWorkbook(`hyperlink ${link.ref} has no relationship`);
    }
    const at = decodeAddress(link.ref);
    if (at === undefined || (keep !== undefined && !keep.has(at.col - 1))) continue;
    const cells = rows[at.row - 1];
    if (cells === undefined) continue;
    if (errorTexts.has(link.ref)) cells[at.col - 1] = null;
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
export function xlsxCell(value: unknown, address: string, file: string): SheetCell {
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
