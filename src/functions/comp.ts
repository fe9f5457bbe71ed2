/**
 * Compensation functions (MODEL.md §5-6): expansion credit and CSM variable pay.
 */
import { PAYOUT_PLANS, PayoutPlan, SegmentAssumption } from "../core/assumptions/types";
import { clawback as computeClawback } from "../core/clawback";
import { readDay } from "../core/dates";
import { CsError, Errors } from "../core/errors";
import {
  aeCredit,
  creditBand,
  CreditPart,
  csmCredit,
  CSM_SHARE,
  LEADS,
  splitPart,
} from "../core/expansion";
import { Model, resolveSegment } from "../core/model";
import { roundCents } from "../core/money";
import { payoutMultipleFor, variablePayout as computePayout } from "../core/payout";
import {
  cellValue,
  inputError,
  isBlank,
  isErrorValue,
  parseAmount,
  parseFraction,
  parseNumber,
} from "../core/values";
import {
  elementwise,
  isCellRow,
  optional,
  OUTPUT,
  required,
  SKIP,
  unread,
  whole,
} from "./elementwise";
import { asGrid, Cell, cellAt, Grid, isSingle, Shape, width } from "./grid";
import {
  isPlainAmount,
  readNonNegativeAmount,
  readNonNegativeFraction,
  readOptionalText,
} from "./read-amounts-and-tiers";

const SPLIT_PARTS: readonly CreditPart[] = ["csm", "ae", "lead"];

/**
 * How an expansion's incremental ARR is credited between CSM and AE (S4 §3): below $25,000 CSM-owned (100% CSM), $25,000 to $100,000 inclusive CSM-led (70/30), above AE-led (30/70). Credits are in dollars to the cent and always add up to the amount.
 * @customfunction EXPANSION_SPLIT
 * @param amount Incremental ARR of the expansion: a number or text such as "$60,000"; or a range of them. Negative amounts (contraction) are errors.
 * @param [part] Optional: "csm" or "ae" for that credit in dollars, "lead" for who leads. Omitted: two cells, CSM credit then AE credit.
 * @returns CSM and AE credit side by side for each amount, or the part asked for.
 * @example =CS.EXPANSION_SPLIT(60000) -> [[42000,18000]]
 * @example =CS.EXPANSION_SPLIT("$150k", "lead") -> "AE-led, CSM co-credit"
 */
export function expansionSplit(amount: any[][], part?: any): any[][] {
  return EXPANSION_SPLIT(amount, part);
}

const EXPANSION_SPLIT = elementwise({
  id: "EXPANSION_SPLIT",
  params: [
    // A blank amount gives blank credits. Negative amounts go through to the
    // core, which names them as contractions.
    optional("amount", readExpansionAmount, SKIP),
    whole("part", readPart),
  ],
  errorsAt: "amount",
  // Omitted part: two cells per amount, CSM credit then AE credit (engine/shapes.ts sizes it so).
  cellsPerInput: ([, chosen]) => (chosen === null ? 2 : 1),
  compute: ([amount, chosen], model, _r, _c, part) =>
    splitPart(amount, model.assumptions.expansion, chosen ?? (part === 0 ? "csm" : "ae")),
  // A plain number of 0 or more (nearly every cell of a column) is split without the
  // readers: splitPart's arithmetic, so the same cents.
  plainColumn: ([amounts], [, chosen], model, out) => {
    if (amounts === null) return false;
    const bands = model.assumptions.expansion;
    const shares = CSM_SHARE.map((share) => share(bands));
    if (chosen === null) {
      // The usual call, both credits: its own loop, the band's share chosen without an array.
      const [owned, led, aeLed] = shares;
      for (let r = 0; r < out.length; r++) {
        const row = amounts[r];
        if (!isCellRow(row)) return false;
        const raw = row[0];
        if (!isPlainAmount(raw)) continue;
        const band = creditBand(raw, bands);
        const csm = csmCredit(raw, band === 0 ? owned : band === 1 ? led : aeLed);
        out[r] = [csm, aeCredit(raw, csm)];
      }
      return true;
    }
    for (let r = 0; r < out.length; r++) {
      const row = amounts[r];
      if (!isCellRow(row)) return false;
      const raw = row[0];
      if (!isPlainAmount(raw)) continue;
      const band = creditBand(raw, bands);
      if (chosen === "lead") {
        out[r] = LEAD_ROWS[band];
        continue;
      }
      const csm = csmCredit(raw, shares[band]);
      out[r] = chosen === "csm" ? [csm] : [aeCredit(raw, csm)];
    }
    return true;
  },
});

