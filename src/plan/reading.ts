/**
 * Reading an export once its header row and columns are known, the same for
 * the command and the pane: report furniture set aside (furniture.ts), text
 * typed in the export's locale (locale.ts), and afterwards the export's own
 * record count and grand total checked against what was read.
 */
import { CurrencySetting, dollarOf } from "./currency";
import { ExportCell, ExportColumns } from "./columns";
import { describeFurniture, findFurniture, Furniture, reconcile, TotalFormulas } from "./furniture";
import { identifierColumns, keepIdentifiersText } from "./identifiers";
import { applyLocale, ExportLocale, LocaleQuestion } from "./locale";
import { CellFormats } from "./number-formats";
import { PlanAccounts, readRowMoney } from "./rows";

/** What reading the export found besides the accounts: for the summary and the reconciliation block. */
export interface ExportReading {
  furniture: Furniture;
  /** Rows under the header set aside as report furniture (totals, counts, grouping, footer lines). */
  setAside: number;
  /** One line describing them, or null when there were none. */
  setAsideNote: string | null;
  /** The export's figures that disagree with what was read (record count, grand total). */
  warnings: string[];
  /** Text cells converted to numbers or dates by the column's locale. */
  converted: number;
}

export interface ReadingOptions {
  locale?: ExportLocale;
  /** A CSV's delimiter (a comma-delimited file does not use the decimal comma). */
  delimiter?: string;
  /** An .xlsx's cells whose formula totals their column: their rows are total rows. */
  totalFormulas?: TotalFormulas;
  /** Row number of rows[0] (1 for a file). */
  firstRowNumber?: number;
  /** The plan's currency: in one that is not a dollar, a "$" amount is foreign. */
  planCurrency?: string;
}

/** Excel's limit on a cell's text: a longer one makes Excel repair the plan workbook on opening. */
export const EXCEL_MAX_CELL_TEXT = 32_767;

/**
 * Cuts texts under the header longer than a cell holds (a CRM's long notes
 * field) to Excel's limit, in place: the plan workbook copies every column,
 * and Excel would open it only after a repair. A warning says which.
 */
function cutLongTexts(
  rows: ExportCell[][],
  columns: ExportColumns,
  firstRowNumber: number
): string | null {
  let cut = 0;
  let first = "";
  for (let r = columns.headerRow + 1; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (typeof cell !== "string" || cell.length <= EXCEL_MAX_CELL_TEXT) continue;
      if (cut++ === 0)
        first = `row ${r + firstRowNumber}, column ${JSON.stringify(columns.headers[c] ?? "")}, ${cell.length.toLocaleString("en-US")} characters`;
      row[c] = cell.slice(0, EXCEL_MAX_CELL_TEXT);
    }
  }
  return cut === 0
    ? null
    : `${cut.toLocaleString("en-US")} ${cut === 1 ? "cell holds" : "cells hold"} more text than an Excel cell can (32,767 characters); the plan workbook keeps the first 32,767 of each (first: ${first})`;
}

export type ReadingStart =
  | { ok: true; reading: ExportReading }
  | { ok: false; localeQuestion: LocaleQuestion }
  | { ok: false; error: string };

/**
 * Sets aside the furniture and types the columns' text in their locale, in
 * place. The ACV and last-activity columns are the ones whose reading must
 * not be guessed: an ambiguous one is a question.
 */
export function startReading(
  rows: ExportCell[][],
  columns: ExportColumns,
  options: ReadingOptions
): ReadingStart {
  const furniture = findFurniture(rows, columns, options.totalFormulas);
  const identifiers = identifierColumns(rows, columns);
  // The columns whose reading decides what is planned: the ACV, the last touch, a contract's end.
  // (A start date only tells renewals apart: one that cannot be read is passed over.)
  const critical = [columns.acv, columns.lastActivity, columns.endDate].filter(
    (c): c is number => c !== null
  );
  const locale = applyLocale(rows, {
    from: columns.headerRow + 1,
    critical,
    headers: columns.headers,
    text: identifiers,
    amounts: [columns.acv],
    dollarsAreForeign:
      options.planCurrency !== undefined && dollarOf(options.planCurrency) !== options.planCurrency,
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
  });
  if (!locale.ok)
    return "question" in locale ? { ok: false, localeQuestion: locale.question } : locale;
  keepIdentifiersText(rows, identifiers, columns.headerRow + 1);
  const cutNote = cutLongTexts(rows, columns, options.firstRowNumber ?? 1);
  return {
    ok: true,
    reading: {
      furniture,
      setAside: furniture.rows.size,
      setAsideNote: describeFurniture(furniture),
      warnings: cutNote === null ? [] : [cutNote],
      converted: locale.converted,
    },
  };
}

/** How the export's amounts are read: the plan currency, its rates, the cells' number formats. */
export interface MoneySource {
  setting: CurrencySetting;
  formats: CellFormats | undefined;
}

/** After the accounts are read: the export's own totals against them. */
export function finishReading(
  reading: ExportReading,
  rows: readonly ExportCell[][],
  columns: ExportColumns,
  accounts: PlanAccounts,
  firstRowNumber: number,
  money: MoneySource
): void {
  const totalRow = reading.furniture.grandTotalRow;
  let planned = 0;
  for (const acv of accounts.acv) planned += acv;
  reading.warnings.push(
    ...reconcile(
      reading.furniture,
      rows,
      columns,
      {
        // Rows, not accounts: rows of one account combined still count as the export's records.
        accountRows: accounts.rowsRead,
        plannedArr: planned,
        plannedContractValue: accounts.plannedContractValue,
        skipped: accounts.skipped.length,
      },
      () => {
        // The grand total as the accounts are read: one in another currency (its format,
        // text, currency column or header) cannot be checked to the cent, so it is not.
        if (totalRow === null) return null;
        const read = readRowMoney(rows, totalRow, columns, money.setting, money.formats);
        return read !== null && read.ok && read.code === money.setting.plan ? read.amount : null;
      },
      firstRowNumber
    )
  );
}

/**
 * Rows hidden in the sheet (filtered out by an AutoFilter or a table's
 * filter, collapsed in an outline, hidden by hand) are read like the others,
 * as Excel's SUM and pivot tables read them; the user, who does not see
 * them, is told (by the command and by the pane alike).
 */
export function hiddenRowsWarning(rows: readonly number[]): string | undefined {
  if (rows.length === 0) return undefined;
  if (rows.length === 1)
    return `row ${rows[0]} is hidden in the sheet (filtered out or hidden by hand) and was read like the others; delete it from the export if its account should not be planned`;
  const shown = rows.slice(0, 5).join(", ");
  const list =
    rows.length > 5 ? `${shown} and ${(rows.length - 5).toLocaleString("en-US")} more` : shown;
  return `${rows.length.toLocaleString("en-US")} rows (${list}) are hidden in the sheet (filtered out or hidden by hand) and were read like the others; delete from the export the rows of accounts that should not be planned`;
}
