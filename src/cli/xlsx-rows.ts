/**
 * Writes a plan layout as an .xlsx with ExcelJS's streaming writer: rows go
 * to the file as they are made, so a 100,000-row export costs little memory.
 * Formulas are stored as Excel stores add-in functions (_xldudf_CS_TIER…),
 * each with its cached value, so the file shows numbers before any
 * recalculation (Excel without the add-in, a preview). A spill is stored as
 * one dynamic-array formula over its exact range (one call of the add-in per
 * result); LibreOffice recalculates array formulas on load, so there the
 * spills show #NAME? (it has no CS functions). Charts are for Excel only
 * (ExcelJS cannot write them), so the file has none.
 */
import { EventEmitter, once } from "events";
import ExcelJS from "exceljs";
import { EngineScalar } from "../engine/engine";
import { toFileFormula } from "../plan/file-formulas";
import { ExportCell } from "../plan/columns";
import {
  a1,
  columnLetter,
  CellFormat,
  CellStyle,
  LayoutCell,
  LayoutSheet,
  PlanInput,
  PlanLayout,
  SHEETS,
  SPILL_FORMATS,
} from "../plan/layout";
import { planNumberFormats } from "../plan/number-formats";
import { PlanValues } from "./plan-engine";
import { useNativeCrc32 } from "./native-crc32";
import { markDynamicArrayCells, withDynamicArrayMetadata } from "./xlsx-dynamic-arrays";
import { addStreamingTable } from "./xlsx-table";

/** The Excel number formats of the layout's formats: money in the plan's currency. */
type NumberFormats = Record<CellFormat, string>;

const INPUT_FILL: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFDDEBF7" },
};

/** A computed value as ExcelJS stores a formula's result. */
export function formulaResult(value: EngineScalar): ExcelJS.CellValue | undefined {
  if (value === null) return undefined;
  if (typeof value === "object") return { error: value.error } as ExcelJS.CellErrorValue;
  return value;
}

function styleCell(
  cell: ExcelJS.Cell,
  formats: NumberFormats,
  format?: CellFormat,
  style?: CellStyle
): void {
  if (format) cell.numFmt = formats[format];
  if (style === "title") cell.font = { bold: true, size: 14 };
  else if (style === "heading") cell.font = { bold: true, size: 12 };
  else if (style === "header") cell.font = { bold: true };
  else if (style === "note") cell.font = { italic: true, color: { argb: "FF595959" } };
  else if (style === "input") cell.fill = INPUT_FILL;
}

interface Pending {
  value: ExcelJS.CellValue;
  format?: CellFormat;
  style?: CellStyle;
}

/** The cells of a small sheet, by row, with spills expanded into their cached values. */
function sheetRows(sheet: LayoutSheet, values: PlanValues): Map<number, Map<number, Pending>> {
  const rows = new Map<number, Map<number, Pending>>();
  const put = (row: number, col: number, pending: Pending) => {
    let line = rows.get(row);
    if (line === undefined) rows.set(row, (line = new Map()));
    line.set(col, pending);
  };
  const withStyle = (cell: LayoutCell) => ({
    ...(cell.format ? { format: cell.format } : {}),
    ...(cell.style ? { style: cell.style } : {}),
  });
  for (const cell of sheet.cells) {
    if (cell.formula === undefined) {
      put(cell.row, cell.col, { value: cell.value ?? null, ...withStyle(cell) });
      continue;
    }
    const formula = toFileFormula(cell.formula);
    if (cell.spill === undefined) {
      const result = formulaResult(values.value(sheet.name, cell.row, cell.col));
      put(cell.row, cell.col, {
        value: { formula, result } as ExcelJS.CellFormulaValue,
        ...withStyle(cell),
      });
      continue;
    }
    // A spill is stored as one array formula over its exact range: the formula and the
    // range on the top-left cell, the cached values in every cell. Excel and LibreOffice
    // evaluate it once for the whole range, so the add-in is called (and sent its
    // whole-column arguments) once per result, not once per cell.
    const { rows: height, cols: width } = cell.spill;
    const block = values.block(sheet.name, cell.row, cell.col, height, width);
    const ref = `${a1(cell.row, cell.col)}:${a1(cell.row + height - 1, cell.col + width - 1)}`;
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        const result = formulaResult(block[r][c]);
        const value =
          r === 0 && c === 0
            ? ({ formula, result, shareType: "array", ref } as ExcelJS.CellFormulaValue)
            : (result ?? null);
        put(cell.row + r, cell.col + c, {
          value,
          ...(r === 0 ? { style: "header" as const } : {}),
        });
      }
    }
  }
  return rows;
}

