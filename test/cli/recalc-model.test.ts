/**
 * An FP&A-style model built by a script: an Accounts table with a
 * calculated column =CS.TIER([@ACV]) (stored as Excel stores it,
 * Accounts[[#This Row],[ACV]]), =CS.REQUIRED_CSMS(Accounts[ACV]), the same
 * over a workbook name and a sheet-level name, a VLOOKUP(..., FALSE) feeding
 * CS.TIER, _xlfn.IFNA, TRUE. Saved with the right values it comes out
 * unchanged; saved with stale values, exactly the CS cells and what uses
 * them are corrected. Expected values by hand from MODEL.md §1 and §4.
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { Catalog } from "../../src/engine/catalog";
import { testCatalog } from "../helpers/engine";
import { zipParts } from "../helpers/patch-xlsx";
import { run, validate } from "../helpers/recalc-run";

let catalog: Catalog;
let dir: string;
beforeAll(async () => {
  catalog = await testCatalog();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-recalc-model-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

// Tiers by minimum ACV (§1): Strategic 250k, Enterprise 100k, Mid-Market 50k, Pooled 15k.
const ACCOUNTS: [string, number, string][] = [
  ["Acme", 80_000, "Mid-Market"],
  ["Birch", 300_000, "Strategic"],
  ["Cobalt", 20_000, "Pooled"],
  ["Dune", 120_000, "Enterprise"],
];
// §4: CSM ratios Mid-Market 32, Strategic 11, Pooled 50, Enterprise 30.
const CSMS = 1 / 32 + 1 / 11 + 1 / 50 + 1 / 30;

/** The model, with its cached values right or all stale (0). */
async function buildModel(file: string, right: boolean): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const accounts = wb.addWorksheet("Accounts");
  accounts.addTable({
    name: "Accounts",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "Name" }, { name: "ACV" }, { name: "Tier" }],
    rows: ACCOUNTS.map(([name, acv, tier]) => [
      name,
      acv,
      {
        formula: "_xldudf_CS_TIER(Accounts[[#This Row],[ACV]])",
        result: right ? tier : 0,
      } as never,
    ]),
  });
  const summary = wb.addWorksheet("Summary");
  const f = (formula: string, result: unknown) => ({ formula, result }) as ExcelJS.CellFormulaValue;
  summary.getCell("A1").value = "CSMs";
  summary.getCell("B1").value = f("_xldudf_CS_REQUIRED_CSMS(Accounts[ACV])", right ? CSMS : 0);
  summary.getCell("B2").value = f("_xldudf_CS_REQUIRED_CSMS(BookACV)", right ? CSMS : 0);
  summary.getCell("B3").value = f("_xldudf_CS_REQUIRED_CSMS(LocalBook)", right ? CSMS : 0);
  summary.getCell("A4").value = "Acme";
  summary.getCell("B4").value = f("VLOOKUP(A4,Accounts!$A$2:$B$5,2,FALSE)", 80_000);
  summary.getCell("B5").value = f("_xldudf_CS_TIER(B4)", right ? "Mid-Market" : 0);
  summary.getCell("B6").value = f('_xlfn.IFNA(VLOOKUP("Zed",Accounts!$A$2:$B$5,2,FALSE),-1)', -1);
  // 1E+0 as Excel saves an exponent, capital E: the engine reads only "1e+0".
  summary.getCell("B7").value = f("IF(TRUE,ROUNDUP(B1*1E+0,0),0)", right ? 1 : 0);
  // Not ours, and stale on purpose: must keep its saved value.
  summary.getCell("B8").value = f("SUM(Accounts[ACV])", 1);
  summary.getCell("B9").value = f('COUNTIF(Accounts[Tier],"Strat*")', right ? 1 : 0);
  // Ours, but the engine would not answer as Excel: both keep their saved values and are listed.
  summary.getCell("B10").value = f('TEXT(B1,"0.0%")', "17.5%");
  summary.getCell("B11").value = f("_xlfn.ARRAYTOTEXT(B1)", "saved");
  // Excel 2019's CONCAT, as Excel saves it: recomputed from the CS tier.
  summary.getCell("B13").value = f(
    '_xlfn.CONCAT("Tier: ",B5)',
    right ? "Tier: Mid-Market" : "Tier: ?"
  );
  // A quote inside text, written twice as Excel writes it.
  summary.getCell("B14").value = f('"""" & B5 & """"', right ? '"Mid-Market"' : "stale");
  // Saved by German Excel, where "1,500" is 1.5: the engine (en-US) would read 1500.
  summary.getCell("B12").value = f('B1*VALUE("1,500")', right ? CSMS * 1.5 : 7);
  wb.definedNames.add("Accounts!$B$2:$B$5", "BookACV");
  await wb.xlsx.writeFile(file);
  // A sheet-level name (ExcelJS writes only workbook names): added to workbook.xml by hand.
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const xml = await zip.file("xl/workbook.xml")!.async("string");
  zip.file(
    "xl/workbook.xml",
    xml.replace(
      "</definedNames>",
      '<definedName name="LocalBook" localSheetId="1">Accounts!$B$2:$B$5</definedName></definedNames>'
    )
  );
  await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

