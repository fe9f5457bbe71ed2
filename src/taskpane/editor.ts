/**
 * The assumptions editor, made for a 270-500 px pane: tiers, segments and
 * roles as lists where each item opens a vertical form; the single values
 * as label-above-field rows; pictures drawn from the draft; inline messages
 * in words; markers on values edited since Apply; per-section counts of
 * edits and problems. Labels, units, kinds and dropdown choices come from
 * the field table (core/assumptions/fields.ts). No state is saved here: the
 * pane (pane.ts) owns the draft and Apply.
 */
import { FieldSpec, isMoneyKind, isNumberKind } from "../core/assumptions/fields";
import { presetNames, sourceOf, loadPreset } from "../core/assumptions/presets";
import { keyOfPath, LocatedProblem } from "../core/assumptions/schema";
import { SOURCE_TITLES } from "../core/assumptions/defaults";
import { Assumptions } from "../core/assumptions/types";
import { PaneMessages } from "./messages";
import { byId, fieldId, h, replaceChildren } from "./dom";
import {
  differsFromPreset,
  formatValue,
  FormRecord,
  getAt,
  parseValue,
  Path,
  pathId,
  presetAssumptions,
  presetValueAt,
  readForm,
  specAt,
} from "./form";
import { expansionPicture, payoutPicture, rampPicture, tiersPicture } from "./pictures";

/** The pane's sections: the accordion items, by data-section. */
type Section = "tiers" | "segments" | "payout" | "expansion" | "capacity" | "ote" | "currency";

const SECTION_OF: Record<string, Section> = {
  tiers: "tiers",
  segments: "segments",
  payout: "payout",
  expansion: "expansion",
  clawback: "expansion",
  capacity: "capacity",
  book: "capacity",
  cost: "capacity",
  hiring: "capacity",
  ote: "ote",
  currency: "currency",
  fx: "currency",
};

/** Codes offered for the plan currency and exchange rates when the browser cannot list ISO 4217's. */
const COMMON_CURRENCIES = [
  "AUD",
  "BRL",
  "CAD",
  "CHF",
  "CNY",
  "CZK",
  "DKK",
  "EUR",
  "GBP",
  "HKD",
  "INR",
  "JPY",
  "KRW",
  "MXN",
  "NOK",
  "NZD",
  "PLN",
  "SEK",
  "SGD",
  "USD",
  "ZAR",
];

/** ISO 4217 codes (the browser's list), for the currency dropdowns. */
export function currencyCodes(): string[] {
  const supported = (
    Intl as unknown as { supportedValuesOf?: (key: "currency") => string[] }
  ).supportedValuesOf?.("currency");
  const codes = supported && supported.length > 0 ? supported : COMMON_CURRENCIES;
  return codes.filter((code) => /^[A-Z]{3}$/.test(code));
}

const PAYOUT_SINGLES: Path[] = [
  ["payout", "grr_floor"],
  ["payout", "grr_stretch"],
  ["payout", "floor_multiple"],
  ["payout", "stretch_multiple"],
  ["payout", "expansion_cap"],
  ["payout", "ebr_gate"],
  ["payout", "ebr_gated_cap"],
];
const EXPANSION_SINGLES: Path[] = [
  ["expansion", "csm_owned_below"],
  ["expansion", "csm_led_up_to"],
  ["expansion", "csm_led_csm_share"],
  ["expansion", "ae_led_csm_share"],
  ["clawback", "window_days"],
];
const CAPACITY_SINGLES: Path[] = [
  ["capacity", "weeks_per_month"],
  ["book", "load_threshold"],
  ["book", "extend_limit"],
  ["cost", "healthy_min"],
  ["cost", "healthy_max"],
  ["hiring", "ramp"],
  ["hiring", "lead_months"],
];
const PLANS: [string, string][] = [
  ["standard", "Standard plan"],
  ["plg", "PLG plan"],
];

/** Where a source id such as "S0 §2.1 (...)" points: the article's title. */
export function describeSource(source: string | undefined): string | null {
  if (!source) return null;
  const id = /^(S\d)\b/.exec(source)?.[1];
  const title = id ? SOURCE_TITLES[id] : undefined;
  return title ? `Source: ${title}, ${source.slice(id!.length).trim()}` : `Source: ${source}`;
}

/** The text choices every preset uses for a free-text field (offered, not imposed). */
function presetChoices(field: "coverage_model" | "touch_cadence"): string[] {
  const seen = new Set<string>();
  for (const name of presetNames) for (const t of loadPreset(name).tiers) seen.add(t[field]);
  return [...seen];
}

