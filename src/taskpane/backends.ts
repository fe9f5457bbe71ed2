/** Where the pane keeps the store: Excel's workbook settings, or (outside Office) this page. */
import { Backend } from "./controller";
import { recalculateCsFormulas } from "./recalc";
import { readStoredSetting, writeStoredSetting } from "./settings";

/** Runs a batch against the workbook: Excel.run in Excel, a mock context in tests. */
export type WorkbookRunner = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>
) => Promise<T>;

export function excelBackend(run: WorkbookRunner): Backend {
  return {
    where: "workbook",
    load: () => run((context) => readStoredSetting(context)),
    save: (text, keepOriginal) => run((context) => writeStoredSetting(context, text, keepOriginal)),
    recalculate: () => run((context) => recalculateCsFormulas(context)),
  };
}

/**
 * Outside Office (a browser preview of the pane, and the browser tests): the
 * store lives in this page only and there are no formulas to recalculate.
 */
export function pageBackend(initial: unknown = null): Backend & { saved: () => unknown } {
  let stored = initial;
  return {
    where: "page",
    load: async () => stored,
    save: async (text) => {
      stored = text;
    },
    recalculate: async () => 0,
    saved: () => stored,
  };
}
