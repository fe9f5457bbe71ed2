/**
 * Export and import of the assumptions as a JSON file (the format of
 * core/assumptions/format.ts), and export of a stored text the pane could
 * not read. An import fills the draft; nothing is saved until Apply.
 */
import { exportAssumptions, importAssumptions } from "../core/assumptions/format";
import { Assumptions } from "../core/assumptions/types";
import { activeScenario } from "../core/assumptions/workbook-store";
import { PaneMessages } from "./messages";
import { PaneController } from "./controller";
import { byId, h } from "./dom";
import { Feedback } from "./feedback";

export interface ImportExportHost {
  /** The draft when it reads cleanly (exported as shown), else undefined. */
  draft(): Assumptions | undefined;
  /** Replaces the draft with imported assumptions. */
  load(assumptions: Assumptions): void;
}

export class ImportExport {
  constructor(
    private readonly controller: PaneController,
    private readonly host: ImportExportHost,
    private readonly feedback: Feedback
  ) {}

  mount(): void {
    byId("export").addEventListener("click", () => this.exportActive());
    byId("export-original").addEventListener("click", () => this.exportOriginal());
    byId("import").addEventListener("click", () => byId<HTMLInputElement>("import-file").click());
    byId<HTMLInputElement>("import-file").addEventListener(
      "change",
      (e) => void this.importFile(e)
    );
    byId("export-original").hidden = this.controller.original === null;
  }

  private download(text: string, fileName: string): void {
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const link = h("a", { href: url, download: fileName, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private exportActive(): void {
    const assumptions = this.host.draft();
    // Unapplied edits are exported when they are valid: what you see is what you get.
    const text = exportAssumptions(assumptions ?? this.controller.assumptions);
    const name = activeScenario(this.controller.store).name;
    this.download(text, `cs-assumptions-${name.replace(/[^A-Za-z0-9_-]+/g, "-")}.json`);
    this.feedback.status(PaneMessages.exported(name, assumptions === undefined));
  }

  private exportOriginal(): void {
    const original = this.controller.original;
    if (original === null) return;
    this.download(original, "cs-assumptions-stored-original.json");
    this.feedback.status(PaneMessages.exportedOriginal());
  }

  private async importFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    const result = importAssumptions(await file.text());
    if (!result.ok) {
      this.feedback.banner(
        "import",
        "error",
        PaneMessages.importFailed(file.name),
        result.problems.map((p) => p.message),
        PaneMessages.moreProblems
      );
      return;
    }
    this.feedback.dismiss("import");
    this.host.load(result.assumptions);
    this.feedback.status(PaneMessages.imported(file.name));
    if (result.warnings.length > 0)
      this.feedback.banner(
        "import",
        "info",
        PaneMessages.importNotes(),
        result.warnings.map((w) => w.message)
      );
  }
}
