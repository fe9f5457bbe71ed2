/**
 * The fast paths of the functions that take a million-row column (TIER,
 * REQUIRED_CSMS, COVERAGE_PLAN, EXPANSION_SPLIT, VARIABLE_PAYOUT), called
 * as Excel calls them: a column in as an array of one-cell rows, an array
 * out. Plain numbers skip the text parser; these tests pin that the edges of
 * that shortcut (-0, NaN, Infinity, 1e300, numbers given as text, a mix in
 * one column) read exactly as the full reader reads them. Expected values are
 * from MODEL.md's tier table (0 / 15k / 50k / 100k / 250k) and ratios.
 */
import fc from "fast-check";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { CsError } from "../../src/core/errors";
import { expansionSplit, variablePayout } from "../../src/functions/comp";
import { coveragePlan, requiredCsms } from "../../src/functions/headcount";
import { useAssumptions } from "../../src/functions/host";
import { tier } from "../../src/functions/segmentation";

afterEach(() => useAssumptions(defaultAssumptions()));

const column = (...values: unknown[]): unknown[][] => values.map((v) => [v]);

/** MODEL.md §1, written out by hand: the tier of an ACV of 0 or more. */
function modelTier(acv: number): string {
  if (acv >= 250_000) return "Strategic";
  if (acv >= 100_000) return "Enterprise";
  if (acv >= 50_000) return "Mid-Market";
  if (acv >= 15_000) return "Pooled";
  return "Tech-Touch";
}

function message(cell: unknown): string {
  expect(cell).toBeInstanceOf(CsError);
  return (cell as CsError).message;
}

describe("CS.TIER over a column", () => {
  test("-0 is $0 (Tech-Touch), 1e15 (the largest amount) is Strategic, numbers as text still parse", () => {
    const result = tier(column(-0, 1e15, "80000", " 250000 ", "$14,999.99", 15000, 0));
    expect(result).toEqual(
      column(
        "Tech-Touch",
        "Strategic",
        "Mid-Market",
        "Strategic",
        "Tech-Touch",
        "Pooled",
        "Tech-Touch"
      )
    );
  });

  test("an amount above 1e15 is an error naming its row, never a tier", () => {
    expect(message(tier(column(80000, 1e300))[1][0])).toMatch(
      /^acv, row 2 of the range: 1e\+300 is above the largest amount/
    );
  });

  test("NaN, Infinity and negatives are errors naming their row, never a tier", () => {
    const result = tier(column(80000, NaN, Infinity, -Infinity, -5, null, ""));
    expect(result[0]).toEqual(["Mid-Market"]);
    expect(message(result[1][0])).toBe(
      'acv, row 2 of the range: NaN is not an amount. Use a number such as 80000, "$80,000", "80k" or "1.2M".'
    );
    expect(message(result[2][0])).toBe(
      'acv, row 3 of the range: Infinity is not an amount. Use a number such as 80000, "$80,000", "80k" or "1.2M".'
    );
    expect(message(result[3][0])).toBe(
      'acv, row 4 of the range: -Infinity is not an amount. Use a number such as 80000, "$80,000", "80k" or "1.2M".'
    );
    expect(message(result[4][0])).toBe(
      "acv, row 5 of the range: ACV -5 is negative; it must be 0 or more."
    );
    expect(result.slice(5)).toEqual([[""], [""]]);
  });

  test("a number below the lowest minimum of a tiers range is #N/A naming its row", () => {
    const tiers = [
      ["Small", 1000],
      ["Big", 100000],
    ];
    const result = tier(column(999.99, 1000, 100000), tiers);
    expect(message(result[0][0])).toBe(
      "acv, row 1 of the range: ACV 999.99 is below the lowest tier minimum 1,000, so it has no tier."
    );
    expect(result.slice(1)).toEqual(column("Small", "Big"));
  });

  test("any column of non-negative numbers gives MODEL.md's tier for every row", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.double({ min: 0, max: 1e7, noNaN: true }),
            fc.integer({ min: 0, max: 400_000 })
          ),
          {
            minLength: 1,
            maxLength: 60,
          }
        ),
        (acvs) => {
          expect(tier(column(...acvs))).toEqual(column(...acvs.map(modelTier)));
        }
      )
    );
  });

  test("rows of one tier may be one shared row, frozen, so no write can change another row", () => {
    const result = tier(column(300000, 400000, 20000)) as unknown[][];
    expect(Object.isFrozen(result[0])).toBe(true);
    expect(() => {
      "use strict";
      result[0][0] = "changed";
    }).toThrow(TypeError);
    expect(result[1]).toEqual(["Strategic"]);
    // The outer array is the caller's own.
    result[2] = ["mine"];
    expect(tier(column(20000))).toEqual([["Pooled"]]);
  });

  test("new assumptions give new names, not rows remembered from the old table", () => {
    expect(tier(column(300000))).toEqual([["Strategic"]]);
    const renamed = defaultAssumptions();
    useAssumptions({
      ...renamed,
      tiers: renamed.tiers.map((t) => (t.name === "Strategic" ? { ...t, name: "Key" } : t)),
    });
    expect(tier(column(300000, 300000))).toEqual(column("Key", "Key"));
  });

  test("a range of two columns reads every cell the same way", () => {
    const result = tier([
      [-0, "80k"],
      [NaN, 250000],
    ]);
    expect(result[0]).toEqual(["Tech-Touch", "Mid-Market"]);
    expect(message(result[1][0])).toBe(
      'acv, row 2, column 1 of the range: NaN is not an amount. Use a number such as 80000, "$80,000", "80k" or "1.2M".'
    );
    expect(result[1][1]).toBe("Strategic");
  });
});

