/**
 * Headcount (MODEL.md §4): required role headcount =
 * Σ over tiers (accounts in tier / accounts per role in tier), as an exact
 * fraction, or rounded up per tier when asked (a pod cannot hire 0.3 of a
 * person). A tier whose ratio is "none" (null) adds 0.
 */
import { Role, TierAssumption } from "./assumptions/types";
import { ceilPeople } from "./money";

export const ROLE_RATIO_FIELD: Record<Role, "csm_ratio" | "am_ratio" | "tam_ratio"> = {
  CSM: "csm_ratio",
  AM: "am_ratio",
  TAM: "tam_ratio",
};

/** Accounts per person for each tier, in tier order; null where the role does not apply. */
export type RatioList = readonly (number | null)[];

export function roleRatios(tiers: readonly TierAssumption[], role: Role): RatioList {
  const field = ROLE_RATIO_FIELD[role];
  return tiers.map((t) => t[field]);
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
  for (let i = 0; i < ratios.length; i++) {
    const ratio = ratios[i];
    const count = countsByTier[i];
    if (ratio === null || count === 0) continue;
    const need = count / ratio;
    total += roundUp ? ceilPeople(need) : need;
  }
  return total + 0;
}
