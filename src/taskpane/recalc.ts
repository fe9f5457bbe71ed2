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
 * formula on every platform. It touches only the CS cells and happens in one
 * batch, after all reads, so a failure (say, a protected sheet or part of a
 * legacy array formula) leaves the workbook as it was.
 */

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

/**
 * Re-enters, on every worksheet, the formula `rewrite` gives for each cell
 * (from its formula, and its value when `withValues`), or leaves the cell
 * when it gives null. One batch loads every sheet's used range, one writes;
 * a failure (a protected sheet, part of a legacy array formula) leaves the
 * workbook as it was. Returns how many formulas were re-entered.
 */
export async function reenterFormulas(
  context: Excel.RequestContext,
  rewrite: (formula: unknown, value: unknown) => string | null,
  withValues = false
): Promise<number> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();

  // valuesOnly = false: the used range as Excel tracks it, formatted cells included.
  const usedRanges = sheets.items.map((sheet) => {
    const range = sheet.getUsedRange(false);
    range.load(withValues ? "formulas, values" : "formulas");
    return range;
  });
  await context.sync();

  let found = 0;
  for (const range of usedRanges) {
    const formulas: unknown[][] = range.formulas;
    const values: unknown[][] | undefined = withValues ? range.values : undefined;
    const rewritten = formulas.map((line, r) =>
      line.map((formula, c) => rewrite(formula, values?.[r]?.[c]))
    );
    for (const run of csFormulaRuns(rewritten)) {
      // One write per vertical run: a column of 100,000 =CS.TIER cells is one
      // range update, not 100,000 (no Excel API call per cell).
      const cells = range.getCell(run.row, run.col).getResizedRange(run.formulas.length - 1, 0);
      cells.formulas = run.formulas.map((formula) => [formula]);
      found += run.formulas.length;
    }
  }
  if (found > 0) await context.sync();
  return found;
}

/**
 * Writes every formula that calls a CS.* function back to its cell, which
 * makes Excel evaluate it again. Returns how many CS formulas it found.
 */
export function recalculateCsFormulas(context: Excel.RequestContext): Promise<number> {
  return reenterFormulas(context, (formula) => (isCsFormula(formula) ? formula : null));
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
