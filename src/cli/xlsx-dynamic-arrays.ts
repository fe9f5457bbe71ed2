/**
 * Marks array formulas of a streaming ExcelJS workbook as dynamic arrays,
 * as Excel saves a spilled formula: `cm="1"` on the formula's cell points at
 * the cell-metadata record of xl/metadata.xml whose XLDAPR properties say
 * "dynamic" (ECMA-376 sheetMetadata part; Microsoft's [MS-XLSX]
 * dynamicArrayProperties). Without it Excel 365 opens the formula as a
 * legacy Ctrl+Shift+Enter array ({=…}), which Office.js cannot re-enter (the
 * pane's Recalculate would have to write part of an array); with it the
 * formula spills and only its top-left cell holds the formula. Programs
 * without dynamic arrays (LibreOffice, older Excel) read the same
 * `<f t="array" ref=…>` as an ordinary array formula. ExcelJS writes
 * neither, so this adds them through the writer's internals (exceljs 4.x).
 */
import ExcelJS from "exceljs";

const METADATA_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">' +
  '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>' +
  '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>' +
  '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>' +
  "</metadata>";
const METADATA_TYPE =
  '<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/>';
const METADATA_REL =
  '<Relationship Id="rIdCsMetadata" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"/>';

interface ZipLike {
  append(source: unknown, options: { name: string }): unknown;
}

/** Adds xl/metadata.xml, its content type and its relationship to the workbook when it commits. */
export function withDynamicArrayMetadata(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const zip = (workbook as unknown as { zip: ZipLike }).zip;
  const append = zip.append.bind(zip);
  zip.append = (source, options) => {
    if (typeof source === "string" && options.name === "[Content_Types].xml")
      return append(source.replace("</Types>", `${METADATA_TYPE}</Types>`), options);
    if (typeof source === "string" && options.name === "/xl/_rels/workbook.xml.rels") {
      append(METADATA_XML, { name: "xl/metadata.xml" });
      return append(source.replace("</Relationships>", `${METADATA_REL}</Relationships>`), options);
    }
    return append(source, options);
  };
}

/**
 * Puts cm="1" (the dynamic-array cell metadata) on the given cells of a
 * streaming sheet as its rows are written. Call before the sheet's first row.
 */
export function markDynamicArrayCells(worksheet: ExcelJS.Worksheet, refs: readonly string[]): void {
  if (refs.length === 0) return;
  const stream = (worksheet as unknown as { stream: { write(text: unknown): unknown } }).stream;
  const write = stream.write.bind(stream);
  const cells = new RegExp(`<c r="(${refs.join("|")})"(?=[ >])`, "g");
  stream.write = (text) => {
    const xml = Buffer.isBuffer(text) ? text.toString("utf8") : text;
    return write(typeof xml === "string" ? xml.replace(cells, '<c r="$1" cm="1"') : text);
  };
}
