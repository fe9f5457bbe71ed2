/**
 * Grouped (summary) reports as Salesforce's formatted export, an Excel
 * subtotalled list or a tabular pivot copied as values write them: a
 * group's label (owner, account) only on its first row, a subtotal row
 * "Ann Lee Total" under each group, and amounts a CSV saved by Excel keeps
 * as the text the cells showed ("170,000"). Expected figures worked by hand
 * in each test.
 */
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { excelSerialFromYmd } from "../../src/core/dates";
import { ExportCell } from "../../src/plan/columns";
import { PlanInput } from "../../src/plan/layout";
import { preparePlan } from "../../src/plan/prepare";
import { describeReconciliation } from "../../src/plan/reconcile";
import { reconciliationLines } from "../../src/taskpane/reconciliation";

function plan(rows: ExportCell[][], acvColumn?: string): PlanInput {
  const prepared = preparePlan(
    rows.map((row) => [...row]),
    {
      acvColumn,
      assumptions: defaultAssumptions(),
      asOf: excelSerialFromYmd(2026, 12, 1),
      source: "report.csv",
      delimiter: ",",
    }
  );
  if (!prepared.ok) throw new Error(`not planned: ${JSON.stringify(prepared)}`);
  return prepared.input;
}

const summary = (input: PlanInput) =>
  describeReconciliation(input.reconciliation!, (v) => `$${v.toLocaleString("en-US")}`);

/** The account names planned, with their ACVs. */
const planned = (input: PlanInput, nameColumn: number) =>
  Array.from(input.accounts.rows, (r, a) => [input.rows[r][nameColumn], input.accounts.acv[a]]);

describe("a summary report grouped by owner and account, product lines under each account", () => {
  // Acme: 100,000 + 20,000 = 120,000 (Enterprise); Globex 50,000 (Mid-Market);
  // Initech: 30,000 + 5,000 = 35,000 (Pooled). Grand total 205,000.
  const report: ExportCell[][] = [
    ["Account Owner", "Account Name", "Product", "ARR"],
    ["Ann Lee", "Acme", "Platform", "100,000"],
    [null, null, "Support", "20,000"],
    [null, "Globex", "Platform", "50,000"],
    ["Ann Lee Total", null, null, "170,000"],
    ["Bo Chan", "Initech", "Platform", "30,000"],
    [null, null, "Support", "5,000"],
    ["Bo Chan Total", null, null, "35,000"],
    ["Grand Total", null, null, "205,000"],
  ];

  test("each subtotal is set aside although its amount is text, and each product line counts in its account", () => {
    const input = plan(report);
    expect(planned(input, 1)).toEqual([
      ["Acme", 120000],
      ["Globex", 50000],
      ["Initech", 35000],
    ]);
    expect(input.reading!.furniture.byKind.total).toBe(3);
    const r = input.reconciliation!;
    expect([r.rowsRead, r.accountsPlanned, r.rowsCombined, r.rowsContinuingAccount]).toEqual([
      5, 3, 2, 2,
    ]);
    expect(r.rowsUnnamed).toBe(0);
    expect(r.arrPlanned).toBe(205000);
    // The grand total agrees: no warning.
    expect(input.reading!.warnings).toEqual([]);
    expect(summary(input)).toContain(
      "  combined, account name left blank under an account (a grouped report): 2"
    );
    expect(reconciliationLines(r).map((l) => [l.label, l.figure])).toContainEqual([
      "Account name left blank under an account (a grouped report)",
      "2",
    ]);
  });

  test("a product line that repeats another account's line is not a duplicate", () => {
    // Both accounts have the line (blank, blank, "Support", "20,000"): two rows, two accounts.
    const rows: ExportCell[][] = [
      ["Account Owner", "Account Name", "Product", "ARR"],
      ["Ann Lee", "Acme", "Platform", "100,000"],
      [null, null, "Support", "20,000"],
      ["Ann Lee Total", null, null, "120,000"],
      ["Bo Chan", "Initech", "Platform", "30,000"],
      [null, null, "Support", "20,000"],
      ["Bo Chan Total", null, null, "50,000"],
    ];
    const input = plan(rows);
    expect(planned(input, 1)).toEqual([
      ["Acme", 120000],
      ["Initech", 50000],
    ]);
    expect(input.accounts.skipped).toEqual([]);
  });

  test("the lines of an account left out (not a customer) are left out with it, under its status", () => {
    const rows: ExportCell[][] = [
      ["Account Name", "Type", "Product", "ARR"],
      ["Acme", "Customer", "Platform", "100,000"],
      [null, null, "Support", "20,000"],
      ["Globex", "Prospect", "Platform", "50,000"],
      [null, null, "Support", "7,000"],
      ["Subtotal", null, null, "177,000"],
    ];
    const input = plan(rows);
    expect(planned(input, 0)).toEqual([["Acme", 120000]]);
    expect(input.accounts.skipped.map((s) => [s.row, s.kind])).toEqual([
      [4, "status"],
      [5, "status"],
    ]);
    expect(input.accounts.skipped[1].reason).toBe(
      "its account name is blank under the account on row 4 (a grouped report), which is left out, so this line is too"
    );
    // The statuses add up to the rows left out.
    expect(input.accounts.excludedStatuses).toEqual([{ status: "Prospect", rows: 2 }]);
  });

  test("a subtotal or a blank line ends a group: a nameless row after it is its own account, and said so", () => {
    const rows: ExportCell[][] = [
      ["Account Name", "Product", "ARR"],
      ["Acme", "Platform", "100,000"],
      ["Acme Total", null, "100,000"],
      [null, "Support", "20,000"],
      ["Globex", "Platform", "50,000"],
      [null, null, null],
      [null, "Services", "9,000"],
    ];
    const input = plan(rows);
    expect(planned(input, 0)).toEqual([
      ["Acme", 100000],
      [null, 20000],
      ["Globex", 50000],
      [null, 9000],
    ]);
    expect(input.reconciliation!.rowsUnnamed).toBe(2);
    expect(input.reconciliation!.rowsContinuingAccount).toBe(0);
  });
});

