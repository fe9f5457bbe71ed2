/**
 * A workbook written by a program that does not calculate (a script's
 * openpyxl or ExcelJS output, a CRM's template) stores its formulas without
 * results. Such an ACV read as "the ACV is blank", and a row whose every
 * cell is such a formula was passed over as an empty line: an account lost
 * without a word. Each is now listed with what to do. Excel's own "" result
 * (an empty <v/>) is a blank, as before.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { runCli } from "../helpers/cli";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-plan-uncalc-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

test("an ACV formula saved without its result is listed as not calculated, never passed over", async () => {
  const file = path.join(dir, "uncalculated.xlsx");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Accounts");
  sheet.addRow(["Account Name", "MRR", "ACV"]);
  sheet.addRow(["Acme", 1000, { formula: "B2*12", result: 12000 }]);
  sheet.addRow(["Beta", 2000, { formula: "B3*12" }]);
  // Every cell a formula without a result: it looked like an empty line.
  sheet.addRow([{ formula: "Data!A4" }, { formula: "Data!B4" }, { formula: "B4*12" }]);
  sheet.addRow(["Delta", 4000, 48000]);
  await workbook.xlsx.writeFile(file);
  const run = await runCli("plan", file, "-o", path.join(dir, "plan.xlsx"), "--json");
  expect(run.code).toBe(0);
  const plan = JSON.parse(run.out.join("\n")) as {
    skipped: { row: number; reason: string; kind: string }[];
    reconciliation: { rowsRead: number; arrPlanned: number };
  };
  expect(plan.skipped.map((s) => [s.row, s.kind])).toEqual([
    [3, "unreadable"],
    [4, "unreadable"],
  ]);
  expect(plan.skipped[0].reason).toMatch(
    /formula saved without its result.*open the file in Excel and save it/
  );
  expect(plan.reconciliation.rowsRead).toBe(4);
  expect(plan.reconciliation.arrPlanned).toBe(60000);
});

test("an ACV cell holding an Excel error (a VLOOKUP's #N/A) is left out naming the error, not as a mistyped amount", async () => {
  const file = path.join(dir, "errors.xlsx");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Accounts");
  sheet.addRow(["Account Name", "ACV"]);
  sheet.addRow(["Acme", 120000]);
  sheet.addRow(["Beta", { formula: "VLOOKUP(A3,Prices!A:B,2,FALSE)", result: { error: "#N/A" } }]);
  sheet.addRow(["Gamma", { formula: "1/0", result: { error: "#DIV/0!" } }]);
  sheet.addRow(["Delta", 30000]);
  await workbook.xlsx.writeFile(file);
  const run = await runCli("plan", file, "-o", path.join(dir, "plan-errors.xlsx"), "--json");
  expect(run.code).toBe(0);
  const plan = JSON.parse(run.out.join("\n")) as {
    skipped: { row: number; reason: string; kind: string }[];
    reconciliation: { arrPlanned: number };
  };
  expect(plan.skipped.map((s) => [s.row, s.kind, s.reason.slice(0, 45)])).toEqual([
    [3, "unreadable", "the ACV cell holds Excel's error #N/A (a form"],
    [4, "unreadable", "the ACV cell holds Excel's error #DIV/0! (a f"],
  ]);
  // Acme 120,000 + Delta 30,000.
  expect(plan.reconciliation.arrPlanned).toBe(150000);
});
