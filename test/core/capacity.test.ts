import {
  accountCapacity,
  checkedAccountCapacity,
  hoursPerAccount,
  monthlyHours,
  TouchProfile,
} from "../../src/core/capacity";
import { CsError } from "../../src/core/errors";

const profile = (
  hoursPerWeek: number,
  touchesPerMonth: number,
  minutesPerTouch: number,
  complexity = 1,
  expansionUplift = 0
): TouchProfile => ({
  hoursPerWeek,
  touchesPerMonth,
  minutesPerTouch,
  complexity,
  expansionUplift,
});

describe("capacity from hours (MODEL.md §3)", () => {
  test("monthly hours = hours a week x weeks a month", () => {
    expect(monthlyHours(27, 4)).toBe(108);
  });

  test("hours per account = touches x minutes / 60 x complexity x (1 + uplift)", () => {
    expect(hoursPerAccount(profile(27, 6, 75))).toBe(7.5); // 6 x 75 = 450 min
    expect(hoursPerAccount(profile(27, 6, 75, 3, 0.2))).toBeCloseTo(27, 12); // 7.5 x 3 x 1.2
  });

  // The capacity-model preset's profiles at 27 h/week and 4 weeks (108 hours a month).
  test.each([
    ["Enterprise", 6, 75, 14.4], // 108 / 7.5
    ["Mid-Market", 3, 52.5, 41.142857142857], // 108 / 2.625 = 41.142857...
    ["SMB", 1.25, 37.5, 138.24], // 108 / 0.78125
  ])("%s profile: %p touches x %p min -> %p accounts", (_, touches, minutes, expected) => {
    expect(accountCapacity(profile(27, touches, minutes), 4)).toBeCloseTo(expected, 9);
  });

  // S2's worked ranges: 96-120 hours a month (24-30 h x 4).
  test("S2 worked ranges: enterprise 8-20, mid-market 24-60", () => {
    expect(accountCapacity(profile(24, 8, 90), 4)).toBe(8); // 96 / 12 h
    expect(accountCapacity(profile(30, 4, 90), 4)).toBe(20); // 120 / 6 h
    expect(accountCapacity(profile(24, 4, 60), 4)).toBe(24); // 96 / 4 h
    expect(accountCapacity(profile(30, 2, 60), 4)).toBe(60); // 120 / 2 h
  });

  test("no time per account is an error, not Infinity", () => {
    for (const p of [profile(27, 0, 75), profile(27, 6, 0)]) {
      const result = checkedAccountCapacity(p, 4);
      expect(result).toBeInstanceOf(CsError);
      expect((result as CsError).message).toContain("no time per account");
    }
    expect(checkedAccountCapacity(profile(27, 6, 75), 4)).toBeCloseTo(14.4, 12);
    expect(checkedAccountCapacity(profile(0, 6, 75), 4)).toBe(0); // no hours: no accounts
  });
});
