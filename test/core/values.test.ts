import { CsError } from "../../src/core/errors";
import { parseAmount, parseBoolean, parseFraction, parseNumber } from "../../src/core/values";

describe("parseAmount reads CRM money text", () => {
  test.each([
    [80000, 80000],
    ["80000", 80000],
    [" 80000 ", 80000],
    ["$80,000", 80000],
    ["80,000.00", 80000],
    ["$80,000.50", 80000.5],
    ["80k", 80000],
    ["80K", 80000],
    ["1.2M", 1200000],
    ["1.2mm", 1200000],
    ["2.5bn", 2500000000],
    ["USD 80,000", 80000],
    ["80,000 USD", 80000],
    ["US$ 1,000", 1000],
    ["(1,200)", -1200],
    ["-$500", -500],
    ["$-500", -500],
    [".5", 0.5],
    ["1e3", 1000],
  ])("%p is %p", (raw, expected) => {
    expect(parseAmount(raw)).toBe(expected);
  });

  test.each([[null], [undefined], [""], ["   "]])("%p is a blank, not zero", (raw) => {
    expect(parseAmount(raw)).toBeNull();
  });

  test.each([
    ["N/A"],
    ["TBD"],
    ["8,00"],
    ["80,0000"],
    // Indian grouping is not a dollar amount's: the plan reads it in rupees only.
    ["12,00,000"],
    ["1,00,00"],
    ["12,000,00"],
    ["€80"],
    ["1.2.3"],
    ["k"],
    ["$"],
    [true],
    [NaN],
    [Infinity],
    [{}],
  ])("%p is an error that names the value", (raw) => {
    const result = parseAmount(raw);
    expect(result).toBeInstanceOf(CsError);
    expect((result as CsError).kind).toBe("VALUE");
    expect((result as CsError).message).toMatch(/is not an amount/);
  });

  test("the message quotes the text the user typed", () => {
    expect((parseAmount("N/A") as CsError).message).toContain('"N/A"');
  });

  test("-0 reads as 0", () => {
    expect(Object.is(parseAmount(-0), 0)).toBe(true);
  });
});

describe("parseFraction reads percentages", () => {
  test.each([
    [0.95, 0.95],
    ["95%", 0.95],
    ["95 %", 0.95],
    ["112.5%", 1.125],
    ["0.95", 0.95],
    ["-5%", -0.05],
  ])("%p is %p", (raw, expected) => {
    expect(parseFraction(raw, "GRR")).toBeCloseTo(expected as number, 12);
  });

  test("junk names the field and the value", () => {
    const result = parseFraction("ninety", "GRR") as CsError;
    expect(result.message).toBe(
      'GRR "ninety" is not a percentage. Use a fraction such as 0.95 or text such as "95%".'
    );
  });

  test("blank is blank", () => {
    expect(parseFraction("", "GRR")).toBeNull();
  });
});

describe("parseNumber and parseBoolean", () => {
  test("numbers with thousands separators", () => {
    expect(parseNumber("1,000", "Hours")).toBe(1000);
    expect(parseNumber("12.5", "Hours")).toBe(12.5);
    expect(parseNumber("ten", "Hours")).toBeInstanceOf(CsError);
  });

  test.each([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ["TRUE", true],
    ["false", false],
    ["yes", true],
  ])("%p reads as %p", (raw, expected) => {
    expect(parseBoolean(raw, "round_up")).toBe(expected);
  });

  test("anything else is an error", () => {
    expect(parseBoolean("maybe", "round_up")).toBeInstanceOf(CsError);
    expect(parseBoolean(2, "round_up")).toBeInstanceOf(CsError);
  });
});
