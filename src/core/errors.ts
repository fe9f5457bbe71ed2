/**
 * The errors a CS function returns, for the people who read them in a cell
 * (and for the command line, which shows the same values). The other
 * audiences' messages sit next to their code: the stored assumptions in
 * core/assumptions/messages.ts, planning an export in plan/messages.ts, the
 * task pane in taskpane/messages.ts. The helpers here (show, fmt, plural,
 * quoteList) keep the wording of all of them alike.
 *
 * Excel shows a custom message only for #VALUE! and #N/A, so those are the
 * only two kinds: VALUE for a value that cannot be read or is out of range,
 * NA for an unknown tier, segment, role, plan or key.
 */
export type ErrorKind = "VALUE" | "NA";

export class CsError {
  readonly kind: ErrorKind;
  readonly message: string;
  constructor(kind: ErrorKind, message: string) {
    this.kind = kind;
    this.message = message;
  }
  /** The Excel spelling of the error, e.g. "#VALUE!". */
  get code(): "#VALUE!" | "#N/A" {
    return this.kind === "VALUE" ? "#VALUE!" : "#N/A";
  }
  toString(): string {
    return `${this.code} ${this.message}`;
  }
}

export function isCsError(value: unknown): value is CsError {
  return value instanceof CsError;
}

const valueError = (message: string): CsError => new CsError("VALUE", message);
const notFound = (message: string): CsError => new CsError("NA", message);

/** Shows a raw input the way the user typed it, quoted and cut short. */
export function show(value: unknown): string {
  if (typeof value === "string") {
    const text = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(text);
  }
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value === null || value === undefined) return "(blank)";
  return "(an unreadable value)";
}

// Made once: toLocaleString with options builds this formatter on every call (a skipped row's message each).
const messageNumbers = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });

/** Formats a number for a message: thousands separators, at most 4 decimals. */
export function fmt(value: number): string {
  return messageNumbers.format(value);
}

/** "1 row", "2 rows": a count and its noun. */
export const plural = (n: number, one: string, many = `${one}s`) =>
  `${fmt(n)} ${n === 1 ? one : many}`;

/** Names quoted and listed: "ACV", "ARR". */
export const quoteList = (names: readonly string[]) =>
  names.map((n) => JSON.stringify(n)).join(", ");

/** The largest amount of money the functions compute with: beyond it, cents are lost in binary. */
export const MAX_AMOUNT = 1e15;

