import { defaultAssumptions } from "../../../src/core/assumptions/defaults";
import { getAssumption, setAssumption } from "../../../src/core/assumptions/keys";
import { Assumptions } from "../../../src/core/assumptions/types";
import { CsError } from "../../../src/core/errors";

const a = defaultAssumptions();

describe("assumption keys (FUNCTIONS.md)", () => {
  test.each([
    ["tier.Strategic.csm_ratio", 11],
    ["TIER.strategic.CSM_RATIO", 11],
    ["tier.Enterprise.tam_ratio", null],
    ["tier.Tech-Touch.sla_days", null],
    ["tier.Pooled.sla_days", 183],
    ["tier.Mid-Market.coverage_model", "Named CSM"],
    ["segment.Mid-Market.nrr_target", 1.15],
    ["segment.smb.grr_target", 0.92],
    ["payout.grr_floor", 0.9],
    ["payout.standard.grr_weight", 0.45],
    ["payout.plg.expansion_weight", 0.5],
    ["expansion.csm_led_up_to", 100_000],
    ["clawback.window_days", 90],
    ["capacity.weeks_per_month", 4],
    ["book.load_threshold", 1.1],
    ["cost.healthy_max", 0.1],
    ["hiring.ramp", "0,0.5,0.5"],
    ["hiring.lead_months", 3],
    ["ote.VP CS.variable", 90_000],
  ])("%s = %p", (key, value) => {
    expect(getAssumption(a, key)).toBe(value);
  });

  test.each([
    ["tier.Gold.csm_ratio"],
    ["tier.Strategic.color"],
    ["payout"],
    ["__proto__"],
    ["constructor.name"],
    ["payout.__proto__"],
    ["tier.Strategic.__proto__"],
    ["hiring.toString"],
  ])("unknown key %p is #N/A", (key) => {
    const result = getAssumption(a, key) as CsError;
    expect(result).toBeInstanceOf(CsError);
    expect(result.kind).toBe("NA");
  });

  test("setting returns a new object and leaves the original untouched", () => {
    const changed = setAssumption(a, "tier.Strategic.csm_ratio", "12") as Assumptions;
    expect(getAssumption(changed, "tier.Strategic.csm_ratio")).toBe(12);
    expect(getAssumption(a, "tier.Strategic.csm_ratio")).toBe(11);
  });

  test("values are read like the user types them", () => {
    const s1 = setAssumption(a, "segment.Enterprise.grr_target", "96%") as Assumptions;
    expect(getAssumption(s1, "segment.Enterprise.grr_target")).toBeCloseTo(0.96, 12);
    const s2 = setAssumption(a, "tier.Pooled.min_acv", "$20k") as Assumptions;
    expect(getAssumption(s2, "tier.Pooled.min_acv")).toBe(20_000);
    const s3 = setAssumption(a, "tier.Enterprise.tam_ratio", "15") as Assumptions;
    expect(getAssumption(s3, "tier.Enterprise.tam_ratio")).toBe(15);
    const s4 = setAssumption(a, "tier.Strategic.tam_ratio", "none") as Assumptions;
    expect(getAssumption(s4, "tier.Strategic.tam_ratio")).toBeNull();
    const s5 = setAssumption(a, "hiring.ramp", "0, 0.25, 0.75") as Assumptions;
    expect(s5.hiring.ramp).toEqual([0, 0.25, 0.75]);
    const s6 = setAssumption(a, "tier.Strategic.arr_ceiling", "none") as Assumptions;
    expect(getAssumption(s6, "tier.Strategic.arr_ceiling")).toBeNull();
    const s7 = setAssumption(s6, "tier.Strategic.arr_ceiling", "$5M") as Assumptions;
    expect(getAssumption(s7, "tier.Strategic.arr_ceiling")).toBe(5_000_000);
  });

  test("moving a tier's minimum keeps the table in tier order", () => {
    const s = setAssumption(a, "tier.Pooled.min_acv", "60000") as Assumptions;
    expect(s.tiers.map((t) => t.name)).toEqual([
      "Tech-Touch",
      "Mid-Market",
      "Pooled",
      "Enterprise",
      "Strategic",
    ]);
  });

  test.each([
    ["tier.Strategic.csm_ratio", "0", "more than 0"],
    ["tier.Strategic.csm_ratio", "-3", "more than 0"],
    ["tier.Strategic.csm_ratio", "eleven", "needs a number"],
    ["tier.Strategic.min_acv", "-5", "cannot be negative"],
    ["tier.Strategic.arr_ceiling", "0", 'above 0, or "none"'],
    ["clawback.window_days", "1.5", "whole number"],
    ["hiring.ramp", "0,2", "between 0 and 1"],
    ["tier.Strategic.segment", "  ", "needs some text"],
    ["payout.grr_floor", "", "cannot be blank"],
  ])("%s = %p is refused (%s)", (key, value, reason) => {
    const result = setAssumption(a, key, value) as CsError;
    expect(result).toBeInstanceOf(CsError);
    expect(result.message).toContain(key);
    expect(result.message).toContain(reason);
  });
});
