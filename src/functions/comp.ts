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
  csmCredit,
  CSM_SHARE,
  ExpansionCredit,
  expansionSplit as splitCredit,
  LEADS,
} from "../core/expansion";
import { Model, resolveSegment } from "../core/model";
import { roundCents } from "../core/money";
import { payoutMultipleFor, variablePayout as computePayout } from "../core/payout";
import {
  errorCodeOf,
  isBlank,
  isErrorValue,
  parseAmount,
  parseFraction,
  parseNumber,
} from "../core/values";
import {
  asGrid,
  broadcastShape,
  Cell,
  cellAt,
  fill,
  Grid,
  isSingle,
  locate,
  Shape,
  shapePosition,
  width,
} from "./grid";
import { declareParams, elementwise, optional, required, SKIP, whole } from "./elementwise";
import { gridToHost, toHost, withModel } from "./host";
import {
  isPlainAmount,
  readNonNegativeAmount,
  readNonNegativeFraction,
  readOptionalText,
} from "./read";

const SPLIT_PARTS = ["csm", "ae", "lead"] as const;
type SplitPart = (typeof SPLIT_PARTS)[number];

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
  return withModel((model) => {
    const amounts = asGrid(amount) ?? [[null]];
    const shape = { rows: amounts.length, cols: width(amounts) };
    const partText = readOptionalText(part, "part");
    const chosen =
      typeof partText === "string"
        ? SPLIT_PARTS.find((p) => p === partText.toLowerCase())
        : undefined;
    if (partText instanceof CsError || (typeof partText === "string" && !chosen)) {
      const error =
        partText instanceof CsError ? partText : Errors.unknownPart(partText, SPLIT_PARTS);
      return gridToHost(
        fill(chosen || partText !== null ? shape : { ...shape, cols: shape.cols * 2 }, error)
      );
    }
    const bands = model.assumptions.expansion;
    const shares = CSM_SHARE.map((share) => share(bands));
    const creditAt = (raw: unknown, r: number, c: number): ExpansionCredit | CsError | null => {
      // Negative amounts go through to the core, which names them as contractions.
      const value = isErrorValue(raw)
        ? Errors.errorInInput("Amount", errorCodeOf(raw))
        : parseAmount(raw);
      if (value === null) return null;
      if (value instanceof CsError) return locate(value, "amount", amounts, r, c);
      const credit = splitCredit(value, bands);
      return credit instanceof CsError ? locate(credit, "amount", amounts, r, c) : credit;
    };
    // One pass, each output row written once (no intermediate grid of credits).
    const out: unknown[][] = new Array(amounts.length);
    if (shape.cols === 1) {
      // The usual call, a column of amounts: row literals are packed arrays, much cheaper than new Array(n).
      // A plain amount (nearly every cell) is split without a credit object; the same
      // arithmetic as the core's expansionSplit, so the same cents.
      for (let r = 0; r < amounts.length; r++) {
        const raw = amounts[r].length > 0 ? amounts[r][0] : null;
        if (isPlainAmount(raw)) {
          const band = creditBand(raw, bands);
          if (chosen === "lead") {
            out[r] = LEAD_ROWS[band];
            continue;
          }
          const csm = csmCredit(raw, shares[band]);
          if (chosen === undefined) out[r] = [csm, aeCredit(raw, csm)];
          else out[r] = chosen === "csm" ? [csm] : [aeCredit(raw, csm)];
          continue;
        }
        const credit = creditAt(raw, r, 0);
        out[r] = chosen
          ? [toHost(pickCredit(credit, chosen))]
          : [toHost(pickCredit(credit, "csm")), toHost(pickCredit(credit, "ae"))];
      }
      return out;
    }
    for (let r = 0; r < amounts.length; r++) {
      const row = amounts[r];
      const outRow: unknown[] = new Array(chosen ? shape.cols : shape.cols * 2);
      for (let c = 0; c < shape.cols; c++) {
        const credit = creditAt(c < row.length ? row[c] : null, r, c);
        if (chosen) {
          outRow[c] = toHost(pickCredit(credit, chosen));
        } else {
          outRow[2 * c] = toHost(pickCredit(credit, "csm"));
          outRow[2 * c + 1] = toHost(pickCredit(credit, "ae"));
        }
      }
      out[r] = outRow;
    }
    return out;
  });
}