/**
 * One output row per lead, frozen and shared by every row of that band (no
 * allocation per row); safe because nothing writes to a result (see elementwise).
 */
const LEAD_ROWS: readonly unknown[][] = LEADS.map((lead) => Object.freeze([lead]) as unknown[]);

function readExpansionAmount(raw: unknown): number | null | CsError {
  const value = cellValue(raw);
  return isErrorValue(value) ? inputError("Amount", value) : parseAmount(value);
}

/** The part asked for, or null when omitted or blank. */
function readPart(arg: unknown): CreditPart | null | CsError {
  const text = readOptionalText(arg, "part");
  if (text === null || text instanceof CsError) return text;
  return SPLIT_PARTS.find((p) => p === text.toLowerCase()) ?? Errors.unknownPart(text, SPLIT_PARTS);
}

/** Fractions above this are almost surely percentages typed without "%" (112 for 112%). */
const PERCENT_FORM_LIMIT = 5;

function readRetention(raw: unknown, what: "GRR" | "NRR"): number | CsError {
  const value = readNonNegativeFraction(raw, what);
  if (value === null) return Errors.blankRequired(what);
  if (value instanceof CsError) return value;
  if (what === "GRR" && value > 1) return Errors.grrAbove100(value);
  if (value > PERCENT_FORM_LIMIT) return Errors.fractionTooLarge(what, value, PERCENT_FORM_LIMIT);
  return value;
}

/** One MBO attainment cell: a fraction from 0 to the percent-form limit; null for a blank. */
function readOneMbo(raw: unknown): number | null | CsError {
  raw = cellValue(raw);
  if (isErrorValue(raw)) return inputError("MBO attainment", raw);
  if (isBlank(raw)) return null;
  const value = parseFraction(raw, "MBO attainment");
  if (value === null || value instanceof CsError) return value;
  if (value < 0) return Errors.negativeFraction("MBO attainment", value);
  if (value > PERCENT_FORM_LIMIT)
    return Errors.fractionTooLarge("MBO attainment", value, PERCENT_FORM_LIMIT);
  return value;
}

/** The average of the non-blank MBO attainments in a row of them. */
function readMboRow(values: readonly unknown[]): number | CsError {
  let sum = 0;
  let count = 0;
  for (const raw of values) {
    const value = readOneMbo(raw);
    if (value instanceof CsError) return value;
    if (value === null) continue;
    sum += value;
    count++;
  }
  return count === 0 ? Errors.blankRequired("MBO attainment") : sum / count;
}

/**
 * Where the MBO of output cell (r, c) comes from: the cell itself when mbo
 * has the output's shape (or is one value); otherwise a row of MBOs averaged
 * (one row per output row, or one row for all), or the whole range averaged
 * for a single result. "rows": a column result with one row of mbo per
 * output row (Excel's usual call: a column of one MBO each), each row
 * averaged as it is read, which for a row of one cell is that cell.
 * Measuring the range first (cell or row?) would be a pass over a million
 * rows, and both read a one-cell row alike.
 */
type MboSource =
  | { kind: "cell"; grid: Grid }
  | { kind: "row"; at: (r: number) => readonly unknown[] }
  | { kind: "rows"; rows: readonly unknown[] };

