/**
 * Each CS function's parameters, declared once, the way HyperFormula's
 * function plugins declare theirs (`implementedFunctions`: per parameter its
 * type, whether it is optional, whether the function vectorizes over it).
 * Here a parameter has its name (as in the JSDoc signature, which Excel's
 * metadata is generated from; a test checks the two agree), how one cell of
 * it is read, and whether it broadcasts cell by cell or is read whole.
 *
 * elementwise() then does, once for every such function, what each used to
 * write out: reading Excel's arguments as grids, the common shape of the
 * broadcast ones, blank rows, reading each cell, naming the range and
 * position of a bad cell, the one-column fast path, and host conversion.
 * The engine sizes each spill from the same declaration (engine/shapes.ts).
 */
import { CsError, Errors } from "../core/errors";
import { Model } from "../core/model";
import { isBlank } from "../core/values";
import { asGrid, broadcastShape, Cell, fill, Grid, locate, Shape } from "./grid";
import { gridToHost, toHost, withModel } from "./host";

/** Marks a parameter whose blank cell makes the output cell blank (nothing to compute). */
export const SKIP = Symbol("blank output cell");

/** A parameter read cell by cell, broadcast with the other such parameters. */
export interface CellParam<T> {
  readonly kind: "cell";
  readonly name: string;
  /** Reads one non-blank cell; an error is located by the helper. */
  readonly read: (raw: unknown, model: Model) => T | null | CsError;
  /** A blank cell (or the argument omitted): a value, an error, or SKIP. */
  readonly blank: T | CsError | typeof SKIP;
}

/** A parameter read once for the whole call (a part name, a role, a tier table); it never widens the result. */
export interface WholeParam<T> {
  readonly kind: "whole";
  readonly name: string;
  readonly read: (arg: unknown, model: Model) => T | CsError;
}

export type Param<T> = CellParam<T> | WholeParam<T>;

/** A required cell: blank is "<label> is blank." */
export function required<T>(
  name: string,
  label: string,
  read: (raw: unknown, model: Model) => T | null | CsError
): CellParam<T> {
  return { kind: "cell", name, read, blank: Errors.blankRequired(label) };
}

/** An optional cell: blank or omitted is the fallback (or SKIP: a blank output cell). */
export function optional<T>(
  name: string,
  read: (raw: unknown, model: Model) => T | null | CsError,
  fallback: T | typeof SKIP
): CellParam<T> {
  return { kind: "cell", name, read, blank: fallback };
}

export function whole<T>(
  name: string,
  read: (arg: unknown, model: Model) => T | CsError
): WholeParam<T> {
  return { kind: "whole", name, read };
}

type ValueOf<P> = P extends Param<infer T> ? T : never;
export type Values<P extends readonly Param<unknown>[]> = { [K in keyof P]: ValueOf<P[K]> };

export interface Declaration<P extends readonly Param<unknown>[]> {
  /** The function id, as in @customfunction. */
  readonly id: string;
  readonly params: P;
  /**
   * "row": an output cell is blank where every argument given as a range is
   * blank (single values broadcast and do not make a row non-blank; with no
   * range, where every value given is blank). "cell" (default): only the
   * parameters' own blank rules (SKIP) apply.
   */
  readonly blankRows?: "row" | "cell";
  /** What the model must provide (e.g. a usable tier table); its error is the answer in every cell. */
  readonly requires?: (model: Model) => CsError | null;
  /** The parameter whose range a computation's own error is located in (e.g. CLAWBACK's churn_date). */
  readonly errorsAt?: string;
  readonly compute: (values: Values<P>, model: Model) => Cell;
}

/** The parameters of every declared function, by id: the engine sizes spills from them. */
const declared = new Map<string, readonly Param<unknown>[]>();

/** Every declared function's parameters, by function id. */
export function declaredFunctions(): ReadonlyMap<string, readonly Param<unknown>[]> {
  return declared;
}

/** Declares a function's parameters without the element-wise helper (e.g. TIER's own fast path). */
export function declareParams(id: string, params: readonly Param<unknown>[]): void {
  declared.set(id, params);
}

/**
 * Declares an element-wise function and returns what its exported function
 * calls with Excel's arguments, in signature order.
 */
export function elementwise<const P extends readonly Param<unknown>[]>(
  declaration: Declaration<P>
): (...args: unknown[]) => unknown[][] {
  declareParams(declaration.id, declaration.params);
  return (...args) => withModel((model) => run(declaration, args, model));
}

