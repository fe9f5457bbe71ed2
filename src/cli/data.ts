/**
 * `--data FILE`: a .csv or .xlsx becomes the sheet the formulas see (CLI.md).
 * A CSV starts at A1 with its header as row 1, each cell typed the way Excel
 * (en-US) types what a user pastes; an .xlsx gives its first visible worksheet, whose
 * cells Excel has already typed.
 */
import { promises as fs, readFileSync } from "fs";
import nodePath from "path";
import { decodeText, parseCsv, readUtf8Text } from "./csv";
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
import {
  MergedRange,
  MissingSheet,
  SheetChoice,
  StreamedSheet,
  streamWorksheet,
  UnreadableWorkbook,
  xlsxCell,
} from "./xlsx-stream";

export { DataFileError, SheetCell, SheetOptions } from "./sheet";
export { toEngineInput, typePastedText } from "../plan/paste-typing";

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

/** A CSV's text: UTF-8 read straight into a string; anything else decoded from its bytes (decodeText). */
async function readCsvText(path: string): Promise<string> {
  const head = await readHead(path, OLE_SIGNATURE.length);
  const text = readUtf8Text(head, path, () => {
    try {
      return readFileSync(path, "utf8");
    } catch (error) {
      throw fileError(error, path);
    }
  });
  return text ?? decodeText(await readBytes(path), path);
}

/** A data file as read: its grid, and where it came from within the file. */
export interface LoadedSheet {
  rows: SheetCell[][];
  /** A CSV's delimiter. */
  delimiter?: string;
  /** An .xlsx's worksheet read, and the names of all its worksheets in tab order (and the hidden ones). */
  sheet?: {
    name: string;
    names: string[];
    hiddenNames: string[];
    hiddenRows: number[];
    /** Merged ranges, 1-based: Excel shows the top-left value across each. */
    merges: MergedRange[];
  };
}

/** "--sheet 2" is a position, "--sheet Accounts" a name. */
function sheetChoice(options: SheetOptions): SheetChoice {
  if (options.sheet === undefined) return options.accept ? { accept: options.accept } : {};
  const text = options.sheet.trim();
  return /^\d+$/.test(text) ? { position: Number(text) } : { name: options.sheet };
}

/**
 * The worksheet asked for (the first by default), streamed (xlsx-stream.ts):
 * only the kept columns are held, each cell typed by xlsxCell exactly as
 * after ExcelJS's whole-workbook load.
 */
/**
 * A CRM's "Export to Excel" is often a web page (an HTML table) or an
 * Excel 2003 XML Spreadsheet under an Excel name: text, not a zip.
 */
function markupKind(head: Buffer): string | undefined {
  const text = head
    .toString("utf8")
    .replace(/^\ufeff/, "")
    .trimStart()
    .toLowerCase();
  if (!text.startsWith("<")) return undefined;
  if (text.includes("urn:schemas-microsoft-com:office:spreadsheet"))
    return "an Excel 2003 XML Spreadsheet";
  return /<(html|table|!doctype html|body|head|meta)\b/.test(text)
    ? "a web page (HTML)"
    : undefined;
}