async function cachedValues(file: string): Promise<Record<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const values: Record<string, unknown> = {};
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string; result?: unknown } | null;
        if (v && typeof v === "object" && "formula" in v)
          values[`${ws.name}!${cell.address}`] = v.result;
      })
    )
  );
  return values;
}

test("saved with the right values: recalc changes nothing, every part byte-identical, validate-xlsx clean", async () => {
  const input = path.join(dir, "right.xlsx");
  const output = path.join(dir, "right-out.xlsx");
  await buildModel(input, true);
  const r = await run(() => catalog, "recalc", input, "-o", output);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  // 4 TIER cells, 3 REQUIRED_CSMS, 1 TIER over the VLOOKUP; ROUNDUP, COUNTIF, CONCAT and B14 use them.
  expect(r.out).toEqual([
    `Recalculated 8 CS formulas and 4 formulas that use them; 0 cells changed; wrote ${output}`,
    "3 formulas kept the value Excel saved (recalculate them in Excel):",
    "  Summary!B10: TEXT formats in the locale the file was saved in, which the engine cannot know",
    "  Summary!B11: the engine has no function ARRAYTOTEXT",
    "  Summary!B12: VALUE reads text in the locale the file was saved in, which the engine cannot know",
  ]);
  const before = await zipParts(await fs.readFile(input));
  const after = await zipParts(await fs.readFile(output));
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [part, bytes] of before)
    expect({ part, same: after.get(part)!.equals(bytes) }).toEqual({ part, same: true });
  const check = validate(output);
  if (!check.ok) throw new Error(check.report);
}, 120_000);

test("saved with stale values: the CS cells and what uses them are corrected, nothing else", async () => {
  const input = path.join(dir, "stale.xlsx");
  const output = path.join(dir, "stale-out.xlsx");
  await buildModel(input, false);
  const r = await run(() => catalog, "recalc", input, "-o", output);
  expect(r.code).toBe(0);
  expect(r.out[0]).toMatch(
    /^Recalculated 8 CS formulas and 4 formulas that use them; 12 cells changed;/
  );
  const values = await cachedValues(output);
  expect(values["Accounts!C2"]).toBe("Mid-Market");
  expect(values["Accounts!C3"]).toBe("Strategic");
  expect(values["Accounts!C4"]).toBe("Pooled");
  expect(values["Accounts!C5"]).toBe("Enterprise");
  for (const cell of ["Summary!B1", "Summary!B2", "Summary!B3"])
    expect(values[cell] as number).toBeCloseTo(CSMS, 12);
  expect(values["Summary!B5"]).toBe("Mid-Market");
  expect(values["Summary!B7"]).toBe(1); // ROUNDUP(0.175..., 0)
  expect(values["Summary!B9"]).toBe(1); // one tier starts with "Strat"
  expect(values["Summary!B13"]).toBe("Tier: Mid-Market");
  expect(values["Summary!B14"]).toBe('"Mid-Market"');
  // Not ours: the saved values stay, even the stale one.
  expect(values["Summary!B4"]).toBe(80_000);
  expect(values["Summary!B6"]).toBe(-1);
  expect(values["Summary!B8"]).toBe(1);
  expect(values["Summary!B10"]).toBe("17.5%");
  expect(values["Summary!B11"]).toBe("saved");
  expect(values["Summary!B12"]).toBe(7);
}, 120_000);

/** A workbook whose Accounts sheet holds ACCOUNTS under Name | ACV (B2:B5). */
function accountsBook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const accounts = wb.addWorksheet("Accounts");
  accounts.addRow(["Name", "ACV"]);
  for (const [name, acv] of ACCOUNTS) accounts.addRow([name, acv]);
  return wb;
}

