/**
 * The task pane. It shares its page (and JavaScript runtime) with the CS.*
 * functions, whose bundle is loaded and registered before this one (see
 * webpack.config.js). On start it reads the workbook's assumptions and hands
 * them to the functions, which wait for them; then it draws two views:
 * Plan (build the coverage plan; first in Excel) and Assumptions.
 */
import "@fluentui/web-components/accordion.js";
import "@fluentui/web-components/accordion-item.js";
import "@fluentui/web-components/button.js";
import "@fluentui/web-components/message-bar.js";
import { setTheme } from "@fluentui/web-components";
import { webLightTheme } from "@fluentui/tokens";
import { checkedRuntime } from "./runtime";
import { excelBackend, pageBackend } from "./backends";
import { PaneController } from "./controller";
import { byId } from "./dom";
import { AssumptionsPane, PlanState } from "./pane";
import { excelJobs } from "./excel-jobs";
import { showView, mountViews } from "./views";
import { WorkbookActions } from "./workbook-actions";

async function start(inExcel: boolean): Promise<void> {
  const backend = inExcel ? excelBackend((batch) => Excel.run(batch)) : pageBackend();
  const runtime = checkedRuntime();
  const controller = new PaneController(backend, runtime);
  await controller.start();
  const plan: PlanState = { acvs: null };
  new AssumptionsPane(controller, plan).mount();
  byId("loading").hidden = true;
  byId("views").hidden = false;
  mountViews();
  // Outside Excel there is no workbook to build in: the Plan view is not offered.
  if (inExcel) {
    new WorkbookActions(
      excelJobs((batch) => Excel.run(batch), controller, runtime),
      plan
    ).mount();
    showView("plan");
  } else {
    byId("tab-plan").hidden = true;
    showView("assumptions");
  }
  byId("app").setAttribute("aria-busy", "false");
}

setTheme(webLightTheme);
Office.onReady((info) => {
  void start(info.host === Office.HostType.Excel);
});
