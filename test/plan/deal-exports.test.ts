/**
 * Deal and opportunity exports as HubSpot and Salesforce write them: the
 * currency and stage columns under their own names, and a contract-value
 * column with a term whose grand total is of contract values. Expected
 * figures worked out by hand in each test.
 */
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { Assumptions } from "../../src/core/assumptions/types";
import { excelSerialFromYmd } from "../../src/core/dates";
import { ExportCell } from "../../src/plan/columns";
import { PlanInput } from "../../src/plan/layout";
import { preparePlan, PrepareOptions } from "../../src/plan/prepare";
import { describeReconciliation } from "../../src/plan/reconcile";
import { reconciliationLines } from "../../src/taskpane/reconciliation";

function plan(
  rows: ExportCell[][],
  acvColumn?: string,
  over: Partial<Assumptions> = {}
): PlanInput {
  const prepared = preparePlan(
    rows.map((row) => [...row]),
    {
      acvColumn,
      assumptions: { ...defaultAssumptions(), ...over },
      asOf: excelSerialFromYmd(2026, 12, 1),
      source: "deals.csv",
    }
  );
  if (!prepared.ok) throw new Error(`not planned: ${JSON.stringify(prepared)}`);
  return prepared.input;
}

/** Every row planned with these options (as-of 2026-12-01 unless given): the ACVs. */
function acvsWith(rows: ExportCell[][], options: Partial<PrepareOptions>): number[] {
  const prepared = preparePlan(
    rows.map((row) => [...row]),
    {
      assumptions: defaultAssumptions(),
      asOf: excelSerialFromYmd(2026, 12, 1),
      source: "deals.csv",
      ...options,
    }
  );
  if (!prepared.ok) throw new Error(`not planned: ${JSON.stringify(prepared)}`);
  return Array.from(prepared.input.accounts.acv);
}

function refusal(rows: ExportCell[][], acvColumn?: string, asOf = 46000): string {
  const prepared = preparePlan(
    rows.map((row) => [...row]),
    { acvColumn, assumptions: defaultAssumptions(), asOf, source: "deals.csv" }
  );
  if (prepared.ok || !("error" in prepared)) throw new Error("expected a refusal");
  return prepared.error;
}