describe("CS.REQUIRED_CSMS and CS.COVERAGE_PLAN over a column", () => {
  test("-0 counts as a $0 Tech-Touch account; 1e15 as one Strategic account; 1e300 is refused", () => {
    expect(requiredCsms(column(-0))).toBeCloseTo(1 / 175, 15);
    expect(requiredCsms(column(1e15))).toBeCloseTo(1 / 11, 15);
    expect(message(requiredCsms(column(1e300)))).toContain("above the largest amount");
  });

  test("numbers, text amounts and tier names in one column count alike", () => {
    // Two Strategic accounts (one a number, one text), one named Enterprise, one Pooled: 2/11 + 1/30 + 1/50.
    const csms = requiredCsms(column(300000, "$300k", "enterprise", 20000, null));
    expect(csms).toBeCloseTo(2 / 11 + 1 / 30 + 1 / 50, 12);
  });

  test("NaN or Infinity anywhere is #VALUE! naming its row, never a NaN count", () => {
    expect(message(requiredCsms(column(300000, NaN)))).toBe(
      'accounts, row 2 of the range: NaN is not an amount. Use a number such as 80000, "$80,000", "80k" or "1.2M".'
    );
    const plan = coveragePlan(column(300000, 20000, Infinity));
    expect(message(plan[0][0])).toBe(
      'accounts, row 3 of the range: Infinity is not an amount. Use a number such as 80000, "$80,000", "80k" or "1.2M".'
    );
  });

  test("the plan sums plain-number ACVs per tier, to the cent", () => {
    const plan = coveragePlan(column(300000, 250000.5, -0, 20000, "Pooled"));
    // Tier rows in tier order after the header: Tech-Touch, Pooled, Mid-Market, Enterprise, Strategic, Total.
    expect(plan[1].slice(0, 3)).toEqual(["Tech-Touch", 1, 0]);
    expect(plan[2].slice(0, 3)).toEqual(["Pooled", 2, 20000]);
    expect(plan[5].slice(0, 4)).toEqual(["Strategic", 2, 550000.5, 2 / 11]);
    expect(plan[6].slice(0, 3)).toEqual(["Total", 5, 570000.5]);
  });
});

describe("CS.EXPANSION_SPLIT over a column", () => {
  test("each row gets its own CSM and AE credit; blanks and errors stay in their row", () => {
    const result = expansionSplit(column(60000, null, -5, "$150k", 24999.99, -0));
    expect(result[0]).toEqual([42000, 18000]);
    expect(result[1]).toEqual(["", ""]);
    expect(message(result[2][0])).toBe(
      "amount, row 3 of the range: Amount -5 is negative: a contraction is not an expansion and earns no credit."
    );
    expect(result[2][1]).toBe(result[2][0]);
    expect(result[3]).toEqual([45000, 105000]);
    expect(result[4]).toEqual([24999.99, 0]);
    expect(result[5]).toEqual([0, 0]);
    expect(Object.is(result[5][0], -0)).toBe(false);
  });

  test("one part per row, and two columns of amounts give four columns", () => {
    expect(expansionSplit(column(60000, 150000), "lead")).toEqual(
      column("CSM-led, AE supporting", "AE-led, CSM co-credit")
    );
    expect(expansionSplit(column(60000, 150000), "ae")).toEqual(column(18000, 105000));
    expect(expansionSplit([[60000, 150000]])).toEqual([[42000, 18000, 45000, 105000]]);
  });
});