function mboSource(arg: unknown, out: Shape): MboSource | CsError {
  if (out.cols === 1 && out.rows > 1 && Array.isArray(arg) && arg.length === out.rows)
    return { kind: "rows", rows: arg };
  const mbo = asGrid(arg) ?? [[null]];
  const rows = mbo.length;
  const cols = width(mbo);
  if (isSingle(mbo) || (rows === out.rows && cols === out.cols)) return { kind: "cell", grid: mbo };
  if (out.rows === 1 && out.cols === 1) return { kind: "row", at: () => mbo.flat() };
  if (out.cols === 1 && rows === 1) return { kind: "row", at: () => mbo[0] };
  return Errors.shapesDoNotMatch("mbo", rows, cols, out.rows, out.cols);
}

/** Row r of a "rows" MBO source, read as asGrid reads a range: a value that is not a row is a row of one. */
function mboRowAt(rows: readonly unknown[], r: number): readonly unknown[] {
  const row = rows[r];
  return Array.isArray(row) ? row : [row];
}

function readSegment(model: Model, raw: unknown): SegmentAssumption | CsError {
  raw = cellValue(raw);
  if (isErrorValue(raw)) return inputError("Segment", raw);
  if (isBlank(raw)) return resolveSegment(model, "Mid-Market");
  if (typeof raw !== "string") return Errors.notText("Segment", raw);
  return resolveSegment(model, raw);
}

/**
 * readSegment for every cell of one call, remembering each segment text
 * already resolved: a column of a million rows holds a handful of segment
 * names, and resolving one folds its case and spaces.
 */
function segmentReader(model: Model): (raw: unknown) => SegmentAssumption | CsError {
  const known = new Map<unknown, SegmentAssumption | CsError>();
  return (raw) => {
    if (raw !== null && raw !== undefined && typeof raw !== "string")
      return readSegment(model, raw);
    let segment = known.get(raw);
    if (segment === undefined) {
      segment = readSegment(model, raw);
      known.set(raw, segment);
    }
    return segment;
  };
}

function readPlan(raw: unknown): PayoutPlan | CsError {
  const text = readOptionalText(raw, "plan");
  if (text instanceof CsError) return text;
  if (text === null) return "standard";
  const plan = PAYOUT_PLANS.find((p) => p === text.toLowerCase());
  return plan ?? Errors.unknownPlan(text, PAYOUT_PLANS);
}

/**
 * A CSM's variable payout from three pools (S4 §1): GRR on a curve (90% floor 0.5x, segment target 1.0x, 98% stretch 1.5x), expansion (NRR minus GRR against the segment's expansion target, capped at 1.5x, or 1.0x when EBR completion is below 80%) and MBO (0-100%). Standard plan weights 45/35/20, PLG 25/50/25.
 * @customfunction VARIABLE_PAYOUT
 * @param grr Gross revenue retention of the book, as 0.95 or "95%"; or a range of them.
 * @param nrr Net revenue retention of the book, as 1.12 or "112%"; at least GRR.
 * @param mbo MBO attainment, as 0.9 or "90%"; or a row of MBO attainments, which are averaged.
 * @param [segment] Optional: Enterprise, Mid-Market (default) or SMB, or a tier name.
 * @param [ebr_completion] Optional: share of planned EBRs held; below 80% caps the expansion pool at 1.0x.
 * @param [target_variable] Optional: the target variable pay in dollars; the result is then in dollars.
 * @param [plan] Optional: "standard" (default) or "plg".
 * @returns The payout multiple (1.0 = on target), or dollars when target_variable is given.
 * @example =CS.VARIABLE_PAYOUT(0.95, 1.12, 0.9) -> 0.97
 * @example =CS.VARIABLE_PAYOUT("97%", "125%", 1, "Enterprise", 0.9, 45000) -> 52875
 */
export function variablePayout(
  grr: any[][],
  nrr: any[][],
  mbo: any[][],
  segment?: any[][],
  ebr_completion?: any[][],
  target_variable?: any[][],
  plan?: any
): any[][] {
  return VARIABLE_PAYOUT(grr, nrr, mbo, segment, ebr_completion, target_variable, plan);
}

/**
 * VARIABLE_PAYOUT's parameters: grr, nrr, segment, EBR and target broadcast
 * cell by cell; mbo may be a row of attainments averaged per output cell,
 * so it never widens the result. The cells are read by payoutCell, in the
 * order of its checks: the blank rule (GRR, NRR and MBO all blank) and
 * NRR-at-least-GRR span several parameters. An error names the output
 * cell's position (it may come from any of the ranges).
 */