describe("HubSpot deals", () => {
  const header = ["Record ID", "Deal Name", "Amount", "Deal currency code", "Deal Stage"];

  test('"Deal currency code" is the currency column: euro deals are never planned as dollars', () => {
    const rows: ExportCell[][] = [
      ["Record ID", "Deal Name", "ACV", "Deal currency code", "Deal Stage"],
      ["1001", "Acme", "120000", "EUR", "Closed won"],
      ["1002", "Globex", "45000", "EUR", "Closed won"],
    ];
    // No EUR rate into USD: every row refused with the reason, nothing planned.
    expect(refusal(rows)).toMatch(/the amount is in EUR and there is no EUR rate into USD/);
    // With a rate: 120,000 x 1.10 + 45,000 x 1.10 = 132,000 + 49,500 = 181,500 dollars.
    const input = plan(rows, undefined, { fx: { EUR: 1.1 } });
    expect(Array.from(input.accounts.acv)).toEqual([132000, 49500]);
    expect(input.accounts.currencies).toEqual([{ code: "EUR", rows: 2, converted: true }]);
  });

  test("a currency column under a name not listed is still found; an amount in company currency is not one", () => {
    const rows: ExportCell[][] = [
      ["Deal Name", "ACV", "Amount in company currency", "Local Currency"],
      ["Acme", "1000", "1100", "GBP"],
    ];
    expect(refusal(rows)).toMatch(/the amount is in GBP and there is no GBP rate into USD/);
    // 1,000 x 1.25 = 1,250 dollars.
    expect(Array.from(plan(rows, undefined, { fx: { GBP: 1.25 } }).accounts.acv)).toEqual([1250]);
  });

  test('"Deal Stage" is the status column: a closed-lost deal is not planned unless asked', () => {
    const rows: ExportCell[][] = [
      ["Deal Name", "ACV", "Deal Stage"],
      ["Acme", "120000", "Closed won"],
      ["Initech", "8000", "Closed lost"],
      ["Hooli", "30000", "Onboarding"],
    ];
    const input = plan(rows);
    // Acme is planned; Initech is left out as not a customer; Hooli's stage is unknown and kept.
    expect(Array.from(input.accounts.acv)).toEqual([120000, 30000]);
    expect(input.accounts.excludedStatuses).toEqual([{ status: "Closed lost", rows: 1 }]);
    expect(input.accounts.unclassifiedStatuses).toEqual([{ status: "Onboarding", rows: 1 }]);
    expect(input.accounts.skipped.map((s) => [s.row, s.kind])).toEqual([[3, "status"]]);
  });

  test("HubSpot's default open stages are open deals, not customers", () => {
    const rows: ExportCell[][] = [
      ["Deal Name", "ACV", "Deal Stage"],
      ["Acme", "120000", "Closed won"],
      ["Globex", "10000", "Appointment scheduled"],
      ["Hooli", "20000", "Qualified to buy"],
      ["Initech", "30000", "Presentation scheduled"],
      ["Umbrella", "40000", "Decision maker bought-in"],
      ["Vandelay", "50000", "Contract sent"],
    ];
    const input = plan(rows);
    expect(Array.from(input.accounts.acv)).toEqual([120000]);
    expect(input.accounts.excludedStatuses.map((s) => s.status)).toEqual([
      "Appointment scheduled",
      "Qualified to buy",
      "Presentation scheduled",
      "Decision maker bought-in",
      "Contract sent",
    ]);
    expect(input.accounts.unclassifiedStatuses).toEqual([]);
  });

  test("deals of one associated company are one account: their amounts add up", () => {
    const rows: ExportCell[][] = [
      ["Record ID", "Deal Name", "Deal Stage", "ACV", "Associated Company"],
      ["1001", "Acme - Renewal 2026", "Closed won", "120000", "Acme Corp"],
      ["1002", "Acme - Upsell", "Closed won", "30000", "Acme Corp"],
      ["1005", "Delta - Renewal", "Closed won", "15000", "Delta GmbH"],
    ];
    const input = plan(rows);
    // The deal's Record ID is not the account: Acme is 120,000 + 30,000 = 150,000 over two rows.
    expect(Array.from(input.accounts.acv)).toEqual([150000, 15000]);
    expect(Array.from(input.accounts.rowCounts)).toEqual([2, 1]);
    expect(input.accounts.combined).toBe(1);
    // With the company's ID column too, the ID decides: two companies that share a name stay apart.
    const withIds: ExportCell[][] = [
      ["Record ID", "Deal Name", "ACV", "Associated Company", "Associated Company IDs (Primary)"],
      ["1001", "Acme - Renewal", "120000", "Acme Corp", "9001"],
      ["1002", "Acme - Upsell", "30000", "Acme Corp", "9001"],
      ["1003", "Acme (UK) - New", "8000", "Acme Corp", "9002"],
    ];
    expect(Array.from(plan(withIds).accounts.acv)).toEqual([150000, 8000]);
  });

  test("a deal associated with several companies is refused, not planned as an account of its own", () => {
    const rows: ExportCell[][] = [
      [
        "Record ID",
        "Deal Stage",
        "Annual contract value",
        "Associated Company",
        "Associated Company IDs",
      ],
      ["901", "Closed won", "120000", "Northwind Traders;Fabrikam", "5012345001;5012345003"],
      ["902", "Closed won", "15000", "Northwind Traders", "5012345001"],
      ["903", "Closed won", "60000", "Fabrikam", "5012345003"],
    ];
    // Before: three accounts, "5012345001;5012345003" at 120,000 (Enterprise) beside Northwind at 15,000.
    const prepared = preparePlan(
      rows.map((r) => [...r]),
      {
        assumptions: defaultAssumptions(),
        asOf: excelSerialFromYmd(2026, 12, 1),
        source: "deals.csv",
      }
    );
    expect(!prepared.ok && "error" in prepared && prepared.error).toBe(
      'row 2: "Associated Company IDs" is "5012345001;5012345003", a deal associated with several companies, whose ACV cannot be given to one of them (planned as it is, it would be an account of its own); export each deal\'s primary company ("Associated Company IDs (Primary)") instead, or keep one company on such deals, then run again'
    );
    // The primary company's column, when the export has it, is the account: Northwind 120,000 + 15,000.
    const primary = plan([
      [...rows[0], "Associated Company IDs (Primary)"],
      [...rows[1], "5012345001"],
      [...rows[2], "5012345001"],
      [...rows[3], "5012345003"],
    ]);
    expect(Array.from(primary.accounts.acv)).toEqual([135000, 60000]);
  });

  test("a contract-value total is checked against the contract values planned, not the ACVs derived from them", () => {
    const rows: ExportCell[][] = [
      ["Deals report - Q4 2026", null, null, null, null],
      [...header.slice(0, 3), "Contract term (months)", "Deal Stage"],
      ["1001", "Acme", "120000", "12", "Closed won"],
      ["1004", "Umbrella", "300000", "36", "Closed won"],
      [null, "Total", "420000", null, null],
    ];
    const input = plan(rows, "Amount");
    // ACV = contract value x 12 / term: 120,000 x 12/12 = 120,000; 300,000 x 12/36 = 100,000.
    expect(Array.from(input.accounts.acv)).toEqual([120000, 100000]);
    // The export's total, 420,000, is what its contract values add up to: no warning.
    expect(input.accounts.plannedContractValue).toBe(420000);
    expect(input.reading?.warnings ?? []).toEqual([]);

    // A total 10,000 off is caught, and named as contract values.
    const off = rows.map((row) => [...row]);
    off[4][2] = "430000";
    expect(plan(off, "Amount").reading?.warnings).toEqual([
      "the export's grand total (row 5) is 430,000 but the contract values of the rows planned add up to 420,000",
    ]);
  });
});

