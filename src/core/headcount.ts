/**
 * Headcount (MODEL.md §4): required role headcount =
 * Σ over tiers (accounts in tier / accounts per role in tier), as an exact
 * fraction, or rounded up per tier when asked (a pod cannot hire 0.3 of a
 * person). A tier whose ratio is "none" (null) adds 0. Also the max book of
 * one CSM: min(accounts per CSM, ARR ceiling per CSM / average ACV), rounded
 * down to whole accounts.
 */
import { Role, ROLES, TierAssumption } from "./assumptions/types";
import { ceilPeople } from "./money";
import { nameKey } from "./values";

export const ROLE_RATIO_FIELD: Record<Role, "csm_ratio" | "am_ratio" | "tam_ratio"> = {
  CSM: "csm_ratio",
  AM: "am_ratio",
  TAM: "tam_ratio",
};

const ROLE_BY_KEY = new Map<string, Role>(ROLES.map((role) => [nameKey(role), role]));

/** A role by name ("csm", " Tam "), case-insensitively and trimmed; undefined if none. */
export function roleNamed(name: string): Role | undefined {
  return ROLE_BY_KEY.get(nameKey(name));
}

/** Accounts per person for each tier, in tier order; null where the role does not apply. */
export type RatioList = readonly (number | null)[];

export function roleRatios(tiers: readonly TierAssumption[], role: Role): RatioList {
  const field = ROLE_RATIO_FIELD[role];
  return tiers.map((t) => t[field]);
}

/** One tier's headcount: accounts / ratio (0 where the role does not apply), optionally rounded up. */
export function tierHeadcount(count: number, ratio: number | null, roundUp: boolean): number {
  if (ratio === null || count === 0) return 0;
  const need = count / ratio;
  return roundUp ? ceilPeople(need) : need;
}

/**
 * Headcount for account counts per tier (same order as ratios).
 * Ratios must be positive or null; callers validate user-given ratios.
 */
export function requiredHeadcount(
  countsByTier: ArrayLike<number>,
  ratios: RatioList,
  roundUp: boolean
): number {
  let total = 0;
  for (let i = 0; i < ratios.length; i++)
    total += tierHeadcount(countsByTier[i], ratios[i], roundUp);
  return total + 0;
}

/**
 * Rounds a book size down to whole accounts, forgiving floating-point dust:
 * 2,500,000 / (2,500,000 / 7) may come out as 6.999999999999999, which is 7.
 */
export function floorAccounts(value: number): number {
  return Math.floor(value + 1e-9) + 0;
}

/**
 * The largest book one CSM can carry (S2 "set an ARR ceiling, derive the
 * account count"): min(accounts per CSM, ARR ceiling / average ACV), rounded
 * down to whole accounts. Without a ceiling (null) or with an average ACV of
 * 0, the ceiling sets no limit. The ceiling never takes the book below one
 * account: an account whose ACV alone is above the ceiling still needs a CSM,
 * and then has one to itself. csmRatio must be above 0; avgAcv 0 or more.
 */
export function maxBook(csmRatio: number, arrCeiling: number | null, avgAcv: number): number {
  const byRatio = floorAccounts(csmRatio);
  if (arrCeiling === null || avgAcv === 0) return byRatio;
  const byCeiling = Math.max(1, floorAccounts(arrCeiling / avgAcv));
  return Math.min(byRatio, byCeiling);
}
