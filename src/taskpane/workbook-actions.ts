/**
 * The Plan view: Build coverage plan (from the selected CRM export), with
 * Cancel while it runs; then the plan's summary (accounts, ARR, CSMs by
 * tier) with a link to the CS Plan sheet and the rows left out, grouped by
 * reason; and Repair / Recalculate CS formulas. The work itself is in
 * build-plan.ts and recalc.ts; this file asks the user what the builder
 * needs (which column holds the ACV, with evidence; whether to replace an
 * earlier plan), shows progress, and reports what happened in words.
 * Everything taken from the workbook (headers, bad ACV values) is shown as
 * text, never as markup.
 */
import { inPaneWords, PaneActionMessages, skippedGroup } from "./messages";
import type { ColumnQuestion } from "../plan/columns";
import type { LocaleQuestion } from "../plan/locale";
import { SHEETS } from "../plan/layout";
import { SKIPPED_SHOWN, SkippedRow } from "../plan/rows";
import type { BuildPlanResult } from "./build-plan";
import { byId, h, replaceChildren } from "./dom";
import type { ColumnEvidence } from "./evidence";
import { planFigures, shortMoney } from "./impact";
import type { PlanState } from "./pane";
import type { Reconciliation } from "../plan/reconcile";
import { reconciliationLines } from "./reconciliation";
import type { Assumptions } from "../core/assumptions/types";

/** What a build asks the user, reports, and was told (the Plan view's options). */
export interface BuildRequest {
  askAcvColumn: (question: ColumnQuestion, evidence: ColumnEvidence[]) => Promise<string | null>;
  /** A column that reads two ways (80.000, 01/02/2026): resolves with a locale tag, or null to cancel. */
  askLocale: (question: LocaleQuestion) => Promise<string | null>;
  onProgress: (done: number, total: number) => void;
  isCancelled: () => boolean;
  /** Keep contract rows separate: each row is an account. */
  rowsAreAccounts: boolean;
  /** Plan every status (leads, prospects, churned), not only customers. */
  allStatuses: boolean;
}

/** What the buttons do to the workbook: Excel batches in the add-in, fakes in tests. */
export interface WorkbookJobs {
  /** The plan sheets already in the workbook (a rebuild replaces them). */
  existingPlanSheets(): Promise<string[]>;
  buildPlan(request: BuildRequest): Promise<BuildPlanResult>;
  /** Both go through every sheet a chunk of rows at a time, reporting rows looked at and the total. */
  repair(onProgress: (done: number, total: number) => void): Promise<number>;
  recalculate(onProgress: (done: number, total: number) => void): Promise<number>;
  /** Why the plan cannot be built now (unusable stored assumptions), or null. */
  blocked(): string | null;
  /** The assumptions the plan is built with (for its summary). */
  assumptions?(): Assumptions;
  /** The ACVs of a plan already in the workbook (built in an earlier session), or null. */
  planAccounts?(): Promise<Float64Array | null>;
  /** Shows a sheet of the workbook (the link to the CS Plan sheet). */
  activateSheet?(name: string): Promise<void>;
}

/** A failure in words: Excel's own text when it has one, never a stack or "TypeError: ...". */
function describeError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  if (
    error instanceof Error &&
    /^(TypeError|ReferenceError|SyntaxError|RangeError)$/.test(error.name)
  )
    return "the add-in met an unexpected problem. Nothing more was written; try again, and if it repeats, report it with the export you used.";
  return raw.replace(/^Error:\s*/, "");
}

/** Messages shared with the command line start in lower case; the pane shows sentences. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The reconciliation block: how the export's rows and ARR became the plan,
 * label left and figure right (tabular figures, the plan currency), parts
 * indented under their total. Two columns, so it fits a 270 px pane.
 */
function reconciliationTable(r: Reconciliation): HTMLElement {
  const lines = reconciliationLines(r);
  const groups = ["rows", "arr", "plan"] as const;
  return h(
    "div",
    { class: "recon" },
    h("h4", { id: "recon-title" }, "Reconciliation with the export"),
    h(
      "table",
      {
        id: "reconciliation",
        class: "summary-table recon-table",
        "aria-labelledby": "recon-title",
      },
      ...groups.map((group) =>
        h(
          "tbody",
          {},
          ...lines
            .filter((line) => line.group === group)
            .map((line) =>
              h(
                "tr",
                { class: `level-${line.level}` },
                h("th", { scope: "row" }, line.label),
                h("td", {}, line.figure)
              )
            )
        )
      )
    )
  );
}

export class WorkbookActions {
  private busy = false;
  private cancelRequested = false;
  /** Answers the open inline question with Cancel; null when none is open. */
  private cancelOpenQuestion: (() => void) | null = null;

