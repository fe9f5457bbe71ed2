/**
 * Capacity from hours (MODEL.md §3): how many accounts one CSM can carry.
 */
import { checkedAccountCapacity } from "../core/capacity";
import { CsError, Errors } from "../core/errors";
import { tidy } from "../core/money";
import { asGrid, broadcastShape, Cell, cellAt, fill, Grid, locate, Shape } from "./grid";
import { gridToHost, withModel } from "./host";
import { readNonNegativeFraction } from "./read";
import { blankRows, readNonNegativeNumber } from "./read-values";

/** Hours in a week: more available hours than that is a typing error. */
const HOURS_IN_A_WEEK = 168;
/** An uplift above this (500%) is almost surely a percentage typed without "%" (30 for 30%). */
const PERCENT_FORM_LIMIT = 5;

/**
 * Accounts one CSM can carry from the hours model (S2): hours a week x weeks a month (the workbook's capacity.weeks_per_month, 4), divided by the hours an account takes a month (touches x minutes / 60 x complexity x (1 + expansion uplift)). An exact fraction: use ROUNDDOWN(..., 0) for whole accounts. Blank rows give blanks; 0 touches or 0 minutes is #VALUE! (no limit), not infinity.
 * @customfunction ACCOUNT_CAPACITY
 * @param hours_per_week Hours of customer work one CSM has a week, after meetings and admin (S2: 24-30); or a range of them.
 * @param touches_per_month Touches each account gets a month, e.g. 6 for enterprise or 1.25 for SMB; above 0.
 * @param minutes_per_touch Average minutes per touch, prep and follow-up included; above 0.
 * @param [complexity] Optional: complexity multiplier above 0; 1 (default) for an out-of-the-box product, 3-5 for a complex one (S2).
 * @param [expansion_uplift] Optional: extra time for expansion-active accounts, as 0.3 or "30%" (S2: 20-40%); 0 by default.
 * @returns Accounts per CSM as an exact fraction, in the shape of the ranges given.
 * @example =CS.ACCOUNT_CAPACITY(27, 6, 75) -> 14.4
 * @example =CS.ACCOUNT_CAPACITY(27, 1.25, 37.5) -> 138.24
 * @example =CS.ACCOUNT_CAPACITY(30, 4, 90, 1, "25%") -> 16
 */
export function accountCapacity(
  hours_per_week: any[][],
  touches_per_month: any[][],
  minutes_per_touch: any[][],
  complexity?: any[][],
  expansion_uplift?: any[][]
): any[][] {
  return withModel((model) => {
    const hours = asGrid(hours_per_week) ?? [[null]];
    const touches = asGrid(touches_per_month) ?? [[null]];
    const minutes = asGrid(minutes_per_touch) ?? [[null]];
    const complexities = asGrid(complexity ?? null);
    const uplifts = asGrid(expansion_uplift ?? null);
    const shape: Shape | CsError = broadcastShape([
      { name: "hours_per_week", grid: hours },
      { name: "touches_per_month", grid: touches },
      { name: "minutes_per_touch", grid: minutes },
      { name: "complexity", grid: complexities },
      { name: "expansion_uplift", grid: uplifts },
    ]);
    if (shape instanceof CsError) return gridToHost([[shape]]);
    const weeksPerMonth = model.assumptions.capacity.weeks_per_month;
    const isBlankRow = blankRows([hours, touches, minutes, complexities, uplifts]);
    const out = fill<Cell>(shape, null);
    for (let r = 0; r < shape.rows; r++) {
      for (let c = 0; c < shape.cols; c++) {
        if (isBlankRow(r, c)) continue;
        const hoursPerWeek = readRequired(hours, "hours_per_week", r, c);
        if (hoursPerWeek instanceof CsError) out[r][c] = hoursPerWeek;
        else if (hoursPerWeek > HOURS_IN_A_WEEK)
          out[r][c] = locate(Errors.hoursAboveWeek(hoursPerWeek), "hours_per_week", hours, r, c);
        else
          out[r][c] = capacityCell(
            hoursPerWeek,
            readRequired(touches, "touches_per_month", r, c),
            readRequired(minutes, "minutes_per_touch", r, c),
            readComplexity(complexities, r, c),
            readUplift(uplifts, r, c),
            weeksPerMonth
          );
      }
    }
    return gridToHost(out);
  });
}

function capacityCell(
  hoursPerWeek: number,
  touchesPerMonth: number | CsError,
  minutesPerTouch: number | CsError,
  complexity: number | CsError,
  expansionUplift: number | CsError,
  weeksPerMonth: number
): Cell {
  if (touchesPerMonth instanceof CsError) return touchesPerMonth;
  if (minutesPerTouch instanceof CsError) return minutesPerTouch;
  if (complexity instanceof CsError) return complexity;
  if (expansionUplift instanceof CsError) return expansionUplift;
  const capacity = checkedAccountCapacity(
    { hoursPerWeek, touchesPerMonth, minutesPerTouch, complexity, expansionUplift },
    weeksPerMonth
  );
  return capacity instanceof CsError ? capacity : tidy(capacity);
}

const LABELS: Record<string, string> = {
  hours_per_week: "Hours per week",
  touches_per_month: "Touches per month",
  minutes_per_touch: "Minutes per touch",
};

function readRequired(grid: Grid, name: string, r: number, c: number): number | CsError {
  const label = LABELS[name];
  const value = readNonNegativeNumber(cellAt(grid, r, c), label);
  if (value === null) return locate(Errors.blankRequired(label), name, grid, r, c);
  return value instanceof CsError ? locate(value, name, grid, r, c) : value;
}

function readComplexity(grid: Grid | null, r: number, c: number): number | CsError {
  if (grid === null) return 1;
  const value = readNonNegativeNumber(cellAt(grid, r, c), "Complexity");
  if (value === null) return 1;
  if (value instanceof CsError) return locate(value, "complexity", grid, r, c);
  return value > 0
    ? value
    : locate(Errors.notPositive("Complexity", value), "complexity", grid, r, c);
}

function readUplift(grid: Grid | null, r: number, c: number): number | CsError {
  if (grid === null) return 0;
  const value = readNonNegativeFraction(cellAt(grid, r, c), "Expansion uplift");
  if (value === null) return 0;
  if (value instanceof CsError) return locate(value, "expansion_uplift", grid, r, c);
  if (value > PERCENT_FORM_LIMIT) {
    const error = Errors.fractionTooLarge("Expansion uplift", value, PERCENT_FORM_LIMIT);
    return locate(error, "expansion_uplift", grid, r, c);
  }
  return value;
}
