/**
 * Planning functions (MODEL.md §4): forward ARR, ramped FTE, the hiring plan
 * and loaded cost per account.
 */
import { readDay } from "../core/dates";
import { CsError, Errors } from "../core/errors";
import { HIRING_PLAN_HEADER, hiringPlan as planHires } from "../core/hiring";
import {
  costPerAccount as computeCostPerAccount,
  forwardArr as computeForwardArr,
} from "../core/planning";
import { rampedFte as computeRampedFte } from "../core/ramp";
import { elementwise, optional, required } from "./elementwise";
import { asGrid, Cell, fill, locate, width } from "./grid";
import { gridToHost, toHost, withModel } from "./host";
import { readNonNegativeAmount, readNonNegativeFraction } from "./read-amounts-and-tiers";
import {
  oneValue,
  readAccountsPerCsm,
  readNonNegativeNumber,
  readRamp,
  readRequiredNumber,
  readWholeMonths,
} from "./read-counts-and-ramps";

/** An amount of 0 or more ("$12.5M"), as a cell reader. */
const amount =
  (label: string) =>
  (raw: unknown): number | null | CsError =>
    readNonNegativeAmount(raw, label);

function readGrossChurn(raw: unknown): number | null | CsError {
  const value = readNonNegativeFraction(raw, "Gross churn");
  if (typeof value === "number" && value > 1) return Errors.fractionAbove100("Gross churn", value);
  return value;
}

/**
 * ARR twelve months out (S2 "calibrate to 12-month ARR"): current ARR x (1 - gross churn) + new ARR + expansion ARR, to the cent. Gross churn is the share of current ARR lost to churn and contraction, 0-100%. A row whose cells are all blank gives a blank; otherwise a blank current ARR, churn or new ARR is #VALUE! (type 0 for none).
 * @customfunction FORWARD_ARR
 * @param current_arr Current ARR: a number or CRM text such as "$12.5M"; or a range of them.
 * @param gross_churn Gross churn over the twelve months as a fraction of current ARR, 0.08 or "8%"; above 100% is #VALUE!.
 * @param new_arr New-logo ARR expected over the twelve months, 0 or more.
 * @param [expansion_arr] Optional: expansion ARR expected over the twelve months; 0 when omitted.
 * @returns Forward ARR in dollars, in the shape of the ranges given.
 * @example =CS.FORWARD_ARR(10000000, 0.08, 1500000, 900000) -> 11600000
 * @example =CS.FORWARD_ARR("$2.5M", "10%", "250k") -> 2500000
 */
export function forwardArr(
  current_arr: any[][],
  gross_churn: any[][],
  new_arr: any[][],
  expansion_arr?: any[][]
): any[][] {
  return FORWARD_ARR(current_arr, gross_churn, new_arr, expansion_arr);
}

const FORWARD_ARR = elementwise({
  id: "FORWARD_ARR",
  params: [
    required("current_arr", "Current ARR", amount("Current ARR")),
    required("gross_churn", "Gross churn", readGrossChurn),
    required("new_arr", "New ARR", amount("New ARR")),
    optional("expansion_arr", amount("Expansion ARR"), 0),
  ],
  blankRows: "row",
  compute: ([arr, churn, fresh, grown]) => computeForwardArr(arr, churn, fresh, grown),
});

