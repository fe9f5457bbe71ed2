import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { setAssumption } from "../../src/core/assumptions/keys";
import { Assumptions } from "../../src/core/assumptions/types";
import { SheetInput } from "../../src/engine/engine";
import { evaluate, evaluateOne, excelError } from "../helpers/engine";

function repeat<T>(value: T, times: number): T[] {
  return Array.from({ length: times }, () => value);
}

/** A one-column sheet: header in A1, then the given accounts. */
function column(values: (number | string | null)[]): SheetInput {
  return [["Account"], ...values.map((v) => [v])];
}

// Default ratios (MODEL.md §1), accounts per person:
//             CSM  AM   TAM
// Strategic    11  25   10
// Enterprise   30  25   none
// Mid-Market   32  80   none
// Pooled       50  80   none
// Tech-Touch  175  300  none

describe("=CS.REQUIRED_HEADCOUNT (MODEL.md §4)", () => {
  // 25 Strategic + 25 Enterprise, as ACVs and as tier names
  const sheet = column([...repeat(300_000, 20), ...repeat("Strategic", 5), ...repeat("$150k", 25)]);
  const range = "A2:A51";

  test("25 Strategic + 25 Enterprise: AMs 25/25 + 25/25 = 2, TAMs 25/10 = 2.5, CSMs 25/11 + 25/30", async () => {
    const [am, tam, csm, csms] = await evaluate(
      [
        `=CS.REQUIRED_HEADCOUNT(${range}, "AM")`,
        `=CS.REQUIRED_HEADCOUNT(${range}, "TAM")`,
        `=CS.REQUIRED_HEADCOUNT(${range}, "CSM")`,
        `=CS.REQUIRED_CSMS(${range})`,
      ],
      { sheet }
    );
    expect(am).toBe(2);
    expect(tam).toBe(2.5);
    expect(csm).toBeCloseTo(25 / 11 + 25 / 30, 12);
    expect(csm).toBe(csms); // one implementation
  });

  test("rounded up per tier", async () => {
    expect(
      await evaluate(
        [
          `=CS.REQUIRED_HEADCOUNT(${range}, "TAM", , TRUE())`, // ceil(2.5) = 3
          `=CS.REQUIRED_HEADCOUNT(${range}, "CSM", , TRUE())`, // ceil(2.27) + ceil(0.83) = 3 + 1
          `=CS.REQUIRED_HEADCOUNT(${range}, "AM", , TRUE())`, // 1 + 1 = 2 (no dust)
        ],
        { sheet }
      )
    ).toEqual([3, 4, 2]);
    // AM per tier: 1 Strategic -> ceil(1/25) = 1, 1 Pooled -> ceil(1/80) = 1, 1 Tech-Touch -> 1;
    // rounding the sum instead would give ceil(0.04 + 0.0125 + 0.0033) = 1
    expect(
      await evaluateOne('=CS.REQUIRED_HEADCOUNT(A2:A4, "AM", , TRUE())', {
        sheet: column([300_000, "Pooled", 5_000]),
      })
    ).toBe(3);
  });

  test("roles in any case; a role that does not apply to any account is 0", async () => {
    const small = column([60_000, "Pooled", 5_000]);
    expect(
      await evaluate(
        [
          '=CS.REQUIRED_HEADCOUNT(A2:A4, "tam")',
          '=CS.REQUIRED_HEADCOUNT(A2:A4, " am ")', // 1/80 + 1/80 + 1/300
        ],
        { sheet: small }
      )
    ).toEqual([0, expect.closeTo(1 / 80 + 1 / 80 + 1 / 300, 12)]);
  });

  test("ratios: a flat number for every tier, or a table overriding the listed tiers for that role", async () => {
    const data: SheetInput = [
      [300_000, "Tier", "Accounts per TAM"],
      [150_000, "Enterprise", 5],
      [150_000, "Strategic", "none"],
    ];
    expect(
      await evaluate(
        [
          '=CS.REQUIRED_HEADCOUNT(A1:A3, "TAM", 2)', // 3 accounts / 2 = 1.5, every tier
          '=CS.REQUIRED_HEADCOUNT(A1:A3, "TAM", B1:C2)', // Strategic 1/10 + Enterprise 2/5 = 0.5
          '=CS.REQUIRED_HEADCOUNT(A1:A3, "TAM", B1:C3)', // Strategic removed: 2/5 = 0.4
          '=CS.REQUIRED_HEADCOUNT(A1:A3, "AM", B2:C2)', // AM: Strategic 1/25 + Enterprise 2/5 = 0.44
        ],
        { sheet: data }
      )
    ).toEqual([1.5, 0.5, 0.4, 0.44]);
  });

  test("ratios come from the workbook's assumptions", async () => {
    const assumptions = setAssumption(
      defaultAssumptions(),
      "tier.Enterprise.tam_ratio",
      "25"
    ) as Assumptions;
    // 25 Strategic / 10 + 25 Enterprise / 25 = 3.5
    expect(
      await evaluateOne(`=CS.REQUIRED_HEADCOUNT(${range}, "TAM")`, { sheet, assumptions })
    ).toBe(3.5);
  });

  test("bad input", async () => {
    const data: SheetInput = [
      ["ACV", "Role", "Tier", "Ratio"],
      [80_000, "VP", "Gold", 5],
      ["see contract", null, "Strategic", 0],
      [-10, null, null, null],
    ];
    expect(
      await evaluate(
        [
          '=CS.REQUIRED_HEADCOUNT(A2:A3, "AM")',
          '=CS.REQUIRED_HEADCOUNT(A4, "AM")',
          "=CS.REQUIRED_HEADCOUNT(A2, B2)",
          "=CS.REQUIRED_HEADCOUNT(A2, B3)",
          '=CS.REQUIRED_HEADCOUNT(A2, "")',
          "=CS.REQUIRED_HEADCOUNT(A2, 1)",
          '=CS.REQUIRED_HEADCOUNT(A2, "AM", 0)',
          '=CS.REQUIRED_HEADCOUNT(A2, "AM", C2:D2)',
          '=CS.REQUIRED_HEADCOUNT(A2, "AM", C3:D3)',
          '=CS.REQUIRED_HEADCOUNT(A2, "AM", A2:C2)',
          '=CS.REQUIRED_HEADCOUNT(A2, "AM", , "maybe")',
          "=CS.REQUIRED_HEADCOUNT(A2)",
          '=CS.REQUIRED_HEADCOUNT(1/0, "AM")',
        ],
        { sheet: data }
      )
    ).toEqual([
      excelError(
        "#N/A",
        "accounts, row 2",
        'no tier named "see contract", and it is not an amount'
      ),
      excelError("#VALUE!", "ACV -10 is negative"),
      excelError("#N/A", 'There is no role named "VP". Roles: CSM, AM, TAM.'),
      excelError("#VALUE!", "role is blank"),
      excelError("#VALUE!", "role is blank"),
      excelError("#N/A", "There is no role named 1"),
      excelError("#VALUE!", "Ratio 0 must be more than 0"),
      excelError("#N/A", 'no tier named "Gold"'),
      excelError("#VALUE!", "ratios", "Ratio 0 must be more than 0"),
      excelError("#VALUE!", "3 column(s)", "tier, then accounts per AM"),
      excelError("#VALUE!", 'round_up "maybe" is not TRUE or FALSE'),
      excelError("#N/A", "takes 2 to 4 arguments"),
      excelError("#VALUE!", "ACV is #DIV/0!"),
    ]);
  });

  test("no accounts need nobody", async () => {
    expect(
      await evaluateOne('=CS.REQUIRED_HEADCOUNT(A1:A3, "TAM")', {
        sheet: [[null], [null], [null]],
      })
    ).toBe(0);
  });
});
