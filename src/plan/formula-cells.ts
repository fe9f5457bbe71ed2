/**
 * What an .xlsx's formulas say about its cells, gathered as the sheet is
 * read (the values alone do not tell): which cells total their column (a
 * table's totals row without its label) and which formulas were saved
 * without a result (a file written by a program that does not calculate),
 * whose cells read as empty though they are not.
 */
import { totalsColumn } from "./furniture";

/** Cells by 0-based row and column. */
export interface CellSet {
  has(row: number, col: number): boolean;
}

/** Columns in a sheet (Excel's 16,384), to key a cell by one number. */
const SHEET_COLUMNS = 16_384;

class Cells implements CellSet {
  private readonly keys = new Set<number>();
  add(row: number, col: number): void {
    this.keys.add(row * SHEET_COLUMNS + col);
  }
  has(row: number, col: number): boolean {
    return this.keys.has(row * SHEET_COLUMNS + col);
  }
  clear(): void {
    this.keys.clear();
  }
  get size(): number {
    return this.keys.size;
  }
}

export class FormulaCells {
  /** Cells whose formula totals their column: their rows are total rows. */
  readonly totals = new Cells();
  /** Formula cells saved with no result: never calculated. */
  readonly uncalculated = new Cells();

  /** One formula cell: its text as stored (no "="; "" for a shared formula's later cells), and whether a result was saved. */
  seen(formula: string, row: number, col: number, calculated: boolean): void {
    if (totalsColumn(formula, col)) this.totals.add(row, col);
    if (!calculated) this.uncalculated.add(row, col);
  }

  /** Forgets every cell (another sheet is read). */
  clear(): void {
    this.totals.clear();
    this.uncalculated.clear();
  }
}
