import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { evaluate, evaluateOne, excelError } from "../helpers/engine";

describe("=CS.FORWARD_ARR (MODEL.md §4)", () => {
  test("current x (1 - gross churn) + new + expansion", async () => {
    expect(
      await evaluate([
        // 10,000,000 x 0.92 + 1,500,000 + 900,000 = 11,600,000
        "=CS.FORWARD_ARR(10000000, 0.08, 1500000, 900000)",
        // 2,500,000 x 0.9 + 250,000 = 2,500,000
        '=CS.FORWARD_ARR("$2.5M", "10%", "250k")',
        '=CS.FORWARD_ARR("$2.5M", "10%", "250k", "")', // blank expansion is 0
        "=CS.FORWARD_ARR(1000000, 1, 0)", // 100% churn: only new ARR remains
        "=CS.FORWARD_ARR(0, 0, 0)",
        // 1,234,567.89 x 0.93 = 1,148,148.1377 -> to the cent
        "=CS.FORWARD_ARR(1234567.89, 0.07, 0)",
      ])
    ).toEqual([11_600_000, 2_500_000, 2_500_000, 0, 0, 1_148_148.14]);
  });

  test("a column of books spills; blank rows stay blank; a bad row errs alone", async () => {
    const sheet = [
      ["ARR", "Churn", "New"],
      ["$1,000,000", "5%", 100_000], // 950,000 + 100,000
      [null, null, null],
      ["$2M", 1.5, 0],
      ["$2M", null, 0],
      ["N/A", 0.1, 0],
    ];
    expect(await evaluateOne("=CS.FORWARD_ARR(A2:A6, B2:B6, C2:C6)", { sheet })).toEqual([
      [1_050_000],
      [null],
      [excelError("#VALUE!", "gross_churn, row 3 of the range", "Gross churn 1.5 is above 100%")],
      [excelError("#VALUE!", "gross_churn, row 4 of the range", "Gross churn is blank")],
      [excelError("#VALUE!", "current_arr, row 5 of the range", '"N/A" is not an amount')],
    ]);
    // One churn rate for every book; the blank book row stays blank.
    expect(await evaluateOne("=CS.FORWARD_ARR(A2:A3, 0.1, 0)", { sheet })).toEqual([
      [900_000],
      [null],
    ]);
  });

  test("bad input", async () => {
    expect(
      await evaluate([
        "=CS.FORWARD_ARR(-1000, 0.1, 0)",
        "=CS.FORWARD_ARR(1000, -0.1, 0)",
        "=CS.FORWARD_ARR(1000, 8, 0)",
        '=CS.FORWARD_ARR(1000, "lots", 0)',
        "=CS.FORWARD_ARR(1000, 0.1, -5)",
        "=CS.FORWARD_ARR(1000, 0.1, 0, -5)",
        '=CS.FORWARD_ARR("", 0.1, 0)',
        '=CS.FORWARD_ARR(1000, 0.1, "")',
        "=CS.FORWARD_ARR(1/0, 0.1, 0)",
        "=CS.FORWARD_ARR({1;2}, {0.1;0.2;0.3}, 0)",
      ])
    ).toEqual([
      excelError("#VALUE!", "Current ARR -1,000 is negative"),
      excelError("#VALUE!", "Gross churn -0.1 is negative"),
      excelError("#VALUE!", "Gross churn 8 is above 100%", '"85%"'),
      excelError("#VALUE!", 'Gross churn "lots" is not a percentage'),
      excelError("#VALUE!", "New ARR -5 is negative"),
      excelError("#VALUE!", "Expansion ARR -5 is negative"),
      excelError("#VALUE!", "Current ARR is blank"),
      excelError("#VALUE!", "New ARR is blank"),
      excelError("#VALUE!", "Current ARR is #DIV/0!"),
      [
        [excelError("#VALUE!", "gross_churn is 3x1 but the other ranges are 2x1")],
        [excelError("#VALUE!", "gross_churn is 3x1")],
        [excelError("#VALUE!", "gross_churn is 3x1")],
      ],
    ]);
  });
});

