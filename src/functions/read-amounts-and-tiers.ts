/**
 * Reading argument cells of money and tiers into domain values, with the
 * errors users see: amounts and fractions, an ACV or tier name, tier names
 * and tier ranges, per-tier ratios, roles and optional text arguments.
 * Shared by the function families so "$80k" means the same everywhere.
 * (Counts, hours and ramps: read-counts-and-ramps.ts.)
 */
import { Role, ROLES, TierAssumption } from "../core/assumptions/types";
import { CsError, Errors, MAX_AMOUNT } from "../core/errors";
import { roleNamed } from "../core/headcount";
import { TierBound, TierTable } from "../core/tiers";
import {
  cellValue,
  inputError,
  isBlank,
  isErrorValue,
  parseAmount,
  parseFraction,
  parseNumber,
} from "../core/values";
import { Grid, locate, width } from "./grid";

/**
 * A cell that is a plain finite number of 0 or more: an amount that reads as
 * itself (-0 as 0) without the text parser. The fast path of the functions
 * that read a million ACVs in one call (TIER, REQUIRED_CSMS, COVERAGE_PLAN);
 * anything else goes through readNonNegativeAmount, so a limit added to what
 * an amount may be must hold here too.
 */
export function isPlainAmount(raw: unknown): raw is number {
  // Above MAX_AMOUNT goes on to parseAmount, which names the limit.
  return typeof raw === "number" && raw >= 0 && raw <= MAX_AMOUNT;
}

/** An ACV or amount that must be 0 or more; null for a blank. */
export function readNonNegativeAmount(raw: unknown, what: string): number | null | CsError {
  raw = cellValue(raw);
  if (isErrorValue(raw)) return inputError(what, raw);
  const value = parseAmount(raw);
  if (typeof value === "number" && value < 0) return Errors.negativeAmount(what, value);
  return value;
}

/** A fraction that must be 0 or more ("95%" or 0.95); null for a blank. */
export function readNonNegativeFraction(raw: unknown, what: string): number | null | CsError {
  raw = cellValue(raw);
  if (isErrorValue(raw)) return inputError(what, raw);
  const value = parseFraction(raw, what);
  if (typeof value === "number" && value < 0) return Errors.negativeFraction(what, value);
  return value;
}

/**
 * An "acv_or_tier" cell: a tier name first (case-insensitive, trimmed), then
 * an ACV (a number or CRM text such as "$80,000"). Returns the tier when a
 * name was given, the ACV (0 or more) when an amount was given, null for a
 * blank. Text that is neither is #N/A naming it and listing the tiers (or
 * notAmount's error, for a caller that also takes other names).
 * Errors are not located: the caller adds the range's name and position.
 */
export function readAcvOrTier<T extends TierBound>(
  raw: unknown,
  tiers: TierTable<T>,
  what = "ACV",
  notAmount?: (text: string) => CsError
): T | number | null | CsError {
  if (isPlainAmount(raw)) return raw + 0;
  raw = cellValue(raw);
  if (isErrorValue(raw)) return inputError(what, raw);
  if (typeof raw === "string") {
    const named = tiers.byTierName(raw);
    if (named) return named;
    if (isBlank(raw)) return null;
    // Text that is not an amount is a tier name, and an unknown one is #N/A (FUNCTIONS.md);
    // text that is an amount out of range ("2e15") keeps its #VALUE!.
    const value = parseAmount(
      raw,
      notAmount ?? ((text) => Errors.unknownTierOrAmount(text, tiers.names))
    );
    if (value instanceof CsError) return value;
    if (value !== null && value < 0) return Errors.negativeAmount("ACV", value);
    return value;
  }
  return readNonNegativeAmount(raw, "ACV");
}

/** The tier of an "acv_or_tier" cell (the tier named, or the tier of the ACV); null for a blank. */
export function readAccountTier<T extends TierBound>(
  raw: unknown,
  tiers: TierTable<T>,
  what = "ACV",
  notAmount?: (text: string) => CsError
): T | null | CsError {
  const read = readAcvOrTier(raw, tiers, what, notAmount);
  return typeof read === "number" ? tiers.tierOf(read) : read;
}

/** A cell that must name a tier (case-insensitive, trimmed); null for a blank. */
export function readTierName<T extends TierBound>(
  raw: unknown,
  tiers: TierTable<T>
): T | null | CsError {
  raw = cellValue(raw);
  if (isErrorValue(raw)) return inputError("Tier", raw);
  if (isBlank(raw)) return null;
  if (typeof raw !== "string") return Errors.notATierName(raw, tiers.names);
  return tiers.byTierName(raw) ?? Errors.unknownTier(raw, tiers.names);
}

/**
 * A role argument: "CSM", "AM" or "TAM", case-insensitive and trimmed. When
 * omitted or blank, the fallback (an error when there is none: the role is
 * required). Anything else is #N/A listing the roles.
 */
