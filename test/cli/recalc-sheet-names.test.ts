/**
 * recalc on workbooks saved by Excel in other languages: Russian Excel names
 * its sheets "Лист1", Greek "Φύλλο1", and Excel writes a reference to such a
 * sheet without quotes (Лист1!B2), as it does for any name of letters and
 * digits; HyperFormula reads unquoted only Latin letters. Expected figures by
 * hand from MODEL.md.
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { Catalog } from "../../src/engine/catalog";
import { testCatalog } from "../helpers/engine";
import { run } from "../helpers/recalc-run";

let catalog: Catalog;
let dir: string;
beforeAll(async () => {
  catalog = await testCatalog();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-recalc-sheet-names-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

test("references to sheets named in Cyrillic and Greek, unquoted as Excel writes them, are computed", async () => {
  const wb = new ExcelJS.Workbook();
  const data = wb.addWorksheet("Лист1");
  data.addRows([["ACV"], [300000], [40000]]);
  wb.addWorksheet("Φύλλο1").getCell("A1").value = 20000;
  const summary = wb.addWorksheet("Сводка");
  const stale = (formula: string) => ({ formula, result: 0 });
  summary.getCell("A1").value = stale("_xldudf_CS_TIER(Лист1!A2)");
  summary.getCell("A2").value = stale("_xldudf_CS_REQUIRED_CSMS(Лист1!A2:A3)");
  summary.getCell("A3").value = stale("_xldudf_CS_TIER(Φύλλο1!A1)");
  summary.getCell("A4").value = stale("_xldudf_CS_TIER('Лист1'!A3)");
  const input = path.join(dir, "cyrillic.xlsx");
  const output = path.join(dir, "cyrillic-out.xlsx");
  await wb.xlsx.writeFile(input);
  const r = await run(() => catalog, "recalc", input, "-o", output);
  expect(r.err).toEqual([]);
  expect(r.out).toEqual([
    `Recalculated 4 CS formulas and 0 formulas that use them; 4 cells changed; wrote ${output}`,
  ]);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(output);
  const result = (ref: string) =>
    (back.getWorksheet("Сводка")!.getCell(ref).value as { result: unknown }).result;
  // 300,000 is Strategic (250,000 and up); 40,000 Pooled (15,000 to 50,000); 20,000 Pooled.
  expect(result("A1")).toBe("Strategic");
  // One Strategic account at 1:11 and one Pooled at 1:50: 1/11 + 1/50 = 0.110909090909091.
  expect(result("A2")).toBeCloseTo(1 / 11 + 1 / 50, 14);
  expect(result("A3")).toBe("Pooled");
  expect(result("A4")).toBe("Pooled");
}, 120_000);
