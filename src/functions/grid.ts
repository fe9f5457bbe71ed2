/**
 * Ranges as Excel hands them to custom functions: a matrix parameter is an
 * array of rows (a single value arrives as [[value]]), an omitted optional
 * parameter is null. These helpers turn them into the shapes the adapters
 * work on, and results back into what Excel (or the engine) accepts.
 */
import { CsError, Errors } from "../core/errors";

/** A result cell before it goes to the host: null is a blank. */
export type Cell = number | string | boolean | CsError | null;
export type Grid = readonly (readonly unknown[])[];

/** Reads a parameter as a grid; a scalar becomes 1x1, a missing one null. */
export function asGrid(value: unknown): Grid | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    if (value.length === 0) return [[null]];
    // Excel's ranges are already arrays of rows: use them as they are (no copy of a million rows).
    if (allArrays(value)) return value as unknown[][];
    return value.map((row: unknown) => (Array.isArray(row) ? row : [row]));
  }
  return [[value]];
}

/** Array.prototype.every without a callback per row: this runs over million-row ranges. */
function allArrays(rows: readonly unknown[]): boolean {
  for (let r = 0; r < rows.length; r++) if (!Array.isArray(rows[r])) return false;
  return true;
}

export function width(grid: Grid): number {
  let max = 0;
  // An indexed loop: this runs over every row of million-row ranges.
  for (let r = 0; r < grid.length; r++) if (grid[r].length > max) max = grid[r].length;
  return Math.max(max, 1);
}

/** The cell at (r, c), with a 1x1 grid broadcast everywhere and ragged gaps blank. */
export function cellAt(grid: Grid, r: number, c: number): unknown {
  if (grid.length === 1 && grid[0].length <= 1) return grid[0][0] ?? null;
  return grid[r]?.[c] ?? null;
}

export function isSingle(grid: Grid | null): boolean {
  return grid === null || (grid.length === 1 && grid[0].length <= 1);
}

/**
 * Where a cell sits in its range, for messages: "row 3 of the range",
 * "column 2 of the range" or "row 3, column 2 of the range". Counted within
 * the range the user passed (a function is not told the sheet address).
 */
export function position(grid: Grid, r: number, c: number, shape?: Shape): string {
  if (isSingle(grid)) return "";
  return `${shapePosition(shape ?? { rows: grid.length, cols: width(grid) }, r, c)} of the range`;
}

export function shapePosition(shape: Shape, r: number, c: number): string {
  if (shape.cols === 1) return `row ${r + 1}`;
  if (shape.rows === 1) return `column ${c + 1}`;
  return `row ${r + 1}, column ${c + 1}`;
}

/**
 * Prefixes an error with the range's name and the cell's position in it.
 * `shape`: the range's shape when the caller knows it, so that a column with
 * many bad cells is not measured again (a pass over every row) for each.
 */
export function locate(
  error: CsError,
  what: string,
  grid: Grid,
  r: number,
  c: number,
  shape?: Shape
): CsError {
  const where = position(grid, r, c, shape);
  return where ? Errors.atPosition(error, `${what}, ${where}`) : error;
}

/** Maps every cell of a grid, one pass, the output in the same shape. */
export function mapGrid<T>(grid: Grid, fn: (value: unknown, r: number, c: number) => T): T[][] {
  const cols = width(grid);
  const out: T[][] = new Array(grid.length);
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    const outRow: T[] = new Array(cols);
    for (let c = 0; c < cols; c++) outRow[c] = fn(c < row.length ? row[c] : null, r, c);
    out[r] = outRow;
  }
  return out;
}

export interface Shape {
  rows: number;
  cols: number;
}

/**
 * The common shape of several value arguments: each must be a single value
 * or a range of one and the same size, as Excel's own functions broadcast.
 */
export function broadcastShape(
  args: readonly { name: string; grid: Grid | null }[]
): Shape | CsError {
  let shape: Shape = { rows: 1, cols: 1 };
  let fixed = false;
  for (const { name, grid } of args) {
    if (grid === null || isSingle(grid)) continue;
    const own = { rows: grid.length, cols: width(grid) };
    if (!fixed) {
      shape = own;
      fixed = true;
    } else if (own.rows !== shape.rows || own.cols !== shape.cols) {
      return Errors.shapesDoNotMatch(name, own.rows, own.cols, shape.rows, shape.cols);
    }
  }
  return shape;
}

export function fill<T>(shape: Shape, value: T): T[][] {
  return Array.from({ length: shape.rows }, () => new Array<T>(shape.cols).fill(value));
}
