/**
 * From the rows of an export to everything the layout needs, the same way
 * for both front ends: find the columns (or the question to ask), read the
 * accounts (furniture set aside, the locale applied, currencies, contract
 * rows, statuses, activity dates), list the rows left out, and reconcile the
 * plan with the file.
 */
import { Assumptions } from "../core/assumptions/types";
import { PlanMessages } from "./messages";
import {
  ColumnQuestion,
  convertedBesideRecordCurrency,
  detectColumns,
  ExportCell,
  ExportColumns,
  headerText,
  headerWords,
  isAssociationHeader,
} from "./columns";
import { currencyCode } from "./currency";
import { isoDate } from "../core/dates";
import { PlanInput } from "./layout";
import { ExportLocale, LocaleQuestion } from "./locale";
import { CellFormats } from "./number-formats";
import { CellSet } from "./formula-cells";
import { Furniture, TotalFormulas } from "./furniture";
import { finishReading, startReading } from "./reading";
import { reconcile } from "./reconcile";
import { currencySetting, describeSkipped, readAccounts } from "./rows";

export interface PrepareOptions {
  /** The ACV column the user named (--acv-column, or the pane's answer). */
  acvColumn?: string;
  assumptions: Assumptions;
  asOf: number;
  source: string;
  /** Row number of rows[0] (1 for a file). */
  firstRowNumber?: number;
  /** How the export writes numbers and dates (--locale, or the pane's answer). */
  locale?: ExportLocale;
  /** A CSV's delimiter, a hint for the locale. */
  delimiter?: string;
  /** Each row is its own account: rows with the same ID or name are not combined. */
  rowsAreAccounts?: boolean;
  /** Plan rows of every status, not only customers. */
  allStatuses?: boolean;
  /** The cells' number formats that show a currency (an .xlsx's), by the rows' indexes. */
  numberFormats?: CellFormats;
  /** An .xlsx's cells whose formula totals their column (a table's totals row), by the rows' indexes. */
  totalFormulas?: TotalFormulas;
  /** An .xlsx's formula cells saved without a result, by the rows' indexes. */
  uncalculated?: CellSet;
  /** Merged ranges (rows as the file numbers them, columns from 1): Excel shows the top-left value across each. */
  merges?: readonly { top: number; left: number; bottom: number; right: number }[];
}

/**
 * An account name or ID merged down over several rows (a contract's lines
 * under one account) is shown by Excel on each of them, but stored in the top
 * row only: each row below is given that name, so it is read as the account's
 * row, not as an unnamed account of its own. Amounts are never copied.
 */
function fillMergedKeys(
  rows: ExportCell[][],
  columns: ExportColumns,
  merges: NonNullable<PrepareOptions["merges"]>,
  firstRowNumber: number
): void {
  const keys = [columns.name, columns.accountId].filter((c): c is number => c !== null);
  for (const m of merges) {
    const top = m.top - firstRowNumber;
    const bottom = Math.min(m.bottom - firstRowNumber, rows.length - 1);
    if (bottom <= top || top <= columns.headerRow) continue;
    const shown = rows[top]?.[m.left - 1] ?? null;
    if (shown === null || (typeof shown === "string" && shown.trim() === "")) continue;
    for (const c of keys) {
      if (c < m.left - 1 || c > m.right - 1) continue;
      for (let r = top + 1; r <= bottom; r++) if ((rows[r][c] ?? null) === null) rows[r][c] = shown;
    }
  }
}

export type Prepared =
  | { ok: true; input: PlanInput }
  | { ok: false; question: ColumnQuestion }
  | { ok: false; localeQuestion: LocaleQuestion }
  | { ok: false; error: string; skipped?: PlanInput["accounts"]["skipped"] };

/**
 * The header Excel writes over a pivot table's rows in compact form (its
 * default layout), in English, German, French and Spanish: a group's row
 * there carries the group's total, above the accounts it totals.
 */
const COMPACT_PIVOT_HEADERS = new Set([
  "row labels",
  "zeilenbeschriftungen",
  "etiquettes de lignes",
  "etiquetas de fila",
]);

/**
 * Whether the export is a grouped (summary) report: it has group lines or
 * subtotals, not only a grand total. Such a report writes a group's label
 * once, on its first row.
 */
function groupedReport(furniture: Furniture): boolean {
  const subtotals = furniture.byKind.total - (furniture.grandTotalRow === null ? 0 : 1);
  return furniture.byKind.group > 0 || subtotals > 0;
}

/**
 * A converted ACV column (already in the organisation's currency) beside the
 * records' own currency column: the first row whose record currency is not
 * the plan's, which reading would convert a second time; null when none is.
 */
function recordCurrencyOfConverted(
  rows: readonly ExportCell[][],
  columns: ExportColumns,
  plan: string
): { code: string; row: number } | null {
  if (columns.currency === null || !convertedBesideRecordCurrency(columns)) return null;
  for (let r = columns.headerRow + 1; r < rows.length; r++) {
    const code = currencyCode(rows[r][columns.currency] ?? null);
    if (code !== null && code !== plan) return { code, row: r };
  }
  return null;
}

