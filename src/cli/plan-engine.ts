/**
 * The cached values of a plan workbook, computed by the CS functions (the
 * same code Excel runs). The accounts table's formula columns (Tier,
 * Segment, Coverage model) call the function once over the whole column, as
 * one range: the functions are element-wise, so each row gets exactly what
 * its own =CS.TIER(…) returns, at a fraction of the cost of 100,000 engine
 * formulas. The owner totals of the CS Books sheet (COUNTIF, SUMIF and
 * COUNTIFS by owner) are counted in one pass over the accounts, because the
 * engine scans every row once per criterion (about 0.1 s per formula over
 * 100,000 rows); a test checks them against the engine on a small export.
 * The CS functions over whole columns (CS.COVERAGE_PLAN of the ACVs,
 * CS.COVERAGE_QUALITY) are called once on the columns already computed here,
 * through the engine's own calling code (callAsFormula), and their results
 * go into the engine as the cells' values: a copy of a million-row accounts
 * sheet in the engine took gigabytes. Every other formula of the layout is
 * evaluated as written by the engine (HyperFormula), whose accounts sheet is
 * left empty (ROWS of its ranges needs only their addresses); a test checks
 * every cached value against a recalculation by the engine over the full sheet.
 */
import { Assumptions } from "../core/assumptions/types";
import { CsError } from "../core/errors";
import { Catalog } from "../engine/catalog";
import {
  CsWorkbookEngine,
  EngineScalar,
  SheetInput,
  toExactScalar,
  toScalar as toShownScalar,
  WorkbookInput,
} from "../engine/engine";
import { callAsFormula, ExcelArgumentValue } from "../engine/plugin";
import { useAssumptions } from "../functions/host";
import { implementations } from "../functions/registry";
import {
  CellValue,
  ColumnCall,
  LayoutSheet,
  LayoutTable,
  OwnerAggregate,
  ownerKey,
  PlanInput,
  PlanLayout,
  SHEETS,
} from "../plan/layout";
import { SheetCell, toEngineInput } from "./data";

function engineCell(value: CellValue | undefined): SheetCell {
  if (value === undefined) return null;
  return toEngineInput(value);
}

/** Cells computed outside the engine, by sheet and "row,col": their values as the engine shows them. */
type DirectValues = Map<string, Map<string, EngineScalar>>;

/** Puts one input cell on a grid (0-based), growing it as needed. */
function place(grid: SheetInput, row: number, col: number, cell: SheetCell): void {
  while (grid.length <= row) grid.push([]);
  const line = grid[row];
  while (line.length < col) line.push(null);
  line[col] = cell;
}

/**
 * A small sheet: its cells placed on a grid, formulas with "=", text quoted
 * for the engine. An owner total (COUNTIF/SUMIF/COUNTIFS by owner) goes in
 * as its value, computed by `aggregate`; a CS call over whole columns as the
 * values of its cells (its spill), computed by `columnCall` and also kept in
 * `direct`. The formulas that use them are the engine's.
 */
function gridOf(
  sheet: LayoutSheet,
  aggregate: (a: OwnerAggregate) => number,
  columnCall: (call: ColumnCall, sheet: LayoutSheet) => EngineScalar[][],
  direct: DirectValues
): SheetInput {
  const grid: SheetInput = [];
  const calls: { row: number; col: number; call: ColumnCall }[] = [];
  for (const cell of sheet.cells) {
    if (cell.columnCall !== undefined) {
      calls.push({ row: cell.row, col: cell.col, call: cell.columnCall });
      continue;
    }
    place(
      grid,
      cell.row,
      cell.col,
      cell.aggregate !== undefined
        ? aggregate(cell.aggregate)
        : cell.formula !== undefined
          ? `=${cell.formula}`
          : engineCell(cell.value)
    );
  }
  const shown = new Map<string, EngineScalar>();
  for (const { row, col, call } of calls) {
    const block = columnCall(call, sheet);
    block.forEach((line, r) =>
      line.forEach((value, c) => {
        // The layout never puts a cell where a spill lands (the engine would show #SPILL!).
        if ((grid[row + r]?.[col + c] ?? null) !== null || shown.has(`${row + r},${col + c}`))
          throw new Error(`${sheet.name}: a cell is in the way of the ${call.fn} spill.`);
        place(grid, row + r, col + c, asInput(value));
        shown.set(
          `${row + r},${col + c}`,
          typeof value === "number" ? toShownScalar(value) : value
        );
      })
    );
  }
  direct.set(sheet.name, shown);
  return grid;
}