describe("a list that is not a grouped report", () => {
  test("rows without a name are never folded into the account above them, and the summary says how many", () => {
    // No subtotal or group line: nothing says the blank name repeats the one above.
    const rows: ExportCell[][] = [
      ["Account Name", "Owner", "ARR"],
      ["Acme", "Ann", "120000"],
      [null, "Bo", "45000"],
      ["Globex", "Ann", "50000"],
      ["Grand Total", null, "215000"],
    ];
    const input = plan(rows);
    expect(planned(input, 0)).toEqual([
      ["Acme", 120000],
      [null, 45000],
      ["Globex", 50000],
    ]);
    expect(input.reconciliation!.rowsUnnamed).toBe(1);
    expect(summary(input)).toContain(
      "No account name: 1 rows planned each as its own account; if they belong to the account above them, fill in its name"
    );
    expect(reconciliationLines(input.reconciliation!).map((l) => l.label)).toContain(
      "Rows with no account name, each planned as its own account"
    );
  });

  test("an account whose only text ends in Total, beside a text that is not an amount, is an account", () => {
    const rows: ExportCell[][] = [
      ["Account Name", "Country", "ARR"],
      ["Fitness Total", "Germany", "80,000"],
      ["Acme", "France", "20,000"],
    ];
    const input = plan(rows);
    expect(planned(input, 0)).toEqual([
      ["Fitness Total", 80000],
      ["Acme", 20000],
    ]);
  });
});

describe("a pivot table copied as values", () => {
  test.each(["Row Labels", "Zeilenbeschriftungen", "Étiquettes de lignes"])(
    "in compact form (%s) is refused: its group rows would count every group twice",
    (header) => {
      // Ann Lee's 170,000 is Acme's 120,000 + Globex's 50,000: planned, ARR would be 410,000, not 205,000.
      const prepared = preparePlan(
        [
          [header, "Sum of ARR"],
          ["Ann Lee", 170000],
          ["Acme", 120000],
          ["Globex", 50000],
          ["Bo Chan", 35000],
          ["Initech", 35000],
          ["Grand Total", 205000],
        ],
        {
          acvColumn: "Sum of ARR",
          assumptions: defaultAssumptions(),
          asOf: 46000,
          source: "pivot.csv",
        }
      );
      expect(prepared).toEqual({
        ok: false,
        error: expect.stringMatching(
          /^the header ".+" is a pivot table's in compact form, whose rows mix groups \(with their totals\) and accounts, so every group would be counted twice; show the pivot in tabular form/
        ),
      });
    }
  );

  test("in tabular form (a header per field) it is planned, its subtotals set aside", () => {
    const input = plan(
      [
        ["Account Owner", "Account Name", "Sum of ARR"],
        ["Ann Lee", "Acme", "120,000"],
        [null, "Globex", "50,000"],
        ["Ann Lee Total", null, "170,000"],
        ["Grand Total", null, "170,000"],
      ].map((row) => row as ExportCell[]),
      "Sum of ARR"
    );
    expect(planned(input, 1)).toEqual([
      ["Acme", 120000],
      ["Globex", 50000],
    ]);
  });
});
