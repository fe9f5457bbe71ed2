/**
 * The hiring plan (MODEL.md §4): from the FTE required in months 1..n and
 * the current ramped (fully productive) headcount, when to start each hire
 * and when to open its requisition.
 *
 * The plan, worked out month by month in order:
 * - Planned capacity is the current FTE plus every hire planned so far,
 *   counted whole (what they give once ramped).
 * - When month m requires more than that, the shortfall is rounded up to
 *   whole people, and they start in month m - (R - 1), where R is the first
 *   month of tenure at full productivity (4 for the ramp 0, 0.5, 0.5), so
 *   they are fully productive in month m; never before month 1. Hires
 *   pulled forward to month 1 are still ramping in the first months: their
 *   partial productivity counts, and the gap left is shown, not hidden (the
 *   plan does not hire extra people to make up for a ramp, since they would
 *   stay on the payroll once ramped).
 * - Headcount never goes down: the plan hires, it does not cut, and it
 *   models no attrition.
 * - A requisition opens lead months before its hire starts. Requisitions
 *   that should have opened in month 0 or earlier are overdue: they are
 *   counted in month 1 (open now), so the column still adds up to the hires.
 */
import { ceilPeople, tidy } from "./money";
import { fullyRampedFrom, productivity, Ramp } from "./ramp";

/** The header row of CS.HIRING_PLAN's spill. */
export const HIRING_PLAN_HEADER = [
  "Month",
  "Required FTE",
  "Hires starting",
  "Requisitions to open",
  "Headcount",
  "Effective FTE",
  "Gap",
] as const;

export interface HiringMonth {
  month: number;
  required: number;
  /** Whole people starting this month. */
  hires: number;
  /** Requisitions to open this month (month 1 includes the overdue ones). */
  requisitions: number;
  /** Current FTE plus everyone hired so far. */
  headcount: number;
  /** Current FTE plus each hire weighted by the ramp for their month of tenure. */
  effective: number;
  /** max(0, required - effective). */
  gap: number;
}

export interface HiringPlan {
  months: HiringMonth[];
  /** Requisitions counted in month 1 that should have opened before it. */
  overdue: number;
}

/** Plans hires for required FTE by month (index 0 = month 1). Inputs are validated by the caller. */
export function hiringPlan(
  required: readonly number[],
  currentFte: number,
  ramp: Ramp,
  leadMonths: number
): HiringPlan {
  const n = required.length;
  const hires = new Array<number>(n).fill(0);
  const startOffset = fullyRampedFrom(ramp) - 1;
  let planned = currentFte;
  for (let m = 1; m <= n; m++) {
    const shortfall = required[m - 1] - planned;
    if (shortfall <= 1e-9) continue;
    const people = ceilPeople(shortfall);
    const start = Math.max(1, m - startOffset);
    hires[start - 1] += people;
    planned += people;
  }

  const requisitions = new Array<number>(n).fill(0);
  let overdue = 0;
  for (let s = 1; s <= n; s++) {
    if (hires[s - 1] === 0) continue;
    const open = s - leadMonths;
    if (open < 1) overdue += hires[s - 1];
    requisitions[Math.max(1, open) - 1] += hires[s - 1];
  }

  const months: HiringMonth[] = [];
  let headcount = currentFte;
  for (let m = 1; m <= n; m++) {
    headcount += hires[m - 1];
    let effective = currentFte;
    for (let s = 1; s <= m; s++) {
      if (hires[s - 1] > 0) effective += hires[s - 1] * productivity(ramp, m - s + 1);
    }
    const req = required[m - 1];
    const productive = tidy(effective);
    months.push({
      month: m,
      required: req,
      hires: hires[m - 1],
      requisitions: requisitions[m - 1],
      headcount: tidy(headcount),
      effective: productive,
      gap: tidy(Math.max(0, req - productive)),
    });
  }
  return { months, overdue };
}
