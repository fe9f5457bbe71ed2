/**
 * `--data FILE`: a .csv or .xlsx becomes the sheet the formulas see (CLI.md).
 * A CSV starts at A1 with its header as row 1, each cell typed the way Excel
 * (en-US) types what a user pastes; an .xlsx gives its first worksheet, whose
 * cells Excel has already typed.
 */
import { promises as fs } from "fs";
import nodePath from "path";
import { decodeText, parseCsv } from "./csv";
import {
  DataFileError,
  fileError,
  OLE_SIGNATURE,
  rectangle,
  SharedTexts,
  SheetCell,
  SheetOptions,
  startsWith,
  withinExcelLimits,
} from "./sheet";
import { StreamedSheet, streamFirstWorksheet, UnreadableWorkbook, xlsxCell } from "./xlsx-stream";

export { DataFileError, SheetCell, SheetOptions } from "./sheet";
export { toEngineInput, typePastedText } from "./paste-typing";

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw fileError(error, file);
  }
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
