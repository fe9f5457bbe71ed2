/**
 * The planning side's readers on their own: an amount's currency and its
 * value in the plan currency, a status cell, a contract's row key, a last
 * touch. Expected values by hand.
 */
import { accountKey, statusKind } from "../../src/plan/accounts";
import { CurrencySetting, formatMoney, readMoney, splitCurrency } from "../../src/plan/currency";
import { readTouch } from "../../src/plan/touches";
import { preparePlan, PrepareOptions } from "../../src/plan/prepare";
import { PlanInput } from "../../src/plan/layout";
import { ExportCell } from "../../src/plan/columns";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";

/** The plan's input from these rows (as-of serial 46000 unless given); throws when refused. */
function planned(rows: ExportCell[][], options: Partial<PrepareOptions> = {}): PlanInput {
  const prepared = preparePlan(rows, {
    assumptions: defaultAssumptions(),
    asOf: 46000,
    source: "export.csv",
    ...options,
  });
  if (!prepared.ok) throw new Error(JSON.stringify(prepared));
  return prepared.input;
}

const usd = (over: Partial<CurrencySetting> = {}): CurrencySetting => ({
  plan: "USD",
  fx: { EUR: 1.08, GBP: 1.25 },
  headerCode: null,
  headerScale: null,
  column: null,
  columnName: "",
  ...over,
});

