/**
 * What `recalc` refuses (exit 2, one line naming the real cause, the
 * underlying error with --verbose) and where it writes (never over the
 * input unless asked).
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { Catalog } from "../../src/engine/catalog";
import { testCatalog } from "../helpers/engine";
import { addFormulaRow } from "../helpers/patch-xlsx";
import { run } from "../helpers/recalc-run";

const FIXTURES = path.join(__dirname, "..", "fixtures", "excel-saved");
let catalog: Catalog;
let dir: string;
beforeAll(async () => {
  catalog = await testCatalog();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-recalc-refuse-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const recalc = (...argv: string[]) => run(() => catalog, "recalc", ...argv);

async function withCsFormula(fixture: string, name = fixture): Promise<string> {
  const original = await fs.readFile(path.join(FIXTURES, fixture));
  const patched = await addFormulaRow(original, [{ col: "A", formula: "_xldudf_CS_TIER(80000)" }]);
  const file = path.join(dir, name);
  await fs.writeFile(file, patched.bytes);
  return file;
}

describe("refusals name the real cause", () => {
  test("a password-protected workbook (an encrypted OLE container)", async () => {
    const file = path.join(dir, "protected.xlsx");
    await fs.copyFile(path.join(FIXTURES, "calamine-pass_protected.xlsx"), file);
    const r = await recalc(file);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(
      /protected\.xlsx: is password-protected \(an encrypted workbook is an OLE compound file/
    );
  });

  test("a Strict Open XML workbook", async () => {
    const file = path.join(dir, "strict.xlsx");
    await fs.copyFile(path.join(FIXTURES, "calamine-strict_iso_paths.xlsx"), file);
    const r = await recalc(file);
    expect(r).toMatchObject({ code: 2, out: [] });
    expect(r.err).toEqual([expect.stringMatching(/strict\.xlsx: is saved as Strict Open XML/)]);
  });

  test("the 1904 date system", async () => {
    const file = await withCsFormula("exceljs-1904.xlsx", "mac.xlsx");
    const r = await recalc(file);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(/mac\.xlsx: uses the 1904 date system/)]);
  });

  test("a zip without a workbook part; --verbose adds nothing it does not know", async () => {
    const JSZip = (await import("jszip")).default;
    const zip = new JSZip();
    zip.file(
      "[Content_Types].xml",
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
    );
    const file = path.join(dir, "empty.xlsx");
    await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer" }));
    const r = await recalc(file);
    expect(r).toEqual({
      code: 2,
      out: [],
      err: [`cs-coverage: ${file}: has no workbook part (_rels/.rels names no officeDocument)`],
    });
  });

  test("a damaged zip: one line, and the zip library's error with --verbose", async () => {
    const good = await fs.readFile(path.join(FIXTURES, "exceljs-gold.xlsx"));
    const file = path.join(dir, "truncated.xlsx");
    await fs.writeFile(file, good.subarray(0, Math.floor(good.length / 2)));
    const plain = await recalc(file);
    expect(plain.code).toBe(2);
    expect(plain.err).toEqual([expect.stringMatching(/truncated\.xlsx: is a damaged zip archive/)]);
    const verbose = await recalc(file, "--verbose");
    expect(verbose.code).toBe(2);
    expect(verbose.err).toHaveLength(2);
    expect(verbose.err[0]).toMatch(/^cs-coverage: detail: /);
  });

  test("a workbook that stores the task pane's assumptions: refused without --assumptions", async () => {
    const JSZip = (await import("jszip")).default;
    const file = await withCsFormula("calamine-temperature-table.xlsx", "scenarios.xlsx");
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    zip.file(
      "xl/webextensions/webextension1.xml",
      '<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11"><we:properties><we:property name="cs-coverage.assumptions" value="&quot;{}&quot;"/></we:properties></we:webextension>'
    );
    await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer" }));
    const refused = await recalc(file);
    expect(refused.code).toBe(2);
    expect(refused.err).toEqual([
      expect.stringMatching(
        /scenarios\.xlsx: stores its own assumptions .*--assumptions FILE\.json/
      ),
    ]);
    const defaults = path.join(dir, "defaults.json");
    const exported = await run(() => catalog, "assumptions", "--json");
    await fs.writeFile(defaults, exported.out.join("\n"));
    expect((await recalc(file, "--assumptions", defaults)).code).toBe(0);
  });

  test("a workbook without CS formulas", async () => {
    const file = path.join(dir, "plain.xlsx");
    await fs.copyFile(path.join(FIXTURES, "exceljs-gold.xlsx"), file);
    expect(await recalc(file)).toEqual({
      code: 2,
      out: [],
      err: [`cs-coverage: ${file}: has no CS formulas to recalculate`],
    });
  });
});

describe("where recalc writes", () => {
  test("without -o: NAME.recalc.xlsx beside the input, which is left as it was, and says so", async () => {
    const file = await withCsFormula("calamine-temperature-table.xlsx", "model.xlsx");
    const before = await fs.readFile(file);
    const r = await recalc(file);
    expect(r.code).toBe(0);
    const beside = path.join(dir, "model.recalc.xlsx");
    expect(r.out[0]).toContain(`wrote ${beside} (beside the input, which is unchanged;`);
    expect((await fs.readFile(file)).equals(before)).toBe(true);
    expect((await fs.readFile(beside)).equals(before)).toBe(false);
  });

  test("--in-place overwrites the input and leaves no temporary file", async () => {
    const file = await withCsFormula("calamine-temperature-table.xlsx", "inplace.xlsx");
    const before = await fs.readFile(file);
    const r = await recalc(file, "--in-place");
    expect(r.code).toBe(0);
    expect(r.out[0]).toContain(`updated ${file} in place`);
    expect((await fs.readFile(file)).equals(before)).toBe(false);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  test("-o naming the input itself asks for --in-place; -o with --in-place is refused", async () => {
    const file = await withCsFormula("calamine-temperature-table.xlsx", "same.xlsx");
    expect((await recalc(file, "-o", file)).err).toEqual([
      `cs-coverage: -o ${file} is the input itself; use --in-place to overwrite it`,
    ]);
    expect((await recalc(file, "-o", path.join(dir, "x.xlsx"), "--in-place")).code).toBe(2);
  });
});
