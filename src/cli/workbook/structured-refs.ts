/**
 * Excel table references (Accounts[ACV], Accounts[[#This Row],[ACV]],
 * [@ACV], Accounts[#All], Accounts[[#Headers],[A]:[C]], ...) rewritten as
 * the A1 ranges they stand for, so the engine, which has no tables, reads
 * the same cells Excel does. The table's area comes from its part
 * (xl/tables/tableN.xml): its ref, header and totals row counts, and its
 * column names in order.
 */
import { joinPieces, Piece, splitFormula } from "../../engine/formula-pieces";
import { columnLetters } from "./formula-text";

export interface ExcelTable {
  /** The name formulas use (displayName). */
  name: string;
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  headerRows: number;
  totalsRows: number;
  columns: string[];
}

/** A structured reference the engine cannot be given (Excel shows #REF! or #VALUE!). */
export class StructuredRefError extends Error {}

type Area = "#All" | "#Data" | "#Headers" | "#Totals" | "#This Row";
const AREAS: Record<string, Area> = {
  "#all": "#All",
  "#data": "#Data",
  "#headers": "#Headers",
  "#totals": "#Totals",
  "#this row": "#This Row",
};

/** Column names in a structured reference escape [ ] # ' with a leading '. */
function unescapeColumn(text: string): string {
  return text.replace(/'(.)/g, "$1").trim();
}

interface Parsed {
  areas: Area[];
  columns: [string, string] | null;
}

/** The inside of Table[...] (without the outer brackets). */
function parseSpecifier(inner: string): Parsed {
  const text = inner.trim();
  if (text === "") return { areas: ["#Data"], columns: null };
  if (text.startsWith("@")) {
    const rest = text.slice(1).trim();
    if (rest === "") return { areas: ["#This Row"], columns: null };
    const body = rest.startsWith("[") ? parseSpecifier(rest).columns : null;
    const name = body ?? [unescapeColumn(rest), unescapeColumn(rest)];
    return { areas: ["#This Row"], columns: name as [string, string] };
  }
  if (!text.startsWith("[")) {
    const area = AREAS[text.toLowerCase()];
    if (area) return { areas: [area], columns: null };
    const name = unescapeColumn(text);
    return { areas: ["#Data"], columns: [name, name] };
  }
  // A list of [items]: areas and a column or a column range [A]:[C].
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") {
      current += ch + (text[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "," && depth === 0) {
      items.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim() !== "") items.push(current.trim());
  const areas: Area[] = [];
  let columns: [string, string] | null = null;
  for (const item of items) {
    const range = /^\[((?:[^\]']|'.)*)\]\s*:\s*\[((?:[^\]']|'.)*)\]$/.exec(item);
    if (range) {
      columns = [unescapeColumn(range[1]), unescapeColumn(range[2])];
      continue;
    }
    const single = /^\[((?:[^\]']|'.)*)\]$/.exec(item);
    if (!single) throw new StructuredRefError(`cannot read the table reference [${inner}]`);
    const area = AREAS[single[1].trim().toLowerCase()];
    if (area) areas.push(area);
    else {
      const name = unescapeColumn(single[1]);
      columns = [name, name];
    }
  }
  return { areas: areas.length > 0 ? areas : ["#Data"], columns };
}

function quoteSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** The rows an area covers, or an error where Excel gives #REF! (no header row, no totals row). */
function rowsOf(table: ExcelTable, area: Area, formulaRow: number): [number, number] {
  const dataTop = table.top + table.headerRows;
  const dataBottom = table.bottom - table.totalsRows;
  switch (area) {
    case "#All":
      return [table.top, table.bottom];
    case "#Data":
      return [dataTop, dataBottom];
    case "#Headers":
      if (table.headerRows === 0) throw new StructuredRefError(`${table.name} has no header row`);
      return [table.top, dataTop - 1];
    case "#Totals":
      if (table.totalsRows === 0) throw new StructuredRefError(`${table.name} has no totals row`);
      return [dataBottom + 1, table.bottom];
    case "#This Row":
      if (formulaRow < dataTop || formulaRow > dataBottom)
        throw new StructuredRefError(`[#This Row] of ${table.name} outside its rows`);
      return [formulaRow, formulaRow];
  }
}

/** Table[...] -> 'Sheet'!$A$2:$A$10 for a formula in row formulaRow (1-based). */
export function resolveStructuredRef(table: ExcelTable, inner: string, formulaRow: number): string {
  const parsed = parseSpecifier(inner);
  let top = Infinity;
  let bottom = -Infinity;
  for (const area of parsed.areas) {
    const [a, b] = rowsOf(table, area, formulaRow);
    top = Math.min(top, a);
    bottom = Math.max(bottom, b);
  }
  if (bottom < top) throw new StructuredRefError(`${table.name} has no rows there`);
  let left = table.left;
  let right = table.right;
  if (parsed.columns) {
    const index = (name: string) => {
      const i = table.columns.findIndex((c) => c.toLowerCase() === name.toLowerCase());
      if (i < 0) throw new StructuredRefError(`${table.name} has no column "${name}"`);
      return table.left + i;
    };
    const a = index(parsed.columns[0]);
    const b = index(parsed.columns[1]);
    left = Math.min(a, b);
    right = Math.max(a, b);
  }
  const start = `$${columnLetters(left)}$${top}`;
  const end = `$${columnLetters(right)}$${bottom}`;
  return `${quoteSheet(table.sheet)}!${start === end ? start : `${start}:${end}`}`;
}

/**
 * Every structured reference of a formula rewritten as A1 ranges. The
 * formula sits at (sheet, row): an unqualified [@Col] or [Col] means the
 * table that holds that cell. Throws StructuredRefError for one Excel would
 * not resolve either (an unknown column, a [#Totals] of a table without).
 */
export function rewriteStructuredRefs(
  formula: string,
  tables: readonly ExcelTable[],
  sheet: string,
  row: number,
  col: number
): string {
  if (!formula.includes("[")) return formula;
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  const pieces = splitFormula(formula);
  const out: Piece[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece.kind !== "bracket") {
      out.push(piece);
      continue;
    }
    const inner = piece.text.slice(1, -1);
    const previous = out[out.length - 1];
    const name =
      previous?.kind === "code" ? /([A-Za-z_\\][A-Za-z0-9_.\\]*)$/.exec(previous.text) : null;
    const table = name ? byName.get(name[1].toLowerCase()) : undefined;
    if (table && name) {
      previous.text = previous.text.slice(0, -name[1].length);
      out.push({ kind: "code", text: resolveStructuredRef(table, inner, row) });
      continue;
    }
    // [1]Sheet!A1 and [1]!Name are external-workbook references: left for the engine to refuse.
    const next = pieces[i + 1];
    const external =
      /^\d+$/.test(inner.trim()) &&
      (next?.kind === "sheet" || (next?.kind === "code" && /^[A-Za-z_!]/.test(next.text)));
    const unqualified =
      !external && (previous === undefined || (previous.kind === "code" && !name));
    const own = tables.find(
      (t) => t.sheet === sheet && row >= t.top && row <= t.bottom && col >= t.left && col <= t.right
    );
    if (unqualified && own) {
      out.push({ kind: "code", text: resolveStructuredRef(own, inner, row) });
      continue;
    }
    out.push(piece);
  }
  return joinPieces(out);
}
