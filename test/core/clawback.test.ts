import { clawback } from "../../src/core/clawback";
import { isoDate, readDay } from "../../src/core/dates";
import { excelSerialFromYmd } from "../../src/core/dates";
import { CsError } from "../../src/core/errors";

// 2026-01-15 is serial 46037 (2026-01-01 is 46023); 2026-04-15 is 90 days later.
const BOOKED = 46037;

describe("clawback (MODEL.md §5)", () => {
  test.each([
    [BOOKED, 1000], // churn on the booking day: within
    [BOOKED + 1, 1000],
    [BOOKED + 89, 1000],
    [BOOKED + 90, 1000], // day 90: within ("at most 90 days")
    [BOOKED + 91, 0], // day 91: outside
    [BOOKED + 400, 0],
  ])("churn on serial %p claws back %p of a 1,000 credit", (churn, expected) => {
    expect(clawback(1000, BOOKED, churn, 90)).toBe(expected);
  });

  test("no churn: nothing", () => {
    expect(clawback(1000, BOOKED, null, 90)).toBe(0);
  });

  test("a churn before the booking is an error naming both dates", () => {
    const error = clawback(1000, BOOKED, BOOKED - 1, 90) as CsError;
    expect(error).toBeInstanceOf(CsError);
    expect(error.kind).toBe("VALUE");
    expect(error.message).toContain("Churn date 2026-01-14 is before booking date 2026-01-15");
  });

  test("window 0 claws back only a same-day churn; the credit is rounded to the cent", () => {
    expect(clawback(1000, BOOKED, BOOKED, 0)).toBe(1000);
    expect(clawback(1000, BOOKED, BOOKED + 1, 0)).toBe(0);
    expect(clawback(1234.567, BOOKED, BOOKED, 90)).toBe(1234.57);
  });

  test("the day-90 edge holds across month ends and leap years", () => {
    // 2028-01-01 + 90 days: Jan 31 (30), Feb 29 (59, leap year), Mar 31 (90)
    const booked = excelSerialFromYmd(2028, 1, 1);
    expect(clawback(1, booked, excelSerialFromYmd(2028, 3, 31), 90)).toBe(1);
    expect(clawback(1, booked, excelSerialFromYmd(2028, 4, 1), 90)).toBe(0);
  });
});

describe("readDay", () => {
  test("serials (time of day dropped), ISO text, blanks and 0 as blank", () => {
    expect(readDay(46037.99, "d")).toBe(46037);
    expect(readDay("2026-01-15", "d")).toBe(46037);
    expect(readDay(" 2026-01-15 ", "d")).toBe(46037);
    expect(readDay(null, "d")).toBeNull();
    expect(readDay("", "d")).toBeNull();
    expect(readDay(0, "d")).toBeNull();
  });

  test("anything else is an error that names it", () => {
    for (const raw of ["15/01/2026", "2026-13-01", -1, true, "yesterday"]) {
      const error = readDay(raw, "Churn date") as CsError;
      expect(error).toBeInstanceOf(CsError);
      expect(error.message).toContain("Churn date");
    }
    expect((readDay({ code: "#N/A" }, "Churn date") as CsError).message).toBe(
      "Churn date is #N/A; fix that cell first."
    );
  });

  test("isoDate writes a serial as ISO text, whatever the machine's time zone", () => {
    expect(isoDate(46037)).toBe("2026-01-15");
    expect(isoDate(1)).toBe("1900-01-01");
    expect(isoDate(61)).toBe("1900-03-01");
  });
});
