/**
 * The cached values of a plan workbook, computed by the CS functions in the
 * engine (the same code Excel runs). The accounts sheet's formula columns are
 * computed as one spill each (CS.TIER over the whole ACV column), which gives
 * for every row exactly what the row's own =CS.TIER(…) returns: the functions
 * are element-wise. Everything else is the layout's formulas as written.
 */
import { Assumptions } from "../core/assumptions/types";
import { Catalog } from "../engine/catalog";
import { CsWorkbookEngine, EngineScalar, SheetInput, WorkbookInput } from "../engine/engine";
import { CellValue, LayoutSheet, PlanInput, PlanLayout, SHEETS } from "../plan/layout";
import { SheetCell, toEngineInput } from "./data";

function engineCell(value: CellValue | undefined): SheetCell {
  if (value === undefined) return null;
  return toEngineInput(value);
}

/** A small sheet: its cells placed on a grid, formulas with "=", text quoted for the engine. */
function gridOf(sheet: LayoutSheet): SheetInput {
  const grid: SheetInput = [];
  for (const cell of sheet.cells) {
    while (grid.length <= cell.row) grid.push([]);
    const line = grid[cell.row];
    while (line.length < cell.col) line.push(null);
    line[cell.col] = cell.formula !== undefined ? `=${cell.formula}` : engineCell(cell.value);
  }
  return grid;
}

/** The accounts sheet as the engine needs it: the ACV read, owner and activity columns, and the formula columns as spills. */
function accountsGrid(sheet: LayoutSheet, input: PlanInput): SheetInput {
  const table = sheet.table;
  if (table === undefined) return [];
  const n = table.rowCount;
  const width = table.columns.length;
  const needed = new Set<number>(
    [input.columns.owner, input.columns.lastActivity].filter((c): c is number => c !== null)
  );
  const grid: SheetInput = new Array(n + 1);
  grid[0] = [];
  const acvCol = table.columns.findIndex((c) => c.kind === "acv");
  for (let i = 0; i < n; i++) {
    const line: SheetCell[] = new Array(width).fill(null);
    const source = input.rows[input.accounts.rows[i]];
    for (const c of needed) line[c] = toEngineInput(source[c] ?? null);
    line[acvCol] = input.accounts.acv[i];
    grid[i + 1] = line;
  }
  table.columns.forEach((column, c) => {
    if (column.kind === "formula" && n > 0) grid[1][c] = `=${column.whole}`;
  });
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
  const sheets: WorkbookInput = {};
  for (const sheet of layout.sheets) {
    sheets[sheet.name] =
      sheet.name === SHEETS.accounts ? accountsGrid(sheet, input) : gridOf(sheet);
  }
  const engine = new CsWorkbookEngine({ catalog, assumptions, sheets });
  const rows = input.accounts.rows.length;
  return {
    value: (sheet, row, col) => engine.value(sheet, row, col),
    block: (sheet, row, col, r, c) => engine.values(sheet, row, col, r, c),
    tableColumn: (col) =>
      rows === 0 ? [] : engine.values(SHEETS.accounts, 1, col, rows, 1).map((line) => line[0]),
    destroy: () => engine.destroy(),
  };
}
