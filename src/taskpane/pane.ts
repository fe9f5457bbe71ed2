/**
 * The Assumptions view: it owns the draft (the form, its preset, whether it
 * has unapplied edits) and Apply / Discard / Reset, and puts together the
 * editor (editor.ts), the scenario bar (scenarios.ts), import and export
 * (import-export.ts) and the feedback (feedback.ts). All state changes go
 * through the controller; the impact of a draft on the plan in the
 * workbook is computed by the core (impact.ts).
 */
import { CURRENCY_CODE } from "../core/assumptions/fields";
import { presetNames } from "../core/assumptions/presets";
import { Assumptions } from "../core/assumptions/types";
import {
  activeScenario,
  replaceAssumptions,
  StoreChange,
} from "../core/assumptions/workbook-store";
import { PaneMessages } from "./messages";
import { PaneController } from "./controller";
import { byId, fieldId, h, replaceChildren } from "./dom";
import { Editor } from "./editor";
import { Feedback } from "./feedback";
import {
  addTier,
  FormRecord,
  Path,
  pathId,
  presetAssumptions,
  removeTier,
  setAt,
  sortTiers,
  toForm,
} from "./form";
import { impactLine, planFigures } from "./impact";
import { ImportExport } from "./import-export";
import { Scenarios } from "./scenarios";

/** The plan built in this session, whose accounts the impact line is computed over. */
export interface PlanState {
  acvs: Float64Array | null;
  /** Told when a plan is built, so the impact line can show. */
  onBuilt?: () => void;
}

export class AssumptionsPane {
  private form: FormRecord;
  private preset: string;
  private dirty = false;
  private problems = 0;
  private draft: Assumptions | undefined;
  /** The field the user was in, so focus goes back there after Apply. */
  private lastField: string | null = null;
  private readonly feedback = new Feedback("status");
  private readonly editor: Editor;
  private readonly scenarios: Scenarios;
  private readonly files: ImportExport;

  constructor(
    private readonly controller: PaneController,
    private readonly plan: PlanState = { acvs: null }
  ) {
    this.form = toForm(controller.assumptions);
    this.preset = controller.assumptions.preset;
    this.editor = new Editor({
      form: () => this.form,
      preset: () => this.preset,
      applied: () => this.controller.assumptions,
      readOnly: () => this.controller.readOnly,
      currency: () => this.currency(),
    });
    this.scenarios = new Scenarios(
      controller,
      { dirty: () => this.dirty, save: (change, done) => this.save(change, done) },
      this.feedback
    );
    this.files = new ImportExport(
      controller,
      {
        draft: () => this.validate(),
        load: (assumptions) => {
          this.form = toForm(assumptions);
          this.preset = assumptions.preset;
          this.dirty = true;
          this.render();
        },
      },
      this.feedback
    );
    plan.onBuilt = () => this.validate();
  }

  // -------------------------------------------------------------------------
  // Start-up

  mount(): void {
    byId("apply").addEventListener("click", () => void this.apply());
    byId("discard").addEventListener("click", () => this.discard());
    byId("reset").addEventListener("click", () => this.resetToPreset());
    byId("add-tier").addEventListener("click", () => this.addTier());
    byId("order-tiers").addEventListener("click", () => this.orderTiers());
    byId("first-problem").addEventListener("click", () => this.focusFirstProblem());
    const editor = byId("editor");
    editor.addEventListener("input", (e) => this.onInput(e));
    editor.addEventListener("change", (e) => this.onInput(e));
    editor.addEventListener("focusout", (e) => this.onLeave(e));
    editor.addEventListener("focusin", (e) => {
      const target = e.target as HTMLElement;
      if (target.dataset?.path) this.lastField = target.id;
    });
    editor.addEventListener("click", (e) => this.onEditorClick(e));
    this.scenarios.mount();
    this.files.mount();
    const presets = byId<HTMLSelectElement>("preset");
    replaceChildren(presets, ...presetNames.map((name) => h("option", { value: name }, name)));
    this.showStartBanner();
    this.render();
  }

  private showStartBanner(): void {
    const read = this.controller.read;
    if (this.controller.where === "page")
      this.feedback.banner("where", "info", PaneMessages.outsideExcel());
    if (read.status === "unreadable")
      this.feedback.banner(
        "store",
        "error",
        PaneMessages.unreadable(),
        read.problems.map((p) => p.message)
      );
    else if (read.status === "newer") this.feedback.banner("store", "warning", read.message);
    else if (read.status === "ok" && read.notes.length > 0)
      this.feedback.banner("store", "info", PaneMessages.migrated(), read.notes);
  }

  // -------------------------------------------------------------------------
  // Drawing

