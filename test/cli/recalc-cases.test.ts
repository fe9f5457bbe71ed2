/**
 * recalc on the shapes real workbooks take: a CS result spilled by Excel
 * (an array formula over its range), a spill that would change size, a table
 * with icon and top-10 filters, a merged range whose top-left is a CS
 * formula, a table reference Excel would not resolve. Expected values by
 * hand from MODEL.md.
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import JSZip from "jszip";
import { Catalog } from "../../src/engine/catalog";
import { testCatalog } from "../helpers/engine";
import { addFormulaRow, zipParts } from "../helpers/patch-xlsx";
import { run, validate } from "../helpers/recalc-run";

const FIXTURES = path.join(__dirname, "..", "fixtures", "excel-saved");
let catalog: Catalog;
let dir: string;
beforeAll(async () => {
  catalog = await testCatalog();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-recalc-cases-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function rowAfter(file: string, part: string, row: number): Promise<string> {
  const xml = (await zipParts(await fs.readFile(file))).get(part)!.toString("utf8");
  return new RegExp(`<row r="${row}">.*?</row>`).exec(xml)![0];
}

test("a spilled CS result is written across its range, and what sums it follows", async () => {
  const original = await fs.readFile(path.join(FIXTURES, "exceljs-gold.xlsx"));
  const n = (await addFormulaRow(original, [])).row;
  // MODEL.md §5: 60,000 of expansion splits 70/30, CSM 42,000 and AE 18,000.
  const patched = await addFormulaRow(original, [
    { col: "A", formula: "_xldudf_CS_EXPANSION_SPLIT(60000)", array: `A${n}:B${n}` },
    { col: "B" },
    { col: "C", formula: `SUM(A${n}:B${n})` },
  ]);
  const input = path.join(dir, "spill.xlsx");
  const output = path.join(dir, "spill-out.xlsx");
  await fs.writeFile(input, patched.bytes);
  const r = await run(() => catalog, "recalc", input, "-o", output);
  expect(r.out[0]).toMatch(
    /^Recalculated 1 CS formulas and 1 formulas that use them; 3 cells changed;/
  );
  expect(await rowAfter(output, patched.part, n)).toBe(
    `<row r="${n}"><c r="A${n}"><f t="array" ref="A${n}:B${n}">_xldudf_CS_EXPANSION_SPLIT(60000)</f><v>42000</v></c>` +
      `<c r="B${n}"><v>18000</v></c><c r="C${n}"><f>SUM(A${n}:B${n})</f><v>60000</v></c></row>`
  );
  const check = validate(output);
  if (!check.ok) throw new Error(check.report);
}, 120_000);

test("a spill that would change size keeps its saved values and is listed", async () => {
  const original = await fs.readFile(path.join(FIXTURES, "exceljs-gold.xlsx"));
  const n = (await addFormulaRow(original, [])).row;
  // Saved three wide; the split is two cells wide: Excel would shrink the spill.
  const patched = await addFormulaRow(original, [
    { col: "A", formula: "_xldudf_CS_EXPANSION_SPLIT(60000)", array: `A${n}:C${n}` },
    { col: "B" },
    { col: "C" },
  ]);
  const input = path.join(dir, "resize.xlsx");
  const output = path.join(dir, "resize-out.xlsx");
  await fs.writeFile(input, patched.bytes);
  const r = await run(() => catalog, "recalc", input, "-o", output);
  expect(r.code).toBe(0);
  expect(r.out).toEqual([
    `Recalculated 0 CS formulas and 0 formulas that use them; 0 cells changed; wrote ${output}`,
    "1 formulas kept the value Excel saved (recalculate them in Excel):",
    `  Values!A${n}: its spill would change size; recalculate it in Excel`,
  ]);
}, 120_000);

test("a table with icon and top-10 filters, a merged range over a CS formula, an unresolvable table reference", async () => {
  const zip = await JSZip.loadAsync(
    await fs.readFile(path.join(FIXTURES, "calamine-temperature-table.xlsx"))
  );
  const table = await zip.file("xl/tables/table1.xml")!.async("string");
  zip.file(
    "xl/tables/table1.xml",
    table.replace(
      /(<autoFilter ref="A1:B3"[^>]*?)\/>/,
      '$1><filterColumn colId="0"><iconFilter iconSet="3Arrows" iconId="0"/></filterColumn>' +
        '<filterColumn colId="1"><top10 val="1"/></filterColumn></autoFilter>'
    )
  );
  const filtered = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  const n = (await addFormulaRow(filtered, [])).row;
  // MODEL.md §1: the largest value, 72, times 10,000 is 720,000: Strategic (250,000 and up).
  const patched = await addFormulaRow(filtered, [
    { col: "A", formula: "_xldudf_CS_TIER(MAX(Temperature[value])*10000)" },
    { col: "C", formula: "_xldudf_CS_TIER(Temperature[[#Totals],[value]])" },
  ]);
  const withMerge = await JSZip.loadAsync(patched.bytes);
  withMerge.file(
    patched.part,
    patched.after.replace(
      "<pageMargins",
      `<mergeCells count="1"><mergeCell ref="A${n}:B${n}"/></mergeCells><pageMargins`
    )
  );
  const input = path.join(dir, "filtered.xlsx");
  const output = path.join(dir, "filtered-out.xlsx");
  await fs.writeFile(
    input,
    await withMerge.generateAsync({ type: "nodebuffer", compression: "DEFLATE" })
  );
  const r = await run(() => catalog, "recalc", input, "-o", output);
  expect(r.err).toEqual([]);
  expect(r.out).toEqual([
    `Recalculated 1 CS formulas and 0 formulas that use them; 1 cells changed; wrote ${output}`,
    "1 formulas kept the value Excel saved (recalculate them in Excel):",
    `  Sheet1!C${n}: Temperature has no totals row`,
  ]);
  expect(await rowAfter(output, patched.part, n)).toBe(
    `<row r="${n}"><c r="A${n}" t="str"><f>_xldudf_CS_TIER(MAX(Temperature[value])*10000)</f><v>Strategic</v></c>` +
      `<c r="C${n}"><f>_xldudf_CS_TIER(Temperature[[#Totals],[value]])</f><v>0</v></c></row>`
  );
  const before = await zipParts(await fs.readFile(input));
  const after = await zipParts(await fs.readFile(output));
  for (const [part, bytes] of before)
    if (part !== patched.part)
      expect({ part, same: after.get(part)!.equals(bytes) }).toEqual({ part, same: true });
  const check = validate(output);
  if (!check.ok) throw new Error(check.report);
}, 120_000);

/**
 * Recalculates gold.xlsx with a row of cells added: a CS spill over FILTER
 * saved as an array formula over `spill` (columns A to it), and C's content.
 * Returns the output lines and the row.
 */
