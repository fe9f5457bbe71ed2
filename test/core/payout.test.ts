import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { SegmentAssumption } from "../../src/core/assumptions/types";
import { CsError } from "../../src/core/errors";
import {
  expansionMultiplier,
  grrMultiplier,
  PayoutResult,
  variablePayout,
} from "../../src/core/payout";

const a = defaultAssumptions();
const p = a.payout;
const segment = (name: string) => a.segments.find((s) => s.name === name) as SegmentAssumption;
const midMarket = segment("Mid-Market"); // GRR target 95%, expansion target 17.5%
const enterprise = segment("Enterprise"); // GRR target 97%, expansion target 10%

describe("GRR pool multiplier (MODEL.md §6): through (90%, 0.5x), (target, 1.0x), (98%, 1.5x)", () => {
  test.each([
    [0.5, 0.5], // below the floor: flat 0.5x
    [0.9, 0.5], // the floor
    [0.925, 0.75], // halfway floor->target (0.90->0.95): 0.5 + 0.5 x 0.5
    [0.95, 1.0], // the Mid-Market target
    [0.965, 1.25], // halfway target->stretch (0.95->0.98): 1 + 0.5 x 0.5
    [0.98, 1.5], // the stretch
    [1.0, 1.5], // above the stretch: flat 1.5x
  ])("Mid-Market GRR %p -> %px", (grr, multiple) => {
    expect(grrMultiplier(grr, midMarket.grr_target, p)).toBeCloseTo(multiple, 12);
  });

  test("Enterprise has its own target (97%)", () => {
    // 0.935 is halfway 0.90->0.97: 0.75x. 0.975 is halfway 0.97->0.98: 1.25x.
    expect(grrMultiplier(0.935, enterprise.grr_target, p)).toBeCloseTo(0.75, 12);
    expect(grrMultiplier(0.975, enterprise.grr_target, p)).toBeCloseTo(1.25, 12);
  });

  test("a curve out of order is reported, not extrapolated", () => {
    expect(grrMultiplier(0.95, 0.99, p)).toBeInstanceOf(CsError);
  });
});

describe("expansion pool multiplier", () => {
  test.each([
    [0.95, 0.95, null, 0], // no expansion
    [0.95, 1.0375, null, 0.5], // 8.75% / 17.5%
    [0.95, 1.125, null, 1.0], // on target
    [0.95, 1.3, null, 1.5], // 35% / 17.5% = 2.0, capped at 1.5
    [0.95, 1.3, 0.79, 1.0], // EBR below the 80% gate: cap 1.0
    [0.95, 1.3, 0.8, 1.5], // EBR at the gate: not gated
    [0.95, 1.0375, 0.5, 0.5], // the gate only lowers the cap
  ])("GRR %p NRR %p EBR %p -> %px", (grr, nrr, ebr, multiple) => {
    expect(expansionMultiplier(nrr, grr, midMarket, ebr, p)).toBeCloseTo(multiple, 12);
  });
});

describe("payout multiple", () => {
  test("the headline example: Mid-Market 95% GRR, 112% NRR, 90% MBO", () => {
    // GRR 1.0x; expansion 17% / 17.5% = 0.971428...; MBO 0.9.
    // 0.45 x 1 + 0.35 x 0.9714286 + 0.20 x 0.9 = 0.45 + 0.34 + 0.18 = 0.97
    const r = variablePayout(
      { grr: 0.95, nrr: 1.12, mbo: 0.9, segment: midMarket, ebrCompletion: null, plan: "standard" },
      p
    ) as PayoutResult;
    expect(r.multiple).toBeCloseTo(0.97, 12);
  });

  test("the PLG plan weighs 25 / 50 / 25", () => {
    // Enterprise, GRR 95%: 0.5 + (0.05/0.07) x 0.5 = 0.857142857; expansion 17%/10% = 1.7, EBR 50% caps at 1.0; MBO 0.9.
    // 0.25 x 0.857142857 + 0.5 x 1.0 + 0.25 x 0.9 = 0.939285714
    const r = variablePayout(
      { grr: 0.95, nrr: 1.12, mbo: 0.9, segment: enterprise, ebrCompletion: 0.5, plan: "plg" },
      p
    ) as PayoutResult;
    expect(r.multiple).toBeCloseTo(0.9392857142857, 10);
  });

  test("MBO is clamped to 0-100%", () => {
    const at = (mbo: number) =>
      (
        variablePayout(
          { grr: 0.95, nrr: 0.95, mbo, segment: midMarket, ebrCompletion: null, plan: "standard" },
          p
        ) as PayoutResult
      ).multiple;
    // GRR on target 0.45; no expansion 0; MBO x 0.20.
    expect(at(1.3)).toBeCloseTo(0.65, 12);
    expect(at(1)).toBeCloseTo(0.65, 12);
    expect(at(0)).toBeCloseTo(0.45, 12);
  });

  test("maximum payout is 1.5x when every pool maxes out", () => {
    // 0.45 x 1.5 + 0.35 x 1.5 + 0.20 x 1.0 = 1.4
    const r = variablePayout(
      { grr: 0.99, nrr: 1.5, mbo: 1, segment: midMarket, ebrCompletion: null, plan: "standard" },
      p
    ) as PayoutResult;
    expect(r.multiple).toBeCloseTo(1.4, 12);
  });
});
