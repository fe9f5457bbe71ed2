/**
 * Capacity from hours (MODEL.md §3, S2 "Building the capacity model"):
 *   monthly hours available = hours per week x weeks per month
 *   hours per account       = touches per month x minutes per touch / 60
 *                             x complexity multiplier x (1 + expansion uplift)
 *   accounts per CSM        = monthly hours available / hours per account
 */
import { CsError, Errors } from "./errors";

export interface TouchProfile {
  hoursPerWeek: number;
  touchesPerMonth: number;
  minutesPerTouch: number;
  /** 1 by default; S2: complex products take 3-5x. */
  complexity: number;
  /** 0 by default; S2: 20-40% while expansion-active. */
  expansionUplift: number;
}

export function monthlyHours(hoursPerWeek: number, weeksPerMonth: number): number {
  return hoursPerWeek * weeksPerMonth;
}

export function hoursPerAccount(p: TouchProfile): number {
  return ((p.touchesPerMonth * p.minutesPerTouch) / 60) * p.complexity * (1 + p.expansionUplift);
}

/**
 * Accounts one CSM can carry, as an exact fraction (callers round where a
 * whole number of accounts is meant). Callers ensure hours per account > 0.
 */
export function accountCapacity(p: TouchProfile, weeksPerMonth: number): number {
  return monthlyHours(p.hoursPerWeek, weeksPerMonth) / hoursPerAccount(p);
}

/**
 * accountCapacity with the one case it cannot compute: no time per account
 * (0 touches or 0 minutes) would be an unlimited book, which is an error,
 * not Infinity. Inputs are otherwise validated by the caller.
 */
export function checkedAccountCapacity(p: TouchProfile, weeksPerMonth: number): number | CsError {
  if (!(hoursPerAccount(p) > 0))
    return Errors.noTimePerAccount(p.touchesPerMonth, p.minutesPerTouch);
  return accountCapacity(p, weeksPerMonth);
}
