/**
 * Capacity from hours (MODEL.md §3): how many accounts one CSM can carry.
 */
import { checkedAccountCapacity } from "../core/capacity";
import { CsError, Errors } from "../core/errors";
import { tidy } from "../core/money";
import { elementwise, optional, required } from "./elementwise";
import { readNonNegativeFraction } from "./read-amounts-and-tiers";
import { readNonNegativeNumber } from "./read-counts-and-ramps";

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
  return ACCOUNT_CAPACITY(
    hours_per_week,
    touches_per_month,
    minutes_per_touch,
    complexity,
    expansion_uplift
  );
}

const ACCOUNT_CAPACITY = elementwise({
  id: "ACCOUNT_CAPACITY",
  params: [
    required("hours_per_week", "Hours per week", readHours),
    required("touches_per_month", "Touches per month", (raw) =>
      readNonNegativeNumber(raw, "Touches per month")
    ),
    required("minutes_per_touch", "Minutes per touch", (raw) =>
      readNonNegativeNumber(raw, "Minutes per touch")
    ),
    optional("complexity", readComplexity, 1),
    optional("expansion_uplift", readUplift, 0),
  ],
  blankRows: "row",
  compute: (
    [hoursPerWeek, touchesPerMonth, minutesPerTouch, complexity, expansionUplift],
    model
  ) => {
    const capacity = checkedAccountCapacity(
      { hoursPerWeek, touchesPerMonth, minutesPerTouch, complexity, expansionUplift },
      model.assumptions.capacity.weeks_per_month
    );
    return capacity instanceof CsError ? capacity : tidy(capacity);
  },
});

function readHours(raw: unknown): number | null | CsError {
  const value = readNonNegativeNumber(raw, "Hours per week");
  if (typeof value === "number" && value > HOURS_IN_A_WEEK) return Errors.hoursAboveWeek(value);
  return value;
}

function readComplexity(raw: unknown): number | null | CsError {
  const value = readNonNegativeNumber(raw, "Complexity");
  if (value === null || value instanceof CsError) return value;
  return value > 0 ? value : Errors.notPositive("Complexity", value);
}

function readUplift(raw: unknown): number | null | CsError {
  const value = readNonNegativeFraction(raw, "Expansion uplift");
  if (typeof value === "number" && value > PERCENT_FORM_LIMIT)
    return Errors.fractionTooLarge("Expansion uplift", value, PERCENT_FORM_LIMIT);
  return value;
}
