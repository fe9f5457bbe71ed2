/**
 * Forcing the CS.* custom functions to run again, e.g. after the workbook's
 * assumptions change in a way Excel cannot see as a cell dependency.
 *
 * Why formulas are written back rather than calling
 * `context.workbook.application.calculate(Excel.CalculationType.full)`:
 * the reference says a full calculation marks every cell dirty, but Microsoft's
 * own issue tracker records that JavaScript custom functions are not reliably
 * re-invoked by it: "Custom functions doesn't recalculate on Formulas ->
 * Calculate Now" (OfficeDev/office-js#1462), Ctrl+Alt+Shift+F9 sometimes not
 * calling them (#4214), and in 2026 the team called the inability to force
 * re-evaluation of custom functions "a limitation of the platform" (#6545);
 * a later note (#6575) says an API for it shipped, but @types/office-js has none.
 * Writing a cell's formula back is an edit, and Excel evaluates an edited
 * formula on every platform. It touches only the CS cells.
 */
import { GridProperty, readRowChunks, splitByBytes, WriteBatch } from "./excel-limits";

/** A call into the CS namespace: "CS." then a name then "(". */
const CS_CALL = /(^|[^A-Za-z0-9_.])CS\.[A-Za-z_][A-Za-z0-9_.]*\(/i;

/**
 * Whether a cell's formula (as `Range.formulas` reports it) calls a CS.*
 * function. Text in double quotes and quoted sheet names are ignored, so
 * `="CS.TIER("` or `='CS.Plan (old)'!A1` do not count. Constants, and the
 * cells of a spilled range below its anchor, are values, not formulas.
 */
export function isCsFormula(formula: unknown): formula is string {
  if (typeof formula !== "string" || !formula.startsWith("=")) return false;
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'/g, "''");
  return CS_CALL.test(code);
}

/** Called after each chunk of rows: rows looked at so far, and the rows of every sheet's used range. */
export type RowProgress = (done: number, total: number) => void;

/**
 * Re-enters, on every worksheet, the formula `rewrite` gives for each cell
 * (from its formula, and its value when `withValues`), or leaves the cell
 * when it gives null. Returns how many formulas were re-entered.
 *
 * Each sheet's used range is read a chunk of rows at a time and each
 * chunk's re-entries written before the next is read, every batch within
 * Excel on the web's limits (excel-limits.ts): a 100,000-row sheet in one
 * batch would be refused. A failure part way (a protected sheet, part of a
 * legacy array formula) leaves the chunks before it done: re-entering a
 * formula as it was changes nothing but its freshness, and Repair run again
 * finds only what is left.
 */
export async function reenterFormulas(
  context: Excel.RequestContext,
  rewrite: (formula: unknown, value: unknown) => string | null,
  withValues = false,
  onProgress?: RowProgress
): Promise<number> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();

  // valuesOnly = false: the used range as Excel tracks it, formatted cells included.
  const used = sheets.items.map((sheet) => {
    const range = sheet.getUsedRangeOrNullObject(false);
    range.load("rowIndex, columnIndex, rowCount, columnCount");
    return { sheet, range };
  });
  await context.sync();
  const areas = used.filter(({ range }) => !range.isNullObject);
  const total = areas.reduce((sum, { range }) => sum + range.rowCount, 0);

  const properties: GridProperty[] = withValues ? ["formulas", "values"] : ["formulas"];
  const writes = new WriteBatch(context);
  let found = 0;
  let done = 0;
  for (const { sheet, range } of areas) {
    const top = range.rowIndex;
    const left = range.columnIndex;
    const area = {
      rows: range.rowCount,
      cols: range.columnCount,
      range: (start: number, count: number) =>
        sheet.getRangeByIndexes(top + start, left, count, range.columnCount),
    };
    await readRowChunks(context, area, properties, async (start, [formulas, values]) => {
      const rewritten = formulas.map((line, r) =>
        line.map((formula, c) => rewrite(formula, values?.[r]?.[c]))
      );
      for (const run of csFormulaRuns(rewritten)) {
        // One write per vertical run (a column of =CS.TIER cells is one range update, not one
        // per cell), split where a run alone would exceed the batch budget.
        for (const piece of splitByBytes(run.formulas)) {
          await writes.add(piece.bytes, () => {
            sheet.getRangeByIndexes(
              top + start + run.row + piece.offset,
              left + run.col,
              piece.items.length,
              1
            ).formulas = piece.items.map((formula) => [formula]);
          });
          found += piece.items.length;
        }
      }
      // The chunk's writes go before the next read: one batch never carries both.
      await writes.flush();
      done += formulas.length;
      onProgress?.(done, total);
    });
  }
  return found;
}

/**
 * Writes every formula that calls a CS.* function back to its cell, which
 * makes Excel evaluate it again. Returns how many CS formulas it found.
 */
export function recalculateCsFormulas(
  context: Excel.RequestContext,
  onProgress?: RowProgress
): Promise<number> {
  return reenterFormulas(
    context,
    (formula) => (isCsFormula(formula) ? formula : null),
    false,
    onProgress
  );
}

/** A vertical run of CS formulas in one column of a used range: where it starts and its formulas. */
export interface FormulaRun {
  row: number;
  col: number;
  formulas: string[];
}

/** The CS formulas of a grid of formulas, grouped into vertical runs, column by column. */
export function csFormulaRuns(formulas: unknown[][]): FormulaRun[] {
  const runs: FormulaRun[] = [];
  const width = formulas.reduce((max, row) => Math.max(max, row.length), 0);
  for (let col = 0; col < width; col++) {
    let run: FormulaRun | null = null;
    for (let row = 0; row < formulas.length; row++) {
      const formula = formulas[row][col];
      if (!isCsFormula(formula)) {
        run = null;
        continue;
      }
      if (run === null) {
        run = { row, col, formulas: [] };
        runs.push(run);
      }
      run.formulas.push(formula);
    }
  }
  return runs;
}
