import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { setAssumption } from "../../src/core/assumptions/keys";
import { Assumptions } from "../../src/core/assumptions/types";
import { evaluate, evaluateOne, excelError } from "../helpers/engine";

// MODEL.md §4: min(accounts per CSM, ARR ceiling per CSM / average ACV), rounded down.
// Accounts per CSM / ARR ceiling: Strategic 11 / 4.0M, Enterprise 30 / 4.0M,
// Mid-Market 32 / 2.5M, Pooled 50 / 2.5M, Tech-Touch 175 / 1.8M.

describe("=CS.MAX_BOOK (MODEL.md §4)", () => {
  test("the worked cases", async () => {
    expect(
      await evaluate([
        "=CS.MAX_BOOK(300000)", // Strategic: min(11, 13.33) = 11
        '=CS.MAX_BOOK("$400,000")', // Strategic: min(11, 10) = 10
        '=CS.MAX_BOOK(60000, "Mid-Market")', // min(32, 41.67) = 32
        "=CS.MAX_BOOK(90000)", // Mid-Market: min(32, 27.78) = 27
        "=CS.MAX_BOOK(150000)", // Enterprise: min(30, 26.67) = 26
        "=CS.MAX_BOOK(40000)", // Pooled: min(50, 62.5) = 50
        "=CS.MAX_BOOK(12000)", // Tech-Touch: min(175, 150) = 150
        "=CS.MAX_BOOK(1000000)", // Strategic: min(11, 4) = 4
      ])
    ).toEqual([11, 10, 32, 27, 26, 50, 150, 4]);
  });

  test("the tier argument overrides the tier of avg_acv, in any case", async () => {
    expect(
      await evaluate([
        '=CS.MAX_BOOK(300000, "enterprise")', // min(30, 13.33) = 13
        '=CS.MAX_BOOK(60000, " STRATEGIC ")', // min(11, 66.67) = 11
        "=CS.MAX_BOOK(300000, )", // omitted: Strategic, 11
      ])
    ).toEqual([13, 11, 11]);
  });

  test("average ACV 0, or a tier with no ARR ceiling: accounts per CSM, rounded down", async () => {
    const assumptions = defaultAssumptions();
    assumptions.tiers[4].arr_ceiling = null; // Strategic: no ceiling
    assumptions.tiers[0].csm_ratio = 175.9; // Tech-Touch: a fractional ratio
    expect(
      await evaluate(["=CS.MAX_BOOK(0)", '=CS.MAX_BOOK(0, "Strategic")', "=CS.MAX_BOOK(1000000)"], {
        assumptions,
      })
    ).toEqual([175, 11, 11]);
  });

  test("an average ACV above the ceiling still gives a book of one", async () => {
    // Strategic 5,000,000: 4,000,000 / 5,000,000 = 0.8 -> 1 account, not 0
    expect(await evaluateOne("=CS.MAX_BOOK(5000000)")).toBe(1);
  });

  test("a tier with no CSM ratio is #N/A", async () => {
    const assumptions = setAssumption(
      defaultAssumptions(),
      "tier.Pooled.csm_ratio",
      "none"
    ) as Assumptions;
    expect(
      await evaluate(["=CS.MAX_BOOK(20000)", '=CS.MAX_BOOK(300000, "Pooled")'], { assumptions })
    ).toEqual([
      excelError("#N/A", 'Tier Pooled has no accounts-per-CSM ratio ("none")'),
      excelError("#N/A", "Tier Pooled has no accounts-per-CSM ratio"),
    ]);
  });

  test("spills over a range of average ACVs, with a tier per row or one for all; blanks stay blank", async () => {
    const sheet = [
      [300_000, "Strategic"],
      [400_000, null],
      [null, "Pooled"],
      [60_000, "Mid-Market"],
      ["N/A", "Enterprise"],
      [100_000, "Gold"],
    ];
    expect(await evaluateOne("=CS.MAX_BOOK(A1:A6, B1:B6)", { sheet })).toEqual([
      [11],
      [10], // blank tier: the tier of 400,000
      [null],
      [32],
      [excelError("#VALUE!", "avg_acv, row 5", '"N/A" is not an amount')],
      [excelError("#N/A", "tier, row 6", 'There is no tier named "Gold"')],
    ]);
    // One tier for the whole range: Enterprise at 300,000 -> 13; 400,000 -> 10; 60,000 -> 30
    expect(await evaluateOne('=CS.MAX_BOOK(A1:A4, "Enterprise")', { sheet })).toEqual([
      [13],
      [10],
      [null],
      [30],
    ]);
    // One ACV, a range of tiers: 100,000 at Strategic 11, Enterprise 30, Mid-Market 25, Pooled 25
    expect(
      await evaluateOne('=CS.MAX_BOOK(100000, {"Strategic","Enterprise","Mid-Market","Pooled"})')
    ).toEqual([[11, 30, 25, 25]]);
  });

  test("bad input", async () => {
    const sheet = [[1], [2], [3]];
    expect(
      await evaluate(
        [
          "=CS.MAX_BOOK(-1)",
          '=CS.MAX_BOOK("see contract")',
          "=CS.MAX_BOOK(1/0)",
          '=CS.MAX_BOOK(300000, "Gold")',
          "=CS.MAX_BOOK(300000, 5)",
          "=CS.MAX_BOOK(300000, 1/0)",
          '=CS.MAX_BOOK(A1:A3, {"Strategic","Pooled"})',
          '=CS.MAX_BOOK("")',
        ],
        { sheet }
      )
    ).toEqual([
      excelError("#VALUE!", "Average ACV -1 is negative"),
      excelError("#VALUE!", '"see contract" is not an amount'),
      excelError("#VALUE!", "Average ACV is #DIV/0!"),
      excelError("#N/A", 'There is no tier named "Gold". Tiers: Tech-Touch, Pooled'),
      excelError("#VALUE!", "5 is not a tier name. Tiers: Tech-Touch"),
      excelError("#VALUE!", "Tier is #DIV/0!"),
      // One error; the engine spreads it over the 3x2 it predicted (Excel shows one cell)
      Array.from({ length: 3 }, () =>
        Array.from({ length: 2 }, () =>
          excelError("#VALUE!", "tier is 1x2 but the other ranges are 3x1")
        )
      ),
      null,
    ]);
  });
});