export const Errors = {
  // Reading values
  notAnAmount: (raw: unknown) =>
    valueError(
      `${show(raw)} is not an amount. Use a number such as 80000, "$80,000", "80k" or "1.2M".`
    ),
  notAFraction: (what: string, raw: unknown) =>
    valueError(
      `${what} ${show(raw)} is not a percentage. Use a fraction such as 0.95 or text such as "95%".`
    ),
  notANumber: (what: string, raw: unknown) => valueError(`${what} ${show(raw)} is not a number.`),
  notADate: (what: string, raw: unknown) =>
    valueError(
      `${what} ${show(raw)} is not a date. Use a date cell or ISO text such as "2026-01-15".`
    ),
  notABoolean: (what: string, raw: unknown) =>
    valueError(`${what} ${show(raw)} is not TRUE or FALSE.`),
  notText: (what: string, raw: unknown) => valueError(`${what} ${show(raw)} is not text.`),
  blankRequired: (what: string) => valueError(`${what} is blank.`),
  dataTypeWithoutValue: (what: string, type: string, text: string | null) =>
    valueError(
      `${what} is a data type (${type}${text ? ` ${JSON.stringify(text)}` : ""}) with no number or text to read; refer to one of its fields instead, e.g. =A2.Price.`
    ),
  errorInInput: (what: string, code: string | null = null) =>
    valueError(`${what} is ${code ?? "an error value"}; fix that cell first.`),
  negativeAmount: (what: string, value: number) =>
    valueError(`${what} ${fmt(value)} is negative; it must be 0 or more.`),
  negativeFraction: (what: string, value: number) =>
    valueError(`${what} ${fmt(value)} is negative; it must be 0% or more.`),
  grrAbove100: (value: number) =>
    valueError(
      `GRR ${fmt(value)} is above 100%, which gross retention cannot be. Give it as a fraction (0.95) or as "95%".`
    ),
  fractionTooLarge: (what: string, value: number, limit: number) =>
    valueError(
      `${what} ${fmt(value)} means ${fmt(value * 100)}%, above the ${fmt(limit * 100)}% this accepts. Give it as a fraction (1.12) or as "112%".`
    ),
  fractionAbove100: (what: string, value: number) =>
    valueError(`${what} ${fmt(value)} is above 100%; give it as a fraction (0.85) or as "85%".`),
  nrrBelowGrr: (nrr: number, grr: number) =>
    valueError(
      `NRR ${fmt(nrr)} is below GRR ${fmt(grr)}; net retention includes expansion, so it cannot be below gross retention.`
    ),
  contraction: (value: number) =>
    valueError(
      `Amount ${fmt(value)} is negative: a contraction is not an expansion and earns no credit.`
    ),
  amountTooLarge: (raw: unknown) =>
    valueError(
      `${show(raw)} is above the largest amount the functions compute with (${fmt(MAX_AMOUNT)}); beyond it, sums cannot be kept to the cent.`
    ),
  notFinite: () =>
    valueError(
      "The result is too large or too small to show as a number; check the inputs for values far out of range."
    ),
  ratioNotPositive: (what: string, value: number) =>
    valueError(`${what} ${fmt(value)} must be more than 0 accounts per person.`),

  // Ranges
  atPosition: (error: CsError, position: string) =>
    new CsError(error.kind, `${position}: ${error.message}`),
  shapesDoNotMatch: (
    what: string,
    rows: number,
    cols: number,
    expectRows: number,
    expectCols: number
  ) =>
    valueError(
      `${what} is ${rows}x${cols} but the other ranges are ${expectRows}x${expectCols}; give one value or a range of the same size.`
    ),
  tierRangeShape: (cols: number) =>
    valueError(`The tiers range has ${cols} column(s); it needs two: tier name, then minimum ACV.`),
  duplicateTier: (name: string) => valueError(`Tier ${JSON.stringify(name)} is listed twice.`),
  duplicateMinAcv: (a: string, b: string, minAcv: number) =>
    valueError(
      `Tiers ${JSON.stringify(a)} and ${JSON.stringify(b)} have the same minimum ACV ${fmt(minAcv)}.`
    ),
  emptyTierTable: () => valueError("The tier table is empty."),
  belowLowestTier: (acv: number, lowest: number) =>
    notFound(`ACV ${fmt(acv)} is below the lowest tier minimum ${fmt(lowest)}, so it has no tier.`),

  // Names
  unknownTier: (raw: unknown, known: readonly string[]) =>
    notFound(`There is no tier named ${show(raw)}. Tiers: ${known.join(", ")}.`),
  // #N/A, as an unknown name: in an acv_or_tier cell, text that is not an amount is a tier name.
  unknownTierOrAmount: (raw: unknown, known: readonly string[]) =>
    notFound(
      `There is no tier named ${show(raw)}, and it is not an amount such as "$80,000". Tiers: ${known.join(", ")}.`
    ),
  unknownTierSegmentOrAmount: (
    raw: unknown,
    tiers: readonly string[],
    segments: readonly string[]
  ) =>
    notFound(
      `There is no tier or segment named ${show(raw)}, and it is not an amount such as "$80,000". Tiers: ${tiers.join(", ")}; segments: ${segments.join(", ")}.`
    ),
  unknownSegment: (raw: unknown, known: readonly string[]) =>
    notFound(`There is no segment or tier named ${show(raw)}. Segments: ${known.join(", ")}.`),
  unknownRole: (raw: unknown, known: readonly string[]) =>
    notFound(`There is no role named ${show(raw)}. Roles: ${known.join(", ")}.`),
  unknownPlan: (raw: unknown, known: readonly string[]) =>
    notFound(`There is no payout plan named ${show(raw)}. Plans: ${known.join(", ")}.`),
  unknownPart: (raw: unknown, known: readonly string[]) =>
    notFound(`There is no part named ${show(raw)}. Parts: ${known.join(", ")}.`),
  noFxRate: (code: string, currency: string) =>
    notFound(
      `There is no exchange rate for ${code}; set one with fx.${code} (units of ${currency} per 1 ${code}).`
    ),
  unknownKey: (raw: unknown) =>
    notFound(
      `There is no assumption named ${show(raw)}. Keys look like "tier.Strategic.csm_ratio" or "payout.grr_floor".`
    ),

  // Assumptions
  badAssumptionValue: (key: string, raw: unknown, expected: string) =>
    valueError(`Assumption ${key} cannot be ${show(raw)}: ${expected}.`),
  payoutCurveOutOfOrder: (floor: number, target: number, stretch: number) =>
    valueError(
      `The GRR payout curve needs floor < target < stretch, but it is ${fmt(floor)} / ${fmt(target)} / ${fmt(stretch)}; fix the assumptions.`
    ),
  incompleteAssumptions: (what: string) => valueError(`The assumptions do not define ${what}.`),

  // Segmentation, headcount, coverage plan
  notATierName: (raw: unknown, known: readonly string[]) =>
    valueError(`${show(raw)} is not a tier name. Tiers: ${known.join(", ")}.`),
  roleDoesNotApply: (tier: string, role: string) =>
    notFound(
      `Tier ${tier} has no accounts-per-${role} ratio ("none"): the ${role} role does not cover ${tier} accounts.`
    ),
  noMaxBook: (tier: string) =>
    notFound(
      `Tier ${tier} has no accounts-per-CSM ratio ("none"), so a CSM has no book size there.`
    ),
  roleRatioRangeShape: (cols: number, role: string) =>
    valueError(
      `The ratios range has ${cols} column(s); give one number, or two columns: tier, then accounts per ${role}.`
    ),

  // Capacity, books, planning, ramp and hiring
  notPositive: (what: string, value: number) =>
    valueError(`${what} ${fmt(value)} must be more than 0.`),
  notOneValue: (what: string, rows: number, cols: number) =>
    valueError(`${what} is a ${rows}x${cols} range; give one value.`),
  hoursAboveWeek: (value: number) =>
    valueError(`Hours per week ${fmt(value)} is more than the 168 hours in a week.`),
  noTimePerAccount: (touches: number, minutes: number) =>
    valueError(
      `${fmt(touches)} touch(es) a month of ${fmt(minutes)} minute(s) is no time per account, so there is no limit to the accounts a CSM could carry. Give touches and minutes above 0.`
    ),
  notABookSize: (raw: unknown) =>
    valueError(
      `Book size ${show(raw)} is not a number of accounts (or a book ARR such as "$2.5M").`
    ),
  noBooks: () =>
    valueError("book_sizes has no book sizes (every cell is blank); give one size per CSM."),
  noCsmRatio: (tier: string) =>
    notFound(
      `Tier ${tier} has no accounts-per-CSM ratio ("none"), so it sets no book size; give a number.`
    ),
  noAccountsInBook: () =>
    valueError("tiers has no accounts (every cell is blank); give the book's tiers or ACVs."),
  rampAbove100: (month: number, value: number) =>
    valueError(
      `Ramp month ${month} ${fmt(value)} is above 100%: productivity is a fraction from 0 to 1, such as 0.5 or "50%".`
    ),
  emptyRamp: () => valueError('The ramp is empty; give fractions such as "0,0.5,0.5".'),
  blankRampMonth: (month: number) =>
    valueError(`Ramp month ${month} is blank; give its productivity, 0 or more.`),
  rampShape: (rows: number, cols: number) =>
    valueError(
      `The ramp is a ${rows}x${cols} range; give text such as "0,0.5,0.5" or one row or column of fractions.`
    ),
  noStartDates: (cells: number) =>
    valueError(
      `start_dates has ${fmt(cells)} cell(s) and all are blank. A blank start date counts a fully ramped CSM, but a roster with no dates at all is more likely the wrong range; give the start dates (or use COUNTA for a fully ramped team).`
    ),
  notWholeMonths: (what: string, value: number) =>
    valueError(`${what} ${fmt(value)} is not a whole number of months, 0 or more.`),
  blankPlanMonth: (month: number) =>
    valueError(`Month ${month} is blank; give the FTE required that month (0 if none).`),
  noPlanMonths: () =>
    valueError("required_by_month has no months; give the FTE required in months 1, 2, 3, ..."),

  // Targets, OTE, clawback, coverage quality, assumption readers
  notASegmentName: (raw: unknown) =>
    valueError(
      `${show(raw)} is not a segment or tier name. Give a name such as "Enterprise" or "Pooled"; for an ACV, use CS.SEGMENT first.`
    ),
  unknownOteRole: (raw: unknown, roles: readonly string[], segments: readonly string[]) =>
    notFound(
      `There is no role named ${show(raw)} in the OTE table. Roles: ${roles.join(", ")}; a segment (${segments.join(", ")}) stands for its CSM role.`
    ),
  tierIsNotARole: (raw: unknown, segment: string, roles: readonly string[]) =>
    notFound(
      `${show(raw)} is a tier, not a role; pay is set per role (${roles.join(", ")}). Its segment is ${segment}: CS.OTE(${JSON.stringify(segment)}) gives that segment's CSM role.`
    ),
  zeroOte: (role: string) =>
    valueError(
      `The OTE of ${role} is 0, so its variable mix cannot be computed; fix the assumptions.`
    ),
  churnBeforeBooking: (churn: string, booking: string) =>
    valueError(
      `Churn date ${churn} is before booking date ${booking}; an account cannot churn before the expansion was booked. Check the two dates.`
    ),
  notWholeDays: (what: string, value: number) =>
    valueError(`${what} ${fmt(value)} is not a whole number of days, 0 or more.`),
  touchAfterAsOf: (touch: string, asOf: string) =>
    valueError(
      `Last touch ${touch} is after as_of ${asOf}: it is a scheduled activity or the export is newer than as_of, so coverage as of ${asOf} cannot be known. Use the export date as as_of, or clear future-dated touches.`
    ),
  noSlaAccounts: (accounts: number, withoutSla: readonly string[]) =>
    notFound(
      `None of the ${fmt(accounts)} account(s) is in a tier with a touch SLA${withoutSla.length > 0 ? ` (no SLA: ${withoutSla.join(", ")})` : ""}, so there is no coverage to measure.`
    ),
  notOneDate: (what: string, rows: number, cols: number) =>
    valueError(`${what} is a ${rows}x${cols} range; give one date.`),
  unknownTable: (raw: unknown, known: readonly string[]) =>
    notFound(`There is no assumptions table named ${show(raw)}. Tables: ${known.join(", ")}.`),
} as const;
