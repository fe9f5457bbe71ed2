/**
 * The functions as Excel calls them: with the CustomFunctions global of the
 * shared runtime present, errors must come back as CustomFunctions.Error
 * (never a string "#VALUE!"), blanks as "", and a pending assumptions load
 * must be waited for.
 */
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { setAssumption } from "../../src/core/assumptions/keys";
import { Assumptions } from "../../src/core/assumptions/types";
import { expansionSplit, variablePayout } from "../../src/functions/comp";
import { requiredCsms } from "../../src/functions/headcount";
import { useAssumptions, waitForAssumptions } from "../../src/functions/host";
import { tier } from "../../src/functions/segmentation";
import { FakeCustomFunctionsError, useCustomFunctionsStub } from "../helpers/custom-functions";

useCustomFunctionsStub();

afterAll(() => {
  useAssumptions(defaultAssumptions());
});

describe("in Excel's runtime", () => {
  test("a range in, a spill out, one error cell as CustomFunctions.Error", () => {
    // Excel web passes empty cells as null or ""; both give a blank ("") result.
    const result = tier([[80000], [null], ["N/A"], [""]]) as unknown[][];
    expect(result[0][0]).toBe("Mid-Market");
    expect(result[1][0]).toBe("");
    expect(result[3][0]).toBe("");
    const error = result[2][0] as FakeCustomFunctionsError;
    expect(error).toBeInstanceOf(FakeCustomFunctionsError);
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toBe(
      'acv, row 3 of the range: "N/A" is not an amount. Use a number such as 80000, "$80,000", "80k" or "1.2M".'
    );
  });

  test("unknown names are #N/A; scalar results are plain numbers", () => {
    const na = expansionSplit([[60000]], "bonus") as unknown[][];
    expect((na[0][0] as FakeCustomFunctionsError).code).toBe("#N/A");
    // Omitted optional arguments arrive as null.
    expect(requiredCsms([[300000], [300000]], null as never, null)).toBeCloseTo(2 / 11, 12);
    expect(
      variablePayout([[0.95]], [[1.12]], [[0.9]], null as never, null as never, null as never, null)
    ).toEqual([[0.97]]);
  });

  test("an error value in an input range is named by its code", () => {
    const input = new FakeCustomFunctionsError("#DIV/0!");
    const result = tier([[input]]) as unknown[][];
    expect((result[0][0] as FakeCustomFunctionsError).message).toBe(
      "ACV is #DIV/0!; fix that cell first."
    );
  });

  test("while the workbook's assumptions load, functions wait and then use them", async () => {
    let finish: () => void = () => undefined;
    const loading = new Promise<void>((resolve) => {
      finish = resolve;
    });
    waitForAssumptions(loading);
    const pending = tier([[300000]]) as unknown as Promise<unknown[][]>;
    expect(pending).toBeInstanceOf(Promise);
    useAssumptions(
      setAssumption(defaultAssumptions(), "tier.Strategic.min_acv", "500000") as Assumptions
    );
    finish();
    expect(await pending).toEqual([["Enterprise"]]);
    // Once loaded, results are synchronous again.
    expect(tier([[600000]])).toEqual([["Strategic"]]);
  });
});