describe("Salesforce opportunities", () => {
  test('"Type" (New Business, Existing Business) beside "Stage": the stage says which deals are won', () => {
    const rows: ExportCell[][] = [
      ["Opportunity Name", "Account Name", "Type", "Stage", "ACV"],
      ["Acme - Renewal", "Acme Corp", "Existing Business", "Closed Won", "120000"],
      ["Acme - Upsell", "Acme Corp", "Existing Business", "Closed Won", "30000"],
      ["Beta - New", "Beta LLC", "New Business", "Prospecting", "50000"],
      ["Gamma - New", "Gamma Inc", "New Business", "Negotiation/Review", "80000"],
      ["Delta - Lost", "Delta GmbH", "New Business", "Closed Lost", "15000"],
    ];
    const input = plan(rows);
    // Only Acme's two won deals: 120,000 + 30,000 = 150,000; the open and lost ones are left out.
    expect(Array.from(input.accounts.acv)).toEqual([150000]);
    expect(input.accounts.excludedStatuses).toEqual([
      { status: "Prospecting", rows: 1 },
      { status: "Negotiation/Review", rows: 1 },
      { status: "Closed Lost", rows: 1 },
    ]);
    // An account list whose "Account Status" and "Type" both classify keeps the preferred name.
    const accounts: ExportCell[][] = [
      ["Account Name", "Type", "Account Status", "ACV"],
      ["Acme", "Customer", "Active", "120000"],
      ["Beta", "Customer", "Churned", "50000"],
    ];
    expect(Array.from(plan(accounts).accounts.acv)).toEqual([120000]);
  });

  test('"Stage" values: open stages and Closed Lost are left out, Closed Won is planned; "Opportunity Currency" converts', () => {
    const rows: ExportCell[][] = [
      ["Opportunity Name", "ACV", "Opportunity Currency", "Stage"],
      ["Acme - Renewal", "100000", "USD", "Closed Won"],
      ["Globex - New", "50000", "GBP", "Closed Won"],
      ["Initech - Upsell", "20000", "USD", "Negotiation/Review"],
      ["Umbrella - New", "70000", "USD", "Closed Lost"],
    ];
    const input = plan(rows, undefined, { fx: { GBP: 1.25 } });
    // 100,000 dollars; 50,000 pounds x 1.25 = 62,500 dollars.
    expect(Array.from(input.accounts.acv)).toEqual([100000, 62500]);
    expect(input.accounts.excludedStatuses).toEqual([
      { status: "Negotiation/Review", rows: 1 },
      { status: "Closed Lost", rows: 1 },
    ]);
  });

  test('a multi-currency org exports "<field> Currency" beside each amount: that code is the amount\'s currency', () => {
    // Salesforce writes a currency field of a multi-currency org as two columns,
    // "Annual Contract Value Currency" (the ISO code) and "Annual Contract Value".
    const rows: ExportCell[][] = [
      ["Account Name", "Annual Contract Value Currency", "Annual Contract Value", "Stage"],
      ["Acme Corp", "USD", "120,000.00", "Closed Won"],
      ["Globex GmbH", "EUR", "80,000.00", "Closed Won"],
      ["Hooli", "GBP", "300,000.00", "Closed Won"],
    ];
    // Without rates the euro and pound rows are refused, never planned as dollars.
    const unconverted = plan(rows);
    expect(Array.from(unconverted.accounts.acv)).toEqual([120000]);
    expect(unconverted.accounts.skipped.map((s) => [s.row, s.kind])).toEqual([
      [3, "currency"],
      [4, "currency"],
    ]);
    // 80,000 x 1.08 = 86,400 and 300,000 x 1.27 = 381,000 dollars.
    const input = plan(rows, undefined, { fx: { EUR: 1.08, GBP: 1.27 } });
    expect(Array.from(input.accounts.acv)).toEqual([120000, 86400, 381000]);
  });

  test("the currency column paired with the ACV column wins over another amount's", () => {
    // "Amount (converted)" is in the corporate currency (USD on every row); the
    // ACV's own currency is in "Annual Contract Value Currency".
    const rows: ExportCell[][] = [
      [
        "Opportunity Name",
        "Amount (converted) Currency",
        "Amount (converted)",
        "Annual Contract Value Currency",
        "Annual Contract Value",
      ],
      ["Globex - New", "USD", "270,000.00", "EUR", "90,000.00"],
      ["Acme - Renewal", "USD", "150,000.00", "USD", "50,000.00"],
    ];
    // 90,000 euros x 1.10 = 99,000 dollars; 50,000 dollars as they are.
    const input = plan(rows, undefined, { fx: { EUR: 1.1 } });
    expect(Array.from(input.accounts.acv)).toEqual([99000, 50000]);
    expect(input.accounts.currencies).toEqual([
      { code: "EUR", rows: 1, converted: true },
      { code: "USD", rows: 1, converted: false },
    ]);
  });

  test("a converted amount beside the records' own currency column is refused, never converted a second time", () => {
    // "(converted)" amounts are already dollars: Acme's 100,000 euros are 108,000 dollars. Read with the
    // record's EUR they became 108,000 x 1.08 = 116,640, and Brit's 63,500 x 1.27 = 80,645.
    const rows: ExportCell[][] = [
      [
        "Account Name",
        "Stage",
        "Opportunity Currency",
        "Annual Contract Value",
        "Annual Contract Value (converted)",
      ],
      ["Acme GmbH", "Closed Won", "EUR", "100,000.00", "108,000.00"],
      ["Brit Ltd", "Closed Won", "GBP", "50,000.00", "63,500.00"],
      ["US Corp", "Closed Won", "USD", "20,000.00", "20,000.00"],
    ];
    const prepared = preparePlan(
      rows.map((r) => [...r]),
      {
        assumptions: { ...defaultAssumptions(), fx: { EUR: 1.08, GBP: 1.27 } },
        asOf: excelSerialFromYmd(2026, 12, 1),
        source: "opps.csv",
      }
    );
    expect(!prepared.ok && "error" in prepared && prepared.error).toMatch(
      /^"Annual Contract Value \(converted\)" holds amounts already converted .* "Opportunity Currency" gives each record's own currency \(EUR on row 2\)/
    );
    // The record's own amounts with their rates: 100,000 x 1.08 = 108,000; 50,000 x 1.27 = 63,500; 20,000.
    const own = plan(rows, "Annual Contract Value", { fx: { EUR: 1.08, GBP: 1.27 } });
    expect(Array.from(own.accounts.acv)).toEqual([108000, 63500, 20000]);
  });

  test("Dynamics 365's base-currency amount (\"ARR (Base)\") beside the record's Currency is refused the same way; all in the plan's currency, it is read", () => {
    const rows: ExportCell[][] = [
      ["Account Name", "Currency", "ARR", "ARR (Base)"],
      ["Adventure Works", "US Dollar", 150000, 150000],
      ["Fourth Coffee", "Euro", 200000, 216000],
    ];
    const prepared = preparePlan(
      rows.map((r) => [...r]),
      {
        acvColumn: "ARR (Base)",
        assumptions: defaultAssumptions(),
        asOf: 46000,
        source: "d365.xlsx",
      }
    );
    expect(!prepared.ok && "error" in prepared && prepared.error).toMatch(
      /"Currency" gives each record's own currency \(EUR on row 3\)/
    );
    // Every record in dollars: nothing is converted, so the base amounts are read as before.
    const dollars = plan(
      [rows[0], rows[1], ["Blue Yonder", "US Dollar", 30000, 30000]],
      "ARR (Base)"
    );
    expect(Array.from(dollars.accounts.acv)).toEqual([150000, 30000]);
  });
});