// EXPANSION_SPLIT reads its column itself (two cells per amount); its spill rule is in engine/shapes.ts.
declareParams("EXPANSION_SPLIT", [
  optional("amount", (raw) => parseAmount(raw), SKIP),
  whole("part", (arg) => readOptionalText(arg, "part")),
]);

/**
 * One output row per lead, frozen and shared by every row of that band (no
 * allocation per row); safe because nothing writes to a result (see TIER).
 */
const LEAD_ROWS: readonly unknown[][] = LEADS.map((lead) => Object.freeze([lead]) as unknown[]);

function pickCredit(credit: ExpansionCredit | CsError | null, which: SplitPart): Cell {
  if (credit === null) return null;
  if (credit instanceof CsError) return credit;
  return which === "lead" ? credit.lead : credit[which];
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
  if (isErrorValue(raw)) return Errors.errorInInput("MBO attainment", errorCodeOf(raw));
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
 * for a single result.
 */
type MboSource =
  | { kind: "cell"; at: (r: number, c: number) => unknown }
  | { kind: "row"; at: (r: number) => readonly unknown[] };

function mboSource(mbo: Grid, out: Shape): MboSource | CsError {
  const rows = mbo.length;
  const cols = width(mbo);
  if (isSingle(mbo) || (rows === out.rows && cols === out.cols))
    return { kind: "cell", at: (r, c) => cellAt(mbo, r, c) };
  if (out.rows === 1 && out.cols === 1) return { kind: "row", at: () => mbo.flat() };
  if (out.cols === 1 && (rows === out.rows || rows === 1))
    return { kind: "row", at: (r) => mbo[rows === 1 ? 0 : r] };
  return Errors.shapesDoNotMatch("mbo", rows, cols, out.rows, out.cols);
}

function readSegment(model: Model, raw: unknown): SegmentAssumption | CsError {
  if (isErrorValue(raw)) return Errors.errorInInput("Segment", errorCodeOf(raw));
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
  return withModel((model) => {
    const g = asGrid(grr) ?? [[null]];
    const n = asGrid(nrr) ?? [[null]];
    const m = asGrid(mbo) ?? [[null]];
    const s = asGrid(segment ?? null);
    const e = asGrid(ebr_completion ?? null);
    const t = asGrid(target_variable ?? null);
    const shape = broadcastShape(
      [g, n, m, s, e, t].flatMap((grid, i) =>
        PAYOUT_PARAMS[i].kind === "cell" ? [{ name: PAYOUT_PARAMS[i].name, grid }] : []
      )
    );
    if (shape instanceof CsError) return gridToHost([[shape]]);
    const mboFor = mboSource(m, shape);
    if (mboFor instanceof CsError) return gridToHost(fill(shape, mboFor));
    const payoutPlan = readPlan(plan);
    if (payoutPlan instanceof CsError) return gridToHost(fill(shape, payoutPlan));
    const inputs: PayoutReaders = { model, plan: payoutPlan, segmentOf: segmentReader(model) };
    const single = shape.rows === 1 && shape.cols === 1;
    const out: unknown[][] = new Array(shape.rows);
    const hostCell = (r: number, c: number): unknown => {
      const cell = payoutCell(
        inputs,
        cellAt(g, r, c),
        cellAt(n, r, c),
        mboFor,
        r,
        c,
        s ? cellAt(s, r, c) : null,
        e ? cellAt(e, r, c) : null,
        t ? cellAt(t, r, c) : null
      );
      return toHost(
        cell instanceof CsError && !single
          ? Errors.atPosition(cell, `${shapePosition(shape, r, c)} of the range`)
          : cell
      );
    };
    // The usual call is one column: a row literal built from its value is a
    // packed array (numbers unboxed), much cheaper than new Array(n) filled later.
    if (shape.cols === 1) {
      const fast =
        mboFor.kind === "cell" && s === null && e === null && t === null
          ? plainPayout(inputs)
          : null;
      if (fast === null) {
        for (let r = 0; r < shape.rows; r++) out[r] = [hostCell(r, 0)];
        return out;
      }
      const column = (grid: Grid) => (isSingle(grid) ? null : grid);
      const [gc, nc, mc] = [column(g), column(n), column(m)];
      const [g0, n0, m0] = [g[0][0], n[0][0], m[0][0]];
      for (let r = 0; r < shape.rows; r++) {
        const rawGrr = gc === null ? g0 : gc[r][0];
        const rawNrr = nc === null ? n0 : nc[r][0];
        const rawMbo = mc === null ? m0 : mc[r][0];
        // Plain numbers in range (nearly every row) skip the readers; anything else,
        // blank or out of range included, goes through them for its message.
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
        ) {
          out[r] = [fast(rawGrr + 0, rawNrr + 0, rawMbo + 0)];
        } else out[r] = [hostCell(r, 0)];
      }
      return out;
    }
    for (let r = 0; r < shape.rows; r++) {
      const outRow: unknown[] = new Array(shape.cols);
      for (let c = 0; c < shape.cols; c++) outRow[c] = hostCell(r, c);
      out[r] = outRow;
    }
    return out;
  });
}

