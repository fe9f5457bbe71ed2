/**
 * A total row with no "Total" label: an Excel table's totals row whose first
 * column shows nothing (or a count), or a SUM of the ACV column typed under
 * the accounts. Its ACV is the sum of the accounts above it, so planned as an
 * account it doubled the ARR (exit 0). The formula says what it is: the row
 * is set aside as a total; a row-wise SUM (an account's quarters) is an
 * account's own figure and is planned.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import JSZip from "jszip";
import os from "os";
import path from "path";
import { planJson as planCli } from "../helpers/cli";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-plan-totals-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

interface PlanJson {
  skipped: unknown[];
  setAside: number;
  reconciliation: { rowsRead: number; accountsPlanned: number; arrPlanned: number };
}

const planJson = (file: string) => planCli<PlanJson>(file, path.join(dir, "plan.xlsx"));

test("an Excel table's totals row without a label, away from A1, is a total, not an account", async () => {
  const file = path.join(dir, "table.xlsx");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Accounts");
  sheet.getCell("B1").value = "Book of business, FY27";
  sheet.addTable({
    name: "Book",
    ref: "B3",
    totalsRow: true,
    columns: [
      { name: "Account Name" },
      { name: "ACV", totalsRowFunction: "sum" },
      { name: "Owner" },
    ],
    rows: [
      ["Acme", 80000, "Ann"],
      ["Beta", 120000, "Bob"],
      ["Gamma", 300000, "Cy"],
    ],
  });
  await workbook.xlsx.writeFile(file);
  // As Excel saves a totals row whose first column shows nothing: no label cell, and
  // SUBTOTAL(109,Book[ACV]) with its cached result (ExcelJS writes a label and no result).
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const part = "xl/worksheets/sheet1.xml";
  const xml = (await zip.file(part)!.async("string")).replace(
    /(<row r="7"[^>]*>)(.*?)(<\/row>)/,
    '$1<c r="C7"><f>SUBTOTAL(109,Book[ACV])</f><v>500000</v></c>$3'
  );
  expect(xml).toContain("<v>500000</v>");
  zip.file(part, xml);
  await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer" }));
  const plan = await planJson(file);
  expect(plan.reconciliation.accountsPlanned).toBe(3);
  expect(plan.reconciliation.arrPlanned).toBe(500000);
  expect(plan.setAside).toBe(1);
  expect(plan.skipped).toEqual([]);
});

test("a SUM of the ACV column under the accounts is a total; a row-wise SUM is an account's ACV", async () => {
  const file = path.join(dir, "sums.xlsx");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Accounts");
  sheet.addRow(["Account Name", "Q1", "Q2", "ACV"]);
  sheet.addRow(["Acme", 40000, 40000, { formula: "SUM(B2:C2)", result: 80000 }]);
  sheet.addRow(["Beta", 60000, 60000, { formula: "SUM(B3:C3)", result: 120000 }]);
  sheet.addRow(["Gamma", 150000, 150000, 300000]);
  sheet.addRow([null, null, null, { formula: "SUM(D2:D4)", result: 500000 }]);
  await workbook.xlsx.writeFile(file);
  const plan = await planJson(file);
  expect(plan.reconciliation.accountsPlanned).toBe(3);
  expect(plan.reconciliation.arrPlanned).toBe(500000);
  expect(plan.setAside).toBe(1);
});
