/**
 * The pane's two views, Plan and Assumptions, as tabs (WAI-ARIA tabs
 * pattern: arrow keys move between them, one tab stop).
 */
import { byId } from "./dom";

export type View = "plan" | "assumptions";
const VIEWS: View[] = ["plan", "assumptions"];

export function showView(view: View): void {
  for (const v of VIEWS) {
    const tab = byId(`tab-${v}`);
    const selected = v === view;
    tab.setAttribute("aria-selected", selected ? "true" : "false");
    tab.tabIndex = selected ? 0 : -1;
    byId(`view-${v}`).hidden = !selected;
  }
}

export function mountViews(): void {
  for (const v of VIEWS) byId(`tab-${v}`).addEventListener("click", () => showView(v));
  byId("views").addEventListener("keydown", (event) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const shown = VIEWS.filter((v) => !byId(`tab-${v}`).hidden);
    const at = shown.findIndex((v) => byId(`tab-${v}`).getAttribute("aria-selected") === "true");
    const next = shown[(at + (event.key === "ArrowRight" ? 1 : shown.length - 1)) % shown.length];
    showView(next);
    byId(`tab-${next}`).focus();
  });
}
