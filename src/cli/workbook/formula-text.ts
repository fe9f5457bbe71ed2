/**
 * Formula text as an .xlsx file stores it, turned into what the engine
 * reads: the pieces of a formula where references live (code) told apart
 * from literal text ("strings", 'quoted sheet names', [bracketed] table and
 * external-workbook parts), shared formulas slid to each cell, and the
 * `_xlfn.`/`_xlws.` prefixes Excel writes before newer functions removed
 * where the engine knows the function.
 */

// The splitter lives with the engine, which also needs it (Excel's number literals).
import { joinPieces, rewriteCode, splitFormula } from "../../engine/formula-pieces";

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

export function columnLetters(n: number): string {
  let letters = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    letters = String.fromCharCode(65 + ((k - 1) % 26)) + letters;
  return letters;
}

/** "B7" -> { row: 7, col: 2 } (1-based); undefined when it is not a cell address. */
export function parseAddress(address: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address);
  if (!m) return undefined;
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

/** "A1:C3" (or one cell) -> its corners, 1-based. */
export function parseRange(
  ref: string
): { top: number; left: number; bottom: number; right: number } | undefined {
  const [a, b = a] = ref.split(":");
  const start = parseAddress(a);
  const end = parseAddress(b);
  if (!start || !end) return undefined;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}

const MAX_COL = 16_384;
const MAX_ROW = 1_048_576;

// A cell reference in code: not part of a name (LOG10(, Sheet_1, x.A1) and not a function call.
const CELL_REF = /(?<![A-Za-z0-9_.$\\])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(.])/g;
const COLUMN_RANGE =
  /(?<![A-Za-z0-9_.$\\])(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_(.!])/g;
const ROW_RANGE = /(?<![A-Za-z0-9_.$\\:])(\$?)(\d{1,7}):(\$?)(\d{1,7})(?![A-Za-z0-9_(.:])/g;

/**
 * A shared formula's text for another cell of its range: relative references
 * move by the distance from the cell that holds the text, absolute ($) ones
 * stay, as Excel fills a formula. Undefined when a reference would leave the sheet.
 */
export function slideFormula(formula: string, dRow: number, dCol: number): string | undefined {
  let outside = false;
  const col = (dollar: string, letters: string) => {
    const n = dollar ? columnNumber(letters) : columnNumber(letters) + dCol;
    if (n < 1 || n > MAX_COL) outside = true;
    return dollar + columnLetters(n);
  };
  const row = (dollar: string, digits: string) => {
    const n = dollar ? Number(digits) : Number(digits) + dRow;
    if (n < 1 || n > MAX_ROW) outside = true;
    return dollar + String(n);
  };
  const pieces = splitFormula(formula).map((piece) => {
    if (piece.kind !== "code") return piece;
    const text = piece.text
      .replace(
        ROW_RANGE,
        (_m, d1: string, r1: string, d2: string, r2: string) => `${row(d1, r1)}:${row(d2, r2)}`
      )
      .replace(COLUMN_RANGE, (m, d1: string, c1: string, d2: string, c2: string) =>
        columnNumber(c1) > MAX_COL || columnNumber(c2) > MAX_COL
          ? m
          : `${col(d1, c1)}:${col(d2, c2)}`
      )
      .replace(CELL_REF, (m, dc: string, letters: string, dr: string, digits: string) =>
        columnNumber(letters) > MAX_COL ? m : `${col(dc, letters)}${row(dr, digits)}`
      );
    return { ...piece, text };
  });
  return outside ? undefined : joinPieces(pieces);
}

/**
 * Removes Excel's future-function prefixes (_xlfn.IFNA, _xlfn._xlws.FILTER).
 * A function the engine does not know then shows as #NAME? ("Function name
 * ARRAYTOTEXT not recognized") with its references still known to the
 * engine, so what depends on a CS cell through it is still found (and kept).
 */
export function stripFunctionPrefixes(formula: string): string {
  return rewriteCode(formula, (code) =>
    code.replace(
      /(?<![A-Za-z0-9_.])(?:_xlfn\.(?:_xlws\.)?|_xlws\.)(?=[A-Za-z][A-Za-z0-9_.]*\()/g,
      ""
    )
  );
}

/** The sheet names the engine reads without quotes: Latin letters (with accents), digits, _. */
const ENGINE_UNQUOTED_SHEET = /^[A-Za-z\u00C0-\u02AF0-9_]+$/;

/**
 * Excel writes a reference to a sheet named in any alphabet without quotes
 * (Лист1!B2, Φύλλο1!A1, as Russian and Greek Excel name their sheets); the
 * engine reads unquoted only Latin names, so such a sheet name is quoted.
 */
export function quoteSheetNames(formula: string): string {
  if (!/[\u02B0-\uFFFF]/.test(formula)) return formula;
  return rewriteCode(formula, (code) =>
    code.replace(
      /(?<![\p{L}\p{N}_.\\])([\p{L}_\\][\p{L}\p{M}\p{N}_.\\]*)!/gu,
      (match, name: string) =>
        ENGINE_UNQUOTED_SHEET.test(name) ? match : `'${name.replace(/'/g, "''")}'!`
    )
  );
}
