/**
 * A pivot table keeps its own copy of its source (the pivot cache), and
 * Excel does not refresh it on open: after recalc changes CS results in a
 * pivot's source, the pivot still shows the old figures. recalc cannot
 * rebuild a cache, so it names the pivot tables to refresh. The workbook is
 * calamine-pivots.xlsx (saved by Excel for Mac 16): PivotTable1, PivotTable2,
 * PivotTable1 and PivotTable6 on PivotSheet1-4 read DataSheet; PivotTable5 on
 * PivotSheet4 reads DataSheet2 (from the file's relationships).
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import JSZip from "jszip";
import { Catalog } from "../../src/engine/catalog";
import { testCatalog } from "../helpers/engine";
import { addFormulaRow, zipParts } from "../helpers/patch-xlsx";
import { run } from "../helpers/recalc-run";

const FIXTURES = path.join(__dirname, "..", "fixtures", "excel-saved");
let catalog: Catalog;
let dir: string;
beforeAll(async () => {
  catalog = await testCatalog();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-recalc-pivots-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** The pivots' source grown to row 13, where the CS formulas are added (a source that grew). */
async function withSourceTo13(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await fs.readFile(path.join(FIXTURES, "calamine-pivots.xlsx")));
  const part = "xl/pivotCache/pivotCacheDefinition1.xml";
  const text = await zip.file(part)!.async("string");
  zip.file(part, text.replace('ref="A1:J11" sheet="DataSheet"', 'ref="A1:J13" sheet="DataSheet"'));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

test("pivot tables over changed cells are named, to refresh in Excel; the others are not", async () => {
  const source = await withSourceTo13();
  // MODEL.md §1: 120,000 is Enterprise.
  const patched = await addFormulaRow(
    source,
    [{ col: "A", formula: "_xldudf_CS_TIER(120000)" }],
    "xl/worksheets/sheet5.xml"
  );
  expect(patched.row).toBe(13);
  const input = path.join(dir, "pivots.xlsx");
  const output = path.join(dir, "pivots-out.xlsx");
  await fs.writeFile(input, patched.bytes);
  const r = await run(() => catalog, "recalc", input, "-o", output);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  expect(r.out).toEqual([
    `Recalculated 1 CS formulas and 0 formulas that use them; 1 cells changed; wrote ${output}`,
    "4 pivot tables summarise cells that changed and still show the old figures (a pivot keeps its own copy of its source); refresh them in Excel (Data > Refresh All):",
    "  PivotSheet1: PivotTable1 (from DataSheet!A1:J13)",
    "  PivotSheet2: PivotTable2 (from DataSheet!A1:J13)",
    "  PivotSheet3: PivotTable1 (from DataSheet!A1:J13)",
    "  PivotSheet4: PivotTable6 (from DataSheet!A1:J13)",
  ]);
  // The pivot parts themselves are copied as they were.
  const before = await zipParts(await fs.readFile(input));
  const after = await zipParts(await fs.readFile(output));
  for (const [part, bytes] of before)
    if (part.includes("pivot"))
      expect({ part, same: after.get(part)!.equals(bytes) }).toEqual({ part, same: true });
}, 120_000);

test("a change outside every pivot's source names none", async () => {
  const patched = await addFormulaRow(
    await fs.readFile(path.join(FIXTURES, "calamine-pivots.xlsx")),
    [{ col: "A", formula: "_xldudf_CS_TIER(120000)" }],
    "xl/worksheets/sheet5.xml"
  );
  const input = path.join(dir, "outside.xlsx");
  const output = path.join(dir, "outside-out.xlsx");
  await fs.writeFile(input, patched.bytes);
  const r = await run(() => catalog, "recalc", input, "-o", output);
  expect(r.out).toEqual([
    `Recalculated 1 CS formulas and 0 formulas that use them; 1 cells changed; wrote ${output}`,
  ]);
}, 120_000);
