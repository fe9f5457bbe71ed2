/**
 * The pane's workbook side with the fake workbook (test/helpers/fake-excel.js):
 * the store is read from workbook settings before functions compute, saved
 * only on Apply, and every CS formula is re-entered after; corrupt and newer settings never crash and
 * are never lost.
 */
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { loadPreset } from "../../src/core/assumptions/presets";
import {
  addScenario,
  defaultStore,
  KEPT_SETTING,
  readStore,
  STORE_SETTING,
  WorkbookStore,
  writeStore,
} from "../../src/core/assumptions/workbook-store";
import { useAssumptions } from "../../src/functions/host";
import { findRuntime, publishRuntime } from "../../src/functions/runtime-bridge";
import { tier } from "../../src/functions/segmentation";
import { excelBackend, WorkbookRunner } from "../../src/taskpane/backends";
import { PaneController } from "../../src/taskpane/controller";
import { FakeWorkbook } from "../helpers/fake-excel";

interface Workbook {
  run: WorkbookRunner;
  /** Every settings.add, in order, with the number of syncs before it. */
  adds: { key: string; value: unknown; syncsBefore: number }[];
  /** Formulas re-entered by the recalculation. */
  reentered: unknown[];
  syncs: () => number;
}

/**
 * A workbook with the given settings and one sheet of formulas, in the
 * limit-enforcing fake of fake-excel.js; settings.add and the formulas
 * re-entered are recorded.
 */
function workbook(
  settings: Record<string, unknown>,
  formulas: unknown[][] = [["=CS.TIER(A1)"]]
): Workbook {
  const book = new FakeWorkbook([{ name: "Plan", formulas }], { settings });
  const adds: Workbook["adds"] = [];
  const s = book.context.workbook.settings;
  const add = s.add.bind(s);
  s.add = ((key: string, value: unknown) => {
    adds.push({ key, value, syncsBefore: book.stats.syncs });
    return add(key, value);
  }) as typeof s.add;
  const reentered = () =>
    book.stats.writes.flatMap((w) =>
      book
        .sheet("Plan")
        .formulas.slice(w.row, w.row + w.rows)
        .map((line) => line[w.col])
    );
  return {
    run: (batch) => batch(book.context),
    adds,
    get reentered() {
      return reentered();
    },
    syncs: () => book.stats.syncs,
  };
}

const tierOf = async (acv: number): Promise<unknown> =>
  ((await tier([[acv]])) as unknown[][])[0][0];

beforeEach(() => publishRuntime(true)); // as in Excel: functions wait for the pane's load
afterEach(() => {
  findRuntime()?.useAssumptions(defaultAssumptions()); // releases this test's wait
  useAssumptions(defaultAssumptions());
});

describe("loading the workbook's assumptions", () => {
  test("functions called before the load wait for it, then use the workbook's scenario", async () => {
    const vitally = changedStore(defaultStore(), "Upside", "vitally-2024");
    const book = workbook({ [STORE_SETTING]: writeStore(vitally) });
    const early = tierOf(15_000); // called while the settings are still loading
    const pane = new PaneController(excelBackend(book.run), findRuntime());
    const read = await pane.start();
    expect(read.status).toBe("ok");
    // vitally-2024 puts $15,000 in its own Mid-Market band; tiered-2027 calls it Pooled.
    expect(expectedTier("tiered-2027", 15_000)).toBe("Pooled");
    expect(expectedTier("vitally-2024", 15_000)).not.toBe("Pooled");
    await expect(early).resolves.toBe(expectedTier("vitally-2024", 15_000));
    expect(book.adds).toEqual([]); // loading never writes
  });

  test("a workbook with no settings uses the default preset and writes nothing", async () => {
    const book = workbook({});
    const pane = new PaneController(excelBackend(book.run), findRuntime());
    expect((await pane.start()).status).toBe("empty");
    expect(pane.assumptions).toEqual(loadPreset("tiered-2027"));
    await expect(tierOf(15_000)).resolves.toBe("Pooled");
    expect(book.adds).toEqual([]);
  });

  test("corrupt settings: functions say why, the original is kept when the user replaces it", async () => {
    const corrupt = '{"format":"cs-coverage-workbook","store_version":1,"scenarios":[{"na';
    const book = workbook({ [STORE_SETTING]: corrupt });
    const pane = new PaneController(excelBackend(book.run), findRuntime());
    const read = await pane.start();
    expect(read.status).toBe("unreadable");
    expect(pane.original).toBe(corrupt);
    await expect(tierOf(15_000)).rejects.toMatchObject({
      message: expect.stringMatching(
        /^CS Coverage cannot use this workbook's assumptions: the stored text is not valid \(The stored assumptions are not valid JSON/
      ),
    });

    await pane.apply(defaultStore());
    expect(book.adds.map((a) => a.key)).toEqual([KEPT_SETTING, STORE_SETTING]);
    expect(book.adds[0].value).toBe(corrupt);
    expect(readStore(book.adds[1].value).status).toBe("ok");
    await expect(tierOf(15_000)).resolves.toBe("Pooled");
  });

  test("settings from a newer version are read-only: nothing is saved over them", async () => {
    const newer = '{"format":"cs-coverage-workbook","store_version":9}';
    const book = workbook({ [STORE_SETTING]: newer });
    const pane = new PaneController(excelBackend(book.run), findRuntime());
    expect((await pane.start()).status).toBe("newer");
    expect(pane.readOnly).toBe(true);
    await expect(tierOf(15_000)).rejects.toMatchObject({
      message: expect.stringContaining("saved by a newer version of the add-in (version 9)"),
    });
    await expect(pane.apply(defaultStore())).rejects.toThrow("read-only");
    expect(book.adds).toEqual([]);
  });

  test("Excel failing to return the settings is reported, not guessed around", async () => {
    const book = workbook({});
    const failing: WorkbookRunner = () =>
      Promise.reject(new Error("RichApi.Error: GeneralException"));
    const pane = new PaneController(excelBackend(failing), findRuntime());
    expect((await pane.start()).status).toBe("unreadable");
    await expect(tierOf(15_000)).rejects.toMatchObject({
      message: expect.stringContaining("Excel did not return the workbook's settings"),
    });
    expect(book.adds).toEqual([]);
  });

  test("if the pane never reports, functions explain after the timeout instead of spinning", async () => {
    findRuntime()?.useAssumptions(defaultAssumptions()); // release beforeEach's real timer
    jest.useFakeTimers();
    try {
      publishRuntime(true);
      const waiting = tierOf(15_000);
      jest.advanceTimersByTime(30_000);
      await expect(waiting).rejects.toMatchObject({
        message: expect.stringContaining("did not load them within 30 seconds"),
      });
    } finally {
      jest.useRealTimers();
    }
  });
});

