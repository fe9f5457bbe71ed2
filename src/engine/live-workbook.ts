/**
 * A whole workbook held in the engine for `recalc`: its sheets, its defined
 * names (workbook and sheet scope) as named expressions, Excel's TRUE and
 * FALSE, and the questions recalc asks of it (which formulas depend on a CS
 * cell, a cell's value, replacing a formula by the value Excel saved).
 */
import { HyperFormula, RawCellContent, SimpleCellAddress, SimpleCellRange } from "hyperformula";
import { Assumptions } from "../core/assumptions/types";
import { useAssumptions } from "../functions/host";
import { Catalog } from "./catalog";
import { EngineScalar, EXCEL_COMPATIBLE_CONFIG, EXCEL_CONSTANTS, toScalar } from "./engine";
import { registerCsFunctions } from "./plugin";

export interface NamedFormula {
  name: string;
  /** "=Sheet1!$A$1:$A$9", already in the engine's syntax. */
  expression: string;
  /** The sheet of a sheet-level name. */
  sheet?: string;
}

export interface CellAt {
  sheet: string;
  /** 0-based. */
  row: number;
  col: number;
}

export class LiveWorkbook {
  private readonly hf: HyperFormula;
  private readonly ids = new Map<string, number>();
  private readonly names = new Map<number, string>();
  /** Names the engine could not take (their formulas then show #NAME? and keep their saved values). */
  readonly skippedNames: string[] = [];

  constructor(options: {
    catalog: Catalog;
    assumptions: Assumptions;
    sheets: readonly string[];
    names: readonly NamedFormula[];
  }) {
    registerCsFunctions(options.catalog);
    useAssumptions(options.assumptions);
    this.hf = HyperFormula.buildEmpty(EXCEL_COMPATIBLE_CONFIG);
    for (const sheet of options.sheets) {
      const added = this.hf.addSheet(sheet);
      const id = this.hf.getSheetId(added)!;
      this.ids.set(sheet, id);
      this.names.set(id, sheet);
    }
    for (const constant of EXCEL_CONSTANTS)
      this.hf.addNamedExpression(constant.name, constant.expression);
    for (const name of options.names) {
      const scope = name.sheet === undefined ? undefined : this.ids.get(name.sheet);
      // A name of a chart sheet's scope is not for formulas of the worksheets.
      if (name.sheet !== undefined && scope === undefined) {
        this.skippedNames.push(name.name);
        continue;
      }
      try {
        if (!this.hf.isItPossibleToAddNamedExpression(name.name, name.expression, scope))
          throw new Error("not possible");
        this.hf.addNamedExpression(name.name, name.expression, scope);
      } catch {
        this.skippedNames.push(name.name);
      }
    }
  }

  private id(sheet: string): number {
    const id = this.ids.get(sheet);
    if (id === undefined) throw new Error(`The engine has no sheet ${sheet}.`);
    return id;
  }

  private address(cell: CellAt): SimpleCellAddress {
    return { sheet: this.id(cell.sheet), row: cell.row, col: cell.col };
  }

  setSheets(content: ReadonlyMap<string, RawCellContent[][]>): void {
    this.hf.batch(() => {
      for (const [sheet, rows] of content) this.hf.setSheetContent(this.id(sheet), rows);
    });
  }

  /** Replaces cells' contents in one recalculation. */
  setCells(cells: readonly { at: CellAt; content: RawCellContent }[]): void {
    if (cells.length === 0) return;
    this.hf.batch(() => {
      for (const { at, content } of cells) this.hf.setCellContents(this.address(at), content);
    });
  }

  /** Every cell whose value depends, directly or through other cells and names, on the seeds. */
  dependents(seeds: readonly CellAt[]): CellAt[] {
    const seen = new Set<string>();
    const found: CellAt[] = [];
    const queue: (SimpleCellAddress | SimpleCellRange)[] = seeds.map((s) => this.address(s));
    const key = (a: SimpleCellAddress | SimpleCellRange) =>
      "start" in a
        ? `${a.start.sheet}:${a.start.row}:${a.start.col}:${a.end.row}:${a.end.col}`
        : `${a.sheet}:${a.row}:${a.col}`;
    while (queue.length > 0) {
      const next = queue.pop()!;
      let dependents: (SimpleCellAddress | SimpleCellRange)[];
      try {
        dependents = this.hf.getCellDependents(next);
      } catch {
        continue;
      }
      for (const d of dependents) {
        const k = key(d);
        if (seen.has(k)) continue;
        seen.add(k);
        queue.push(d);
        if (!("start" in d)) {
          const sheet = this.names.get(d.sheet);
          if (sheet !== undefined) found.push({ sheet, row: d.row, col: d.col });
        }
      }
    }
    return found;
  }

  /** The functions the engine computes (upper case), its own and the CS ones. */
  functionNames(): Set<string> {
    const names = new Set(this.hf.getRegisteredFunctionNames().map((n) => n.toUpperCase()));
    // Read by the parser, not a registered function: a fixed-size OFFSET works, another is a parse error.
    names.add("OFFSET");
    return names;
  }

  /**
   * A defined name's value when it is one value (an error the engine met
   * computing it, a number...); undefined for a range, or a name it does not hold.
   */
  namedValue(name: string, sheet?: string): EngineScalar | undefined {
    const scope = sheet === undefined ? undefined : this.ids.get(sheet);
    if (sheet !== undefined && scope === undefined) return undefined;
    let value: unknown;
    try {
      value = this.hf.getNamedExpressionValue(name, scope);
    } catch {
      return undefined;
    }
    if (value === undefined || (typeof value === "object" && value !== null && "rawData" in value))
      return undefined;
    return toScalar(value);
  }

  value(cell: CellAt): EngineScalar {
    return toScalar(this.hf.getCellValue(this.address(cell)));
  }

  isPartOfArray(cell: CellAt): boolean {
    return this.hf.isCellPartOfArray(this.address(cell));
  }

  validateFormula(formula: string): boolean {
    return this.hf.validateFormula(formula);
  }

  destroy(): void {
    this.hf.destroy();
  }
}