  private render(): void {
    this.scenarios.render();
    byId<HTMLSelectElement>("preset").value = this.preset;
    byId("preset-note").textContent = PaneMessages.presetNote(this.preset);
    this.editor.render();
    const readOnly = this.controller.readOnly;
    for (const id of ["discard", "reset", "add-tier", "order-tiers", "import"])
      byId<HTMLButtonElement>(id).disabled = readOnly;
    byId<HTMLSelectElement>("preset").disabled = readOnly;
    this.validate();
  }

  /** Reads the draft; shows the summary, the Apply state and the impact line. */
  private validate(): Assumptions | undefined {
    const reading = this.editor.validate();
    this.problems = reading.problems.length;
    this.draft = reading.assumptions;
    const summary = byId("summary");
    summary.className =
      this.problems > 0 ? "summary bad" : this.dirty ? "summary pending" : "summary";
    summary.textContent =
      this.problems > 0
        ? PaneMessages.problems(this.problems)
        : this.dirty
          ? `${reading.edited === 1 ? "1 value" : `${reading.edited} values`} edited, not applied yet: the CS functions still use the applied assumptions.`
          : "";
    byId("first-problem").hidden = this.problems === 0;
    this.setApplyState(false);
    this.showImpact();
    return reading.assumptions;
  }

  /** The plan currency money is shown in: the draft's when it reads, else the applied one. */
  private currency(): string {
    const draft = String(this.form.currency ?? "")
      .trim()
      .toUpperCase();
    return CURRENCY_CODE.test(draft) ? draft : this.controller.assumptions.currency;
  }

  private setApplyState(busy: boolean): void {
    byId<HTMLButtonElement>("apply").disabled =
      busy || this.controller.readOnly || this.problems > 0 || !this.dirty;
  }

  /** What the draft does to the plan built in this session, by the same core. */
  private showImpact(): void {
    const line = byId("impact");
    const acvs = this.plan.acvs;
    if (!acvs || acvs.length === 0) {
      line.hidden = true;
      return;
    }
    line.hidden = false;
    const before = planFigures(this.controller.assumptions, acvs);
    if (!this.draft || !before) {
      line.textContent = "The effect on the plan shows when the problems are fixed.";
      return;
    }
    const after = planFigures(this.draft, acvs);
    const change = after ? impactLine(before, after, this.draft.currency) : null;
    line.textContent = change
      ? `If applied: ${change} (over the plan's ${acvs.length.toLocaleString("en-US")} accounts).`
      : `If applied: no change to CSMs needed (${(Math.round(before.csms * 10) / 10).toFixed(1)}) or cost.`;
  }

  // -------------------------------------------------------------------------
  // Editing

  private pathOf(target: EventTarget | null): Path | null {
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return null;
    if (!target.dataset.path) return null;
    return JSON.parse(target.dataset.path) as Path;
  }

  private onInput(event: Event): void {
    const path = this.pathOf(event.target);
    if (!path || this.controller.readOnly) return;
    setAt(this.form, path, (event.target as HTMLInputElement).value);
    if (!this.dirty) this.feedback.clearStatus(); // the last Apply's result is now out of date
    this.dirty = true;
    if (path.length === 1 && path[0] === "currency") {
      // Every money label and the rates' wording name the plan currency: redraw, keep the focus.
      const id = (event.target as HTMLElement).id;
      this.render();
      document.getElementById(id)?.focus();
      return;
    }
    this.validate();
  }

  /** Leaving a field tidies its value ("300k" to "300,000"). */
  private onLeave(event: Event): void {
    const path = this.pathOf(event.target);
    if (!path || this.controller.readOnly || !(event.target instanceof HTMLInputElement)) return;
    const input = event.target;
    const tidy = this.editor.tidy(path, input.value);
    if (tidy === input.value) return;
    input.value = tidy;
    setAt(this.form, path, tidy);
    this.validate();
  }

  private onEditorClick(event: Event): void {
    const target = event.target as Element | null;
    const toggle = target?.closest?.("[data-toggle]");
    if (toggle) {
      this.editor.toggle(toggle.getAttribute("data-toggle") ?? "");
      return;
    }
    if (target?.closest?.("#add-fx")) {
      this.addRate();
      return;
    }
    const removeRate = target?.closest?.("[data-remove-fx]");
    if (removeRate) {
      this.removeRate(removeRate.getAttribute("data-remove-fx") ?? "");
      return;
    }
    const button = target?.closest?.("[data-remove-tier]");
    if (!button || this.controller.readOnly) return;
    const index = Number(button.getAttribute("data-remove-tier"));
    const name = String((this.form.tiers as FormRecord[])[index]?.name ?? "");
    removeTier(this.form, index);
    this.dirty = true;
    this.render();
    this.feedback.status(PaneMessages.tierRemoved(name));
    byId("add-tier").focus();
  }

