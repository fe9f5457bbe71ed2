import { detectColumns, ExportCell, ExportColumns } from "../../src/plan/columns";
import { readAccounts } from "../../src/plan/rows";

function columnsOf(rows: ExportCell[][], acvColumn?: string): ExportColumns {
  const result = detectColumns(rows, acvColumn);
  if (!result.ok) throw new Error("columns not detected");
  return result.columns;
}

describe("readAccounts", () => {
  const rows: ExportCell[][] = [
    ["Account", "ACV"], // row 1
    ["Acme", "$80,000"], // row 2
    ["Beta", "N/A"], // row 3: unreadable
    ["Gamma", -500], // row 4: negative
    ["Delta", null], // row 5: blank ACV
    [null, null], // row 6: a blank line, not an account
    ["Eps", "80k"], // row 7
    ["Zeta", "(1,200)"], // row 8: accounting negative
    ["Eta", 0], // row 9: 0 is a valid ACV (Tech-Touch)
  ];

  test("keeps the readable ACVs and lists every other row with its number, value and reason", () => {
    const accounts = readAccounts(rows, columnsOf(rows));
    expect(Array.from(accounts.rows)).toEqual([1, 6, 8]);
    expect(Array.from(accounts.acv)).toEqual([80000, 80000, 0]);
    expect(accounts.skipped).toEqual([
      {
        row: 3,
        value: "N/A",
        reason: '"N/A" is not an amount. Use a number such as 80000, "$80,000", "80k" or "1.2M".',
        kind: "unreadable",
      },
      {
        row: 4,
        value: -500,
        reason: "the ACV -500 is negative (a credit note or refund?)",
        kind: "negative",
      },
      { row: 5, value: null, reason: "the ACV is blank", kind: "blank" },
      {
        row: 8,
        value: "(1,200)",
        reason: "the ACV -1,200 is negative (a credit note or refund?)",
        kind: "negative",
      },
    ]);
  });

  test("row numbers count from the selection's first row in Excel", () => {
    const accounts = readAccounts(rows, columnsOf(rows), 10);
    expect(accounts.skipped.map((s) => s.row)).toEqual([12, 13, 14, 17]);
  });

  test("a confirmed MRR column is multiplied by 12, to the cent", () => {
    const mrr: ExportCell[][] = [
      ["Name", "MRR"],
      ["Acme", 1234.56],
      ["Beta", "$2,500"],
    ];
    const accounts = readAccounts(mrr, columnsOf(mrr, "MRR"));
    // 1234.56 x 12 = 14,814.72 and 2,500 x 12 = 30,000, by hand.
    expect(Array.from(accounts.acv)).toEqual([14814.72, 30000]);
  });
});
