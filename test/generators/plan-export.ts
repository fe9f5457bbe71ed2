/**
 * The shape of the planning-side hazard exports (currency.ts, contracts.ts,
 * tcv.ts, status.ts, dates.ts): the rows as a CRM writes them, the accounts
 * they truly hold (the ACV each truly pays a year, in dollars), and what the
 * plan must do with them: plan them (given some arguments), or refuse with a
 * message that names the problem, or leave named rows out with a reason.
 */
import { GeneratedCell, writeCsv, writeXlsx } from "./common";

export interface PlannedAccount {
  acv: number;
}

export type PlanOutcome =
  /** The plan of `accounts`, with `args`; rows left out must each give a reason matching `skipped`. */
  | { kind: "plan"; skipped?: { count: number; reason: RegExp }; combined?: number }
  /** Exit 2 whose message matches; with `resolvedBy` the plan of `accounts` follows. */
  | { kind: "refusal"; message: RegExp; resolvedBy?: string[] };

export interface PlanHazardExport {
  /** The hazard it shows: also the file name. */
  name: string;
  rows: GeneratedCell[][];
  /** The accounts a right plan holds, with their true ACVs (after any args). */
  accounts: PlannedAccount[];
  args?: string[];
  outcome: PlanOutcome;
  /**
   * Number formats of single .xlsx cells by address ("D5"): an amount's
   * currency shown only by its format. Such an export exists only as .xlsx
   * (a CSV has no formats).
   */
  xlsxFormats?: Record<string, string>;
}

export async function writePlanExport(
  dir: string,
  exported: PlanHazardExport,
  format: "csv" | "xlsx"
): Promise<string> {
  const file = `${dir}/${exported.name}.${format}`;
  if (format === "csv") await writeCsv(file, exported.rows);
  else
    await writeXlsx(file, [
      { name: "Export", rows: exported.rows, cellFormats: exported.xlsxFormats ?? {} },
    ]);
  return file;
}

/** Dollars to cents and back, so sums are exact. */
export const cents = (value: number): number => Math.round(value * 100) / 100;
