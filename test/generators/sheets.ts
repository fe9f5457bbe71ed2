/**
 * Sheets and identifiers: a workbook whose accounts are on its second sheet
 * (a summary first), hyperlinked ACV numbers (each links to the CRM record),
 * Salesforce IDs of 15 and 18 characters and customer numbers with leading
 * zeros that must reach the plan's workbook exactly as written.
 */
import { GeneratedCell, GeneratedExport, TrueAccount, trueAccounts } from "./common";

const HEADER = ["Account ID", "Customer Number", "Account Name", "CSM", "ACV"];

function accountRows(accounts: readonly TrueAccount[], numbersAsText: boolean): GeneratedCell[][] {
  return [
    HEADER,
    ...accounts.map((a, i) => [
      // Every other ID is the 15-character (case-sensitive) form.
      i % 2 === 0 ? a.id : a.id.slice(0, 15),
      // As text ("000417"), or as Excel keeps a number typed into a "000000"-formatted cell (417).
      numbersAsText ? a.number : Number(a.number),
      a.name,
      a.owner,
      a.acv,
    ]),
  ];
}

const SUMMARY: GeneratedCell[][] = [
  ["Book of business", null],
  ["Accounts", 40],
  ["Total ARR", 12_345_678],
  ["Prepared by", "RevOps"],
];

export function sheetExports(seed = 47): GeneratedExport[] {
  const second = trueAccounts(seed, 40);
  const linked = trueAccounts(seed + 1, 24);
  const ids = trueAccounts(seed + 2, 24);
  const formatted = trueAccounts(seed + 3, 24);
  return [
    {
      name: "sheets-second",
      format: "xlsx",
      sheets: [
        { name: "Summary", rows: SUMMARY },
        { name: "Accounts", rows: accountRows(second, true) },
        { name: "Notes", rows: [["Exported from Salesforce"]] },
      ],
      accounts: second,
      outcome: {
        kind: "plan",
        note: /read sheet "Accounts" \(2 of 3; the others: "Summary", "Notes"\)/,
      },
    },
    {
      name: "sheets-named",
      format: "xlsx",
      sheets: [
        { name: "Accounts (old)", rows: accountRows(trueAccounts(seed + 9, 5), true) },
        { name: "Accounts", rows: accountRows(second, true) },
      ],
      accounts: second,
      args: ["--sheet", "accounts"],
      outcome: { kind: "plan", note: /read sheet "Accounts" \(2 of 2/ },
    },
    {
      // A stale copy of the accounts hidden in front of the real ones: a user cannot see it, so it is not the export.
      name: "sheets-hidden-first",
      format: "xlsx",
      sheets: [
        {
          name: "Old export",
          rows: accountRows(trueAccounts(seed + 10, 5), true),
          state: "veryHidden",
        },
        { name: "Summary", rows: SUMMARY, state: "hidden" },
        { name: "Accounts", rows: accountRows(second, true) },
      ],
      accounts: second,
      outcome: {
        kind: "plan",
        note: /read sheet "Accounts" \(3 of 3; the others: "Old export" \(hidden\), "Summary" \(hidden\)\)/,
      },
    },
    {
      // Only a hidden sheet holds accounts: it is read, and the summary says it is hidden.
      name: "sheets-hidden-only",
      format: "xlsx",
      sheets: [
        { name: "Cover", rows: [["Book of business 2027"]] },
        { name: "Data", rows: accountRows(second, true), state: "hidden" },
      ],
      accounts: second,
      outcome: {
        kind: "plan",
        note: /read sheet "Data", a hidden sheet \(2 of 2; the others: "Cover"\)/,
      },
    },
    {
      // Rows a user's filter hides are still in the file: read like the others (as SUM reads them), and said.
      name: "sheets-filtered",
      format: "xlsx",
      sheets: [{ name: "Accounts", rows: accountRows(second, true), filteredOut: [3, 4, 9] }],
      accounts: second,
      outcome: {
        kind: "plan",
        warning:
          /^3 rows \(4, 5, 10\) are hidden in the sheet \(filtered out or hidden by hand\) and were read like the others/,
      },
    },
    {
      // A summary by segment in front: it has an ARR column, but its rows are segments, not accounts.
      name: "sheets-segment-summary-first",
      format: "xlsx",
      sheets: [
        {
          name: "Summary",
          rows: [
            ["ARR by segment, FY27", null, null],
            ["Segment", "Accounts", "ARR"],
            ["Enterprise", 12, 9_400_000],
            ["Mid-Market", 28, 2_100_000],
          ],
        },
        { name: "Accounts", rows: accountRows(second, true) },
      ],
      accounts: second,
      outcome: { kind: "plan", note: /read sheet "Accounts" \(2 of 2; the others: "Summary"\)/ },
    },
    {
      // No sheet names its accounts: the first with an amount column is read, again after a
      // later sheet was looked at, so its own number formats (pounds) still count.
      name: "sheets-amounts-only",
      format: "xlsx",
      sheets: [
        {
          name: "Data",
          rows: [["Region", "ARR"], ...second.map((a) => ["EMEA", a.acv / 2])],
          columnFormats: { 1: "[$£-809]#,##0.00" },
          formatFrom: 1,
        },
        { name: "Notes", rows: [["Exported from Salesforce"], [12]], cellFormats: { A2: "0.00" } },
      ],
      accounts: second,
      args: ["--set", "fx.GBP=2"],
      outcome: { kind: "plan", note: /read sheet "Data" \(1 of 2; the others: "Notes"\)/ },
    },
    {
      name: "sheets-linked-acv",
      format: "xlsx",
      sheets: [
        {
          name: "Accounts",
          rows: accountRows(linked, true),
          linkedNumbers: linked.map((_, i) => `E${i + 2}`),
        },
      ],
      accounts: linked,
      outcome: { kind: "plan" },
    },
    {
      name: "identifiers",
      format: "csv",
      sheets: [{ name: "Export", rows: accountRows(ids, true) }],
      accounts: ids,
      outcome: { kind: "plan" },
    },
    {
      // Customer numbers stored as numbers and shown with their zeros by a "000000" format;
      // a reference column of numbers shown as "C-00417" (its header names no identifier).
      name: "identifiers-formatted-numbers",
      format: "xlsx",
      sheets: [
        {
          name: "Export",
          rows: accountRows(formatted, false).map((row, r) => [
            ...row,
            r === 0 ? "Ref" : Number(formatted[r - 1].number),
          ]),
          columnFormats: { 1: "000000", 5: '"C-"00000' },
          formatFrom: 1,
        },
      ],
      accounts: formatted,
      outcome: { kind: "plan" },
    },
  ];
}
