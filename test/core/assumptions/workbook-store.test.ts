import { exportAssumptions } from "../../../src/core/assumptions/format";
import { loadPreset } from "../../../src/core/assumptions/presets";
import {
  activateScenario,
  activeScenario,
  addScenario,
  defaultStore,
  MAX_SCENARIOS,
  readStore,
  removeScenario,
  renameScenario,
  replaceAssumptions,
  StoreRead,
  WorkbookStore,
  writeStore,
} from "../../../src/core/assumptions/workbook-store";

function okStore(read: StoreRead): WorkbookStore {
  if (read.status !== "ok" && read.status !== "empty")
    throw new Error(`expected a readable store, got ${JSON.stringify(read)}`);
  return read.store;
}

function changed(result: { ok: true; store: WorkbookStore } | { ok: false; message: string }) {
  if (!result.ok) throw new Error(result.message);
  return result.store;
}

/** A stored document with scenario bodies given as export files (objects). */
function storedDoc(scenarios: { name: unknown; assumptions: unknown }[], extra: object = {}) {
  return JSON.stringify({
    format: "cs-coverage-workbook",
    store_version: 1,
    active: "Base",
    scenarios,
    ...extra,
  });
}
const exportDoc = (preset: string) =>
  JSON.parse(exportAssumptions(loadPreset(preset))) as Record<string, unknown>;