  constructor(
    private readonly jobs: WorkbookJobs,
    private readonly plan: PlanState = { acvs: null }
  ) {}

  mount(): void {
    void this.readEarlierPlan();
    byId("build-plan").addEventListener("click", () => void this.build());
    byId("build-cancel").addEventListener("click", () => this.cancel());
    byId("repair").addEventListener("click", () => void this.run("repair"));
    byId("recalc").addEventListener("click", () => void this.run("recalculate"));
  }

  /**
   * A plan built in an earlier session: its accounts, read back from the
   * workbook, let the Assumptions view show a draft's impact before Apply.
   * A plan built meanwhile wins; a failed read only leaves the line out.
   */
  private async readEarlierPlan(): Promise<void> {
    let found = "none";
    try {
      const acvs = (await this.jobs.planAccounts?.()) ?? null;
      if (acvs !== null && this.plan.acvs === null) {
        this.plan.acvs = acvs;
        this.plan.onBuilt?.();
        found = String(acvs.length);
      }
    } catch {
      // Nothing to show: the impact line appears after the next build.
    }
    // What was found, for anyone who waits on it (the browser tests).
    byId("workbook-actions").dataset.earlierPlan = found;
  }

  /**
   * What a running job takes out of use: the three buttons, and the build
   * options, which a build reads once at its start (a tick mid-build would
   * look applied and not be).
   */
  private controls(): Array<HTMLButtonElement | HTMLInputElement> {
    return [
      ...["build-plan", "repair", "recalc"].map((id) => byId<HTMLButtonElement>(id)),
      ...["opt-rows-are-accounts", "opt-all-statuses"].map((id) => byId<HTMLInputElement>(id)),
    ];
  }

  /** One job at a time: the other controls are out of use while one runs. */
  private async exclusive(job: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    for (const control of this.controls()) control.disabled = true;
    try {
      await job();
    } finally {
      this.busy = false;
      for (const control of this.controls()) control.disabled = false;
    }
  }

  private status(text: string, error = false): void {
    const line = byId("workbook-status");
    line.textContent = sentence(inPaneWords(text));
    line.className = error ? "status-error" : "";
  }

  private async run(which: "repair" | "recalculate"): Promise<void> {
    await this.exclusive(async () => {
      this.showSkipped([], false);
      this.status(
        which === "repair" ? PaneActionMessages.repairing() : PaneActionMessages.recalculating()
      );
      try {
        const count = await this.jobs[which]((done, total) =>
          this.showProgress(done, total, PaneActionMessages.rowsLookedAt(which, done, total))
        );
        this.status(
          which === "repair"
            ? PaneActionMessages.repaired(count)
            : PaneActionMessages.recalculated(count)
        );
      } catch (error) {
        this.status(PaneActionMessages.failed(which, describeError(error)), true);
      } finally {
        byId<HTMLProgressElement>("plan-progress").hidden = true;
      }
    });
  }

  /** The build's Cancel: answers an open question with Cancel, or stops after the current chunk. */
  private cancel(): void {
    if (this.cancelOpenQuestion) {
      this.cancelOpenQuestion();
      return;
    }
    this.cancelRequested = true;
    this.status(PaneActionMessages.cancelling());
  }

  private async build(): Promise<void> {
    await this.exclusive(async () => {
      this.showSkipped([], false);
      byId("plan-summary").hidden = true;
      const blocked = this.jobs.blocked();
      if (blocked !== null) {
        this.status(blocked, true);
        return;
      }
      const progress = byId<HTMLProgressElement>("plan-progress");
      const cancel = byId("build-cancel");
      this.cancelRequested = false;
      let existing: string[] = [];
      try {
        existing = await this.jobs.existingPlanSheets();
        if (existing.length > 0 && !(await this.confirmReplace(existing))) {
          this.status(PaneActionMessages.notReplaced());
          return;
        }
        this.status(PaneActionMessages.building());
        progress.value = 0;
        cancel.hidden = false;
        const result = await this.jobs.buildPlan({
          askAcvColumn: (question, evidence) => this.askAcvColumn(question, evidence),
          askLocale: (question) => this.askLocale(question),
          // Shown from the first chunk on, not while a question is open.
          onProgress: (done, total) =>
            this.showProgress(
              done,
              total,
              this.cancelRequested
                ? PaneActionMessages.cancelling()
                : PaneActionMessages.writingAccounts(done, total)
            ),
          isCancelled: () => this.cancelRequested,
          rowsAreAccounts: byId<HTMLInputElement>("opt-rows-are-accounts").checked,
          allStatuses: byId<HTMLInputElement>("opt-all-statuses").checked,
        });
        if (!result.built && result.cancelled) {
          // The builder put back whatever it had replaced; its message says so.
          this.status(result.message);
          return;
        }
        // After a build the figures are in the reconciliation block; the status says what was built.
        this.status(
          result.built && result.reconciliation ? result.headline : result.message,
          !result.built
        );
        this.showSkipped(result.skipped ?? [], result.built);
        if (result.built) {
          this.plan.acvs = result.acvs;
          this.showSummary(result.acvs, result.reconciliation);
          this.plan.onBuilt?.();
        }
      } catch (error) {
        this.status(PaneActionMessages.failed("build", describeError(error)), true);
      } finally {
        progress.hidden = true;
        cancel.hidden = true;
      }
    });
  }