describe("=CS.RAMPED_FTE (MODEL.md §4)", () => {
  const AS_OF = '"2026-06-30"';

  test("each CSM counts by the ramp for their month of tenure", async () => {
    // Default ramp 0, 0.5, 0.5, then 1.0. As of 2026-06-30:
    // 2025-01-06 month 18 -> 1; 2026-05-01 month 2 -> 0.5; 2026-06-01 month 1 -> 0;
    // 2026-07-01 not started -> 0; blank -> fully ramped 1. Total 2.5.
    const sheet = [
      ["Start"],
      ["2025-01-06"],
      ["2026-05-01"],
      ["2026-06-01"],
      ["2026-07-01"],
      [null],
    ];
    expect(await evaluateOne(`=CS.RAMPED_FTE(A2:A6, ${AS_OF})`, { sheet })).toBe(2.5);
  });

  test('month boundaries, as DATEDIF(start, as_of, "M")', async () => {
    expect(
      await evaluate([
        // Started Jan 31: Feb 28 is 0 whole months (month 1, 0); Mar 1 is 1 (month 2, 0.5).
        '=CS.RAMPED_FTE("2026-01-31", "2026-02-28")',
        '=CS.RAMPED_FTE("2026-01-31", "2026-03-01")',
        // Started Jan 15: Apr 14 is month 3 (0.5); Apr 15 is month 4 (1.0).
        '=CS.RAMPED_FTE("2026-01-15", "2026-04-14")',
        '=CS.RAMPED_FTE("2026-01-15", "2026-04-15")',
        // Starting on the as-of day: month 1. The day after: not started.
        '=CS.RAMPED_FTE("2026-06-30", "2026-06-30")',
        '=CS.RAMPED_FTE("2026-07-01", "2026-06-30")',
        // Serial dates work the same: 46053 is 2026-01-31, 46082 is 2026-03-01.
        "=CS.RAMPED_FTE(46053, 46082)",
        // A time of day is ignored: 46082.99 is still 2026-03-01.
        "=CS.RAMPED_FTE(46053.5, 46082.99)",
      ])
    ).toEqual([0, 0.5, 0.5, 1, 0, 0, 0.5, 0.5]);
  });

  test("the ramp argument: text or a row or column of fractions", async () => {
    const sheet = [
      ["Start", "r1", "r2", "r3"],
      ["2026-05-01", 0.25, "75%", null],
      ["2026-06-01", null, null, null],
    ];
    // Months 2 and 1 of tenure: 0.75 + 0.25 = 1.
    expect(
      await evaluate(
        [
          `=CS.RAMPED_FTE(A2:A3, ${AS_OF}, "0.25,0.75")`,
          `=CS.RAMPED_FTE(A2:A3, ${AS_OF}, "25%; 75%")`,
          `=CS.RAMPED_FTE(A2:A3, ${AS_OF}, B2:D2)`, // a row; the trailing blank is ignored
          `=CS.RAMPED_FTE(A2:A3, ${AS_OF}, {0.25;0.75})`, // a column
          `=CS.RAMPED_FTE(A2:A3, ${AS_OF}, B3)`, // a blank cell: the default ramp, 0.5 + 0
          `=CS.RAMPED_FTE(A2:A3, ${AS_OF}, 1)`, // no ramp: 2
        ],
        { sheet }
      )
    ).toEqual([1, 1, 1, 1, 0.5, 2]);
  });

  test("the default ramp comes from hiring.ramp", async () => {
    const assumptions = defaultAssumptions();
    assumptions.hiring.ramp = [0.2, 0.6];
    // Month 2 -> 0.6, month 1 -> 0.2.
    expect(
      await evaluateOne(`=CS.RAMPED_FTE({"2026-05-01";"2026-06-01"}, ${AS_OF})`, { assumptions })
    ).toBeCloseTo(0.8, 12);
  });

  test("bad input", async () => {
    const sheet = [["Start"], [null], [null], ["2026-13-01"]];
    expect(
      await evaluate(
        [
          `=CS.RAMPED_FTE(A2:A3, ${AS_OF})`,
          `=CS.RAMPED_FTE(A2:A4, ${AS_OF})`,
          `=CS.RAMPED_FTE("01/05/2026", ${AS_OF})`, // day/month order unknown: refused
          '=CS.RAMPED_FTE("2026-01-01", "")',
          '=CS.RAMPED_FTE("2026-01-01", "June")',
          '=CS.RAMPED_FTE("2026-01-01", {"2026-06-30","2026-07-31"})',
          `=CS.RAMPED_FTE("2026-01-01", ${AS_OF}, "0,1.5")`,
          `=CS.RAMPED_FTE("2026-01-01", ${AS_OF}, "0,,1")`,
          `=CS.RAMPED_FTE("2026-01-01", ${AS_OF}, {0,0.5;0.5,1})`,
          `=CS.RAMPED_FTE("2026-01-01", ${AS_OF}, {0,-0.5})`,
          `=CS.RAMPED_FTE("2026-01-01", ${AS_OF}, {0,"",0.5})`,
          `=CS.RAMPED_FTE({"2026-01-01";1/0}, ${AS_OF})`,
        ],
        { sheet }
      )
    ).toEqual([
      excelError("#VALUE!", "start_dates has 2 cell(s) and all are blank"),
      excelError("#VALUE!", "start_dates, row 3 of the range", '"2026-13-01" is not a date'),
      excelError("#VALUE!", '"01/05/2026" is not a date'),
      excelError("#VALUE!", "as_of is blank"),
      excelError("#VALUE!", 'as_of "June" is not a date'),
      excelError("#VALUE!", "as_of is a 1x2 range; give one value"),
      excelError("#VALUE!", "Ramp month 2 1.5 is above 100%"),
      excelError("#VALUE!", "Ramp month 2 is blank"),
      excelError("#VALUE!", "The ramp is a 2x2 range"),
      excelError("#VALUE!", "Ramp month 2 -0.5 is negative"),
      excelError("#VALUE!", "Ramp month 2 is blank"),
      excelError("#VALUE!", "start_dates, row 2 of the range", "Start date is #DIV/0!"),
    ]);
  });
});

