/**
 * The assumptions editor: scenarios, the tier table, segment targets, payout
 * plan, expansion bands and the rest, with inline messages, markers on values
 * that differ from the preset, sources on hover, Apply / Discard, reset to a
 * preset, and JSON import / export. All state changes go through the
 * controller; this file only draws and listens.
 *
 * Inputs are native <input> elements styled with Fluent's design tokens:
 * each one carries its own accessible name (aria-label) and message
 * (aria-describedby, aria-invalid), which screen readers announce inside
 * table cells; buttons, sections and message bars are Fluent web components.
 */
import { exportAssumptions, importAssumptions } from "../core/assumptions/format";
import { presetNames, sourceOf } from "../core/assumptions/presets";
import { keyOfPath, LocatedProblem } from "../core/assumptions/schema";
import { SOURCE_TITLES } from "../core/assumptions/defaults";
import { Assumptions } from "../core/assumptions/types";
import {
  activeScenario,
  addScenario,
  removeScenario,
  renameScenario,
  replaceAssumptions,
  StoreChange,
  WorkbookStore,
} from "../core/assumptions/workbook-store";
import { PaneMessages } from "../core/errors";
import { PaneController } from "./controller";
import { byId, fieldId, h, replaceChildren } from "./dom";
import {
  addTier,
  differsFromPreset,
  formatValue,
  FormRecord,
  getAt,
  kindAt,
  Path,
  pathId,
  presetAssumptions,
  presetValueAt,
  readForm,
  removeTier,
  setAt,
  sortTiers,
  toForm,
} from "./form";

interface Column {
  field: string;
  label: string;
  /** Wider inputs for text columns. */
  wide?: boolean;
}

const TIER_COLUMNS: Column[] = [
  { field: "name", label: "Tier", wide: true },
  { field: "min_acv", label: "Min ACV" },
  { field: "csm_ratio", label: "Accounts per CSM" },
  { field: "am_ratio", label: "Accounts per AM" },
  { field: "tam_ratio", label: "Accounts per TAM" },
  { field: "arr_ceiling", label: "ARR ceiling per CSM" },
  { field: "sla_days", label: "Touch SLA (days)" },
  { field: "segment", label: "Segment", wide: true },
  { field: "coverage_model", label: "Coverage model", wide: true },
  { field: "touch_cadence", label: "Touch cadence", wide: true },
];
const SEGMENT_COLUMNS: Column[] = [
  { field: "name", label: "Segment", wide: true },
  { field: "nrr_target", label: "NRR target" },
  { field: "grr_target", label: "GRR target" },
  { field: "expansion_target", label: "Expansion target" },
  { field: "comp_role", label: "Comp role", wide: true },
];
const WEIGHT_COLUMNS: Column[] = [
  { field: "grr_weight", label: "GRR pool" },
  { field: "expansion_weight", label: "Expansion pool" },
  { field: "mbo_weight", label: "MBO pool" },
];
const OTE_COLUMNS: Column[] = [
  { field: "role", label: "Role", wide: true },
  { field: "base", label: "Base" },
  { field: "variable", label: "Variable" },
];

type Single = [Path, string];
const PAYOUT_FIELDS: Single[] = [
  [["payout", "grr_floor"], "GRR floor (pays the floor multiple)"],
  [["payout", "grr_stretch"], "GRR stretch (pays the stretch multiple)"],
  [["payout", "floor_multiple"], "Payout at the floor"],
  [["payout", "stretch_multiple"], "Payout at stretch"],
  [["payout", "expansion_cap"], "Expansion pool cap"],
  [["payout", "ebr_gate"], "EBR completion gate"],
  [["payout", "ebr_gated_cap"], "Expansion cap below the EBR gate"],
];
const EXPANSION_FIELDS: Single[] = [
  [["expansion", "csm_owned_below"], "CSM-owned below (incremental ARR)"],
  [["expansion", "csm_led_up_to"], "CSM-led up to (incremental ARR)"],
  [["expansion", "csm_led_csm_share"], "CSM share of a CSM-led expansion"],
  [["expansion", "ae_led_csm_share"], "CSM co-credit on an AE-led expansion"],
  [["clawback", "window_days"], "Clawback window (days)"],
];
const CAPACITY_FIELDS: Single[] = [
  [["capacity", "weeks_per_month"], "Weeks per month (capacity from hours)"],
  [["book", "load_threshold"], "Overloaded book above (share of target)"],
  [["book", "extend_limit"], "Anchor-and-extend limit"],
  [["cost", "healthy_min"], "Healthy CS cost, low (share of ARR)"],
  [["cost", "healthy_max"], "Healthy CS cost, high (share of ARR)"],
  [["hiring", "ramp"], "New-hire ramp (productivity by month)"],
  [["hiring", "lead_months"], "Hiring lead time (months)"],
];

