/**
 * What the pane does with the workbook, without any DOM: load the store and
 * put the active scenario in force before functions compute, save on Apply,
 * recalculate every CS formula after anything the functions read changed.
 * The backend is Excel (workbook settings) or, outside Office, this page.
 */
import {
  activateScenario,
  activeScenario,
  defaultStore,
  readStore,
  StoreChange,
  StoreRead,
  WorkbookStore,
  writeStore,
} from "../core/assumptions/workbook-store";
import { Assumptions } from "../core/assumptions/types";
import { CsRuntime } from "../functions/runtime-bridge";

export interface Backend {
  /** "workbook" in Excel; "page" outside Office, where nothing outlives the page. */
  readonly where: "workbook" | "page";
  load(): Promise<unknown>;
  save(text: string, keepOriginal: string | null): Promise<void>;
  /** Re-runs every CS formula; returns how many there were. */
  recalculate(): Promise<number>;
}

export interface Applied {
  recalculated: number;
}

export class PaneController {
  /** What the workbook held when the pane opened (kept for export). */
  read: StoreRead = { status: "empty", store: defaultStore() };
  /** The store in force: what the functions use. */
  store: WorkbookStore = defaultStore();
  /** Whether this pane has put good assumptions in force (a later bad read keeps them). */
  private inForce = false;

  constructor(
    private readonly backend: Backend,
    private readonly runtime: CsRuntime | undefined
  ) {}

  get where(): "workbook" | "page" {
    return this.backend.where;
  }

  /** True when the workbook's store was saved by a newer version: nothing may be saved over it. */
  get readOnly(): boolean {
    return this.read.status === "newer";
  }

  /** The stored text that could not be used, to export; null when the store was read. */
  get original(): string | null {
    return this.read.status === "unreadable" || this.read.status === "newer"
      ? this.read.original
      : null;
  }

  /**
   * Reads the workbook's store and tells the functions what to use. Never
   * throws: a failure to read the settings at all is reported like an
   * unreadable store (and the functions say so rather than guess).
   */
  async start(): Promise<StoreRead> {
    let raw: unknown;
    try {
      raw = await this.backend.load();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.read = {
        status: "unreadable",
        problems: [
          { key: "store", message: `Excel did not return the workbook's settings: ${message}` },
        ],
        original: "",
      };
      // Functions already computing with good assumptions go on with them.
      if (this.inForce) return this.read;
      this.runtime?.assumptionsUnavailable(
        `Excel did not return the workbook's settings (${message}).`
      );
      return this.read;
    }
    this.read = readStore(raw);
    if (this.read.status === "ok" || this.read.status === "empty") {
      this.store = this.read.store;
      this.runtime?.useAssumptions(activeScenario(this.store).assumptions);
      this.inForce = true;
      // Cells that showed #N/A because this load came late compute again with what just arrived.
      if (this.runtime?.takeStaleCells()) await this.recalculateStale();
    } else if (this.inForce) {
      // Read again and now unusable: the functions go on with the last good store.
      return this.read;
    } else {
      this.store = defaultStore();
      const reason =
        this.read.status === "newer"
          ? `they were saved by a newer version of the add-in (version ${this.read.version}).`
          : `the stored text is not valid (${this.read.problems[0]?.message ?? "unknown problem"})`;
      this.runtime?.assumptionsUnavailable(reason);
    }
    return this.read;
  }

  /** Re-enters the CS formulas after a late load; if Excel refuses, they keep their #N/A (never a number). */
  private async recalculateStale(): Promise<void> {
    try {
      await this.backend.recalculate();
    } catch {
      // The #N/A cells say why (the load timed out); Recalculate in the pane computes them again.
    }
  }

  /**
   * Saves a new store (new assumptions, scenarios, or another active one),
   * puts its active scenario in force and recalculates every CS formula.
   * An unreadable original is kept in its own setting as it is replaced.
   */
  async apply(store: WorkbookStore): Promise<Applied> {
    if (this.readOnly)
      throw new Error("These assumptions are read-only: they were saved by a newer version.");
    await this.backend.save(writeStore(store), this.original);
    this.store = store;
    this.read = { status: "ok", store, notes: [] };
    this.runtime?.useAssumptions(activeScenario(store).assumptions);
    this.inForce = true;
    return { recalculated: await this.backend.recalculate() };
  }

  /** Makes another scenario active (saved, then recalculated). */
  async switchTo(name: string): Promise<StoreChange & { applied?: Applied }> {
    const change = activateScenario(this.store, name);
    if (!change.ok) return change;
    return { ...change, applied: await this.apply(change.store) };
  }

  get assumptions(): Assumptions {
    return activeScenario(this.store).assumptions;
  }
}
