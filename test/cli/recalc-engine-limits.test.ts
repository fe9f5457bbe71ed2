/**
 * recalc on formulas Excel computes and the engine cannot, where an IFERROR,
 * a CS function's own error handling or a SUM would otherwise turn the
 * engine's failure into a plausible value: LET (saved as _xlfn.LET with
 * _xlpm. parameters), the implicit-intersection @ (_xlfn.SINGLE), a VBA
 * function of an .xlsm, and a dynamic name built with OFFSET of a computed
 * size. Each keeps the value Excel saved and is listed; what depends on it
 * reads that value. And a spill reference (A8#), which the engine reads as
 * the spill's saved range. Expected figures by hand from MODEL.md.
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
const SHEET = "xl/worksheets/sheet1.xml";
let catalog: Catalog;
let dir: string;
beforeAll(async () => {
  catalog = await testCatalog();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-recalc-limits-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A cell as Excel writes it: a formula with its cached value (text as t="str"). */
function cell(ref: string, formula: string, saved: number | string): string {
  const type = typeof saved === "string" ? ' t="str"' : "";
  return `<c r="${ref}"${type}><f>${escape(formula)}</f><v>${escape(String(saved))}</v></c>`;
}

/** exceljs-gold.xlsx (saved by Excel 16) with row 8 and defined names added. */
async function workbook(row: string, names: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await fs.readFile(path.join(FIXTURES, "exceljs-gold.xlsx")));
  const sheet = await zip.file(SHEET)!.async("string");
  zip.file(SHEET, sheet.replace("</sheetData>", `<row r="8">${row}</row></sheetData>`));
  const book = await zip.file("xl/workbook.xml")!.async("string");
  if (names !== "")
    zip.file(
      "xl/workbook.xml",
      book.replace("</sheets>", `</sheets><definedNames>${names}</definedNames>`)
    );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

test("LET, @, a VBA function and an OFFSET name the engine cannot compute keep Excel's values, even under IFERROR", async () => {
  // A8 is an ACV of 300,000: Strategic (MODEL.md §1, 250,000 and up), 1/11 of a CSM (1:11).
  const row = [
    '<c r="A8"><v>300000</v></c>',
    cell("B8", 'IFERROR(_xlfn.LET(_xlpm.x,A8,_xldudf_CS_TIER(_xlpm.x)),"none")', "Strategic"),
    cell("C8", "IFERROR(_xldudf_CS_REQUIRED_CSMS(Book),0)", 0.0909090909090909),
    cell("D8", "_xldudf_CS_TIER(_xlfn.SINGLE(A:A))", "Strategic"),
    cell("E8", 'IFERROR(_xldudf_CS_TIER(FxRate(A8)),"?")', "Strategic"),
    // Computed as before: stale values that must be corrected (1/11; 1/11 x 11 = 1).
    cell("F8", "_xldudf_CS_REQUIRED_CSMS(A8)", 0),
    cell("G8", "F8*11", 0),
    // Depends on a kept cell: reads its saved value, so stays "Strategic!".
    cell("H8", 'B8&"!"', "Strategic!"),
    cell("I8", "IFERROR(_xldudf_CS_REQUIRED_CSMS(Linked),0)", 0.5),
    cell("J8", 'IFERROR(_xldudf_CS_TIER(Pointer),"")', "Strategic"),
    // A fixed-size OFFSET the engine reads (as its parser does): 300,000, Strategic.
    cell("K8", "_xldudf_CS_TIER(OFFSET(A8,0,0,1,1))", 0),
  ].join("");
  const names =
    '<definedName name="_xlfn.LET" hidden="1">#NAME?</definedName>' +
    '<definedName name="_xlfn.SINGLE" hidden="1">#NAME?</definedName>' +
    '<definedName name="_xlpm.x" hidden="1">#NAME?</definedName>' +
    '<definedName name="Book">OFFSET(Values!$A$8,0,0,COUNTA(Values!$A$8:$A$8),1)</definedName>' +
    '<definedName name="Linked">[1]Sheet1!$A$1:$A$9</definedName>' +
    '<definedName name="Pointer">INDIRECT("Values!A8")</definedName>';
  const input = path.join(dir, "limits.xlsx");
  const output = path.join(dir, "limits-out.xlsx");
  await fs.writeFile(input, await workbook(row, names));
  const r = await run(() => catalog, "recalc", input, "-o", output);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  expect(r.out[0]).toMatch(
    /^Recalculated 2 CS formulas and 2 formulas that use them; 3 cells changed;/
  );
  expect(r.out.slice(1).sort()).toEqual(
    [
      "6 formulas kept the value Excel saved (recalculate them in Excel):",
      "  Values!B8: the engine has no function LET",
      "  Values!C8: it uses the name Book, which the engine cannot compute (an OFFSET whose size is computed)",
      "  Values!I8: it uses the name Linked, which reads another workbook ([1]Sheet1!$A$1:$A$9)",
      "  Values!J8: it uses the name Pointer, which calls INDIRECT, a function the engine lacks",
      "  Values!D8: the engine has no function SINGLE",
      "  Values!E8: the engine has no function FxRate",
    ].sort()
  );
  const after = (await zipParts(await fs.readFile(output))).get(SHEET)!.toString("utf8");
  const row8 = /<row r="8">.*?<\/row>/.exec(after)![0];
  expect(row8).toBe(
    `<row r="8">${row
      .replace(
        cell("F8", "_xldudf_CS_REQUIRED_CSMS(A8)", 0),
        cell("F8", "_xldudf_CS_REQUIRED_CSMS(A8)", 0.0909090909090909)
      )
      .replace(cell("G8", "F8*11", 0), cell("G8", "F8*11", 1))
      .replace(
        cell("K8", "_xldudf_CS_TIER(OFFSET(A8,0,0,1,1))", 0),
        cell("K8", "_xldudf_CS_TIER(OFFSET(A8,0,0,1,1))", "Strategic")
      )}</row>`
  );
  const check = validate(output);
  if (!check.ok) throw new Error(check.report);
}, 120_000);

