/**
 * A CRM's long notes field can exceed what an Excel cell holds (32,767
 * characters). The plan workbook copies every column of the export, and a
 * longer text made Excel open it only after a repair; the text is now cut
 * to the limit, with a warning that says where.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { runCli } from "../helpers/cli";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-plan-long-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

test("a text longer than a cell holds is cut to 32,767 characters in the plan, with a warning", async () => {
  const file = path.join(dir, "notes.csv");
  const notes = "n".repeat(40_000);
  await fs.writeFile(file, `Account Name,ACV,Notes\nAcme,80000,${notes}\nBeta,120000,short\n`);
  const output = path.join(dir, "plan.xlsx");
  const run = await runCli("plan", file, "-o", output, "--json");
  expect(run.code).toBe(0);
  const plan = JSON.parse(run.out.join("\n")) as {
    warnings: string[];
    reconciliation: { arrPlanned: number };
  };
  expect(plan.warnings).toEqual([
    '1 cell holds more text than an Excel cell can (32,767 characters); the plan workbook keeps the first 32,767 of each (first: row 2, column "Notes", 40,000 characters)',
  ]);
  expect(plan.reconciliation.arrPlanned).toBe(200000);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(output);
  const accounts = workbook.worksheets.find((s) => s.getCell("A1").value === "Account Name")!;
  const cell = accounts.getCell("C2").value;
  expect(cell).toBe("n".repeat(32_767));
  expect(accounts.getCell("C3").value).toBe("short");
});