/** Where a source id such as "S0 §2.1 (...)" points: the article's title. */
function describeSource(source: string | undefined): string | null {
  if (!source) return null;
  const id = /^(S\d)\b/.exec(source)?.[1];
  const title = id ? SOURCE_TITLES[id] : undefined;
  return title ? `Source: ${title}, ${source.slice(id!.length).trim()}` : `Source: ${source}`;
}

export class AssumptionsPane {
  private form: FormRecord;
  private preset: string;
  private dirty = false;
  private problems: LocatedProblem[] = [];

  constructor(private readonly controller: PaneController) {
    this.form = toForm(controller.assumptions);
    this.preset = controller.assumptions.preset;
  }

  // -------------------------------------------------------------------------
  // Start-up

  mount(): void {
    byId("apply").addEventListener("click", () => void this.apply());
    byId("discard").addEventListener("click", () => this.discard());
    byId("reset").addEventListener("click", () => this.resetToPreset());
    byId("add-tier").addEventListener("click", () => this.addTier());
    byId("order-tiers").addEventListener("click", () => this.orderTiers());
    byId("export").addEventListener("click", () => this.exportActive());
    byId("export-original").addEventListener("click", () => this.exportOriginal());
    byId("import").addEventListener("click", () => byId<HTMLInputElement>("import-file").click());
    byId<HTMLInputElement>("import-file").addEventListener(
      "change",
      (e) => void this.importFile(e)
    );
    byId<HTMLSelectElement>("scenario").addEventListener(
      "change",
      (e) => void this.switchScenario(e)
    );
    byId("scenario-new").addEventListener("click", () => this.openNameForm("new"));
    byId("scenario-rename").addEventListener("click", () => this.openNameForm("rename"));
    byId("scenario-remove").addEventListener("click", () => void this.removeScenario());
    byId("scenario-name-form").addEventListener("submit", (e) => void this.submitName(e));
    byId("scenario-name-cancel").addEventListener("click", () => this.closeNameForm());
    byId("editor").addEventListener("input", (e) => this.onInput(e));
    byId("editor").addEventListener("click", (e) => this.onEditorClick(e));
    const presets = byId<HTMLSelectElement>("preset");
    replaceChildren(presets, ...presetNames.map((name) => h("option", { value: name }, name)));
    this.showStartBanner();
    this.render();
  }

  private showStartBanner(): void {
    const read = this.controller.read;
    if (this.controller.where === "page") this.banner("info", PaneMessages.outsideExcel());
    if (read.status === "unreadable")
      this.banner(
        "error",
        PaneMessages.unreadable(),
        read.problems.map((p) => p.message)
      );
    else if (read.status === "newer") this.banner("warning", read.message);
    else if (read.status === "ok" && read.notes.length > 0)
      this.banner("info", PaneMessages.migrated(), read.notes);
    byId("export-original").hidden = this.controller.original === null;
  }

  // -------------------------------------------------------------------------
  // Drawing

  private render(): void {
    this.renderScenarios();
    byId<HTMLSelectElement>("preset").value = this.preset;
    byId("preset-note").textContent = PaneMessages.presetNote(this.preset);
    this.renderTable("tiers-table", "tiers", TIER_COLUMNS, true);
    this.renderTable("segments-table", "segments", SEGMENT_COLUMNS, false);
    this.renderSingles("payout-fields", PAYOUT_FIELDS);
    this.renderWeights();
    this.renderSingles("expansion-fields", EXPANSION_FIELDS);
    this.renderSingles("capacity-fields", CAPACITY_FIELDS);
    this.renderTable("ote-table", "ote", OTE_COLUMNS, false);
    this.setReadOnly(this.controller.readOnly);
    this.validate();
  }

  private renderScenarios(): void {
    const select = byId<HTMLSelectElement>("scenario");
    const store = this.controller.store;
    replaceChildren(select, ...store.scenarios.map((s) => h("option", { value: s.name }, s.name)));
    select.value = activeScenario(store).name;
    byId<HTMLButtonElement>("scenario-remove").disabled = store.scenarios.length < 2;
  }

