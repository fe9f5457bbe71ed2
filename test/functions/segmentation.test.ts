import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { setAssumption } from "../../src/core/assumptions/keys";
import { Assumptions } from "../../src/core/assumptions/types";
import { evaluate, evaluateOne, excelError } from "../helpers/engine";

// MODEL.md §1, default tier table:
// tier        min ACV  segment     coverage model               touch cadence              CSM AM  TAM
// Strategic   250,000  Enterprise  Named CSM + named TAM        Weekly + monthly QBR       11  25  10
// Enterprise  100,000  Enterprise  Named CSM (shared TAM)       Biweekly + quarterly QBR   30  25  none
// Mid-Market   50,000  Mid-Market  Named CSM                    Monthly + quarterly QBR    32  80  none
// Pooled       15,000  Mid-Market  Pooled CSM (vertical pod)    Trigger-based + 2x/year    50  80  none
// Tech-Touch        0  SMB         Tech-touch + scaled CSM      In-app + community        175 300  none

const BOUNDARIES: [string, string][] = [
  ["0", "Tech-Touch"],
  ["14999.99", "Tech-Touch"],
  ["15000", "Pooled"],
  ["49999.99", "Pooled"],
  ["50000", "Mid-Market"],
  ["99999.99", "Mid-Market"],
  ["100000", "Enterprise"],
  ["249999.99", "Enterprise"],
  ["250000", "Strategic"],
];

const FACTS: Record<string, { segment: string; model: string; cadence: string }> = {
  "Tech-Touch": { segment: "SMB", model: "Tech-touch + scaled CSM", cadence: "In-app + community" },
  Pooled: {
    segment: "Mid-Market",
    model: "Pooled CSM (vertical pod)",
    cadence: "Trigger-based + 2x/year",
  },
  "Mid-Market": { segment: "Mid-Market", model: "Named CSM", cadence: "Monthly + quarterly QBR" },
  Enterprise: {
    segment: "Enterprise",
    model: "Named CSM (shared TAM)",
    cadence: "Biweekly + quarterly QBR",
  },
  Strategic: {
    segment: "Enterprise",
    model: "Named CSM + named TAM",
    cadence: "Weekly + monthly QBR",
  },
};

describe("=CS.SEGMENT, =CS.COVERAGE_MODEL, =CS.TOUCH_CADENCE (MODEL.md §1)", () => {
  test.each([
    ["SEGMENT", "segment"],
    ["COVERAGE_MODEL", "model"],
    ["TOUCH_CADENCE", "cadence"],
  ] as const)("CS.%s at every tier boundary", async (fn, fact) => {
    const results = await evaluate(BOUNDARIES.map(([acv]) => `=CS.${fn}(${acv})`));
    expect(results).toEqual(BOUNDARIES.map(([, tier]) => FACTS[tier][fact]));
  });

  test("segments by tier name: Strategic/Enterprise -> Enterprise, Mid-Market/Pooled -> Mid-Market, Tech-Touch -> SMB", async () => {
    const names = ["Strategic", "Enterprise", "Mid-Market", "Pooled", "Tech-Touch"];
    expect(await evaluate(names.map((n) => `=CS.SEGMENT("${n}")`))).toEqual([
      "Enterprise",
      "Enterprise",
      "Mid-Market",
      "Mid-Market",
      "SMB",
    ]);
    expect(await evaluate(names.map((n) => `=CS.COVERAGE_MODEL("${n}")`))).toEqual(
      names.map((n) => FACTS[n].model)
    );
    expect(await evaluate(names.map((n) => `=CS.TOUCH_CADENCE("${n}")`))).toEqual(
      names.map((n) => FACTS[n].cadence)
    );
  });

  test("tier names in any case, trimmed; CRM amount text", async () => {
    expect(
      await evaluate([
        '=CS.SEGMENT(" strategic ")',
        '=CS.SEGMENT("MID-MARKET")',
        '=CS.SEGMENT("$80,000")',
        '=CS.SEGMENT("80k")',
        '=CS.SEGMENT("1.2M")',
        '=CS.SEGMENT("USD 14,999")',
      ])
    ).toEqual(["Enterprise", "Mid-Market", "Mid-Market", "Mid-Market", "Enterprise", "SMB"]);
  });

  test("a range of ACVs and tier names spills the same shape; blanks stay blank; a bad cell errs alone", async () => {
    const sheet = [
      [300_000, "Pooled"],
      [null, "see contract"],
      [-5, "5000"],
    ];
    expect(await evaluateOne("=CS.SEGMENT(A1:B3)", { sheet })).toEqual([
      ["Enterprise", "Mid-Market"],
      [null, excelError("#N/A", "acv_or_tier, row 2, column 2", 'no tier named "see contract"')],
      [excelError("#VALUE!", "acv_or_tier, row 3, column 1", "-5 is negative"), "SMB"],
    ]);
    expect(await evaluateOne("=CS.TOUCH_CADENCE(A1:A3)", { sheet })).toEqual([
      ["Weekly + monthly QBR"],
      [null],
      [excelError("#VALUE!", "ACV -5 is negative")],
    ]);
  });

  test("bad single values", async () => {
    expect(
      await evaluate([
        '=CS.SEGMENT("Gold")',
        '=CS.COVERAGE_MODEL("N/A")',
        "=CS.TOUCH_CADENCE(-1)",
        "=CS.SEGMENT(TRUE())",
        "=CS.SEGMENT(1/0)",
        '=CS.SEGMENT("")',
      ])
    ).toEqual([
      excelError(
        "#N/A",
        'There is no tier named "Gold", and it is not an amount such as "$80,000". Tiers: Tech-Touch, Pooled, Mid-Market, Enterprise, Strategic.'
      ),
      excelError("#N/A", 'There is no tier named "N/A"'),
      excelError("#VALUE!", "ACV -1 is negative"),
      excelError("#VALUE!", "TRUE is not an amount"),
      excelError("#VALUE!", "ACV is #DIV/0!"),
      null,
    ]);
  });

  test("facts come from the workbook's assumptions", async () => {
    const assumptions = setAssumption(
      defaultAssumptions(),
      "tier.Pooled.coverage_model",
      "Digital pod"
    ) as Assumptions;
    expect(await evaluateOne('=CS.COVERAGE_MODEL("20k")', { assumptions })).toBe("Digital pod");
  });

  test("a broken tier table is the error in every cell", async () => {
    const assumptions = defaultAssumptions();
    assumptions.tiers[1].min_acv = 0; // Pooled and Tech-Touch both at 0
    expect(await evaluateOne("=CS.SEGMENT(A1:A2)", { assumptions, sheet: [[1], [2]] })).toEqual([
      [excelError("#VALUE!", "same minimum ACV 0")],
      [excelError("#VALUE!", "same minimum ACV 0")],
    ]);
  });
});