describe("an amount's currency", () => {
  test.each([
    ["EUR 80,000", "EUR", "80,000"],
    ["80,000 EUR", "EUR", "80,000"],
    ["€80,000", "EUR", "80,000"],
    ["£1,200", "GBP", "1,200"],
    ["¥9,800,000", "JPY", "9,800,000"],
    ["(EUR 1,200)", "EUR", "(1,200)"],
    ["-€500", "EUR", "-500"],
    ["$80,000", "USD", "80,000"],
    ["80k", null, "80k"],
  ])("%s is %s %s", (text, code, rest) => {
    expect(splitCurrency(text, "USD")).toEqual({ code, rest });
  });

  test("a bare $ is the plan's dollar when the plan is in one, else USD", () => {
    expect(splitCurrency("$100", "CAD").code).toBe("CAD");
    expect(splitCurrency("$100", "EUR").code).toBe("USD");
  });

  test("converted at fx.<code>, to the cent: EUR 80,000 x 1.08 = 86,400; 1 250 000 EUR = 1,350,000", () => {
    expect(readMoney("EUR 80,000", [], usd())).toEqual({ ok: true, amount: 86400, code: "EUR" });
    expect(readMoney("1 250 000 EUR", [], usd())).toEqual({
      ok: true,
      amount: 1350000,
      code: "EUR",
    });
    // 333.33 x 1.08 = 359.9964 -> 360.00
    expect(readMoney(333.33, ["EUR"], usd({ column: 0, columnName: "Currency" }))).toEqual({
      ok: true,
      amount: 360,
      code: "EUR",
    });
  });

  test("no rate, a contradiction, a blank or unknown currency cell: refused with the reason, never read as dollars", () => {
    const reason = (raw: string | number, row: (string | null)[], s: CurrencySetting) => {
      const r = readMoney(raw, row, s);
      if (r === null || r.ok) throw new Error("expected a refusal");
      return r.reason;
    };
    expect(reason("¥9,800,000", [], usd())).toMatch(/in JPY and there is no JPY rate into USD/);
    const column = usd({ column: 0, columnName: "Account Currency" });
    expect(reason("£1,200", ["EUR"], column)).toBe(
      'the amount says GBP but the "Account Currency" column says EUR; fix one of them'
    );
    expect(reason(1200, [null], column)).toMatch(/"Account Currency" column is blank/);
    // "Euros" names one currency (read as EUR); "Dollars" several, so it is not a code.
    expect(reason(1200, ["Dollars"], column)).toMatch(
      /"Dollars" in the "Account Currency" column is not a currency code/
    );
    expect(reason("kr 80 000", [], usd())).toMatch(/currency sign the plan cannot identify/);
    // A dot that could be either separator beside a foreign sign is not guessed (80 or 80,000).
    expect(reason("€80.000", [], usd())).toMatch(
      /could be a thousands separator or a decimal point/
    );
    for (const r of [reason("kr 80 000", [], usd()), reason("€80.000", [], usd())])
      expect(r).not.toMatch(/"\$/);
  });

  test('"kr" is read when the currency column or the header names a krona; without one, or beside another currency, refused', () => {
    const sek = { ...usd({ column: 0, columnName: "Valuta" }), fx: { SEK: 0.095, NOK: 0.09 } };
    // 1,250,000 x 0.095 = 118,750; 85,000.50 x 0.095 = 8,075.0475 -> 8,075.05; NOK 12,000 x 0.09 = 1,080.
    expect(readMoney("1 250 000 kr", ["SEK"], sek)).toEqual({
      ok: true,
      amount: 118750,
      code: "SEK",
    });
    expect(readMoney("85000.50 kr", ["SEK"], sek)).toEqual({
      ok: true,
      amount: 8075.05,
      code: "SEK",
    });
    expect(readMoney("kr 12 000", ["NOK"], sek)).toEqual({ ok: true, amount: 1080, code: "NOK" });
    expect(readMoney("-500 kr", ["SEK"], sek)).toEqual({ ok: true, amount: -47.5, code: "SEK" });
    expect(readMoney("40 000 kr", [], usd({ headerCode: "DKK", fx: { DKK: 0.145 } }))).toEqual({
      ok: true,
      amount: 5800,
      code: "DKK",
    });
    for (const [row, setting] of [
      [[], usd()],
      [["EUR"], sek],
    ] as const) {
      const r = readMoney("80 000 kr", [...row], setting);
      expect(r !== null && !r.ok && r.reason).toMatch(
        /"kr" is Swedish, Norwegian, Danish or Icelandic/
      );
    }
  });

  test("a Swedish export: semicolons, decimal commas, amounts in kr beside a Valuta column", () => {
    const prepared = preparePlan(
      [
        ["Kontonamn", "Ägare", "ARR", "Valuta"],
        ["Nordic Steel AB", "Erik Lund", "1 250 000 kr", "SEK"],
        ["Malmö Design AB", "Erik Lund", "85 000,50 kr", "SEK"],
        ["Göta Kanal AB", "Sara Berg", "150 000 kr", "SEK"],
      ],
      {
        assumptions: { ...defaultAssumptions(), currency: "SEK" },
        asOf: 46000,
        source: "konton.csv",
        delimiter: ";",
      }
    );
    if (!prepared.ok) throw new Error(JSON.stringify(prepared));
    // Before, every row was refused: "carries a currency sign the plan cannot identify".
    expect(Array.from(prepared.input.accounts.acv)).toEqual([1_250_000, 85_000.5, 150_000]);
    expect(prepared.input.accounts.skipped).toEqual([]);
  });

  test("Excel's Accounting format's zero, saved to a CSV as a dash beside the sign, is 0 (as the .xlsx's own 0 is)", () => {
    expect(readMoney(" $-   ", [], usd())).toEqual({ ok: true, amount: 0, code: "USD" });
    // 0 euros converted is still 0.
    expect(readMoney("-   €", [], usd())).toEqual({ ok: true, amount: 0, code: "EUR" });
    expect(readMoney("  -   ", [], usd({ headerCode: "GBP" }))).toMatchObject({ ok: false });
  });

  test("the header's currency applies when the row says none", () => {
    expect(readMoney(1000, [], usd({ headerCode: "GBP" }))).toEqual({
      ok: true,
      amount: 1250,
      code: "GBP",
    });
  });

  test("money in the plan's currency", () => {
    expect(formatMoney(1234567.4, "USD")).toBe("$1,234,567");
    expect(formatMoney(1234567.4, "EUR")).toBe("€1,234,567");
  });
});

describe("amounts whose header gives their unit", () => {
  const thousands = { factor: 1e3, unit: "thousands", header: "ARR ($K)" };
  test("each amount is multiplied by it, to the cent, before any conversion", () => {
    expect(readMoney(45.5, [], usd({ headerScale: thousands }))).toEqual({
      ok: true,
      amount: 45500,
      code: "USD",
    });
    // 1.005 thousand is 1,005 dollars (1.005 x 1000 is 1004.9999... in binary).
    expect(readMoney(1.005, [], usd({ headerScale: thousands }))).toMatchObject({
      amount: 1005,
    });
    // EUR 45.5 thousand = 45,500 x 1.08 = 49,140 dollars.
    expect(readMoney("EUR 45.5", [], usd({ headerScale: thousands }))).toEqual({
      ok: true,
      amount: 49140,
      code: "EUR",
    });
  });
  test("an amount with its own unit under such a header is refused, not multiplied twice", () => {
    expect(readMoney("$80k", [], usd({ headerScale: thousands }))).toEqual({
      ok: false,
      reason:
        '"$80k" has its own unit, but the "ARR ($K)" column is in thousands; write it as a plain number of thousands',
    });
    expect(readMoney("1.2M", [], usd({ headerScale: thousands }))).toMatchObject({ ok: false });
  });
  test("a whole plan from an export in thousands: ACVs, the file's ARR and its grand total in dollars", () => {
    const { accounts, reading } = planned([
      ["Account Name", "ARR ($K)"],
      ["Acme", 120],
      ["Beta", "45.5"],
      ["Gamma", "1,250.5"],
      ["Delta", "$80k"],
      ["Total", 1416],
    ]);
    // 120 + 45.5 + 1,250.5 = 1,416 thousand = 1,416,000: the total row agrees, so no warning.
    expect(Array.from(accounts.acv)).toEqual([120000, 45500, 1250500]);
    expect(accounts.fileArr).toBe(1416000);
    expect(reading?.warnings).toEqual([]);
    expect(accounts.skipped.map((s) => s.kind)).toEqual(["unreadable"]);
  });

  test('an Indian export: "ARR (INR)" is the ACV column, in rupees, and lakh grouping reads as written', () => {
    const { accounts } = planned(
      [
        ["Account Name", "ARR (INR)"],
        ["Tata Retail", "12,00,000"],
        ["Infotech", "1,50,000.50"],
        ["Pune Labs", "9,500"],
      ],
      {
        assumptions: { ...defaultAssumptions(), fx: { INR: 0.012 } },
        source: "in.csv",
        delimiter: ",",
      }
    );
    // 1,200,000 x 0.012 = 14,400; 150,000.50 x 0.012 = 1,800.006 -> 1,800.01; 9,500 x 0.012 = 114.
    expect(Array.from(accounts.acv)).toEqual([14400, 1800.01, 114]);
    expect(accounts.currencies).toEqual([{ code: "INR", rows: 3, converted: true }]);
  });

  test("Indian grouping is read in rupees only: in a dollar column it is refused, never guessed", () => {
    const { accounts } = planned(
      [
        ["Account Name", "ARR"],
        ["Acme", "1,20,000"],
        ["Tata Retail", "₹12,00,000"],
        ["Beta", "45,000"],
      ],
      {
        assumptions: { ...defaultAssumptions(), fx: { INR: 0.012 } },
        source: "mixed.csv",
        delimiter: ",",
      }
    );
    // ₹1,200,000 x 0.012 = 14,400; Beta 45,000 dollars; Acme's "1,20,000" is left out.
    expect(Array.from(accounts.acv)).toEqual([14400, 45000]);
    expect(accounts.skipped.map((s) => [s.row, s.reason])).toEqual([
      [
        2,
        '"1,20,000" is grouped the Indian way (lakhs), read only in rupees, but the amount is in USD: write it with groups of three digits, or give its currency as INR',
      ],
    ]);
  });
});

describe("statuses", () => {
  test.each([
    ["Customer", "customer"],
    ["Customer - Direct", "customer"],
    ["Closed Won", "customer"],
    ["Lead", "not-customer"],
    ["marketingqualifiedlead", "not-customer"],
    // HubSpot's deal stages by internal name (an export of internal values, its API).
    ["closedwon", "customer"],
    ["closedlost", "not-customer"],
    ["contractsent", "not-customer"],
    ["appointmentscheduled", "not-customer"],
    ["qualifiedtobuy", "not-customer"],
    ["presentationscheduled", "not-customer"],
    ["decisionmakerboughtin", "not-customer"],
    ["Prospect", "not-customer"],
    ["Former Customer", "not-customer"],
    ["Churned", "not-customer"],
    ["Closed Lost", "not-customer"],
    ["Negotiation/Review", "not-customer"],
    ["Inactive", "not-customer"],
    ["Activated", "customer"],
    ["Draft", "not-customer"],
    ["In Approval Process", "not-customer"],
    ["Drafting partner", "unknown"],
    ["Partner", "unknown"],
    // Dynamics 365 relationship types.
    ["Competitor", "not-customer"],
    ["Vendor", "not-customer"],
    ["Supplier", "not-customer"],
    ["Investor", "not-customer"],
    ["Reseller", "unknown"],
    ["New Business", "unknown"],
    // German, French and Spanish Salesforce account types, opportunity stages and HubSpot lifecycle stages.
    ["Kunde - Direkt", "customer"],
    ["Kunde", "customer"],
    ["Interessent", "not-customer"],
    ["Ehemaliger Kunde", "not-customer"],
    ["Potenzieller Kunde", "not-customer"],
    ["Geschlossen und gewonnen", "customer"],
    ["Geschlossen und verloren", "not-customer"],
    ["Gekündigt", "not-customer"],
    ["Marketingqualifizierter Lead", "not-customer"],
    ["Abonnent", "not-customer"],
    ["Kundenakquise", "unknown"],
    ["Client - Direct", "customer"],
    ["Fermée gagnée", "customer"],
    ["Fermée perdue", "not-customer"],
    ["Ancien client", "not-customer"],
    ["Résilié", "not-customer"],
    ["Opportunité", "not-customer"],
    ["Abonné", "not-customer"],
    ["Cliente - Directo", "customer"],
    ["Cerrada ganada", "customer"],
    ["Cerrada perdida", "not-customer"],
    ["Prospecto", "not-customer"],
    ["Ex cliente", "not-customer"],
    ["Inactivo", "not-customer"],
    ["Andere", "unknown"],
    // A customer at risk of churning still holds its contract: kept and named, not left out.
    ["Will Churn", "unknown"],
    ["Churn Risk", "unknown"],
    ["At Risk", "unknown"],
    ["Churn", "not-customer"],
    [null, "unknown"],
  ])("%s is %s", (cell, kind) => {
    expect(statusKind(cell)).toBe(kind);
  });
});

describe("a Japanese Salesforce export's columns and statuses", () => {
  test.each([
    ["取引先 種別", ["顧客", "見込み客", "元顧客"]],
    ["フェーズ", ["成立", "交渉", "不成立"]],
    ["ライフサイクルステージ", ["顧客", "リード", "解約"]],
  ])(
    "%s: only the customer is planned, rows of one account combined",
    (header, [customer, open, lost]) => {
      const { accounts, columns } = planned([
        ["取引先名", "取引先 所有者", header, "ARR"],
        ["Acme", "田中", customer, 120000],
        ["Acme", "田中", customer, 30000],
        ["Globex", "田中", open, 50000],
        ["Initech", "鈴木", lost, 30000],
      ]);
      expect([columns.name, columns.owner, columns.status]).toEqual([0, 1, 2]);
      // Acme's two rows: 120,000 + 30,000.
      expect(Array.from(accounts.acv)).toEqual([150000]);
      expect(accounts.excludedStatuses).toEqual([
        { status: open, rows: 1 },
        { status: lost, rows: 1 },
      ]);
    }
  );
});

describe("status columns of German, French, Spanish, Portuguese, Italian and Dutch exports", () => {
  test.each([
    ["Typ", ["Kunde - Direkt", "Interessent", "Ehemaliger Kunde"]],
    ["Phase", ["Geschlossen und gewonnen", "Verhandlung", "Geschlossen und verloren"]],
    ["Étape", ["Fermée gagnée", "Négociation", "Fermée perdue"]],
    ["Etapa del ciclo de vida", ["Cliente", "Oportunidad", "Ex cliente"]],
    ["Deal-Phase", ["Abgeschlossen und gewonnen", "Verhandlung", "Abgeschlossen und verloren"]],
    // Brazilian Portuguese, Italian and Dutch Salesforce and HubSpot.
    ["Tipo", ["Cliente", "Cliente potencial", "Ex-cliente"]],
    ["Fase", ["Fechado/ganho", "Negociação", "Fechado/perdido"]],
    ["Etapa do ciclo de vida", ["Cliente", "Oportunidade", "Inativo"]],
    ["Tipo", ["Cliente", "Potenziale cliente", "Ex cliente"]],
    ["Fase", ["Chiusa vinta", "Negoziazione", "Chiusa persa"]],
    ["Stato", ["Attivo", "Qualificazione", "Disdetto"]],
    ["Type", ["Klant", "Potentiële klant", "Voormalige klant"]],
    ["Fase", ["Gesloten gewonnen", "Onderhandeling", "Gesloten verloren"]],
    ["Levenscyclusfase", ["Klant", "Lead", "Opgezegd"]],
  ])("%s: only the customer is planned", (header, [customer, open, lost]) => {
    const { accounts } = planned([
      ["Account Name", header, "ARR"],
      ["Acme", customer, 120000],
      ["Globex", open, 50000],
      ["Initech", lost, 30000],
    ]);
    expect(Array.from(accounts.acv)).toEqual([120000]);
    expect(accounts.excludedStatuses).toEqual([
      { status: open, rows: 1 },
      { status: lost, rows: 1 },
    ]);
  });
});

describe("rows of one account", () => {
  test("by ID as written, else by name without case or extra spaces; blank is no key", () => {
    expect(accountKey(["001A", "Acme"], 0, 1)).toBe("id:001A");
    expect(accountKey(["x", "  ACME  Corp "], null, 1)).toBe(
      accountKey(["y", "acme corp"], null, 1)
    );
    expect(accountKey(["", "Acme"], 0, 1)).toBeNull();
    expect(accountKey(["a"], null, null)).toBeNull();
  });
});

describe("a last touch", () => {
  test("serials, ISO dates and ISO date-times are days; other text is unreadable", () => {
    expect(readTouch(46320.6)).toEqual({ day: 46320 });
    expect(readTouch("2026-10-25")).toEqual({ day: 46320 });
    expect(readTouch("2026-10-25 14:05:00")).toEqual({ day: 46320 });
    expect(readTouch("2026-10-25T14:05:00Z")).toEqual({ day: 46320 });
    expect(readTouch("see notes")).toBe("unreadable");
    expect(readTouch(null)).toBe("blank");
  });
});
