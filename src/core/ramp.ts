/**
 * Ramp (MODEL.md §4, S0 §2.3): a new CSM's productivity by month of tenure
 * is the ramp profile (default 0, 0.5, 0.5), then 1.0 for good.
 *
 * Month of tenure = 1 + whole calendar months elapsed from the start date to
 * the as-of date. "Whole calendar months" is counted as Excel's
 * DATEDIF(start, as_of, "M") counts them, so a workbook can check it with a
 * native formula: the difference in months, less one when the as-of day of
 * the month is before the start day. Started 2026-01-15: as of 2026-02-14 is
 * 0 whole months (tenure month 1), as of 2026-02-15 is 1 (tenure month 2).
 * Started 2026-01-31: as of 2026-02-28 is still 0 (the 31st has not come
 * round), as of 2026-03-01 is 1. A start date after the as-of date has not
 * started: it counts 0.
 */
import { ymdFromExcelSerial } from "./dates";
import { CsError, Errors } from "./errors";
import { parseFraction } from "./values";

/** Productivity fractions for tenure months 1..n; 1.0 afterwards. */
export type Ramp = readonly number[];

/**
 * Whole calendar months from start to asOf (whole-day Excel serials), as
 * DATEDIF(start, as_of, "M"); -1 when asOf is before start (DATEDIF's #NUM!).
 */
export function wholeMonthsBetween(start: number, asOf: number): number {
  if (asOf < start) return -1;
  const a = ymdFromExcelSerial(start);
  const b = ymdFromExcelSerial(asOf);
  const months = (b.y - a.y) * 12 + (b.m - a.m);
  return b.d < a.d ? months - 1 : months;
}

/** Month of tenure at asOf (1 = the month the CSM started), or 0 when not yet started. */
export function tenureMonth(start: number, asOf: number): number {
  if (start > asOf) return 0;
  return 1 + wholeMonthsBetween(start, asOf);
}

/** Productivity in a month of tenure: 0 before the start, the ramp, then 1.0. */
export function productivity(ramp: Ramp, tenure: number): number {
  if (tenure < 1) return 0;
  return tenure <= ramp.length ? ramp[tenure - 1] : 1;
}

/**
 * The first month of tenure from which productivity is 1.0 for good: 4 for
 * "0,0.5,0.5", 3 for "0,0.5,1", 1 for "1" or an empty ramp.
 */
export function fullyRampedFrom(ramp: Ramp): number {
  let month = ramp.length + 1;
  while (month > 1 && ramp[month - 2] >= 1) month--;
  return month;
}

/** Effective FTE of a roster: each start date (null = fully ramped) by its month of tenure at asOf. */
export function rampedFte(starts: readonly (number | null)[], asOf: number, ramp: Ramp): number {
  let total = 0;
  for (const start of starts)
    total += start === null ? 1 : productivity(ramp, tenureMonth(start, asOf));
  return total;
}

/** Checks one month's productivity: a fraction from 0 to 1. */
export function checkRampValue(value: number, month: number): number | CsError {
  if (value < 0) return Errors.negativeFraction(`Ramp month ${month}`, value);
  if (value > 1) return Errors.rampAbove100(month, value);
  return value;
}

/**
 * Reads a ramp written as text: fractions separated by commas (or
 * semicolons), as 0.5 or "50%": "0,0.5,0.5", "0%; 50%; 50%".
 */
export function parseRampText(text: string): Ramp | CsError {
  const pieces = text.split(/[,;]/).map((p) => p.trim());
  if (pieces.length === 1 && pieces[0] === "") return Errors.emptyRamp();
  const ramp: number[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const value = parseFraction(pieces[i], `Ramp month ${i + 1}`);
    if (value === null) return Errors.blankRampMonth(i + 1);
    if (value instanceof CsError) return value;
    const checked = checkRampValue(value, i + 1);
    if (checked instanceof CsError) return checked;
    ramp.push(checked);
  }
  return ramp;
}
