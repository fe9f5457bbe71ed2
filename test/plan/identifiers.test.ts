/**
 * Identifier columns (src/plan/identifiers.ts): named by their header, or
 * found by one value with a leading zero anywhere in the column.
 */
import { ExportCell, ExportColumns } from "../../src/plan/columns";
import { identifierColumns } from "../../src/plan/identifiers";

function columnsOf(headers: string[], acv: number, lastActivity: number | null): ExportColumns {
  return {
    headerRow: 0,
    headers,
    acv,
    acvIsMrr: false,
    acvIsTcv: false,
    name: null,
    owner: null,
    lastActivity,
    industry: null,
    accountId: null,
    currency: null,
    status: null,
    moreStatuses: [],
    endDate: null,
    startDate: null,
    term: null,
  };
}

describe("identifierColumns", () => {
  test("by header, or by a leading-zero value in any row (spaces around it too), in column order", () => {
    const headers = ["Customer No", "Name", "Ref", "Zip", "ACV", "Last Activity", "Notes"];
    const rows: ExportCell[][] = [
      headers,
      [417, "Acme", 12, "02139", 80000, 46000, "call back"],
      [418, "Globex", 13, 10001, 90000, 46001, "n/a"],
      // Row 3 of the Ref column: a leading zero late in the column, with spaces.
      [419, "Initech", " 0042 ", 10002, "0100", "0101", "0 issues"],
    ];
    // "Zip" is named by its header; Ref by its " 0042 "; never ACV or Last Activity; "0 issues" is not digits.
    expect(identifierColumns(rows, columnsOf(headers, 4, 5))).toEqual([0, 2, 3]);
  });

  test("no identifier: nothing, whatever the number of rows", () => {
    const headers = ["Name", "ACV"];
    const rows: ExportCell[][] = [headers];
    for (let i = 0; i < 5000; i++) rows.push([`Account ${i}`, i === 4999 ? "0.5" : i]);
    expect(identifierColumns(rows, columnsOf(headers, 1, null))).toEqual([]);
  });

  test("a leading zero after a no-break space or a tab still counts", () => {
    const headers = ["Ref", "Code2", "ACV"];
    const rows: ExportCell[][] = [headers, ["\u00a0007", "\t0123", 1]];
    expect(identifierColumns(rows, columnsOf(headers, 2, null))).toEqual([0, 1]);
  });
});
