/**
 * Types for the parts of ExcelJS 4.4 that src/cli/xlsx-stream.ts drives
 * directly: the very parsers (xforms) ExcelJS's whole-workbook load uses, so a
 * streamed sheet is read exactly as a loaded one, and unzipper, the zip reader
 * ExcelJS depends on. Only what is used is declared.
 */

/** One SAX event as ExcelJS's parse-sax yields it. */
interface ExcelJsSaxNode {
  name: string;
  attributes: Record<string, string | undefined>;
}
type ExcelJsSaxEvent =
  | { eventType: "opentag"; value: ExcelJsSaxNode }
  | { eventType: "text"; value: string }
  | { eventType: "closetag"; value: ExcelJsSaxNode };

declare module "exceljs/lib/utils/parse-sax" {
  /** Batches of SAX events, one batch per chunk of text read. */
  export default function parseSax(
    chunks: AsyncIterable<string>
  ): AsyncGenerator<ExcelJsSaxEvent[], void, undefined>;
}

declare module "exceljs/lib/utils/utils" {
  const utils: {
    excelToDate(serial: number, date1904: boolean | undefined): Date;
    isDateFmt(format: string | undefined): boolean;
  };
  export default utils;
}

declare module "exceljs/lib/xlsx/xform/book/workbook-xform" {
  export interface WorkbookSheet {
    id: number;
    name: string;
    rId: string;
  }
  export default class WorkbookXform {
    parseStream(chunks: AsyncIterable<string>): Promise<unknown>;
    model: { sheets?: WorkbookSheet[]; properties?: { date1904?: boolean } } | undefined;
  }
}

declare module "exceljs/lib/xlsx/xform/core/relationships-xform" {
  export interface Relationship {
    Id: string;
    Target: string;
    Type?: string;
  }
  export default class RelationshipsXform {
    parseStream(chunks: AsyncIterable<string>): Promise<Relationship[] | undefined>;
  }
}

declare module "exceljs/lib/xlsx/xform/style/styles-xform" {
  export default class StylesXform {
    parseStream(chunks: AsyncIterable<string>): Promise<unknown>;
    getStyleModel(id: number): { numFmt?: string } | null;
  }
}

declare module "exceljs/lib/xlsx/xform/strings/shared-strings-xform" {
  export default class SharedStringsXform {
    parseStream(chunks: AsyncIterable<string>): Promise<unknown>;
    getString(index: number): unknown;
  }
}

declare module "exceljs/lib/xlsx/xform/sheet/cell-xform" {
  /** A parsed <c>: `type` is ExcelJS's ValueType (0 Null, 1 Merge, 2 Number, 3 String, 6 Formula, 9 Boolean, 10 Error). */
  export interface ParsedCell {
    address?: string;
    type?: number;
    styleId?: number;
    value?: unknown;
    formula?: string;
    shareType?: string;
    result?: unknown;
  }
  export default class CellXform {
    parseOpen(node: ExcelJsSaxNode): boolean;
    parseText(text: string): void;
    parseClose(name: string): boolean;
    model: ParsedCell;
  }
}

declare module "unzipper" {
  import { Readable } from "stream";
  export interface ZipEntry {
    path: string;
    type: "File" | "Directory";
    /** CRC-32 and size of the inflated bytes, from the zip's directory. */
    crc32: number;
    uncompressedSize: number;
    stream(): Readable;
  }
  export const Open: {
    file(path: string): Promise<{ files: ZipEntry[] }>;
  };
}
