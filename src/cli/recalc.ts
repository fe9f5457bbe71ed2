/**
 * `cs-coverage recalc IN.xlsx [-o OUT.xlsx]`: recomputes the CS formulas of
 * a workbook in the engine and writes their refreshed cached values
 * (CLI.md). CS calls are read in both spellings (_xldudf_CS_TIER as Excel
 * saves them, CS.TIER as typed) and written back as they were.
 *
 * Formulas that depend on CS results (a SUM of a CS.TIER column's counts, a
 * share of two plan cells) are refreshed too, or they would show stale
 * numbers next to fresh ones; a formula the engine does not know (#NAME? in
 * the engine) keeps the value Excel saved. Everything else (values, formats,
 * tables, sheet order) is left as it was. The workbook passes through
 * ExcelJS, which does not keep charts, pivot tables or slicers: a workbook
 * that has them should be recalculated in Excel instead.
 */
import { promises as fs } from "fs";
import path from "path";
import ExcelJS from "exceljs";
import { Assumptions } from "../core/assumptions/types";
import { excelSerialFromDate } from "../core/dates";
import { fmt } from "../core/errors";
import { Catalog } from "../engine/catalog";
import { CsWorkbookEngine, EngineScalar, SheetInput, WorkbookInput } from "../engine/engine";
import { fromFileFormula, hasCsCall } from "../plan/file-formulas";
import { formulaResult } from "./xlsx-rows";
import { toEngineInput } from "./data";

export class RecalcError extends Error {}

export interface RecalcResult {
  /** CS formulas recomputed. */
  csFormulas: number;
  /** Other formulas refreshed because the engine could compute them. */
  otherFormulas: number;
  /** Formulas the engine does not know, kept with the value Excel saved. */
  kept: number;
}

type FormulaCell = {
  sheet: string;
  row: number;
  col: number;
  cell: ExcelJS.Cell;
  isCs: boolean;
  /** The array formula's range (other cells hold its cached values). */
  array?: { rows: number; cols: number };
};

function plainOf(value: ExcelJS.CellValue): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return toEngineInput(value) as string;
  if (value instanceof Date) return excelSerialFromDate(value);
  const object = value as unknown as Record<string, unknown>;
  if (typeof object.error === "string") return object.error; // "#N/A" reads back as the error
  if (Array.isArray(object.richText))
    return `'${(object.richText as { text: string }[]).map((r) => r.text).join("")}`;
  if (typeof object.text === "string") return `'${object.text}`;
  if ("result" in object) return plainOf(object.result as ExcelJS.CellValue);
  return null;
}

function isFormulaValue(
  value: ExcelJS.CellValue
): value is ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue {
  return (
    typeof value === "object" && value !== null && ("formula" in value || "sharedFormula" in value)
  );
}

function decodeRange(ref: string): { rows: number; cols: number } | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/i.exec(ref);
  if (!m) return undefined;
  const col = (letters: string) =>
    letters
      .toUpperCase()
      .split("")
      .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { rows: Number(m[4]) - Number(m[2]) + 1, cols: col(m[3]) - col(m[1]) + 1 };
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  if (path.extname(file).toLowerCase() !== ".xlsx")
    throw new RecalcError(`${file}: recalc reads .xlsx workbooks`);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RecalcError(
      code === "ENOENT" ? `${file}: file not found` : `${file}: cannot be read (${code})`
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new RecalcError(`${file}: not a readable .xlsx workbook`);
  }
  return workbook;
}

export async function recalcWorkbook(
  file: string,
  output: string,
  assumptions: Assumptions,
  catalog: Catalog
): Promise<RecalcResult> {
  const workbook = await load(file);
  const sheets: WorkbookInput = {};
  const formulas: FormulaCell[] = [];
  workbook.eachSheet((ws) => {
    const grid: SheetInput = [];
    const covered = new Set<string>();
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const r = rowNumber - 1;
        const c = colNumber - 1;
        while (grid.length <= r) grid.push([]);
        const line = grid[r];
        while (line.length < c) line.push(null);
        const value = cell.value;
        if (isFormulaValue(value)) {
          const stored = cell.formula;
          const formula = fromFileFormula(stored);
          const isCs = hasCsCall(formula);
          const model = value as ExcelJS.CellFormulaValue & { shareType?: string; ref?: string };
          const array =
            model.shareType === "array" && model.ref ? decodeRange(model.ref) : undefined;
          if (array) {
            for (let dr = 0; dr < array.rows; dr++)
              for (let dc = 0; dc < array.cols; dc++)
                if (dr || dc) covered.add(`${r + dr}:${c + dc}`);
          }
          line[c] = `=${formula}`;
          formulas.push({
            sheet: ws.name,
            row: r,
            col: c,
            cell,
            isCs,
            ...(array ? { array } : {}),
          });
        } else line[c] = plainOf(value);
      });
    });
    // The other cells of an array formula hold its cached values: empty them so the engine can spill.
    for (const key of covered) {
      const [r, c] = key.split(":").map(Number);
      if (grid[r] !== undefined && c < grid[r].length) grid[r][c] = null;
    }
    sheets[ws.name] = grid;
  });
  const csCount = formulas.filter((f) => f.isCs).length;
  if (csCount === 0) throw new RecalcError(`${file}: has no CS formulas to recalculate`);

  const engine = new CsWorkbookEngine({ catalog, assumptions, sheets });
  const result: RecalcResult = { csFormulas: csCount, otherFormulas: 0, kept: 0 };
  try {
    for (const f of formulas) {
      const ws = workbook.getWorksheet(f.sheet)!;
      const block: EngineScalar[][] = f.array
        ? engine.values(f.sheet, f.row, f.col, f.array.rows, f.array.cols)
        : [[engine.value(f.sheet, f.row, f.col)]];
      const top = block[0][0];
      if (!f.isCs && top !== null && typeof top === "object" && top.error === "#NAME?") {
        result.kept++;
        continue;
      }
      if (!f.isCs) result.otherFormulas++;
      const current = f.cell.value as unknown as Record<string, unknown>;
      f.cell.value = { ...current, result: formulaResult(top) } as ExcelJS.CellValue;
      block.forEach((line, dr) =>
        line.forEach((value, dc) => {
          if (dr === 0 && dc === 0) return;
          const target = ws.getCell(f.row + dr + 1, f.col + dc + 1);
          target.value = formulaResult(value) ?? null;
        })
      );
    }
  } finally {
    engine.destroy();
  }
  const temporary = path.join(path.dirname(output), `.${path.basename(output)}.${process.pid}.tmp`);
  try {
    await workbook.xlsx.writeFile(temporary);
    await fs.rename(temporary, output);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RecalcError(`-o ${output}: cannot write there (${code ?? (error as Error).message})`);
  } finally {
    await fs.rm(temporary, { force: true });
  }
  return result;
}

export function renderRecalc(result: RecalcResult, output: string): string {
  const kept =
    result.kept > 0
      ? `; ${fmt(result.kept)} formulas the engine does not know kept their saved values`
      : "";
  return `Recalculated ${fmt(result.csFormulas)} CS formulas and ${fmt(result.otherFormulas)} formulas that use them; wrote ${output}${kept}`;
}