/**
 * A HubSpot deal associated with several companies ("5012345001;5012345003"
 * in "Associated Company IDs"): planned as it is, it would be an account of
 * its own, and its ACV would be missing from each company. The first such
 * row and how many there are; null when none.
 */
function dealOfSeveralCompanies(
  rows: readonly ExportCell[][],
  columns: ExportColumns
): { column: number; value: string; row: number; rows: number } | null {
  const column = columns.accountId ?? columns.name;
  if (column === null || !isAssociationHeader(columns.headers[column])) return null;
  let first: { value: string; row: number } | null = null;
  let count = 0;
  for (let r = columns.headerRow + 1; r < rows.length; r++) {
    const cell = rows[r][column];
    if (typeof cell !== "string" || !cell.includes(";")) continue;
    if (cell.split(";").filter((part) => part.trim() !== "").length < 2) continue;
    first ??= { value: cell.trim(), row: r };
    count++;
  }
  return first === null ? null : { column, ...first, rows: count };
}

/** The rows are typed in place by the export's locale (the caller's copy, read once). */
export function preparePlan(rows: ExportCell[][], options: PrepareOptions): Prepared {
  const firstRowNumber = options.firstRowNumber ?? 1;
  const detected = detectColumns(rows, options.acvColumn, firstRowNumber);
  if (!detected.ok)
    return "question" in detected ? { ok: false, question: detected.question } : detected;
  const { columns } = detected;
  if (options.merges !== undefined) fillMergedKeys(rows, columns, options.merges, firstRowNumber);
  const pivot = columns.headers.find((h) => COMPACT_PIVOT_HEADERS.has(headerWords(h)));
  if (pivot !== undefined) return { ok: false, error: PlanMessages.compactPivot(pivot) };
  if (rows.length <= columns.headerRow + 1) return { ok: false, error: PlanMessages.noDataRows() };
  const shared = options.rowsAreAccounts === true ? null : dealOfSeveralCompanies(rows, columns);
  if (shared !== null)
    return {
      ok: false,
      error: PlanMessages.severalCompanies(
        columns.headers[shared.column],
        shared.value,
        shared.row + firstRowNumber,
        shared.rows
      ),
    };
  const recordCurrency = recordCurrencyOfConverted(rows, columns, options.assumptions.currency);
  if (recordCurrency !== null)
    return {
      ok: false,
      error: PlanMessages.convertedWithRecordCurrency(
        columns.headers[columns.acv],
        columns.headers[columns.currency ?? 0],
        recordCurrency.code,
        recordCurrency.row + firstRowNumber,
        options.assumptions.currency
      ),
    };
  const started = startReading(rows, columns, {
    ...options,
    planCurrency: options.assumptions.currency,
  });
  if (!started.ok) return started;
  const { reading } = started;
  const currency = { plan: options.assumptions.currency, fx: options.assumptions.fx };
  const accounts = readAccounts(rows, columns, firstRowNumber, {
    setAside: reading.furniture.rows,
    currency,
    rowsAreAccounts: options.rowsAreAccounts,
    allStatuses: options.allStatuses,
    asOf: options.asOf,
    ...(options.numberFormats ? { numberFormats: options.numberFormats } : {}),
    ...(options.uncalculated ? { uncalculated: options.uncalculated } : {}),
    groupedReport: groupedReport(reading.furniture),
  });
  const repeated = accounts.repeated;
  if (repeated !== null) {
    const label = columns.name ?? columns.accountId;
    return {
      ok: false,
      error: PlanMessages.repeatedAcv(
        columns.headers[columns.acv],
        label === null ? "" : headerText(rows[repeated.row][label] ?? null),
        repeated.row + firstRowNumber,
        repeated.rows,
        repeated.acv,
        repeated.accounts
      ),
    };
  }
  const successive = accounts.successive;
  if (successive !== null && columns.startDate !== null) {
    const label = columns.name ?? columns.accountId;
    const at = (r: number) => r + firstRowNumber;
    return {
      ok: false,
      error: PlanMessages.successiveTerms(
        label === null ? "" : headerText(rows[successive.earlierRow][label] ?? null),
        columns.headers[columns.startDate],
        {
          row: at(successive.earlierRow),
          start: isoDate(successive.earlierStart),
          months: successive.earlierMonths,
        },
        { row: at(successive.laterRow), start: isoDate(successive.laterStart) },
        successive.accounts
      ),
    };
  }
  if (accounts.rows.length === 0) {
    return accounts.skipped.length === 0
      ? { ok: false, error: PlanMessages.noDataRows() }
      : {
          ok: false,
          error: PlanMessages.noUsableRows(
            accounts.skipped.length,
            describeSkipped(accounts.skipped[0])
          ),
          skipped: accounts.skipped,
        };
  }
  finishReading(reading, rows, columns, accounts, firstRowNumber, {
    setting: currencySetting(columns, currency),
    formats: options.numberFormats,
  });
  return {
    ok: true,
    input: {
      rows,
      columns,
      accounts,
      reading,
      assumptions: options.assumptions,
      asOf: options.asOf,
      source: options.source,
      reconciliation: reconcile(accounts, options.assumptions, options.asOf, reading.setAside),
    },
  };
}
