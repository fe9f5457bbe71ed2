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
import {
  asGrid,
  broadcastShape,
  Cell,
  fill,
  Grid,
  isSingle,
  locate,
  Shape,
  shapePosition,
} from "./grid";
import { gridToHost, toHost, withModel } from "./host";

/** Marks a parameter whose blank cell makes the output cell blank (nothing to compute). */
export const SKIP = Symbol("blank output cell");

/** errorsAt: a computation's error is placed by the output cell's position, naming no range. */
export const OUTPUT = Symbol("the output cell's position");

/** A parameter read cell by cell, broadcast with the other such parameters. */
export interface CellParam<T> {
  readonly kind: "cell";
  readonly name: string;
  /** Reads one non-blank cell; an error is located by the helper. */
  readonly read: (raw: unknown, model: Model) => T | null | CsError;
  /** A blank cell (or the argument omitted): a value, an error, or SKIP. */
  readonly blank: T | CsError | typeof SKIP;
  /** A column repeats a handful of names: each distinct text is read once per call. */
  readonly memo?: boolean;
}

/** A parameter read once for the whole call (a part name, a role, a tier table); it never widens the result. */
export interface WholeParam<T> {
  readonly kind: "whole";
  readonly name: string;
  /** Reads the argument; `shape` is the result's (broadcast) shape, for an argument that depends on it. */
  readonly read: (arg: unknown, model: Model, shape: Shape) => T | CsError;
}

export type Param<T> = CellParam<T> | WholeParam<T>;

type Reader<T> = (raw: unknown, model: Model) => T | null | CsError;

/** A required cell: blank is "<label> is blank." */
export function required<T>(name: string, label: string, read: Reader<T>): CellParam<T> {
  return { kind: "cell", name, read, blank: Errors.blankRequired(label) };
}

/**
 * An optional cell: blank or omitted is the fallback (or SKIP: a blank output
 * cell). `memo`: the cells hold a handful of names, each read once per call.
 */
export function optional<T>(
  name: string,
  read: Reader<T>,
  fallback: T | typeof SKIP,
  options: { memo?: boolean } = {}
): CellParam<T> {
  return { kind: "cell", name, read, blank: fallback, memo: options.memo === true };
}

/**
 * A cell that broadcasts but is read by compute itself (null when blank):
 * for a function whose blank rule and order of checks span several
 * parameters (VARIABLE_PAYOUT), which one reader per cell cannot express.
 */
export function unread(name: string): CellParam<unknown> {
  return { kind: "cell", name, read: (raw) => raw, blank: null };
}

export function whole<T>(
  name: string,
  read: (arg: unknown, model: Model, shape: Shape) => T | CsError
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
  /**
   * Where a computation's own error is located: in a parameter's range (its
   * name and the cell's position, e.g. CLAWBACK's churn_date), or OUTPUT (the
   * output cell's position). Reading errors are always located in their range.
   */
  readonly errorsAt?: string | typeof OUTPUT;
  /**
   * Output cells per input cell, side by side (EXPANSION_SPLIT: CSM then AE
   * credit), from the whole parameters' values; 1 when not given. An error
   * in an input cell fills all of its output cells.
   */
  readonly cellsPerInput?: (values: Values<P>) => number;
  /**
   * One output cell from the values of its input cell (r, c); `part` is its
   * index among cellsPerInput (0 when there is one).
   */
  readonly compute: (values: Values<P>, model: Model, r: number, c: number, part: number) => Cell;
  /**
   * The one-column fast path of a function that runs over million-row
   * columns: a loop of its own (so its row literals and calls stay
   * monomorphic: a shared loop would box every number it passes on) that
   * fills out[r] for the rows whose raw cells are plain, e.g. numbers in
   * range, skipping the readers, and leaves the others undefined for the
   * general path. It must answer what reading and compute answer
   * (test/functions/fast-paths).
   *
   * `grids` are the cell parameters' arguments by index: null when omitted,
   * a 1x1 grid for a single value, or a range as Excel passed it, presumed to
   * be a column of out.length rows but not yet checked: the loop checks each
   * row of every range it reads with isCellRow before reading its cell, and
   * returns false at the first that is not one cell (the call is then
   * answered by the general path, from scratch). Measuring every range
   * first would be a pass over a million rows per range. `values` holds the
   * whole parameters' values. False also when the fast path does not apply;
   * true once every row of every range has been checked.
   */
  readonly plainColumn?: (
    grids: readonly (Grid | null)[],
    values: Values<P>,
    model: Model,
    out: unknown[][]
  ) => boolean;
}

