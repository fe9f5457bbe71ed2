/**
 * cs-coverage plan on CRM exports in other currencies and locales, written as
 * Salesforce, HubSpot and Excel write them. Every expected figure is worked
 * out by hand in the test's comments.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { runCli as run } from "../helpers/cli";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-plan-locales-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

interface Planned {
  code: number;
  err: string[];
  plan: {
    skipped: { row: number; value: unknown; reason: string; kind: string }[];
    reconciliation: {
      accountsPlanned: number;
      arrPlanned: number;
      arrInFile: number;
      currencies: { code: string; rows: number; converted: boolean }[];
    };
  } | null;
}

let files = 0;
async function plan(content: string | Buffer, ...args: string[]): Promise<Planned> {
  const input = path.join(dir, `export-${++files}.csv`);
  await fs.writeFile(input, content);
  const r = await run("plan", input, "-o", path.join(dir, `plan-${files}.xlsx`), "--json", ...args);
  return { code: r.code, err: r.err, plan: r.code === 0 ? JSON.parse(r.out[0]) : null };
}

describe("a bare $ in a plan in another currency", () => {
  const csv = 'Account Name,ARR\nAcme,"$80,000"\nGlobex,$5000\nInitech,"€10,000"\n';

  test("is US dollars, converted with fx.USD, never read as the plan's euros", async () => {
    // $80,000 x 0.9 = €72,000; $5,000 x 0.9 = €4,500; €10,000 as it is: €86,500.
    const r = await plan(csv, "--set", "currency=EUR", "--set", "fx.USD=0.9");
    expect(r.err).toEqual([]);
    expect(r.plan?.reconciliation.arrPlanned).toBe(86500);
    expect(r.plan?.reconciliation.currencies).toEqual(
      expect.arrayContaining([
        { code: "USD", rows: 2, converted: true },
        { code: "EUR", rows: 1, converted: false },
      ])
    );
  });

  test("without a USD rate each dollar row is left out with the reason", async () => {
    const r = await plan(csv, "--set", "currency=EUR");
    expect(r.plan?.reconciliation.arrPlanned).toBe(10000);
    expect(r.plan?.skipped.map((s) => [s.row, s.kind])).toEqual([
      [2, "currency"],
      [3, "currency"],
    ]);
    expect(r.plan?.skipped[0].reason).toMatch(/in USD and there is no USD rate into EUR/);
  });

  test("in a dollar plan it is still the plan's dollars", async () => {
    // $80,000 + $5,000; the euros have no rate.
    const r = await plan(csv);
    expect(r.plan?.reconciliation.arrPlanned).toBe(85000);
    expect(r.plan?.skipped.map((s) => s.kind)).toEqual(["currency"]);
  });
});

describe("currencies with three decimals (Kuwaiti and Bahraini dinars)", () => {
  test("their codes are read in the amount's text, not refused as text", async () => {
    // KWD 1,250.500 x 3 = 3,751.50; BHD 3,000.125 x 2 = 6,000.25; together 9,751.75.
    const r = await plan(
      'Account Name,ARR\nAcme,"KWD 1,250.500"\nGlobex,"BHD 3,000.125"\n',
      "--set",
      "fx.KWD=3",
      "--set",
      "fx.BHD=2"
    );
    expect(r.err).toEqual([]);
    expect(r.plan?.skipped).toEqual([]);
    expect(r.plan?.reconciliation.arrPlanned).toBe(9751.75);
  });

  test("without a rate, the reason names the currency", async () => {
    const r = await plan('Account Name,ARR\nAcme,"KWD 1,250.500"\nGlobex,"$1,000"\n');
    expect(r.plan?.skipped[0].reason).toMatch(/in KWD and there is no KWD rate into USD/);
  });
});

describe("a Brazilian export (R$, decimal comma, Total geral)", () => {
  const csv = [
    "Nome da conta;Proprietário da conta;ARR;Tipo",
    "Acme;Ana;R$ 1.234,56;Cliente",
    "Globex;Ana;R$ 80.000,00;Cliente",
    "Ana Total;;R$ 81.234,56;",
    "Initech;Rui;R$ 250.000;Cliente",
    "Hooli;Rui;US$ 1.500,00;Cliente",
    "Total geral;;R$ 331.234,56;",
  ].join("\r\n");

  test("R$ amounts are reais, read in the column's locale and converted; US$ is dollars", async () => {
    // R$ 1,234.56 x 0.2 = 246.912 -> 246.91; R$ 80,000 x 0.2 = 16,000; R$ 250,000 x 0.2
    // = 50,000; US$ 1,500 as it is. Planned: 246.91 + 16,000 + 50,000 + 1,500 = 67,746.91.
    const r = await plan(csv, "--set", "fx.BRL=0.2");
    expect(r.err).toEqual([]);
    expect(r.plan?.skipped).toEqual([]);
    expect(r.plan?.reconciliation.accountsPlanned).toBe(4);
    expect(r.plan?.reconciliation.arrPlanned).toBe(67746.91);
  });
});

describe("a Salesforce multi-currency amount shown with its conversion", () => {
  test("EUR 45,000.00 (USD 48,600.00) is 45,000 euros, converted at the plan's rate", async () => {
    // 45,000 x 1.10 = 49,500 (the plan's rate, not the 1.08 Salesforce used); + 10,000 = 59,500.
    const r = await plan(
      'Account Name,ARR\nAcme,"EUR 45,000.00 (USD 48,600.00)"\nGlobex,"USD 10,000.00"\n',
      "--set",
      "fx.EUR=1.1"
    );
    expect(r.err).toEqual([]);
    expect(r.plan?.skipped).toEqual([]);
    expect(r.plan?.reconciliation.arrPlanned).toBe(59500);
  });

  test("written with a decimal comma, the same", async () => {
    // 45,000 x 1.1 = 49,500; 1,250.50 x 1.1 = 1,375.55; together 50,875.55.
    const r = await plan(
      "Account Name;ARR\nAcme;EUR 45.000,00 (USD 48.600,00)\nGlobex;EUR 1.250,50 (USD 1.350,54)\n",
      "--set",
      "fx.EUR=1.1"
    );
    expect(r.err).toEqual([]);
    expect(r.plan?.reconciliation.arrPlanned).toBe(50875.55);
  });

  test("without a rate for the record's currency, left out naming it", async () => {
    const r = await plan(
      'Account Name,ARR\nAcme,"EUR 45,000.00 (USD 48,600.00)"\nGlobex,"USD 10,000.00"\n'
    );
    expect(r.plan?.reconciliation.arrPlanned).toBe(10000);
    expect(r.plan?.skipped[0].reason).toMatch(/in EUR and there is no EUR rate into USD/);
  });
});

describe("a currency column holding currency names (Dynamics 365's Currency lookup)", () => {
  test("English names are their codes; a name several currencies share is refused", async () => {
    // Euro 80,000 x 1.1 = 88,000; US Dollar 1,000; British Pound 700 x 1.25 = 875;
    // Pound Sterling 100 x 1.25 = 125; Japanese Yen 10,000 x 0.007 = 70: 90,070.
    const r = await plan(
      [
        "Account Name,ARR,Currency",
        "Acme,80000,Euro",
        "Globex,1000,US Dollar",
        "Initech,700,British Pound",
        "Hooli,100,Pound Sterling",
        "Umbrella,10000,Japanese Yen",
        "Stark,5,Dollar",
      ].join("\n"),
      "--set",
      "fx.EUR=1.1",
      "--set",
      "fx.GBP=1.25",
      "--set",
      "fx.JPY=0.007"
    );
    expect(r.err).toEqual([]);
    expect(r.plan?.reconciliation.arrPlanned).toBe(90070);
    // Stark's 5 is an amount; its currency is what is unclear (counted so in the summary).
    expect(r.plan?.skipped.map((s) => [s.row, s.kind])).toEqual([[7, "currency"]]);
    expect(r.plan?.skipped[0].reason).toMatch(
      /"Dollar" in the "Currency" column is not a currency/
    );
  });
});

describe("a Japanese export", () => {
  test("full-width digits and yen sign are read as the digits they are; 合計 is the total", async () => {
    // ￥１，２３４，５６７ is ¥1,234,567 x 0.01 = 12,345.67; １２３４ (no sign) is $1,234;
    // ¥80,000 x 0.01 = 800. Planned 14,379.67; the 合計 row is not an account.
    const r = await plan(
      '取引先名,ARR\nAcme,"￥１，２３４，５６７"\nGlobex,１２３４\nInitech,"¥80,000"\n合計,,\n',
      "--set",
      "fx.JPY=0.01"
    );
    expect(r.err).toEqual([]);
    expect(r.plan?.skipped).toEqual([]);
    expect(r.plan?.reconciliation.accountsPlanned).toBe(3);
    expect(r.plan?.reconciliation.arrPlanned).toBe(14379.67);
  });
});

describe("negative amounts as SAP and Excel write them", () => {
  test("a trailing minus (1.234,56-) is a negative amount, left out as one", async () => {
    const r = await plan(
      "Account Name;ARR\nAcme;1.234,56-\nGlobex;80.000,00\nInitech;(2.000,00)\nHooli;EUR 500,00-\n",
      "--set",
      "fx.EUR=1"
    );
    expect(r.err).toEqual([]);
    expect(r.plan?.reconciliation.arrPlanned).toBe(80000);
    expect(r.plan?.skipped.map((s) => [s.row, s.kind])).toEqual([
      [2, "negative"],
      [4, "negative"],
      [5, "negative"],
    ]);
    expect(r.plan?.skipped[0].reason).toBe(
      "the ACV -1,234.56 is negative (a credit note or refund?)"
    );
  });
});

describe("Czech and Hungarian amounts", () => {
  test("Kč and Ft after the amount are koruna and forint, each one currency", async () => {
    // 1 234,50 Kč x 0.04 = 49.38; 80 000 Ft x 0.003 = 240; together 289.38.
    const r = await plan(
      "Account Name;ARR\nAcme;1 234,50 Kč\nGlobex;80 000 Ft\n",
      "--set",
      "fx.CZK=0.04",
      "--set",
      "fx.HUF=0.003"
    );
    expect(r.err).toEqual([]);
    expect(r.plan?.skipped).toEqual([]);
    expect(r.plan?.reconciliation.arrPlanned).toBe(289.38);
  });
});

describe("Japanese Excel's CSV, saved in Shift_JIS", () => {
  test("its names and statuses are read, and its ¥ amounts (a backslash's byte) are yen", async () => {
    // 取引先名,取引先 種別,ARR / 株式会社山田商事,顧客,"\30,000,000" / 佐藤工業株式会社,見込み客,"\5,000,000" /
    // 鈴木システム,顧客,"\2,000,000", as Python's cp932 codec writes it.
    const bytes = Buffer.from(
      "8ee688f890e696bc2c8ee688f890e6208eed95ca2c4152520d0a8a948eae89ef8ed08e5293638fa48e962c8cda" +
        "8b712c225c33302c3030302c303030220d0a8db293a18d488bc68a948eae89ef8ed02c8ca98d9e82dd8b712c22" +
        "5c352c3030302c303030220d0a97e996d883568358836583802c8cda8b712c225c322c3030302c303030220d0a",
      "hex"
    );
    // ¥30,000,000 x 0.0067 = $201,000 and ¥2,000,000 x 0.0067 = $13,400: $214,400; the 見込み客
    // (prospect) left out. Before, the file was read as Windows-1252 and every amount was "not an amount".
    const r = await plan(bytes, "--set", "fx.JPY=0.0067");
    expect(r.err).toEqual([]);
    expect(r.plan?.reconciliation.arrPlanned).toBe(214_400);
    expect(r.plan?.reconciliation.accountsPlanned).toBe(2);
    expect(r.plan?.reconciliation.currencies).toEqual([{ code: "JPY", rows: 3, converted: true }]);
    expect(r.plan?.skipped.map((s) => [s.row, s.kind])).toEqual([[3, "status"]]);
  });
});

describe("a row left out because its currency is unclear is counted as such, not as not an amount", () => {
  test('an .xlsx number formatted #,##0 "kr", a text with an unknown sign, a currency clash', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("Accounts");
    sheet.addRow(["Account Name", "ACV"]);
    sheet.addRow(["Acme", 80000]);
    // kr is Swedish, Norwegian, Danish or Icelandic: which one the format does not say.
    sheet.addRow(["Nordic", 100000]).getCell(2).numFmt = '#,##0 "kr"';
    sheet.addRow(["Krona", "kr 5 000"]);
    sheet.addRow(["Typo", "see contract"]);
    const input = path.join(dir, `export-${++files}.xlsx`);
    await wb.xlsx.writeFile(input);
    const r = await run("plan", input, "-o", path.join(dir, `plan-${files}.xlsx`), "--json");
    expect(r.err).toEqual([]);
    const planned = JSON.parse(r.out[0]) as NonNullable<Planned["plan"]> & {
      reconciliation: { skipped: Record<string, number> };
    };
    expect(planned.skipped.map((s) => [s.row, s.kind])).toEqual([
      [3, "currency"],
      [4, "currency"],
      [5, "unreadable"],
    ]);
    // Only Acme's 80,000 is planned; the summary's breakdown counts 2 currency rows, 1 not an amount.
    expect(planned.reconciliation.arrPlanned).toBe(80000);
    expect(planned.reconciliation.skipped).toEqual({ currency: 2, unreadable: 1 });
  });
});
