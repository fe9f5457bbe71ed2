/**
 * The pane's workbook buttons: Build coverage plan (from the selected CRM
 * export), Repair CS formulas and Recalculate CS formulas. The work itself
 * is in build-plan.ts and recalc.ts; this file asks the user what the
 * builder needs (which column holds the ACV, whether to replace an earlier
 * plan), shows progress, and reports what happened. Everything taken from
 * the workbook (headers, bad ACV values) is shown as text, never as markup.
 */
import { ExportPlanMessages, PaneActionMessages, PlanMessages } from "../core/errors";
import type { ColumnQuestion } from "../plan/columns";
import { describeSkipped, SKIPPED_SHOWN, SkippedRow } from "../plan/rows";
import type { BuildPlanResult } from "./build-plan";
import { byId, h, replaceChildren } from "./dom";

/** What the buttons do to the workbook: Excel batches in the add-in, fakes in tests. */
export interface WorkbookJobs {
  /** The plan sheets already in the workbook (a rebuild replaces them). */
  existingPlanSheets(): Promise<string[]>;
  buildPlan(
    askAcvColumn: (question: ColumnQuestion) => Promise<string | null>,
    onProgress: (done: number, total: number) => void
  ): Promise<BuildPlanResult>;
  /** Both go through every sheet a chunk of rows at a time, reporting rows looked at and the total. */
  repair(onProgress: (done: number, total: number) => void): Promise<number>;
  recalculate(onProgress: (done: number, total: number) => void): Promise<number>;
  /** Why the plan cannot be built now (unusable stored assumptions), or null. */
  blocked(): string | null;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Messages shared with the command line start in lower case; the pane shows sentences. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export class WorkbookActions {
  private busy = false;

  constructor(private readonly jobs: WorkbookJobs) {}

  mount(): void {
    byId("build-plan").addEventListener("click", () => void this.build());
    byId("repair").addEventListener("click", () => void this.run("repair"));
    byId("recalc").addEventListener("click", () => void this.run("recalculate"));
  }

  private buttons(): HTMLButtonElement[] {
    return ["build-plan", "repair", "recalc"].map((id) => byId<HTMLButtonElement>(id));
  }

  /** One job at a time: the buttons are disabled while one runs. */
  private async exclusive(job: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    for (const button of this.buttons()) button.disabled = true;
    try {
      await job();
    } finally {
      this.busy = false;
      for (const button of this.buttons()) button.disabled = false;
    }
  }

  private status(text: string): void {
    byId("workbook-status").textContent = sentence(text);
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
          which === "repair" ? PlanMessages.repaired(count) : PaneActionMessages.recalculated(count)
        );
      } catch (error) {
        this.status(PaneActionMessages.failed(which, describeError(error)));
      } finally {
        byId<HTMLProgressElement>("plan-progress").hidden = true;
      }
    });
  }

  private async build(): Promise<void> {
    await this.exclusive(async () => {
      this.showSkipped([], false);
      const blocked = this.jobs.blocked();
      if (blocked !== null) {
        this.status(blocked);
        return;
      }
      const progress = byId<HTMLProgressElement>("plan-progress");
      try {
        const existing = await this.jobs.existingPlanSheets();
        if (existing.length > 0 && !(await this.confirmReplace(existing))) {
          this.status(PaneActionMessages.notReplaced());
          return;
        }
        this.status(PaneActionMessages.building());
        progress.value = 0;
        const result = await this.jobs.buildPlan(
          (question) => this.askAcvColumn(question),
          // Shown from the first chunk on, not while a question is open.
          (done, total) =>
            this.showProgress(done, total, PaneActionMessages.writingAccounts(done, total))
        );
        this.status(result.message);
        this.showSkipped(result.skipped ?? [], result.built);
      } catch (error) {
        this.status(PaneActionMessages.failed("build", describeError(error)));
      } finally {
        progress.hidden = true;
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

  /** Lists the first skipped rows (row, value, reason) under the status line. */
  private showSkipped(skipped: readonly SkippedRow[], onSheet: boolean): void {
    const list = byId("skipped-list");
    replaceChildren(
      list,
      ...skipped.slice(0, SKIPPED_SHOWN).map((row) => h("li", {}, sentence(describeSkipped(row))))
    );
    const more = skipped.length - SKIPPED_SHOWN;
    if (more > 0) list.appendChild(h("li", {}, PaneActionMessages.moreSkipped(more, onSheet)));
    list.hidden = skipped.length === 0;
  }

  /** Shows the inline question form; resolves with the chosen header, or null for Cancel. */
  private askAcvColumn(question: ColumnQuestion): Promise<string | null> {
    const form = byId<HTMLFormElement>("acv-question");
    const choice = byId<HTMLSelectElement>("acv-choice");
    byId("acv-question-text").textContent =
      question.kind === "mrr"
        ? PlanMessages.askMrr(question.candidates[0] ?? "")
        : question.kind === "tcv"
          ? ExportPlanMessages.askTcv(question.candidates[0] ?? "", question.term)
          : PlanMessages.askAcvColumn(question.candidates);
    byId("acv-choice-label").textContent =
      question.kind === "mrr"
        ? PaneActionMessages.mrrColumnLabel()
        : PaneActionMessages.acvColumnLabel();
    replaceChildren(
      choice,
      ...question.candidates.map((name) => h("option", { value: name }, name))
    );
    return this.ask(form, "acv-ok", "acv-cancel", () => choice.value, choice);
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
   * Focus moves to the question and back to the build button afterwards.
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
        form.removeEventListener("submit", onSubmit);
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
      form.addEventListener("submit", onSubmit);
      ok.addEventListener("click", onSubmit);
      cancel.addEventListener("click", onCancel);
    });
  }
}
