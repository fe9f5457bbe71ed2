import { excelSerialFromYmd } from "../../src/core/dates";
import { CsError } from "../../src/core/errors";
import {
  fullyRampedFrom,
  parseRampText,
  productivity,
  rampedFte,
  tenureMonth,
  wholeMonthsBetween,
} from "../../src/core/ramp";

const day = (iso: string): number => {
  const [y, m, d] = iso.split("-").map(Number);
  return excelSerialFromYmd(y, m, d);
};

describe('whole calendar months, as DATEDIF(start, as_of, "M")', () => {
  test.each([
    ["2026-01-15", "2026-01-15", 0], // the start day itself
    ["2026-01-15", "2026-02-14", 0], // the 15th has not come round
    ["2026-01-15", "2026-02-15", 1],
    ["2026-01-31", "2026-02-28", 0], // no 31st in February: still 0 (DATEDIF gives 0)
    ["2024-01-31", "2024-02-29", 0], // leap year, same rule
    ["2026-01-31", "2026-03-01", 1],
    ["2026-01-31", "2026-03-30", 1],
    ["2026-01-31", "2026-03-31", 2],
    ["2025-12-15", "2026-01-15", 1], // across a year end
    ["2025-02-28", "2025-03-28", 1],
    ["2025-01-06", "2026-06-30", 17],
  ])("%s to %s: %p", (start, asOf, months) => {
    expect(wholeMonthsBetween(day(start), day(asOf))).toBe(months);
  });

  test("as of before the start: -1", () => {
    expect(wholeMonthsBetween(day("2026-02-01"), day("2026-01-31"))).toBe(-1);
  });

  test("month of tenure = 1 + whole months; not started = 0", () => {
    expect(tenureMonth(day("2026-06-01"), day("2026-06-01"))).toBe(1);
    expect(tenureMonth(day("2026-05-01"), day("2026-06-30"))).toBe(2);
    expect(tenureMonth(day("2026-07-01"), day("2026-06-30"))).toBe(0);
  });
});

describe("ramp profile", () => {
  const ramp = [0, 0.5, 0.5];

  test.each([
    [0, 0], // not started
    [1, 0],
    [2, 0.5],
    [3, 0.5],
    [4, 1], // after the profile: fully productive
    [40, 1],
  ])("tenure month %p -> %p", (tenure, expected) => {
    expect(productivity(ramp, tenure)).toBe(expected);
  });

  test("fully ramped from the first month after which productivity stays 1.0", () => {
    expect(fullyRampedFrom([0, 0.5, 0.5])).toBe(4);
    expect(fullyRampedFrom([0, 0.5, 1])).toBe(3);
    expect(fullyRampedFrom([0.5, 1, 1])).toBe(2);
    expect(fullyRampedFrom([1])).toBe(1);
    expect(fullyRampedFrom([])).toBe(1);
    expect(fullyRampedFrom([1, 0.5])).toBe(3); // a dip: full only after it
  });

  test("ramped FTE of a roster", () => {
    const asOf = day("2026-06-30");
    // 1 (tenured, month 18) + 0.5 (month 2) + 0 (month 1) + 0 (not started) + 1 (blank) = 2.5
    const roster = [
      day("2025-01-06"),
      day("2026-05-01"),
      day("2026-06-01"),
      day("2026-07-01"),
      null,
    ];
    expect(rampedFte(roster, asOf, ramp)).toBe(2.5);
  });

  test("text ramps", () => {
    expect(parseRampText("0,0.5,0.5")).toEqual([0, 0.5, 0.5]);
    expect(parseRampText("0%; 50%; 75%")).toEqual([0, 0.5, 0.75]);
    expect(parseRampText(" 0 , .5 ")).toEqual([0, 0.5]);
    expect(parseRampText("1")).toEqual([1]);
  });

  test.each([
    ["", "The ramp is empty"],
    ["0,,0.5", "Ramp month 2 is blank"],
    ["0,1.5", "Ramp month 2 1.5 is above 100%"],
    ["0,-0.5", "Ramp month 2 -0.5 is negative"],
    ["0,half", 'Ramp month 2 "half" is not a percentage'],
  ])("bad text ramp %p", (text, message) => {
    const result = parseRampText(text);
    expect(result).toBeInstanceOf(CsError);
    expect((result as CsError).message).toContain(message);
  });
});