function writeSmallSheet(
  ws: ExcelJS.Worksheet,
  sheet: LayoutSheet,
  values: PlanValues,
  formats: NumberFormats
): void {
  const rows = sheetRows(sheet, values);
  // Column formats of spilled tables come from their header cell.
  const spillFormats = new Map<string, CellFormat>();
  for (const cell of sheet.cells) {
    if (cell.spill === undefined) continue;
    const header = values.block(sheet.name, cell.row, cell.col, 1, cell.spill.cols)[0];
    header.forEach((h, c) => {
      const format = typeof h === "string" ? SPILL_FORMATS[h] : undefined;
      if (format === undefined) return;
      for (let r = 1; r < cell.spill!.rows; r++)
        spillFormats.set(a1(cell.row + r, cell.col + c), format);
    });
  }
  const last = Math.max(-1, ...rows.keys());
  for (let r = 0; r <= last; r++) {
    const row = ws.getRow(r + 1);
    const line = rows.get(r);
    if (line !== undefined) {
      for (const [c, pending] of line) {
        const cell = row.getCell(c + 1);
        cell.value = pending.value;
        styleCell(cell, formats, pending.format ?? spillFormats.get(a1(r, c)), pending.style);
      }
    }
    row.commit();
  }
}

// ---------------------------------------------------------------------------
// The accounts sheet's rows are written as XML text straight into the sheet's
// stream: ExcelJS's row and cell objects cost several microseconds a cell,
// which is seconds for a 100,000-row export. The markup is the standard
// SpreadsheetML ExcelJS itself writes (inline strings, t="str" formula text).

const XML_SPECIAL = /[&<>"]/g;
const XML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
};
// Characters XML 1.0 cannot hold; Excel writes them as _xHHHH_ (and "_x" literally as _x005F_x).
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x(?=[0-9A-Fa-f]{4}_)/g;

// Either of the above: most texts have none, and are written as they are.
// eslint-disable-next-line no-control-regex
const XML_ESCAPED = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;

export function xmlText(text: string): string {
  if (!XML_ESCAPED.test(text)) return text;
  return text
    .replace(XML_INVALID, (ch) =>
      ch === "_x"
        ? "_x005F_x"
        : `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`
    )
    .replace(XML_SPECIAL, (ch) => XML_ENTITIES[ch]);
}

/**
 * Text whose spaces an XML reader may drop or fold without xml:space="preserve":
 * at either end, doubled, or tabs and line breaks.
 */
const NEEDS_PRESERVE = /^\s|\s$|[\t\n\r]| {2}/;

/** An inline string's XML after `t="inlineStr"`; xml:space="preserve" only where the spaces need it. */
export function inlineStringXml(text: string): string {
  return NEEDS_PRESERVE.test(text)
    ? `><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`
    : `><is><t>${xmlText(text)}</t></is></c>`;
}

/** ExcelJS's shared-string table (xl/sharedStrings.xml, written when the workbook is committed). */
interface SharedStringTable {
  add(text: string): number;
}

/**
 * The accounts' repeated texts (owners, industries, countries) as shared
 * strings, as Excel itself writes them: `t="s"><v>12</v>` instead of the
 * whole inline text in every row, so the sheet's XML (and the time to make,
 * encode and compress it) is smaller. A text enters the table on its second
 * occurrence, so texts seen once (names, IDs) stay inline and the table holds
 * only what repeats; a column whose texts seldom repeat stops being looked up.
 * Only texts ExcelJS writes exactly as they are (no character that needs an
 * escape, no spaces to preserve) are shared; the others stay inline.
 */