describe("a pane that reports late", () => {
  test("cells that showed #N/A while the assumptions were loading compute again when they arrive", async () => {
    findRuntime()?.useAssumptions(defaultAssumptions()); // release beforeEach's real timer
    jest.useFakeTimers();
    try {
      publishRuntime(true);
      const waiting = tierOf(15_000);
      jest.advanceTimersByTime(30_000);
      await expect(waiting).rejects.toMatchObject({
        message: expect.stringContaining("did not load them within 30 seconds"),
      });
    } finally {
      jest.useRealTimers();
    }
    // The page reports after all: its workbook's scenario is put in force, and the CS cells
    // (which Excel would leave at #N/A, nothing they read having changed) are re-entered.
    const vitally = changedStore(defaultStore(), "Upside", "vitally-2024");
    const book = workbook({ [STORE_SETTING]: writeStore(vitally) }, [
      ["=CS.TIER(B1)", 15000],
      ["=SUM(B1:B1)", "=CS.SEGMENT(A1)"],
    ]);
    const pane = new PaneController(excelBackend(book.run), findRuntime());
    expect((await pane.start()).status).toBe("ok");
    expect(book.reentered).toEqual(["=CS.TIER(B1)", "=CS.SEGMENT(A1)"]);
    await expect(tierOf(15_000)).resolves.toBe(expectedTier("vitally-2024", 15_000));
    expect(book.adds).toEqual([]); // loading still writes no setting
    // Once only: a later load (the pane reopened) re-enters nothing.
    await pane.start();
    expect(book.reentered).toHaveLength(2);
  });

  test("a pane in time: loading re-enters nothing", async () => {
    const book = workbook({}, [["=CS.TIER(B1)", 15000]]);
    const pane = new PaneController(excelBackend(book.run), findRuntime());
    await pane.start();
    expect(book.reentered).toEqual([]);
  });
});

describe("Apply", () => {
  test("saves once, in one batch, then re-enters every CS formula", async () => {
    const book = workbook({}, [
      ["=CS.TIER(A2)", "=SUM(A1:A3)"],
      ["=cs.required_csms(B:B)", 7],
    ]);
    const pane = new PaneController(excelBackend(book.run), findRuntime());
    await pane.start();
    const store = changedStore(pane.store, "Lean", "capacity-model");
    const syncsBeforeApply = book.syncs();
    const applied = await pane.apply(store);
    expect(book.adds).toHaveLength(1);
    expect(book.adds[0]).toMatchObject({ key: STORE_SETTING, value: writeStore(store) });
    expect(book.adds[0].syncsBefore).toBe(syncsBeforeApply); // saved before anything is recalculated
    expect(applied.recalculated).toBe(2);
    expect(book.reentered).toEqual(["=CS.TIER(A2)", "=cs.required_csms(B:B)"]);
    expect(findRuntime()?.currentAssumptions()).toEqual(loadPreset("capacity-model"));
  });

  test("switching scenario saves the new active one and recalculates", async () => {
    const two = changedStore(defaultStore(), "Upside", "vitally-2024");
    const book = workbook({ [STORE_SETTING]: writeStore(two) });
    const pane = new PaneController(excelBackend(book.run), findRuntime());
    await pane.start();
    expect(pane.store.active).toBe("Upside");
    const result = await pane.switchTo("base");
    expect(result.ok && result.applied?.recalculated).toBe(1);
    const saved = readStore(book.adds[0].value);
    expect(saved.status === "ok" && saved.store.active).toBe("Base");
    await expect(tierOf(15_000)).resolves.toBe("Pooled");
    expect((await pane.switchTo("Nowhere")).ok).toBe(false);
  });
});

function changedStore(store: WorkbookStore, name: string, preset: string): WorkbookStore {
  const change = addScenario(store, name, loadPreset(preset));
  if (!change.ok) throw new Error(change.message);
  return change.store;
}

/** The tier a preset gives an ACV, read off its table (highest minimum at or below). */
function expectedTier(preset: string, acv: number): string {
  const tiers = loadPreset(preset).tiers.filter((t) => t.min_acv <= acv);
  return tiers[tiers.length - 1].name;
}