async function recalcFilterSpill(
  name: string,
  spill: "B" | "C",
  c: { col: "C"; formula?: string }
): Promise<{ out: string[]; code: number; n: number; output: string }> {
  const original = await fs.readFile(path.join(FIXTURES, "exceljs-gold.xlsx"));
  const n = (await addFormulaRow(original, [])).row;
  const patched = await addFormulaRow(original, [
    {
      col: "A",
      formula: "_xldudf_CS_TIER(_xlfn._xlws.FILTER({300000,5,7},{TRUE,TRUE,FALSE}))",
      array: `A${n}:${spill}${n}`,
    },
    { col: "B" },
    c,
  ]);
  const input = path.join(dir, `${name}.xlsx`);
  const output = path.join(dir, `${name}-out.xlsx`);
  await fs.writeFile(input, patched.bytes);
  const r = await run(() => catalog, "recalc", input, "-o", output);
  return { out: r.out, code: r.code, n, output };
}

const SPILL_SIZE_REASON =
  "the engine cannot size its spill as Excel does (it fixes a spill's size before computing, and cannot know it here: a FILTER, UNIQUE or SORT argument, or a part read from a cell)";

test("a CS spill over FILTER, saved at the size the engine guesses, keeps its values: the engine cannot size it", async () => {
  // FILTER keeps 300,000 and 5 (two cells); the engine sizes the spill from FILTER's input, three
  // cells, as the file's saved range is (saved while all three passed, calculation manual).
  // Writing there would put #VALUE! in Excel's place: the cells keep their saved 0.
  const { out, code, n, output } = await recalcFilterSpill("filter", "C", { col: "C" });
  expect(code).toBe(0);
  expect(out).toEqual([
    `Recalculated 0 CS formulas and 0 formulas that use them; 0 cells changed; wrote ${output}`,
    "1 formulas kept the value Excel saved (recalculate them in Excel):",
    `  Values!A${n}: ${SPILL_SIZE_REASON}`,
  ]);
}, 120_000);

test("a CS spill over FILTER whose guessed size runs into another cell keeps its values, with the same reason", async () => {
  // Excel spilled two tiers into A:B; the engine sizes the spill three wide (FILTER's input)
  // and finds C taken, so it says #SPILL!: no such error in Excel, and no value to write.
  const { out, code, n, output } = await recalcFilterSpill("filter-blocked", "B", {
    col: "C",
    formula: "1+1",
  });
  expect(code).toBe(0);
  expect(out).toEqual([
    `Recalculated 0 CS formulas and 0 formulas that use them; 0 cells changed; wrote ${output}`,
    "1 formulas kept the value Excel saved (recalculate them in Excel):",
    `  Values!A${n}: ${SPILL_SIZE_REASON}`,
  ]);
}, 120_000);