export class RepeatedTexts {
  private static readonly MAX_LENGTH = 64;
  private static readonly MAX_SEEN = 65_536;
  private static readonly MAX_SHARED = 65_536;
  /** Per column: "" for a text seen once, its cell XML tail once shared. */
  private readonly seen: (Map<string, string> | null)[] = [];
  private readonly lookups: number[] = [];
  private readonly repeats: number[] = [];
  private seenCount = 0;
  private sharedCount = 0;

  constructor(private readonly table: SharedStringTable) {}

  /** The cell's XML after its type position: ` t="s"><v>N</v></c>` or an inline string. */
  cellTail(text: string, column: number): string {
    const tail = this.sharedTail(text, column);
    return tail ?? ` t="inlineStr"${inlineStringXml(text)}`;
  }

  private sharedTail(text: string, column: number): string | undefined {
    if (text.length > RepeatedTexts.MAX_LENGTH) return undefined;
    let seen = this.seen[column];
    if (seen === null) return undefined;
    if (seen === undefined) this.seen[column] = seen = new Map();
    const lookups = (this.lookups[column] ?? 0) + 1;
    this.lookups[column] = lookups;
    const known = seen.get(text);
    if (known !== undefined) {
      this.repeats[column] = (this.repeats[column] ?? 0) + 1;
      // ExcelJS writes <sst count> as the number of texts, so a further cell need not be counted.
      if (known !== "") return known;
      if (this.sharedCount >= RepeatedTexts.MAX_SHARED) return undefined;
      const tail = ` t="s"><v>${this.table.add(text)}</v></c>`;
      seen.set(text, tail);
      this.sharedCount++;
      return tail;
    }
    // A column of texts that seldom repeat (fewer than one in eight) stops being looked up.
    if (lookups > 16_384 && (this.repeats[column] ?? 0) * 8 < lookups) {
      this.seenCount -= seen.size;
      this.seen[column] = null;
      return undefined;
    }
    if (
      this.seenCount < RepeatedTexts.MAX_SEEN &&
      !XML_ESCAPED.test(text) &&
      !NEEDS_PRESERVE.test(text)
    ) {
      seen.set(text, "");
      this.seenCount++;
    }
    return undefined;
  }
}

/** A cell's XML after its column letters: `2" s="7"><v>26100</v></c>`; "" for an empty cell. */
function valueCellRest(
  row: number,
  value: ExportCell,
  style: string,
  texts: RepeatedTexts,
  column: number
): string {
  if (value === null) return "";
  if (typeof value === "number") return `${row}"${style}><v>${value}</v></c>`;
  if (typeof value === "boolean") return `${row}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `${row}"${style}${texts.cellTail(value, column)}`;
}

/** A formula cell's XML after its `<f>` text: its type and cached value. */
function formulaResultXml(result: EngineScalar): { type: string; tail: string } {
  if (result === null) return { type: "", tail: "</f></c>" };
  if (typeof result === "number") return { type: "", tail: `</f><v>${result}</v></c>` };
  if (typeof result === "boolean")
    return { type: ' t="b"', tail: `</f><v>${result ? 1 : 0}</v></c>` };
  if (typeof result === "string")
    return { type: ' t="str"', tail: `</f><v>${xmlText(result)}</v></c>` };
  return { type: ' t="e"', tail: `</f><v>${xmlText(result.error)}</v></c>` };
}

/** A row number no formula holds otherwise (past Excel's last row), to find where a per-row formula puts it. */
const ROW_MARK = 1_048_577;

/**
 * A table column's stored formula (escaped for XML) for any row: made once
 * and the row number put in, instead of converting a million formulas. Falls
 * back to converting each row's formula when the row number is not the only
 * thing that changes.
 */
