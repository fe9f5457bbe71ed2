import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { CsError } from "../../src/core/errors";
import { ExpansionCredit, expansionSplit } from "../../src/core/expansion";

const bands = defaultAssumptions().expansion;

describe("expansion credit bands (MODEL.md §5)", () => {
  // Below 25,000: CSM 100%. 25,000-100,000 inclusive: CSM 70% / AE 30%. Above: CSM 30% / AE 70%.
  test.each([
    [0, "CSM-owned", 0, 0],
    [24_999.99, "CSM-owned", 24_999.99, 0],
    [25_000, "CSM-led, AE supporting", 17_500, 7_500], // 25,000 x 0.7
    [60_000, "CSM-led, AE supporting", 42_000, 18_000], // 60,000 x 0.7
    [100_000, "CSM-led, AE supporting", 70_000, 30_000], // upper edge is inclusive
    [100_000.01, "AE-led, CSM co-credit", 30_000, 70_000.01], // 100,000.01 x 0.3 = 30,000.003 -> 30,000.00
    [1_000_000, "AE-led, CSM co-credit", 300_000, 700_000],
  ])("%p: %s, CSM %p, AE %p", (amount, lead, csm, ae) => {
    const credit = expansionSplit(amount, bands) as ExpansionCredit;
    expect(credit.lead).toBe(lead);
    expect(credit.csm).toBe(csm);
    expect(credit.ae).toBe(ae);
  });

  test("credits always add up to the amount, to the cent", () => {
    for (const amount of [33_333.33, 77_777.77, 123_456.78, 99_999.99]) {
      const credit = expansionSplit(amount, bands) as ExpansionCredit;
      expect(Math.round((credit.csm + credit.ae) * 100)).toBe(Math.round(amount * 100));
    }
  });

  test("a contraction is an error, not a credit", () => {
    const result = expansionSplit(-5_000, bands) as CsError;
    expect(result.kind).toBe("VALUE");
    expect(result.message).toContain("contraction");
  });

  test("the bands come from the assumptions", () => {
    const credit = expansionSplit(30_000, { ...bands, csm_owned_below: 50_000 }) as ExpansionCredit;
    expect(credit.lead).toBe("CSM-owned");
    expect(credit.csm).toBe(30_000);
  });
});
