/**
 * The coverage plan (MODEL.md §4): per tier, the accounts, their ARR and the
 * CSMs, AMs and TAMs they need, then a Total row. The table's shape depends
 * only on the tier table (a header row, one row per tier, a Total row; seven
 * columns), never on the data, so a spill and the references to it are stable.
 */
import { TierAssumption } from "./assumptions/types";
import { roleRatios, tierHeadcount } from "./headcount";
import { roundCents } from "./money";

export const COVERAGE_PLAN_HEADER = [
  "Tier",
  "Accounts",
  "ARR",
  "CSMs",
  "AMs",
  "TAMs",
  "ARR per CSM",
] as const;

export const TOTAL_LABEL = "Total";

/** Accounts read per tier (tier order): how many, and the ACVs of those given as amounts. */
export interface AccountTally {
  /** All accounts in the tier, given as amounts or as tier names. */
  readonly counts: Float64Array;
  /** Sum of the ACVs of the accounts given as amounts. */
  readonly arr: Float64Array;
  /** How many accounts were given as amounts (so have an ACV in arr). */
  readonly priced: Float64Array;
}

export function emptyTally(tiers: number): AccountTally {
  return {
    counts: new Float64Array(tiers),
    arr: new Float64Array(tiers),
    priced: new Float64Array(tiers),
  };
}

export type PlanCell = string | number | null;

/**
 * ARR is known from the accounts given as amounts: blank where a row has
 * accounts but none of them has an amount; 0 for a row with no accounts.
 */
function arrCell(accounts: number, priced: number, arr: number): number | null {
  return accounts > 0 && priced === 0 ? null : roundCents(arr);
}

function arrPerCsm(arr: number | null, csms: number): number | null {
  return arr === null || csms === 0 ? null : roundCents(arr / csms);
}

/**
 * The plan table: header, one row per tier (in tier order), Total. Headcount
 * is the exact fraction (accounts / the tier's accounts per role; 0 where
 * the role does not apply); the Total row sums the tier rows, so its CSMs
 * equal CS.REQUIRED_CSMS of the same accounts. ARR and ARR per CSM are
 * rounded to the cent.
 */
export function coveragePlan(tiers: readonly TierAssumption[], tally: AccountTally): PlanCell[][] {
  const csm = roleRatios(tiers, "CSM");
  const am = roleRatios(tiers, "AM");
  const tam = roleRatios(tiers, "TAM");
  const rows: PlanCell[][] = [[...COVERAGE_PLAN_HEADER]];
  let accounts = 0;
  let priced = 0;
  let arr = 0;
  let csms = 0;
  let ams = 0;
  let tams = 0;
  for (let i = 0; i < tiers.length; i++) {
    const count = tally.counts[i];
    const rowArr = arrCell(count, tally.priced[i], tally.arr[i]);
    const rowCsms = tierHeadcount(count, csm[i], false);
    const rowAms = tierHeadcount(count, am[i], false);
    const rowTams = tierHeadcount(count, tam[i], false);
    rows.push([tiers[i].name, count, rowArr, rowCsms, rowAms, rowTams, arrPerCsm(rowArr, rowCsms)]);
    accounts += count;
    priced += tally.priced[i];
    arr += rowArr ?? 0;
    csms += rowCsms;
    ams += rowAms;
    tams += rowTams;
  }
  const totalArr = arrCell(accounts, priced, arr);
  rows.push([TOTAL_LABEL, accounts, totalArr, csms, ams, tams, arrPerCsm(totalArr, csms)]);
  return rows;
}
