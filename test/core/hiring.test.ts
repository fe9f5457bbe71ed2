import { hiringPlan, HiringMonth } from "../../src/core/hiring";

const RAMP = [0, 0.5, 0.5]; // fully productive from month 4 of tenure

/** [month, required, hires, requisitions, headcount, effective, gap] rows. */
const rows = (months: HiringMonth[]) =>
  months.map((m) => [
    m.month,
    m.required,
    m.hires,
    m.requisitions,
    m.headcount,
    m.effective,
    m.gap,
  ]);

describe("hiring plan (MODEL.md §4)", () => {
  test("the worked plan: 10,10,12,12,15,15 with 10 FTE today", () => {
    // Month 3 needs 2 more: they would start in month 0 (3 - 3), so month 1.
    // Month 5 needs 3 more: they start in month 2 (5 - 3), fully productive in month 5.
    // Effective: m1 10 + 2x0 = 10; m2 10 + 2x0.5 + 3x0 = 11; m3 10 + 2x0.5 + 3x0.5 = 12.5;
    // m4 10 + 2x1 + 3x0.5 = 13.5; m5 and m6 10 + 2 + 3 = 15.
    // Requisitions (lead 3): months -2 and -1, both overdue: 5 in month 1.
    const plan = hiringPlan([10, 10, 12, 12, 15, 15], 10, RAMP, 3);
    expect(rows(plan.months)).toEqual([
      [1, 10, 2, 5, 12, 10, 0],
      [2, 10, 3, 0, 15, 11, 0],
      [3, 12, 0, 0, 15, 12.5, 0],
      [4, 12, 0, 0, 15, 13.5, 0],
      [5, 15, 0, 0, 15, 15, 0],
      [6, 15, 0, 0, 15, 15, 0],
    ]);
    expect(plan.overdue).toBe(5);
  });

  test("a rise in month 2 cannot be covered: the gap is shown, no extra people are hired", () => {
    // Month 2 needs 2 more: start month 1 (2 - 3 < 1). m2: 10 + 2x0.5 = 11, gap 1;
    // m3: 10 + 2x0.5 = 11, gap 1; m4: 12, gap 0. Still 2 hires, not 4.
    const plan = hiringPlan([10, 12, 12, 12], 10, RAMP, 3);
    expect(rows(plan.months)).toEqual([
      [1, 10, 2, 2, 12, 10, 0],
      [2, 12, 0, 0, 12, 11, 1],
      [3, 12, 0, 0, 12, 11, 1],
      [4, 12, 0, 0, 12, 12, 0],
    ]);
  });

  test("later rises start ramp-length months ahead; requisitions lead months before that", () => {
    // Month 8 needs 11: 1 hire starting month 5 (8 - 3), requisition in month 2 (5 - 3).
    // Month 9 needs 13.5: 13.5 - 11 = 2.5 -> 3 whole hires starting month 6, requisitions month 3.
    const plan = hiringPlan([10, 10, 10, 10, 10, 10, 10, 11, 13.5], 10, RAMP, 3);
    const table = rows(plan.months);
    expect(table.map((r) => r[2])).toEqual([0, 0, 0, 0, 1, 3, 0, 0, 0]);
    expect(table.map((r) => r[3])).toEqual([0, 1, 3, 0, 0, 0, 0, 0, 0]);
    // Effective: m5 10; m6 10.5 (1 x 0.5); m7 10 + 0.5 + 3x0.5 = 12; m8 10 + 1 + 1.5 = 12.5; m9 14.
    expect(table.map((r) => r[5])).toEqual([10, 10, 10, 10, 10, 10.5, 12, 12.5, 14]);
    expect(table.map((r) => r[4])).toEqual([10, 10, 10, 10, 11, 14, 14, 14, 14]);
    expect(table.every((r) => r[6] === 0)).toBe(true);
    expect(plan.overdue).toBe(0);
  });

  test("lead 0 opens the requisition in the start month; no ramp starts hires in the month needed", () => {
    const plan = hiringPlan([5, 6, 8], 5, [1], 0);
    expect(rows(plan.months)).toEqual([
      [1, 5, 0, 0, 5, 5, 0],
      [2, 6, 1, 1, 6, 6, 0],
      [3, 8, 2, 2, 8, 8, 0],
    ]);
  });

  test("month 1 itself cannot be helped by a hire whose first month is 0 productive", () => {
    // 12 in month 1: 2 hires start month 1 at 0 -> effective 10, gap 2; m2 11, gap 1; m4 12.
    const plan = hiringPlan([12, 12, 12, 12], 10, RAMP, 3);
    expect(rows(plan.months).map((r) => r[6])).toEqual([2, 1, 1, 0]);
    expect(rows(plan.months).map((r) => r[2])).toEqual([2, 0, 0, 0]);
  });

  test("headcount never goes down, and fractional FTE rounds up to whole hires", () => {
    // Current 9.5: month 4 needs 10.2 -> 0.7 short -> 1 hire in month 1; month 5 drops to 8.
    const plan = hiringPlan([9, 9, 9, 10.2, 8], 9.5, RAMP, 3);
    const table = rows(plan.months);
    expect(table.map((r) => r[2])).toEqual([1, 0, 0, 0, 0]);
    expect(table.map((r) => r[4])).toEqual([10.5, 10.5, 10.5, 10.5, 10.5]);
    expect(table.map((r) => r[5])).toEqual([9.5, 10, 10, 10.5, 10.5]);
    expect(table.map((r) => r[6])).toEqual([0, 0, 0, 0, 0]);
  });
});
