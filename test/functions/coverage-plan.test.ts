import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { setAssumption } from "../../src/core/assumptions/keys";
import { Assumptions } from "../../src/core/assumptions/types";
import { SheetInput } from "../../src/engine/engine";
import { evaluate, evaluateOne, excelError } from "../helpers/engine";

const HEADER = ["Tier", "Accounts", "ARR", "CSMs", "AMs", "TAMs", "ARR per CSM"];

describe("=CS.COVERAGE_PLAN (MODEL.md §4)", () => {
  // A small mixed set: ACVs (numbers and CRM text) and tier names.
  const sheet: SheetInput = [
    ["Account"],
    [300_000], // Strategic, 300,000
    ["$260k"], // Strategic, 260,000
    ["Strategic"], // Strategic, no ACV
    [150_000], // Enterprise, 150,000
    [" enterprise "], // Enterprise, no ACV
    ["$60,000"], // Mid-Market, 60,000
    ["Pooled"], // Pooled, no ACV
    ["pooled"], // Pooled, no ACV
    [null], // skipped
    [5_000], // Tech-Touch, 5,000
    ["12k"], // Tech-Touch, 12,000
  ];

  test("rows and Total worked out by hand", async () => {
    const plan = (await evaluateOne("=CS.COVERAGE_PLAN(A2:A12)", { sheet })) as unknown[][];
    expect(plan.length).toBe(7);
    expect(plan[0]).toEqual(HEADER);
    // Tech-Touch: 2 accounts, ARR 17,000; CSMs 2/175; AMs 2/300; TAMs none -> 0;
    // ARR per CSM 17,000 / (2/175) = 17,000 x 87.5 = 1,487,500
    expect(plan[1]).toEqual([
      "Tech-Touch",
      2,
      17_000,
      expect.closeTo(2 / 175, 14),
      expect.closeTo(2 / 300, 14),
      0,
      1_487_500,
    ]);
    // Pooled: 2 accounts, both tier names -> ARR blank, ARR per CSM blank; CSMs 2/50, AMs 2/80
    expect(plan[2]).toEqual(["Pooled", 2, null, 0.04, 0.025, 0, null]);
    // Mid-Market: 1 account, 60,000; CSMs 1/32 = 0.03125; AMs 1/80 = 0.0125; ARR per CSM 60,000 x 32
    expect(plan[3]).toEqual(["Mid-Market", 1, 60_000, 0.03125, 0.0125, 0, 1_920_000]);
    // Enterprise: 2 accounts, one ACV 150,000 (the name adds no ARR); CSMs 2/30; AMs 2/25 = 0.08;
    // ARR per CSM 150,000 / (2/30) = 2,250,000
    expect(plan[4]).toEqual([
      "Enterprise",
      2,
      150_000,
      expect.closeTo(2 / 30, 14),
      0.08,
      0,
      2_250_000,
    ]);
    // Strategic: 3 accounts, ARR 300,000 + 260,000 = 560,000; CSMs 3/11; AMs 3/25 = 0.12;
    // TAMs 3/10 = 0.3; ARR per CSM 560,000 x 11 / 3 = 2,053,333.33
    expect(plan[5]).toEqual([
      "Strategic",
      3,
      560_000,
      expect.closeTo(3 / 11, 14),
      0.12,
      0.3,
      2_053_333.33,
    ]);
    // Total: 10 accounts; ARR 17,000 + 60,000 + 150,000 + 560,000 = 787,000;
    // CSMs 2/175 + 2/50 + 1/32 + 2/30 + 3/11 = 0.42207...; AMs 2/300 + 2/80 + 1/80 + 2/25 + 3/25 = 0.244166...;
    // TAMs 0.3. As one fraction, CSMs = 77,999 / 184,800, so
    // ARR per CSM = 787,000 x 184,800 / 77,999 = 1,864,608.52
    const csms = 2 / 175 + 2 / 50 + 1 / 32 + 2 / 30 + 3 / 11;
    expect(plan[6]).toEqual([
      "Total",
      10,
      787_000,
      expect.closeTo(77_999 / 184_800, 14),
      expect.closeTo(2 / 300 + 2 / 80 + 1 / 80 + 2 / 25 + 3 / 25, 14),
      0.3,
      1_864_608.52,
    ]);
    expect(csms).toBeCloseTo(77_999 / 184_800, 15);
  });

  test("the Total's CSMs, AMs and TAMs are CS.REQUIRED_HEADCOUNT of the same accounts", async () => {
    const [plan, csm, am, tam] = await evaluate(
      [
        "=CS.COVERAGE_PLAN(A2:A12)",
        "=CS.REQUIRED_CSMS(A2:A12)",
        '=CS.REQUIRED_HEADCOUNT(A2:A12, "AM")',
        '=CS.REQUIRED_HEADCOUNT(A2:A12, "TAM")',
      ],
      { sheet }
    );
    expect((plan as unknown[][])[6].slice(3, 6)).toEqual([csm, am, tam]);
  });

  test("no accounts: every count 0, ARR 0, ARR per CSM blank; the shape does not change", async () => {
    const plan = await evaluateOne("=CS.COVERAGE_PLAN(A1:A3)", { sheet: [[null], [null], [""]] });
    expect(plan).toEqual([
      HEADER,
      ...["Tech-Touch", "Pooled", "Mid-Market", "Enterprise", "Strategic", "Total"].map((t) => [
        t,
        0,
        0,
        0,
        0,
        0,
        null,
      ]),
    ]);
  });

  test("only tier names: the ARR column is blank where there are accounts", async () => {
    // 11 Strategic by name: CSMs 1, AMs 11/25 = 0.44, TAMs 1.1
    const names: SheetInput = Array.from({ length: 11 }, () => ["Strategic"]);
    const plan = (await evaluateOne("=CS.COVERAGE_PLAN(A1:A11)", { sheet: names })) as unknown[][];
    expect(plan[4]).toEqual(["Enterprise", 0, 0, 0, 0, 0, null]);
    expect(plan[5]).toEqual(["Strategic", 11, null, 1, 0.44, 1.1, null]);
    expect(plan[6]).toEqual(["Total", 11, null, 1, 0.44, 1.1, null]);
  });

  test("a 2-D range is read cell by cell", async () => {
    // 2 x 2: 300,000 and Strategic, 20,000 and blank -> Strategic 2 (ARR 300,000), Pooled 1 (20,000)
    const plan = (await evaluateOne("=CS.COVERAGE_PLAN(A1:B2)", {
      sheet: [
        [300_000, "Strategic"],
        [20_000, null],
      ],
    })) as unknown[][];
    expect(plan[2].slice(0, 3)).toEqual(["Pooled", 1, 20_000]);
    expect(plan[5].slice(0, 3)).toEqual(["Strategic", 2, 300_000]);
    expect(plan[6].slice(0, 3)).toEqual(["Total", 3, 320_000]);
  });

  test("a bad cell makes the whole result one error naming it (#N/A for an unknown tier name)", async () => {
    const bad: SheetInput = [[300_000], ["see contract"], [-5]];
    const [text, negative] = (await evaluate(
      ["=CS.COVERAGE_PLAN(A1:A2)", "=CS.COVERAGE_PLAN(A3)"],
      { sheet: bad }
    )) as unknown[][][];
    const named = excelError(
      "#N/A",
      "accounts, row 2",
      'no tier named "see contract", and it is not an amount'
    );
    expect(text).toEqual(Array.from({ length: 7 }, () => Array.from({ length: 7 }, () => named)));
    expect(negative[0][0]).toEqual(excelError("#VALUE!", "ACV -5 is negative"));
    expect(await evaluateOne('=CS.COVERAGE_PLAN("Gold")')).toEqual(
      Array.from({ length: 7 }, () =>
        Array.from({ length: 7 }, () => excelError("#N/A", 'There is no tier named "Gold"'))
      )
    );
  });

  test("the tiers and ratios are the workbook's: the spill has one row per tier", async () => {
    const assumptions: Assumptions = defaultAssumptions();
    assumptions.tiers = assumptions.tiers.filter(
      (t) => t.name !== "Pooled" && t.name !== "Tech-Touch"
    );
    assumptions.tiers[0] = { ...assumptions.tiers[0], min_acv: 0 }; // Mid-Market from 0
    // 5,000 is Mid-Market now: 1/32 CSMs
    const plan = await evaluateOne("=CS.COVERAGE_PLAN(5000)", { assumptions });
    expect(plan).toEqual([
      HEADER,
      ["Mid-Market", 1, 5_000, 0.03125, 0.0125, 0, 160_000],
      ["Enterprise", 0, 0, 0, 0, 0, null],
      ["Strategic", 0, 0, 0, 0, 0, null],
      ["Total", 1, 5_000, 0.03125, 0.0125, 0, 160_000],
    ]);
  });

  test("a tier without a CSM ratio has 0 CSMs and a blank ARR per CSM", async () => {
    const assumptions = setAssumption(
      defaultAssumptions(),
      "tier.Pooled.csm_ratio",
      "none"
    ) as Assumptions;
    const plan = (await evaluateOne('=CS.COVERAGE_PLAN({"$40,000";"$40,000"})', {
      assumptions,
    })) as unknown[][];
    // 2 Pooled, ARR 80,000, AMs 2/80 = 0.025
    expect(plan[2]).toEqual(["Pooled", 2, 80_000, 0, 0.025, 0, null]);
    expect(plan[6]).toEqual(["Total", 2, 80_000, 0, 0.025, 0, null]);
  });

  test("a broken tier table is one error", async () => {
    const assumptions = defaultAssumptions();
    assumptions.tiers[1].min_acv = 0;
    expect(await evaluateOne("=CS.COVERAGE_PLAN(5000)", { assumptions })).toEqual(
      excelError("#VALUE!", "same minimum ACV 0")
    );
  });
});
