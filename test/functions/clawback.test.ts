import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { setAssumption } from "../../src/core/assumptions/keys";
import { Assumptions } from "../../src/core/assumptions/types";
import { CsError } from "../../src/core/errors";
import { clawback } from "../../src/functions/comp";
import { useAssumptions } from "../../src/functions/host";
import { evaluate, evaluateOne, excelError } from "../helpers/engine";

// Serials worked out by hand: 2025-01-01 is 45658, + 365 days = 2026-01-01 is 46023,
// so 2026-01-15 is 46037. From 2026-01-15: Jan 31 is day 16, Feb 28 day 44, Mar 31 day 75,
// so 2026-04-15 is day 90 (serial 46127) and 2026-04-16 day 91 (46128).
const BOOKED = 46037;
const DAY_90 = 46127;
const DAY_91 = 46128;

describe("=CS.CLAWBACK (MODEL.md §5: whole credit back when the account churns within 90 days)", () => {
  test("day 90 after booking is within the window; day 91 is not", async () => {
    expect(
      await evaluate([
        '=CS.CLAWBACK(17500, "2026-01-15", "2026-04-15")',
        '=CS.CLAWBACK(17500, "2026-01-15", "2026-04-16")',
        `=CS.CLAWBACK(17500, ${BOOKED}, ${DAY_90})`,
        `=CS.CLAWBACK(17500, ${BOOKED}, ${DAY_91})`,
      ])
    ).toEqual([17_500, 0, 17_500, 0]);
  });

  test("a churn on the booking day is clawed back; a churn before it is #VALUE!", async () => {
    expect(
      await evaluate([
        '=CS.CLAWBACK(17500, "2026-01-15", "2026-01-15")',
        '=CS.CLAWBACK(17500, "2026-01-15", "2026-01-14")',
      ])
    ).toEqual([
      17_500,
      excelError("#VALUE!", "Churn date 2026-01-14 is before booking date 2026-01-15"),
    ]);
  });

  test("no churn date (blank, or 0 as Excel desktop passes an empty cell) is no clawback", async () => {
    const sheet = [[null, 0]];
    expect(
      await evaluate(
        [
          '=CS.CLAWBACK(17500, "2026-01-15", "")',
          '=CS.CLAWBACK(17500, "2026-01-15", A1)',
          '=CS.CLAWBACK(17500, "2026-01-15", B1)',
        ],
        { sheet }
      )
    ).toEqual([0, 0, 0]);
  });

  test("the time of day is ignored: whole days count", async () => {
    // 46037.75 (6 pm) to 46127.9 is day 90; to 46128.1 is day 91
    expect(
      await evaluate([
        `=CS.CLAWBACK(1000, ${BOOKED}.75, ${DAY_90}.9)`,
        `=CS.CLAWBACK(1000, ${BOOKED}.75, ${DAY_91}.1)`,
      ])
    ).toEqual([1000, 0]);
  });

  test("credit as CRM money text, rounded to the cent", async () => {
    expect(
      await evaluate([
        '=CS.CLAWBACK("$17,500", "2026-01-15", "2026-02-01")',
        '=CS.CLAWBACK("17.5k", "2026-01-15", "2026-02-01")',
        '=CS.CLAWBACK("$1,234.567", "2026-01-15", "2026-02-01")', // 1,234.567 -> 1,234.57
        '=CS.CLAWBACK(0, "2026-01-15", "2026-02-01")',
      ])
    ).toEqual([17_500, 17_500, 1234.57, 0]);
  });

  test("window_days overrides the window; it must be whole days, 0 or more", async () => {
    // 30-day window: 2026-02-14 is day 30 (Jan 31 is day 16, + 14), 2026-02-15 day 31.
    expect(
      await evaluate([
        '=CS.CLAWBACK(5000, "2026-01-15", "2026-02-14", 30)',
        '=CS.CLAWBACK(5000, "2026-01-15", "2026-02-15", 30)',
        '=CS.CLAWBACK(5000, "2026-01-15", "2026-01-15", 0)',
        '=CS.CLAWBACK(5000, "2026-01-15", "2026-01-16", 0)',
        '=CS.CLAWBACK(5000, "2026-01-15", "2026-04-16", "120")',
        '=CS.CLAWBACK(5000, "2026-01-15", "2026-01-16", 1.5)',
        '=CS.CLAWBACK(5000, "2026-01-15", "2026-01-16", -1)',
        '=CS.CLAWBACK(5000, "2026-01-15", "2026-01-16", "a quarter")',
      ])
    ).toEqual([
      5000,
      0,
      5000,
      0,
      5000,
      excelError("#VALUE!", "window_days 1.5 is not a whole number of days"),
      excelError("#VALUE!", "window_days -1 is not a whole number of days"),
      excelError("#VALUE!", 'window_days "a quarter" is not a number'),
    ]);
  });

  test("the default window comes from clawback.window_days", async () => {
    const changed = setAssumption(defaultAssumptions(), "clawback.window_days", "30");
    if (changed instanceof CsError) throw new Error(changed.message);
    expect(
      await evaluate(
        [
          '=CS.CLAWBACK(5000, "2026-01-15", "2026-02-14")',
          '=CS.CLAWBACK(5000, "2026-01-15", "2026-02-15")',
        ],
        { assumptions: changed as Assumptions }
      )
    ).toEqual([5000, 0]);
  });

  test("bad inputs are #VALUE! naming them", async () => {
    expect(
      await evaluate([
        '=CS.CLAWBACK(-500, "2026-01-15", "2026-02-01")',
        '=CS.CLAWBACK("a lot", "2026-01-15", "2026-02-01")',
        '=CS.CLAWBACK(500, "", "2026-02-01")',
        '=CS.CLAWBACK(500, "", "")',
        '=CS.CLAWBACK(500, "1/15/2026", "2026-02-01")',
        '=CS.CLAWBACK(500, "2026-01-15", "soon")',
        '=CS.CLAWBACK(500, "2026-02-30", "")',
        "=CS.CLAWBACK(1/0, 46037, 46038)",
        "=CS.CLAWBACK(500, -3, 46038)",
      ])
    ).toEqual([
      excelError("#VALUE!", "Credit -500 is negative"),
      excelError("#VALUE!", '"a lot" is not an amount'),
      excelError("#VALUE!", "Booking date is blank"),
      excelError("#VALUE!", "Booking date is blank"),
      excelError("#VALUE!", 'Booking date "1/15/2026" is not a date'),
      excelError("#VALUE!", 'Churn date "soon" is not a date'),
      excelError("#VALUE!", 'Booking date "2026-02-30" is not a date'),
      excelError("#VALUE!", "Credit is #DIV/0!"),
      excelError("#VALUE!", "Booking date -3 is not a date"),
    ]);
  });

  test("a blank credit gives a blank", async () => {
    const sheet = [[null]];
    expect(await evaluateOne('=CS.CLAWBACK(A1:A1, "2026-01-15", "2026-02-01")', { sheet })).toBe(
      null
    );
  });

  test("ranges spill one result per row; a bad row errs alone, with its position", async () => {
    const sheet = [
      ["Credit", "Booked", "Churned"],
      [17_500, BOOKED, DAY_90], // day 90: clawed back
      ["$42,000", "2026-01-15", "2026-04-16"], // day 91: kept
      [9_000, BOOKED, null], // no churn
      [null, null, null], // empty row
      [3_000, BOOKED, "2026-01-01"], // churn before booking
      [1_000, null, DAY_90], // no booking date
      [2_500, "2026-03-01", "2026-03-02"], // day 1
    ];
    expect(await evaluateOne("=CS.CLAWBACK(A2:A8, B2:B8, C2:C8)", { sheet })).toEqual([
      [17_500],
      [0],
      [0],
      [null],
      [excelError("#VALUE!", "churn_date, row 5 of the range", "before booking date")],
      [excelError("#VALUE!", "booking_date, row 6 of the range", "Booking date is blank")],
      [2_500],
    ]);
  });

  test("a single value is used for every row (one booking date, one window)", async () => {
    const sheet = [
      [1000, "2026-02-01"], // day 17
      [2000, "2026-05-01"], // Apr 15 is day 90, so May 1 is day 106
      [3000, null],
    ];
    expect(await evaluateOne('=CS.CLAWBACK(A1:A3, "2026-01-15", B1:B3)', { sheet })).toEqual([
      [1000],
      [0],
      [0],
    ]);
    expect(await evaluateOne('=CS.CLAWBACK(A1:A3, "2026-01-15", B1:B3, 120)', { sheet })).toEqual([
      [1000],
      [2000],
      [0],
    ]);
  });

  test("ranges of different sizes are #VALUE!", async () => {
    const sheet = [
      [1000, "2026-02-01"],
      [2000, "2026-05-01"],
      [3000, null],
    ];
    expect(await evaluateOne('=CS.CLAWBACK(A1:A3, "2026-01-15", B1:B2)', { sheet })).toEqual([
      [excelError("#VALUE!", "churn_date is 2x1 but the other ranges are 3x1")],
      [excelError("#VALUE!", "churn_date is 2x1")],
      [excelError("#VALUE!", "churn_date is 2x1")],
    ]);
  });

  test("called as Excel calls it: omitted window_days is null", () => {
    useAssumptions(defaultAssumptions());
    expect(clawback([[17_500]], [[BOOKED]], [[DAY_90]], null as never)).toEqual([[17_500]]);
    expect(clawback([[17_500], [""]], [[BOOKED]], [[DAY_91]], null as never)).toEqual([[0], [""]]);
  });
});