describe("=CS.TARGET_RATIO (MODEL.md §1)", () => {
  test("accounts per CSM by default, at every tier boundary", async () => {
    const ratios: Record<string, number> = {
      "Tech-Touch": 175,
      Pooled: 50,
      "Mid-Market": 32,
      Enterprise: 30,
      Strategic: 11,
    };
    const results = await evaluate(BOUNDARIES.map(([acv]) => `=CS.TARGET_RATIO(${acv})`));
    expect(results).toEqual(BOUNDARIES.map(([, tier]) => ratios[tier]));
  });

  test("each role of each tier; 'none' is #N/A with a message", async () => {
    const tiers = ["Strategic", "Enterprise", "Mid-Market", "Pooled", "Tech-Touch"];
    const formulas = tiers.flatMap((t) =>
      ["CSM", "AM", "TAM"].map((role) => `=CS.TARGET_RATIO("${t}", "${role}")`)
    );
    const none = (tier: string) =>
      excelError("#N/A", `Tier ${tier} has no accounts-per-TAM ratio ("none")`);
    expect(await evaluate(formulas)).toEqual([
      ...[11, 25, 10], // Strategic
      ...[30, 25, none("Enterprise")],
      ...[32, 80, none("Mid-Market")],
      ...[50, 80, none("Pooled")],
      ...[175, 300, none("Tech-Touch")],
    ]);
  });

  test("role in any case; blank or omitted role is CSM", async () => {
    const sheet = [[null]];
    expect(
      await evaluate(
        [
          '=CS.TARGET_RATIO(300000, "tam")',
          '=CS.TARGET_RATIO(300000, " Am ")',
          "=CS.TARGET_RATIO(300000, A1)",
          "=CS.TARGET_RATIO(300000, )",
        ],
        { sheet }
      )
    ).toEqual([10, 25, 11, 11]);
  });

  test("a range spills; the none message sits in its own cell", async () => {
    const sheet = [[300_000], [null], ["Enterprise"], ["x"]];
    expect(await evaluateOne('=CS.TARGET_RATIO(A1:A4, "TAM")', { sheet })).toEqual([
      [10],
      [null],
      [excelError("#N/A", "acv_or_tier, row 3", "Tier Enterprise has no accounts-per-TAM")],
      [excelError("#N/A", "acv_or_tier, row 4", 'There is no tier named "x"')],
    ]);
  });

  test("an unknown role is #N/A over the whole spill", async () => {
    const sheet = [[300_000], [60_000]];
    expect(
      await evaluate(
        [
          '=CS.TARGET_RATIO(300000, "VP")',
          "=CS.TARGET_RATIO(300000, 3)",
          '=CS.TARGET_RATIO(A1:A2, "CSMs")',
        ],
        { sheet }
      )
    ).toEqual([
      excelError("#N/A", 'There is no role named "VP". Roles: CSM, AM, TAM.'),
      excelError("#N/A", "There is no role named 3"),
      [[excelError("#N/A", 'no role named "CSMs"')], [excelError("#N/A", 'no role named "CSMs"')]],
    ]);
  });

  test("ratios come from the workbook's assumptions, 'none' included", async () => {
    let assumptions = setAssumption(
      defaultAssumptions(),
      "tier.Enterprise.tam_ratio",
      "20"
    ) as Assumptions;
    assumptions = setAssumption(assumptions, "tier.Strategic.am_ratio", "none") as Assumptions;
    expect(
      await evaluate(['=CS.TARGET_RATIO("Enterprise", "TAM")', '=CS.TARGET_RATIO(300000, "AM")'], {
        assumptions,
      })
    ).toEqual([20, excelError("#N/A", "Tier Strategic has no accounts-per-AM ratio")]);
  });
});
