/**
 * Every error a CS function or the CLI can report, in one place, so the
 * wording stays consistent and can be reviewed (and translated) at once.
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

  // --- segmentation, headcount, coverage plan (add here) ---
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

  // --- capacity, books, planning, ramp and hiring (add here) ---
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

  // --- targets, OTE, clawback, coverage quality, assumption readers (add here) ---
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

// ---------------------------------------------------------------------------
// The workbook's stored assumptions and scenarios (task pane, workbook settings).

/** How long CS functions wait for the pane's page to read the workbook's assumptions. */
export const loadTimeoutSeconds = 30;

export const StoreMessages = {
  tooLarge: (chars: number, max: number) =>
    `The stored assumptions are ${fmt(chars)} characters, more than the ${fmt(max)} CS Coverage reads; another tool may have written them.`,
  notJson: (detail: string) =>
    `The stored assumptions are not valid JSON (${detail.replace(/^SyntaxError: /, "")}).`,
  notAStore: () =>
    `The workbook setting holds something other than CS Coverage assumptions (no "format": "cs-coverage-workbook").`,
  badVersion: (version: unknown) =>
    `The stored assumptions have store_version ${show(version)}; it must be a whole number from 1.`,
  newerStore: (version: number) =>
    `These assumptions were saved by a newer CS Coverage (store version ${version}). They are shown read-only and the CS functions do not use them until the add-in is updated; export them to keep a copy.`,
  newerScenario: (scenario: string, version: number) =>
    `Scenario ${scenario} was saved by a newer CS Coverage (schema version ${version}). The workbook's assumptions are shown read-only and the CS functions do not use them until the add-in is updated; export them to keep a copy.`,
  noScenarios: () => `The stored assumptions have no scenarios; there must be at least one.`,
  tooManyScenarios: (count: number, max: number) =>
    `There would be ${count} scenarios; a workbook holds at most ${max}. Remove one first.`,
  notAScenario: () => `A stored scenario is not an object with a name and assumptions.`,
  activeMissing: (active: unknown, first: string) =>
    `The active scenario ${show(active)} is not among the stored scenarios, so ${first} is active.`,
  blankScenarioName: () => `Give the scenario a name.`,
  longScenarioName: (max: number) => `A scenario name has at most ${max} characters.`,
  scenarioExists: (name: string) =>
    `There is already a scenario named ${JSON.stringify(name)} (names match ignoring case); choose another name.`,
  noSuchScenario: (name: string) => `There is no scenario named ${JSON.stringify(name)}.`,
  lastScenario: (name: string) =>
    `${name} is the only scenario; a workbook always has one. Add another before removing it.`,
  /** What every CS function shows while the workbook's assumptions cannot be used. */
  functionsWaiting: (reason: string) =>
    `CS Coverage cannot use this workbook's assumptions: ${reason} Open the CS Coverage pane to export or replace them.`,
  loadTimedOut: (seconds: number) =>
    `the task-pane page did not load them within ${seconds} seconds.`,
} as const;

// ---------------------------------------------------------------------------
// The task pane's assumption fields.

const EXPECTED_BY_KIND: Record<string, string> = {
  amount: 'an amount in dollars, such as 250000 or "$250k"',
  ceiling: 'an ARR amount such as "$4M", or "none" for no ceiling',
  ratio: 'a number of accounts per person, such as 30, or "none" when the role does not apply',
  days: "a whole number",
  months: "a whole number",
  percent: 'a percentage such as "95%" (or 0.95)',
  multiple: 'a multiple such as "1.5x" (or 1.5)',
  number: "a number",
  rate: 'an exchange rate above 0, such as 1.08 (or "none" to remove it)',
};

export const FormMessages = {
  expected: (kind: string, none = false) =>
    kind === "days" && none
      ? 'a whole number of days, or "none"'
      : (EXPECTED_BY_KIND[kind] ?? "a value"),
  unreadable: (key: string, text: string, expected: string) =>
    text.trim() === ""
      ? `${key} is empty; it needs ${expected}.`
      : `${key}: ${show(text)} is not ${expected}.`,
} as const;

// ---------------------------------------------------------------------------
// The task pane's messages (status line and message bars).

const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

