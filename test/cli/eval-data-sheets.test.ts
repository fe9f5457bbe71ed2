/**
 * `eval --data BOOK.xlsx` on workbooks whose first tab is hidden, as FP&A
 * models often are (a hidden lookup or settings sheet in front): the
 * formulas see the first visible worksheet, the one Excel shows, never a
 * hidden one unless --sheet names it; a note on stderr says which hidden
 * sheets were passed over. Expected tiers by hand from MODEL.md §1.
 */
import { mkdtempSync, rmSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { runCli } from "../helpers/cli";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "cs-eval-sheets-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function book(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const lookup = wb.addWorksheet("Lookup", { state: "hidden" });
  lookup.addRows([
    ["Tier", "Min ACV"],
    ["Strategic", 250000],
  ]);
  const settings = wb.addWorksheet("Réglages", { state: "veryHidden" });
  settings.addRows([
    ["Key", "Value"],
    ["x", 1000000],
    ["y", 1000000],
  ]);
  const accounts = wb.addWorksheet("Accounts");
  accounts.addRows([
    ["Account", "ACV"],
    ["Acme", 300000],
    ["Globex", 20000],
  ]);
  const p = path.join(dir, file);
  await wb.xlsx.writeFile(p);
  return p;
}

test("a hidden and a very hidden sheet in front: the first visible one is read, with a note", async () => {
  const file = await book("hidden-first.xlsx");
  // Accounts!B2:B3 = 300,000 (Strategic, 250,000 and up) and 20,000 (Pooled, 15,000 to 50,000).
  const r = await runCli("eval", "--json", "--data", file, "=CS.TIER(B2:B3)");
  expect(r.code).toBe(0);
  expect(r.out).toEqual(['[["Strategic"],["Pooled"]]']);
  expect(r.err).toEqual([
    `note: ${file}: read the worksheet "Accounts"; the hidden worksheets "Lookup", "Réglages" in front of it were passed over (--sheet NAME reads one)`,
  ]);
}, 60_000);

test("--sheet still reads a hidden sheet, by name or position, without a note", async () => {
  const file = await book("hidden-named.xlsx");
  // Lookup!B2 = 250,000: exactly the Strategic minimum, so Strategic.
  const byName = await runCli(
    "eval",
    "--json",
    "--data",
    file,
    "--sheet",
    "Lookup",
    "=CS.TIER(B2)"
  );
  expect(byName).toEqual({ code: 0, out: ['"Strategic"'], err: [] });
  // Réglages!B2 = 1,000,000: Strategic.
  const byPosition = await runCli("eval", "--json", "--data", file, "--sheet", "2", "=CS.TIER(B2)");
  expect(byPosition).toEqual({ code: 0, out: ['"Strategic"'], err: [] });
}, 60_000);

test("a formula copied from the workbook: the read sheet by its name works; other sheets, names and tables are named as such", async () => {
  const file = await book("copied.xlsx");
  const r = await runCli(
    "eval",
    "--json",
    "--data",
    file,
    "=CS.REQUIRED_CSMS(Accounts!B2:B3)",
    "=CS.REQUIRED_CSMS('accounts'!$B$2:$B$3)",
    "=CS.TIER(Lookup!B2)",
    "=CS.REQUIRED_CSMS(AcvRange)",
    "=CS.REQUIRED_CSMS(Accounts[ACV])",
    '=CS.TIER("Lookup!B2")'
  );
  expect(r.code).toBe(0);
  // One Strategic account (300,000) at 1:11 and one Pooled (20,000) at 1:50: 1/11 + 1/50.
  expect(r.out.slice(0, 2).map(Number)).toEqual([0.110909090909091, 0.110909090909091]);
  expect(r.out.slice(2, 5).map((line) => JSON.parse(line) as unknown)).toEqual([
    {
      error: "#REF!",
      message:
        '--data gives the formulas one worksheet, "Accounts"; this formula refers to the sheet "Lookup". Read that sheet with --sheet "Lookup", or write the cells without a sheet name',
    },
    {
      error: "#NAME?",
      message:
        "eval does not know the name \"AcvRange\": --data gives the formulas a worksheet's cells, not the workbook's defined names or tables. Write the cells it stands for, such as B2:B100",
    },
    {
      error: "#NAME?",
      message:
        "eval does not know the table \"Accounts\": --data gives the formulas a worksheet's cells, not the workbook's defined names or tables. Write the cells it stands for, such as B2:B100",
    },
  ]);
  // "Lookup!B2" in quotes is text, not a reference: an amount that cannot be read.
  expect(JSON.parse(r.out[5])).toEqual(expect.objectContaining({ error: "#VALUE!" }));
  // Error literals, mixed references and TRUE are not names: B2 is 300,000.
  const plain = await runCli("eval", "--data", file, "=IFERROR(#N/A,B$2)+IF(TRUE,$B3,0)*0");
  expect(plain.out).toEqual(["300000"]);
}, 60_000);
