/**
 * The cells of a worksheet part, found in its XML text with their exact
 * position, so that a new cached value can be written into one cell's
 * markup while every other byte of the part stays as it was. Only the
 * <row> and <c> tags of <sheetData> are read; the cell's formula element is
 * kept verbatim.
 */
import { xmlText } from "../xlsx-rows";
import { decodeExcelEscapes, decodeXmlText, encodeXmlText } from "./xml";
import { columnLetters, parseAddress, parseRange } from "./formula-text";

export interface FormulaXml {
  /** The formula text (decoded), empty for a shared formula's follower cells. */
  text: string;
  /** normal, shared, array or dataTable (a what-if table). */
  kind: string;
  ref?: string;
  si?: string;
}

export interface CellXml {
  row: number;
  col: number;
  /** Where the whole <c ...>...</c> element starts and ends in the part's text. */
  start: number;
  end: number;
  prefix: string;
  /** The opening tag's attributes, as written. */
  attrs: string;
  type: string;
  formula?: FormulaXml;
  /** The <v> text, decoded. */
  value?: string;
  /** An inline string's text. */
  inline?: string;
}

export class SheetXmlError extends Error {}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? decodeXmlText(m[1] ?? m[2]) : undefined;
}

const OPEN_TAG = /<(?:([A-Za-z_][\w.-]*):)?(row|c|sheetData)(?=[\s/>])([^>]*?)(\/?)>/g;

/** Every cell of <sheetData>, in file order. */
export function scanCells(xml: string): CellXml[] {
  const cells: CellXml[] = [];
  const dataStart = xml.search(/<(?:[A-Za-z_][\w.-]*:)?sheetData[\s/>]/);
  if (dataStart < 0) return cells;
  OPEN_TAG.lastIndex = dataStart;
  let row = 0;
  let col = 0;
  for (let m = OPEN_TAG.exec(xml); m !== null; m = OPEN_TAG.exec(xml)) {
    const [tag, prefixName = "", name, attrs, selfClosing] = m;
    const prefix = prefixName ? `${prefixName}:` : "";
    if (name === "sheetData") {
      if (m.index !== dataStart) break;
      if (selfClosing) break;
      continue;
    }
    if (name === "row") {
      const r = attr(attrs, "r");
      row = r !== undefined ? Number(r) : row + 1;
      col = 0;
      continue;
    }
    const start = m.index;
    let end = start + tag.length;
    let inner = "";
    if (!selfClosing) {
      const close = `</${prefix}c>`;
      const at = xml.indexOf(close, end);
      if (at < 0) throw new SheetXmlError(`a cell in row ${row} is not closed`);
      inner = xml.slice(end, at);
      end = at + close.length;
    }
    const ref = attr(attrs, "r");
    const address = ref !== undefined ? parseAddress(ref) : { row, col: col + 1 };
    if (address === undefined) throw new SheetXmlError(`a cell has the address "${ref}"`);
    row = address.row;
    col = address.col;
    const cell: CellXml = {
      row: address.row,
      col: address.col,
      start,
      end,
      prefix,
      attrs,
      type: attr(attrs, "t") ?? "n",
    };
    if (inner !== "") readInner(cell, inner, prefix);
    cells.push(cell);
    OPEN_TAG.lastIndex = end;
  }
  return cells;
}

function readInner(cell: CellXml, inner: string, prefix: string): void {
  const f = new RegExp(`<${prefix}f(?=[\\s/>])([^>]*?)(?:/>|>([\\s\\S]*?)</${prefix}f>)`).exec(
    inner
  );
  if (f) {
    const attrs = f[1];
    cell.formula = {
      text: decodeXmlText(f[2] ?? ""),
      kind: attr(attrs, "t") ?? "normal",
      ...(attr(attrs, "ref") !== undefined ? { ref: attr(attrs, "ref") } : {}),
      ...(attr(attrs, "si") !== undefined ? { si: attr(attrs, "si") } : {}),
    };
  }
  const v = new RegExp(`<${prefix}v(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${prefix}v>)`).exec(inner);
  if (v) cell.value = decodeXmlText(v[1] ?? "");
  const is = new RegExp(`<${prefix}is(?:\\s[^>]*)?>([\\s\\S]*?)</${prefix}is>`).exec(inner);
  if (is) {
    // Runs' text, without phonetic guides (<rPh>).
    const withoutPhonetic = is[1].replace(
      new RegExp(`<${prefix}rPh[\\s>][\\s\\S]*?</${prefix}rPh>`, "g"),
      ""
    );
    let text = "";
    const t = new RegExp(`<${prefix}t(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${prefix}t>)`, "g");
    for (let m = t.exec(withoutPhonetic); m !== null; m = t.exec(withoutPhonetic))
      text += decodeXmlText(m[1] ?? "");
    cell.inline = decodeExcelEscapes(text);
  }
}

/** A cached value as the file holds it. */
export type CachedValue = number | string | boolean | { error: string } | null;

/**
 * The cell's markup with a new cached value: its attributes but the type,
 * its formula element and anything else it holds unchanged, its <v> (and an
 * inline string, if any) replaced.
 */
export function patchedCell(xml: string, cell: CellXml, value: CachedValue): string {
  const p = cell.prefix;
  const original = xml.slice(cell.start, cell.end);
  const openEnd = original.indexOf(">") + 1;
  const selfClosing = original.endsWith("/>") && openEnd === original.length;
  let inner = selfClosing ? "" : original.slice(openEnd, original.length - `</${p}c>`.length);
  inner = inner
    .replace(new RegExp(`<${p}v(?:\\s[^>]*)?(?:/>|>[\\s\\S]*?</${p}v>)`), "")
    .replace(new RegExp(`<${p}is(?:\\s[^>]*)?>[\\s\\S]*?</${p}is>`), "");
  let type: string | undefined;
  let text: string;
  if (value === null) {
    type = "str";
    text = "";
  } else if (typeof value === "number") text = String(value);
  else if (typeof value === "boolean") {
    type = "b";
    text = value ? "1" : "0";
  } else if (typeof value === "string") {
    type = "str";
    text = xmlText(value);
  } else {
    type = "e";
    text = encodeXmlText(value.error);
  }
  const attrs = cell.attrs.replace(/\s+t\s*=\s*(?:"[^"]*"|'[^']*')/, "").replace(/\s*\/$/, "");
  const v = `<${p}v>${text}</${p}v>`;
  // <v> follows <f> (CT_Cell's order: f, v, is, extLst).
  const fEnd = new RegExp(`<${p}f(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${p}f>)`).exec(inner);
  const at = fEnd ? fEnd.index + fEnd[0].length : 0;
  inner = inner.slice(0, at) + v + inner.slice(at);
  return `<${p}c${attrs}${type ? ` t="${type}"` : ""}>${inner}</${p}c>`;
}

/** The part's text with some cells replaced (edits need not be sorted; they must not overlap). */
export function applyEdits(
  xml: string,
  edits: readonly { start: number; end: number; text: string }[]
): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    out += xml.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + xml.slice(at);
}

export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

export { parseRange };
