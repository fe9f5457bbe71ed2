import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { setAssumption } from "../../src/core/assumptions/keys";
import { Assumptions } from "../../src/core/assumptions/types";
import { evaluate, evaluateOne, excelError } from "../helpers/engine";

describe("=CS.TIER", () => {
  test('=CS.TIER("$80,000") is Mid-Market', async () => {
    expect(await evaluateOne('=CS.TIER("$80,000")')).toBe("Mid-Market");
  });

  test("every tier boundary (MODEL.md §1: a minimum belongs to its own tier)", async () => {
    const cases: [string, string][] = [
      ["0", "Tech-Touch"],
      ["14999.99", "Tech-Touch"],
      ["15000", "Pooled"],
      ["49999.99", "Pooled"],
      ["50000", "Mid-Market"],
      ["99999.99", "Mid-Market"],
      ["100000", "Enterprise"],
      ["249999.99", "Enterprise"],
      ["250000", "Strategic"],
    ];
    const results = await evaluate(cases.map(([acv]) => `=CS.TIER(${acv})`));
    expect(results).toEqual(cases.map(([, tier]) => tier));
  });

  test("CRM text forms", async () => {
    const texts = [
      '"80k"',
      '"1.2M"',
      '"USD 80,000"',
      '" 80000 "',
      '"80,000.00"',
      '"15k"',
      '"$249,999"',
    ];
    expect(await evaluate(texts.map((t) => `=CS.TIER(${t})`))).toEqual([
      "Mid-Market",
      "Strategic",
      "Mid-Market",
      "Mid-Market",
      "Mid-Market",
      "Pooled",
      "Enterprise",
    ]);
  });

  test("a range spills one tier per cell, blanks stay blank, a bad cell errs alone", async () => {
    const sheet = [["ACV"], [80000], ["$300k"], [null], ["N/A"], [-5], [0]];
    expect(await evaluateOne("=CS.TIER(A2:A7)", { sheet })).toEqual([
      ["Mid-Market"],
      ["Strategic"],
      [null],
      [excelError("#VALUE!", "acv, row 4", '"N/A" is not an amount')],
      [excelError("#VALUE!", "acv, row 5", "-5 is negative")],
      ["Tech-Touch"],
    ]);
  });

  test("a 2-D range keeps its shape", async () => {
    const sheet = [
      [1000, 20000],
      [60000, 120000],
    ];
    expect(await evaluateOne("=CS.TIER(A1:B2)", { sheet })).toEqual([
      ["Tech-Touch", "Pooled"],
      ["Mid-Market", "Enterprise"],
    ]);
  });

  test("a tiers range overrides the workbook's table, header row allowed", async () => {
    const sheet = [
      ["Tier", "Min ACV"],
      ["Small", 0],
      ["Big", "$1,000"],
    ];
    expect(
      await evaluate(["=CS.TIER(999, A1:B3)", "=CS.TIER(1000, A1:B3)", "=CS.TIER(1000, A2:B3)"], {
        sheet,
      })
    ).toEqual(["Small", "Big", "Big"]);
  });

  test("a broken tiers range says what is wrong", async () => {
    const sheet = [
      ["Small", 0],
      ["Big", "lots"],
      ["small", 50],
    ];
    expect(
      await evaluate(["=CS.TIER(5, A1:B2)", "=CS.TIER(5, A1:A2)", "=CS.TIER(5, A1:B1)"], { sheet })
    ).toEqual([
      excelError("#VALUE!", "tiers, row 2, column 2", '"lots" is not an amount'),
      excelError("#VALUE!", "needs two"),
      "Small",
    ]);
    expect(await evaluateOne('=CS.TIER(5, {"Small",0;"small",50})')).toEqual(
      excelError("#VALUE!", "listed twice")
    );
  });

  test("the workbook's assumptions decide the tiers (no constant in the function)", async () => {
    const assumptions = setAssumption(
      defaultAssumptions(),
      "tier.Strategic.min_acv",
      "500000"
    ) as Assumptions;
    expect(await evaluateOne("=CS.TIER(300000)", { assumptions })).toBe("Enterprise");
  });

  test("bad input is an error with a message, never a crash", async () => {
    expect(await evaluate(["=CS.TIER(TRUE())", '=CS.TIER("")', "=CS.TIER(1/0)"])).toEqual([
      excelError("#VALUE!", "TRUE is not an amount"),
      null,
      excelError("#VALUE!", "ACV is #DIV/0!; fix that cell first"),
    ]);
  });
});
