/**
 * Segmentation functions (MODEL.md §1): which tier an account is in, and what
 * its tier says (segment, coverage model, touch cadence, target ratios).
 * Each function is a thin adapter: read cells, call the core, return cells.
 */
import { Role, TierAssumption } from "../core/assumptions/types";
import { CsError, Errors } from "../core/errors";
import { ROLE_RATIO_FIELD } from "../core/headcount";
import { TierTable } from "../core/tiers";
import { asGrid, Cell, fill, Grid, locate, mapGrid, width } from "./grid";
import { gridToHost, toHost, withModel } from "./host";
import {
  isPlainAmount,
  readAccountTier,
  readNonNegativeAmount,
  readRole,
  readTierRange,
} from "./read";

/**
 * The tier of an account from its ACV: the tier with the highest minimum ACV at or below it (exactly $250,000 is Strategic). Blank cells give blanks; on Excel desktop an empty cell arrives as 0 and gives the lowest tier.
 * @customfunction TIER
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
    return width(values) === 1
      ? tierColumn(values, table)
      : gridToHost(mapGrid(values, tierCell(table, values)));
  });
}

/** The tier name of one ACV cell, or its located error; null for a blank. */
function tierCell(table: TierTable, values: Grid): (raw: unknown, r: number, c: number) => Cell {
  return (raw, r, c) => {
    const value = readNonNegativeAmount(raw, "ACV");
    if (value === null) return null;
    if (value instanceof CsError) return locate(value, "acv", values, r, c);
    const found = table.tierOf(value);
    return found instanceof CsError ? locate(found, "acv", values, r, c) : found.name;
  };
}

/**
 * One output row per tier, frozen, built once per tier table. A column of
 * ACVs (the usual call: a million-row table column) then costs no allocation
 * per row: every row of a tier is the same [name] array. Safe because nothing
 * writes to a result: Excel copies it, the engine copies it cell by cell, and
 * a frozen row would throw rather than let a write change other rows.
 */
const sharedTierRows = new WeakMap<TierTable, readonly unknown[][]>();

function tierRows(table: TierTable): readonly unknown[][] {
  let rows = sharedTierRows.get(table);
  if (!rows) {
    rows = table.tiers.map((t) => {
      const row: unknown[] = [t.name];
      Object.freeze(row);
      return row;
    });
    sharedTierRows.set(table, rows);
  }
  return rows;
}

/** TIER of a one-column range in one pass: plain numbers take the fast path, anything else the full reader. */
function tierColumn(values: Grid, table: TierTable): unknown[][] {
  const rows = tierRows(table);
  const general = tierCell(table, values);
  const out: unknown[][] = new Array(values.length);
  for (let r = 0; r < values.length; r++) {
    const raw = values[r].length > 0 ? values[r][0] : null;
    const i = isPlainAmount(raw) ? table.indexOfAcv(raw) : -1;
    out[r] = i >= 0 ? rows[i] : [toHost(general(raw, r, 0))];
  }
  return out;
}

/**
 * Maps each "acv_or_tier" cell to a fact of its tier, in one pass over the
 * range; blanks give blanks, a bad cell an error in its own output cell.
 */
function byTier(
  acv_or_tier: unknown,
  fact: (tier: TierAssumption) => Cell,
  setup: CsError | null = null
): unknown[][] {
  return withModel((model) => {
    const values = asGrid(acv_or_tier) ?? [[null]];
    const table = model.tiers;
    const problem = table instanceof CsError ? table : setup;
    if (problem) return gridToHost(fill({ rows: values.length, cols: width(values) }, problem));
    const tiers = table as TierTable<TierAssumption>;
    const cells = mapGrid<Cell>(values, (raw, r, c) => {
      const found = readAccountTier(raw, tiers);
      if (found === null) return null;
      const cell = found instanceof CsError ? found : fact(found);
      return cell instanceof CsError ? locate(cell, "acv_or_tier", values, r, c) : cell;
    });
    return gridToHost(cells);
  });
}