/**
 * The multiple of a row of plain numbers with the segment and plan of the
 * whole call (no segment, EBR or target argument): null when the segment or
 * the curve cannot be used, so that every row goes through payoutCell and
 * shows why.
 */
function plainPayout(inputs: PayoutReaders): ((g: number, n: number, m: number) => number) | null {
  const segment = inputs.segmentOf(null);
  if (segment instanceof CsError) return null;
  return payoutMultipleFor(segment, null, inputs.plan, inputs.model.assumptions.payout);
}

/**
 * VARIABLE_PAYOUT's parameters: the ones that broadcast cell by cell, and
 * mbo, which may be a row of attainments averaged per output cell and so
 * never widens the result. The function reads its cells itself (a fast path
 * for plain numbers); the declaration sizes its spill in the engine.
 */
const PAYOUT_PARAMS = [
  required("grr", "GRR", (raw) => readRetention(raw, "GRR")),
  required("nrr", "NRR", (raw) => readRetention(raw, "NRR")),
  whole("mbo", (arg) => asGrid(arg) ?? [[null]]),
  optional("segment", (raw, model) => readSegment(model, raw), null),
  optional("ebr_completion", (raw) => readNonNegativeFraction(raw, "EBR completion"), null),
  optional("target_variable", (raw) => readNonNegativeAmount(raw, "Target variable"), null),
  whole("plan", readPlan),
] as const;
declareParams("VARIABLE_PAYOUT", PAYOUT_PARAMS);

/** What stays the same for every cell of one VARIABLE_PAYOUT call. */
interface PayoutReaders {
  model: Model;
  plan: PayoutPlan;
  segmentOf: (raw: unknown) => SegmentAssumption | CsError;
}

function payoutCell(
  inputs: PayoutReaders,
  rawGrr: unknown,
  rawNrr: unknown,
  mboFor: MboSource,
  r: number,
  c: number,
  rawSegment: unknown,
  rawEbr: unknown,
  rawTarget: unknown
): Cell {
  const mboCell = mboFor.kind === "cell" ? mboFor.at(r, c) : null;
  const mboRow = mboFor.kind === "row" ? mboFor.at(r) : null;
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
  if (isErrorValue(raw)) return Errors.errorInInput("window_days", errorCodeOf(raw));
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
