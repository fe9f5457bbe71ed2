import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { evaluate, evaluateOne, excelError } from "../helpers/engine";

describe("=CS.ACCOUNT_CAPACITY (MODEL.md §3)", () => {
  test("the capacity-model preset's profiles at 27 h/week, 4 weeks (108 hours a month)", async () => {
    const [enterprise, midMarket, smb] = await evaluate([
      "=CS.ACCOUNT_CAPACITY(27, 6, 75)", // 6 x 75 / 60 = 7.5 h: 108 / 7.5 = 14.4
      "=CS.ACCOUNT_CAPACITY(27, 3, 52.5)", // 2.625 h: 108 / 2.625 = 41.142857...
      "=CS.ACCOUNT_CAPACITY(27, 1.25, 37.5)", // 0.78125 h: 108 / 0.78125 = 138.24
    ]);
    expect(enterprise).toBe(14.4);
    expect(midMarket).toBeCloseTo(41.142857142857, 9);
    expect(smb).toBe(138.24);
  });

  test("S2's worked ranges, as one spill: enterprise 8-20, mid-market 24-60", async () => {
    // 24 h x 4 = 96 and 30 h x 4 = 120 hours a month.
    // Enterprise 8 x 90 min = 12 h -> 96 / 12 = 8; 4 x 90 = 6 h -> 120 / 6 = 20.
    // Mid-market 4 x 60 = 4 h -> 96 / 4 = 24; 2 x 60 = 2 h -> 120 / 2 = 60.
    expect(
      await evaluateOne("=CS.ACCOUNT_CAPACITY({24;30;24;30}, {8;4;4;2}, {90;90;60;60})")
    ).toEqual([[8], [20], [24], [60]]);
  });

  test("complexity and expansion uplift multiply the hours per account", async () => {
    const results = await evaluate([
      "=CS.ACCOUNT_CAPACITY(27, 6, 75, 3)", // 7.5 x 3 = 22.5 h: 108 / 22.5 = 4.8
      '=CS.ACCOUNT_CAPACITY(27, 6, 75, 1, "30%")', // 7.5 x 1.3 = 9.75 h: 108 / 9.75 = 11.0769...
      "=CS.ACCOUNT_CAPACITY(27, 6, 75, 1, 0.3)",
      "=CS.ACCOUNT_CAPACITY(30, 4, 90, 1, 0.25)", // 6 x 1.25 = 7.5 h: 120 / 7.5 = 16
      '=CS.ACCOUNT_CAPACITY(27, 6, 75, "", "")', // blanks: complexity 1, uplift 0
      "=CS.ACCOUNT_CAPACITY(27, 6, 75, 0.5)", // a simpler product: 3.75 h -> 28.8
      "=CS.ACCOUNT_CAPACITY(0, 6, 75)", // no hours, no accounts
    ]);
    expect(results[0]).toBe(4.8);
    expect(results[1]).toBeCloseTo(108 / 9.75, 9);
    expect(results[2]).toBe(results[1]);
    expect(results.slice(3)).toEqual([16, 14.4, 28.8, 0]);
  });

  test("weeks per month come from the assumptions", async () => {
    const assumptions = defaultAssumptions();
    assumptions.capacity.weeks_per_month = 4.5; // 27 x 4.5 = 121.5 h / 7.5 = 16.2
    expect(await evaluateOne("=CS.ACCOUNT_CAPACITY(27, 6, 75)", { assumptions })).toBe(16.2);
  });

  test("text numbers are read; blank rows give blanks; a bad row errs alone", async () => {
    const sheet = [
      ["hours", "touches", "minutes"],
      ["27", 6, "75"],
      [null, null, null],
      [27, "lots", 75],
      [-27, 6, 75],
      [27, null, 75],
    ];
    expect(await evaluateOne("=CS.ACCOUNT_CAPACITY(A2:A6, B2:B6, C2:C6)", { sheet })).toEqual([
      [14.4],
      [null],
      [excelError("#VALUE!", "touches_per_month, row 3 of the range", '"lots" is not a number')],
      [excelError("#VALUE!", "hours_per_week, row 4 of the range", "-27 is negative")],
      [
        excelError(
          "#VALUE!",
          "touches_per_month, row 5 of the range",
          "Touches per month is blank"
        ),
      ],
    ]);
  });

  test("a single hours value over a column of profiles: blank profile rows stay blank", async () => {
    const sheet = [
      ["touches", "minutes"],
      [6, 75],
      [null, null],
      [1.25, 37.5],
    ];
    expect(await evaluateOne("=CS.ACCOUNT_CAPACITY(27, A2:A4, B2:B4)", { sheet })).toEqual([
      [14.4],
      [null],
      [138.24],
    ]);
  });

  test("no time per account is #VALUE!, not infinity", async () => {
    expect(
      await evaluate(["=CS.ACCOUNT_CAPACITY(27, 0, 75)", "=CS.ACCOUNT_CAPACITY(27, 6, 0)"])
    ).toEqual([
      excelError("#VALUE!", "0 touch(es) a month of 75 minute(s) is no time per account"),
      excelError("#VALUE!", "6 touch(es) a month of 0 minute(s) is no time per account"),
    ]);
  });

  test("out-of-range inputs", async () => {
    expect(
      await evaluate([
        "=CS.ACCOUNT_CAPACITY(200, 6, 75)",
        "=CS.ACCOUNT_CAPACITY(27, -6, 75)",
        "=CS.ACCOUNT_CAPACITY(27, 6, -75)",
        "=CS.ACCOUNT_CAPACITY(27, 6, 75, 0)",
        "=CS.ACCOUNT_CAPACITY(27, 6, 75, -2)",
        "=CS.ACCOUNT_CAPACITY(27, 6, 75, 1, -0.1)",
        "=CS.ACCOUNT_CAPACITY(27, 6, 75, 1, 30)",
        '=CS.ACCOUNT_CAPACITY(27, 6, 75, 1, "some")',
        '=CS.ACCOUNT_CAPACITY("", 6, 75)',
        "=CS.ACCOUNT_CAPACITY(1/0, 6, 75)",
        "=CS.ACCOUNT_CAPACITY(27, 6, 75, TRUE())",
      ])
    ).toEqual([
      excelError("#VALUE!", "Hours per week 200 is more than the 168 hours in a week"),
      excelError("#VALUE!", "Touches per month -6 is negative"),
      excelError("#VALUE!", "Minutes per touch -75 is negative"),
      excelError("#VALUE!", "Complexity 0 must be more than 0"),
      excelError("#VALUE!", "Complexity -2 is negative"),
      excelError("#VALUE!", "Expansion uplift -0.1 is negative"),
      excelError("#VALUE!", "Expansion uplift 30 means 3,000%", '"112%"'),
      excelError("#VALUE!", 'Expansion uplift "some" is not a percentage'),
      excelError("#VALUE!", "Hours per week is blank"),
      excelError("#VALUE!", "Hours per week is #DIV/0!"),
      excelError("#VALUE!", "Complexity TRUE is not a number"),
    ]);
  });

  test("ranges of different sizes", async () => {
    expect(await evaluateOne("=CS.ACCOUNT_CAPACITY({27;30}, {6;4;2}, 75)")).toEqual([
      // One error covers the whole predicted spill (3 rows, the largest range).
      [excelError("#VALUE!", "touches_per_month is 3x1 but the other ranges are 2x1")],
      [excelError("#VALUE!", "touches_per_month is 3x1")],
      [excelError("#VALUE!", "touches_per_month is 3x1")],
    ]);
  });
});
