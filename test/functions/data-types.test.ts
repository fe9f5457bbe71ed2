/**
 * Data-type cells, as Excel passes them to a function whose metadata allows
 * custom data in `any` parameters (the generator writes
 * allowCustomDataForDataTypeAny): an Excel.CellValue object, {type,
 * basicValue, ...}. A formatted number, double, string, boolean or empty cell
 * reads as its basic value; an entity with no plain value is #VALUE! naming
 * the cell; an error (a CustomFunctions.Error or an {type: "Error"} value)
 * still reads as an error. Expected values: MODEL.md's tier table (0 / 15k /
 * 50k / 100k / 250k), credit bands (70/30 from $25,000 to $100,000) and the
 * worked payout example (0.95, 1.12, 0.9 -> 0.97).
 */
import { cellValue, inputError, isBlank } from "../../src/core/values";
import { expansionSplit, variablePayout } from "../../src/functions/comp";
import { requiredCsms } from "../../src/functions/headcount";
import { segment, targetRatio, tier } from "../../src/functions/segmentation";
import { nrrTarget } from "../../src/functions/targets";
import { FakeCustomFunctionsError, useCustomFunctionsStub } from "../helpers/custom-functions";

useCustomFunctionsStub();

const formatted = (basicValue: number, numberFormat = "$#,##0") => ({
  type: "FormattedNumber",
  basicValue,
  numberFormat,
});
const double = (basicValue: number) => ({ type: "Double", basicType: "Double", basicValue });
const text = (basicValue: string) => ({ type: "String", basicType: "String", basicValue });
const bool = (basicValue: boolean) => ({ type: "Boolean", basicType: "Boolean", basicValue });
const empty = { type: "Empty", basicType: "Empty", basicValue: "" };
/** A linked-data entity as Excel hands it: its basic value is #VALUE!, not a number. */
const entity = {
  type: "Entity",
  text: "Contoso Ltd",
  properties: { ACV: { type: "Double", basicValue: 80000 } },
  basicType: "Error",
  basicValue: "#VALUE!",
};
const column = (...values: unknown[]): unknown[][] => values.map((v) => [v]);

function errorAt(result: unknown, r: number, c = 0): { code: string; message: string } {
  const cell = (result as unknown[][])[r][c] as FakeCustomFunctionsError;
  expect(cell).toBeInstanceOf(FakeCustomFunctionsError);
  return { code: cell.code, message: cell.message };
}

describe("data-type cells read as their basic value", () => {
  test("formatted numbers and doubles are amounts: tiers and credits as for the plain number", () => {
    expect(tier(column(formatted(12000), double(250000), formatted(80000.5)))).toEqual(
      column("Tech-Touch", "Strategic", "Mid-Market")
    );
    // $60,000 is CSM-led, 70/30.
    expect(expansionSplit(column(formatted(60000), 60000))).toEqual([
      [42000, 18000],
      [42000, 18000],
    ]);
  });

  test("formatted percentages in the payout are fractions", () => {
    const result = variablePayout(
      column(formatted(0.95, "0%")),
      column(double(1.12)),
      column(formatted(0.9, "0%"))
    );
    expect(result).toEqual([[0.97]]);
  });

  test("a String is its text: tier names, segment names and roles", () => {
    expect(segment(column(text("Pooled"), text("$300,000")))).toEqual(
      column("Mid-Market", "Enterprise")
    );
    expect(nrrTarget(column(text("Enterprise"), text("Enterprise")))).toEqual(column(1.3, 1.3));
    // Pooled: 80 accounts per AM (MODEL.md).
    expect(targetRatio(column(text("Pooled")), text("AM"))).toEqual([[80]]);
  });

  test("a Boolean is TRUE or FALSE", () => {
    // Two Strategic accounts at 11 per CSM: 2/11 exact, 1 rounded up.
    expect(requiredCsms(column(300000, 300000), undefined, bool(false))).toBeCloseTo(2 / 11, 12);
    expect(requiredCsms(column(300000, 300000), undefined, [[bool(true)]])).toBe(1);
  });

  test("an Empty cell is a blank", () => {
    expect(tier(column(empty, 20000))).toEqual(column("", "Pooled"));
    expect(expansionSplit(column(empty))).toEqual([["", ""]]);
    expect(isBlank(empty)).toBe(true);
    expect(isBlank(text("  "))).toBe(true);
  });

  test("an entity whose basic value is a number or text reads as that", () => {
    expect(tier(column({ type: "Entity", text: "Deal", basicValue: 120000 }))).toEqual([
      ["Enterprise"],
    ]);
    expect(cellValue({ type: "LinkedEntity", text: "x", basicValue: "Strategic" })).toBe(
      "Strategic"
    );
  });
});

describe("what has no plain value is an error naming the cell", () => {
  test("an entity with no basic value is #VALUE! naming the range, row and entity", () => {
    const result = tier(column(80000, entity, 300000));
    expect(result[0]).toEqual(["Mid-Market"]);
    expect(result[2]).toEqual(["Strategic"]);
    expect(errorAt(result, 1)).toEqual({
      code: "#VALUE!",
      message:
        'acv, row 2 of the range: ACV is a data type (Entity "Contoso Ltd") with no number or text to read; refer to one of its fields instead, e.g. =A2.Price.',
    });
    const payout = variablePayout(column(0.95, 0.95), column(1.12, 1.12), column(0.9, entity));
    expect((payout as unknown[][])[0]).toEqual([0.97]);
    expect(errorAt(payout, 1).message).toBe(
      'row 2 of the range: MBO attainment is a data type (Entity "Contoso Ltd") with no number or text to read; refer to one of its fields instead, e.g. =A2.Price.'
    );
  });

  test("an image or a linked entity without a basic value, and an unknown type, likewise", () => {
    const image = { type: "WebImage", address: "https://example.com/logo.png" };
    expect(errorAt(segment(column(image)), 0).message).toBe(
      "ACV is a data type (WebImage) with no number or text to read; refer to one of its fields instead, e.g. =A2.Price."
    );
    expect(inputError("ACV", { type: "LinkedEntity", text: "MSFT" }).message).toMatch(
      /^ACV is a data type \(LinkedEntity "MSFT"\)/
    );
  });

  test("error values still read as errors: an {type: Error} value and a CustomFunctions.Error", () => {
    const div0 = { type: "Error", basicType: "Error", basicValue: "#DIV/0!", errorType: "Div0" };
    const result = tier(column(div0, new FakeCustomFunctionsError("#N/A")));
    expect(errorAt(result, 0).message).toBe(
      "acv, row 1 of the range: ACV is #DIV/0!; fix that cell first."
    );
    expect(errorAt(result, 1).message).toBe(
      "acv, row 2 of the range: ACV is #N/A; fix that cell first."
    );
    expect(cellValue(div0)).toBe(div0);
  });

  test("a Double whose basic value is not finite is refused as the number would be", () => {
    expect(errorAt(tier(column(double(Number.NaN))), 0).message).toBe(
      'NaN is not an amount. Use a number such as 80000, "$80,000", "80k" or "1.2M".'
    );
  });
});
