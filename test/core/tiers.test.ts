import fc from "fast-check";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { CsError } from "../../src/core/errors";
import { TierTable } from "../../src/core/tiers";

const table = TierTable.compile(defaultAssumptions().tiers) as TierTable;

describe("tier lookup (MODEL.md §1: highest minimum ACV at or below the ACV)", () => {
  // Default minimums: Tech-Touch 0, Pooled 15,000, Mid-Market 50,000, Enterprise 100,000, Strategic 250,000.
  test.each([
    [0, "Tech-Touch"],
    [14_999.99, "Tech-Touch"],
    [15_000, "Pooled"],
    [49_999.99, "Pooled"],
    [50_000, "Mid-Market"],
    [99_999.99, "Mid-Market"],
    [100_000, "Enterprise"],
    [249_999.99, "Enterprise"],
    [250_000, "Strategic"],
    [50_000_000, "Strategic"],
  ])("ACV %p is %s", (acv, tier) => {
    expect((table.tierOf(acv) as { name: string }).name).toBe(tier);
  });

  test("names are found case-insensitively and trimmed", () => {
    expect(table.byTierName("  mid-market ")?.name).toBe("Mid-Market");
    expect(table.byTierName("Mid Market")).toBeUndefined();
  });

  test("a table whose lowest minimum is above 0 leaves small ACVs without a tier (#N/A)", () => {
    const custom = TierTable.compile([
      { name: "Big", min_acv: 1000 },
      { name: "Huge", min_acv: 5000 },
    ]) as TierTable;
    const result = custom.tierOf(999) as CsError;
    expect(result.kind).toBe("NA");
    expect(result.message).toContain("below the lowest tier minimum 1,000");
  });

  test("tables sort themselves by minimum ACV", () => {
    const custom = TierTable.compile([
      { name: "B", min_acv: 10 },
      { name: "A", min_acv: 0 },
    ]) as TierTable;
    expect(custom.names).toEqual(["A", "B"]);
  });

  test("duplicate names and duplicate minimums are rejected", () => {
    expect(
      (
        TierTable.compile([
          { name: "A", min_acv: 0 },
          { name: " a ", min_acv: 5 },
        ]) as CsError
      ).message
    ).toContain("listed twice");
    expect(
      (
        TierTable.compile([
          { name: "A", min_acv: 0 },
          { name: "B", min_acv: 0 },
        ]) as CsError
      ).message
    ).toContain("same minimum ACV");
    expect(TierTable.compile([])).toBeInstanceOf(CsError);
  });
});

describe("indexOfAcv, the allocation-free lookup the range functions use", () => {
  // Small tables count minimums, large ones binary-search: both must pick the
  // highest minimum at or below the ACV, and -1 below the lowest.
  test("agrees with a plain scan for tables of 1 to 20 tiers", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.double({ min: 0, max: 2_000_000, noNaN: true }), { maxLength: 30 }),
        (mins, acvs) => {
          const compiled = TierTable.compile(
            mins.map((min, i) => ({ name: `T${i}`, min_acv: min }))
          );
          if (compiled instanceof CsError) throw new Error(compiled.message);
          const sorted = [...mins].sort((a, b) => a - b);
          for (const acv of [...acvs, ...sorted]) {
            let expected = -1;
            for (let i = 0; i < sorted.length; i++) if (sorted[i] <= acv) expected = i;
            expect(compiled.indexOfAcv(acv)).toBe(expected);
          }
        }
      )
    );
  });

  test("NaN has no tier", () => {
    expect(table.indexOfAcv(NaN)).toBe(-1);
  });
});
