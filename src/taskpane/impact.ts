/**
 * What a draft of the assumptions does to the plan in the workbook, before
 * Apply: the same core as the plan's sheets (tier lookup, CS.COVERAGE_PLAN's
 * headcount, CS.OTE's cost per CSM) run over the plan's accounts with the
 * applied assumptions and with the draft. No DOM.
 */
import { Assumptions } from "../core/assumptions/types";
import { coveragePlan, emptyTally } from "../core/coverage-plan";
import { CsError } from "../core/errors";
import { nameKey } from "../core/values";
import { TierTable } from "../core/tiers";

export interface PlanFigures {
  accounts: number;
  arr: number;
  csms: number;
  /** CSMs by tier, in the tier order of the assumptions. */
  byTier: { tier: string; accounts: number; arr: number; csms: number }[];
  /** CSMs x the OTE of each tier's comp role (the plan's "CS cost a year"). */
  cost: number;
}

/** The plan's figures for a set of assumptions over the plan's account ACVs; null if the tiers do not compile. */
export function planFigures(a: Assumptions, acvs: ArrayLike<number>): PlanFigures | null {
  const table = TierTable.compile(a.tiers);
  if (table instanceof CsError) return null;
  const tally = emptyTally(table.tiers.length);
  for (let i = 0; i < acvs.length; i++) {
    const t = table.indexOfAcv(acvs[i]);
    if (t < 0) continue;
    tally.counts[t] += 1;
    tally.arr[t] += acvs[i];
    tally.priced[t] += 1;
  }
  const rows = coveragePlan(table.tiers, tally);
  const byTier = rows.slice(1, -1).map((row) => ({
    tier: String(row[0]),
    accounts: Number(row[1]),
    arr: Number(row[2] ?? 0),
    csms: Number(row[3]),
  }));
  let cost = 0;
  for (const [i, tier] of table.tiers.entries()) {
    const segment = a.segments.find((s) => nameKey(s.name) === nameKey(tier.segment));
    const role = a.ote.find((o) => segment && nameKey(o.role) === nameKey(segment.comp_role));
    cost += byTier[i].csms * (role ? role.base + role.variable : 0);
  }
  const total = rows[rows.length - 1];
  return {
    accounts: Number(total[1]),
    arr: Number(total[2] ?? 0),
    csms: Number(total[3]),
    byTier,
    cost,
  };
}

/** Money in millions or thousands for a one-line summary: "$1.2M", "$850k", "$900". */
export function shortMoney(value: number, currency = "USD"): string {
  const sign = value < 0 ? "-" : "";
  const v = Math.abs(value);
  const symbol = currency === "USD" ? "$" : `${currency} `;
  if (v >= 1e6) return `${sign}${symbol}${(v / 1e6).toFixed(1)}M`;
  if (v >= 1e3) return `${sign}${symbol}${Math.round(v / 1e3)}k`;
  return `${sign}${symbol}${Math.round(v)}`;
}

/** "CSMs needed 57.7 -> 61.2, cost +$0.9M", or null when the draft changes neither. */
export function impactLine(before: PlanFigures, after: PlanFigures): string | null {
  const round1 = (v: number) => Math.round(v * 10) / 10;
  const delta = after.cost - before.cost;
  if (round1(before.csms) === round1(after.csms) && Math.abs(delta) < 0.5) return null;
  const sign = delta > 0 ? "+" : delta < 0 ? "-" : "±";
  return `CSMs needed ${round1(before.csms).toFixed(1)} -> ${round1(after.csms).toFixed(1)}, cost ${sign}${shortMoney(Math.abs(delta)).replace(/^-/, "")}`;
}