/** What the editor needs from the pane. */
export interface EditorHost {
  form(): FormRecord;
  preset(): string;
  /** The assumptions in force (what Apply would change). */
  applied(): Assumptions;
  readOnly(): boolean;
  currency(): string;
}

export interface EditorReading {
  assumptions?: Assumptions;
  problems: LocatedProblem[];
  edited: number;
}

export class Editor {
  /** Items whose form is open, by "tiers.2" (kept across redraws). */
  private open = new Set<string>();
  /** The last assumptions that read cleanly: the pictures show these while a value is wrong. */
  private lastGood: Assumptions | undefined;
  private datalists = false;

  constructor(private readonly host: EditorHost) {}

  // -------------------------------------------------------------------------
  // Drawing

  render(): void {
    if (!this.datalists) this.renderDatalists();
    this.renderItems("tiers", "tiers-list", true);
    this.renderItems("segments", "segments-list", false);
    this.renderSingles("payout-fields", PAYOUT_SINGLES);
    this.renderWeights();
    this.renderSingles("expansion-fields", EXPANSION_SINGLES);
    this.renderSingles("capacity-fields", CAPACITY_SINGLES);
    this.renderItems("ote", "ote-list", false);
    this.renderCurrency();
    const readOnly = this.host.readOnly();
    for (const el of Array.from(
      document.querySelectorAll<HTMLInputElement | HTMLSelectElement>("#editor [data-path]")
    )) {
      if (el instanceof HTMLInputElement) el.readOnly = readOnly;
      else el.disabled = readOnly;
    }
  }

  private renderDatalists(): void {
    this.datalists = true;
    for (const field of ["coverage_model", "touch_cadence"] as const)
      document.body.appendChild(
        h(
          "datalist",
          { id: `choices-${field}` },
          ...presetChoices(field).map((c) => h("option", { value: c }))
        )
      );
  }

  /** Names the item at a path goes by ("Strategic", "VP CS"). */
  private itemName(section: string, index: number): string {
    const item = getAt(this.host.form(), [section, index]) as FormRecord | undefined;
    const name = String(item?.[section === "ote" ? "role" : "name"] ?? "").trim();
    return name !== ""
      ? name
      : `${section === "tiers" ? "Tier" : section === "ote" ? "Role" : "Segment"} ${index + 1}`;
  }

  /** The label of a field, with its unit or currency. */
  private labelOf(spec: FieldSpec): string {
    if (isMoneyKind(spec.kind)) return `${spec.label} (${this.host.currency()})`;
    return spec.unit && spec.kind !== "number" ? `${spec.label} (${spec.unit})` : spec.label;
  }

  /** One field: its label above it, the control, its hint (source, preset value) and its message. */
  private field(path: Path, accessibleName?: string): HTMLElement {
    const spec = specAt(path);
    const id = fieldId(pathId(path));
    const value = getAt(this.host.form(), path);
    const text = typeof value === "string" ? value : "";
    const label =
      path[0] === "fx" && path.length === 2
        ? `${String(path[1])} rate: ${this.host.currency()} per 1 ${String(path[1])}`
        : spec
          ? this.labelOf(spec)
          : String(path[path.length - 1]);
    const common = {
      id,
      "data-path": JSON.stringify(path),
      "aria-label": accessibleName ?? label,
      "aria-describedby": `${id}-msg ${id}-src`,
    };
    let control: HTMLElement;
    if (spec?.kind === "currency") {
      const codes = currencyCodes();
      const options = codes.includes(text) ? codes : [text, ...codes];
      control = h(
        "select",
        { ...common, class: "picker" },
        ...options.map((c) => h("option", { value: c, selected: c === text }, c))
      );
    } else if (spec?.choices === "segments" || spec?.choices === "roles") {
      const names = this.namesOf(spec.choices === "segments" ? "segments" : "ote");
      const options = names.includes(text) ? names : [text, ...names];
      control = h(
        "select",
        { ...common, class: "picker" },
        ...options.map((n) => h("option", { value: n, selected: n === text }, n))
      );
    } else {
      const numeric = spec !== undefined && isNumberKind(spec.kind);
      control = h("input", {
        ...common,
        class: numeric ? "field number" : "field",
        type: "text",
        value: text,
        inputmode: numeric ? "decimal" : undefined,
        list:
          spec?.choices === "coverage_model" || spec?.choices === "touch_cadence"
            ? `choices-${spec.choices}`
            : undefined,
        spellcheck: "false",
        autocomplete: "off",
      });
    }
    return h(
      "div",
      { class: "single" },
      h("label", { for: id }, label),
      control,
      h("span", { id: `${id}-msg`, class: "message" }),
      h("span", { id: `${id}-src`, class: "hint" })
    );
  }