async function parseXlsx(file: string, options: SheetOptions): Promise<LoadedSheet> {
  const head = await readHead(file, 1024);
  if (head.length === 0) throw new DataFileError(`${file}: the file is empty`);
  const markup = markupKind(head);
  if (markup !== undefined) {
    throw new DataFileError(
      `${file}: not a readable .xlsx workbook: it is ${markup} with an .xlsx name, as some CRMs' "Export to Excel" writes; open it in Excel and save it as Excel Workbook (.xlsx), or export the report as CSV`
    );
  }
  if (startsWith(head, OLE_SIGNATURE)) {
    throw new DataFileError(
      `${file}: not a readable .xlsx workbook (it is an old .xls or a password-protected workbook); save it as an unprotected .xlsx`
    );
  }
  const texts = new SharedTexts();
  const formats = options.numberFormats;
  let sheet: StreamedSheet | undefined;
  try {
    sheet = await streamWorksheet(file, {
      columns: options.columns,
      choice: sheetChoice(options),
      typeCell: (value, address) => {
        const cell = xlsxCell(value, address, file);
        return typeof cell === "string" ? texts.share(cell) : cell;
      },
      ...(options.formulas === undefined ? {} : { formula: options.formulas }),
      ...(formats === undefined
        ? {}
        : {
            startSheet: () => formats.startSheet(),
            formatted: (value: number, numFmt: string, row: number, col: number) => {
              const cell = formats.read(value, numFmt, row, col);
              return typeof cell === "string" ? texts.share(cell) : cell;
            },
          }),
    });
  } catch (error) {
    if (error instanceof UnreadableWorkbook) {
      throw new DataFileError(`${file}: not a readable .xlsx workbook (not a valid Excel file)`);
    }
    if (error instanceof MissingSheet) {
      throw new DataFileError(
        `${file}: has no worksheet ${error.asked}; its worksheets are ${error.names.map((n) => JSON.stringify(n)).join(", ")}`
      );
    }
    throw error;
  }
  if (sheet === undefined) {
    throw new DataFileError(`${file}: the workbook has no worksheet (is it an Excel workbook?)`);
  }
  const grid = rectangle(sheet.rows);
  // Only the columns read are empty: an empty range for the formulas, not an empty sheet.
  if (grid.length === 0 && !sheet.otherValues) {
    throw new DataFileError(`${file}: the worksheet "${sheet.name}" is empty`);
  }
  return {
    rows: withinExcelLimits(grid, file),
    sheet: {
      name: sheet.name,
      names: sheet.names,
      hiddenNames: sheet.hiddenNames,
      hiddenRows: sheet.hiddenRows,
      merges: sheet.merges,
    },
  };
}

/**
 * Delimited text: a CSV, and Excel's "Text (Tab delimited)" and "Unicode
 * Text" saves (.txt, tab-delimited, the latter UTF-16), and .tsv. The
 * delimiter and encoding are sniffed from the text, not the extension.
 */
const TEXT_EXTENSIONS: readonly string[] = [".csv", ".tsv", ".txt"];
/** A workbook with macros (.xlsm) holds its sheets as an .xlsx does. */
const WORKBOOK_EXTENSIONS: readonly string[] = [".xlsx", ".xlsm"];
/** Spreadsheet formats that are not read, and what they are, for the message. */
const OTHER_SPREADSHEETS: Readonly<Record<string, string>> = {
  ".xls": 'an Excel 97-2003 workbook (or a CRM\'s "Export to Excel" page)',
  ".xlsb": "an Excel binary workbook",
  ".ods": "an OpenDocument spreadsheet",
  ".numbers": "a Numbers spreadsheet",
};

/** The sheet in a .csv/.tsv/.txt or .xlsx/.xlsm file (by extension, any case) and where it came from; DataFileError for anything unusable. */
export async function loadExport(path: string, options: SheetOptions = {}): Promise<LoadedSheet> {
  const ext = nodePath.extname(path).toLowerCase();
  const other = OTHER_SPREADSHEETS[ext];
  if (other !== undefined) {
    throw new DataFileError(
      `${path}: "${ext}" is ${other}, which is not read; open it and save it as .xlsx (Excel Workbook) or .csv`
    );
  }
  if (!TEXT_EXTENSIONS.includes(ext) && !WORKBOOK_EXTENSIONS.includes(ext)) {
    throw new DataFileError(
      `${path}: unsupported data file type ${ext === "" ? "(no extension)" : `"${ext}"`}; use a .csv or .xlsx file`
    );
  }
  if (WORKBOOK_EXTENSIONS.includes(ext)) return parseXlsx(path, options);
  if (options.sheet !== undefined)
    throw new DataFileError(`${path}: --sheet is for .xlsx workbooks; a CSV has one sheet`);
  return parseCsv(await readCsvText(path), path, options);
}

/** The sheet in a data file (see loadExport); DataFileError for anything unusable. */
export async function loadSheet(path: string, options: SheetOptions = {}): Promise<SheetCell[][]> {
  return (await loadExport(path, options)).rows;
}
