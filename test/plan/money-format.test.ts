/**
 * The plan workbook writes money in the plan's currency: a EUR plan's ACV
 * column, CS Plan cost cells and hiring plan carry a euro format, a USD plan
 * keeps "$". Through `cs-coverage plan` (the file, opened with ExcelJS) and
 * through the pane's Build coverage plan (the formats it sends to Excel).
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { Catalog } from "../../src/engine/catalog";
import { buildCoveragePlan } from "../../src/taskpane/build-plan";
import { testCatalog } from "../helpers/engine";
import { excel } from "../generators/front-ends";

const EXPORT = [
  ["Account Name", "Account Owner", "ACV"],
  ["Apex Labs", "Ann Lee", 12000],
  ["Birch Systems", "Bob Ortiz", 48000],
  ["Cobalt Group", "Ann Lee", 160000],
  ["Dune Health", "Chen Wu", 300000],
];

let catalog: Catalog;
let dir: string;
beforeAll(async () => {
  catalog = await testCatalog();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-money-format-"));
  await fs.writeFile(
    path.join(dir, "export.csv"),
    EXPORT.map((r) => r.join(",")).join("\r\n") + "\r\n"
  );
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** Every number format in the workbook, and the ones of a few named cells. */
async function formatsOf(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const all = new Set<string>();
  workbook.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.numFmt) all.add(cell.numFmt);
      })
    )
  );
  const accounts = workbook.getWorksheet("CS Accounts")!;
  // The plan's own ACV column ("CS ACV", "CS ACV in EUR"), after the export's columns.
  const acvColumn = (accounts.getRow(1).values as unknown[]).findIndex(
    (h) => typeof h === "string" && h.startsWith("CS ACV")
  );
  expect(acvColumn).toBe(EXPORT[0].length + 1);
  // The CSM's loaded cost on CS Plan: a CS.OTE formula.
  let cost: string | undefined;
  workbook.getWorksheet("CS Plan")!.eachRow((row) =>
    row.eachCell((cell) => {
      const value = cell.value as { formula?: string } | null;
      if (value?.formula?.includes("CS_OTE(") && cost === undefined) cost = cell.numFmt;
    })
  );
  return { all, acv: accounts.getRow(2).getCell(acvColumn).numFmt, cost };
}

async function plan(output: string, ...args: string[]) {
  const err: string[] = [];
  const code = await main(
    ["plan", path.join(dir, "export.csv"), "-o", output, ...args],
    { out: () => undefined, err: (l) => err.push(l) },
    () => catalog
  );
  expect(err).toEqual([]);
  expect(code).toBe(0);
  return formatsOf(output);
}

test("a EUR plan's workbook writes money in euros, a USD plan's in dollars", async () => {
  const eur = await plan(path.join(dir, "eur.xlsx"), "--set", "currency=EUR");
  expect(eur.acv).toBe('"€"#,##0');
  expect(eur.cost).toBe('"€"#,##0');
  expect(eur.all).toContain('"€"#,##0');
  expect([...eur.all].filter((f) => f.includes("$"))).toEqual([]);

  const usd = await plan(path.join(dir, "usd.xlsx"));
  expect(usd.acv).toBe('"$"#,##0');
  expect(usd.cost).toBe('"$"#,##0');
  expect([...usd.all].filter((f) => f.includes("€"))).toEqual([]);
});

test("the pane's build writes the same money formats", async () => {
  const build = async (currency: string) => {
    const { context, writes } = excel(EXPORT);
    const assumptions = { ...defaultAssumptions(), currency };
    const result = await buildCoveragePlan(context, {
      assumptions,
      askAcvColumn: async () => null,
    });
    expect(result.built).toBe(true);
    const formats = writes.filter((w) => w.numberFormat !== undefined);
    // Whole-column formats are one string; cell and spill formats are grids of them.
    const flat = (f: unknown): string[] => (Array.isArray(f) ? f.flat(2).map(String) : [String(f)]);
    return {
      accounts: formats
        .filter((f) => f.sheet === "CS Accounts")
        .flatMap((f) => flat(f.numberFormat)),
      plan: formats.filter((f) => f.sheet === "CS Plan").flatMap((f) => flat(f.numberFormat)),
    };
  };
  const eur = await build("EUR");
  expect(eur.accounts).toContain('"€"#,##0');
  expect(eur.plan).toContain('"€"#,##0');
  expect([...eur.accounts, ...eur.plan].filter((f) => f.includes("$"))).toEqual([]);
  const usd = await build("USD");
  expect(usd.accounts).toContain('"$"#,##0');
  expect(usd.plan).toContain('"$"#,##0');
  expect([...usd.accounts, ...usd.plan].filter((f) => f.includes("€"))).toEqual([]);
});

test("the pane's build reads an amount's currency and an identifier's zeros from Excel's number formats", async () => {
  // As an export pasted into Excel holds it: the amounts are numbers, their currency in the format.
  const rows = [
    ["Account ID", "Account Name", "ACV"],
    [417, "Alpha GmbH", 100000],
    [418, "Beta Ltd", 50000],
    [419, "Gamma Inc", 20000],
  ];
  const numberFormats = [
    ["General", "General", "General"],
    ["000000", "General", "[$€-x-euro2] #,##0"],
    ["000000", "General", '"£"#,##0'],
    ["000000", "General", "#,##0"],
  ];
  const build = async (fx: Record<string, number>) => {
    const { context, writes } = excel(rows, numberFormats);
    const result = await buildCoveragePlan(context, {
      assumptions: { ...defaultAssumptions(), fx },
      askAcvColumn: async () => null,
    });
    if (!result.built) throw new Error(result.message);
    const written = writes.flatMap((w) => (w.sheet === "CS Accounts" ? (w.values ?? []) : []));
    return { result, written };
  };
  // With rates, by hand: 100,000 EUR x 1.10 + 50,000 GBP x 1.25 + 20,000 USD = 192,500 USD.
  const converted = await build({ EUR: 1.1, GBP: 1.25 });
  expect(converted.result.reconciliation?.arrPlanned).toBe(192500);
  expect(converted.result.accounts).toBe(3);
  // The identifiers reach the accounts sheet as Excel shows them, as text (the apostrophe keeps Excel from retyping them).
  expect(converted.written.flat()).toEqual(
    expect.arrayContaining(["'000417", "'000418", "'000419"])
  );
  // Without rates the euro and pound rows are refused, never read as dollars.
  const refused = await build({});
  expect(refused.result.accounts).toBe(1);
  expect(refused.result.reconciliation?.arrPlanned).toBe(20000);
  expect(refused.result.skipped.map((s) => s.reason).join(" | ")).toMatch(/EUR.*\|.*GBP/);
});
