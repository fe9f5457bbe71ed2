/**
 * The task pane. It shares its page (and JavaScript runtime) with the CS.*
 * functions, whose bundle is loaded and registered before this one (see
 * webpack.config.js). On start it reads the workbook's assumptions and hands
 * them to the functions, which wait for them; then it draws the editor.
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
import { AssumptionsPane } from "./pane";
import { excelJobs } from "./excel-jobs";
import { WorkbookActions } from "./workbook-actions";

async function start(inExcel: boolean): Promise<void> {
  const backend = inExcel ? excelBackend((batch) => Excel.run(batch)) : pageBackend();
  const runtime = checkedRuntime();
  const controller = new PaneController(backend, runtime);
  await controller.start();
  new AssumptionsPane(controller).mount();
  for (const id of ["scenario-bar", "editor", "actions"]) byId(id).hidden = false;
  byId("loading").hidden = true;
  byId("app").setAttribute("aria-busy", "false");
  // Outside Excel there is no workbook to build in: the buttons stay hidden.
  if (inExcel) {
    new WorkbookActions(excelJobs((batch) => Excel.run(batch), controller, runtime)).mount();
    byId("workbook-actions").hidden = false;
  }
}

setTheme(webLightTheme);
Office.onReady((info) => {
  void start(info.host === Office.HostType.Excel);
});