/** The parameters of every declared function, by id: the engine sizes spills from them. */
const declared = new Map<string, readonly Param<unknown>[]>();

/** Every declared function's parameters, by function id. */
export function declaredFunctions(): ReadonlyMap<string, readonly Param<unknown>[]> {
  return declared;
}

/**
 * Declares an element-wise function and returns what its exported function
 * calls with Excel's arguments, in signature order.
 */
export function elementwise<const P extends readonly Param<unknown>[]>(
  declaration: Declaration<P>
): (...args: unknown[]) => unknown[][] {
  declared.set(declaration.id, declaration.params);
  return (...args) => withModel((model) => run(declaration, args, model));
}

function run<P extends readonly Param<unknown>[]>(
  declaration: Declaration<P>,
  args: readonly unknown[],
  model: Model
): unknown[][] {
  const column = presumedColumn(declaration, args, model);
  if (column !== null) return column;
  const { params } = declaration;
  const n = params.length;
  const grids: (Grid | null)[] = new Array(n).fill(null);
  const named: { name: string; grid: Grid | null }[] = [];
  for (let i = 0; i < n; i++) {
    if (params[i].kind !== "cell") continue;
    grids[i] = asGrid(args[i] ?? null);
    named.push({ name: params[i].name, grid: grids[i] });
  }
  const shape = broadcastShape(named);
  if (shape instanceof CsError) return gridToHost([[shape]]);
  const problem = declaration.requires?.(model) ?? null;
  if (problem !== null) return gridToHost(fill(shape, problem));
  // A whole argument that cannot be read is the answer in every cell.
  const wholes: unknown[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const param = params[i];
    if (param.kind !== "whole") continue;
    const value = param.read(args[i] ?? null, model, shape);
    if (value instanceof CsError) return gridToHost(fill(shape, value));
    wholes[i] = value;
  }
  const per = declaration.cellsPerInput?.(wholes as Values<P>) ?? 1;
  const cells = new CellReader(declaration, grids, wholes, shape, model);
  if (shape.cols === 1 && per === 1) return oneColumn(cells, new Array(shape.rows));
  if (shape.cols === 1 && per === 2) return oneColumnTwoCells(cells, new Array(shape.rows));
  const out: unknown[][] = new Array(shape.rows);
  for (let r = 0; r < shape.rows; r++) {
    const row: unknown[] = new Array(shape.cols * per);
    for (let c = 0; c < shape.cols; c++) {
      const read = cells.read(r, c);
      let cell: Cell = read === READY ? cells.compute(r, c, 0) : read;
      row[c * per] = toHost(cell);
      for (let part = 1; part < per; part++) {
        if (read === READY && !(cell instanceof CsError)) cell = cells.compute(r, c, part);
        row[c * per + part] = toHost(cell);
      }
    }
    out[r] = row;
  }
  return out;
}

/**
 * The usual million-row call, one column in and one out, with the
 * declaration's plainColumn and without a pass over each range to measure it
 * first: a range of several rows whose first row is one cell is presumed a
 * column, and plainColumn checks every row as it reads it. Null, for the
 * general path to answer from scratch, when a range is not such a column,
 * the ranges differ in length, the model or a whole argument is unusable
 * (the general path gives the error), or plainColumn does not apply.
 */