export const PaneMessages = {
  outsideExcel: () =>
    "Not in Excel: this is a preview. Changes are kept in this page only, and there are no formulas to recalculate.",
  unreadable: () =>
    "This workbook's stored assumptions cannot be used, so every CS formula shows #N/A with the reason. The editor shows the tiered-2027 defaults: Apply saves them and keeps the stored text in the workbook as a backup; Export stored original saves a copy now.",
  presetNote: (preset: string) =>
    `Started from the ${preset} preset. Marked values differ from it.`,
  problems: (count: number) =>
    `${plural(count, "problem")} to fix before Apply; each is shown next to its value.`,
  unapplied: () => "Changes not applied yet: the CS functions still use the applied assumptions.",
  notInPreset: (preset: string) => `Not in the ${preset} preset.`,
  presetValue: (preset: string, value: string) => `The ${preset} preset has ${value}.`,
  tiersReordered: () => "Tiers put in order of minimum ACV (not applied yet).",
  tiersInOrder: () => "The tiers are already in order of minimum ACV.",
  tierRemoved: (name: string) => `Tier ${name} removed (not applied yet).`,
  discarded: () => "Changes discarded: showing the assumptions in force.",
  reset: (preset: string) => `Reset to the ${preset} preset (not applied yet).`,
  applied: (scenario: string) => `Applied to scenario ${scenario}.`,
  recalculated: (count: number, where: "workbook" | "page") =>
    where === "page"
      ? "Outside Excel there are no formulas to recalculate."
      : count === 0
        ? "There are no CS formulas in this workbook yet."
        : `Recalculated ${plural(count, "CS formula")}.`,
  originalKept: () =>
    "The unreadable text the workbook held is kept in its own setting (cs-coverage.kept-original).",
  saveFailed: (detail: string) => `Could not save the assumptions in the workbook: ${detail}`,
  applyFirst: () => "Apply or discard your changes first.",
  switched: (scenario: string) => `Scenario ${scenario} is active.`,
  newScenarioLabel: () => "Name of the new scenario (a copy of the one in force)",
  renameLabel: () => "New name for this scenario",
  scenarioAdded: (scenario: string) => `Scenario ${scenario} added and active.`,
  scenarioRenamed: (scenario: string) => `Scenario renamed to ${scenario}.`,
  scenarioRemoved: (scenario: string) => `Scenario ${scenario} removed.`,
  exported: (scenario: string, applied: boolean) =>
    applied
      ? `Exported the applied assumptions of ${scenario} (the edits have problems, so they were not exported).`
      : `Exported the assumptions of ${scenario} as shown.`,
  exportedOriginal: () => "Exported the stored text exactly as the workbook held it.",
  importFailed: (file: string) => `${file} was not imported; nothing changed:`,
  imported: (file: string) => `Imported ${file}. Check the values, then Apply.`,
  migrated: () => "The stored assumptions were read with these notes:",
  importNotes: () => "The file was read with these notes:",
  moreProblems: (count: number) => `…and ${plural(count, "more problem")}.`,
} as const;

// ---------------------------------------------------------------------------
// Hostile input and untrusted files (issue 7): limits that keep every result finite.

/** The largest amount of money the functions compute with: beyond it, cents are lost in binary. */
export const MAX_AMOUNT = 1e15;

export const HostileErrors = {
  amountTooLarge: (raw: unknown) =>
    valueError(
      `${show(raw)} is above the largest amount the functions compute with (${fmt(MAX_AMOUNT)}); beyond it, sums cannot be kept to the cent.`
    ),
  notFinite: () =>
    valueError(
      "The result is too large or too small to show as a number; check the inputs for values far out of range."
    ),
  badRuntimeAssumptions: (detail: string) =>
    `The assumptions sent to the functions were not used (${detail}); they go on with the last good assumptions.`,
} as const;

// ---------------------------------------------------------------------------
// Issue 5: planning a CRM export (src/plan, `cs-coverage plan`, "Build coverage plan")

const quoteList = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(", ");