interface OwnerTotals {
  count: number;
  arr: number;
  segments: Map<string, number>;
}

/**
 * The accounts, count and ARR of each owner and their accounts per segment,
 * in one pass in row order: what COUNTIF, SUMIF and COUNTIFS return for an
 * owner name matched literally (case-insensitive, as the layout's criteria are written).
 */
function ownerTotals(
  input: PlanInput,
  segments: EngineScalar[] | undefined
): (a: OwnerAggregate) => number {
  const totals = new Map<string, OwnerTotals>();
  const column = input.columns.owner;
  if (column !== null) {
    input.accounts.rows.forEach((r, i) => {
      const key = ownerKey(input.rows[r][column] ?? null);
      let t = totals.get(key);
      if (t === undefined) totals.set(key, (t = { count: 0, arr: 0, segments: new Map() }));
      t.count++;
      t.arr += input.accounts.acv[i];
      const segment = segments?.[i];
      if (typeof segment === "string") {
        const s = segment.toLowerCase();
        t.segments.set(s, (t.segments.get(s) ?? 0) + 1);
      }
    });
  }
  return (a) => {
    const t = totals.get(ownerKey(a.owner));
    if (t === undefined) return 0;
    if (a.kind === "count") return t.count;
    if (a.kind === "arr") return t.arr;
    return t.segments.get(a.segment.toLowerCase()) ?? 0;
  };
}

/** What a function returned for one cell, as the engine reports values. */
function toScalar(value: unknown): EngineScalar {
  if (value instanceof CsError) return { error: value.code, message: value.message };
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  return { error: "#VALUE!", message: "The function returned a value it cannot show." };
}

/** A computed value as an engine input cell (errors as their code, which the engine reads as that error). */
function asInput(value: EngineScalar): SheetCell {
  if (value !== null && typeof value === "object") return value.error;
  return toEngineInput(value);
}

/** Rows per call of a table column's function: small enough that its arguments and results die young. */
const CHUNK_ROWS = 8192;

/**
 * One-cell rows of a column argument, one (frozen) row per distinct value:
 * a million-row column is a million rows of the same few tiers or thousands
 * of amounts, and a million new one-element arrays are tens of MiB alive at
 * once. Errors (objects) and values past the bound get rows of their own.
 */
function oneCellRows<V>(): (value: V) => readonly V[] {
  const rows = new Map<V, readonly V[]>();
  return (value) => {
    if (value !== null && typeof value === "object") return [value];
    let row = rows.get(value);
    if (row === undefined) {
      row = Object.freeze([value]);
      if (rows.size < 65_536) rows.set(value, row);
    }
    return row;
  };
}

/**
 * Computes the table's formula columns in order (Segment reads Tier), each
 * by calls of its CS function over the argument column, a chunk of rows at
 * a time (the functions are element-wise, so a row's value does not depend
 * on the chunk; whole-column argument arrays of a million rows would sit in
 * memory as garbage).
 */
function computeTableColumns(
  table: LayoutTable,
  input: PlanInput,
  catalog: Catalog
): Map<number, EngineScalar[]> {
  const functionNames = new Map(catalog.associate.map((a) => [a.id, a.functionName]));
  const computed = new Map<number, EngineScalar[]>();
  const acvCol = table.columns.findIndex((c) => c.kind === "acv");
  const n = table.rowCount;
  table.columns.forEach((column, index) => {
    if (column.kind !== "formula") return;
    const implementation = implementations[functionNames.get(column.fn) ?? ""];
    if (implementation === undefined) throw new Error(`CS.${column.fn} is not in the catalog.`);
    const source = column.argColumn === acvCol ? null : (computed.get(column.argColumn) ?? []);
    const values: EngineScalar[] = new Array(n);
    const rowOf = oneCellRows<unknown>();
    for (let start = 0; start < n; start += CHUNK_ROWS) {
      const end = Math.min(n, start + CHUNK_ROWS);
      const argument: (readonly unknown[])[] = new Array(end - start);
      for (let i = start; i < end; i++) {
        const v = source === null ? input.accounts.acv[i] : source[i];
        argument[i - start] = rowOf(v !== null && typeof v === "object" ? null : v);
      }
      const result = implementation(argument) as unknown[][];
      // One value for many rows is a lone error (e.g. unusable assumptions): it holds for every row.
      const lone = result.length === 1 && end - start > 1 ? toScalar(result[0][0]) : undefined;
      for (let i = start; i < end; i++)
        values[i] = lone !== undefined ? lone : toScalar(result[i - start][0]);
    }
    computed.set(index, values);
  });
  return computed;
}

