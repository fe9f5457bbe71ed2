/**
 * The scenario bar: pick the scenario in force, add one (a copy of the one
 * in force), rename it, remove it after a confirmation. Every change is
 * saved through the pane, which recalculates.
 */
import {
  activeScenario,
  addScenario,
  removeScenario,
  renameScenario,
  StoreChange,
  WorkbookStore,
} from "../core/assumptions/workbook-store";
import { PaneMessages } from "./messages";
import { PaneController } from "./controller";
import { byId, h, replaceChildren } from "./dom";
import { Feedback } from "./feedback";

export interface ScenarioHost {
  dirty(): boolean;
  save(change: StoreChange, done: string): Promise<void>;
}

/** Escape closes an inline form as its Cancel button would. */
export function cancelOnEscape(form: HTMLElement, cancel: () => void): void {
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !form.hidden) {
      event.preventDefault();
      cancel();
    }
  });
}

export class Scenarios {
  private mode: "new" | "rename" = "new";

  constructor(
    private readonly controller: PaneController,
    private readonly host: ScenarioHost,
    private readonly feedback: Feedback
  ) {}

  mount(): void {
    byId<HTMLSelectElement>("scenario").addEventListener("change", (e) => void this.switchTo(e));
    byId("scenario-new").addEventListener("click", () => this.openNameForm("new"));
    byId("scenario-rename").addEventListener("click", () => this.openNameForm("rename"));
    byId("scenario-remove").addEventListener("click", () => this.askRemove());
    byId("scenario-name-form").addEventListener("submit", (e) => void this.submitName(e));
    byId("scenario-name-ok").addEventListener("click", (e) => void this.submitName(e));
    byId("scenario-name-cancel").addEventListener("click", () => this.closeNameForm());
    cancelOnEscape(byId("scenario-name-form"), () => this.closeNameForm());
    byId("remove-question").addEventListener("submit", (e) => e.preventDefault());
    byId("remove-ok").addEventListener("click", () => void this.remove());
    byId("remove-cancel").addEventListener("click", () => this.closeRemove());
    cancelOnEscape(byId("remove-question"), () => this.closeRemove());
  }

  render(): void {
    const select = byId<HTMLSelectElement>("scenario");
    const store = this.controller.store;
    replaceChildren(select, ...store.scenarios.map((s) => h("option", { value: s.name }, s.name)));
    select.value = activeScenario(store).name;
    byId<HTMLButtonElement>("scenario-remove").disabled =
      this.controller.readOnly || store.scenarios.length < 2;
    for (const id of ["scenario-new", "scenario-rename"])
      byId<HTMLButtonElement>(id).disabled = this.controller.readOnly;
    select.disabled = this.controller.readOnly;
  }

  private async switchTo(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const name = select.value;
    if (this.host.dirty()) {
      select.value = activeScenario(this.controller.store).name;
      this.feedback.status(PaneMessages.applyFirst(), "warning");
      return;
    }
    const store: WorkbookStore = { ...this.controller.store, active: name };
    await this.host.save({ ok: true, store }, PaneMessages.switched(name));
  }

  private openNameForm(mode: "new" | "rename"): void {
    if (this.host.dirty() && mode === "new") {
      this.feedback.status(PaneMessages.applyFirst(), "warning");
      return;
    }
    this.mode = mode;
    byId("scenario-name-form").hidden = false;
    byId("scenario-name-label").textContent =
      mode === "new" ? PaneMessages.newScenarioLabel() : PaneMessages.renameLabel();
    const input = byId<HTMLInputElement>("scenario-name");
    input.value = mode === "rename" ? activeScenario(this.controller.store).name : "";
    byId("scenario-name-msg").textContent = "";
    input.focus();
  }

  private closeNameForm(): void {
    byId("scenario-name-form").hidden = true;
    byId("scenario").focus();
  }

  private async submitName(event: Event): Promise<void> {
    event.preventDefault();
    const name = byId<HTMLInputElement>("scenario-name").value;
    const store = this.controller.store;
    const change =
      this.mode === "new"
        ? addScenario(store, name, this.controller.assumptions)
        : renameScenario(store, activeScenario(store).name, name);
    if (!change.ok) {
      byId("scenario-name-msg").textContent = change.message;
      byId("scenario-name").setAttribute("aria-invalid", "true");
      return;
    }
    byId("scenario-name").setAttribute("aria-invalid", "false");
    byId("scenario-name-form").hidden = true;
    const done =
      this.mode === "new"
        ? PaneMessages.scenarioAdded(name.trim())
        : PaneMessages.scenarioRenamed(name.trim());
    await this.host.save(change, done);
  }

  /** Removing a scenario cannot be undone with Ctrl+Z: it asks first. */
  private askRemove(): void {
    const name = activeScenario(this.controller.store).name;
    byId("remove-question-text").textContent =
      `Remove scenario ${name}? Its assumptions are deleted from the workbook, and Ctrl+Z does not bring them back. Export it first to keep a copy.`;
    byId("remove-question").hidden = false;
    byId("remove-cancel").focus();
  }

  private closeRemove(): void {
    byId("remove-question").hidden = true;
    byId("scenario-remove").focus();
  }

  private async remove(): Promise<void> {
    byId("remove-question").hidden = true;
    const name = activeScenario(this.controller.store).name;
    await this.host.save(
      removeScenario(this.controller.store, name),
      PaneMessages.scenarioRemoved(name)
    );
    byId("scenario").focus();
  }
}
