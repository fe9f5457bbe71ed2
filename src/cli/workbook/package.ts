/**
 * An .xlsx package opened for recalculation: its zip entries held as they
 * are (JSZip keeps an entry it was not asked to change compressed as it
 * came, and writes it back byte for byte), and the facts the engine needs
 * read from the parts: sheets, defined names, tables, shared strings, the
 * date system. Anything that is not an .xlsx this code can patch is refused
 * with its real cause (WorkbookRefusal).
 */
import JSZip from "jszip";
import nodePath from "path";
import { ExcelTable } from "./structured-refs";
import { child, children, parseXml, stringItemText, XmlElement, XmlError } from "./xml";
import { parseRange } from "./formula-text";

/** A workbook that cannot be recalculated, with the reason in one line; detail for --verbose. */
export class WorkbookRefusal extends Error {
  constructor(
    message: string,
    readonly detail?: string
  ) {
    super(message);
  }
}

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main";
const REL_TYPE_TAIL = {
  officeDocument: "/officeDocument",
  worksheet: "/worksheet",
  sharedStrings: "/sharedStrings",
  table: "/table",
  pivotTable: "/pivotTable",
  pivotCache: "/pivotCacheDefinition",
};

export interface WorkbookSheet {
  name: string;
  /** Its position in workbook.xml (what a name's localSheetId counts). */
  index: number;
  /** The zip path of its part; undefined for a chart sheet or another kind. */
  part?: string;
}

export interface DefinedName {
  name: string;
  /** The sheet a sheet-level name belongs to. */
  sheet?: string;
  formula: string;
}

/** A pivot table and where its cache was read from (worksheetSource), when a worksheet. */
export interface PivotTable {
  /** The sheet that shows it. */
  sheet: string;
  name: string;
  /** Its source: a range of a sheet, or a table's or defined name's name. */
  source?: { sheet?: string; ref?: string; name?: string };
}

export interface WorkbookPackage {
  zip: JSZip;
  sheets: WorkbookSheet[];
  pivotTables: PivotTable[];
  names: DefinedName[];
  tables: ExcelTable[];
  sharedStrings: string[];
  date1904: boolean;
}

function startsWith(bytes: Buffer, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** What an OLE compound file is: an encrypted (password) OOXML file holds an EncryptionInfo stream. */
function describeCompoundFile(bytes: Buffer): string {
  const encrypted = bytes.includes(Buffer.from("EncryptionInfo", "utf16le"));
  return encrypted
    ? "is password-protected (an encrypted workbook is an OLE compound file, not a zip); save a copy without a password in Excel (File > Info > Protect Workbook > Encrypt with Password, cleared) and recalc that"
    : "is an OLE compound file (a legacy .xls or another binary Office format), not an .xlsx; save it as an Excel Workbook (.xlsx) first";
}

async function partText(zip: JSZip, part: string): Promise<string | undefined> {
  const entry = zip.file(part);
  return entry ? entry.async("string") : undefined;
}

async function partXml(zip: JSZip, part: string, what: string): Promise<XmlElement | undefined> {
  const text = await partText(zip, part);
  if (text === undefined) return undefined;
  try {
    return parseXml(text);
  } catch (error) {
    throw new WorkbookRefusal(
      `its ${what} (${part}) is not well-formed XML`,
      error instanceof Error ? error.message : String(error)
    );
  }
}

/** The part a relationship points to, as a zip path. */
function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  return nodePath.posix.normalize(nodePath.posix.join(nodePath.posix.dirname(fromPart), target));
}

function relsPath(part: string): string {
  return nodePath.posix.join(
    nodePath.posix.dirname(part),
    "_rels",
    `${nodePath.posix.basename(part)}.rels`
  );
}

interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

async function relationships(zip: JSZip, part: string): Promise<Relationship[]> {
  const rels = await partXml(zip, relsPath(part), "relationships");
  if (!rels) return [];
  return children(rels, "Relationship").map((r) => ({
    id: r.attrs.Id ?? "",
    type: r.attrs.Type ?? "",
    target:
      r.attrs.TargetMode === "External"
        ? (r.attrs.Target ?? "")
        : resolveTarget(part, r.attrs.Target ?? ""),
    external: r.attrs.TargetMode === "External",
  }));
}

function attrNumber(element: XmlElement, name: string, fallback: number): number {
  const value = element.attrs[name];
  return value === undefined ? fallback : Number(value);
}

async function readTable(zip: JSZip, part: string, sheet: string): Promise<ExcelTable | undefined> {
  const table = await partXml(zip, part, "table");
  if (!table) return undefined;
  const area = parseRange(table.attrs.ref ?? "");
  const name = table.attrs.displayName ?? table.attrs.name;
  if (!area || !name) return undefined;
  const columns = child(table, "tableColumns");
  return {
    name,
    sheet,
    ...area,
    headerRows: attrNumber(table, "headerRowCount", 1),
    totalsRows: attrNumber(table, "totalsRowCount", 0),
    columns: columns ? children(columns, "tableColumn").map((c) => c.attrs.name ?? "") : [],
  };
}

