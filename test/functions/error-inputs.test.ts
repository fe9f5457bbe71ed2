/**
 * Error values in input cells, as Excel passes them once the metadata sets
 * allowErrorForDataTypeAny (the build does): a CustomFunctions.Error whose
 * code is the cell's error ("#DIV/0!", CustomFunctions.ErrorCode.divisionByZero).
 * The README promises a per-cell message naming the range and position; the
 * other cells of a spill still compute.
 */
import { expansionSplit, variablePayout } from "../../src/functions/comp";
import { maxBook, requiredCsms } from "../../src/functions/headcount";
import { accountCapacity } from "../../src/functions/capacity";
import { segment } from "../../src/functions/segmentation";
import { FakeCustomFunctionsError, useCustomFunctionsStub } from "../helpers/custom-functions";

useCustomFunctionsStub();

/** An input cell holding #DIV/0!, as Excel hands it to the function. */
const divZero = () => new FakeCustomFunctionsError("#DIV/0!");

function errorAt(result: unknown, r: number, c = 0): { code: string; message: string } {
  const cell = (result as unknown[][])[r][c] as FakeCustomFunctionsError;
  expect(cell).toBeInstanceOf(FakeCustomFunctionsError);
  return { code: cell.code, message: cell.message };
}

describe("an input cell holding an Excel error", () => {
  test("in a column: that cell's output names the error and its row; the others compute", () => {
    const result = segment([[300000], [divZero()], ["Pooled"]]) as unknown[][];
    expect(result[0][0]).toBe("Enterprise");
    expect(result[2][0]).toBe("Mid-Market");
    expect(errorAt(result, 1)).toEqual({
      code: "#VALUE!",
      message: "acv_or_tier, row 2 of the range: ACV is #DIV/0!; fix that cell first.",
    });
  });

  test("through the element-wise helper and the fast paths", () => {
    const capacity = accountCapacity([[27], [27]], [[6], [divZero()]], [[75]]) as unknown[][];
    expect(capacity[0][0]).toBe(14.4);
    expect(errorAt(capacity, 1).message).toBe(
      "touches_per_month, row 2 of the range: Touches per month is #DIV/0!; fix that cell first."
    );
    expect(errorAt(maxBook([[300000], [divZero()]]), 1).message).toBe(
      "avg_acv, row 2 of the range: Average ACV is #DIV/0!; fix that cell first."
    );
    const split = expansionSplit([[60000], [divZero()]]) as unknown[][];
    expect(split[0]).toEqual([42000, 18000]);
    expect(errorAt(split, 1, 0).message).toBe(
      "amount, row 2 of the range: Amount is #DIV/0!; fix that cell first."
    );
    const payout = variablePayout([[0.95], [0.95]], [[1.12], [divZero()]], [[0.9], [0.9]]);
    expect((payout as unknown[][])[0][0]).toBe(0.97);
    expect(errorAt(payout, 1)).toEqual({
      code: "#VALUE!",
      message: "row 2 of the range: NRR is #DIV/0!; fix that cell first.",
    });
  });

  test("in an aggregate, the whole result names the cell", () => {
    const result = requiredCsms([[300000], [divZero()]]) as FakeCustomFunctionsError;
    expect(result).toBeInstanceOf(FakeCustomFunctionsError);
    expect(result.code).toBe("#VALUE!");
    expect(result.message).toBe(
      "accounts, row 2 of the range: ACV is #DIV/0!; fix that cell first."
    );
  });
});
