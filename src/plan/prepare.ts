/**
 * From the rows of an export to everything the layout needs, the same way
 * for both front ends: find the columns (or the question to ask), read the
 * accounts (currencies, contract rows, statuses, activity dates), list the
 * rows left out, and reconcile the plan with the file.
 */
import { Assumptions } from "../core/assumptions/types";
import { ExportPlanMessages, PlanMessages } from "../core/errors";
import { ColumnQuestion, detectColumns, ExportCell } from "./columns";
import { PlanInput } from "./layout";
import { reconcile } from "./reconcile";
import { describeSkipped, readAccounts } from "./rows";

export interface PrepareOptions {
  /** The ACV column the user named (--acv-column, or the pane's answer). */
  acvColumn?: string;
  assumptions: Assumptions;
  asOf: number;
  source: string;
  /** Row number of rows[0] (1 for a file). */
  firstRowNumber?: number;
  /** Each row is its own account: rows with the same ID or name are not combined. */
  rowsAreAccounts?: boolean;
  /** Plan rows of every status, not only customers. */
  allStatuses?: boolean;
  /** Rows the reader set aside as report furniture (titles, totals, footers). */
  rowsSetAside?: number;
}

export type Prepared =
  | { ok: true; input: PlanInput }
  | { ok: false; question: ColumnQuestion }
  | { ok: false; error: string; skipped?: PlanInput["accounts"]["skipped"] };

export function preparePlan(rows: readonly ExportCell[][], options: PrepareOptions): Prepared {
  const firstRowNumber = options.firstRowNumber ?? 1;
  const detected = detectColumns(rows, options.acvColumn, firstRowNumber);
  if (!detected.ok)
    return "question" in detected ? { ok: false, question: detected.question } : detected;
  const { columns } = detected;
  if (rows.length <= columns.headerRow + 1) return { ok: false, error: PlanMessages.noDataRows() };
  const accounts = readAccounts(rows, columns, firstRowNumber, {
    currency: { plan: options.assumptions.currency, fx: options.assumptions.fx },
    rowsAreAccounts: options.rowsAreAccounts,
    allStatuses: options.allStatuses,
    asOf: options.asOf,
  });
  if (accounts.rows.length === 0) {
    return accounts.skipped.length === 0
      ? { ok: false, error: PlanMessages.noDataRows() }
      : {
          ok: false,
          error: ExportPlanMessages.noUsableRows(
            accounts.skipped.length,
            describeSkipped(accounts.skipped[0])
          ),
          skipped: accounts.skipped,
        };
  }
  return {
    ok: true,
    input: {
      rows,
      columns,
      accounts,
      assumptions: options.assumptions,
      asOf: options.asOf,
      source: options.source,
      reconciliation: reconcile(
        accounts,
        options.assumptions,
        options.asOf,
        options.rowsSetAside ?? 0
      ),
    },
  };
}
