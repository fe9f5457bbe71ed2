import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { COVERAGE_PLAN_HEADER, coveragePlan, emptyTally } from "../../src/core/coverage-plan";

const tiers = defaultAssumptions().tiers; // Tech-Touch, Pooled, Mid-Market, Enterprise, Strategic

function tally(counts: number[], priced: number[], arr: number[]) {
  const t = emptyTally(tiers.length);
  t.counts.set(counts);
  t.priced.set(priced);
  t.arr.set(arr);
  return t;
}

describe("coverage plan table (MODEL.md §4)", () => {
  test("header, one row per tier in tier order, Total", () => {
    const plan = coveragePlan(tiers, emptyTally(tiers.length));
    expect(plan.length).toBe(7);
    expect(plan[0]).toEqual([...COVERAGE_PLAN_HEADER]);
    expect(plan.map((row) => row[0])).toEqual([
      "Tier",
      "Tech-Touch",
      "Pooled",
      "Mid-Market",
      "Enterprise",
      "Strategic",
      "Total",
    ]);
    // No accounts: 0 accounts, ARR 0, no people, no ARR per CSM
    for (const row of plan.slice(1)) expect(row.slice(1)).toEqual([0, 0, 0, 0, 0, null]);
  });

  test("rows and Total worked out by hand", () => {
    // Strategic: 3 accounts, 2 with ACVs 300,000 + 260,000; Enterprise: 2 accounts, 1 ACV 150,000;
    // Pooled: 2 accounts given as names only.
    const plan = coveragePlan(
      tiers,
      tally([0, 2, 0, 2, 3], [0, 0, 0, 1, 2], [0, 0, 0, 150_000, 560_000])
    );
    const [pooled, enterprise, strategic, total] = [plan[2], plan[4], plan[5], plan[6]];
    // Pooled: ARR blank (no amounts); CSMs 2/50; AMs 2/80; TAMs none -> 0
    expect(pooled).toEqual(["Pooled", 2, null, 0.04, 0.025, 0, null]);
    // Enterprise: CSMs 2/30, AMs 2/25 = 0.08, ARR per CSM 150,000 / (2/30) = 2,250,000
    expect(enterprise[0]).toBe("Enterprise");
    expect(enterprise[3]).toBeCloseTo(2 / 30, 15);
    expect(enterprise.slice(4)).toEqual([0.08, 0, 2_250_000]);
    // Strategic: CSMs 3/11, AMs 3/25 = 0.12, TAMs 3/10 = 0.3; ARR per CSM 560,000 x 11/3 = 2,053,333.33
    expect(strategic[3]).toBeCloseTo(3 / 11, 15);
    expect(strategic.slice(4)).toEqual([0.12, 0.3, 2_053_333.33]);
    // Total: 7 accounts; ARR 710,000; CSMs 2/50 + 2/30 + 3/11; AMs 0.025 + 0.08 + 0.12 = 0.225
    const csms = 2 / 50 + 2 / 30 + 3 / 11;
    expect(total.slice(0, 3)).toEqual(["Total", 7, 710_000]);
    expect(total[3]).toBeCloseTo(csms, 15);
    expect(total[4]).toBeCloseTo(0.225, 15);
    expect(total[5]).toBeCloseTo(0.3, 15);
    expect(total[6]).toBe(Math.round((710_000 / csms) * 100) / 100);
  });

  test("only tier names: every ARR with accounts is blank, Total too", () => {
    const plan = coveragePlan(tiers, tally([0, 0, 0, 0, 11], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]));
    expect(plan[5]).toEqual(["Strategic", 11, null, 1, 0.44, 1.1, null]);
    expect(plan[6]).toEqual(["Total", 11, null, 1, 0.44, 1.1, null]);
  });

  test("a tier without a CSM ratio has 0 CSMs and no ARR per CSM", () => {
    const custom = tiers.map((t) => (t.name === "Pooled" ? { ...t, csm_ratio: null } : t));
    const plan = coveragePlan(
      custom,
      tally([0, 4, 0, 0, 0], [0, 4, 0, 0, 0], [0, 80_000, 0, 0, 0])
    );
    // 4 Pooled accounts, ARR 80,000; AMs 4/80 = 0.05
    expect(plan[2]).toEqual(["Pooled", 4, 80_000, 0, 0.05, 0, null]);
    expect(plan[6]).toEqual(["Total", 4, 80_000, 0, 0.05, 0, null]);
  });

  test("ARR is rounded to the cent", () => {
    const plan = coveragePlan(
      tiers,
      tally([3, 0, 0, 0, 0], [3, 0, 0, 0, 0], [0.1 + 0.2 + 1000, 0, 0, 0, 0])
    );
    expect(plan[1][2]).toBe(1000.3);
  });
});
