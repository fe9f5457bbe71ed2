/**
 * CSM variable payout from three pools (MODEL.md §6, S4 §1): GRR, expansion
 * and MBO, each with its own multiplier, weighted by plan.
 */
import { PayoutAssumptions, PayoutPlan, SegmentAssumption } from "./assumptions/types";
import { CsError, Errors } from "./errors";
import { tidy } from "./money";

export interface PayoutInput {
  grr: number;
  nrr: number;
  /** MBO attainment, already averaged when several were given. */
  mbo: number;
  segment: SegmentAssumption;
  /** EBR completion 0-1, or null when not given. */
  ebrCompletion: number | null;
  plan: PayoutPlan;
}

export interface PayoutResult {
  grrMultiplier: number;
  expansionMultiplier: number;
  mboMultiplier: number;
  /** 1.0 = on target. */
  multiple: number;
}

/**
 * Piecewise linear through (floor, floor multiple), (segment target, 1.0x),
 * (stretch, stretch multiple); flat below the floor and above the stretch.
 */
export function grrMultiplier(grr: number, target: number, p: PayoutAssumptions): number | CsError {
  if (!(p.grr_floor < target && target < p.grr_stretch))
    return Errors.payoutCurveOutOfOrder(p.grr_floor, target, p.grr_stretch);
  return grrCurve(grr, target, p);
}

/** grrMultiplier on a curve already checked to be in order (floor < target < stretch). */
function grrCurve(grr: number, target: number, p: PayoutAssumptions): number {
  const { grr_floor: floor, grr_stretch: stretch, floor_multiple: low, stretch_multiple: high } = p;
  if (grr <= floor) return low;
  if (grr >= stretch) return high;
  if (grr <= target) return low + ((grr - floor) / (target - floor)) * (1 - low);
  return 1 + ((grr - target) / (stretch - target)) * (high - 1);
}

/**
 * Expansion rate (NRR - GRR) against the segment's expansion target, not
 * below 0, capped at the expansion cap, or at the gated cap when EBR
 * completion is given and below the EBR gate.
 */
export function expansionMultiplier(
  nrr: number,
  grr: number,
  segment: SegmentAssumption,
  ebrCompletion: number | null,
  p: PayoutAssumptions
): number | CsError {
  if (!(segment.expansion_target > 0)) {
    return Errors.badAssumptionValue(
      `segment.${segment.name}.expansion_target`,
      segment.expansion_target,
      "it must be above 0"
    );
  }
  return expansionCurve(nrr, grr, segment.expansion_target, expansionCap(ebrCompletion, p));
}

/** The expansion pool's cap: the gated cap when EBR completion is given and below the gate. */
function expansionCap(ebrCompletion: number | null, p: PayoutAssumptions): number {
  const gated = ebrCompletion !== null && ebrCompletion < p.ebr_gate;
  return gated ? p.ebr_gated_cap : p.expansion_cap;
}

/** expansionMultiplier for a target already checked to be above 0. */
function expansionCurve(nrr: number, grr: number, target: number, cap: number): number {
  const attainment = (nrr - grr) / target;
  return Math.min(Math.max(attainment, 0), cap);
}

export function variablePayout(input: PayoutInput, p: PayoutAssumptions): PayoutResult | CsError {
  const grrM = grrMultiplier(input.grr, input.segment.grr_target, p);
  if (grrM instanceof CsError) return grrM;
  const expM = expansionMultiplier(input.nrr, input.grr, input.segment, input.ebrCompletion, p);
  if (expM instanceof CsError) return expM;
  const mboM = Math.min(Math.max(input.mbo, 0), 1);
  return {
    grrMultiplier: grrM,
    expansionMultiplier: expM,
    mboMultiplier: mboM,
    multiple: weightedMultiple(p[input.plan], grrM, expM, mboM),
  };
}

/** The three pools' multipliers weighted by the plan; the one formula of the payout multiple. */
export function weightedMultiple(
  w: PayoutAssumptions[PayoutPlan],
  grrM: number,
  expM: number,
  mboM: number
): number {
  return tidy(w.grr_weight * grrM + w.expansion_weight * expM + w.mbo_weight * mboM);
}

/**
 * The payout multiple of many rows under one segment, plan and curve,
 * without an object per row (VARIABLE_PAYOUT over a million-row column).
 * Null when the segment or curve is unusable: the caller then goes row by
 * row through variablePayout, which names the problem. Same arithmetic as
 * variablePayout, in the same order, so the answers are identical.
 */
export function payoutMultipleFor(
  segment: SegmentAssumption,
  ebrCompletion: number | null,
  plan: PayoutPlan,
  p: PayoutAssumptions
): ((grr: number, nrr: number, mbo: number) => number) | null {
  const target = segment.grr_target;
  if (grrMultiplier(target, target, p) instanceof CsError) return null;
  if (expansionMultiplier(0, 0, segment, ebrCompletion, p) instanceof CsError) return null;
  // Checked once here, not per row.
  const w = p[plan];
  const expansionTarget = segment.expansion_target;
  const cap = expansionCap(ebrCompletion, p);
  return (grr, nrr, mbo) =>
    weightedMultiple(
      w,
      grrCurve(grr, target, p),
      expansionCurve(nrr, grr, expansionTarget, cap),
      Math.min(Math.max(mbo, 0), 1)
    );
}
