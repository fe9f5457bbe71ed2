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
 * Every other formula of the layout is evaluated as written by the engine
 * (HyperFormula), over a copy of the accounts sheet that holds the columns
 * the plan refers to.
 */
import { Assumptions } from "../core/assumptions/types";
import { CsError } from "../core/errors";
import { Catalog } from "../engine/catalog";
import { CsWorkbookEngine, EngineScalar, SheetInput, WorkbookInput } from "../engine/engine";
import { useAssumptions } from "../functions/host";
import { implementations } from "../functions/registry";
import {
  CellValue,
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

/**
 * A small sheet: its cells placed on a grid, formulas with "=", text quoted
 * for the engine. An owner total (COUNTIF/SUMIF/COUNTIFS by owner) goes in
 * as its value, computed by `aggregate`; the formulas that use it are the engine's.
 */
function gridOf(sheet: LayoutSheet, aggregate: (a: OwnerAggregate) => number): SheetInput {
  const grid: SheetInput = [];
  for (const cell of sheet.cells) {
    while (grid.length <= cell.row) grid.push([]);
    const line = grid[cell.row];
    while (line.length < cell.col) line.push(null);
    line[cell.col] =
      cell.aggregate !== undefined
        ? aggregate(cell.aggregate)
        : cell.formula !== undefined
          ? `=${cell.formula}`
          : engineCell(cell.value);
  }
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

/**
 * Computes the table's formula columns in order (Segment reads Tier), each
 * by one call of its CS function over the whole argument column.
 */
function computeTableColumns(
  table: LayoutTable,
  input: PlanInput,
  catalog: Catalog
): Map<number, EngineScalar[]> {
  const functionNames = new Map(catalog.associate.map((a) => [a.id, a.functionName]));
  const computed = new Map<number, EngineScalar[]>();
  const acvCol = table.columns.findIndex((c) => c.kind === "acv");
  table.columns.forEach((column, index) => {
    if (column.kind !== "formula") return;
    const implementation = implementations[functionNames.get(column.fn) ?? ""];
    if (implementation === undefined) throw new Error(`CS.${column.fn} is not in the catalog.`);
    const argument: unknown[][] =
      column.argColumn === acvCol
        ? Array.from(input.accounts.acv, (acv) => [acv])
        : (computed.get(column.argColumn) ?? []).map((v) => [
            v !== null && typeof v === "object" ? null : v,
          ]);
    const result = implementation(argument) as unknown[][];
    computed.set(
      index,
      result.map((line) => toScalar(line[0]))
    );
  });
  return computed;
}

/** The accounts sheet as the engine needs it: the columns the plan's formulas refer to. */
function accountsGrid(
  table: LayoutTable,
  input: PlanInput,
  computed: Map<number, EngineScalar[]>
): SheetInput {
  const n = table.rowCount;
  const width = table.columns.length;
  const exportColumns = [input.columns.owner, input.columns.lastActivity].filter(
    (c): c is number => c !== null
  );
  const acvCol = table.columns.findIndex((c) => c.kind === "acv");
  const grid: SheetInput = new Array(n + 1);
  grid[0] = [];
  for (let i = 0; i < n; i++) {
    const line: SheetCell[] = new Array(width).fill(null);
    const source = input.rows[input.accounts.rows[i]];
    for (const c of exportColumns) line[c] = toEngineInput(source[c] ?? null);
    line[acvCol] = input.accounts.acv[i];
    for (const [c, values] of computed) line[c] = asInput(values[i]);
    grid[i + 1] = line;
  }
  return grid;
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
  const sheets: WorkbookInput = {};
  for (const sheet of layout.sheets) {
    sheets[sheet.name] =
      sheet.name === SHEETS.accounts
        ? accountsGrid(accounts, input, computed)
        : gridOf(sheet, aggregate);
  }
  const engine = new CsWorkbookEngine({ catalog, assumptions, sheets });
  return {
    value: (sheet, row, col) => engine.value(sheet, row, col),
    block: (sheet, row, col, r, c) => engine.values(sheet, row, col, r, c),
    tableColumn: (col) => computed.get(col) ?? [],
    destroy: () => engine.destroy(),
  };
}
