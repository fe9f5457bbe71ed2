import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { requiredHeadcount, roleRatios } from "../../src/core/headcount";

const tiers = defaultAssumptions().tiers; // order: Tech-Touch 175, Pooled 50, Mid-Market 32, Enterprise 30, Strategic 11 per CSM

describe("required headcount (MODEL.md §4)", () => {
  test("one CSM's worth of each tier is five CSMs exactly", () => {
    expect(requiredHeadcount([175, 50, 32, 30, 11], roleRatios(tiers, "CSM"), false)).toBe(5);
  });

  test("exact fraction by default; rounded up per tier when asked", () => {
    // 12 Strategic / 11 = 1.0909; 1 Enterprise / 30 = 0.0333; total 1.1242...
    expect(requiredHeadcount([0, 0, 0, 1, 12], roleRatios(tiers, "CSM"), false)).toBeCloseTo(
      12 / 11 + 1 / 30,
      12
    );
    // Rounded per tier: 2 + 1 = 3 (not ceil(1.12) = 2).
    expect(requiredHeadcount([0, 0, 0, 1, 12], roleRatios(tiers, "CSM"), true)).toBe(3);
  });

  test("rounding forgives floating-point dust", () => {
    // 33 / 11 = 3 exactly; 0.3 x 10 style dust must not become 4.
    expect(requiredHeadcount([0, 0, 0, 0, 33], roleRatios(tiers, "CSM"), true)).toBe(3);
    expect(requiredHeadcount([0.1 + 0.2, 0, 0, 0, 0], [0.3, null, null, null, null], true)).toBe(1);
  });

  test("a role that does not apply to a tier adds nothing", () => {
    // TAM only at Strategic (1:10): 25 Strategic -> 2.5; Enterprise accounts add 0.
    expect(requiredHeadcount([0, 0, 0, 40, 25], roleRatios(tiers, "TAM"), false)).toBe(2.5);
  });
});
