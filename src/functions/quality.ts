/**
 * Coverage quality (MODEL.md §7): how many SLA-bound accounts were touched
 * within their tier's SLA as of a date.
 */
import { readDay } from "../core/dates";
import { CsError, Errors } from "../core/errors";
import { CoverageTally } from "../core/quality";
import { asGrid, cellAt, Grid, isSingle, locate, width } from "./grid";
import { toHost, withModel } from "./host";
import { readAccountTier } from "./read-amounts-and-tiers";

function shapeOf(grid: Grid): { rows: number; cols: number } {
  return { rows: grid.length, cols: width(grid) };
}

/**
 * Share of accounts in tiers with a touch SLA whose last touch is at most the tier's SLA days before as_of (by default Strategic 7, Enterprise 14, Mid-Market 31, Pooled 183 days; Tech-Touch has no SLA and is left out). A blank last touch is not covered; a blank tier skips the account; a touch after as_of is #VALUE!; no SLA-bound account is #N/A.
 * @customfunction COVERAGE_QUALITY
 * @param tiers The accounts' tier names or ACVs (e.g. "$80,000"), one per account; or one tier for all the last touches.
 * @param last_touch The date of each account's last touch (a date or ISO text), the same shape as tiers; blank when none is recorded.
 * @param as_of The date coverage is measured at, a date or ISO text such as "2026-03-31" (required: there is no hidden TODAY()).
 * @returns The share of SLA-bound accounts covered, as a fraction (0.8 = 80%).
 * @example =CS.COVERAGE_QUALITY({"Strategic";"Enterprise";"Tech-Touch"}, {"2026-03-25";"2026-03-01";"2025-01-01"}, "2026-03-31") -> 0.5
 * @example =CS.COVERAGE_QUALITY("Enterprise", "2026-03-17", "2026-03-31") -> 1
 */
export function coverageQuality(tiers: any[][], last_touch: any[][], as_of: any[][]): any {
  return withModel((model) => {
    const table = model.tiers;
    if (table instanceof CsError) return toHost(table);
    const tierGrid = asGrid(tiers) ?? [[null]];
    const touchGrid = asGrid(last_touch) ?? [[null]];
    const asOfGrid = asGrid(as_of) ?? [[null]];
    if (!isSingle(asOfGrid)) {
      const { rows, cols } = shapeOf(asOfGrid);
      return toHost(Errors.notOneDate("as_of", rows, cols));
    }
    const asOf = readDay(asOfGrid[0][0], "as_of");
    if (asOf === null) return toHost(Errors.blankRequired("as_of"));
    if (asOf instanceof CsError) return toHost(asOf);
    // last_touch sets the shape; tiers is either the same shape or one tier for all.
    const shape = shapeOf(touchGrid);
    if (!isSingle(tierGrid)) {
      const own = shapeOf(tierGrid);
      if (own.rows !== shape.rows || own.cols !== shape.cols)
        return toHost(Errors.shapesDoNotMatch("tiers", own.rows, own.cols, shape.rows, shape.cols));
    }
    const tally = new CoverageTally(asOf);
    for (let r = 0; r < shape.rows; r++) {
      for (let c = 0; c < shape.cols; c++) {
        const tier = readAccountTier(cellAt(tierGrid, r, c), table, "Tier");
        if (tier === null) continue;
        if (tier instanceof CsError) return toHost(locate(tier, "tiers", tierGrid, r, c));
        const touch = readDay(cellAt(touchGrid, r, c), "Last touch");
        const error = touch instanceof CsError ? touch : tally.add(tier, touch);
        if (error) return toHost(locate(error, "last_touch", touchGrid, r, c));
      }
    }
    return toHost(tally.share());
  });
}