  private input(path: Path, label: string, wide = false): HTMLElement {
    const id = fieldId(pathId(path));
    const value = getAt(this.form, path);
    const source = describeSource(sourceOf(keyOfPath(path, this.form), this.preset));
    const input = h("input", {
      id,
      class: wide ? "field wide" : "field",
      type: "text",
      value: typeof value === "string" ? value : "",
      "data-path": JSON.stringify(path),
      "aria-label": label,
      "aria-describedby": `${id}-msg ${id}-src`,
      title: source ?? undefined,
      spellcheck: "false",
      autocomplete: "off",
    });
    return h(
      "div",
      { class: "cell" },
      input,
      h("span", { id: `${id}-src`, class: "visually-hidden" }, source ?? ""),
      h("span", { id: `${id}-msg`, class: "message", role: "alert" })
    );
  }

  /** A table of listed items (tiers, segments, OTE): one row per item, one input per field. */
  private renderTable(id: string, section: string, columns: Column[], removable: boolean): void {
    const items = this.form[section] as FormRecord[];
    const head = h(
      "tr",
      {},
      ...columns.map((c) => h("th", { scope: "col" }, c.label)),
      removable
        ? h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Remove"))
        : null
    );
    const rows = items.map((item, i) => {
      const name = String(item[section === "ote" ? "role" : "name"] ?? "");
      return h(
        "tr",
        { "data-row": `${section}.${i}` },
        ...columns.map((c, ci) =>
          h(
            ci === 0 ? "th" : "td",
            ci === 0 ? { scope: "row" } : {},
            this.input([section, i, c.field], ci === 0 ? c.label : `${name}: ${c.label}`, c.wide)
          )
        ),
        removable
          ? h(
              "td",
              {},
              h(
                "fluent-button",
                {
                  appearance: "subtle",
                  size: "small",
                  "data-remove-tier": i,
                  "aria-label": `Remove tier ${name}`,
                  title: `Remove tier ${name}`,
                },
                "✕"
              )
            )
          : null
      );
    });
    replaceChildren(
      byId(id),
      h("thead", {}, head),
      h("tbody", {}, ...rows),
      h(
        "tfoot",
        {},
        h(
          "tr",
          {},
          h(
            "td",
            { colspan: columns.length + 1 },
            h("span", { id: `${fieldId(section)}-msg`, class: "message", role: "alert" })
          )
        )
      )
    );
  }

  private renderSingles(id: string, fields: Single[]): void {
    replaceChildren(
      byId(id),
      ...fields.map(([path, label]) =>
        h(
          "div",
          { class: "single" },
          h("label", { for: fieldId(pathId(path)) }, label),
          this.input(path, label)
        )
      )
    );
  }

