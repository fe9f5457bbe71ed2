/**
 * Headcount functions (MODEL.md §4): how many people a set of accounts needs,
 * the coverage plan per tier, and the largest book one CSM can carry.
 */
import { Role, TierAssumption } from "../core/assumptions/types";
import { AccountTally, coveragePlan as planTable, emptyTally } from "../core/coverage-plan";
import { CsError, Errors } from "../core/errors";
import { maxBook as maxBookOf, requiredHeadcount, roleRatios } from "../core/headcount";
import { Model } from "../core/model";
import { TierTable } from "../core/tiers";
import { parseBoolean } from "../core/values";
import { elementwise, optional, SKIP } from "./elementwise";
import { asGrid, Grid, locate, width } from "./grid";
import { gridToHost, toHost, withModel } from "./host";
import {
  isPlainAmount,
  readAcvOrTier,
  readNonNegativeAmount,
  readRatioOverride,
  readRole,
  readTierName,
} from "./read-amounts-and-tiers";

/**
 * Tallies a range of ACVs and/or tier names per tier (in tier order), in one
 * pass: every account counts in its tier, and an account given as an amount
 * adds its ACV to the tier's ARR. Blank cells are skipped; the first
 * unreadable cell is an error that names it and its position, because a
 * count that silently skipped it would be a wrong headcount.
 */
export function tallyByTier(
  grid: Grid,
  tiers: TierTable<TierAssumption>,
  what: string
): AccountTally | CsError {
  const { counts, priced, arr } = emptyTally(tiers.tiers.length);
  const cols = width(grid);
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    for (let c = 0; c < cols; c++) {
      const raw = c < row.length ? row[c] : null;
      // Plain numbers (nearly every cell of a real export) skip the readers.
      let i = isPlainAmount(raw) ? tiers.indexOfAcv(raw) : -1;
      if (i >= 0) {
        counts[i]++;
        priced[i]++;
        arr[i] += raw as number;
        continue;
      }
      const read = readAcvOrTier(raw, tiers);
      if (read === null) continue;
      if (read instanceof CsError) return locate(read, what, grid, r, c);
      if (typeof read !== "number") {
        counts[tiers.indexOf(read)]++;
        continue;
      }
      const found = tiers.tierOf(read);
      if (found instanceof CsError) return locate(found, what, grid, r, c);
      i = tiers.indexOf(found);
      counts[i]++;
      priced[i]++;
      arr[i] += read;
    }
  }
  return { counts, priced, arr };
}

/** Headcount for one role, with the optional ratio override and rounding applied. */
export function headcountFor(
  model: Model,
  accounts: unknown,
  role: Role,
  ratios: unknown,
  roundUp: unknown
): number | CsError {
  const tiers = model.tiers;
  if (tiers instanceof CsError) return tiers;
  const tally = tallyByTier(asGrid(accounts) ?? [[null]], tiers, "accounts");
  if (tally instanceof CsError) return tally;
  const override = readRatioOverride(asGrid(ratios ?? null), tiers, role);
  if (override instanceof CsError) return override;
  const round = parseBoolean(Array.isArray(roundUp) ? roundUp[0]?.[0] : roundUp, "round_up");
  if (round instanceof CsError) return round;
  let list = roleRatios(tiers.tiers, role);
  if (override?.kind === "flat") list = list.map(() => override.ratio);
  if (override?.kind === "byTier") {
    list = tiers.tiers.map((t, i) =>
      override.ratios.has(t) ? (override.ratios.get(t) ?? null) : list[i]
    );
  }
  return requiredHeadcount(tally.counts, list, round ?? false);
}

/**
 * CSM headcount for a set of accounts: the sum over tiers of accounts in the tier divided by the tier's accounts per CSM. Blank cells are skipped; on Excel desktop empty cells arrive as 0 and count as $0 accounts, so reference a table column (Accounts[ACV]) rather than a whole column.
 * @customfunction REQUIRED_CSMS
 * @param accounts A range of ACVs (numbers or text such as "$80,000") and/or tier names, one per account.
 * @param [ratios] Optional: one number for a flat accounts-per-CSM ratio, or a two-column range (tier, accounts per CSM) that overrides the listed tiers.
 * @param [round_up] Optional: TRUE rounds each tier up to whole people; FALSE (default) gives the exact fraction.
 * @returns The number of CSMs needed.
 * @example =CS.REQUIRED_CSMS({300000;300000;"Strategic";"Enterprise"}, {"Enterprise",3}) -> 0.606060606060606
 * @example =CS.REQUIRED_CSMS({300000;300000;"Strategic";"Enterprise"}, , TRUE()) -> 2
 */
export function requiredCsms(accounts: any[][], ratios?: any[][], round_up?: any): any {
  return withModel((model) => toHost(headcountFor(model, accounts, "CSM", ratios, round_up)));
}

