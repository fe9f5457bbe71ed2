import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { setAssumption } from "../../src/core/assumptions/keys";
import { Assumptions } from "../../src/core/assumptions/types";
import { SheetInput } from "../../src/engine/engine";
import { evaluate, evaluateOne, excelError } from "../helpers/engine";

/** A one-column sheet: header in A1, then the given accounts. */
function column(values: (number | string | null)[]): SheetInput {
  return [["ACV"], ...values.map((v) => [v])];
}

function repeat<T>(value: T, times: number): T[] {
  return Array.from({ length: times }, () => value);
}

describe("=CS.REQUIRED_CSMS (MODEL.md §4)", () => {
  // Default accounts per CSM: Strategic 11, Enterprise 30, Mid-Market 32, Pooled 50, Tech-Touch 175.
  const oneEach = [
    ...repeat(300_000, 11), // 11 / 11 = 1
    ...repeat(150_000, 30), // 30 / 30 = 1
    ...repeat(60_000, 32), // 32 / 32 = 1
    ...repeat(20_000, 50), // 50 / 50 = 1
    ...repeat(5_000, 175), // 175 / 175 = 1
  ];

  test("one CSM's book in every tier needs exactly five CSMs", async () => {
    const sheet = column(oneEach);
    expect(await evaluateOne(`=CS.REQUIRED_CSMS(A2:A${oneEach.length + 1})`, { sheet })).toBe(5);
  });

  test("the exact fraction by default, rounded up per tier on request", async () => {
    // 12 Strategic: 12/11 = 1.090909...; 1 Enterprise: 1/30 = 0.0333...; sum 1.12424242424242
    const sheet = column([...repeat("$300k", 12), "150000"]);
    const [exact, rounded, explicitFalse] = await evaluate(
      [
        "=CS.REQUIRED_CSMS(A2:A14)",
        "=CS.REQUIRED_CSMS(A2:A14,,TRUE())",
        "=CS.REQUIRED_CSMS(A2:A14,,FALSE())",
      ],
      { sheet }
    );
    expect(exact).toBeCloseTo(12 / 11 + 1 / 30, 12);
    expect(rounded).toBe(3); // ceil(1.09) + ceil(0.03) = 2 + 1, per tier
    expect(explicitFalse).toBe(exact);
  });

  test("tier names count as accounts of that tier, in any case", async () => {
    // 2 Strategic + 1 Enterprise = 2/11 + 1/30
    const sheet = column(["Strategic", " strategic ", "ENTERPRISE"]);
    expect(await evaluateOne("=CS.REQUIRED_CSMS(A2:A4)", { sheet })).toBeCloseTo(
      2 / 11 + 1 / 30,
      12
    );
  });

  test("blank cells are skipped, not counted as $0 accounts", async () => {
    const sheet = column([300_000, null, "", 300_000]);
    expect(await evaluateOne("=CS.REQUIRED_CSMS(A2:A5)", { sheet })).toBeCloseTo(2 / 11, 12);
  });

  test("a flat ratio replaces every tier's", async () => {
    // 100 accounts of any tiers at 1:50 = 2
    const sheet = column([...repeat(5_000, 60), ...repeat(300_000, 40)]);
    expect(await evaluateOne("=CS.REQUIRED_CSMS(A2:A101, 50)", { sheet })).toBe(2);
  });

  test("a ratio table overrides only the tiers it lists; 'none' removes a tier", async () => {
    const sheet: SheetInput = [
      [300_000, "Tier", "Accounts per CSM"],
      [300_000, "Strategic", 2],
      [150_000, "Enterprise", "none"],
    ];
    // Strategic at 1:2 -> 2 / 2 = 1; Enterprise removed -> 0
    expect(await evaluateOne("=CS.REQUIRED_CSMS(A1:A3, B1:C3)", { sheet })).toBe(1);
    // Without the header row, same answer
    expect(await evaluateOne("=CS.REQUIRED_CSMS(A1:A3, B2:C3)", { sheet })).toBe(1);
    // Only Strategic listed: Enterprise keeps 1:30 -> 1 + 1/30
    expect(await evaluateOne("=CS.REQUIRED_CSMS(A1:A3, B2:C2)", { sheet })).toBeCloseTo(
      1 + 1 / 30,
      12
    );
  });

  test("ratios come from the workbook's assumptions", async () => {
    const assumptions = setAssumption(
      defaultAssumptions(),
      "tier.Strategic.csm_ratio",
      "22"
    ) as Assumptions;
    const sheet = column(repeat(300_000, 22));
    expect(await evaluateOne("=CS.REQUIRED_CSMS(A2:A23)", { sheet, assumptions })).toBe(1);
  });

  test("bad input names the value and its position", async () => {
    const sheet: SheetInput = [
      ["ACV", "Tier", "Ratio"],
      [80_000, "Gold", 5],
      ["N/A", "Strategic", 0],
      [-10, null, null],
    ];
    expect(
      await evaluate(
        [
          "=CS.REQUIRED_CSMS(A2:A3)",
          "=CS.REQUIRED_CSMS(A4)",
          "=CS.REQUIRED_CSMS(A2, 0)",
          "=CS.REQUIRED_CSMS(A2, B2:C2)",
          "=CS.REQUIRED_CSMS(A2, B3:C3)",
          '=CS.REQUIRED_CSMS(A2, , "maybe")',
          "=CS.REQUIRED_CSMS(A2, A2:C2)",
        ],
        { sheet }
      )
    ).toEqual([
      excelError(
        "#N/A",
        "accounts, row 2",
        'There is no tier named "N/A", and it is not an amount'
      ),
      excelError("#VALUE!", "ACV -10 is negative"),
      excelError("#VALUE!", "Ratio 0 must be more than 0"),
      excelError("#N/A", 'no tier named "Gold"'),
      excelError("#VALUE!", "ratios", "Ratio 0 must be more than 0"),
      excelError("#VALUE!", 'round_up "maybe" is not TRUE or FALSE'),
      excelError("#VALUE!", "3 column(s)"),
    ]);
  });

  test("no accounts need no CSMs", async () => {
    expect(await evaluateOne("=CS.REQUIRED_CSMS(A1:A3)", { sheet: [[null], [null], [null]] })).toBe(
      0
    );
  });
});