  private namesOf(section: "segments" | "ote"): string[] {
    const items = (this.host.form()[section] as FormRecord[]) ?? [];
    return items
      .map((i) => String(i[section === "ote" ? "role" : "name"] ?? "").trim())
      .filter(Boolean);
  }

  /** A one-line summary of an item for its closed row: what an analyst scans for. */
  private itemSummary(section: string, item: FormRecord): string {
    if (section === "tiers")
      return `from ${item.min_acv} · ${item.csm_ratio} per CSM · ${item.segment}`;
    if (section === "segments")
      return `NRR ${item.nrr_target} · GRR ${item.grr_target} · ${item.comp_role}`;
    const base = parseValue({ kind: "amount" }, String(item.base), "base");
    const variable = parseValue({ kind: "amount" }, String(item.variable), "variable");
    if (base.ok && variable.ok)
      return `OTE ${formatValue("amount", Number(base.value) + Number(variable.value))} ${this.host.currency()}`;
    return `base ${item.base} · variable ${item.variable}`;
  }

  /** A list of items (tiers, segments, roles): each a row that opens its vertical form. */
  private renderItems(section: "tiers" | "segments" | "ote", id: string, removable: boolean): void {
    const items = (this.host.form()[section] as FormRecord[]) ?? [];
    const fields = Object.keys(items[0] ?? {});
    const rows = items.map((item, i) => {
      const name = this.itemName(section, i);
      const key = `${section}.${i}`;
      const bodyId = `${fieldId(key)}-body`;
      const isOpen = this.open.has(key);
      const toggle = h(
        "button",
        {
          type: "button",
          class: "item-toggle",
          "aria-expanded": isOpen ? "true" : "false",
          "aria-controls": bodyId,
          "data-toggle": key,
        },
        h("span", { class: "item-name" }, name),
        " ",
        h("span", { class: "item-flags", "data-flags": key }),
        h("span", { class: "item-sum" }, this.itemSummary(section, item))
      );
      const remove = removable
        ? h(
            "fluent-button",
            {
              appearance: "subtle",
              size: "small",
              "data-remove-tier": i,
              "aria-label": `Remove tier ${name}`,
              title: `Remove tier ${name}`,
            },
            "Remove"
          )
        : null;
      const body = h(
        "div",
        { id: bodyId, class: "item-body", hidden: !isOpen, "data-item": key },
        ...fields.map((f) =>
          this.field([section, i, f], `${name}: ${specAt([section, i, f])?.label ?? f}`)
        )
      );
      if (section === "ote") body.appendChild(this.oteTotal(item));
      return h(
        "div",
        { class: "item", "data-row": key },
        h("div", { class: "item-head" }, toggle, remove),
        body
      );
    });
    replaceChildren(
      byId(id),
      ...rows,
      h("span", { id: `${fieldId(section)}-msg`, class: "message" })
    );
  }

  private oteTotal(item: FormRecord): HTMLElement {
    const base = parseValue({ kind: "amount" }, String(item.base), "base");
    const variable = parseValue({ kind: "amount" }, String(item.variable), "variable");
    if (!base.ok || !variable.ok) return h("div", { class: "total" });
    const b = Number(base.value);
    const v = Number(variable.value);
    const ote = b + v;
    const mix =
      ote > 0 ? `${Math.round((b / ote) * 100)}/${Math.round((v / ote) * 100)} pay mix` : "";
    return h(
      "div",
      { class: "total" },
      h("span", {}, `OTE ${mix ? `(${mix})` : ""}`),
      h("span", {}, `${formatValue("amount", ote)} ${this.host.currency()}`)
    );
  }