  /** The progress bar (shared by the three jobs) and the status line after a chunk. */
  private showProgress(done: number, total: number, text: string): void {
    const progress = byId<HTMLProgressElement>("plan-progress");
    progress.hidden = false;
    progress.max = Math.max(total, 1);
    progress.value = done;
    this.status(text);
  }

  /** The reconciliation and tier summary of the plan just built, with a link to the CS Plan sheet. */
  private showSummary(acvs: Float64Array, reconciliation?: Reconciliation): void {
    const box = byId("plan-summary");
    const assumptions = this.jobs.assumptions?.();
    const figures = assumptions ? planFigures(assumptions, acvs) : null;
    // Amounts in the plan currency the plan was built with.
    const currency = assumptions?.currency ?? "USD";
    const link = h(
      "button",
      { type: "button", class: "link", id: "go-to-plan" },
      `Go to the ${SHEETS.plan} sheet`
    );
    link.addEventListener("click", () => void this.jobs.activateSheet?.(SHEETS.plan));
    const rows = figures
      ? figures.byTier.map((t) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, t.tier),
            h("td", {}, t.accounts.toLocaleString("en-US")),
            h("td", {}, shortMoney(t.arr, currency)),
            h("td", {}, (Math.round(t.csms * 10) / 10).toFixed(1))
          )
        )
      : [];
    replaceChildren(
      box,
      h("h3", {}, "Plan summary"),
      figures
        ? h(
            "table",
            { class: "summary-table" },
            h("caption", { class: "visually-hidden" }, "Accounts, ARR and CSMs needed by tier"),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                h("th", { scope: "col" }, "Tier"),
                h("th", { scope: "col" }, "Accounts"),
                h("th", { scope: "col" }, "ARR"),
                h("th", { scope: "col" }, "CSMs")
              )
            ),
            h("tbody", {}, ...rows),
            h(
              "tfoot",
              {},
              h(
                "tr",
                {},
                h("th", { scope: "row" }, "Total"),
                h("td", {}, figures.accounts.toLocaleString("en-US")),
                h("td", {}, shortMoney(figures.arr, currency)),
                h("td", {}, (Math.round(figures.csms * 10) / 10).toFixed(1))
              )
            )
          )
        : null,
      reconciliation
        ? reconciliationTable(reconciliation)
        : figures
          ? h(
              "p",
              { class: "note" },
              `CS cost a year (CSMs x OTE): ${shortMoney(figures.cost, currency)}.`
            )
          : null,
      link
    );
    box.hidden = false;
  }

  /** The rows left out, grouped by reason: a count, then the first rows of each. */
  private showSkipped(skipped: readonly SkippedRow[], onSheet: boolean): void {
    const list = byId("skipped-list");
    const groups = new Map<string, SkippedRow[]>();
    for (const row of skipped)
      groups.set(skippedGroup(row), [...(groups.get(skippedGroup(row)) ?? []), row]);
    replaceChildren(
      list,
      ...[...groups].map(([reason, rows]) => {
        const shown = rows.slice(0, SKIPPED_SHOWN);
        const values = shown
          .map((r) => `${r.row}${r.value === null ? "" : ` (${JSON.stringify(r.value)})`}`)
          .join(", ");
        const more = rows.length - shown.length;
        return h(
          "li",
          {},
          h(
            "strong",
            {},
            `${rows.length.toLocaleString("en-US")} ${rows.length === 1 ? "row" : "rows"}: ${reason}. `
          ),
          `Row${shown.length === 1 ? "" : "s"} ${values}`,
          more > 0 ? ` ${PaneActionMessages.moreSkipped(more, onSheet)}` : "."
        );
      })
    );
    byId("skipped").hidden = skipped.length === 0;
  }

  /** Shows the inline question with evidence for each column; resolves with the chosen header, or null. */
  private askAcvColumn(
    question: ColumnQuestion,
    evidence: ColumnEvidence[]
  ): Promise<string | null> {
    const form = byId<HTMLFormElement>("acv-question");
    const choice = byId<HTMLSelectElement>("acv-choice");
    byId("acv-question-text").textContent =
      question.kind === "mrr"
        ? PaneActionMessages.askMrr(question.candidates[0] ?? "")
        : question.kind === "tcv"
          ? PaneActionMessages.askTcv(question.candidates[0] ?? "", question.term)
          : PaneActionMessages.askAcvColumn(question.candidates);
    byId("acv-choice-label").textContent =
      question.kind === "mrr"
        ? PaneActionMessages.mrrColumnLabel()
        : PaneActionMessages.acvColumnLabel();
    replaceChildren(
      choice,
      ...question.candidates.map((name) => h("option", { value: name }, name))
    );
    const showEvidence = () => {
      const e = evidence.find((x) => x.header === choice.value);
      replaceChildren(
        byId("acv-evidence"),
        ...(e
          ? [
              h("dt", {}, "Column"),
              h("dd", {}, e.column),
              h("dt", {}, "Values"),
              h("dd", {}, e.samples.join(" · ") || "none"),
              h("dt", {}, "Filled"),
              h(
                "dd",
                {},
                `${e.filled.toLocaleString("en-US")} of ${e.rows.toLocaleString("en-US")} rows (${e.rows > 0 ? Math.round((e.filled / e.rows) * 100) : 0}%)`
              ),
              h("dt", {}, question.kind === "mrr" ? "Total x12" : "Total"),
              h("dd", {}, shortMoney(question.kind === "mrr" ? e.total * 12 : e.total)),
            ]
          : [])
      );
    };
    choice.onchange = showEvidence;
    showEvidence();
    return this.ask(form, "acv-ok", "acv-cancel", () => choice.value, choice);
  }

  /**
   * Shows the inline question for a column that reads two ways, with its
   * values as the export has them; resolves with the chosen reading's
   * locale tag, or null.
   */
  private askLocale(question: LocaleQuestion): Promise<string | null> {
    byId("locale-question-text").textContent =
      question.subject === "numbers"
        ? `Column "${question.column}" can be read two ways. How are its numbers written?`
        : `Column "${question.column}" can be read two ways. How are its dates written?`;
    replaceChildren(
      byId("locale-evidence"),
      h("dt", {}, "Column"),
      h("dd", {}, question.column),
      h("dt", {}, "Values"),
      h("dd", {}, question.examples.join(" · ") || "none")
    );
    const radios = question.choices.map((choice, i) =>
      h("input", {
        type: "radio",
        name: "locale-choice",
        id: `locale-choice-${i}`,
        value: choice.tag,
        checked: i === 0,
      })
    );
    replaceChildren(
      byId("locale-choices"),
      h("legend", {}, question.subject === "numbers" ? "The numbers are" : "The dates are"),
      ...question.choices.map((choice, i) =>
        h(
          "div",
          { class: "choice" },
          radios[i],
          h("label", { for: `locale-choice-${i}` }, choice.reading)
        )
      )
    );
    return this.ask(
      byId<HTMLFormElement>("locale-question"),
      "locale-ok",
      "locale-cancel",
      () => radios.find((r) => r.checked)?.value ?? question.choices[0].tag,
      radios[0]
    );
  }

  private confirmReplace(existing: readonly string[]): Promise<boolean> {
    byId("replace-question-text").textContent = PaneActionMessages.replaceSheets(existing);
    return this.ask(
      byId<HTMLFormElement>("replace-question"),
      "replace-ok",
      "replace-cancel",
      () => true,
      byId("replace-cancel")
    ).then((answer) => answer === true);
  }

  /**
   * An inline question (no dialogs: Office add-ins cannot use alert/confirm).
   * Escape, and the build's own Cancel, answer Cancel. Focus moves to the question and back to the build
   * button afterwards.
   */
  private ask<T>(
    form: HTMLFormElement,
    okId: string,
    cancelId: string,
    answer: () => T,
    focus: HTMLElement
  ): Promise<T | null> {
    const ok = byId(okId);
    const cancel = byId(cancelId);
    form.hidden = false;
    focus.focus();
    return new Promise<T | null>((resolve) => {
      const finish = (value: T | null) => {
        this.cancelOpenQuestion = null;
        form.removeEventListener("submit", onSubmit);
        form.removeEventListener("keydown", onKey);
        ok.removeEventListener("click", onSubmit);
        cancel.removeEventListener("click", onCancel);
        form.hidden = true;
        byId("build-plan").focus();
        resolve(value);
      };
      const onSubmit = (event: Event) => {
        event.preventDefault();
        finish(answer());
      };
      const onCancel = (event: Event) => {
        event.preventDefault();
        finish(null);
      };
      const onKey = (event: KeyboardEvent) => {
        if (event.key === "Escape") onCancel(event);
      };
      form.addEventListener("submit", onSubmit);
      form.addEventListener("keydown", onKey);
      ok.addEventListener("click", onSubmit);
      cancel.addEventListener("click", onCancel);
      this.cancelOpenQuestion = () => finish(null);
    });
  }
}