  private renderWeights(): void {
    const plans: [string, string][] = [
      ["standard", "Standard plan"],
      ["plg", "PLG plan"],
    ];
    replaceChildren(
      byId("weights-table"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Plan"),
          ...WEIGHT_COLUMNS.map((c) => h("th", { scope: "col" }, c.label))
        )
      ),
      h(
        "tbody",
        {},
        ...plans.map(([plan, label]) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, label),
            ...WEIGHT_COLUMNS.map((c) =>
              h("td", {}, this.input(["payout", plan, c.field], `${label}: ${c.label} weight`))
            )
          )
        )
      ),
      h(
        "tfoot",
        {},
        ...plans.map(([plan]) =>
          h(
            "tr",
            {},
            h(
              "td",
              { colspan: 4 },
              h("span", { id: `${fieldId(`payout.${plan}`)}-msg`, class: "message", role: "alert" })
            )
          )
        )
      )
    );
  }

  private setReadOnly(readOnly: boolean): void {
    for (const input of Array.from(
      document.querySelectorAll<HTMLInputElement>("#editor input.field")
    ))
      input.readOnly = readOnly;
    for (const id of [
      "apply",
      "discard",
      "reset",
      "add-tier",
      "import",
      "scenario-new",
      "scenario-rename",
      "scenario-remove",
    ])
      (byId(id) as HTMLButtonElement).disabled =
        readOnly || (id === "scenario-remove" && this.controller.store.scenarios.length < 2);
    byId<HTMLSelectElement>("scenario").disabled = readOnly;
    byId<HTMLSelectElement>("preset").disabled = readOnly;
  }

  // -------------------------------------------------------------------------
  // Validation and markers

  /** Reads the whole form, then shows every problem next to its field and marks changed values. */
  private validate(): Assumptions | undefined {
    const reading = readForm(this.form, this.preset);
    this.problems = reading.problems;
    const byField = new Map<string, string[]>();
    for (const problem of reading.problems) {
      const target = this.messageTarget(problem.path);
      byField.set(target, [...(byField.get(target) ?? []), problem.message]);
    }
    for (const element of Array.from(document.querySelectorAll<HTMLElement>("#editor .message"))) {
      const messages = byField.get(element.id) ?? [];
      element.textContent = messages.join(" ");
    }
    const preset = presetAssumptions(this.preset);
    for (const input of Array.from(
      document.querySelectorAll<HTMLInputElement>("#editor input.field")
    )) {
      const path = JSON.parse(input.dataset.path ?? "[]") as Path;
      const invalid = byField.has(`${input.id}-msg`);
      input.setAttribute("aria-invalid", invalid ? "true" : "false");
      const changed = preset !== undefined && differsFromPreset(this.form, path, preset);
      input.classList.toggle("changed", changed);
      const presetValue = changed && preset ? this.presetText(path, preset) : null;
      const source = describeSource(sourceOf(keyOfPath(path, this.form), this.preset));
      input.title = [presetValue, source].filter(Boolean).join("\n");
      byId(`${input.id}-src`).textContent = [presetValue, source].filter(Boolean).join(". ");
    }
    const count = reading.problems.length;
    byId("summary").textContent =
      count > 0 ? PaneMessages.problems(count) : this.dirty ? PaneMessages.unapplied() : "";
    byId<HTMLButtonElement>("apply").disabled = this.controller.readOnly || count > 0;
    byId("changed-count").textContent = String(
      document.querySelectorAll("#editor input.changed").length
    );
    return reading.assumptions;
  }

  private presetText(path: Path, preset: Assumptions): string {
    const value = presetValueAt(this.form, path, preset);
    return value === undefined
      ? PaneMessages.notInPreset(this.preset)
      : PaneMessages.presetValue(this.preset, formatValue(kindAt(path), value));
  }

  /** The message element a problem shows in: its field's, else the nearest enclosing group's. */
  private messageTarget(path: Path): string {
    for (let n = path.length; n > 0; n--) {
      const id = `${fieldId(pathId(path.slice(0, n)))}-msg`;
      if (document.getElementById(id)) return id;
    }
    return "summary";
  }

  // -------------------------------------------------------------------------
  // Editing

  private pathOf(target: EventTarget | null): Path | null {
    if (!(target instanceof HTMLInputElement) || !target.dataset.path) return null;
    return JSON.parse(target.dataset.path) as Path;
  }

  private onInput(event: Event): void {
    const path = this.pathOf(event.target);
    if (!path || this.controller.readOnly) return;
    setAt(this.form, path, (event.target as HTMLInputElement).value);
    this.dirty = true;
    this.validate();
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
      this.status(PaneMessages.tiersInOrder());
      return;
    }
    this.dirty = true;
    this.renderTable("tiers-table", "tiers", TIER_COLUMNS, true);
    this.validate();
    this.status(PaneMessages.tiersReordered());
  }

  private onEditorClick(event: Event): void {
    const button = (event.target as Element | null)?.closest?.("[data-remove-tier]");
    if (!button || this.controller.readOnly) return;
    const index = Number(button.getAttribute("data-remove-tier"));
    const tiers = this.form.tiers as FormRecord[];
    const name = String(tiers[index]?.name ?? "");
    removeTier(this.form, index);
    this.dirty = true;
    this.renderTable("tiers-table", "tiers", TIER_COLUMNS, true);
    this.validate();
    this.status(PaneMessages.tierRemoved(name));
  }

  private addTier(): void {
    const index = addTier(this.form);
    this.dirty = true;
    this.renderTable("tiers-table", "tiers", TIER_COLUMNS, true);
    this.validate();
    document.getElementById(fieldId(pathId(["tiers", index, "name"])))?.focus();
  }

  private discard(): void {
    this.form = toForm(this.controller.assumptions);
    this.preset = this.controller.assumptions.preset;
    this.dirty = false;
    this.render();
    this.status(PaneMessages.discarded());
  }

  private resetToPreset(): void {
    const name = byId<HTMLSelectElement>("preset").value;
    const preset = presetAssumptions(name);
    if (!preset) return;
    this.form = toForm(preset);
    this.preset = name;
    this.dirty = true;
    this.render();
    this.status(PaneMessages.reset(name));
  }

  // -------------------------------------------------------------------------
  // Apply, scenarios

  private async apply(): Promise<void> {
    const assumptions = this.validate();
    if (!assumptions) {
      this.focusFirstProblem();
      return;
    }
    const change = replaceAssumptions(
      this.controller.store,
      activeScenario(this.controller.store).name,
      assumptions
    );
    await this.save(change, PaneMessages.applied(activeScenario(this.controller.store).name));
  }

  /** Saves a store change, recalculates, and redraws from what is now in force. */
  private async save(change: StoreChange, done: string): Promise<void> {
    if (!change.ok) {
      this.status(change.message);
      return;
    }
    this.busy(true);
    try {
      const wasUnreadable = this.controller.original !== null;
      const applied = await this.controller.apply(change.store);
      this.form = toForm(this.controller.assumptions);
      this.preset = this.controller.assumptions.preset;
      this.dirty = false;
      this.clearBanners();
      if (this.controller.where === "page") this.banner("info", PaneMessages.outsideExcel());
      this.render();
      this.status(
        `${done} ${PaneMessages.recalculated(applied.recalculated, this.controller.where)}`
      );
      if (wasUnreadable) this.banner("info", PaneMessages.originalKept());
    } catch (error) {
      this.status(PaneMessages.saveFailed(error instanceof Error ? error.message : String(error)));
    } finally {
      this.busy(false);
    }
  }

  private async switchScenario(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const name = select.value;
    if (this.dirty) {
      select.value = activeScenario(this.controller.store).name;
      this.status(PaneMessages.applyFirst());
      return;
    }
    const store: WorkbookStore = { ...this.controller.store, active: name };
    await this.save({ ok: true, store }, PaneMessages.switched(name));
  }

  private nameFormMode: "new" | "rename" = "new";

  private openNameForm(mode: "new" | "rename"): void {
    if (this.dirty && mode === "new") {
      this.status(PaneMessages.applyFirst());
      return;
    }
    this.nameFormMode = mode;
    const form = byId("scenario-name-form");
    form.hidden = false;
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
      this.nameFormMode === "new"
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
      this.nameFormMode === "new"
        ? PaneMessages.scenarioAdded(name.trim())
        : PaneMessages.scenarioRenamed(name.trim());
    await this.save(change, done);
  }

  private async removeScenario(): Promise<void> {
    const name = activeScenario(this.controller.store).name;
    await this.save(
      removeScenario(this.controller.store, name),
      PaneMessages.scenarioRemoved(name)
    );
  }

  // -------------------------------------------------------------------------
  // Import and export

  private download(text: string, fileName: string): void {
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const link = h("a", { href: url, download: fileName, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private exportActive(): void {
    const assumptions = this.validate();
    // Unapplied edits are exported when they are valid: what you see is what you get.
    const text = exportAssumptions(assumptions ?? this.controller.assumptions);
    const scenario = activeScenario(this.controller.store).name.replace(/[^A-Za-z0-9_-]+/g, "-");
    this.download(text, `cs-assumptions-${scenario}.json`);
    this.status(
      PaneMessages.exported(activeScenario(this.controller.store).name, assumptions === undefined)
    );
  }

  private exportOriginal(): void {
    const original = this.controller.original;
    if (original === null) return;
    this.download(original, "cs-assumptions-stored-original.json");
    this.status(PaneMessages.exportedOriginal());
  }

  private async importFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    const text = await file.text();
    const result = importAssumptions(text);
    if (!result.ok) {
      this.banner(
        "error",
        PaneMessages.importFailed(file.name),
        result.problems.map((p) => p.message)
      );
      return;
    }
    this.form = toForm(result.assumptions);
    this.preset = result.assumptions.preset;
    this.dirty = true;
    this.render();
    this.status(PaneMessages.imported(file.name));
    if (result.warnings.length > 0)
      this.banner(
        "info",
        PaneMessages.importNotes(),
        result.warnings.map((w) => w.message)
      );
  }

  // -------------------------------------------------------------------------
  // Feedback

  private focusFirstProblem(): void {
    const first = document.querySelector<HTMLInputElement>('#editor input[aria-invalid="true"]');
    if (first) {
      first.closest("fluent-accordion-item")?.setAttribute("expanded", "");
      first.focus();
    }
  }

  private status(text: string): void {
    byId("status").textContent = text;
  }

  private busy(on: boolean): void {
    byId("app").setAttribute("aria-busy", on ? "true" : "false");
    (byId("apply") as HTMLButtonElement).disabled =
      on || this.controller.readOnly || this.problems.length > 0;
  }

  private banner(
    intent: "info" | "warning" | "error" | "success",
    title: string,
    details: string[] = []
  ): void {
    const bar = h(
      "fluent-message-bar",
      { intent, layout: "multiline", class: "banner" },
      h("span", { class: "banner-title" }, title),
      details.length > 0 ? h("ul", {}, ...details.slice(0, 12).map((d) => h("li", {}, d))) : null,
      details.length > 12 ? h("p", {}, PaneMessages.moreProblems(details.length - 12)) : null
    );
    byId("banners").appendChild(bar);
  }

  private clearBanners(): void {
    replaceChildren(byId("banners"));
  }
}