function fileFormulaOf(perRow: (row: number) => string, lastRow: number): (row: number) => string {
  const each = (row: number) => xmlText(toFileFormula(perRow(row)));
  const parts = each(ROW_MARK).split(String(ROW_MARK));
  if (parts.length !== 2) return each;
  const [before, after] = parts;
  const made = (row: number) => `${before}${row}${after}`;
  return made(2) === each(2) && made(lastRow) === each(lastRow) ? made : each;
}

/** The zip entry a sheet streams into: archiver's PassThrough (from readable-stream, without writableNeedDrain). */
type ZipEntry = EventEmitter & {
  _writableState?: { needDrain?: boolean };
  write?(chunk: Buffer): boolean;
};

interface StreamingSheet {
  /** ExcelJS's sheet stream; what it writes to (the zip's entry) is its first pipe. */
  stream: { write(text: string): void; pipes?: ZipEntry[]; _flush?(): void };
  _rowZero: number;
}

/**
 * Where the account rows' XML goes: as bytes straight into the zip's entry,
 * once ExcelJS's stream has passed on what it holds (the sheet's opening XML
 * and header row), so the order is kept. ExcelJS's batching stream would copy
 * every byte again into 64 KiB buffers of its own (800 MiB for a million rows).
 * Its own stream when that is not how it is built.
 */
function rowSink(sheet: StreamingSheet): (xml: string) => void {
  const entries = sheet.stream.pipes;
  const entry = entries?.length === 1 ? entries[0] : undefined;
  if (entry?.write === undefined || typeof sheet.stream._flush !== "function")
    return (xml) => sheet.stream.write(xml);
  sheet.stream._flush();
  const write = entry.write.bind(entry);
  return (xml) => {
    write(Buffer.from(xml, "utf8"));
  };
}

/**
 * Waits until the zip has taken in what was written. ExcelJS's sheet stream
 * ignores back-pressure, so without this the rows of a million-row export
 * pile up in memory as text (hundreds of MiB) ahead of the compressor.
 */
async function drained(sheet: StreamingSheet): Promise<void> {
  const sink = sheet.stream.pipes?.[0];
  if (sink?._writableState?.needDrain === true) await once(sink, "drain");
}

interface StylesRegistry {
  addStyleModel(model: Partial<ExcelJS.Style>, cellType?: number): number;
}

/** Account rows made per batch handed to the zip (about 600 bytes of XML each): a power of two, less one. */
const ROWS_PER_BATCH_MASK = 511;

/**
 * What the zip's compressor gets: level 1 (archiver's own default, written
 * out), and an output buffer large enough that a batch of rows is compressed
 * in one trip to libuv's thread (zlib's default 16 KiB came back to the main
 * thread, which is busy making the next batch, every 100 KB or so).
 */
const ZIP_OPTIONS = { zlib: { level: 1, chunkSize: 1 << 20 } };