/** A pivot table part: its name, and its cache's worksheet source. Only read, never written. */
async function readPivotTable(
  zip: JSZip,
  part: string,
  sheet: string
): Promise<PivotTable | undefined> {
  // A pivot part that cannot be read is no reason to refuse the workbook: it is only named.
  const readable = async (target: string, what: string) => {
    try {
      return await partXml(zip, target, what);
    } catch (error) {
      if (error instanceof WorkbookRefusal) return undefined;
      throw error;
    }
  };
  const pivot = await readable(part, "pivot table");
  if (!pivot) return undefined;
  const name = pivot.attrs.name ?? "";
  const cachePart = (await relationships(zip, part)).find(
    (r) => r.type.endsWith(REL_TYPE_TAIL.pivotCache) && !r.external
  );
  const cache = cachePart ? await readable(cachePart.target, "pivot cache") : undefined;
  const cacheSource = cache ? child(cache, "cacheSource") : undefined;
  const source = cacheSource ? child(cacheSource, "worksheetSource") : undefined;
  if (!source) return { sheet, name };
  const { sheet: from, ref, name: sourceName } = source.attrs;
  return {
    sheet,
    name,
    source: {
      ...(from ? { sheet: from } : {}),
      ...(ref ? { ref } : {}),
      ...(sourceName ? { name: sourceName } : {}),
    },
  };
}

export async function openWorkbookPackage(bytes: Buffer): Promise<WorkbookPackage> {
  if (startsWith(bytes, CFB_SIGNATURE)) throw new WorkbookRefusal(describeCompoundFile(bytes));
  if (!startsWith(bytes, ZIP_SIGNATURE))
    throw new WorkbookRefusal(
      "is not an .xlsx workbook (an .xlsx is a zip archive; this file is not)"
    );
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch (error) {
    throw new WorkbookRefusal(
      "is a damaged zip archive (truncated or corrupt); open it in Excel to repair it",
      error instanceof Error ? error.message : String(error)
    );
  }
  if (!zip.file("[Content_Types].xml"))
    throw new WorkbookRefusal(
      "is a zip archive without [Content_Types].xml, so not an Office document"
    );
  const root = await relationships(zip, "");
  const office = root.find((r) => r.type.endsWith(REL_TYPE_TAIL.officeDocument));
  if (!office)
    throw new WorkbookRefusal("has no workbook part (_rels/.rels names no officeDocument)");
  if (office.target.toLowerCase().endsWith(".bin"))
    throw new WorkbookRefusal(
      "is an Excel Binary Workbook (.xlsb); save it as an Excel Workbook (.xlsx)"
    );
  const workbook = await partXml(zip, office.target, "workbook part");
  if (!workbook) throw new WorkbookRefusal(`has no workbook part (${office.target} is missing)`);
  if (workbook.uri === STRICT_MAIN)
    throw new WorkbookRefusal(
      "is saved as Strict Open XML, which recalc does not patch; save it in Excel as Excel Workbook (.xlsx), not Strict Open XML Spreadsheet"
    );
  if (workbook.name !== "workbook")
    throw new WorkbookRefusal(
      `its workbook part (${office.target}) is a <${workbook.name}>, not a workbook`
    );
  const workbookRels = await relationships(zip, office.target);
  const byId = new Map(workbookRels.map((r) => [r.id, r]));
  const sheets: WorkbookSheet[] = [];
  const tables: ExcelTable[] = [];
  const pivotTables: PivotTable[] = [];
  const sheetsElement = child(workbook, "sheets");
  for (const [index, s] of (sheetsElement ? children(sheetsElement, "sheet") : []).entries()) {
    const rel = byId.get(s.attrs.id ?? "");
    const name = s.attrs.name ?? `Sheet${index + 1}`;
    const isWorksheet = rel !== undefined && rel.type.endsWith(REL_TYPE_TAIL.worksheet);
    if (isWorksheet && !zip.file(rel.target))
      throw new WorkbookRefusal(`its sheet "${name}" has no part (${rel.target} is missing)`);
    sheets.push({ name, index, ...(isWorksheet ? { part: rel.target } : {}) });
    if (!isWorksheet) continue;
    for (const r of await relationships(zip, rel.target)) {
      if (r.type.endsWith(REL_TYPE_TAIL.pivotTable) && !r.external) {
        const pivot = await readPivotTable(zip, r.target, name);
        if (pivot) pivotTables.push(pivot);
      }
      if (!r.type.endsWith(REL_TYPE_TAIL.table) || r.external) continue;
      const table = await readTable(zip, r.target, name);
      if (table) tables.push(table);
    }
  }
  if (!sheets.some((s) => s.part !== undefined)) throw new WorkbookRefusal("has no worksheet");
  const names: DefinedName[] = [];
  const definedNames = child(workbook, "definedNames");
  for (const d of definedNames ? children(definedNames, "definedName") : []) {
    const local = d.attrs.localSheetId;
    const sheet = local === undefined ? undefined : sheets[Number(local)]?.name;
    if (local !== undefined && sheet === undefined) continue;
    names.push({ name: d.attrs.name ?? "", formula: d.text, ...(sheet ? { sheet } : {}) });
  }
  const sharedStrings: string[] = [];
  const stringsRel = workbookRels.find((r) => r.type.endsWith(REL_TYPE_TAIL.sharedStrings));
  if (stringsRel) {
    const sst = await partXml(zip, stringsRel.target, "shared strings");
    for (const si of sst ? children(sst, "si") : []) sharedStrings.push(stringItemText(si));
  }
  const pr = child(workbook, "workbookPr");
  const date1904 = pr?.attrs.date1904 === "1" || pr?.attrs.date1904 === "true";
  return { zip, sheets, pivotTables, names, tables, sharedStrings, date1904 };
}

export { XmlError };
