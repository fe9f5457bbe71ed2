/**
 * Adds formula cells to a workbook saved by Excel without touching anything
 * else: one new row appended at the end of a worksheet's <sheetData>, its
 * cells in Excel's markup with deliberately stale cached values, so that a
 * recalculation must change them. Every other zip part keeps its bytes.
 */
import JSZip from "jszip";

export interface AddedCell {
  /** Column letter. */
  col: string;
  /** The formula as the file stores it (_xldudf_CS_TIER(...)); absent for a spill's other cells. */
  formula?: string;
  /** An array formula's range ("A9:B9"), as Excel stores a spilled result. */
  array?: string;
}

/** The first worksheet's part (not a chart sheet), from the workbook's relationships. */
export async function firstWorksheetPart(zip: JSZip): Promise<string> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  for (const sheet of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*?\b\w+:id="([^"]+)"/g)) {
    const rel = new RegExp(`<Relationship\\b[^>]*\\bId="${sheet[1]}"[^>]*>`).exec(rels)![0];
    if (!/Type="[^"]*\/worksheet"/.test(rel)) continue;
    const target = /Target="([^"]+)"/.exec(rel)![1];
    return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  }
  throw new Error("no worksheet");
}

export interface Patched {
  bytes: Buffer;
  part: string;
  /** The row the cells were added in. */
  row: number;
  /** The XML of the added row, as written. */
  rowXml: string;
  /** The namespace prefix the sheet's markup uses ("" or "x:"). */
  prefix: string;
  /** The sheet part's text before and after. */
  before: string;
  after: string;
}

export async function addFormulaRow(
  original: Buffer,
  cells: readonly AddedCell[],
  part?: string
): Promise<Patched> {
  const zip = await JSZip.loadAsync(original);
  const sheetPart = part ?? (await firstWorksheetPart(zip));
  const before = await zip.file(sheetPart)!.async("string");
  const prefix = /<(\w+:)?sheetData[\s/>]/.exec(before)?.[1] ?? "";
  let last = 0;
  for (const m of before.matchAll(new RegExp(`<${prefix}row\\b[^>]*?\\br="(\\d+)"`, "g")))
    last = Math.max(last, Number(m[1]));
  const row = last + 2;
  const escape = (s: string) =>
    s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const rowXml =
    `<${prefix}row r="${row}">` +
    cells
      .map((c) => {
        const array = c.array ? ` t="array" ref="${c.array}"` : "";
        const f =
          c.formula === undefined ? "" : `<${prefix}f${array}>${escape(c.formula)}</${prefix}f>`;
        return `<${prefix}c r="${c.col}${row}">${f}<${prefix}v>0</${prefix}v></${prefix}c>`;
      })
      .join("") +
    `</${prefix}row>`;
  const emptyData = new RegExp(`<${prefix}sheetData\\s*/>`);
  const after = emptyData.test(before)
    ? before.replace(emptyData, `<${prefix}sheetData>${rowXml}</${prefix}sheetData>`)
    : before.replace(`</${prefix}sheetData>`, `${rowXml}</${prefix}sheetData>`);
  zip.file(sheetPart, after);
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  return { bytes, part: sheetPart, row, rowXml, prefix, before, after };
}

/** Every zip entry's uncompressed bytes, by name, in the archive's order. */
export async function zipParts(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) {
    const entry = zip.files[name];
    if (!entry.dir) parts.set(name, await entry.async("nodebuffer"));
  }
  return parts;
}