/** The accounts table: the export's cells, the ACV read, then the CS formula columns with their values. */
async function writeAccounts(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  ws: ExcelJS.Worksheet,
  sheet: LayoutSheet,
  input: PlanInput,
  values: PlanValues,
  onRow: (done: number) => void
): Promise<void> {
  const table = sheet.table!;
  const columns = table.columns;
  const formats = planNumberFormats(input.assumptions.currency);
  addStreamingTable(workbook, ws, {
    name: table.name,
    ref: `A1:${a1(Math.max(1, table.rowCount), columns.length - 1)}`,
    columns: columns.map((c) => c.header),
  });
  // The header row through ExcelJS: it opens <sheetData> after the column definitions.
  const header = ws.getRow(1);
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    header.getCell(i + 1).font = { bold: true };
  });
  header.commit();
  const styles = (workbook as unknown as { styles: StylesRegistry }).styles;
  const styleIds = columns.map((c) =>
    c.kind === "formula" || c.format === undefined
      ? 0
      : styles.addStyleModel({ numFmt: formats[c.format] }, 2)
  );
  // Per column, what its cells share: `<c r="K`, the style attribute, the formula's maker.
  const opens = columns.map((_, i) => `<c r="${columnLetter(i)}`);
  const styleAttrs = styleIds.map((id) => (id > 0 ? ` s="${id}"` : ""));
  const lastRow = table.rowCount + 1;
  const formulas = columns.map((c) =>
    c.kind === "formula" ? fileFormulaOf(c.perRow, lastRow) : null
  );
  const computed = columns.map((c, index) =>
    c.kind === "formula" ? values.tableColumn(index) : null
  );
  // The XML after a formula's text, by its cached value (a few tiers, segments, models).
  const resultXml = new Map<EngineScalar, { type: string; tail: string }>();
  const { rows: accountRows, acv } = input.accounts;
  const texts = new RepeatedTexts(
    (workbook as unknown as { sharedStrings: SharedStringTable }).sharedStrings
  );
  const raw = ws as unknown as StreamingSheet;
  const send = rowSink(raw);
  let chunk = "";
  for (let i = 0; i < table.rowCount; i++) {
    const sheetRow = i + 2;
    const source = input.rows[accountRows[i]];
    let xml = `<row r="${sheetRow}">`;
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c];
      if (column.kind === "formula") {
        const result = (computed[c] as EngineScalar[])[i];
        let shown = resultXml.get(result);
        if (shown === undefined) {
          shown = formulaResultXml(result);
          if (typeof result !== "object" && resultXml.size < 1024) resultXml.set(result, shown);
        }
        xml += `${opens[c]}${sheetRow}"${shown.type}><f>${(formulas[c] as (row: number) => string)(sheetRow)}${shown.tail}`;
        continue;
      }
      const value =
        column.kind === "export"
          ? (source[column.index] ?? null)
          : column.kind === "acv"
            ? acv[i]
            : column.value(i);
      if (value !== null) xml += opens[c] + valueCellRest(sheetRow, value, styleAttrs[c], texts, c);
    }
    chunk += `${xml}</row>`;
    if ((i & ROWS_PER_BATCH_MASK) === ROWS_PER_BATCH_MASK) {
      // This batch was made while the zip compressed the previous one on libuv's
      // thread; it is handed over once that one is taken in, so the two overlap.
      await drained(raw);
      send(chunk);
      chunk = "";
      onRow(i + 1);
    }
  }
  await drained(raw);
  send(chunk);
  raw._rowZero = table.rowCount + 2;
  onRow(table.rowCount);
}

export async function writePlanWorkbook(
  file: string,
  layout: PlanLayout,
  input: PlanInput,
  values: PlanValues,
  onRow: (done: number) => void = () => undefined
): Promise<void> {
  useNativeCrc32();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    // Labels as shared strings (what Excel writes); the account rows use inline strings (xlsx rows above).
    useSharedStrings: true,
    zip: ZIP_OPTIONS,
  });
  withDynamicArrayMetadata(workbook);
  const numberFormats = planNumberFormats(input.assumptions.currency);
  for (const sheet of layout.sheets) {
    const isAccounts = sheet.name === SHEETS.accounts;
    const ws = workbook.addWorksheet(sheet.name, {
      views: isAccounts ? [{ state: "frozen", ySplit: 1 }] : [],
    });
    const formats = sheet.table?.columns.map((c) => (c.kind === "formula" ? undefined : c.format));
    ws.columns = sheet.widths.map((width, i) => {
      const format = formats?.[i];
      return format === undefined ? { width } : { width, style: { numFmt: numberFormats[format] } };
    });
    if (isAccounts) await writeAccounts(workbook, ws, sheet, input, values, onRow);
    else {
      // Each spill's array formula is a dynamic array in Excel (see xlsx-dynamic-arrays.ts).
      markDynamicArrayCells(
        ws,
        sheet.cells.filter((c) => c.spill && c.formula !== undefined).map((c) => a1(c.row, c.col))
      );
      writeSmallSheet(ws, sheet, values, numberFormats);
    }
    ws.commit();
  }
  await workbook.commit();
}