const VARIABLE_PAYOUT = elementwise({
  id: "VARIABLE_PAYOUT",
  params: [
    unread("grr"),
    unread("nrr"),
    whole("mbo", (arg, _model, shape) => mboSource(arg, shape)),
    unread("segment"),
    unread("ebr_completion"),
    unread("target_variable"),
    whole("plan", payoutCall),
  ],
  errorsAt: OUTPUT,
  compute: ([grr, nrr, mbo, segment, ebr, target, call], _model, r, c) =>
    payoutCell(call, grr, nrr, mbo, r, c, segment, ebr, target),
  plainColumn: ([grr, nrr, , segment, ebr, target], [, , mbo, , , , call], _model, out) => {
    // Only without segment, EBR and target arguments, with one MBO per row or one for all.
    const fast = call.plain;
    if (fast === null || grr === null || nrr === null) return false;
    if (segment !== null || ebr !== null || target !== null) return false;
    const mc = mbo.kind === "rows" ? mbo.rows : null;
    if (mc === null && (mbo.kind !== "cell" || !isSingle(mbo.grid))) return false;
    const gc = isSingle(grr) ? null : grr;
    const nc = isSingle(nrr) ? null : nrr;
    const g0 = grr[0][0];
    const n0 = nrr[0][0];
    const m0 = mc === null && mbo.kind === "cell" ? mbo.grid[0][0] : null;
    for (let r = 0; r < out.length; r++) {
      let rawGrr = g0;
      let rawNrr = n0;
      let rawMbo = m0;
      if (gc !== null) {
        const row = gc[r];
        if (!isCellRow(row)) return false;
        rawGrr = row[0];
      }
      if (nc !== null) {
        const row = nc[r];
        if (!isCellRow(row)) return false;
        rawNrr = row[0];
      }
      // A row of several MBOs is averaged by payoutCell; it does not change the call's shape.
      if (mc !== null) {
        const row = mc[r];
        rawMbo = isCellRow(row) ? row[0] : null;
      }
      // Plain numbers in range (nearly every row) skip the readers; anything else,
      // blank or out of range included, goes through payoutCell for its message.
      if (
        typeof rawGrr === "number" &&
        typeof rawNrr === "number" &&
        typeof rawMbo === "number" &&
        rawGrr >= 0 &&
        rawGrr <= 1 &&
        rawNrr >= rawGrr &&
        rawNrr <= PERCENT_FORM_LIMIT &&
        rawMbo >= 0 &&
        rawMbo <= PERCENT_FORM_LIMIT
      )
        out[r] = [fast(rawGrr + 0, rawNrr + 0, rawMbo + 0)];
    }
    return true;
  },
});

/** The plan and what else stays the same for every cell of one call. */
function payoutCall(arg: unknown, model: Model): PayoutCall | CsError {
  const plan = readPlan(arg);
  if (plan instanceof CsError) return plan;
  const segmentOf = segmentReader(model);
  const segment = segmentOf(null);
  // The multiple of plain numbers under the default segment; null when the segment or
  // the curve cannot be used, so that every row goes through payoutCell and shows why.
  const plain =
    segment instanceof CsError
      ? null
      : payoutMultipleFor(segment, null, plan, model.assumptions.payout);
  return { model, plan, segmentOf, plain };
}

/** What stays the same for every cell of one VARIABLE_PAYOUT call. */
interface PayoutCall {
  model: Model;
  plan: PayoutPlan;
  segmentOf: (raw: unknown) => SegmentAssumption | CsError;
  plain: ((grr: number, nrr: number, mbo: number) => number) | null;
}

