/**
 * Reading the number-like arguments of the capacity, books and planning
 * functions: counts, hours, FTE, a ramp profile, one value out of a range,
 * and "a number or a tier name" for accounts per CSM.
 */
import { TierAssumption } from "../core/assumptions/types";
import { CsError, Errors } from "../core/errors";
import { Model } from "../core/model";
import { checkRampValue, parseRampText, Ramp } from "../core/ramp";
import {
  cellValue,
  inputError,
  isBlank,
  isErrorValue,
  parseFraction,
  parseNumber,
} from "../core/values";
import { Grid, width } from "./grid";

/** The one value of an argument that takes a single value; null when omitted. */
export function oneValue(grid: Grid | null, what: string): unknown {
  if (grid === null) return null;
  const cols = width(grid);
  if (grid.length > 1 || cols > 1) return Errors.notOneValue(what, grid.length, cols);
  return grid[0]?.[0] ?? null;
}

/** A plain number that must be 0 or more (hours, touches, minutes, FTE); null for a blank. */
export function readNonNegativeNumber(raw: unknown, what: string): number | null | CsError {
  if (raw instanceof CsError) return raw;
  raw = cellValue(raw);
  if (isErrorValue(raw)) return inputError(what, raw);
  const value = parseNumber(raw, what);
  if (typeof value === "number" && value < 0) return Errors.negativeAmount(what, value);
  return value;
}

/** The same, where a blank is an error. */
export function readRequiredNumber(raw: unknown, what: string): number | CsError {
  const value = readNonNegativeNumber(raw, what);
  return value === null ? Errors.blankRequired(what) : value;
}

/** A whole number of months, 0 or more; the fallback when blank or omitted. */
export function readWholeMonths(raw: unknown, what: string, fallback: number): number | CsError {
  const value = readNonNegativeNumber(raw, what);
  if (value === null) return fallback;
  if (value instanceof CsError) return value;
  return Number.isInteger(value) ? value : Errors.notWholeMonths(what, value);
}

/** A tier's accounts per CSM, for arguments that take "a number or a tier name". */
export function tierCsmRatio(model: Model, name: string): number | CsError {
  if (model.tiers instanceof CsError) return model.tiers;
  const tier: TierAssumption | undefined = model.tiers.byTierName(name);
  if (!tier) return Errors.unknownTier(name, model.tiers.names);
  return tier.csm_ratio === null ? Errors.noCsmRatio(tier.name) : tier.csm_ratio;
}

/**
 * Accounts per CSM: a number above 0, or a tier name meaning that tier's
 * accounts per CSM (tier.<Tier>.csm_ratio). null for a blank.
 */
export function readAccountsPerCsm(
  model: Model,
  raw: unknown,
  what: string
): number | null | CsError {
  raw = cellValue(raw);
  if (isErrorValue(raw)) return inputError(what, raw);
  if (isBlank(raw)) return null;
  if (typeof raw === "string") {
    const number = parseNumber(raw, what);
    if (number instanceof CsError) return tierCsmRatio(model, raw);
  }
  const value = parseNumber(raw, what);
  if (value === null || value instanceof CsError) return value;
  return value > 0 ? value : Errors.notPositive(what, value);
}

/**
 * The ramp profile argument: text "0,0.5,0.5" (fractions or percentages,
 * comma-separated) or one row or column of fractions, each from 0 to 1;
 * trailing blank cells are ignored. Omitted or blank: the workbook's
 * hiring.ramp.
 */
export function readRamp(grid: Grid | null, fallback: Ramp): Ramp | CsError {
  if (grid === null) return fallback;
  const rows = grid.length;
  const cols = width(grid);
  if (rows > 1 && cols > 1) return Errors.rampShape(rows, cols);
  const cells: unknown[] = (rows > 1 ? grid.map((row) => row[0] ?? null) : [...grid[0]]).map(
    cellValue
  );
  while (cells.length > 0 && isBlank(cells[cells.length - 1])) cells.pop();
  if (cells.length === 0) return fallback;
  if (cells.length === 1 && typeof cells[0] === "string") return parseRampText(cells[0]);
  const ramp: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    const raw = cellValue(cells[i]);
    const what = `Ramp month ${i + 1}`;
    if (isErrorValue(raw)) return inputError(what, raw);
    const value = parseFraction(raw, what);
    if (value === null) return Errors.blankRampMonth(i + 1);
    if (value instanceof CsError) return value;
    const checked = checkRampValue(value, i + 1);
    if (checked instanceof CsError) return checked;
    ramp.push(checked);
  }
  return ramp;
}