describe("Salesforce contracts", () => {
  test("a contract whose end date is before the as-of date has ended: left out; a blank or unreadable end keeps the row", () => {
    // The helper plans as of 2026-12-01.
    const rows: ExportCell[][] = [
      ["Account Name", "Contract End Date", "Annual Contract Value"],
      ["Acme Corp", excelSerialFromYmd(2027, 12, 31), "120000"],
      ["Acme Corp", "2026-12-01", "30000"],
      ["Echo SA", "2025-12-31", "40000"],
      ["Foxtrot", null, "20000"],
      ["Golf", "when renewed", "10000"],
    ];
    const input = plan(rows);
    // Acme: 120,000 + 30,000 (ending on the as-of date itself still runs); Foxtrot; Golf.
    expect(Array.from(input.accounts.acv)).toEqual([150000, 20000, 10000]);
    expect(input.accounts.skipped).toEqual([
      {
        row: 4,
        value: 40000,
        kind: "ended",
        reason:
          '"Contract End Date" is 2025-12-31, before the plan\'s as-of date: the contract has ended (plan them too with --all-statuses)',
      },
    ]);
    // In the file's ARR, as rows left out by status are: 150,000 + 40,000 + 20,000 + 10,000.
    expect(input.accounts.fileArr).toBe(220000);
    expect(input.reconciliation?.skipped).toEqual({ ended: 1 });
    // --all-statuses plans every row.
    expect(acvsWith(rows, { allStatuses: true })).toEqual([150000, 40000, 20000, 10000]);
  });

  test("Draft and In Approval Process contracts are not in force; a status the plan does not know is kept and named", () => {
    const rows: ExportCell[][] = [
      ["Contract Number", "Account Name", "Status", "Annual Contract Value"],
      ["00000101", "Acme Corp", "Activated", "120000"],
      ["00000103", "Beta LLC", "Expired", "50000"],
      ["00000104", "Gamma Inc", "Draft", "80000"],
      ["00000105", "Delta GmbH", "In Approval Process", "15000"],
      ["00000106", "Echo SA", "Partner", "40000"],
    ];
    const input = plan(rows);
    // Acme (Activated) and Echo (status unknown, kept): 120,000 and 40,000.
    expect(Array.from(input.accounts.acv)).toEqual([120000, 40000]);
    expect(input.accounts.excludedStatuses.map((s) => s.status)).toEqual([
      "Expired",
      "Draft",
      "In Approval Process",
    ]);
    const r = input.reconciliation!;
    expect(r.unrecognisedStatuses).toEqual([{ status: "Partner", rows: 1 }]);
    expect(describeReconciliation(r, String)).toContain(
      'Kept as customers, status not recognised: "Partner" 1; check that they are customers'
    );
    expect(reconciliationLines(r)).toContainEqual({
      label: 'Rows planned whose status "Partner" is not recognised',
      figure: "1",
      level: 2,
      group: "rows",
    });
  });
});

