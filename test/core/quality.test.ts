import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { TierAssumption } from "../../src/core/assumptions/types";
import { CsError } from "../../src/core/errors";
import { CoverageTally, isCovered } from "../../src/core/quality";

const tiers = defaultAssumptions().tiers;
const tier = (name: string): TierAssumption => tiers.find((t) => t.name === name)!;
const AS_OF = 46112; // 2026-03-31: 2026-01-01 is 46023, + 31 + 28 + 30

describe("isCovered (MODEL.md §7)", () => {
  test.each([
    [7, AS_OF - 7, true], // exactly the SLA: covered ("at most")
    [7, AS_OF - 8, false],
    [7, AS_OF, true], // touched on the as-of day
    [0, AS_OF, true],
    [0, AS_OF - 1, false],
    [183, AS_OF - 183, true],
    [183, AS_OF - 184, false],
  ])("SLA %p days, last touch %p: %p", (sla, touch, expected) => {
    expect(isCovered(sla, touch, AS_OF)).toBe(expected);
  });

  test("no recorded touch is not covered", () => {
    expect(isCovered(7, null, AS_OF)).toBe(false);
  });

  test("a touch after as_of is an error naming both dates", () => {
    const error = isCovered(7, AS_OF + 1, AS_OF) as CsError;
    expect(error).toBeInstanceOf(CsError);
    expect(error.kind).toBe("VALUE");
    expect(error.message).toContain("Last touch 2026-04-01 is after as_of 2026-03-31");
  });
});

describe("CoverageTally", () => {
  test("tiers without an SLA are left out of the share", () => {
    const tally = new CoverageTally(AS_OF);
    expect(tally.add(tier("Strategic"), AS_OF - 3)).toBeNull(); // covered
    expect(tally.add(tier("Enterprise"), AS_OF - 15)).toBeNull(); // 15 > 14: not covered
    expect(tally.add(tier("Pooled"), null)).toBeNull(); // no touch: not covered
    expect(tally.add(tier("Mid-Market"), AS_OF - 31)).toBeNull(); // covered
    expect(tally.add(tier("Tech-Touch"), null)).toBeNull(); // no SLA: left out
    expect(tally.add(tier("Tech-Touch"), AS_OF + 10)).toBeNull(); // no SLA: its date is not judged
    // 2 covered of 4 SLA-bound accounts
    expect(tally.share()).toBe(0.5);
    expect([tally.accounts, tally.slaBound, tally.covered]).toEqual([6, 4, 2]);
  });

  test("a share of thirds is tidy", () => {
    const tally = new CoverageTally(AS_OF);
    tally.add(tier("Strategic"), AS_OF);
    tally.add(tier("Strategic"), null);
    tally.add(tier("Strategic"), null);
    expect(tally.share()).toBe(0.333333333333); // 1 / 3 to 12 decimals
  });

  test("no SLA-bound account is #N/A naming the tiers without an SLA", () => {
    const tally = new CoverageTally(AS_OF);
    tally.add(tier("Tech-Touch"), AS_OF);
    const error = tally.share() as CsError;
    expect(error.kind).toBe("NA");
    expect(error.message).toContain("None of the 1 account(s)");
    expect(error.message).toContain("no SLA: Tech-Touch");
    const empty = new CoverageTally(AS_OF).share() as CsError;
    expect(empty.kind).toBe("NA");
    expect(empty.message).toContain("None of the 0 account(s) is in a tier with a touch SLA, so");
  });
});