describe("the workbook's stored assumptions", () => {
  test.each([[null], [undefined], [""]])(
    "no setting (%p) means the default preset as scenario Base",
    (raw) => {
      const read = readStore(raw);
      expect(read.status).toBe("empty");
      const store = okStore(read);
      expect(store.scenarios.map((s) => s.name)).toEqual(["Base"]);
      expect(activeScenario(store).assumptions).toEqual(loadPreset("tiered-2027"));
    }
  );

  test("scenarios and the active one survive a write and a read", () => {
    let store = defaultStore();
    store = changed(addScenario(store, "Upside", loadPreset("vitally-2024")));
    store = changed(addScenario(store, "Lean", loadPreset("capacity-model")));
    store = changed(activateScenario(store, "upside"));
    const read = readStore(writeStore(store));
    expect(read.status).toBe("ok");
    const back = okStore(read);
    expect(back.active).toBe("Upside");
    expect(back.scenarios.map((s) => [s.name, s.assumptions.preset])).toEqual([
      ["Base", "tiered-2027"],
      ["Upside", "vitally-2024"],
      ["Lean", "capacity-model"],
    ]);
    expect(back).toEqual(store);
    expect(writeStore(back)).toBe(writeStore(store)); // deterministic
  });

  test("each stored scenario is a whole export file", () => {
    const doc = JSON.parse(writeStore(defaultStore()));
    expect(doc.scenarios[0].assumptions).toEqual(exportDoc("tiered-2027"));
  });

  test.each([
    ["not JSON", "{not json", "not valid JSON"],
    ["JSON of something else", '{"hello": 1}', 'no "format": "cs-coverage-workbook"'],
    ["a bare number", "42", 'no "format"'],
    [
      "a bad version",
      '{"format":"cs-coverage-workbook","store_version":"one"}',
      'store_version "one"',
    ],
    [
      "no scenarios",
      '{"format":"cs-coverage-workbook","store_version":1,"scenarios":[]}',
      "no scenarios",
    ],
  ])("%s is unreadable, with a message, and the original is kept", (_what, raw, message) => {
    const read = readStore(raw);
    expect(read.status).toBe("unreadable");
    if (read.status !== "unreadable") return;
    expect(read.original).toBe(raw);
    expect(read.problems.map((p) => p.message).join(" ")).toContain(message);
  });

  test("a value another tool stored as an object is read, or kept as JSON text", () => {
    const object = JSON.parse(writeStore(defaultStore()));
    expect(readStore(object).status).toBe("ok");
    const read = readStore({ some: "thing" });
    expect(read.status === "unreadable" && read.original).toBe('{"some":"thing"}');
  });

  test("a scenario with a bad value makes the store unreadable and names scenario and key", () => {
    const upside = exportDoc("tiered-2027");
    (upside.assumptions as { tiers: { csm_ratio: number }[] }).tiers[4].csm_ratio = 0;
    const raw = storedDoc([
      { name: "Base", assumptions: exportDoc("tiered-2027") },
      { name: "Upside", assumptions: upside },
    ]);
    const read = readStore(raw);
    expect(read.status).toBe("unreadable");
    if (read.status !== "unreadable") return;
    expect(read.original).toBe(raw);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0].key).toBe("scenario.Upside.tier.Strategic.csm_ratio");
    expect(read.problems[0].message).toMatch(/^Scenario Upside: tier\.Strategic\.csm_ratio needs/);
  });

  test("two scenarios with one name (ignoring case) are refused", () => {
    const read = readStore(
      storedDoc([
        { name: "Base", assumptions: exportDoc("tiered-2027") },
        { name: " base ", assumptions: exportDoc("vitally-2024") },
      ])
    );
    expect(read.status === "unreadable" && read.problems[0].message).toContain(
      'already a scenario named "Base"'
    );
  });

  test("a newer store version is read-only, kept and explained", () => {
    const raw = '{"format":"cs-coverage-workbook","store_version":2,"future":true}';
    const read = readStore(raw);
    expect(read).toEqual({
      status: "newer",
      version: 2,
      original: raw,
      message: expect.stringContaining("newer CS Coverage (store version 2)"),
    });
  });

  test("a scenario saved with a newer schema makes the whole store read-only", () => {
    const future = { ...exportDoc("tiered-2027"), schema_version: 7 };
    const raw = storedDoc([
      { name: "Base", assumptions: exportDoc("tiered-2027") },
      { name: "Next", assumptions: future },
    ]);
    const read = readStore(raw);
    expect(read.status).toBe("newer");
    expect(read.status === "newer" && read.message).toContain("Scenario Next was saved by a newer");
    expect(read.status === "newer" && read.original).toBe(raw);
  });

  test("an active name that is not a scenario falls back to the first, with a note", () => {
    const read = readStore(
      storedDoc([{ name: "Base", assumptions: exportDoc("tiered-2027") }], { active: "Gone" })
    );
    expect(read.status).toBe("ok");
    if (read.status !== "ok") return;
    expect(read.store.active).toBe("Base");
    expect(read.notes).toEqual([
      'The active scenario "Gone" is not among the stored scenarios, so Base is active.',
    ]);
  });

  test("a multi-megabyte blob is refused before it is parsed", () => {
    const raw = `{"format":"cs-coverage-workbook","pad":"${"x".repeat(3_000_000)}"}`;
    const read = readStore(raw);
    expect(read.status).toBe("unreadable");
    expect(read.status === "unreadable" && read.problems[0].message).toContain("3,000,0");
    expect(read.status === "unreadable" && read.original.length).toBe(raw.length);
  });

  test("prototype keys in the store reach nothing and are refused by name", () => {
    const raw = storedDoc([{ name: "Base", assumptions: exportDoc("tiered-2027") }], {}).replace(
      /^\{/,
      '{"__proto__":{"polluted":true},'
    );
    const read = readStore(raw);
    expect(read).toMatchObject({ status: "unreadable", original: raw });
    if (read.status === "unreadable") expect(read.problems[0].message).toContain("__proto__");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("scenarios", () => {
  test("adding copies the assumptions, makes it active and refuses clashes and blanks", () => {
    const base = defaultStore();
    const from = loadPreset("vitally-2024");
    const store = changed(addScenario(base, "  Upside ", from));
    expect(store.active).toBe("Upside");
    from.tiers[0].name = "Changed later";
    expect(activeScenario(store).assumptions.tiers[0].name).not.toBe("Changed later");
    expect(base.scenarios).toHaveLength(1); // the original store is untouched
    expect(addScenario(store, "UPSIDE", from)).toEqual({
      ok: false,
      message:
        'There is already a scenario named "Upside" (names match ignoring case); choose another name.',
    });
    expect(addScenario(store, "   ", from)).toEqual({
      ok: false,
      message: "Give the scenario a name.",
    });
    expect(addScenario(store, "x".repeat(41), from).ok).toBe(false);
  });

  test(`a workbook holds at most ${MAX_SCENARIOS} scenarios`, () => {
    let store = defaultStore();
    for (let i = 2; i <= MAX_SCENARIOS; i++)
      store = changed(addScenario(store, `S${i}`, loadPreset("tiered-2027")));
    const result = addScenario(store, "One more", loadPreset("tiered-2027"));
    expect(result.ok === false && result.message).toContain(`at most ${MAX_SCENARIOS}`);
  });

  test("renaming keeps the active marker with the scenario", () => {
    let store = changed(addScenario(defaultStore(), "Upside", loadPreset("tiered-2027")));
    store = changed(renameScenario(store, "Upside", "Stretch"));
    expect(store.active).toBe("Stretch");
    expect(store.scenarios.map((s) => s.name)).toEqual(["Base", "Stretch"]);
    expect(renameScenario(store, "Stretch", "base").ok).toBe(false);
    expect(changed(renameScenario(store, "Stretch", "STRETCH")).active).toBe("STRETCH");
  });

  test("removing the active scenario activates the first; the last one stays", () => {
    let store = changed(addScenario(defaultStore(), "Lean", loadPreset("capacity-model")));
    store = changed(removeScenario(store, "Lean"));
    expect(store.active).toBe("Base");
    expect(removeScenario(store, "Base")).toEqual({
      ok: false,
      message:
        "Base is the only scenario; a workbook always has one. Add another before removing it.",
    });
    expect(activateScenario(store, "Nope").ok).toBe(false);
  });

  test("replacing one scenario's assumptions leaves the others", () => {
    let store = changed(addScenario(defaultStore(), "Upside", loadPreset("tiered-2027")));
    store = changed(replaceAssumptions(store, "Base", loadPreset("vitally-2024")));
    expect(store.scenarios.map((s) => s.assumptions.preset)).toEqual([
      "vitally-2024",
      "tiered-2027",
    ]);
  });
});
