/**
 * An ACV whose cell shows another amount than it holds: a percentage ("95%"
 * in a CSV, 0.95 formatted 0% in an .xlsx) or a "K" suffix that the number
 * format does not scale (250 formatted #,##0"K" is shown "250K"). Each was
 * planned as a tiny amount ($0.95, $250) with exit 0; each row is now left
 * out with the reason, while a scaled "K" format (#,##0,"K": 250,000 shown
 * "250K") and percentages in other columns read as before.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { planJson as planCli, runCli } from "../helpers/cli";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-plan-shown-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

interface PlanJson {
  skipped: { row: number; value: unknown; reason: string; kind: string }[];
  reconciliation: { rowsRead: number; accountsPlanned: number; arrPlanned: number };
}

const planJson = (file: string) => planCli<PlanJson>(file, path.join(dir, "plan.xlsx"));

test("a CSV's ACV written as a percentage is left out as not an amount, not read as 0.95", async () => {
  const file = path.join(dir, "percent.csv");
  await fs.writeFile(
    file,
    [
      "Account Name,ACV,Renewal Probability",
      "Acme,80000,95%",
      "Beta,95%,80%",
      "Gamma,12.5%,50%",
      "Delta,120000,70%",
    ].join("\n")
  );
  const plan = await planJson(file);
  expect(plan.skipped.map((s) => [s.row, s.value, s.kind])).toEqual([
    [3, "95%", "unreadable"],
    [4, "12.5%", "unreadable"],
  ]);
  expect(plan.reconciliation.accountsPlanned).toBe(2);
  // 80,000 + 120,000: neither 0.95 nor 0.125 is added.
  expect(plan.reconciliation.arrPlanned).toBe(200000);
});

test("an .xlsx ACV formatted as a percentage or with an unscaled K is left out; a scaled K is read", async () => {
  const file = path.join(dir, "formats.xlsx");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Accounts");
  sheet.addRow(["Account Name", "ACV", "Health"]);
  const rows: [string, number, string | undefined][] = [
    ["Acme", 80000, "#,##0"],
    ["Beta", 0.95, "0%"],
    ["Gamma", 250, '#,##0"K"'],
    ["Delta", 250000, '#,##0,"K"'],
    ["Eps", 1.5, '0.0" M"'],
    ["Zeta", 3_000_000, '$#,##0.0,,"M"'],
  ];
  for (const [name, acv, numFmt] of rows) {
    const row = sheet.addRow([name, acv, 0.9]);
    if (numFmt !== undefined) row.getCell(2).numFmt = numFmt;
    // A percentage elsewhere is no concern of the ACV.
    row.getCell(3).numFmt = "0%";
  }
  await workbook.xlsx.writeFile(file);
  const plan = await planJson(file);
  expect(plan.skipped.map((s) => [s.row, s.value, s.kind])).toEqual([
    [3, 0.95, "unreadable"],
    [4, 250, "unreadable"],
    [6, 1.5, "unreadable"],
  ]);
  expect(plan.skipped[0].reason).toMatch(/shown as a percentage \(number format "0%"\)/);
  expect(plan.skipped[1].reason).toMatch(/suffix it does not multiply by/);
  // 80,000 + 250,000 + 3,000,000.
  expect(plan.reconciliation.arrPlanned).toBe(3330000);
  expect(plan.reconciliation.accountsPlanned).toBe(3);
});

test("a KPI line with a percentage above the header is still not taken for the header", async () => {
  const file = path.join(dir, "kpi.csv");
  await fs.writeFile(file, ["ARR growth,12%", "Account Name,ARR", "Acme,80000"].join("\n"));
  const run = await runCli("plan", file, "-o", path.join(dir, "kpi.xlsx"));
  expect(run.code).toBe(0);
  expect(run.out.join("\n")).toMatch(/header row found on row 2/);
  expect(run.out.join("\n")).toMatch(/ARR planned \$80,000/);
});

test("under a header that gives the unit, ARR ($K), a K format agrees and is read in thousands; an M format is refused", async () => {
  const file = path.join(dir, "header-unit.xlsx");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Accounts");
  sheet.addRow(["Account Name", "ARR ($K)"]);
  const cells: [string, number, string][] = [
    ["Acme", 80, '#,##0"K"'],
    ["Beta", 120, "#,##0"],
    ["Gamma", 2, '0.0"M"'],
  ];
  for (const [name, arr, numFmt] of cells) sheet.addRow([name, arr]).getCell(2).numFmt = numFmt;
  await workbook.xlsx.writeFile(file);
  const plan = await planJson(file);
  expect(plan.skipped.map((s) => [s.row, s.value])).toEqual([[4, 2]]);
  // (80 + 120) thousand.
  expect(plan.reconciliation.arrPlanned).toBe(200000);
});