const HEADER = [
  "Month",
  "Required FTE",
  "Hires starting",
  "Requisitions to open",
  "Headcount",
  "Effective FTE",
  "Gap",
];

describe("=CS.HIRING_PLAN (MODEL.md §4)", () => {
  test("the worked plan: required 10,10,12,12,15,15 with 10 FTE today", async () => {
    // Ramp 0, 0.5, 0.5 (full from tenure month 4), lead 3 months.
    // Month 3 needs +2: start 3 - 3 = 0 -> month 1. Month 5 needs +3: start month 2.
    // Effective: 10; 10 + 2x0.5 = 11; 10 + 2x0.5 + 3x0.5 = 12.5; 10 + 2 + 1.5 = 13.5; 15; 15.
    // Requisitions: months -2 and -1, overdue -> all 5 in month 1.
    expect(await evaluateOne("=CS.HIRING_PLAN({10;10;12;12;15;15}, 10)")).toEqual([
      HEADER,
      [1, 10, 2, 5, 12, 10, 0],
      [2, 10, 3, 0, 15, 11, 0],
      [3, 12, 0, 0, 15, 12.5, 0],
      [4, 12, 0, 0, 15, 13.5, 0],
      [5, 15, 0, 0, 15, 15, 0],
      [6, 15, 0, 0, 15, 15, 0],
    ]);
  });

  test("a rise too early to cover shows the gap; a row of months works the same", async () => {
    // Month 2 needs +2 (start month 1): m2 and m3 at 11 -> gap 1; m4 fully ramped.
    const expected = [
      HEADER,
      [1, 10, 2, 2, 12, 10, 0],
      [2, 12, 0, 0, 12, 11, 1],
      [3, 12, 0, 0, 12, 11, 1],
      [4, 12, 0, 0, 12, 12, 0],
    ];
    expect(await evaluateOne("=CS.HIRING_PLAN({10;12;12;12}, 10)")).toEqual(expected);
    expect(await evaluateOne("=CS.HIRING_PLAN({10,12,12,12}, 10)")).toEqual(expected);
  });

  test("requisitions open lead months before the start", async () => {
    // Months 1-7 need 10, month 8 needs 11, month 9 needs 13.5.
    // +1 starts month 5 (8 - 3), requisition month 2; +3 (2.5 rounded up) start month 6,
    // requisitions month 3. With lead 1: months 4 and 5. With lead 6: months -1 and 0 -> month 1.
    const months = "{10;10;10;10;10;10;10;11;13.5}";
    const [lead3, lead1, lead6] = (await evaluate([
      `=CS.HIRING_PLAN(${months}, 10)`,
      `=CS.HIRING_PLAN(${months}, 10, , 1)`,
      `=CS.HIRING_PLAN(${months}, 10, "0,0.5,0.5", 6)`,
    ])) as unknown[][][];
    const column = (table: unknown[][], c: number) => table.slice(1).map((row) => row[c]);
    expect(column(lead3, 2)).toEqual([0, 0, 0, 0, 1, 3, 0, 0, 0]);
    expect(column(lead3, 3)).toEqual([0, 1, 3, 0, 0, 0, 0, 0, 0]);
    expect(column(lead1, 3)).toEqual([0, 0, 0, 1, 3, 0, 0, 0, 0]);
    expect(column(lead6, 3)).toEqual([4, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Effective: m6 10 + 0.5; m7 10 + 0.5 + 1.5 = 12; m8 10 + 1 + 1.5 = 12.5; m9 14. Never short.
    expect(column(lead3, 5)).toEqual([10, 10, 10, 10, 10, 10.5, 12, 12.5, 14]);
    expect(column(lead3, 6)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  test("ramp and lead time from the arguments and from the assumptions", async () => {
    // No ramp ("1"), lead 0: hires start in the month needed, requisitions the same month.
    expect(await evaluateOne('=CS.HIRING_PLAN({5;6;8}, 5, "1", 0)')).toEqual([
      HEADER,
      [1, 5, 0, 0, 5, 5, 0],
      [2, 6, 1, 1, 6, 6, 0],
      [3, 8, 2, 2, 8, 8, 0],
    ]);
    const assumptions = defaultAssumptions();
    assumptions.hiring.ramp = [0.5]; // full from month 2: start one month ahead
    assumptions.hiring.lead_months = 1;
    // Month 3 needs +2: start month 2 (effective 10 + 2x0.5 = 11 there), requisition month 1.
    expect(await evaluateOne("=CS.HIRING_PLAN({10;10;12}, 10)", { assumptions })).toEqual([
      HEADER,
      [1, 10, 0, 2, 10, 10, 0],
      [2, 10, 2, 0, 12, 11, 0],
      [3, 12, 0, 0, 12, 12, 0],
    ]);
  });

  test("trailing blank months give blank rows; the table has one row per cell", async () => {
    const sheet = [["Required"], [10], [12], [null], [""]];
    const blank = [null, null, null, null, null, null, null];
    // Month 2 needs +2 (start month 1, still ramping): m2 11, gap 1.
    expect(await evaluateOne("=CS.HIRING_PLAN(A2:A5, 10)", { sheet })).toEqual([
      HEADER,
      [1, 10, 2, 2, 12, 10, 0],
      [2, 12, 0, 0, 12, 11, 1],
      blank,
      blank,
    ]);
  });

  test("bad input fills the table with one error", async () => {
    const sheet = [["Required"], [10], [null], [12], ["lots"], [-1]];
    const results = (await evaluate(
      [
        "=CS.HIRING_PLAN(A2:A4, 10)",
        "=CS.HIRING_PLAN(A2:A5, 10)",
        "=CS.HIRING_PLAN(A6, 10)",
        "=CS.HIRING_PLAN(A3, 10)",
        '=CS.HIRING_PLAN(A2, "")',
        "=CS.HIRING_PLAN(A2, -1)",
        "=CS.HIRING_PLAN(A2, {10;11})",
        "=CS.HIRING_PLAN(A2, 10, , 1.5)",
        "=CS.HIRING_PLAN(A2, 10, , -1)",
        '=CS.HIRING_PLAN(A2, 10, "0,2")',
      ],
      { sheet }
    )) as unknown[][][];
    const first = results.map((table) => table[0][0]);
    expect(first).toEqual([
      excelError("#VALUE!", "Month 2 is blank"),
      excelError("#VALUE!", "required_by_month, row 4 of the range", '"lots" is not a number'),
      excelError("#VALUE!", "Required FTE -1 is negative"),
      excelError("#VALUE!", "required_by_month has no months"),
      excelError("#VALUE!", "current_fte is blank"),
      excelError("#VALUE!", "current_fte -1 is negative"),
      excelError("#VALUE!", "current_fte is a 2x1 range; give one value"),
      excelError("#VALUE!", "lead_months 1.5 is not a whole number of months"),
      excelError("#VALUE!", "lead_months -1 is negative"),
      excelError("#VALUE!", "Ramp month 2 2 is above 100%"),
    ]);
    // The error covers the whole predicted table: 3 months + header, 7 columns.
    expect(results[0]).toHaveLength(4);
    expect(results[0].every((row) => row.length === 7)).toBe(true);
    expect(results[0][3][6]).toEqual(excelError("#VALUE!", "Month 2 is blank"));
  });
});

describe("=CS.COST_PER_ACCOUNT (MODEL.md §4, S0 §4.3)", () => {
  test("loaded cost / accounts + tool cost, to the cent", async () => {
    expect(
      await evaluate([
        // S0 §4.3: $130K all-in over 175 accounts = 742.857...; + $150 tools = 892.86.
        "=CS.COST_PER_ACCOUNT(130000, 175, 150)",
        '=CS.COST_PER_ACCOUNT("$130,000", "Tech-Touch", "$150")', // Tech-Touch: 175
        '=CS.COST_PER_ACCOUNT("$165,000", "Strategic")', // 165,000 / 11 = 15,000
        '=CS.COST_PER_ACCOUNT(190000, "enterprise", 0)', // 190,000 / 30 = 6,333.33
        '=CS.COST_PER_ACCOUNT(100000, "40")', // accounts as text
        "=CS.COST_PER_ACCOUNT(0, 10)",
      ])
    ).toEqual([892.86, 892.86, 15_000, 6_333.33, 2_500, 0]);
  });

  test("tier ratios come from the assumptions", async () => {
    const assumptions = defaultAssumptions();
    assumptions.tiers[4].csm_ratio = 10; // Strategic 1:10
    expect(await evaluateOne('=CS.COST_PER_ACCOUNT(165000, "Strategic")', { assumptions })).toBe(
      16_500
    );
  });

  test("a column of tiers spills; blank rows stay blank; a bad row errs alone", async () => {
    const sheet = [["Tier"], ["Strategic"], [null], ["Platinum"], [0], ["Mid-Market"]];
    expect(await evaluateOne("=CS.COST_PER_ACCOUNT(165000, A2:A6, 150)", { sheet })).toEqual([
      [15_150],
      [null],
      [excelError("#N/A", "accounts_per_csm, row 3 of the range", 'no tier named "Platinum"')],
      [excelError("#VALUE!", "accounts_per_csm, row 4 of the range", "must be more than 0")],
      [5_306.25], // 165,000 / 32 = 5,156.25 + 150
    ]);
  });

  test("bad input", async () => {
    const assumptions = defaultAssumptions();
    assumptions.tiers[0].csm_ratio = null;
    expect(
      await evaluate(
        [
          "=CS.COST_PER_ACCOUNT(130000, 0)",
          "=CS.COST_PER_ACCOUNT(130000, -5)",
          "=CS.COST_PER_ACCOUNT(-130000, 175)",
          "=CS.COST_PER_ACCOUNT(130000, 175, -1)",
          '=CS.COST_PER_ACCOUNT("", 175)',
          '=CS.COST_PER_ACCOUNT(130000, "")',
          '=CS.COST_PER_ACCOUNT("lots", 175)',
          '=CS.COST_PER_ACCOUNT(130000, "Tech-Touch")',
          "=CS.COST_PER_ACCOUNT(130000, 1/0)",
          "=CS.COST_PER_ACCOUNT({1;2}, {1;2;3})",
        ],
        { assumptions }
      )
    ).toEqual([
      excelError("#VALUE!", "Accounts per CSM 0 must be more than 0"),
      excelError("#VALUE!", "Accounts per CSM -5 must be more than 0"),
      excelError("#VALUE!", "Loaded cost per CSM -130,000 is negative"),
      excelError("#VALUE!", "Tool cost per account -1 is negative"),
      excelError("#VALUE!", "Loaded cost per CSM is blank"),
      excelError("#VALUE!", "Accounts per CSM is blank"),
      excelError("#VALUE!", '"lots" is not an amount'),
      excelError("#N/A", "Tier Tech-Touch has no accounts-per-CSM ratio"),
      excelError("#VALUE!", "Accounts per CSM is #DIV/0!"),
      [
        [excelError("#VALUE!", "accounts_per_csm is 3x1 but the other ranges are 2x1")],
        [excelError("#VALUE!", "accounts_per_csm is 3x1")],
        [excelError("#VALUE!", "accounts_per_csm is 3x1")],
      ],
    ]);
  });
});