export function readRole(raw: unknown, fallback: Role | null): Role | CsError {
  const value = cellValue(Array.isArray(raw) ? (raw[0]?.[0] ?? null) : raw);
  if (isErrorValue(value)) return inputError("role", value);
  if (isBlank(value)) return fallback ?? Errors.blankRequired("role");
  return (
    (typeof value === "string" ? roleNamed(value) : undefined) ?? Errors.unknownRole(value, ROLES)
  );
}

/** Reads an optional text argument (a part, plan or role name); null when omitted or blank. */
export function readOptionalText(raw: unknown, what: string): string | null | CsError {
  raw = cellValue(raw);
  if (raw === null || raw === undefined || isBlank(raw)) return null;
  if (Array.isArray(raw)) return readOptionalText(raw[0]?.[0], what);
  if (typeof raw !== "string") return Errors.notText(what, raw);
  return raw.trim();
}

/**
 * A range with a header row is common when users select a whole table: the
 * first row is taken as a header when its value column holds text that is
 * not a number (e.g. "Min ACV").
 */
function hasHeaderRow(
  grid: Grid,
  valueColumn: number,
  isValue: (raw: unknown) => boolean
): boolean {
  const raw = grid[0]?.[valueColumn];
  return typeof raw === "string" && !isBlank(raw) && !isValue(raw);
}

/** Reads a two-column (tier name, minimum ACV) range into a tier table. */
export function readTierRange(grid: Grid): TierTable | CsError {
  if (width(grid) !== 2) return Errors.tierRangeShape(width(grid));
  const what = "tiers";
  const start = hasHeaderRow(grid, 1, (raw) => typeof parseAmount(raw) === "number") ? 1 : 0;
  const bounds: TierBound[] = [];
  for (let r = start; r < grid.length; r++) {
    const [name, min] = [cellValue(grid[r][0] ?? null), cellValue(grid[r][1] ?? null)];
    if (isBlank(name) && isBlank(min)) continue;
    if (typeof name !== "string" || isBlank(name))
      return locate(Errors.notText("Tier name", name), what, grid, r, 0);
    const value = readNonNegativeAmount(min, "Minimum ACV");
    if (value === null) return locate(Errors.blankRequired("Minimum ACV"), what, grid, r, 1);
    if (value instanceof CsError) return locate(value, what, grid, r, 1);
    bounds.push({ name: name.trim(), min_acv: value });
  }
  return TierTable.compile(bounds);
}

export type RatioOverride =
  { kind: "flat"; ratio: number } | { kind: "byTier"; ratios: Map<TierAssumption, number | null> };

/**
 * Reads the optional `ratios` argument: one number (a flat ratio for every
 * tier) or a two-column range (tier, accounts per person), where tiers not
 * listed keep the workbook's ratio and "none" means the role does not apply.
 */
export function readRatioOverride(
  grid: Grid | null,
  tiers: TierTable<TierAssumption>,
  role: Role = "CSM"
): RatioOverride | null | CsError {
  if (grid === null) return null;
  const what = "ratios";
  if (grid.length === 1 && width(grid) === 1) {
    const raw = grid[0][0] ?? null;
    if (isBlank(raw)) return null;
    const ratio = parseNumber(raw, "Ratio");
    if (ratio === null) return null;
    if (ratio instanceof CsError) return ratio;
    return ratio > 0 ? { kind: "flat", ratio } : Errors.ratioNotPositive("Ratio", ratio);
  }
  if (width(grid) !== 2) return Errors.roleRatioRangeShape(width(grid), role);
  const isRatio = (raw: unknown) => typeof parseNumber(raw, "") === "number" || isNone(raw);
  const start = hasHeaderRow(grid, 1, isRatio) ? 1 : 0;
  const ratios = new Map<TierAssumption, number | null>();
  for (let r = start; r < grid.length; r++) {
    const [name, rawRatio] = [cellValue(grid[r][0] ?? null), cellValue(grid[r][1] ?? null)];
    if (isBlank(name) && isBlank(rawRatio)) continue;
    const tier = typeof name === "string" ? tiers.byTierName(name) : undefined;
    if (!tier) return locate(Errors.unknownTier(name, tiers.names), what, grid, r, 0);
    if (isNone(rawRatio)) {
      ratios.set(tier, null);
      continue;
    }
    const ratio = parseNumber(rawRatio, "Ratio");
    if (ratio === null) return locate(Errors.blankRequired("Ratio"), what, grid, r, 1);
    if (ratio instanceof CsError) return locate(ratio, what, grid, r, 1);
    if (!(ratio > 0)) return locate(Errors.ratioNotPositive("Ratio", ratio), what, grid, r, 1);
    ratios.set(tier, ratio);
  }
  return { kind: "byTier", ratios };
}

function isNone(raw: unknown): boolean {
  return typeof raw === "string" && raw.trim().toLowerCase() === "none";
}
