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
  const named = new Set<number>();
  const searched: number[] = [];
  columns.headers.forEach((header, column) => {
    if (column === columns.acv || column === columns.lastActivity) return;
    if (IDENTIFIER_HEADER.test(headerWords(header))) named.add(column);
    else searched.push(column);
  });
  // The other columns, searched for a leading-zero value in one pass over the rows
  // (a million rows, row by row as they are held, not once per column).
  const zeros = new Set<number>();
  for (let r = columns.headerRow + 1; r < rows.length && searched.length > 0; r++) {
    const row = rows[r];
    for (let i = 0; i < searched.length; i++) {
      const cell = row[searched[i]];
      if (typeof cell === "string" && mayHaveLeadingZero(cell) && LEADING_ZERO.test(cell)) {
        zeros.add(searched[i]);
        searched.splice(i--, 1);
      }
    }
  }
  return columns.headers.flatMap((_, column) =>
    named.has(column) || zeros.has(column) ? [column] : []
  );
}

/** Whether the text can match LEADING_ZERO: it starts with a 0 or with white space. */
function mayHaveLeadingZero(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === 0x30 || first <= 0x20 || first === 0xa0 || first > 0x7f;
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