/** Writes the workbook to `file` with these <definedName> elements, as Excel saves them. */
async function writeWithNames(wb: ExcelJS.Workbook, file: string, names: string): Promise<void> {
  await wb.xlsx.writeFile(file);
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const xml = await zip.file("xl/workbook.xml")!.async("string");
  expect(xml).not.toContain("<definedNames>");
  zip.file(
    "xl/workbook.xml",
    xml.replace("<calcPr", `<definedNames>${names}</definedNames><calcPr`)
  );
  await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

test("a formula that calls a CS function through a defined name is recomputed, not left stale", async () => {
  // Names as Excel saves them: NeedCSMs holds the CS call itself, Twice uses NeedCSMs, and
  // Shadow is a CS call for the workbook but the number 5 on Summary (the sheet's own name wins).
  const input = path.join(dir, "names.xlsx");
  const output = path.join(dir, "names-out.xlsx");
  const wb = accountsBook();
  const summary = wb.addWorksheet("Summary");
  const f = (formula: string, result: unknown) => ({ formula, result }) as ExcelJS.CellFormulaValue;
  summary.getCell("B1").value = f("NeedCSMs", 7);
  summary.getCell("B2").value = f("ROUNDUP(NeedCSMs,0)+Twice", 7);
  summary.getCell("B3").value = f("Shadow", 5);
  await writeWithNames(
    wb,
    input,
    '<definedName name="NeedCSMs">_xldudf_CS_REQUIRED_CSMS(Accounts!$B$2:$B$5)</definedName>' +
      '<definedName name="Shadow">_xldudf_CS_REQUIRED_CSMS(Accounts!$B$2:$B$5)</definedName>' +
      '<definedName name="Shadow" localSheetId="1">5</definedName>' +
      '<definedName name="Twice">NeedCSMs*2</definedName>'
  );

  const r = await run(() => catalog, "recalc", input, "-o", output);
  expect(r.err).toEqual([]);
  expect(r.out[0]).toMatch(
    /^Recalculated 2 CS formulas and 0 formulas that use them; 2 cells changed;/
  );
  const values = await cachedValues(output);
  expect(values["Summary!B1"] as number).toBeCloseTo(CSMS, 12); // 0.1754 CSMs
  expect(values["Summary!B2"] as number).toBeCloseTo(1 + 2 * CSMS, 12); // ROUNDUP to 1, plus twice
  expect(values["Summary!B3"]).toBe(5);
}, 120_000);

test("a CS call between two table columns whose names Excel escapes with ' is recomputed", async () => {
  // Columns "Acct #" and "ACV [USD]" are written Accounts[Acct '#] and Accounts[ACV '[USD']]:
  // the two quotes once read as one quoted sheet name, hiding the CS call between them.
  const input = path.join(dir, "escaped.xlsx");
  const output = path.join(dir, "escaped-out.xlsx");
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Accounts");
  sheet.addTable({
    name: "Accounts",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "Acct #" }, { name: "ACV [USD]" }],
    rows: ACCOUNTS.map(([name, acv]) => [name, acv]),
  });
  sheet.getCell("D1").value = {
    formula: "COUNTA(Accounts[Acct '#])+_xldudf_CS_REQUIRED_CSMS(Accounts[ACV '[USD']])",
    result: 0,
  } as ExcelJS.CellFormulaValue;
  await wb.xlsx.writeFile(input);
  const r = await run(() => catalog, "recalc", input, "-o", output);
  expect(r.err).toEqual([]);
  expect(r.out[0]).toMatch(
    /^Recalculated 1 CS formulas and 0 formulas that use them; 1 cells changed;/
  );
  // 4 accounts, plus the CSMs of §4 for their ACVs.
  expect((await cachedValues(output))["Accounts!D1"] as number).toBeCloseTo(4 + CSMS, 12);
}, 120_000);

test("a CS name written with its sheet (Summary!LocalNeed) keeps its saved value and is listed, never silently", async () => {
  const input = path.join(dir, "qualified.xlsx");
  const output = path.join(dir, "qualified-out.xlsx");
  const wb = accountsBook();
  wb.getWorksheet("Accounts")!.getCell("D1").value = {
    formula: "Summary!LocalNeed",
    result: 7,
  } as ExcelJS.CellFormulaValue;
  const summary = wb.addWorksheet("Summary");
  summary.getCell("B1").value = { formula: "LocalNeed", result: 7 } as ExcelJS.CellFormulaValue;
  await writeWithNames(
    wb,
    input,
    '<definedName name="LocalNeed" localSheetId="1">_xldudf_CS_REQUIRED_CSMS(Accounts!$B$2:$B$5)</definedName>'
  );

  const r = await run(() => catalog, "recalc", input, "-o", output);
  expect(r.err).toEqual([]);
  expect(r.out).toEqual([
    `Recalculated 1 CS formulas and 0 formulas that use them; 1 cells changed; wrote ${output}`,
    "1 formulas kept the value Excel saved (recalculate them in Excel):",
    "  Accounts!D1: it uses the name LocalNeed written with its sheet (Summary!LocalNeed), which the engine cannot read",
  ]);
  const values = await cachedValues(output);
  expect(values["Summary!B1"] as number).toBeCloseTo(CSMS, 12);
  expect(values["Accounts!D1"]).toBe(7);
}, 120_000);