describe("CS.VARIABLE_PAYOUT over columns", () => {
  test("each row with its own segment (names in any case), EBR and target", () => {
    // Row 1: MODEL.md's worked example, 0.97. Row 2: Enterprise at 97% GRR (1.0x), expansion
    // 0.28 / 0.10 capped at 1.5x, MBO 1: 0.45 + 0.35 x 1.5 + 0.2 = 1.175 x $45,000 = $52,875.
    const result = variablePayout(
      column(0.95, "97%", 0.97),
      column(1.12, "125%", 1.25),
      column(0.9, 1, 1),
      column(null, "enterprise", " Enterprise "),
      column(null, 0.9, 0.9),
      column(null, 45000, 45000)
    );
    expect(result).toEqual(column(0.97, 52875, 52875));
  });

  test("an unknown segment is #N/A in each of its rows, each naming its own row", () => {
    const result = variablePayout(
      column(0.95, 0.95, 0.95),
      column(1.12, 1.12, 1.12),
      column(0.9, 0.9, 0.9),
      column("Mid", "Mid", null)
    );
    expect(message(result[0][0])).toBe(
      'row 1 of the range: There is no segment or tier named "Mid". Segments: Enterprise, Mid-Market, SMB.'
    );
    expect(message(result[1][0])).toMatch(/^row 2 of the range: There is no segment/);
    expect(result[2]).toEqual([0.97]);
  });

  test("a row of MBOs per output row is averaged; a blank MBO cell is an error, a blank row blank", () => {
    const result = variablePayout(column(0.95, 0.95, 0.95, null), column(1.12, 1.12, 1.12, null), [
      [0.8, 1],
      [0.9, null],
      [null, null],
      [null, null],
    ]);
    expect(result.slice(0, 2)).toEqual(column(0.97, 0.97));
    expect(message(result[2][0])).toBe("row 3 of the range: MBO attainment is blank.");
    expect(result[3]).toEqual([""]);
    const single = variablePayout(column(0.95, 0.95), column(1.12, 1.12), column(0.9, null));
    expect(single[0]).toEqual([0.97]);
    expect(message(single[1][0])).toBe("row 2 of the range: MBO attainment is blank.");
  });
});

describe("the one-column fast paths agree with the general path", () => {
  // A number given as text ("60000") skips the fast path and goes through the readers and
  // compute; the answers must be the same cells.
  test("EXPANSION_SPLIT: every amount as a number and as text, in every part", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 2_000_000 }),
            fc.integer({ min: 0, max: 20_000_000 }).map((cents) => cents / 100)
          ),
          { minLength: 1, maxLength: 40 }
        ),
        (amounts) => {
          const asText = amounts.map((a) => String(a));
          for (const part of [undefined, "csm", "ae", "lead"]) {
            expect(expansionSplit(column(...amounts), part)).toEqual(
              expansionSplit(column(...asText), part)
            );
          }
        }
      )
    );
  });

  test("VARIABLE_PAYOUT: every row as numbers and as text", () => {
    const fraction = (lo: number, hi: number) =>
      fc.integer({ min: lo * 1e4, max: hi * 1e4 }).map((n) => n / 1e4);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fraction(0.8, 1), fraction(0, 0.5), fraction(0, 1.2)), {
          minLength: 1,
          maxLength: 40,
        }),
        (rows) => {
          const grr = rows.map(([g]) => g);
          const nrr = rows.map(([g, extra]) => Math.round((g + extra) * 1e4) / 1e4);
          const mbo = rows.map(([, , m]) => m);
          const text = (values: number[]) => values.map((v) => String(v));
          expect(variablePayout(column(...grr), column(...nrr), column(...mbo))).toEqual(
            variablePayout(column(...text(grr)), column(...text(nrr)), column(...text(mbo)))
          );
        }
      )
    );
  });
});

describe("a range that only begins like a column of one-cell rows", () => {
  // The fast paths presume a range whose first row is one cell is such a column and check
  // each row as they read it; any other row sends the call to the general path, whose
  // answers these are (worked out by hand from MODEL.md's bands and tiers).
  test("EXPANSION_SPLIT: a wider row widens the result; an empty row is blank; a bare value is a row", () => {
    expect(expansionSplit([[60000], [150000, 60000]])).toEqual([
      [42000, 18000, "", ""],
      [45000, 105000, 42000, 18000],
    ]);
    expect(expansionSplit([[60000], [], [150000]])).toEqual([
      [42000, 18000],
      ["", ""],
      [45000, 105000],
    ]);
    expect(expansionSplit([[60000], 150000] as unknown[][])).toEqual([
      [42000, 18000],
      [45000, 105000],
    ]);
  });

  test("TIER: the same, row by row", () => {
    expect(tier([[300000], [20000, 80000]])).toEqual([
      ["Strategic", ""],
      ["Pooled", "Mid-Market"],
    ]);
    expect(tier([[300000], 20000] as unknown[][])).toEqual([["Strategic"], ["Pooled"]]);
  });

  test("VARIABLE_PAYOUT: a GRR range wider than NRR's is refused, not read as a column", () => {
    const result = variablePayout([[0.95], [0.95, 0.95]], column(1.12, 1.12), column(0.9, 0.9));
    expect(result).toHaveLength(1);
    expect(message(result[0][0])).toBe(
      "nrr is 2x1 but the other ranges are 2x2; give one value or a range of the same size."
    );
  });

  test("VARIABLE_PAYOUT: a row of several MBOs among one-cell rows is averaged; a bare MBO is a row of one", () => {
    // MODEL.md's worked example (GRR 95%, NRR 112%, MBO 90%) is 0.97; MBOs 0.8 and 1 average 0.9.
    const result = variablePayout(column(0.95, 0.95, 0.95, 0.95), column(1.12, 1.12, 1.12, 1.12), [
      [0.9],
      [0.8, 1],
      0.9,
      [],
    ] as unknown[][]);
    expect(result.slice(0, 3)).toEqual(column(0.97, 0.97, 0.97));
    expect(message(result[3][0])).toBe("row 4 of the range: MBO attainment is blank.");
  });
});