describe("CS platforms (Gainsight, Totango)", () => {
  test("a Gainsight company list: a Will Churn customer still holds its contract and is planned (and named); Churned is not", () => {
    const input = plan([
      ["GSID", "Company Name", "CSM", "Stage", "Status", "ARR", "Overall Score"],
      ["1P02ABC001", "Apex Health", "Maria Diaz", "Adopting", "Active", "$275,000", "82"],
      ["1P02ABC002", "Blue River", "Maria Diaz", "Onboarding", "Active", "$45,000", "n/a"],
      ["1P02ABC003", "Cobalt Labs", "Tom Hu", "Will Churn", "Active", "$110,000", "34"],
      ["1P02ABC004", "Dune Media", "Tom Hu", "Churned", "Inactive", "$60,000", "12"],
    ]);
    // Apex 275,000, Blue River 45,000, Cobalt 110,000 (before, left out as churned); Dune churned.
    expect(Array.from(input.accounts.acv)).toEqual([275_000, 45_000, 110_000]);
    expect(input.accounts.excludedStatuses).toEqual([{ status: "Churned", rows: 1 }]);
    expect(input.reconciliation!.unrecognisedStatuses).toContainEqual({
      status: "Will Churn",
      rows: 1,
    });
  });
});

describe('"Contract Value" beside a term column', () => {
  const rows = (terms: ExportCell[]): ExportCell[][] => [
    ["Account Name", "Contract Value", "Contract Term (months)", "Status"],
    ["Acme", 360000, terms[0], "Activated"],
    ["Globex", 45000, terms[1], "Activated"],
  ];

  test("with a 36-month contract it is refused, asked or named: read as a year's it would triple Acme's ACV", () => {
    // Acme's 360,000 over 36 months is 120,000 a year (Enterprise); as a year's it is 360,000.
    const message = `"Contract Value" does not say whether it is a year's value or the whole contract's, and the contracts are not all 12 months ("Contract Term (months)" is 36 on row 2); rename the column "Annual Contract Value" (a year's, used as it is) or "Total Contract Value" (the whole contract's, planned as value x 12 / term), then run again`;
    expect(refusal(rows([36, 12]))).toBe(message);
    expect(refusal(rows(["3 years", 12]), "Contract Value")).toBe(
      message.replace("is 36 on row 2", "is 3 years on row 2")
    );
  });

  test("renamed, each name is read as it says", () => {
    const renamed = (name: string) =>
      rows([36, 12]).map((row, r) => (r === 0 ? [row[0], name, row[2], row[3]] : row));
    // Total: 360,000 x 12 / 36 = 120,000 and 45,000 x 12 / 12 = 45,000.
    expect(
      Array.from(plan(renamed("Total Contract Value"), "Total Contract Value").accounts.acv)
    ).toEqual([120000, 45000]);
    expect(Array.from(plan(renamed("Annual Contract Value")).accounts.acv)).toEqual([
      360000, 45000,
    ]);
  });

  test("when every contract runs 12 months it is a year's value, as before", () => {
    expect(Array.from(plan(rows([12, "12 months"])).accounts.acv)).toEqual([360000, 45000]);
  });
});