function run<P extends readonly Param<unknown>[]>(
  declaration: Declaration<P>,
  args: readonly unknown[],
  model: Model
): unknown[][] {
  const { params } = declaration;
  const n = params.length;
  const grids: (Grid | null)[] = new Array(n);
  const wholes: unknown[] = new Array(n);
  const named: { name: string; grid: Grid | null }[] = [];
  for (let i = 0; i < n; i++) {
    const param = params[i];
    const arg = args[i] ?? null;
    if (param.kind === "cell") {
      grids[i] = asGrid(arg);
      named.push({ name: param.name, grid: grids[i] });
    } else grids[i] = null;
  }
  const shape = broadcastShape(named);
  if (shape instanceof CsError) return gridToHost([[shape]]);
  const problem = declaration.requires?.(model) ?? null;
  if (problem !== null) return gridToHost(fill(shape, problem));
  // A whole argument that cannot be read is the answer in every cell.
  for (let i = 0; i < n; i++) {
    const param = params[i];
    if (param.kind !== "whole") continue;
    const value = param.read(args[i] ?? null, model);
    if (value instanceof CsError) return gridToHost(fill(shape, value));
    wholes[i] = value;
  }
  const cells = new CellReader(declaration, grids, wholes, shape, model);
  const out: unknown[][] = new Array(shape.rows);
  // The usual call is one column: a row literal is a packed array, cheaper than new Array(1).
  if (shape.cols === 1) {
    for (let r = 0; r < shape.rows; r++) out[r] = [toHost(cells.at(r, 0))];
    return out;
  }
  for (let r = 0; r < shape.rows; r++) {
    const row: unknown[] = new Array(shape.cols);
    for (let c = 0; c < shape.cols; c++) row[c] = toHost(cells.at(r, c));
    out[r] = row;
  }
  return out;
}

/** Reads and computes one output cell at a time; everything per call is set up once here. */
class CellReader<P extends readonly Param<unknown>[]> {
  private readonly values: unknown[];
  /** Per parameter: the grid when it is a range, null when one value broadcasts (or whole). */
  private readonly ranges: (Grid | null)[];
  /** Per parameter: the one value that broadcasts (its raw cell). */
  private readonly single: unknown[];
  private readonly blankRanges: Grid[];
  private readonly errorsAt: number;

  constructor(
    private readonly declaration: Declaration<P>,
    private readonly grids: readonly (Grid | null)[],
    wholes: readonly unknown[],
    shape: Shape,
    private readonly model: Model
  ) {
    const n = declaration.params.length;
    this.values = [...wholes];
    this.ranges = new Array(n).fill(null);
    this.single = new Array(n).fill(null);
    for (let i = 0; i < n; i++) {
      const grid = grids[i];
      if (grid === null) continue;
      if (grid.length === 1 && grid[0].length <= 1) this.single[i] = grid[0][0] ?? null;
      else this.ranges[i] = grid;
    }
    this.blankRanges = [];
    if (declaration.blankRows === "row") {
      const ranges = this.ranges.filter((g): g is Grid => g !== null);
      // With no range, the row is the single values given.
      this.blankRanges = ranges.length > 0 ? ranges : grids.filter((g): g is Grid => g !== null);
    }
    this.errorsAt = declaration.errorsAt
      ? declaration.params.findIndex((p) => p.name === declaration.errorsAt)
      : -1;
    void shape;
  }

  private raw(i: number, r: number, c: number): unknown {
    const range = this.ranges[i];
    if (range === null) return this.single[i];
    const row = range[r];
    return row !== undefined && c < row.length ? (row[c] ?? null) : null;
  }

  private isBlankRow(r: number, c: number): boolean {
    for (const grid of this.blankRanges) {
      const cell = grid.length === 1 && grid[0].length <= 1 ? grid[0][0] : grid[r]?.[c];
      if (!isBlank(cell)) return false;
    }
    return true;
  }

  at(r: number, c: number): Cell {
    if (this.blankRanges.length > 0 && this.isBlankRow(r, c)) return null;
    const { params } = this.declaration;
    const values = this.values;
    for (let i = 0; i < params.length; i++) {
      const param = params[i];
      if (param.kind !== "cell") continue;
      const grid = this.grids[i];
      const raw = grid === null ? null : this.raw(i, r, c);
      let value = isBlank(raw) ? null : param.read(raw, this.model);
      if (value === null) {
        if (param.blank === SKIP) return null;
        value = param.blank;
      }
      if (value instanceof CsError)
        return grid === null ? value : locate(value, param.name, grid, r, c);
      values[i] = value;
    }
    const result = this.declaration.compute(values as Values<P>, this.model);
    if (result instanceof CsError && this.errorsAt >= 0) {
      const grid = this.grids[this.errorsAt];
      return grid === null ? result : locate(result, params[this.errorsAt].name, grid, r, c);
    }
    return result;
  }
}
