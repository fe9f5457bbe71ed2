/**
 * Identifiers stay text: a customer number "000417" is not the number 417,
 * and an account ID is never arithmetic. A column is an identifier column
 * when its header names one ("Account ID", "Customer Number", "Zip Code") or
 * when any of its values is digits with a leading zero; its whole numbers are
 * then written back as the text they were, so the plan's workbook shows
 * 000417 and every ID exactly as the export had it. (Letters-and-digits IDs
 * such as Salesforce's 15- and 18-character ones are text already.)
 */
import { ExportCell, ExportColumns, headerWords } from "./columns";

/** The header's last word names an identifier: "Account ID", "Customer No", "Postal Code". */
const IDENTIFIER_HEADER = /\b(?:id|ids|identifier|number|no|num|code|zip|postcode|duns|sku)$/;

/** Digits with a leading zero: "000417" (not "0", not "0.5"). */
const LEADING_ZERO = /^\s*0\d+\s*$/;

/** The columns (0-based) read as identifiers; never the ACV or last-activity column. */
export function identifierColumns(rows: readonly ExportCell[][], columns: ExportColumns): number[] {
  const found: number[] = [];
  columns.headers.forEach((header, column) => {
    if (column === columns.acv || column === columns.lastActivity) return;
    if (IDENTIFIER_HEADER.test(headerWords(header))) {
      found.push(column);
      return;
    }
    for (let r = columns.headerRow + 1; r < rows.length; r++) {
      const cell = rows[r][column];
      if (typeof cell === "string" && LEADING_ZERO.test(cell)) {
        found.push(column);
        return;
      }
    }
  });
  return found;
}

/** Whole numbers of identifier columns back to text, in place: 417 stays "417" beside "000417". */
export function keepIdentifiersText(
  rows: ExportCell[][],
  identifiers: readonly number[],
  from: number
): void {
  for (let r = from; r < rows.length; r++) {
    const row = rows[r];
    for (const column of identifiers) {
      const cell = row[column];
      if (typeof cell === "number" && Number.isSafeInteger(cell) && cell >= 0)
        row[column] = String(cell);
    }
  }
}