function presumedColumn<P extends readonly Param<unknown>[]>(
  declaration: Declaration<P>,
  args: readonly unknown[],
  model: Model
): unknown[][] | null {
  const { params, plainColumn } = declaration;
  if (plainColumn === undefined) return null;
  const n = params.length;
  const grids: (Grid | null)[] = new Array(n).fill(null);
  let rows = 0;
  for (let i = 0; i < n; i++) {
    if (params[i].kind !== "cell") continue;
    const arg = args[i] ?? null;
    if (Array.isArray(arg) && arg.length > 1) {
      if (!isCellRow(arg[0]) || (rows > 0 && arg.length !== rows)) return null;
      rows = arg.length;
      grids[i] = arg as Grid;
    } else {
      // At most one row: reading it as a grid costs nothing.
      const grid = asGrid(arg);
      if (!isSingle(grid)) return null;
      grids[i] = grid;
    }
  }
  if (rows === 0 || declaration.requires?.(model)) return null;
  const shape: Shape = { rows, cols: 1 };
  const wholes: unknown[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const param = params[i];
    if (param.kind !== "whole") continue;
    const value = param.read(args[i] ?? null, model, shape);
    if (value instanceof CsError) return null;
    wholes[i] = value;
  }
  const per = declaration.cellsPerInput?.(wholes as Values<P>) ?? 1;
  if (per !== 1 && per !== 2) return null;
  const out: unknown[][] = new Array(rows);
  if (!plainColumn(grids, wholes as Values<P>, model, out)) return null;
  const cells = new CellReader(declaration, grids, wholes, shape, model);
  return per === 1 ? oneColumn(cells, out) : oneColumnTwoCells(cells, out);
}

/** A row of a column as Excel passes it: an array of one cell. */
export function isCellRow(row: unknown): row is readonly [unknown] {
  return Array.isArray(row) && row.length === 1;
}

/**
 * A column in and a column out: `out` holds the rows plainColumn filled, if
 * any; the others are read and computed here. Row literals, not
 * new Array(1) filled later: a literal of a number is a packed array of
 * unboxed doubles (a site of its own, so text rows do not make it generic).
 * Text repeats a handful of names (tiers, segments): each distinct text is
 * one frozen row shared by its rows, no allocation per row. Sharing is safe
 * because nothing writes to a result: Excel copies it, the engine copies it
 * cell by cell, and a write to a frozen row throws rather than change others.
 */
function oneColumn<P extends readonly Param<unknown>[]>(
  cells: CellReader<P>,
  out: unknown[][]
): unknown[][] {
  const shared = new SharedRows();
  for (let r = 0; r < out.length; r++) {
    if (out[r] !== undefined) continue;
    const read = cells.read(r, 0);
    const cell = read === READY ? cells.compute(r, 0, 0) : read;
    if (typeof cell === "number" && Number.isFinite(cell)) out[r] = [cell];
    else if (typeof cell === "string" || cell === null) out[r] = shared.row(cell ?? "");
    else out[r] = [toHost(cell)];
  }
  return out;
}

/** One frozen one-cell row per distinct text of one call. */
class SharedRows {
  /** The first few texts, found by a scan: cheaper than hashing for a handful of tier names. */
  private readonly texts: string[] = [];
  private readonly rows: unknown[][] = [];
  private readonly more = new Map<string, unknown[]>();

  row(text: string): unknown[] {
    const texts = this.texts;
    for (let i = 0; i < texts.length; i++) if (texts[i] === text) return this.rows[i];
    let row = this.more.get(text);
    if (row === undefined) {
      row = Object.freeze([text]) as unknown[];
      if (texts.length < 8) {
        texts.push(text);
        this.rows.push(row);
      } else this.more.set(text, row);
    }
    return row;
  }
}

/** A column in, two cells out per row (EXPANSION_SPLIT's CSM and AE credit), each row built once. */
function oneColumnTwoCells<P extends readonly Param<unknown>[]>(
  cells: CellReader<P>,
  out: unknown[][]
): unknown[][] {
  for (let r = 0; r < out.length; r++) {
    if (out[r] !== undefined) continue;
    const read = cells.read(r, 0);
    if (read !== READY) {
      const cell = toHost(read);
      out[r] = [cell, cell];
      continue;
    }
    const first = cells.compute(r, 0, 0);
    const second = first instanceof CsError ? first : cells.compute(r, 0, 1);
    if (typeof first === "number" && typeof second === "number") out[r] = [first, second];
    else out[r] = [toHost(first), toHost(second)];
  }
  return out;
}