function payoutCell(
  inputs: PayoutCall,
  rawGrr: unknown,
  rawNrr: unknown,
  mboFor: MboSource,
  r: number,
  c: number,
  rawSegment: unknown,
  rawEbr: unknown,
  rawTarget: unknown
): Cell {
  const mboCell = mboFor.kind === "cell" ? cellAt(mboFor.grid, r, c) : null;
  const mboRow =
    mboFor.kind === "row" ? mboFor.at(r) : mboFor.kind === "rows" ? mboRowAt(mboFor.rows, r) : null;
  const mboBlank = mboRow ? mboRow.every(isBlank) : isBlank(mboCell);
  if (isBlank(rawGrr) && isBlank(rawNrr) && mboBlank) return null;
  const grr = readRetention(rawGrr, "GRR");
  if (grr instanceof CsError) return grr;
  const nrr = readRetention(rawNrr, "NRR");
  if (nrr instanceof CsError) return nrr;
  if (nrr < grr) return Errors.nrrBelowGrr(nrr, grr);
  const mbo = mboRow
    ? readMboRow(mboRow)
    : (readOneMbo(mboCell) ?? Errors.blankRequired("MBO attainment"));
  if (mbo instanceof CsError) return mbo;
  const segment = inputs.segmentOf(rawSegment);
  if (segment instanceof CsError) return segment;
  const ebr = readNonNegativeFraction(rawEbr, "EBR completion");
  if (ebr instanceof CsError) return ebr;
  if (ebr !== null && ebr > 1) return Errors.fractionAbove100("EBR completion", ebr);
  const target = readNonNegativeAmount(rawTarget, "Target variable");
  if (target instanceof CsError) return target;
  const result = computePayout(
    { grr, nrr, mbo, segment, ebrCompletion: ebr, plan: inputs.plan },
    inputs.model.assumptions.payout
  );
  if (result instanceof CsError) return result;
  return target === null ? result.multiple : roundCents(result.multiple * target);
}

function readWindowDays(raw: unknown): number | null | CsError {
  raw = cellValue(raw);
  if (isErrorValue(raw)) return inputError("window_days", raw);
  const value = parseNumber(raw, "window_days");
  if (value === null || value instanceof CsError) return value;
  return Number.isInteger(value) && value >= 0 ? value : Errors.notWholeDays("window_days", value);
}

/**
 * The expansion credit to claw back (S4 FAQ): the whole credit when the account churns within the window after the booking date (default 90 days; day 90 is within, day 91 is not), otherwise 0. A blank churn date means no churn (0); a blank credit gives a blank; a churn before the booking is #VALUE!.
 * @customfunction CLAWBACK
 * @param credit The expansion credit paid, in dollars: a number or text such as "$17,500"; or a range of them.
 * @param booking_date The date the expansion was booked: a date or ISO text such as "2026-01-15"; or a range.
 * @param churn_date The date the account churned: a date or ISO text; blank when it has not churned; or a range.
 * @param [window_days] Optional: the clawback window in whole days after booking; the workbook's clawback.window_days (90) when omitted.
 * @returns The credit to claw back (to the cent), or 0, in the shape of the ranges given.
 * @example =CS.CLAWBACK(17500, "2026-01-15", "2026-04-15") -> 17500
 * @example =CS.CLAWBACK(17500, "2026-01-15", "2026-04-16") -> 0
 * @example =CS.CLAWBACK("$17,500", "2026-01-15", "") -> 0
 */
export function clawback(
  credit: any[][],
  booking_date: any[][],
  churn_date: any[][],
  window_days?: any[][]
): any[][] {
  return CLAWBACK(credit, booking_date, churn_date, window_days);
}

const CLAWBACK = elementwise({
  id: "CLAWBACK",
  params: [
    // A blank credit gives a blank: nothing was paid.
    optional("credit", (raw) => readNonNegativeAmount(raw, "Credit"), SKIP),
    required("booking_date", "Booking date", (raw) => readDay(raw, "Booking date")),
    // A blank churn date: the account has not churned.
    optional("churn_date", (raw): number | null | CsError => readDay(raw, "Churn date"), null),
    optional("window_days", readWindowDays, null),
  ],
  // The churn date is what a clawback can find wrong (a churn before the booking).
  errorsAt: "churn_date",
  compute: ([credit, booking, churn, days], model) =>
    computeClawback(credit, booking, churn, days ?? model.assumptions.clawback.window_days),
});
