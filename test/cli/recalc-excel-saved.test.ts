/**
 * `cs-coverage recalc` on workbooks saved by Excel (public test fixtures of
 * calamine and ExcelJS, test/fixtures/excel-saved/README.md): charts, chart
 * sheets, pivot tables, tables, shared formulas, external links, in-cell
 * pictures, merged cells. A row of formulas is added to each by a script,
 * with stale cached values; after recalc, the CS cells and the formulas that
 * use them hold the right values (by hand from MODEL.md), every other zip
 * part is byte-identical, every other cell of the sheet is unchanged, and
 * the schema validator that Excel's rules were written into finds nothing.
 */
import { promises as fs, readdirSync } from "fs";
import os from "os";
import path from "path";
import { Catalog } from "../../src/engine/catalog";
import { testCatalog } from "../helpers/engine";
import { addFormulaRow, zipParts } from "../helpers/patch-xlsx";
import { run, validate } from "../helpers/recalc-run";

const FIXTURES = path.join(__dirname, "..", "fixtures", "excel-saved");

/** Workbooks recalc must refuse; tested in recalc-refusals.test.ts. */
const REFUSED = new Set([
  "calamine-pass_protected.xlsx",
  "calamine-strict_iso_paths.xlsx",
  "exceljs-1904.xlsx",
]);

/**
 * validate-xlsx (xmllint over every part) takes seconds a workbook: it runs on
 * the ones with the most kinds of parts (chart sheets, pivots, in-cell pictures,
 * tables, external links, a namespace prefix).
 */
const VALIDATED = new Set([
  "calamine-any_sheets.xlsx",
  "calamine-pivots.xlsx",
  "calamine-pictures_in_cell_and_over_cell.xlsx",
  "calamine-table-multiple.xlsx",
  "calamine-errors.xlsx",
  "calamine-nonstandard-xml-ns-prefix.xlsx",
  "exceljs-chart-sheet.xlsx",
]);

let catalog: Catalog;
let dir: string;
beforeAll(async () => {
  catalog = await testCatalog();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-recalc-saved-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const fixtures = readdirSync(FIXTURES)
  .filter((f: string) => f.endsWith(".xlsx") && !REFUSED.has(f))
  .sort();

const ADDED = [
  // MODEL.md §1: an ACV of 80,000 is at least Mid-Market's 50,000 and below Enterprise's 100,000.
  { col: "A", formula: "_xldudf_CS_TIER(80000)" },
  { col: "B", formula: "LEN(A{row})" },
  // §4: one Strategic account at 1:11 and one Pooled at 1:50, each rounded up: 1 + 1.
  { col: "C", formula: '_xldudf_CS_REQUIRED_CSMS({"Strategic";"Pooled"},,TRUE)' },
  { col: "D", formula: "IF(TRUE,C{row}*2,0)" },
  // Not ours: keeps its (stale, on purpose) saved 0.
  { col: "E", formula: "1+1" },
];

test("the corpus holds at least a dozen workbooks saved by Excel", () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(12);
});

describe.each(fixtures)("%s", (name) => {
  test("recalc changes only the CS cells and what uses them; every other part is byte-identical; validate-xlsx is clean", async () => {
    const original = await fs.readFile(path.join(FIXTURES, name));
    const probe = await addFormulaRow(original, []);
    const cells = ADDED.map((c) => ({
      ...c,
      formula: c.formula.replace("{row}", String(probe.row)),
    }));
    const patched = await addFormulaRow(original, cells);
    const input = path.join(dir, name);
    const output = path.join(dir, `out-${name}`);
    await fs.writeFile(input, patched.bytes);

    const r = await run(() => catalog, "recalc", input, "-o", output);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(
      /^Recalculated 2 CS formulas and 2 formulas that use them; 4 cells changed; wrote /
    );

    const before = await zipParts(patched.bytes);
    const after = await zipParts(await fs.readFile(output));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [part, bytes] of before)
      if (part !== patched.part)
        expect({ part, same: after.get(part)!.equals(bytes) }).toEqual({ part, same: true });

    // The added row as Excel would hold it: new cached values, a text result typed t="str".
    const p = patched.prefix;
    const n = patched.row;
    const cell = (col: string, formula: string, value: string, type = "") =>
      `<${p}c r="${col}${n}"${type}><${p}f>${formula}</${p}f><${p}v>${value}</${p}v></${p}c>`;
    const expectedRow =
      `<${p}row r="${n}">` +
      cell("A", "_xldudf_CS_TIER(80000)", "Mid-Market", ' t="str"') +
      cell("B", `LEN(A${n})`, "10") +
      cell("C", '_xldudf_CS_REQUIRED_CSMS({"Strategic";"Pooled"},,TRUE)', "2") +
      cell("D", `IF(TRUE,C${n}*2,0)`, "4") +
      cell("E", "1+1", "0") +
      `</${p}row>`;
    const sheetAfter = after.get(patched.part)!.toString("utf8");
    expect(sheetAfter).toBe(patched.after.replace(patched.rowXml, expectedRow));

    if (VALIDATED.has(name)) {
      // What the validator finds in the output is what it finds in the input (an external
      // link's sheet name in calamine-errors, a styles part without fonts in the hand-made
      // namespace-prefix file): recalc adds nothing.
      const found = validate(output);
      if (!found.ok) expect(found.errors).toEqual(validate(input).errors);
    }
  }, 60_000);
});