export const PlanMessages = {
  noHeaderRow: (scanned: number, annualRevenue: string | null) =>
    annualRevenue !== null
      ? `no ACV or ARR column found in the first ${fmt(scanned)} rows; ${JSON.stringify(annualRevenue)} is the customer's company revenue (Salesforce/HubSpot), not ACV, so it is never used. Add an ACV/ARR column or name it with --acv-column`
      : `no ACV or ARR column found in the first ${fmt(scanned)} rows (looked for headers such as ACV, ARR, Annual Contract Value, Contract Value, Subscription Amount); name the column with --acv-column`,
  ambiguousAcv: (candidates: readonly string[]) =>
    `more than one column could hold the ACV: ${quoteList(candidates)}; choose one with --acv-column`,
  mrrNeedsConfirmation: (columns: readonly string[]) =>
    `the only recurring-revenue column is monthly (${quoteList(columns)}); to plan on it multiplied by 12, confirm with --acv-column ${JSON.stringify(columns[0])}`,
  annualRevenueRefused: (column: string) =>
    `${JSON.stringify(column)} is the customer's company revenue in Salesforce and HubSpot, not ACV; it is never used as the ACV column`,
  unknownAcvColumn: (name: string, headers: readonly string[]) =>
    `--acv-column ${JSON.stringify(name)} is not a column of the header row; the columns are ${quoteList(headers)}`,
  noDataRows: () => "the export has a header row but no account rows under it",
  noUsableRows: (skipped: number) =>
    `none of the ${fmt(skipped)} account rows has a usable ACV, so there is nothing to plan (each is listed with its row number and reason)`,
  skipBlank: () => "the ACV is blank",
  skipNegative: (value: number) => `the ACV ${fmt(value)} is negative (a credit note or refund?)`,
  /** Task pane: the question asked when the ACV column is ambiguous. */
  askAcvColumn: (candidates: readonly string[]) =>
    `Which column holds the ACV? Candidates: ${quoteList(candidates)}.`,
  askMrr: (column: string) =>
    `The only recurring-revenue column is ${JSON.stringify(column)} (monthly). Plan on it multiplied by 12?`,
  cancelled: () => "Build cancelled: no ACV column was chosen.",
  selectionTooSmall: () =>
    "Select the CRM export first (its header row and at least one account row), then Build coverage plan.",
  built: (accounts: number, skipped: number) =>
    `Coverage plan built from ${plural(accounts, "account")}` +
    (skipped > 0 ? `; ${plural(skipped, "row")} left out (see the CS Skipped rows sheet).` : "."),
  repaired: (count: number) =>
    count === 0
      ? "No CS formula needed repair."
      : `Re-entered ${plural(count, "CS formula")} so Excel binds them to the add-in.`,
} as const;

// ---------------------------------------------------------------------------
// The task pane's workbook buttons: build a plan, repair, recalculate.

export const PaneActionMessages = {
  building: () => "Reading the selected export…",
  writingAccounts: (done: number, total: number) =>
    `Writing accounts: ${fmt(done)} of ${fmt(total)}…`,
  repairing: () => "Looking for CS formulas Excel did not bind…",
  recalculating: () => "Recalculating…",
  /** Progress of Repair or Recalculate, which go through every sheet a chunk of rows at a time. */
  rowsLookedAt: (which: "repair" | "recalculate", done: number, total: number) =>
    `${which === "repair" ? "Repairing" : "Recalculating"}: ${fmt(done)} of ${fmt(total)} rows looked at…`,
  recalculated: (count: number) =>
    count === 0
      ? "There are no CS formulas in this workbook yet."
      : `Recalculated ${plural(count, "CS formula")}.`,
  failed: (job: "build" | "repair" | "recalculate", detail: string) =>
    `${job === "build" ? "Could not build the coverage plan" : job === "repair" ? "Could not repair the CS formulas" : "Could not recalculate"}: ${detail}`,
  replaceSheets: (sheets: readonly string[]) =>
    `This workbook already has ${sheets.join(", ")}. Building again replaces ${sheets.length === 1 ? "that sheet" : "those sheets"}, including anything typed on ${sheets.length === 1 ? "it" : "them"}. Replace?`,
  notReplaced: () => "Nothing changed: the existing plan sheets were kept.",
  stopped: (kept: readonly string[]) =>
    kept.length === 0
      ? "Build cancelled: the sheets it had added were removed, so the workbook is as it was."
      : `Build cancelled: the sheets it had added were removed and the earlier ${kept.join(", ")} ${kept.length === 1 ? "is" : "are"} back as ${kept.length === 1 ? "it was" : "they were"}.`,
  /** The new plan is written but the earlier sheets could not be deleted. */
  earlierKept: (hidden: readonly string[]) =>
    `the earlier plan's sheets could not be deleted and are still in the workbook, hidden, as ${quoteList(hidden)}; delete them when convenient`,
  /** A Cancel or a failure whose undo failed too: where the earlier plan is. */
  notRestored: (renamed: readonly (readonly [string, string])[], detail: string) =>
    renamed.length === 0
      ? `the build stopped and the sheets it had added could not all be removed (${detail}); delete any CS sheet it left`
      : `the build stopped and the earlier plan could not be put back (${detail}); it is hidden in the workbook as ${renamed.map(([aside, name]) => `${JSON.stringify(aside)} (was ${name})`).join(", ")}: unhide and rename ${renamed.length === 1 ? "it" : "them"}`,
  cancelling: () => "Cancelling after the current chunk of rows…",
  acvColumnLabel: () => "ACV column",
  mrrColumnLabel: () => "Monthly column (x12)",
  moreSkipped: (count: number, onSheet: boolean) =>
    `…and ${plural(count, "more row")}${onSheet ? " (all on the CS Skipped rows sheet)" : ""}.`,
  storedAssumptionsUnusable: () =>
    "The workbook's stored assumptions cannot be used, so every CS formula would show #N/A. Apply assumptions first (or export the stored original), then build the plan.",
} as const;

// ---------------------------------------------------------------------------
// Real CRM exports (issue 12, planning side): currencies, contract rows,
// statuses, TCV, activity dates. Never suggests retyping an amount with "$".