/**
 * Effective FTE of a roster: each CSM counts by the ramp profile (the workbook's hiring.ramp, 0, 0.5, 0.5, then 1.0) for their month of tenure at as_of. Month of tenure is 1 plus the whole calendar months from the start date, counted as DATEDIF(start, as_of, "M") (started Jan 31: Feb 28 is still month 1, Mar 1 is month 2). A start after as_of counts 0; a blank start date counts 1 (fully ramped), but an all-blank range is #VALUE!: reference exactly the roster.
 * @customfunction RAMPED_FTE
 * @param start_dates Start date of each CSM on the roster, one cell per CSM: a date or ISO text such as "2026-01-15"; blank for a fully ramped CSM.
 * @param as_of The date to measure at: a date or ISO text such as "2026-06-30".
 * @param [ramp] Optional: productivity by month of tenure, as text "0,0.5,0.5" or a row or column of fractions; 1.0 after the last; the workbook's hiring.ramp when omitted.
 * @returns The sum of the roster's productivity at as_of, in FTE.
 * @example =CS.RAMPED_FTE({"2025-01-06";"2026-05-01";"2026-06-01";"2026-07-01";""}, "2026-06-30") -> 2.5
 * @example =CS.RAMPED_FTE({"2026-05-01";"2026-06-01"}, "2026-06-30", "0.25,0.75") -> 1
 */
export function rampedFte(start_dates: any[][], as_of: any[][], ramp?: any[][]): any {
  return withModel((model) => {
    const starts = asGrid(start_dates) ?? [[null]];
    const rawAsOf = oneValue(asGrid(as_of), "as_of");
    if (rawAsOf instanceof CsError) return toHost(rawAsOf);
    const asOf = readDay(rawAsOf, "as_of");
    if (asOf === null) return toHost(Errors.blankRequired("as_of"));
    if (asOf instanceof CsError) return toHost(asOf);
    const profile = readRamp(asGrid(ramp ?? null), model.assumptions.hiring.ramp);
    if (profile instanceof CsError) return toHost(profile);
    const days: (number | null)[] = [];
    let dated = 0;
    const cols = width(starts);
    for (let r = 0; r < starts.length; r++) {
      const row = starts[r];
      for (let c = 0; c < cols; c++) {
        const day = readDay(c < row.length ? row[c] : null, "Start date");
        if (day instanceof CsError) return toHost(locate(day, "start_dates", starts, r, c));
        if (day !== null) dated++;
        days.push(day);
      }
    }
    if (dated === 0) return toHost(Errors.noStartDates(days.length));
    return toHost(computeRampedFte(days, asOf, profile));
  });
}

/**
 * A month-by-month hiring plan: each hire starts early enough to be fully ramped (by the ramp, 0, 0.5, 0.5 by default) in the month the requirement rises, never before month 1; hires pulled forward to month 1 still ramp, and the gap left is shown. Requisitions open lead_months (3) before the start; those due in month 0 or earlier are overdue and counted in month 1. Hires are whole people; current FTE is fully productive; no attrition. Trailing blank months give blank rows.
 * @customfunction HIRING_PLAN
 * @param required_by_month FTE required in months 1, 2, 3, ...: a column or row of numbers (a larger range is read row by row).
 * @param current_fte The current ramped headcount in FTE, taken as fully productive throughout.
 * @param [ramp] Optional: productivity by month of tenure, as text "0,0.5,0.5" or a row or column of fractions; the workbook's hiring.ramp when omitted.
 * @param [lead_months] Optional: whole months from opening a requisition to the hire's start; the workbook's hiring.lead_months (3) when omitted.
 * @returns A table with a header row, then one row per month: Month, Required FTE, Hires starting, Requisitions to open, Headcount, Effective FTE, Gap.
 * @example =CS.HIRING_PLAN({10;12;12;12}, 10) -> [["Month","Required FTE","Hires starting","Requisitions to open","Headcount","Effective FTE","Gap"],[1,10,2,2,12,10,0],[2,12,0,0,12,11,1],[3,12,0,0,12,11,1],[4,12,0,0,12,12,0]]
 * @example =CS.HIRING_PLAN({10;12}, 10, "1", 0) -> [["Month","Required FTE","Hires starting","Requisitions to open","Headcount","Effective FTE","Gap"],[1,10,0,0,10,10,0],[2,12,2,2,12,12,0]]
 */
