import {
  detectColumns,
  ExportCell,
  findHeaderRow,
  headerScale,
  headerWords,
  isAcvHeader,
  isAnnualRevenue,
  isMrrHeader,
  isTcvHeader,
  questionMessage,
} from "../../src/plan/columns";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { preparePlan } from "../../src/plan/prepare";

const row = (...cells: ExportCell[]) => cells;

describe("detectColumns", () => {
  test.each([
    [
      "German Salesforce",
      [
        "Account-ID",
        "Accountname",
        "Accountinhaber",
        "Branche",
        "Typ",
        "ARR",
        "Währung",
        "Letzte Aktivität",
        "Vertragsenddatum",
      ],
    ],
    [
      "French Salesforce",
      [
        "ID du compte",
        "Nom du compte",
        "Propriétaire du compte",
        "Secteur d'activité",
        "Type",
        "ARR",
        "Devise",
        "Dernière activité",
        "Date de fin du contrat",
      ],
    ],
    [
      "Spanish Salesforce",
      [
        "ID de la cuenta",
        "Nombre de la cuenta",
        "Propietario de la cuenta",
        "Industria",
        "Tipo",
        "ARR",
        "Moneda",
        "Última actividad",
        "Fecha de finalización del contrato",
      ],
    ],
    [
      "Brazilian Portuguese Salesforce",
      [
        "ID da conta",
        "Nome da conta",
        "Proprietário da conta",
        "Setor",
        "Tipo",
        "ARR",
        "Moeda",
        "Última atividade",
        "Data de término do contrato",
      ],
    ],
    [
      "Italian Salesforce",
      [
        "ID account",
        "Nome account",
        "Proprietario account",
        "Settore",
        "Tipo",
        "ARR",
        "Valuta",
        "Ultima attività",
        "Data di fine del contratto",
      ],
    ],
    [
      "Dutch Salesforce",
      [
        "Account-id",
        "Accountnaam",
        "Accounteigenaar",
        "Branche",
        "Type",
        "ARR",
        "Valuta",
        "Laatste activiteit",
        "Einddatum contract",
      ],
    ],
  ])("%s headers: every column in its place", (_, headers) => {
    const result = detectColumns([
      row(...headers),
      row("1", "Acme", "Ann", "Retail", "Kunde", 80000, "EUR", 46000, 46100),
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result));
    const c = result.columns;
    expect([
      c.accountId,
      c.name,
      c.owner,
      c.industry,
      c.status,
      c.acv,
      c.currency,
      c.lastActivity,
      c.endDate,
    ]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test("takes ACV, never the Annual Revenue column beside it, and finds the optional columns", () => {
    const headers = [
      "Account ID",
      "Account Name",
      "Account Owner",
      "Industry",
      "Annual Revenue",
      "ACV",
      "Last Activity",
    ];
    const rows = [row(...headers), row(1, "Acme", "Avery", "Retail", 8084000, 26100, 46000)];
    const result = detectColumns(rows);
    expect(result).toEqual({
      ok: true,
      columns: {
        headerRow: 0,
        headers,
        acv: 5,
        acvIsMrr: false,
        acvIsTcv: false,
        accountId: 0,
        currency: null,
        status: null,
        moreStatuses: [],
        endDate: null,
        startDate: null,
        term: null,
        name: 1,
        owner: 2,
        lastActivity: 6,
        industry: 3,
      },
    });
  });

  test("finds the header row under report title rows", () => {
    const rows = [
      row("Accounts by owner", null),
      row(null, null),
      row("Company", "ARR (USD)"),
      row("Acme", 5),
    ];
    const result = detectColumns(rows);
    expect(result.ok && result.columns.headerRow).toBe(2);
    expect(result.ok && result.columns.acv).toBe(1);
    expect(result.ok && result.columns.name).toBe(0);
  });

  test("an export with only Annual Revenue is refused, and the message says why", () => {
    const result = detectColumns([row("Company", "Annual Revenue"), row("Acme", 5e6)]);
    expect(result.ok).toBe(false);
    expect("error" in result && result.error).toMatch(
      /"Annual Revenue" is the customer's company revenue/
    );
  });

  test("naming Annual Revenue with --acv-column is refused too", () => {
    const result = detectColumns(
      [row("Company", "Annual Revenue", "ACV"), row("Acme", 5e6, 1)],
      "annual revenue"
    );
    expect("error" in result && result.error).toMatch(
      /company revenue.*never used as the ACV column/
    );
  });

  test("two candidate columns: a question that names both", () => {
    const result = detectColumns([row("Name", "ACV", "ARR"), row("Acme", 1, 2)]);
    expect(result).toMatchObject({
      ok: false,
      question: { kind: "ambiguous", candidates: ["ACV", "ARR"] },
    });
  });

  test("a field beside its Salesforce (converted) copy: the converted one, with its own currency column", () => {
    const headers = [
      "Account Name",
      "Annual Contract Value Currency",
      "Annual Contract Value",
      "Annual Contract Value (converted) Currency",
      "Annual Contract Value (converted)",
    ];
    const result = detectColumns([row(...headers), row("Acme", "EUR", 80000, "USD", 86400)]);
    expect(result.ok && [result.columns.acv, result.columns.currency]).toEqual([4, 3]);
    // Different measures stay a question, converted or not.
    expect(detectColumns([row("Name", "ARR", "ACV (converted)"), row("Acme", 1, 2)])).toMatchObject(
      {
        ok: false,
        question: { kind: "ambiguous", candidates: ["ARR", "ACV (converted)"] },
      }
    );
    // "Amount (converted)" is still a whole deal's amount.
    expect(isTcvHeader("Amount (converted)")).toBe(true);
  });

  test("two columns under one name: the user is asked to rename them, never given the first", () => {
    const rows = [row("Name", "ARR", "ARR"), row("Acme", 100000, 120000)];
    expect(detectColumns(rows)).toMatchObject({
      ok: false,
      question: { kind: "ambiguous", candidates: ["ARR", "ARR"] },
    });
    expect(questionMessage({ kind: "ambiguous", candidates: ["ARR", "ARR"] })).toMatch(
      /some have the same name; rename them in the export/
    );
    expect(detectColumns(rows, "ARR")).toEqual({
      ok: false,
      error:
        '--acv-column "ARR" names 2 columns (columns 2 and 3 of the header row); rename them in the export so each says what it holds, then name one',
    });
  });

  test("the user's answer picks the column, matched without case or punctuation", () => {
    const result = detectColumns([row("Name", "ACV", "ARR"), row("Acme", 1, 2)], "arr");
    expect(result.ok && result.columns.acv).toBe(2);
  });

  test("only MRR: a question, never a silent x12; naming the MRR column confirms x12", () => {
    const rows = [row("Name", "MRR"), row("Acme", 100)];
    expect(detectColumns(rows)).toMatchObject({
      ok: false,
      question: { kind: "mrr", candidates: ["MRR"] },
    });
    const confirmed = detectColumns(rows, "MRR");
    expect(confirmed.ok && confirmed.columns.acvIsMrr).toBe(true);
  });

  test("an --acv-column that is not a header names the headers there are", () => {
    const result = detectColumns([row("Name", "ACV"), row("Acme", 1)], "Contract");
    expect("error" in result && result.error).toBe(
      '--acv-column "Contract" is not a column of the header row; the columns are "Name", "ACV"'
    );
  });

  test("a CSM column is preferred to the account owner as the book owner", () => {
    const result = detectColumns([row("Account Owner", "CSM", "ACV"), row("Avery", "Sam", 1)]);
    expect(result.ok && result.columns.owner).toBe(1);
  });
});

describe("header names", () => {
  test.each([
    ["ACV", true],
    ["ARR (USD)", true],
    ["Total ARR", true],
    ["Annual Contract Value", true],
    ["Contract Value", true],
    ["Subscription Amount", true],
    ["Annual Recurring Revenue", true],
    ["Annual Revenue", false],
    ["AnnualRevenue", false],
    ["ACV Currency", false],
    ["ARR Growth %", false],
    ["Amount", false],
    ["MRR", false],
    // The measure named in parentheses, as many exports and translated CRMs write it.
    ["Annual Contract Value (ACV)", true],
    ["Annual Recurring Revenue (ARR)", true],
    ["Jahresvertragswert (ACV)", true],
    ["Amount (ACV)", true],
    ["ARR Growth (ACV)", false],
    ["Total Contract Value (TCV)", false],
    ["Monthly Recurring Revenue (MRR)", false],
  ])("%p is an ACV header: %p", (header, expected) => {
    expect(isAcvHeader(header)).toBe(expected);
  });

  test.each([
    // [header, a whole contract's value, a month's]
    ["Total Contract Value (TCV)", true, false],
    ["Amount (TCV)", true, false],
    ["Amount (ACV)", false, false],
    ["Monthly Recurring Revenue (MRR)", false, true],
    ["Revenue (MRR)", false, true],
    ["Amount", true, false],
  ])("%p: TCV %p, MRR %p", (header, tcv, mrr) => {
    expect(isTcvHeader(header)).toBe(tcv);
    expect(isMrrHeader(header)).toBe(mrr);
  });

  test("Annual Recurring Revenue is ARR, not company revenue", () => {
    expect(isAnnualRevenue("Annual Recurring Revenue")).toBe(false);
    expect(isAnnualRevenue("Company Annual Revenue")).toBe(true);
  });
});

describe("a header that gives its amounts' unit", () => {
  test.each([
    ["ARR ($K)", 1e3, "thousands"],
    ["ACV (in thousands)", 1e3, "thousands"],
    ["ARR ($000s)", 1e3, "thousands"],
    ["ACV (000)", 1e3, "thousands"],
    ["ARR (USD M)", 1e6, "millions"],
    ["ARR $MM", 1e6, "millions"],
    ["ACV (in millions)", 1e6, "millions"],
  ])("%s is in %s and is still an ACV column", (header, factor, unit) => {
    expect(headerScale(header)).toEqual({ factor, unit });
    expect(isAcvHeader(header)).toBe(true);
  });
  test("headers without a unit, and a whole deal's amount in thousands, which stays a contract value", () => {
    for (const header of ["ARR", "Annual Recurring Revenue", "ACV (USD)", "MRR", "Amount"])
      expect(headerScale(header)).toBeNull();
    expect(isTcvHeader("Amount ($K)")).toBe(true);
    expect(isMrrHeader("MRR (k)")).toBe(true);
  });
});

describe("the header row when a summary table sits above the accounts", () => {
  const summaryThenAccounts: ExportCell[][] = [
    ["Segment", "Accounts", "ARR"],
    ["Enterprise", 2, 1_100_000],
    ["Mid-Market", 3, 220_000],
    ["Total", 5, 1_320_000],
    [null, null, null],
    ["Account ID", "Account Name", "ARR"],
    ["A-1", "Acme", 10_000],
    ["A-2", "Beta", 60_000],
    ["A-3", "Gamma", 150_000],
    ["A-4", "Delta", 300_000],
    ["A-5", "Eps", 800_000],
  ];

  test("the row that names the accounts is the header; the summary above it is not planned", () => {
    const prepared = preparePlan(
      summaryThenAccounts.map((r) => [...r]),
      { assumptions: defaultAssumptions(), asOf: 46000, source: "book.xlsx" }
    );
    if (!prepared.ok) throw new Error(JSON.stringify(prepared));
    // Five accounts, 10,000 + 60,000 + 150,000 + 300,000 + 800,000 = 1,320,000; before, the two
    // segments were planned as accounts too (seven, 2,640,000) and the repeated header was a bad row.
    expect(Array.from(prepared.input.accounts.acv)).toEqual([
      10_000, 60_000, 150_000, 300_000, 800_000,
    ]);
    expect(prepared.input.accounts.skipped).toEqual([]);
  });

  test("without a row that names accounts, the first row naming an amount is still the header", () => {
    expect(findHeaderRow(summaryThenAccounts.slice(0, 4))?.index).toBe(0);
  });
});

describe("Salesforce API names (Data Loader and Workbench exports)", () => {
  test.each([
    ["ARR__c", "arr"],
    ["ARR__C", "arr"],
    ["Annual_Contract_Value__c", "annual contract value"],
    ["SBQQ__NetAmount__c", "net amount"],
    ["CURRENCYISOCODE", "currency iso code"],
    ["CurrencyIsoCode", "currency iso code"],
    ["LASTACTIVITYDATE", "last activity date"],
    ["ACCOUNTID", "account id"],
    ["CLOSEDATE", "close date"],
    ["ANNUALREVENUE", "annual revenue"],
    // Not API names: read as before, and never a property of a plain object.
    ["ACV (USD)", "acv usd"],
    ["Last_Activity", "last activity"],
    ["constructor", "constructor"],
    ["Account.Name", "account name"],
  ])("%s reads as %s", (header, words) => {
    expect(headerWords(header)).toBe(words);
  });

  test("a Data Loader account export: its currency column converts the EUR account (80,000 x 1.1 = 88,000), not planned as dollars", () => {
    const prepared = preparePlan(
      [
        ["ID", "NAME", "TYPE", "ANNUALREVENUE", "ARR__C", "LASTACTIVITYDATE", "CURRENCYISOCODE"],
        [
          "0015g00000AbCdEAAV",
          "Acme",
          "Customer - Direct",
          "50000000",
          "120000.00",
          "2026-11-01",
          "USD",
        ],
        ["0015g00000AbCdFAAV", "Beta", "Prospect", "2000000", "30000.00", "2026-10-01", "USD"],
        ["0015g00000AbCdGAAV", "Gamma", "Customer - Channel", "9000000", "80000.00", "", "EUR"],
      ],
      {
        assumptions: { ...defaultAssumptions(), fx: { EUR: 1.1 } },
        asOf: 46000,
        source: "dataloader.csv",
        delimiter: ",",
      }
    );
    if (!prepared.ok) throw new Error(JSON.stringify(prepared));
    const { accounts, columns } = prepared.input;
    expect(columns.headers[columns.acv]).toBe("ARR__C");
    expect(columns.currency).toBe(6);
    expect(columns.lastActivity).toBe(5);
    // Acme 120,000 USD; Beta is a prospect; Gamma 80,000 EUR x 1.1.
    expect(Array.from(accounts.acv)).toEqual([120000, 88000]);
  });
});

describe("--acv-column naming a header in another script", () => {
  test("a Japanese header is that one column, not every column whose name has no Latin letters", () => {
    const result = detectColumns(
      [row("取引先名", "年間契約額", "種別"), row("Acme", 80000, "顧客")],
      "年間契約額"
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.columns.acv).toBe(1);
  });

  test("a blank header cell is not the column named", () => {
    const result = detectColumns(
      [row("Account Name", "", "年間契約額"), row("Acme", 5, 80000)],
      "年間契約額"
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.columns.acv).toBe(2);
  });
});

describe("billing and pipeline exports that put the record type before each header", () => {
  test.each([
    // [header, ACV, MRR, TCV]
    ["Deal - ARR", true, false, false],
    ["Deal - Value", false, false, true],
    ["subscriptions.mrr", false, true, false],
    ["Organization - Annual revenue", false, false, false],
    // NetSuite's and Zuora's "Subscription" is the subscription's name or number.
    ["Subscription", false, false, false],
    ["Subscription Amount", true, false, false],
  ])("%p: ACV %p, MRR %p, TCV %p", (header, acv, mrr, tcv) => {
    expect(isAcvHeader(header)).toBe(acv);
    expect(isMrrHeader(header)).toBe(mrr);
    expect(isTcvHeader(header)).toBe(tcv);
  });

  test("a Chargebee subscriptions export: its mrr is monthly (x 12 once named), its cancelled and trial rows are not customers", () => {
    const rows: ExportCell[][] = [
      [
        "subscriptions.id",
        "subscriptions.customer_id",
        "customers.company",
        "subscriptions.status",
        "subscriptions.currency_code",
        "subscriptions.mrr",
      ],
      ["sub_001", "cus_001", "Umber Co", "active", "USD", "9000"],
      ["sub_002", "cus_002", "Violet Ltd", "non_renewing", "USD", "2000"],
      ["sub_003", "cus_003", "Willow Inc", "in_trial", "USD", "0"],
      ["sub_004", "cus_004", "Xenon Corp", "cancelled", "USD", "3000"],
      ["sub_005", "cus_005", "Yarrow SA", "active", "USD", "25000"],
    ];
    const options = {
      assumptions: defaultAssumptions(),
      asOf: 46000,
      source: "chargebee.csv",
      delimiter: ",",
    };
    // Before, "subscriptions.mrr" was no ACV column at all, and once named it was read as a year's.
    const asked = preparePlan(
      rows.map((r) => [...r]),
      options
    );
    expect(!asked.ok && "question" in asked && asked.question).toEqual({
      kind: "mrr",
      candidates: ["subscriptions.mrr"],
    });
    const prepared = preparePlan(
      rows.map((r) => [...r]),
      { ...options, acvColumn: "subscriptions.mrr" }
    );
    if (!prepared.ok) throw new Error(JSON.stringify(prepared));
    const { accounts, columns } = prepared.input;
    expect([columns.name, columns.accountId, columns.status, columns.currency]).toEqual([
      2, 1, 3, 4,
    ]);
    // 9,000 x 12, 2,000 x 12 (non_renewing still pays until its term ends), 25,000 x 12.
    expect(Array.from(accounts.acv)).toEqual([108_000, 24_000, 300_000]);
    expect(accounts.skipped.map((s) => [s.row, s.kind])).toEqual([
      [4, "status"],
      [5, "status"],
    ]);
  });

  test("a Pipedrive deals export: the ARR field is the ACV and an organization's won deals are one account", () => {
    const prepared = preparePlan(
      [
        [
          "Deal - ID",
          "Deal - Title",
          "Deal - Organization",
          "Deal - Value",
          "Deal - Status",
          "Deal - Owner",
          "Deal - ARR",
        ],
        ["11", "Alpha deal", "Alpha Inc", "240000", "won", "Sam Roe", "80000"],
        ["12", "Beta deal", "Beta LLC", "30000", "won", "Sam Roe", "30000"],
        ["14", "Delta deal", "Delta SA", "90000", "lost", "Kim Lo", "90000"],
        ["16", "Alpha add-on", "Alpha Inc", "30000", "won", "Sam Roe", "30000"],
      ],
      { assumptions: defaultAssumptions(), asOf: 46000, source: "pipedrive.csv", delimiter: "," }
    );
    if (!prepared.ok) throw new Error(JSON.stringify(prepared));
    const { accounts, columns } = prepared.input;
    expect(columns.headers[columns.acv]).toBe("Deal - ARR");
    expect([columns.name, columns.owner]).toEqual([2, 5]);
    // Alpha 80,000 + 30,000; Beta 30,000; Delta lost. Before: "add an ACV/ARR column".
    expect(Array.from(accounts.acv)).toEqual([110_000, 30_000]);
    expect(accounts.skipped.map((s) => [s.row, s.kind])).toEqual([[4, "status"]]);
  });

  test("a Pipedrive export with the deal's person too: the organization is the account, not the person", () => {
    const result = detectColumns([
      row("Deal - Title", "Person - Name", "Organization - Name", "Deal - ARR"),
      row("Alpha deal", "Jo Smith", "Alpha Inc", "80000"),
    ]);
    expect(result.ok && result.columns.name).toBe(2);
  });

  test("a NetSuite subscription list: the Subscription name is not the ACV; its MRR is asked about", () => {
    const result = detectColumns([
      row("Internal ID", "Customer", "Subscription", "Subscription Status", "MRR"),
      row("1001", "Quartz Inc", "QZ-SUB-1", "Active", "10,000.00"),
    ]);
    expect(!result.ok && "question" in result && result.question).toEqual({
      kind: "mrr",
      candidates: ["MRR"],
    });
  });
});

describe("a billing export's amount per billing interval (Stripe's subscriptions)", () => {
  const stripe = (interval2: string) => [
    row("id", "Customer ID", "Quantity", "Currency", "Interval", "Amount", "Status"),
    row("sub_1A", "cus_A", "10", "usd", "year", "120,000.00", "active"),
    row("sub_1B", "cus_B", "1", "usd", interval2, "1,000.00", "active"),
  ];

  test("with a monthly row it is refused, asked or named: read as a year's, $1,000 a month would be $1,000 a year", () => {
    for (const named of [undefined, "Amount"]) {
      const result = detectColumns(stripe("month"), named);
      expect("error" in result && result.error).toBe(
        '"Amount" is an amount per billing interval, and "Interval" is "month" on row 3, so it is neither a year\'s value nor a whole contract\'s; export the subscriptions\' MRR or ARR (or add an "ARR" column of each amount x quantity, annualised) and plan on that'
      );
    }
  });

  test("when every interval is a year the amounts are a year's: asked, and once named planned as before", () => {
    const asked = detectColumns(stripe("year"));
    expect(!asked.ok && "question" in asked && asked.question.kind).toBe("tcv");
    const named = detectColumns(stripe("year"), "Amount");
    expect(named.ok && named.columns.acv).toBe(5);
  });
});