const shownCell = (value: unknown) =>
  value === null || value === undefined ? "blank" : JSON.stringify(value);

export const ExportPlanMessages = {
  tcvNeedsConfirmation: (columns: readonly string[], term: string | null) =>
    term !== null
      ? `the only amount column is a whole contract's value (${quoteList(columns)}), not a year's; with the term column ${JSON.stringify(term)} the plan can use ${JSON.stringify(columns[0])} x 12 / term in months as ACV: confirm with --acv-column ${JSON.stringify(columns[0])}`
      : `the only amount column is a whole contract's or deal's value (${quoteList(columns)}), not a year's, and there is no term column to annualise it; add an ACV/ARR column, add a "Term (months)" column, or, if every contract runs 12 months, confirm with --acv-column ${JSON.stringify(columns[0])}`,
  askTcv: (column: string, term: string | null) =>
    term !== null
      ? `The only amount column is ${JSON.stringify(column)}, a whole contract's value. Plan on ${JSON.stringify(column)} x 12 / ${JSON.stringify(term)} (months) as ACV?`
      : `The only amount column is ${JSON.stringify(column)}, a whole contract's value, and there is no term column. Plan on it as ACV only if every contract runs 12 months. Use it as it is?`,
  noHeaderRow: (
    scanned: number,
    annualRevenue: string | null,
    seen: { row: number; headers: readonly string[] } | null
  ) => {
    const head = `no ACV or ARR column found in the first ${fmt(scanned)} rows`;
    const list =
      seen === null
        ? "; no row there has column headers"
        : `; the headers seen (row ${fmt(seen.row)}) are ${quoteList(seen.headers.filter((h) => h !== ""))}`;
    const revenue =
      annualRevenue !== null
        ? `; ${JSON.stringify(annualRevenue)} is the customer's company revenue (Salesforce/HubSpot), not ACV, so it is never used`
        : "";
    return `${head}${list}${revenue}. Name the ACV column with --acv-column`;
  },
  noUsableRows: (skipped: number, first: string) =>
    `none of the ${plural(skipped, "account row")} has a usable ACV, so there is nothing to plan; the first: ${first}`,
  // Currencies
  noRate: (code: string, plan: string) =>
    `the amount is in ${code} and there is no ${code} rate into ${plan}; set one with --set fx.${code}=<${plan} per 1 ${code}> (fx.${code} in the task pane), and it is converted`,
  currencyConflict: (inText: string, inColumn: string, column: string) =>
    `the amount says ${inText} but the ${JSON.stringify(column)} column says ${inColumn}; fix one of them`,
  blankCurrency: (column: string) =>
    `the ${JSON.stringify(column)} column is blank on this row, so the amount's currency is not known`,
  unknownCurrency: (value: unknown, column: string) =>
    `${shownCell(value)} in the ${JSON.stringify(column)} column is not a currency code (use a three-letter code such as EUR, GBP or JPY)`,
  unreadableForeignAmount: (value: unknown, code: string) =>
    `${shownCell(value)} is not an amount in ${code}: give it as digits, such as 80000 or 80,000`,
  ambiguousSeparators: (value: unknown) =>
    `${shownCell(value)} uses a dot or comma that could be a thousands separator or a decimal point (80.000 is 80 in one locale and 80,000 in another); it is not guessed`,
  formatCurrencyConflict: (shown: string, format: string, inColumn: string, column: string) =>
    `the amount's number format (${JSON.stringify(format)}) shows ${shown} but the ${JSON.stringify(column)} column says ${inColumn}; fix one of them`,
  unclearFormatCurrency: (format: string) =>
    `the amount's number format (${JSON.stringify(format)}) shows a currency sign the plan cannot identify (or several); give the amount a currency column (such as "Currency" = SEK) or a format with a three-letter code such as [$SEK]`,
  unknownCurrencySign: (value: unknown) =>
    `${shownCell(value)} carries a currency sign the plan cannot identify; give the amount as digits with a currency column (such as "Currency" = SEK), or convert it first`,
  // Contracts (TCV x 12 / term)
  termBlank: (column: string) =>
    `the ${JSON.stringify(column)} is blank, so the contract's value cannot be made annual`,
  termBad: (value: unknown, column: string) =>
    `the ${JSON.stringify(column)} ${shownCell(value)} is not a term in months above 0, so the contract's value cannot be made annual`,
  // Accounts over several rows
  duplicateRow: (first: number) =>
    `the same as row ${fmt(first)} in every column: counted once (an export that repeats a line?)`,
  // Statuses
  notCustomer: (status: string, column: string) =>
    `${JSON.stringify(column)} is ${JSON.stringify(status)}: not a customer (plan them too with --all-statuses)`,
} as const;