  /**
   * Puts the tiers in order of minimum ACV, on request rather than as the
   * user types or leaves a field: rows never move under the cursor, and a
   * minimum typed out of order is shown as a problem until it is fixed.
   */
  private orderTiers(): void {
    const names = () => (this.form.tiers as FormRecord[]).map((t) => t.name).join("\u0000");
    const before = names();
    sortTiers(this.form);
    if (before === names()) {
      this.feedback.status(PaneMessages.tiersInOrder());
      return;
    }
    this.dirty = true;
    this.render();
    this.feedback.status(PaneMessages.tiersReordered());
  }

  /** The exchange rates of the draft (fx.EUR...), by currency code. */
  private rates(): FormRecord {
    if (typeof this.form.fx !== "object" || Array.isArray(this.form.fx)) this.form.fx = {};
    return this.form.fx as FormRecord;
  }

  /** Adds a rate for the currency chosen beside Add rate, empty, and puts the cursor in it. */
  private addRate(): void {
    if (this.controller.readOnly) return;
    const code = byId<HTMLSelectElement>("fx-new").value;
    if (!CURRENCY_CODE.test(code) || code in this.rates()) return;
    this.rates()[code] = "";
    this.dirty = true;
    this.render();
    document.getElementById(fieldId(pathId(["fx", code])))?.focus();
  }

  private removeRate(code: string): void {
    if (this.controller.readOnly || !(code in this.rates())) return;
    delete this.rates()[code];
    this.dirty = true;
    this.render();
    this.feedback.status(PaneMessages.rateRemoved(code));
    byId("add-fx").focus();
  }

  private addTier(): void {
    const index = addTier(this.form);
    this.dirty = true;
    this.editor.openItem(`tiers.${index}`);
    this.render();
    this.editor.openItem(`tiers.${index}`);
    document.getElementById(fieldId(pathId(["tiers", index, "name"])))?.focus();
  }

  private discard(): void {
    this.form = toForm(this.controller.assumptions);
    this.preset = this.controller.assumptions.preset;
    this.dirty = false;
    this.render();
    this.feedback.status(PaneMessages.discarded());
  }

  private resetToPreset(): void {
    const name = byId<HTMLSelectElement>("preset").value;
    const preset = presetAssumptions(name);
    if (!preset) return;
    this.form = toForm(preset);
    this.preset = name;
    this.dirty = true;
    this.render();
    this.feedback.status(PaneMessages.reset(name));
  }

  // -------------------------------------------------------------------------
  // Apply

  private async apply(): Promise<void> {
    const assumptions = this.validate();
    if (!assumptions) {
      this.focusFirstProblem();
      return;
    }
    const scenario = activeScenario(this.controller.store).name;
    const change = replaceAssumptions(this.controller.store, scenario, assumptions);
    await this.save(change, PaneMessages.applied(scenario));
  }

  /** Saves a store change, recalculates, and redraws from what is now in force. */
  private async save(change: StoreChange, done: string): Promise<void> {
    if (!change.ok) {
      this.feedback.status(change.message, "error");
      return;
    }
    const focused = this.lastField;
    byId("app").setAttribute("aria-busy", "true");
    this.setApplyState(true);
    try {
      const wasUnreadable = this.controller.original !== null;
      const applied = await this.controller.apply(change.store);
      this.form = toForm(this.controller.assumptions);
      this.preset = this.controller.assumptions.preset;
      this.dirty = false;
      this.feedback.dismiss("store");
      this.render();
      const time = new Date().toLocaleTimeString("en-US", { hour: "2-digit", minute: "2-digit" });
      this.feedback.status(
        `${done} ${PaneMessages.recalculated(applied.recalculated, this.controller.where)} (${time})`,
        "success"
      );
      if (wasUnreadable) this.feedback.banner("store", "info", PaneMessages.originalKept());
      // Focus goes back to where the user was.
      const back = focused ? document.getElementById(focused) : null;
      if (back) {
        this.editor.reveal(back);
        back.focus();
      }
    } catch (error) {
      this.feedback.status(
        PaneMessages.saveFailed(error instanceof Error ? error.message : String(error)),
        "error"
      );
    } finally {
      byId("app").setAttribute("aria-busy", "false");
      this.setApplyState(false);
    }
  }

  focusFirstProblem(): void {
    const first = document.querySelector<HTMLElement>('#editor [aria-invalid="true"]');
    if (first) {
      this.editor.reveal(first);
      first.focus();
      return;
    }
    const message = Array.from(document.querySelectorAll<HTMLElement>("#editor .message")).find(
      (m) => m.textContent !== ""
    );
    if (message) {
      this.editor.reveal(message);
      message.scrollIntoView({ block: "center" });
    }
  }

  get dirtyNow(): boolean {
    return this.dirty;
  }
}
