/**
 * Segmentation functions (MODEL.md §1): which tier an account is in, and what
 * its tier says (segment, coverage model, touch cadence, target ratios).
 * Each function is a thin adapter: read cells, call the core, return cells.
 */
import { Role, TierAssumption } from "../core/assumptions/types";
import { CsError, Errors } from "../core/errors";
import { ROLE_RATIO_FIELD } from "../core/headcount";
import { Model } from "../core/model";
import { TierTable } from "../core/tiers";
import { elementwise, isCellRow, optional, SKIP, whole } from "./elementwise";
import { asGrid, Cell } from "./grid";
import {
  isPlainAmount,
  readAccountTier,
  readNonNegativeAmount,
  readRole,
  readTierRange,
} from "./read-amounts-and-tiers";

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
  return TIER(acv, tiers);
}

const TIER = elementwise({
  id: "TIER",
  params: [
    optional("acv", (raw) => readNonNegativeAmount(raw, "ACV"), SKIP),
    // The tier table: the range given, or the workbook's; one that cannot be used is the answer in every cell.
    whole("tiers", (arg, model): TierTable | CsError => {
      const grid = asGrid(arg);
      return grid === null ? model.tiers : readTierRange(grid);
    }),
  ],
  // An ACV below the lowest minimum of a tiers range has no tier.
  errorsAt: "acv",
  compute: ([acv, table]) => {
    const found = table.tierOf(acv);
    return found instanceof CsError ? found : found.name;
  },
  // A plain number of 0 or more (nearly every cell of a column) is looked up without
  // the readers, and every row of a tier is that tier's one shared row.
  plainColumn: ([acvs], [, table], _model, out) => {
    if (acvs === null) return false;
    const rows = tierRows(table);
    for (let r = 0; r < out.length; r++) {
      const row = acvs[r];
      if (!isCellRow(row)) return false;
      const raw = row[0];
      const i = isPlainAmount(raw) ? table.indexOfAcv(raw) : -1;
      if (i >= 0) out[r] = rows[i];
    }
    return true;
  },
});

/**
 * One output row per tier, frozen, built once per tier table: a column of
 * ACVs (a million-row table column) then costs no allocation per row. Safe
 * because nothing writes to a result (see elementwise's one-column path).
 */
const sharedTierRows = new WeakMap<TierTable, readonly unknown[][]>();

function tierRows(table: TierTable): readonly unknown[][] {
  let rows = sharedTierRows.get(table);
  if (!rows) {
    rows = table.tiers.map((t) => Object.freeze([t.name]) as unknown[]);
    sharedTierRows.set(table, rows);
  }
  return rows;
}

/** The one parameter of the functions that map an account to a fact of its tier. */
const ACV_OR_TIER = optional(
  "acv_or_tier",
  (raw, model) => readAccountTier(raw, model.tiers as TierTable<TierAssumption>),
  SKIP
);

const tiersUsable = (model: Model) => (model.tiers instanceof CsError ? model.tiers : null);

/**
 * A function from an "acv_or_tier" cell to a fact of its tier, cell by cell;
 * blanks give blanks, a bad cell an error in its own output cell.
 */
function byTier(id: string, fact: (tier: TierAssumption) => Cell) {
  return elementwise({
    id,
    params: [ACV_OR_TIER],
    requires: tiersUsable,
    errorsAt: "acv_or_tier",
    compute: ([tier]) => fact(tier),
  });
}

const SEGMENT = byTier("SEGMENT", (t) => t.segment);
const COVERAGE_MODEL = byTier("COVERAGE_MODEL", (t) => t.coverage_model);
const TOUCH_CADENCE = byTier("TOUCH_CADENCE", (t) => t.touch_cadence);
const TARGET_RATIO = elementwise({
  id: "TARGET_RATIO",
  params: [ACV_OR_TIER, whole("role", (raw) => readRole(raw, "CSM"))],
  requires: tiersUsable,
  errorsAt: "acv_or_tier",
  compute: ([tier, role]) => ratioOf(tier, role),
});

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
  return SEGMENT(acv_or_tier);
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
  return COVERAGE_MODEL(acv_or_tier);
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
  return TOUCH_CADENCE(acv_or_tier);
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
  return TARGET_RATIO(acv_or_tier, role);
}
