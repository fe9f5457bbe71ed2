import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import {
  floorAccounts,
  maxBook,
  requiredHeadcount,
  roleNamed,
  roleRatios,
  tierHeadcount,
} from "../../src/core/headcount";

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

describe("roles and one tier's headcount", () => {
  test("roles are named in any case, trimmed", () => {
    expect([roleNamed("csm"), roleNamed(" Am "), roleNamed("TAM")]).toEqual(["CSM", "AM", "TAM"]);
    expect(roleNamed("CSMs")).toBeUndefined();
    expect(roleNamed("")).toBeUndefined();
  });

  test("AM and TAM ratios per tier (MODEL.md §1)", () => {
    // Tier order: Tech-Touch, Pooled, Mid-Market, Enterprise, Strategic.
    expect(roleRatios(tiers, "AM")).toEqual([300, 80, 80, 25, 25]);
    expect(roleRatios(tiers, "TAM")).toEqual([null, null, null, null, 10]);
  });

  test("25 Strategic + 25 Enterprise: AMs 25/25 + 25/25 = 2, TAMs 25/10 = 2.5", () => {
    expect(requiredHeadcount([0, 0, 0, 25, 25], roleRatios(tiers, "AM"), false)).toBe(2);
    expect(requiredHeadcount([0, 0, 0, 25, 25], roleRatios(tiers, "TAM"), false)).toBe(2.5);
    // Rounded up per tier: TAMs ceil(2.5) = 3
    expect(requiredHeadcount([0, 0, 0, 25, 25], roleRatios(tiers, "TAM"), true)).toBe(3);
  });

  test("a tier's headcount: 0 without a ratio or without accounts", () => {
    expect(tierHeadcount(5, null, false)).toBe(0);
    expect(tierHeadcount(0, 11, true)).toBe(0);
    expect(tierHeadcount(12, 11, false)).toBeCloseTo(12 / 11, 15);
    expect(tierHeadcount(12, 11, true)).toBe(2);
  });
});

describe("max book (MODEL.md §4: min(accounts per CSM, ARR ceiling / average ACV), rounded down)", () => {
  test("the ratio binds below the ceiling, the ceiling above it", () => {
    // Strategic $300,000: min(11, 4,000,000 / 300,000 = 13.33) = 11
    expect(maxBook(11, 4_000_000, 300_000)).toBe(11);
    // Strategic $400,000: min(11, 10) = 10
    expect(maxBook(11, 4_000_000, 400_000)).toBe(10);
    // Mid-Market $60,000: min(32, 2,500,000 / 60,000 = 41.67) = 32
    expect(maxBook(32, 2_500_000, 60_000)).toBe(32);
    // Mid-Market $90,000: min(32, 27.78) = 27
    expect(maxBook(32, 2_500_000, 90_000)).toBe(27);
  });

  test("no ceiling or an average ACV of 0: the ratio, rounded down", () => {
    expect(maxBook(11, null, 300_000)).toBe(11);
    expect(maxBook(32.5, 2_500_000, 0)).toBe(32);
  });

  test("an account above the ceiling still makes a book of one", () => {
    // 4,000,000 / 5,000,000 = 0.8 -> 0, kept at 1
    expect(maxBook(11, 4_000_000, 5_000_000)).toBe(1);
  });

  test("rounding down forgives floating-point dust", () => {
    // 2,500,000 / (2,500,000 / 7) is 7 accounts, whatever the binary says
    expect(maxBook(50, 2_500_000, 2_500_000 / 7)).toBe(7);
    expect(floorAccounts(6.999999999999999)).toBe(7);
    expect(floorAccounts(6.99)).toBe(6);
  });
});