/**
 * Headcount of one role (CSM, AM or TAM) for a set of accounts: the sum over tiers of accounts in the tier divided by the tier's accounts per person; a tier where the role does not apply ("none", e.g. TAM below Strategic) adds 0. Blank cells are skipped; an unreadable cell makes the whole result #VALUE!, text that is neither an amount nor a known tier name #N/A.
 * @customfunction REQUIRED_HEADCOUNT
 * @param accounts A range of ACVs (numbers or text such as "$80,000") and/or tier names, one per account.
 * @param role The role to staff: "CSM", "AM" or "TAM", in any case.
 * @param [ratios] Optional: one number for a flat accounts-per-person ratio for every tier, or a two-column range (tier, accounts per person) that overrides the listed tiers ("none" removes one).
 * @param [round_up] Optional: TRUE rounds each tier up to whole people; FALSE (default) gives the exact fraction.
 * @returns The number of people of that role needed.
 * @example =CS.REQUIRED_HEADCOUNT({"Strategic";"Strategic";"Strategic";"Strategic";"Strategic"}, "TAM") -> 0.5
 * @example =CS.REQUIRED_HEADCOUNT({300000;150000;60000}, "am", , TRUE()) -> 3
 */
export function requiredHeadcountOf(
  accounts: any[][],
  role: any,
  ratios?: any[][],
  round_up?: any
): any {
  return withModel((model) => {
    const chosen = readRole(role, null);
    if (chosen instanceof CsError) return toHost(chosen);
    return toHost(headcountFor(model, accounts, chosen, ratios, round_up));
  });
}

/**
 * Coverage plan for a set of accounts, spilled with a header row: Tier, Accounts, ARR, CSMs, AMs, TAMs, ARR per CSM; one row per tier in tier order, then Total. ARR sums the ACVs given as amounts (tier names add none; blank when a row has only tier names); headcounts are exact fractions; ARR per CSM is blank where CSMs is 0. Blank cells are skipped; an unreadable cell makes the whole result #VALUE!, text that is neither an amount nor a known tier name #N/A.
 * @customfunction COVERAGE_PLAN
 * @param accounts A range of ACVs (numbers or text such as "$80,000") and/or tier names, one per account.
 * @returns The plan table: a header row, one row per tier, a Total row; seven columns.
 * @example =CS.COVERAGE_PLAN({300000;"Strategic"}) -> [["Tier","Accounts","ARR","CSMs","AMs","TAMs","ARR per CSM"],["Tech-Touch",0,0,0,0,0,null],["Pooled",0,0,0,0,0,null],["Mid-Market",0,0,0,0,0,null],["Enterprise",0,0,0,0,0,null],["Strategic",2,300000,0.181818181818182,0.08,0.2,1650000],["Total",2,300000,0.181818181818182,0.08,0.2,1650000]]
 */
export function coveragePlan(accounts: any[][]): any[][] {
  return withModel((model) => {
    const tiers = model.tiers;
    if (tiers instanceof CsError) return gridToHost([[tiers]]);
    const tally = tallyByTier(asGrid(accounts) ?? [[null]], tiers, "accounts");
    if (tally instanceof CsError) return gridToHost([[tally]]);
    return gridToHost(planTable(tiers.tiers, tally));
  });
}

/**
 * Whole accounts one CSM can carry (S2): the smaller of the tier's accounts per CSM and its ARR ceiling per CSM divided by the average ACV, rounded down (Strategic at $400,000: min(11, 10) = 10). The tier defaults to the tier of avg_acv. An average ACV of 0 or a tier without a ceiling gives the accounts per CSM; the ceiling never makes a book smaller than 1 account. Blank cells give blanks.
 * @customfunction MAX_BOOK
 * @param avg_acv The average ACV of the book: a number or CRM text such as "$300,000" or "300k"; or a range of them.
 * @param [tier] Optional: the tier whose ratio and ceiling apply (a name such as "Strategic"); by default the tier of avg_acv. A range broadcasts with avg_acv.
 * @returns Whole accounts for each average ACV, in the shape of the ranges given.
 * @example =CS.MAX_BOOK(300000) -> 11
 * @example =CS.MAX_BOOK("$400,000") -> 10
 * @example =CS.MAX_BOOK(60000, "Mid-Market") -> 32
 */
export function maxBook(avg_acv: any[][], tier?: any[][]): any[][] {
  return MAX_BOOK(avg_acv, tier);
}

const MAX_BOOK = elementwise({
  id: "MAX_BOOK",
  params: [
    optional("avg_acv", (raw) => readNonNegativeAmount(raw, "Average ACV"), SKIP),
    optional("tier", (raw, model) => readTierName(raw, tiersOf(model)), null),
  ],
  requires: (model) => (model.tiers instanceof CsError ? model.tiers : null),
  // An ACV below the lowest tier has no tier, and so no book.
  errorsAt: "avg_acv",
  compute: ([acv, named], model) => {
    const found = named ?? tiersOf(model).tierOf(acv);
    if (found instanceof CsError) return found;
    if (found.csm_ratio === null) return Errors.noMaxBook(found.name);
    return maxBookOf(found.csm_ratio, found.arr_ceiling, acv);
  },
});

/** The workbook's tier table; MAX_BOOK requires it usable before any cell is read. */
function tiersOf(model: Model): TierTable<TierAssumption> {
  return model.tiers as TierTable<TierAssumption>;
}