/** A computed cell as the engine hands it to a function: an error typed into a cell has its code and no message. */
function asArgument(value: EngineScalar): ExcelArgumentValue {
  if (value !== null && typeof value === "object") return { code: value.error, message: "" };
  return value;
}

/**
 * Calls a CS function over whole columns of the accounts table, as the
 * engine would for the formula over that table: each column's cells as the
 * engine holds them (the export's values, the ACV read, the formula
 * columns' results), a cell of the same sheet as its value.
 */
function columnCaller(
  table: LayoutTable,
  input: PlanInput,
  computed: Map<number, EngineScalar[]>,
  catalog: Catalog
): (call: ColumnCall, sheet: LayoutSheet) => EngineScalar[][] {
  const column = (index: number): (readonly ExcelArgumentValue[])[] => {
    const spec = table.columns[index];
    if (spec === undefined) throw new Error(`The accounts table has no column ${index}.`);
    const rowOf = oneCellRows<ExcelArgumentValue>();
    if (spec.kind === "acv") return Array.from(input.accounts.acv, (acv) => rowOf(acv));
    if (spec.kind === "formula")
      return (computed.get(index) ?? []).map((v) => rowOf(asArgument(v)));
    if (spec.kind === "computed")
      return Array.from({ length: input.accounts.rows.length }, (_, a) => rowOf(spec.value(a)));
    return Array.from(input.accounts.rows, (r) => rowOf(input.rows[r][spec.index] ?? null));
  };
  return (call, sheet) => {
    const args = call.args.map((arg) => {
      if ("column" in arg) return column(arg.column);
      const cell = sheet.cells.find((c) => c.row === arg.cell.row && c.col === arg.cell.col);
      if (cell?.formula !== undefined)
        throw new Error(`CS.${call.fn} may read value cells only, not a formula.`);
      return [[cell?.value ?? null]];
    });
    return callAsFormula(catalog, call.fn, args).map((line) => line.map(toExactScalar));
  };
}

export interface PlanValues {
  /** A cell's computed value (0-based) on a layout sheet. */
  value(sheet: string, row: number, col: number): EngineScalar;
  block(sheet: string, row: number, col: number, rows: number, cols: number): EngineScalar[][];
  /** The computed values of one formula column of the accounts table, row by row. */
  tableColumn(col: number): EngineScalar[];
  destroy(): void;
}

export function computePlanValues(
  layout: PlanLayout,
  input: PlanInput,
  catalog: Catalog,
  assumptions: Assumptions
): PlanValues {
  const accounts = layout.sheets.find((s) => s.name === SHEETS.accounts)?.table;
  if (accounts === undefined) throw new Error("The layout has no accounts table.");
  useAssumptions(assumptions);
  const computed = computeTableColumns(accounts, input, catalog);
  const segmentCol = accounts.columns.findIndex((c) => c.kind === "formula" && c.fn === "SEGMENT");
  const aggregate = ownerTotals(input, computed.get(segmentCol));
  const columnCall = columnCaller(accounts, input, computed, catalog);
  const direct: DirectValues = new Map();
  const sheets: WorkbookInput = {};
  const formulas = layout.sheets.flatMap((sheet) =>
    sheet.cells.flatMap((cell) => (cell.formula === undefined ? [] : [cell.formula]))
  );
  for (const sheet of layout.sheets) {
    // The accounts sheet stays empty: no formula the engine evaluates reads its cells. So does
    // a sheet of values only that no formula names (the skipped rows: tens of thousands of cells).
    const valuesOnly =
      sheet.cells.every((cell) => cell.formula === undefined) &&
      !formulas.some((formula) => formula.includes(sheet.name));
    sheets[sheet.name] =
      sheet.name === SHEETS.accounts || valuesOnly
        ? []
        : gridOf(sheet, aggregate, columnCall, direct);
  }
  const engine = new CsWorkbookEngine({ catalog, assumptions, sheets });
  const value = (sheet: string, row: number, col: number): EngineScalar => {
    const shown = direct.get(sheet)?.get(`${row},${col}`);
    return shown !== undefined ? shown : engine.value(sheet, row, col);
  };
  return {
    value,
    block: (sheet, row, col, r, c) =>
      Array.from({ length: r }, (_, i) =>
        Array.from({ length: c }, (_, j) => value(sheet, row + i, col + j))
      ),
    tableColumn: (col) => computed.get(col) ?? [],
    destroy: () => engine.destroy(),
  };
}
