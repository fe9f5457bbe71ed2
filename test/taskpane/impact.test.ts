/**
 * The impact line and the plan summary's figures (impact.ts), worked by hand
 * from MODEL.md's tiers and the default OTEs, with amounts in the plan currency.
 */
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { setAssumption } from "../../src/core/assumptions/keys";
import { Assumptions } from "../../src/core/assumptions/types";
import { impactLine, planFigures, shortMoney } from "../../src/taskpane/impact";

// Four Strategic accounts (ACV at or above 250,000).
const ACVS = [300_000, 300_000, 400_000, 500_000];

function withKey(a: Assumptions, key: string, value: string): Assumptions {
  const next = setAssumption(a, key, value);
  if (!(typeof next === "object" && "tiers" in next)) throw new Error(String(next));
  return next;
}

test("short money: the dollar sign for USD, the code for any other plan currency", () => {
  expect(shortMoney(1_234_567)).toBe("$1.2M");
  expect(shortMoney(120_909, "USD")).toBe("$121k");
  expect(shortMoney(900, "EUR")).toBe("EUR 900");
  expect(shortMoney(-2_500_000, "GBP")).toBe("-GBP 2.5M");
});

test("the impact line states the cost change in the plan currency", () => {
  const a = defaultAssumptions();
  const before = planFigures(a, ACVS)!;
  // 4 accounts / 11 per CSM = 0.36 CSM; at 4 per CSM, 1.0 CSM. The Enterprise CSM's
  // OTE is 145,000 + 45,000 = 190,000: cost + (1 - 4/11) x 190,000 = +120,909.
  const after = planFigures(withKey(a, "tier.Strategic.csm_ratio", "4"), ACVS)!;
  expect(before.csms).toBeCloseTo(4 / 11, 9);
  expect(after.csms).toBe(1);
  expect(impactLine(before, after)).toBe("CSMs needed 0.4 -> 1.0, cost +$121k");
  expect(impactLine(before, after, "EUR")).toBe("CSMs needed 0.4 -> 1.0, cost +EUR 121k");
  expect(impactLine(before, before, "EUR")).toBeNull();
});