  /**
   * The plan currency (a dropdown of ISO codes) and the exchange rates into
   * it: one field per currency, each removable, and a dropdown of the other
   * codes with Add rate. Labels say which way a rate goes.
   */
  private renderCurrency(): void {
    const plan = this.host.currency();
    const rates = (this.host.form().fx as FormRecord | undefined) ?? {};
    const codes = Object.keys(rates).sort();
    const rows = codes.map((code) =>
      h(
        "div",
        { class: "fx-row", "data-fx": code },
        this.field(["fx", code]),
        h(
          "fluent-button",
          {
            appearance: "subtle",
            size: "small",
            "data-remove-fx": code,
            "aria-label": `Remove the ${code} rate`,
            title: `Remove the ${code} rate`,
          },
          "Remove"
        )
      )
    );
    const addable = currencyCodes().filter((c) => c !== plan && !codes.includes(c));
    replaceChildren(
      byId("currency-fields"),
      this.field(["currency"]),
      h(
        "fieldset",
        { class: "group" },
        h("legend", {}, `Exchange rates into ${plan}`),
        h(
          "p",
          { class: "note" },
          codes.length === 0
            ? `None yet: amounts in another currency are left out of a plan (with the reason) until their rate is set here.`
            : `How many ${plan} 1 unit of each currency buys. Amounts in a currency without a rate are left out of a plan, with the reason.`
        ),
        ...rows,
        h("span", { id: `${fieldId("fx")}-msg`, class: "message" }),
        h(
          "div",
          { class: "row" },
          h(
            "select",
            { id: "fx-new", class: "picker", "aria-label": "Currency to add a rate for" },
            ...addable.map((c) => h("option", { value: c, selected: c === "EUR" }, c))
          ),
          h("fluent-button", { id: "add-fx", size: "small" }, "Add rate")
        )
      )
    );
  }

  private renderSingles(id: string, paths: Path[]): void {
    replaceChildren(byId(id), ...paths.map((path) => this.field(path)));
  }

  private renderWeights(): void {
    replaceChildren(
      byId("weights-fields"),
      ...PLANS.map(([plan, label]) => {
        const paths: Path[] = ["grr_weight", "expansion_weight", "mbo_weight"].map((f) => [
          "payout",
          plan,
          f,
        ]);
        return h(
          "fieldset",
          { class: "group" },
          h("legend", {}, `${label}: pool weights`),
          ...paths.map((path) => this.field(path, `${label}: ${specAt(path)?.label ?? ""}`)),
          h("div", { class: "total", "data-total": plan }),
          h("span", { id: `${fieldId(`payout.${plan}`)}-msg`, class: "message" })
        );
      })
    );
  }

  // -------------------------------------------------------------------------
  // Opening items and sections

  toggle(key: string): void {
    if (this.open.has(key)) this.open.delete(key);
    else this.open.add(key);
    const body = document.querySelector<HTMLElement>(`[data-item="${CSS.escape(key)}"]`);
    const button = document.querySelector<HTMLElement>(`[data-toggle="${CSS.escape(key)}"]`);
    if (body) body.hidden = !this.open.has(key);
    button?.setAttribute("aria-expanded", this.open.has(key) ? "true" : "false");
  }

  /** Opens whatever hides a field (its section, its item) so it can take focus. */
  reveal(element: HTMLElement): void {
    element.closest("fluent-accordion-item")?.setAttribute("expanded", "");
    const body = element.closest<HTMLElement>("[data-item]");
    if (body?.hidden) this.toggle(body.dataset.item ?? "");
  }

  openItem(key: string): void {
    if (!this.open.has(key)) this.toggle(key);
  }

  // -------------------------------------------------------------------------
  // Reading, messages, markers, counts and pictures

