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
import { findRuntime } from "../functions/runtime-bridge";
import { excelBackend, pageBackend } from "./backends";
import { PaneController } from "./controller";
import { byId } from "./dom";
import { AssumptionsPane } from "./pane";
import { recalculateCsFormulas } from "./recalc";

async function recalculate(button: HTMLButtonElement, status: HTMLElement): Promise<void> {
  button.disabled = true;
  status.textContent = "Recalculating…";
  try {
    const count = await Excel.run((context) => recalculateCsFormulas(context));
    status.textContent =
      count === 0
        ? "There are no CS formulas in this workbook."
        : `Recalculated ${count} CS formula${count === 1 ? "" : "s"}.`;
  } catch (error) {
    status.textContent = `Could not recalculate: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    button.disabled = false;
  }
}

async function start(inExcel: boolean): Promise<void> {
  const backend = inExcel ? excelBackend((batch) => Excel.run(batch)) : pageBackend();
  const controller = new PaneController(backend, findRuntime());
  await controller.start();
  new AssumptionsPane(controller).mount();
  for (const id of ["scenario-bar", "editor", "actions"]) byId(id).hidden = false;
  byId("loading").hidden = true;
  byId("app").setAttribute("aria-busy", "false");
  const button = byId<HTMLButtonElement>("recalc");
  if (inExcel) button.addEventListener("click", () => void recalculate(button, byId("status")));
  else byId("workbook-actions").hidden = true;
}

setTheme(webLightTheme);
Office.onReady((info) => {
  void start(info.host === Office.HostType.Excel);
});