test("a spill reference (A8#, saved as _xlfn.ANCHORARRAY(A8)) is the spill's saved range", async () => {
  // MODEL.md §5: 60,000 of expansion splits 70/30: CSM 42,000 and AE 18,000, spilled into A8:B8.
  const row = [
    '<c r="A8" cm="1"><f t="array" ref="A8:B8">_xldudf_CS_EXPANSION_SPLIT(60000)</f><v>0</v></c>',
    '<c r="B8"><v>0</v></c>',
    cell("C8", "SUM(_xlfn.ANCHORARRAY(A8))", 0),
    cell("D8", "INDEX(_xlfn.ANCHORARRAY(Values!$A$8),1,2)", 0),
    // B8 is not a spill's anchor: Excel gives #REF!, the engine cannot say; kept.
    cell("E8", "SUM(_xlfn.ANCHORARRAY(B8))", 0),
  ].join("");
  const input = path.join(dir, "anchor.xlsx");
  const output = path.join(dir, "anchor-out.xlsx");
  await fs.writeFile(input, await workbook(row, ""));
  const r = await run(() => catalog, "recalc", input, "-o", output);
  expect(r.err).toEqual([]);
  expect(r.out).toEqual([
    `Recalculated 1 CS formulas and 2 formulas that use them; 4 cells changed; wrote ${output}`,
    "1 formulas kept the value Excel saved (recalculate them in Excel):",
    "  Values!E8: the engine has no function ANCHORARRAY",
  ]);
  const after = (await zipParts(await fs.readFile(output))).get(SHEET)!.toString("utf8");
  expect(/<row r="8">.*?<\/row>/.exec(after)![0]).toBe(
    '<row r="8"><c r="A8" cm="1"><f t="array" ref="A8:B8">_xldudf_CS_EXPANSION_SPLIT(60000)</f><v>42000</v></c>' +
      '<c r="B8"><v>18000</v></c>' +
      cell("C8", "SUM(_xlfn.ANCHORARRAY(A8))", 60000) +
      cell("D8", "INDEX(_xlfn.ANCHORARRAY(Values!$A$8),1,2)", 18000) +
      cell("E8", "SUM(_xlfn.ANCHORARRAY(B8))", 0) +
      "</row>"
  );
  const check = validate(output);
  if (!check.ok) throw new Error(check.report);
}, 120_000);

test("a CS formula over an external link ([1]Feuil8!A1, saved by Excel) or across sheets (Feuil2:Feuil3!A1) keeps its value with a reason that says so", async () => {
  const original = await fs.readFile(path.join(FIXTURES, "calamine-errors.xlsx"));
  const patched = await addFormulaRow(original, [
    { col: "A", formula: "_xldudf_CS_TIER([1]Feuil8!A1)" },
    { col: "B", formula: "_xldudf_CS_REQUIRED_CSMS('[1]Feuil8'!$A$1:$A$9)" },
    // MODEL.md §1: 120,000 is Enterprise (100,000 to 250,000); computed as before.
    { col: "C", formula: "_xldudf_CS_TIER(120000)" },
    // A 3-D reference across the sheets Feuil2 to Feuil3: the engine has none.
    { col: "D", formula: "IFERROR(_xldudf_CS_REQUIRED_CSMS(Feuil2:Feuil3!A1),0)" },
  ]);
  const n = patched.row;
  const input = path.join(dir, "external.xlsx");
  const output = path.join(dir, "external-out.xlsx");
  await fs.writeFile(input, patched.bytes);
  const r = await run(() => catalog, "recalc", input, "-o", output);
  expect(r.err).toEqual([]);
  expect(r.out).toEqual([
    `Recalculated 1 CS formulas and 0 formulas that use them; 1 cells changed; wrote ${output}`,
    "3 formulas kept the value Excel saved (recalculate them in Excel):",
    `  Feuil1!A${n}: it reads another workbook (the external link [1]Feuil8!A1), which recalc cannot open`,
    `  Feuil1!B${n}: it reads another workbook (the external link '[1]Feuil8'!$A$1:$A$9), which recalc cannot open`,
    `  Feuil1!D${n}: the engine cannot read a reference across sheets (Feuil2:Feuil3!A1)`,
  ]);
}, 120_000);
