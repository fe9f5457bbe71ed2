/**
 * The task pane. It shares its page (and JavaScript runtime) with the CS.*
 * functions, whose bundle is loaded before this one (see webpack.config.js).
 */
import { recalculateCsFormulas } from "./recalc";

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`taskpane.html has no #${id}`);
  return element as T;
}

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

Office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) {
    byId("outside-excel").hidden = false;
    return;
  }
  byId("app").hidden = false;
  const button = byId<HTMLButtonElement>("recalc");
  const status = byId("status");
  button.addEventListener("click", () => {
    void recalculate(button, status);
  });
});
