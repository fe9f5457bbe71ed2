/**
 * The account rows of an export and the rows left out of the plan. An ACV
 * that cannot be read, is negative or is blank is never guessed and never
 * dropped silently: the row is listed with its row number (as the
 * spreadsheet numbers it, the header being row 1 when it is the first line),
 * its value and the reason, and counted. Rows with no value at all are not
 * accounts (blank lines) and are passed over.
 */
import { CsError, PlanMessages } from "../core/errors";
import { roundCents } from "../core/money";
import { parseAmount } from "../core/values";
import { ExportCell, ExportColumns } from "./columns";

export interface SkippedRow {
  /** The row number as the file or sheet shows it. */
  row: number;
  /** The ACV cell as it was in the export. */
  value: ExportCell;
  reason: string;
}

/** How many skipped rows the summaries list (command line and pane); the workbook has them all. */
export const SKIPPED_SHOWN = 20;

/** One skipped row for people: `row 7 (ACV "see contract"): <reason>`, as the sheet numbers it. */
export function describeSkipped(skipped: SkippedRow): string {
  const value = skipped.value === null ? "blank" : JSON.stringify(skipped.value);
  return `row ${skipped.row} (ACV ${value}): ${skipped.reason}`;
}

export interface PlanAccounts {
  /** 0-based indexes (into the export's rows) of the accounts planned, in export order. */
  rows: Int32Array;
  /** Their annual ACV as read (MRR x 12 when confirmed), in the same order. */
  acv: Float64Array;
  skipped: SkippedRow[];
}

function isEmptyRow(row: readonly ExportCell[]): boolean {
  return row.every((cell) => cell === null || (typeof cell === "string" && cell.trim() === ""));
}

/**
 * Reads every row under the header. `firstRowNumber` is the row number of
 * rows[0] (1 for a file; the selection's first row in Excel). Rows in
 * `setAside` (report furniture, 0-based) are neither planned nor listed.
 */
export function readAccounts(
  rows: readonly ExportCell[][],
  columns: ExportColumns,
  firstRowNumber = 1,
  setAside: ReadonlySet<number> = new Set()
): PlanAccounts {
  const count = Math.max(0, rows.length - columns.headerRow - 1);
  const indexes = new Int32Array(count);
  const acvs = new Float64Array(count);
  const skipped: SkippedRow[] = [];
  let kept = 0;
  for (let r = columns.headerRow + 1; r < rows.length; r++) {
    if (setAside.has(r)) continue;
    const row = rows[r];
    const raw = row[columns.acv] ?? null;
    const amount = parseAmount(raw);
    let reason: string | null = null;
    if (amount === null) {
      if (isEmptyRow(row)) continue;
      reason = PlanMessages.skipBlank();
    } else if (amount instanceof CsError) reason = amount.message;
    else if (amount < 0) reason = PlanMessages.skipNegative(amount);
    if (reason !== null || amount === null || amount instanceof CsError) {
      skipped.push({ row: r + firstRowNumber, value: raw, reason: reason ?? "" });
      continue;
    }
    indexes[kept] = r;
    // MRR x 12 rounded to the cent: 1234.56 x 12 is 14814.720000000001 in binary.
    acvs[kept] = columns.acvIsMrr ? roundCents(amount * 12) : amount;
    kept++;
  }
  return { rows: indexes.slice(0, kept), acv: acvs.slice(0, kept), skipped };
}
