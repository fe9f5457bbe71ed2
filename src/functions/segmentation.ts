/**
 * Segmentation functions (MODEL.md §1): which tier an account is in.
 * Each function is a thin adapter: read cells, call the core, return cells.
 */
import { CsError } from "../core/errors";
import { TierTable } from "../core/tiers";
import { asGrid, Cell, fill, locate, mapGrid, width } from "./grid";
import { gridToHost, withModel } from "./host";
import { readNonNegativeAmount, readTierRange } from "./read";

/**
 * The tier of an account from its ACV: the tier with the highest minimum ACV at or below it (exactly $250,000 is Strategic). Blank cells give blanks; on Excel desktop an empty cell arrives as 0 and gives the lowest tier.
 * @customfunction TIER
 * @helpurl https://localhost:3000/functions.html#tier
 * @param acv ACV in dollars: a number or CRM text such as "$80,000", "80k" or "1.2M"; or a range of them.
 * @param [tiers] Optional two-column range (tier name, minimum ACV) used instead of the workbook's tier table.
 * @returns The tier name for each ACV, in the same shape as acv.
 * @example =CS.TIER("$80,000") -> "Mid-Market"
 * @example =CS.TIER(250000) -> "Strategic"
 */
export function tier(acv: any[][], tiers?: any[][]): any[][] {
  return withModel((model) => {
    const values = asGrid(acv) ?? [[null]];
    const override = asGrid(tiers ?? null);
    const table: TierTable | CsError = override ? readTierRange(override) : model.tiers;
    if (table instanceof CsError)
      return gridToHost(fill({ rows: values.length, cols: width(values) }, table));
    const cells = mapGrid<Cell>(values, (raw, r, c) => {
      const value = readNonNegativeAmount(raw, "ACV");
      if (value === null) return null;
      if (value instanceof CsError) return locate(value, "acv", values, r, c);
      const found = table.tierOf(value);
      return found instanceof CsError ? locate(found, "acv", values, r, c) : found.name;
    });
    return gridToHost(cells);
  });
}