/**
 * The segment of an account's tier (Strategic and Enterprise are Enterprise, Mid-Market and Pooled are Mid-Market, Tech-Touch is SMB), from its ACV or tier name. Blank cells give blanks; text that is neither an amount nor a known tier name is #N/A listing the tiers; a negative or unreadable ACV is #VALUE!.
 * @customfunction SEGMENT
 * @param acv_or_tier An ACV (a number or CRM text such as "$80,000" or "80k") or a tier name such as "Pooled"; or a range of them.
 * @returns The segment name for each cell, in the same shape as acv_or_tier.
 * @example =CS.SEGMENT(300000) -> "Enterprise"
 * @example =CS.SEGMENT("Pooled") -> "Mid-Market"
 * @example =CS.SEGMENT("$14,999") -> "SMB"
 */
export function segment(acv_or_tier: any[][]): any[][] {
  return byTier(acv_or_tier, (t) => t.segment);
}

/**
 * The coverage model of an account's tier, e.g. "Named CSM + named TAM" for Strategic or "Pooled CSM (vertical pod)" for Pooled, from its ACV or tier name. Blank cells give blanks; text that is neither an amount nor a known tier name is #N/A listing the tiers; a negative or unreadable ACV is #VALUE!.
 * @customfunction COVERAGE_MODEL
 * @param acv_or_tier An ACV (a number or CRM text such as "$80,000" or "80k") or a tier name such as "Pooled"; or a range of them.
 * @returns The coverage model for each cell, in the same shape as acv_or_tier.
 * @example =CS.COVERAGE_MODEL(20000) -> "Pooled CSM (vertical pod)"
 * @example =CS.COVERAGE_MODEL("Strategic") -> "Named CSM + named TAM"
 */
export function coverageModel(acv_or_tier: any[][]): any[][] {
  return byTier(acv_or_tier, (t) => t.coverage_model);
}

/**
 * The touch cadence of an account's tier, e.g. "Weekly + monthly QBR" for Strategic or "In-app + community" for Tech-Touch, from its ACV or tier name. Blank cells give blanks; text that is neither an amount nor a known tier name is #N/A listing the tiers; a negative or unreadable ACV is #VALUE!.
 * @customfunction TOUCH_CADENCE
 * @param acv_or_tier An ACV (a number or CRM text such as "$80,000" or "80k") or a tier name such as "Pooled"; or a range of them.
 * @returns The touch cadence for each cell, in the same shape as acv_or_tier.
 * @example =CS.TOUCH_CADENCE("$60,000") -> "Monthly + quarterly QBR"
 * @example =CS.TOUCH_CADENCE("tech-touch") -> "In-app + community"
 */
export function touchCadence(acv_or_tier: any[][]): any[][] {
  return byTier(acv_or_tier, (t) => t.touch_cadence);
}

function ratioOf(t: TierAssumption, role: Role): Cell {
  const ratio = t[ROLE_RATIO_FIELD[role]];
  return ratio === null ? Errors.roleDoesNotApply(t.name, role) : ratio;
}

/**
 * The target accounts per person of an account's tier, for role CSM (default), AM or TAM (Strategic: 11 per CSM, 25 per AM, 10 per TAM). A role the tier has no ratio for ("none", e.g. TAM below Strategic) is #N/A; an unknown role or tier name is #N/A. Blank cells give blanks.
 * @customfunction TARGET_RATIO
 * @param acv_or_tier An ACV (a number or CRM text such as "$80,000" or "80k") or a tier name such as "Pooled"; or a range of them.
 * @param [role] Optional: "CSM" (default), "AM" or "TAM", in any case.
 * @returns Accounts per person for each cell, in the same shape as acv_or_tier.
 * @example =CS.TARGET_RATIO(300000) -> 11
 * @example =CS.TARGET_RATIO("Pooled", "AM") -> 80
 * @example =CS.TARGET_RATIO("Mid-Market", "TAM") -> #N/A
 */
export function targetRatio(acv_or_tier: any[][], role?: any): any[][] {
  const chosen = readRole(role ?? null, "CSM");
  if (chosen instanceof CsError) return byTier(acv_or_tier, () => null, chosen);
  return byTier(acv_or_tier, (t) => ratioOf(t, chosen));
}
