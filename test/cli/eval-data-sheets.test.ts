/**
 * `eval --data BOOK.xlsx` on workbooks whose first tab is hidden, as FP&A
 * models often are (a hidden lookup or settings sheet in front): the
 * formulas see the first visible worksheet, the one Excel shows, never a
 * hidden one unless --sheet names it; a note on stderr says which hidden
 * sheets were passed over. Expected tiers by hand from MODEL.md §1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
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
        "eval does not know the name \"AcvRange\": --data gives the formulas a worksheet's cells and its tables, not the workbook's defined names. Write the cells it stands for, such as B2:B100",
    },
    {
      error: "#NAME?",
      message: 'the workbook has no table "Accounts" (it has no tables)',
    },
  ]);
  // "Lookup!B2" in quotes is text, not a reference: an amount that cannot be read.
  expect(JSON.parse(r.out[5])).toEqual(expect.objectContaining({ error: "#VALUE!" }));
  // Error literals, mixed references and TRUE are not names: B2 is 300,000.
  const plain = await runCli("eval", "--data", file, "=IFERROR(#N/A,B$2)+IF(TRUE,$B3,0)*0");
  expect(plain.out).toEqual(["300000"]);
}, 60_000);

test("a table of the workbook (ListObject) is read as the cells it stands for", async () => {
  const file = path.join(dir, "table.xlsx");
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Accounts");
  sheet.addRow(["FY2027 accounts"]); // a title above the table: the table starts on row 2
  sheet.addTable({
    name: "Accounts",
    ref: "A2",
    headerRow: true,
    totalsRow: true,
    columns: [
      { name: "Name", totalsRowLabel: "Total" },
      { name: "ACV", totalsRowFunction: "sum" },
    ],
    rows: [
      ["Acme", 300000],
      ["Beta", 60000],
      ["Gamma", 20000],
    ],
  });
  wb.addWorksheet("Notes").addRow(["see Accounts"]);
  await wb.xlsx.writeFile(file);
  // ExcelJS saves the totals formula without its result; Excel would save 380,000.
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  const total = "<f>SUBTOTAL(109,Accounts[ACV])</f>";
  expect(xml).toContain(total);
  zip.file("xl/worksheets/sheet1.xml", xml.replace(total, `${total}<v>380000</v>`));
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  const r = await runCli(
    "eval",
    "--json",
    "--data",
    file,
    "=CS.REQUIRED_CSMS(Accounts[ACV])",
    "=CS.TIER(Accounts[ACV])",
    "=CS.TIER(Accounts[[#Totals],[ACV]])",
    "=CS.TIER(Accounts[@ACV])",
    "=CS.TIER(Deals[ACV])"
  );
  expect(r.err).toEqual([]);
  // MODEL.md §1 and §4: Strategic 1/11, Mid-Market 1/32, Pooled 1/50.
  expect(Number(r.out[0])).toBeCloseTo(1 / 11 + 1 / 32 + 1 / 50, 12);
  expect(JSON.parse(r.out[1])).toEqual([["Strategic"], ["Mid-Market"], ["Pooled"]]);
  // The totals row: 300,000 + 60,000 + 20,000 = 380,000, Strategic.
  expect(JSON.parse(r.out[2])).toBe("Strategic");
  expect(JSON.parse(r.out[3])).toEqual({
    error: "#REF!",
    message:
      "[#This Row] of Accounts outside its rows: an eval formula sits in no row of a table, so a reference to this row ([@ACV], [#This Row]) stands for no cell; write the cell (such as D4) or the whole column (Accounts[ACV])",
  });
  expect(JSON.parse(r.out[4])).toEqual({
    error: "#NAME?",
    message: 'the workbook has no table "Deals" (its tables: "Accounts")',
  });
  // Read from another sheet, the table's cells are on a sheet the formulas do not see.
  const other = await runCli(
    "eval",
    "--json",
    "--data",
    file,
    "--sheet",
    "Notes",
    "=CS.TIER(Accounts[ACV])"
  );
  expect(JSON.parse(other.out[0])).toEqual({
    error: "#REF!",
    message:
      '--data gives the formulas one worksheet, "Notes"; this formula refers to the sheet "Accounts". Read that sheet with --sheet "Accounts", or write the cells without a sheet name',
  });
}, 60_000);
