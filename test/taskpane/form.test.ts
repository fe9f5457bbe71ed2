import { loadPreset, presetNames } from "../../src/core/assumptions/presets";
import {
  addTier,
  differsFromPreset,
  FormRecord,
  getAt,
  readForm,
  removeTier,
  setAt,
  sortTiers,
  toForm,
} from "../../src/taskpane/form";

const fresh = (preset = "tiered-2027"): FormRecord => toForm(loadPreset(preset));
const tierNames = (form: FormRecord) => (form.tiers as FormRecord[]).map((t) => t.name);

describe("the pane's form of the assumptions", () => {
  test.each(presetNames)("preset %s reads back exactly from its form", (preset) => {
    const reading = readForm(fresh(preset), preset);
    expect(reading.problems).toEqual([]);
    expect(reading.assumptions).toEqual(loadPreset(preset));
  });

  test("fields show values the way an FP&A user writes them", () => {
    const form = fresh();
    expect(getAt(form, ["tiers", 4, "min_acv"])).toBe("250,000");
    expect(getAt(form, ["tiers", 4, "csm_ratio"])).toBe("11");
    expect(getAt(form, ["tiers", 3, "tam_ratio"])).toBe("none");
    expect(getAt(form, ["segments", 0, "nrr_target"])).toBe("130%");
    expect(getAt(form, ["payout", "stretch_multiple"])).toBe("1.5x");
    expect(getAt(form, ["payout", "standard", "grr_weight"])).toBe("45%");
    expect(getAt(form, ["hiring", "ramp"])).toBe("0%, 50%, 50%");
  });

  test("typed text is read like a cell: $, k, %, none", () => {
    const form = fresh();
    setAt(form, ["tiers", 4, "min_acv"], "$300k");
    setAt(form, ["tiers", 4, "csm_ratio"], " 12 ");
    setAt(form, ["tiers", 4, "tam_ratio"], "none");
    setAt(form, ["segments", 0, "grr_target"], "97.5%");
    setAt(form, ["payout", "expansion_cap"], "2x");
    const a = readForm(form, "tiered-2027").assumptions;
    expect(a?.tiers[4]).toMatchObject({ min_acv: 300_000, csm_ratio: 12, tam_ratio: null });
    expect(a?.segments[0].grr_target).toBeCloseTo(0.975, 12);
    expect(a?.payout.expansion_cap).toBe(2);
  });

  test("a field that does not read gets its own message, at its own path", () => {
    const form = fresh();
    setAt(form, ["tiers", 2, "csm_ratio"], "fifty");
    const reading = readForm(form, "tiered-2027");
    expect(reading.assumptions).toBeUndefined();
    expect(reading.problems).toEqual([
      {
        key: "tier.Mid-Market.csm_ratio",
        path: ["tiers", 2, "csm_ratio"],
        message:
          'tier.Mid-Market.csm_ratio: "fifty" is not a number of accounts per person, such as 30, or "none" when the role does not apply.',
        words:
          'Mid-Market - Accounts per CSM: "fifty" is not a number of accounts per person, such as 30, or "none" when the role does not apply.',
      },
    ]);
  });

  test.each([
    [["tiers", 1, "csm_ratio"], "0", "tier.Pooled.csm_ratio needs"],
    [["tiers", 2, "min_acv"], "10,000", "below tier.Pooled.min_acv (15,000)"],
    [["payout", "standard", "mbo_weight"], "25%", "weights add up to 105%"],
  ])("the schema's rules land on the field: %j = %p", (path, text, message) => {
    const form = fresh();
    setAt(form, path as (string | number)[], text);
    const problems = readForm(form, "tiered-2027").problems;
    expect(problems.map((p) => p.message).join("\n")).toContain(message);
    const expectedPath = path[0] === "payout" ? ["payout", "standard"] : path;
    expect(problems.map((p) => p.path)).toContainEqual(expectedPath);
  });

  test("tiers are added, removed and put in order of minimum ACV", () => {
    const form = fresh();
    const i = addTier(form);
    expect(getAt(form, ["tiers", i, "name"])).toBe("New tier 1");
    expect(readForm(form, "tiered-2027").problems.map((p) => p.key)).toContain(
      "tier.New tier 1.min_acv"
    );
    setAt(form, ["tiers", i, "min_acv"], "$30k");
    sortTiers(form);
    expect(tierNames(form)).toEqual([
      "Tech-Touch",
      "Pooled",
      "New tier 1",
      "Mid-Market",
      "Enterprise",
      "Strategic",
    ]);
    expect(readForm(form, "tiered-2027").problems).toEqual([]);
    removeTier(form, 2);
    expect(readForm(form, "tiered-2027").assumptions).toEqual(loadPreset("tiered-2027"));
  });

  test("a value differs from the preset only when it means something else", () => {
    const form = fresh();
    const preset = loadPreset("tiered-2027");
    expect(differsFromPreset(form, ["tiers", 4, "csm_ratio"], preset)).toBe(false);
    setAt(form, ["tiers", 4, "csm_ratio"], "11.0");
    expect(differsFromPreset(form, ["tiers", 4, "csm_ratio"], preset)).toBe(false);
    setAt(form, ["tiers", 4, "csm_ratio"], "12");
    expect(differsFromPreset(form, ["tiers", 4, "csm_ratio"], preset)).toBe(true);
    setAt(form, ["segments", 0, "nrr_target"], "1.3");
    expect(differsFromPreset(form, ["segments", 0, "nrr_target"], preset)).toBe(false);
    // Renamed: no tier of that name in the preset, so every field of it is marked.
    setAt(form, ["tiers", 0, "name"], "Digital");
    expect(differsFromPreset(form, ["tiers", 0, "min_acv"], preset)).toBe(true);
  });
});