/** CellReader.read's answer when the values of the cell are read and compute may run. */
const READY = Symbol("read");

/** Reads input cells and computes output cells; everything per call is set up once here. */
class CellReader<P extends readonly Param<unknown>[]> {
  private readonly params: readonly Param<unknown>[];
  private readonly values: unknown[];
  /** The indexes of the parameters read cell by cell. */
  private readonly cellParams: number[];
  /** Per parameter: the grid when it is a range, null when one value broadcasts (or whole). */
  private readonly ranges: (Grid | null)[];
  /** Per parameter: the one value that broadcasts (its raw cell). */
  private readonly single: unknown[];
  /** Per parameter with memo: each text read so far, and what it read as. */
  private readonly memos: (Map<string, unknown> | null)[];
  private readonly blankRanges: Grid[];
  private readonly errorsAt: number;

  constructor(
    private readonly declaration: Declaration<P>,
    private readonly grids: readonly (Grid | null)[],
    wholes: readonly unknown[],
    /** The call's shape, which every range has (broadcastShape, or a checked column). */
    private readonly shape: Shape,
    private readonly model: Model
  ) {
    this.params = declaration.params;
    const n = this.params.length;
    this.values = [...wholes];
    this.cellParams = [];
    this.ranges = new Array(n).fill(null);
    this.single = new Array(n).fill(null);
    this.memos = new Array(n).fill(null);
    for (let i = 0; i < n; i++) {
      const param = this.params[i];
      if (param.kind !== "cell") continue;
      this.cellParams.push(i);
      if (param.memo) this.memos[i] = new Map();
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
    const at = declaration.errorsAt;
    this.errorsAt =
      at === OUTPUT ? -2 : at ? this.params.findIndex((p) => p.name === declaration.errorsAt) : -1;
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

  /** Reads input cell (r, c) into the values: READY, null for a blank output cell, or a located error. */
  read(r: number, c: number): typeof READY | null | CsError {
    if (this.blankRanges.length > 0 && this.isBlankRow(r, c)) return null;
    const values = this.values;
    const indexes = this.cellParams;
    for (let k = 0; k < indexes.length; k++) {
      const i = indexes[k];
      const param = this.params[i] as CellParam<unknown>;
      const raw = this.raw(i, r, c);
      let value: unknown;
      if (isBlank(raw)) value = null;
      else {
        const memo = this.memos[i];
        if (memo !== null && typeof raw === "string") {
          value = memo.get(raw);
          if (value === undefined) {
            value = param.read(raw, this.model);
            memo.set(raw, value);
          }
        } else value = param.read(raw, this.model);
      }
      if (value === null) {
        if (param.blank === SKIP) return null;
        value = param.blank;
      }
      if (value instanceof CsError) {
        const grid = this.grids[i];
        return grid === null ? value : locate(value, param.name, grid, r, c, this.shape);
      }
      values[i] = value;
    }
    return READY;
  }

  /** Output cell `part` of input cell (r, c), whose values read() has just read. */
  compute(r: number, c: number, part: number): Cell {
    const result = this.declaration.compute(this.values as Values<P>, this.model, r, c, part);
    if (!(result instanceof CsError) || this.errorsAt === -1) return result;
    if (this.errorsAt === -2) {
      const { rows, cols } = this.shape;
      return rows === 1 && cols === 1
        ? result
        : Errors.atPosition(result, `${shapePosition(this.shape, r, c)} of the range`);
    }
    const grid = this.grids[this.errorsAt];
    return grid === null
      ? result
      : locate(result, this.params[this.errorsAt].name, grid, r, c, this.shape);
  }
}
