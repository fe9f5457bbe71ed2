/**
 * Coverage quality (MODEL.md §7, S3 "Coverage quality per tier"): the share
 * of accounts, among tiers that have a touch SLA, whose last touch is at most
 * the tier's SLA days before the as-of date. An account with no recorded
 * touch is not covered; tiers without an SLA ("none") are left out.
 */
import { TierAssumption } from "./assumptions/types";
import { isoDate } from "./dates";
import { CsError, Errors } from "./errors";
import { tidy } from "./money";

/**
 * Whether one account is covered: last touch (a whole-day serial, or null
 * for none recorded) at most slaDays before asOf. A last touch after asOf
 * is an error: the export then holds scheduled activities or is newer than
 * the as-of date, and coverage as of that date cannot be known from it.
 */
export function isCovered(
  slaDays: number,
  lastTouch: number | null,
  asOf: number
): boolean | CsError {
  if (lastTouch === null) return false;
  if (lastTouch > asOf) return Errors.touchAfterAsOf(isoDate(lastTouch), isoDate(asOf));
  return asOf - lastTouch <= slaDays;
}

/** Counts accounts one at a time (no per-account allocation), then gives the share covered. */
export class CoverageTally {
  accounts = 0;
  slaBound = 0;
  covered = 0;
  private readonly noSla = new Set<string>();

  constructor(readonly asOf: number) {}

  /** Adds one account; returns the error that stops the count, or null. */
  add(tier: TierAssumption, lastTouch: number | null): CsError | null {
    this.accounts++;
    if (tier.sla_days === null) {
      this.noSla.add(tier.name);
      return null;
    }
    const covered = isCovered(tier.sla_days, lastTouch, this.asOf);
    if (covered instanceof CsError) return covered;
    this.slaBound++;
    if (covered) this.covered++;
    return null;
  }

  /** Covered / SLA-bound accounts; #N/A when no account is in a tier with an SLA. */
  share(): number | CsError {
    if (this.slaBound === 0) return Errors.noSlaAccounts(this.accounts, [...this.noSla]);
    return tidy(this.covered / this.slaBound);
  }
}