describe("Dynamics 365 Export to Excel", () => {
  test('its hidden "(Do Not Modify) Account" column is the account\'s ID: two accounts that share a name stay apart', () => {
    // As Dynamics writes an account list: three hidden key columns, then the view's columns.
    const rows: ExportCell[][] = [
      [
        "(Do Not Modify) Account",
        "(Do Not Modify) Row Checksum",
        "(Do Not Modify) Modified On",
        "Account Name",
        "Address 1: City",
        "ARR",
      ],
      ["5f2b7c1e-0000-4000-8000-000000000001", "c1", 46296, "Contoso", "Seattle", 150000],
      ["5f2b7c1e-0000-4000-8000-000000000002", "c2", 46296, "Contoso", "London", 150000],
      ["5f2b7c1e-0000-4000-8000-000000000003", "c3", 46296, "Fabrikam", "Paris", 20000],
    ];
    const input = plan(rows);
    // Two Contoso records (Seattle, London), each 150,000: not one account of 300,000.
    expect(Array.from(input.accounts.acv)).toEqual([150000, 150000, 20000]);
    expect(input.accounts.combined).toBe(0);
  });
});

describe("an account's rows whose terms follow one another", () => {
  // A Salesforce opportunity export: each year's renewal is a deal of its own.
  const header = ["Opportunity Name", "Account Name", "Stage", "Amount", "Close Date"];
  const renewals: ExportCell[][] = [
    header,
    ["Acme - 2025 Renewal", "Acme", "Closed Won", 100000, "2025-03-01"],
    ["Acme - 2026 Renewal", "Acme", "Closed Won", 110000, "2026-03-01"],
    ["Acme - Upsell", "Acme", "Closed Lost", 50000, "2026-05-01"],
    ["Beta - New", "Beta", "Closed Won", 30000, "2026-02-01"],
  ];

  test("a renewal and the deal it renewed are refused, not added up (Acme would be $210,000 for $110,000)", () => {
    expect(refusal(renewals, "Amount")).toBe(
      `"Acme" has rows whose terms follow one another: row 2 starts 2025-03-01 ("Close Date") for 12 months and row 3 starts 2026-03-01, so the later one looks like the earlier one's renewal; adding up the account's rows would count a contract together with the one it renewed. Plan the contracts in force only: filter the export to them, or add their end dates as a "Contract End Date" column (ended contracts are then left out); to plan every row as it is, non-customers included, use --all-statuses`
    );
  });

  test("a renewal signed up to a quarter early counts as one: 12 months less 91 days after 2025-03-01 is 2025-11-30 (and a quarter of a day)", () => {
    const starting = (day: string) => [
      header,
      ["Acme - 2025", "Acme", "Closed Won", 100000, "2025-03-01"],
      ["Acme - next", "Acme", "Closed Won", 110000, day],
    ];
    // As of 2026-12-01 the 2025 deal's year (to 2026-03-01) is over.
    const asOf = excelSerialFromYmd(2026, 12, 1);
    expect(refusal(starting("2025-12-01"), "Amount", asOf)).toMatch(/^"Acme" has rows whose terms/);
    expect(refusal(starting("2026-01-15"), "Amount", asOf)).toMatch(/row 3 starts 2026-01-15/);
    // Nine months less a day after the first deal: an add-on running beside it, added up.
    expect(Array.from(plan(starting("2025-11-30"), "Amount").accounts.acv)).toEqual([210000]);
  });

  test("an add-on signed late in a contract's year is added up while both are in force on the as-of date", () => {
    const rows: ExportCell[][] = [
      ["Account Name", "ARR", "Contract Start Date"],
      ["Acme", 100000, "2026-01-01"],
      ["Acme", 20000, "2026-10-15"],
    ];
    // 2026-10-15 is past 2026-01-01's year less 91 days (2026-10-02), but on 2026-12-01 the
    // first contract (to 2027-01-01) still runs and the add-on has started: 120,000.
    expect(Array.from(plan(rows).accounts.acv)).toEqual([120000]);
    // As of 2027-02-01 the first year is over: the later row looks like its renewal.
    expect(refusal(rows, undefined, excelSerialFromYmd(2027, 2, 1))).toMatch(
      /^"Acme" has rows whose terms follow one another: row 2 starts 2026-01-01/
    );
  });

  test("contracts in force together are added up: a 36-month contract and a deal a year later", () => {
    const rows: ExportCell[][] = [
      ["Account Name", "Contract Start Date", "Term (months)", "ARR"],
      ["Acme", "2024-06-01", 36, 100000],
      ["Acme", "2025-06-01", 12, 20000],
      ["Beta", "2026-01-01", 12, 30000],
    ];
    // 2024-06-01 + 36 months (1,095.75 days) less 91 days is 2027-03; 2025-06-01 is well before.
    expect(Array.from(plan(rows).accounts.acv)).toEqual([120000, 30000]);
  });

  test("the message names the row whose term ends first, with its own start and term", () => {
    const rows: ExportCell[][] = [
      ["Account Name", "Contract Start Date", "Term (months)", "ARR"],
      ["Acme", "2023-01-01", 36, 90000],
      ["Acme", "2024-02-01", 24, 100000],
      ["Acme", "2026-01-15", 12, 105000],
    ];
    // Row 2 is due 2023-01-01 + 36 months (1,095.75 days) less 91 days = 2025-10-01;
    // row 3 is due 2024-02-01 + 24 months (730.5 days) less 91 days = 2025-11-01 (later);
    // the latest start, 2026-01-15 (row 4), is after row 2's: row 2 is named, for 36 months.
    expect(refusal(rows)).toMatch(
      /^"Acme" has rows whose terms follow one another: row 2 starts 2023-01-01 \("Contract Start Date"\) for 36 months and row 4 starts 2026-01-15,/
    );
  });

  test("counts the accounts like this, names the first, and reads German headers (Schlusstermin)", () => {
    const rows: ExportCell[][] = [
      ["Accountname", "Phase", "ARR", "Schlusstermin"],
      ["Müller GmbH", "Closed Won", 50000, "2024-01-10"],
      ["Müller GmbH", "Closed Won", 52000, "2025-01-05"],
      ["Schmidt AG", "Closed Won", 9000, "2024-04-01"],
      ["Schmidt AG", "Closed Won", 9500, "2025-04-01"],
    ];
    const message = refusal(rows);
    expect(message).toMatch(
      /^"Müller GmbH" has rows whose terms follow one another: row 2 starts 2024-01-10 \("Schlusstermin"\) for 12 months and row 3 starts 2025-01-05/
    );
    expect(message).toMatch(/\(2 accounts are like this\)/);
  });

  test("a start date that cannot be read is passed over: it never stops the plan", () => {
    // "13/15/2026" is no day in either order; the close dates only tell renewals apart.
    const rows: ExportCell[][] = [
      ["Account Name", "ARR", "Close Date"],
      ["Acme", 120000, "1/15/2026"],
      ["Hooli", 45500.5, "13/15/2026"],
      ["Hooli", 500, "2/15/2026"],
    ];
    expect(Array.from(plan(rows).accounts.acv)).toEqual([120000, 46000.5]);
  });

  test("with end dates, --all-statuses or each row its own account, the check does not apply", () => {
    const withEnds: ExportCell[][] = [
      ["Account Name", "ARR", "Contract Start Date", "Contract End Date"],
      ["Acme", 100000, "2025-03-01", "2026-02-28"],
      ["Acme", 110000, "2026-03-01", "2027-02-28"],
    ];
    // The as-of date is 2026-12-01: the 2025 contract has ended and is left out.
    const ended = plan(withEnds);
    expect(Array.from(ended.accounts.acv)).toEqual([110000]);
    expect(ended.accounts.skipped.map((s) => s.kind)).toEqual(["ended"]);

    // Every row as it is: Acme 100,000 + 110,000 + the lost 50,000 = 260,000; Beta 30,000.
    expect(acvsWith(renewals, { acvColumn: "Amount", allStatuses: true })).toEqual([260000, 30000]);
    // Each won row its own account: 100,000, 110,000 and 30,000.
    expect(acvsWith(renewals, { acvColumn: "Amount", rowsAreAccounts: true })).toEqual([
      100000, 110000, 30000,
    ]);
  });
});

