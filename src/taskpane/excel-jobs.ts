/**
 * The workbook buttons' jobs against Excel: each is one Excel batch run by
 * the given runner (Excel.run in the add-in, the fake workbook in tests).
 */
import { activeScenario } from "../core/assumptions/workbook-store";
import { PaneActionMessages } from "./messages";
import type { CsRuntime } from "../functions/runtime-bridge";
import { PLAN_SHEET_NAMES } from "../plan/layout";
import { WorkbookRunner } from "./backends";
import { buildCoveragePlan, repairCsFormulas } from "./build-plan";
import { PaneController } from "./controller";
import { readPlanAccounts } from "./plan-accounts";
import { recalculateCsFormulas } from "./recalc";
import { WorkbookJobs } from "./workbook-actions";

export function excelJobs(
  run: WorkbookRunner,
  controller: PaneController,
  runtime: CsRuntime | undefined
): WorkbookJobs {
  return {
    existingPlanSheets: () =>
      run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load("items/name");
        await context.sync();
        return sheets.items
          .map((sheet) => sheet.name)
          .filter((name) => PLAN_SHEET_NAMES.includes(name));
      }),
    buildPlan: (request) =>
      run((context) =>
        buildCoveragePlan(context, {
          // What the functions compute with, so the Assumptions sheet matches the formulas.
          assumptions:
            runtime?.currentAssumptions() ?? activeScenario(controller.store).assumptions,
          ...request,
        })
      ),
    planAccounts: () =>
      run((context) =>
        readPlanAccounts(
          context,
          (runtime?.currentAssumptions() ?? activeScenario(controller.store).assumptions).currency
        )
      ),
    assumptions: () =>
      runtime?.currentAssumptions() ?? activeScenario(controller.store).assumptions,
    activateSheet: (name) =>
      run(async (context) => {
        context.workbook.worksheets.getItem(name).activate();
        await context.sync();
      }),
    repair: (onProgress) => run((context) => repairCsFormulas(context, onProgress)),
    recalculate: (onProgress) => run((context) => recalculateCsFormulas(context, onProgress)),
    // Unreadable stored assumptions: every CS formula shows #N/A until the user applies good ones.
    blocked: () =>
      controller.original !== null && !controller.readOnly
        ? PaneActionMessages.storedAssumptionsUnusable()
        : null,
  };
}
