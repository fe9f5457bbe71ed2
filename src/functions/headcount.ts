/**
 * Headcount functions (MODEL.md §4): how many people a set of accounts needs.
 */
import { TierAssumption } from "../core/assumptions/types";
import { CsError, Errors } from "../core/errors";
import { RatioList, requiredHeadcount, roleRatios } from "../core/headcount";
import { Model } from "../core/model";
import { TierTable } from "../core/tiers";
import { isBlank, parseAmount, parseBoolean } from "../core/values";
import { asGrid, Grid, locate, width } from "./grid";
import { toHost, withModel } from "./host";
import { readNonNegativeAmount, readRatioOverride } from "./read";

/**
 * Counts accounts per tier (in tier order) from a range of ACVs and/or tier
 * names, in one pass. Blank cells are skipped; the first unreadable cell is
 * an error that names it and its position, because a count that silently
 * skipped it would be a wrong headcount.
 */
export function countByTier(
  grid: Grid,
  tiers: TierTable<TierAssumption>,
  what: string
): Float64Array | CsError {
  const counts = new Float64Array(tiers.tiers.length);
  const cols = width(grid);
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    for (let c = 0; c < cols; c++) {
      const raw = c < row.length ? row[c] : null;
      if (typeof raw === "number" && raw >= 0 && Number.isFinite(raw)) {
        // Fast path: a plain ACV, by far the most common cell.
        const found = tiers.tierOf(raw);
        if (found instanceof CsError) return locate(found, what, grid, r, c);
        counts[tiers.indexOf(found)]++;
        continue;
      }
      if (raw === null || raw === undefined || isBlank(raw)) continue;
      if (typeof raw === "string") {
        const named = tiers.byTierName(raw);
        if (named) {
          counts[tiers.indexOf(named)]++;
          continue;
        }
      }
      let value = readNonNegativeAmount(raw, "ACV");
      if (
        value instanceof CsError &&
        typeof raw === "string" &&
        parseAmount(raw) instanceof CsError
      ) {
        // Text that is neither a tier name nor an amount: say both were tried.
        value = Errors.unknownTierOrAmount(raw, tiers.names);
      }
      if (value instanceof CsError) return locate(value, what, grid, r, c);
      if (value === null) continue;
      const found = tiers.tierOf(value);
      if (found instanceof CsError) return locate(found, what, grid, r, c);
      counts[tiers.indexOf(found)]++;
    }
  }
  return counts;
}

/** Headcount for one role, with the optional ratio override and rounding applied. */
export function headcountFor(
  model: Model,
  accounts: unknown,
  baseRatios: (tiers: readonly TierAssumption[]) => RatioList,
  ratios: unknown,
  roundUp: unknown
): number | CsError {
  const tiers = model.tiers;
  if (tiers instanceof CsError) return tiers;
  const grid = asGrid(accounts) ?? [[null]];
  const counts = countByTier(grid, tiers, "accounts");
  if (counts instanceof CsError) return counts;
  const override = readRatioOverride(asGrid(ratios ?? null), tiers);
  if (override instanceof CsError) return override;
  const round = parseBoolean(Array.isArray(roundUp) ? roundUp[0]?.[0] : roundUp, "round_up");
  if (round instanceof CsError) return round;
  let list = baseRatios(tiers.tiers);
  if (override?.kind === "flat") list = list.map(() => override.ratio);
  if (override?.kind === "byTier") {
    list = tiers.tiers.map((t, i) =>
      override.ratios.has(t) ? (override.ratios.get(t) ?? null) : list[i]
    );
  }
  return requiredHeadcount(counts, list, round ?? false);
}

/**
 * CSM headcount for a set of accounts: the sum over tiers of accounts in the tier divided by the tier's accounts per CSM. Blank cells are skipped; on Excel desktop empty cells arrive as 0 and count as $0 accounts, so reference a table column (Accounts[ACV]) rather than a whole column.
 * @customfunction REQUIRED_CSMS
 * @helpurl https://localhost:3000/functions.html#required_csms
 * @param accounts A range of ACVs (numbers or text such as "$80,000") and/or tier names, one per account.
 * @param [ratios] Optional: one number for a flat accounts-per-CSM ratio, or a two-column range (tier, accounts per CSM) that overrides the listed tiers.
 * @param [round_up] Optional: TRUE rounds each tier up to whole people; FALSE (default) gives the exact fraction.
 * @returns The number of CSMs needed.
 */
export function requiredCsms(accounts: any[][], ratios?: any[][], round_up?: any): any {
  return withModel((model) =>
    toHost(headcountFor(model, accounts, (t) => roleRatios(t, "CSM"), ratios, round_up))
  );
}