export function hiringPlan(
  required_by_month: any[][],
  current_fte: any[][],
  ramp?: any[][],
  lead_months?: any[][]
): any[][] {
  return withModel((model) => {
    const grid = asGrid(required_by_month) ?? [[null]];
    const cols = width(grid);
    const months = grid.length * cols;
    const fail = (error: CsError) => gridToHost(fill({ rows: months + 1, cols: 7 }, error));
    const rawFte = oneValue(asGrid(current_fte), "current_fte");
    const fte = readRequiredNumber(rawFte, "current_fte");
    if (fte instanceof CsError) return fail(fte);
    const profile = readRamp(asGrid(ramp ?? null), model.assumptions.hiring.ramp);
    if (profile instanceof CsError) return fail(profile);
    const rawLead = oneValue(asGrid(lead_months ?? null), "lead_months");
    const lead = readWholeMonths(rawLead, "lead_months", model.assumptions.hiring.lead_months);
    if (lead instanceof CsError) return fail(lead);

    const required: (number | null)[] = [];
    for (let r = 0; r < grid.length; r++) {
      for (let c = 0; c < cols; c++) {
        const value = readNonNegativeNumber(grid[r][c] ?? null, "Required FTE");
        if (value instanceof CsError) return fail(locate(value, "required_by_month", grid, r, c));
        required.push(value);
      }
    }
    let given = required.length;
    while (given > 0 && required[given - 1] === null) given--;
    if (given === 0) return fail(Errors.noPlanMonths());
    const blank = required.indexOf(null);
    if (blank >= 0 && blank < given) return fail(Errors.blankPlanMonth(blank + 1));

    const plan = planHires(required.slice(0, given) as number[], fte, profile, lead);
    const cells: Cell[][] = [[...HIRING_PLAN_HEADER]];
    for (const m of plan.months)
      cells.push([m.month, m.required, m.hires, m.requisitions, m.headcount, m.effective, m.gap]);
    while (cells.length < months + 1) cells.push(new Array<Cell>(7).fill(null));
    return gridToHost(cells);
  });
}

/**
 * Loaded CS cost per account per year (S0 §4.3): loaded cost per CSM / accounts per CSM + tool cost per account, to the cent. accounts_per_csm may be a tier name, meaning that tier's accounts per CSM (tier.<Tier>.csm_ratio). A row whose cells are all blank gives a blank; 0 accounts per CSM is #VALUE!.
 * @customfunction COST_PER_ACCOUNT
 * @param loaded_cost_per_csm Fully loaded cost of one CSM a year (salary, benefits, overhead): a number or text such as "$130,000"; or a range.
 * @param accounts_per_csm Accounts one CSM carries, above 0, or a tier name such as "Tech-Touch" for that tier's ratio.
 * @param [tool_cost_per_account] Optional: tool cost per account a year (S0: $120-$180 for a scaled-CS stack); 0 when omitted.
 * @returns Cost per account a year in dollars, in the shape of the ranges given.
 * @example =CS.COST_PER_ACCOUNT(130000, 175, 150) -> 892.86
 * @example =CS.COST_PER_ACCOUNT("$165,000", "Strategic") -> 15000
 */
export function costPerAccount(
  loaded_cost_per_csm: any[][],
  accounts_per_csm: any[][],
  tool_cost_per_account?: any[][]
): any[][] {
  return COST_PER_ACCOUNT(loaded_cost_per_csm, accounts_per_csm, tool_cost_per_account);
}

const COST_PER_ACCOUNT = elementwise({
  id: "COST_PER_ACCOUNT",
  params: [
    required("loaded_cost_per_csm", "Loaded cost per CSM", amount("Loaded cost per CSM")),
    required("accounts_per_csm", "Accounts per CSM", (raw, model) =>
      readAccountsPerCsm(model, raw, "Accounts per CSM")
    ),
    optional("tool_cost_per_account", amount("Tool cost per account"), 0),
  ],
  blankRows: "row",
  compute: ([cost, ratio, tool]) => computeCostPerAccount(cost, ratio, tool),
});
