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