describe("an account's ARR repeated on each of its rows", () => {
  // A Salesforce "Accounts with Opportunities" report: the account's ARR field on every opportunity row.
  const header = ["Account Name", "ARR", "Opportunity Name", "Stage"];
  const repeated: ExportCell[][] = [
    header,
    ["Acme", 120000, "Acme - Upsell", "Closed Won"],
    ["Acme", 120000, "Acme - Renewal", "Closed Won"],
    ["Beta", 30000, "Beta - New", "Closed Won"],
    ["Gamma", 80000, "Gamma - Add-on", "Closed Won"],
    ["Gamma", 80000, "Gamma - Renewal", "Closed Won"],
    ["Gamma", 80000, "Gamma - Services", "Closed Won"],
  ];

  test("is refused, not added up (Acme 240,000 and Gamma 240,000 for 120,000 and 80,000)", () => {
    expect(refusal(repeated)).toBe(
      `"ARR" holds one amount on every row of an account, in each of the 2 accounts that have several rows ("Acme": 120,000 on each of its 2 rows, from row 2): it looks like the account's own ARR repeated on each of its opportunity or contract rows, and adding up the rows would count it 2 times (240,000). Keep one row per account (in Excel, Data > Remove Duplicates on the account column) or export the accounts without their opportunities or contracts; if each row is a contract of its own, plan with --rows-are-accounts (each row is then planned as an account)`
    );
  });

  test("contract rows are added up when an account's rows differ, or when only one account has several rows", () => {
    // Acme's two equal contracts beside Gamma's unequal ones: 120,000 + 120,000 = 240,000; 80,000 + 20,000 = 100,000.
    const mixed = repeated.map((row, r) => (r === 5 ? ["Gamma", 20000, row[2], row[3]] : row));
    expect(Array.from(plan(mixed.slice(0, 6)).accounts.acv)).toEqual([240000, 30000, 100000]);
    // Only Acme has several rows: two equal contracts are not evidence enough.
    expect(Array.from(plan(repeated.slice(0, 5)).accounts.acv)).toEqual([240000, 30000, 80000]);
  });

  test("with each row its own account, every row is planned", () => {
    expect(acvsWith(repeated, { rowsAreAccounts: true })).toEqual([
      120000, 120000, 30000, 80000, 80000, 80000,
    ]);
  });
});

