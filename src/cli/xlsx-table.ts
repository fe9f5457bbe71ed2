/**
 * An Excel table (ListObject) in a workbook written by ExcelJS's streaming
 * writer, which writes rows as they come (so a 100,000-row export never sits
 * in memory as cell objects) but has no tables. A table is three small parts
 * of the package: xl/tables/tableN.xml, a relationship from the sheet, and a
 * <tableParts> element as the sheet's last element; plus its content type.
 * ExcelJS's own content-types writer already knows tables, so it is reused.
 */
import type ExcelJS from "exceljs";

const TABLE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

export interface TableSpec {
  /** The table's name (letters, digits, underscores; unique in the workbook). */
  name: string;
  /** Its range with the header row, e.g. A1:L2501. */
  ref: string;
  /** Header names, exactly as written in the header row's cells. */
  columns: string[];
}

function xmlEscape(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/[\r\n]/g, (ch) => (ch === "\n" ? "_x000a_" : "_x000d_"));
}

export function tableXml(id: number, spec: TableSpec): string {
  const columns = spec.columns
    .map((name, i) => `<tableColumn id="${i + 1}" name="${xmlEscape(name)}"/>`)
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<table xmlns="${MAIN_NS}" id="${id}" name="${spec.name}" displayName="${spec.name}" ref="${spec.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${spec.ref}"/>` +
    `<tableColumns count="${spec.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
    `</table>`
  );
}

// The writer's internals this relies on (exceljs 4.x lib/stream/xlsx), typed here once.
interface ZipLike {
  append(source: string, options: { name: string }): void;
}
interface WorkbookInternals {
  zip: ZipLike;
  _worksheets: unknown[];
  sharedStrings: unknown;
  commentRefs: unknown;
  media: unknown;
  addContentTypes(): Promise<void>;
}
interface WorksheetInternals {
  stream: { write(text: string): void };
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeCloseWorksheet(): void;
}
interface ContentTypesXformClass {
  new (): { toXml(model: unknown): string };
}

/**
 * Adds a table to a sheet of a streaming workbook. Call before the sheet is
 * committed; the workbook then lists the table's content type when it commits.
 */
export function addStreamingTable(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  worksheet: ExcelJS.Worksheet,
  spec: TableSpec
): void {
  const book = workbook as unknown as WorkbookInternals & { __csTables?: string[] };
  const sheet = worksheet as unknown as WorksheetInternals;
  const tables = book.__csTables ?? (book.__csTables = []);
  const id = tables.length + 1;
  const target = `table${id}.xml`;
  tables.push(target);
  book.zip.append(tableXml(id, spec), { name: `xl/tables/${target}` });

  const close = sheet._writeCloseWorksheet.bind(sheet);
  sheet._writeCloseWorksheet = () => {
    const rId = sheet._sheetRelsWriter.addRelationship({
      Type: TABLE_REL,
      Target: `../tables/${target}`,
    });
    sheet.stream.write(`<tableParts count="1"><tablePart r:id="${rId}"/></tableParts>`);
    close();
  };

  if (tables.length === 1) {
    const ContentTypesXform: ContentTypesXformClass = require("exceljs/lib/xlsx/xform/core/content-types-xform");
    book.addContentTypes = () => {
      const model = {
        worksheets: book._worksheets.filter(Boolean),
        sharedStrings: book.sharedStrings,
        commentRefs: book.commentRefs,
        media: book.media,
        tables: tables.map((t) => ({ target: t })),
      };
      book.zip.append(new ContentTypesXform().toXml(model), { name: "[Content_Types].xml" });
      return Promise.resolve();
    };
  }
}