  /** Reads the draft, shows every problem next to its field, marks edits, counts, redraws the pictures. */
  validate(): EditorReading {
    const form = this.host.form();
    const reading = readForm(form, this.host.preset());
    const byTarget = new Map<string, string[]>();
    for (const problem of reading.problems) {
      const target = this.messageTarget(problem.path);
      byTarget.set(target, [...(byTarget.get(target) ?? []), problem.words ?? problem.message]);
    }
    for (const element of Array.from(document.querySelectorAll<HTMLElement>("#editor .message")))
      element.textContent = (byTarget.get(element.id) ?? []).join(" ");
    const applied = this.host.applied();
    const preset = presetAssumptions(this.host.preset());
    const counts = new Map<Section, { edited: number; problems: number }>();
    const bump = (section: Section | undefined, what: "edited" | "problems") => {
      if (!section) return;
      const c = counts.get(section) ?? { edited: 0, problems: 0 };
      c[what] += 1;
      counts.set(section, c);
    };
    const itemFlags = new Map<string, { edited: number; problems: number }>();
    let edited = 0;
    for (const control of Array.from(
      document.querySelectorAll<HTMLInputElement | HTMLSelectElement>("#editor [data-path]")
    )) {
      const path = JSON.parse(control.dataset.path ?? "[]") as Path;
      const invalid = byTarget.has(`${control.id}-msg`);
      control.setAttribute("aria-invalid", invalid ? "true" : "false");
      const isEdited = differsFromPreset(form, path, applied);
      control.classList.toggle("edited", isEdited);
      const section = SECTION_OF[String(path[0])];
      if (isEdited) {
        edited++;
        bump(section, "edited");
      }
      if (invalid) bump(section, "problems");
      if (typeof path[1] === "number") {
        const key = `${path[0]}.${path[1]}`;
        const f = itemFlags.get(key) ?? { edited: 0, problems: 0 };
        if (isEdited) f.edited++;
        if (invalid) f.problems++;
        itemFlags.set(key, f);
      }
      const source = describeSource(sourceOf(keyOfPath(path, form), this.host.preset()));
      const fromPreset =
        preset && differsFromPreset(form, path, preset) ? this.presetText(path, preset) : null;
      const hint = [isEdited ? "Edited, not applied yet." : null, fromPreset, source]
        .filter(Boolean)
        .join(" ");
      const src = document.getElementById(`${control.id}-src`);
      if (src) src.textContent = hint;
    }
    // Group-level problems (tier order, weights) count in their section too.
    for (const [target, messages] of byTarget) {
      if (document.getElementById(target)?.matches("#editor [data-path] ~ .message")) continue;
      const el = document.getElementById(target);
      const section = el?.closest<HTMLElement>("[data-section]")?.dataset.section as
        Section | undefined;
      if (el && !el.previousElementSibling?.matches("[data-path]"))
        messages.forEach(() => bump(section, "problems"));
    }
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("[data-counts]"))) {
      const c = counts.get(el.dataset.counts as Section);
      replaceChildren(
        el,
        c && c.edited > 0 ? `${c.edited} edited` : null,
        c && c.edited > 0 && c.problems > 0 ? ", " : null,
        c && c.problems > 0
          ? h(
              "span",
              { class: "bad" },
              `${c.problems} ${c.problems === 1 ? "problem" : "problems"}`
            )
          : null
      );
    }
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("[data-flags]"))) {
      const f = itemFlags.get(el.dataset.flags ?? "");
      replaceChildren(
        el,
        f && f.edited > 0 ? h("span", { class: "edited-tag" }, "edited ") : null,
        f && f.problems > 0
          ? h("span", { class: "counts" }, h("span", { class: "bad" }, "needs a fix"))
          : null
      );
    }
    this.renderTotals();
    if (reading.assumptions) this.lastGood = reading.assumptions;
    this.renderPictures(this.lastGood ?? applied);
    return { assumptions: reading.assumptions, problems: reading.problems, edited };
  }

  /** Each plan's weights, added up where an analyst looks for the total. */
  private renderTotals(): void {
    for (const [plan] of PLANS) {
      const el = document.querySelector<HTMLElement>(`[data-total="${plan}"]`);
      if (!el) continue;
      let sum = 0;
      let readable = true;
      for (const f of ["grr_weight", "expansion_weight", "mbo_weight"]) {
        const parsed = parseValue(
          { kind: "percent" },
          String(getAt(this.host.form(), ["payout", plan, f]) ?? ""),
          f
        );
        if (parsed.ok && typeof parsed.value === "number") sum += parsed.value;
        else readable = false;
      }
      const off = !readable || Math.abs(sum - 1) > 1e-9;
      el.classList.toggle("bad", off);
      replaceChildren(
        el,
        h("span", {}, "Total"),
        h("span", {}, readable ? formatValue("percent", sum) : "—")
      );
    }
  }

  private renderPictures(a: Assumptions): void {
    replaceChildren(byId("tiers-picture"), tiersPicture(a));
    replaceChildren(byId("payout-picture"), payoutPicture(a));
    replaceChildren(byId("expansion-picture"), expansionPicture(a));
    replaceChildren(byId("ramp-picture"), rampPicture(a));
  }

  private presetText(path: Path, preset: Assumptions): string {
    const value = presetValueAt(this.host.form(), path, preset);
    return value === undefined
      ? PaneMessages.notInPreset(this.host.preset())
      : PaneMessages.presetValue(
          this.host.preset(),
          formatValue(specAt(path)?.kind ?? "text", value)
        );
  }

  /** The message element a problem shows in: its field's, else the nearest enclosing group's. */
  private messageTarget(path: Path): string {
    for (let n = path.length; n > 0; n--) {
      const id = `${fieldId(pathId(path.slice(0, n)))}-msg`;
      if (document.getElementById(id)) return id;
    }
    return "summary";
  }

  /** A field's value tidied when it is left: "300k" becomes "300,000", "95" stays "95%"-style. */
  tidy(path: Path, text: string): string {
    const spec = specAt(path);
    if (!spec || spec.kind === "text" || spec.kind === "name") return text;
    const parsed = parseValue(spec, text, pathId(path));
    return parsed.ok ? formatValue(spec.kind, parsed.value) : text;
  }
}