describe("Dynamics 365 accounts: the record's Status beside its Relationship Type", () => {
  const header = ["Account Name", "Relationship Type", "Status", "Annual Contract Value"];

  test("a prospect or a competitor whose record is Active is not planned (284,000 in the file, 174,000 of customers and a partner)", () => {
    const input = plan([
      header,
      ["Acme", "Customer", "Active", 120000],
      ["Beta", "Prospect", "Active", 30000],
      ["Gamma", "Competitor", "Active", 80000],
      ["Delta", "Customer", "Active", 45000],
      ["Echo", "Partner", "Active", 9000],
    ]);
    // Acme 120,000 + Delta 45,000 + Echo 9,000 (a partner: kept, and named for the user to check).
    expect(Array.from(input.accounts.acv)).toEqual([120000, 45000, 9000]);
    expect(input.accounts.excludedStatuses).toEqual([
      { status: "Prospect", rows: 1 },
      { status: "Competitor", rows: 1 },
    ]);
    expect(input.accounts.unclassifiedStatuses).toEqual([{ status: "Partner", rows: 1 }]);
  });

  test("when both columns leave rows out, each does: an Inactive customer record and an Active prospect", () => {
    const input = plan([
      header,
      ["Acme", "Customer", "Active", 120000],
      ["Beta", "Prospect", "Active", 30000],
      ["Foxtrot", "Customer", "Inactive", 60000],
    ]);
    expect(Array.from(input.accounts.acv)).toEqual([120000]);
    expect(input.accounts.skipped.map((s) => s.reason)).toEqual([
      '"Relationship Type" is "Prospect": not a customer (plan them too with --all-statuses)',
      '"Status" is "Inactive": not a customer (plan them too with --all-statuses)',
    ]);
  });
});

describe("several status columns: the row's own status decides, then the account's, then a bare Status", () => {
  test("a Closed Won deal of an account still typed Prospect is planned; a Closed Lost deal of a customer is not", () => {
    const input = plan([
      ["Account Name", "Account Type", "Stage", "ACV"],
      ["Acme", "Prospect", "Closed Won", 120000],
      ["Beta", "Customer - Direct", "Closed Lost", 30000],
      ["Gamma", "Customer - Direct", "Closed Won", 80000],
    ]);
    // Acme 120,000 + Gamma 80,000; Beta's lost deal is left out by its stage.
    expect(Array.from(input.accounts.acv)).toEqual([120000, 80000]);
    expect(input.accounts.skipped.map((s) => s.reason)).toEqual([
      '"Stage" is "Closed Lost": not a customer (plan them too with --all-statuses)',
    ]);
  });

  test("HubSpot: the lifecycle stage decides over a stale company Type", () => {
    const input = plan([
      ["Company name", "Type", "Lifecycle Stage", "ARR"],
      ["Acme", "Prospect", "Customer", 120000],
      ["Beta", "Partner", "Lead", 30000],
      ["Gamma", "Partner", "Customer", 80000],
      ["Delta", "Vendor", "", 5000],
    ]);
    // Acme and Gamma are customers (200,000); Beta is a lead; Delta has no lifecycle stage and is a vendor.
    expect(Array.from(input.accounts.acv)).toEqual([120000, 80000]);
    expect(input.accounts.excludedStatuses).toEqual([
      { status: "Lead", rows: 1 },
      { status: "Vendor", rows: 1 },
    ]);
  });

  test("a bare Status of Churned leaves a customer-typed account out", () => {
    const input = plan([
      ["Account Name", "Type", "Status", "ARR"],
      ["Acme", "Customer - Direct", "Active", 120000],
      ["Beta", "Customer - Direct", "Churned", 30000],
      ["Gamma", "Prospect", "Active", 80000],
    ]);
    // Acme only: Beta churned (its Status), Gamma is a prospect (its Type decides before a bare Active).
    expect(Array.from(input.accounts.acv)).toEqual([120000]);
    expect(input.accounts.skipped.map((s) => s.reason)).toEqual([
      '"Status" is "Churned": not a customer (plan them too with --all-statuses)',
      '"Type" is "Prospect": not a customer (plan them too with --all-statuses)',
    ]);
  });
});
