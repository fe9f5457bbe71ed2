/**
 * The streamed .xlsx reader (loadSheet on an .xlsx): the cells it gives, by
 * hand-checked values, and the same grid as ExcelJS's whole-workbook load
 * (what the command used before, kept here as the reference) on workbooks
 * built part by part to hit what a streaming reader can get wrong: sheet
 * order, shared and inline strings, rich text and phonetic guides, cached
 * formula results of every type, dates in both date systems, sparse rows,
 * merges and hyperlinks found after the cells, text split across zip chunks.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { DataFileError, loadSheet, SheetCell } from "../../src/cli/data";
import { excelSerialFromDate } from "../../src/core/dates";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "cs-coverage-xlsx-stream-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const WS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const LINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

/** A styles part whose cell style 1 is a date format and 2 is a plain number. */
const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${MAIN}>
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>
<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf/></cellStyleXfs>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="2" applyNumberFormat="1"/></cellXfs>
</styleSheet>`;

interface Part {
  /** The sheet's name in workbook.xml. */
  name: string;
  /** Its part: xl/worksheets/<file>. */
  file: string;
  /** What goes inside <sheetData>. */
  rows: string;
  /** What follows </sheetData> (mergeCells, hyperlinks). */
  after?: string;
  /** The sheet's own relationships (hyperlink targets). */
  rels?: string;
}

/** Parts as UTF-8 bytes: JSZip 3.10's own string encoding garbles a character pair split across its chunks. */
function utf8(xml: string): Buffer {
  return Buffer.from(xml, "utf8");
}

/**
 * An .xlsx put together part by part, its zip entries in the order given
 * (`zipOrder` names sheets by file), as other tools than Excel write them.
 */
async function rawWorkbook(
  name: string,
  sheets: Part[],
  options: {
    sharedStrings?: string[];
    /** true writes date1904="1", as Excel does; a string is the attribute's text. */
    date1904?: boolean | string;
    zipOrder?: string[];
    compression?: "STORE" | "DEFLATE";
  } = {}
): Promise<string> {
  const zip = new JSZip();
  const sheetEntries = new Map<string, () => void>();
  for (const sheet of sheets) {
    sheetEntries.set(sheet.file, () => {
      zip.file(
        `xl/worksheets/${sheet.file}`,
        utf8(
          `<?xml version="1.0" encoding="UTF-8"?><worksheet ${MAIN} ${REL}><sheetData>${sheet.rows}</sheetData>${sheet.after ?? ""}</worksheet>`
        )
      );
      if (sheet.rels !== undefined) {
        zip.file(
          `xl/worksheets/_rels/${sheet.file}.rels`,
          `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}">${sheet.rels}</Relationships>`
        );
      }
    });
  }
  for (const file of options.zipOrder ?? []) sheetEntries.get(file)?.();
  zip.file(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8"?><workbook ${MAIN} ${REL}>${options.date1904 === undefined || options.date1904 === false ? "" : `<workbookPr date1904="${options.date1904 === true ? "1" : options.date1904}"/>`}<sheets>${sheets
      .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join("")}</sheets></workbook>`
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}">${sheets
      .map(
        (s, i) => `<Relationship Id="rId${i + 1}" Type="${WS_TYPE}" Target="worksheets/${s.file}"/>`
      )
      .join("")}</Relationships>`
  );
  zip.file("xl/styles.xml", STYLES);
  if (options.sharedStrings !== undefined) {
    zip.file(
      "xl/sharedStrings.xml",
      utf8(
        `<?xml version="1.0" encoding="UTF-8"?><sst ${MAIN}>${options.sharedStrings.join("")}</sst>`
      )
    );
  }
  for (const sheet of sheets) {
    if (!(options.zipOrder ?? []).includes(sheet.file)) sheetEntries.get(sheet.file)?.();
  }
  const p = path.join(dir, name);
  writeFileSync(
    p,
    await zip.generateAsync({ type: "nodebuffer", compression: options.compression ?? "DEFLATE" })
  );
  return p;
}

/**
 * The reference: the grid the command read before streaming, from ExcelJS's
 * whole-workbook load (first worksheet, merged-away cells skipped, trailing
 * empty rows and columns dropped).
 */
async function wholeLoad(p: string): Promise<SheetCell[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(p) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  const rows: SheetCell[][] = [];
  let width = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.isMerged && cell.master !== cell) return;
      const value = referenceCell(cell.value);
      if (value === null) return;
      while (cells.length < colNumber - 1) cells.push(null);
      cells[colNumber - 1] = value;
    });
    while (rows.length < rowNumber - 1) rows.push([]);
    rows[rowNumber - 1] = cells;
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  for (const row of rows) width = Math.max(width, row.length);
  return rows.map((row) => [...row, ...new Array<SheetCell>(width - row.length).fill(null)]);
}

/** data.ts's rules for one loaded value, restated independently. */
function referenceCell(value: unknown): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return excelSerialFromDate(value);
  const v = value as Record<string, unknown>;
  if (typeof v.error === "string") return v.error;
  const runs = (x: unknown): string | undefined =>
    Array.isArray((x as { richText?: unknown })?.richText)
      ? (x as { richText: { text: string }[] }).richText.map((r) => r.text).join("")
      : undefined;
  if (runs(v) !== undefined) return runs(v) as string;
  if ("hyperlink" in v) return runs(v.text) ?? (typeof v.text === "string" ? v.text : null);
  if ("formula" in v || "sharedFormula" in v) return referenceCell(v.result);
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}

async function expectBoth(p: string, expected: SheetCell[][]): Promise<void> {
  expect(await loadSheet(p)).toEqual(expected);
  expect(await wholeLoad(p)).toEqual(expected);
}

async function loadError(p: string): Promise<string> {
  try {
    await loadSheet(p);
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    return (error as Error).message;
  }
  throw new Error("expected a DataFileError");
}

const JAN_15_2026 = 46037; // checked in data.test.ts against Excel's DATE(2026,1,15)
const DAYS_1900_TO_1904 = 1462; // Excel: 1904 serial 0 is 1900 serial 1462 (1904-01-01)

describe("streamed .xlsx: cell kinds", () => {
  test("cell addresses in any case and with $ signs place their cells; a malformed one is refused", async () => {
    const p = await rawWorkbook("addresses.xlsx", [
      {
        name: "A",
        file: "sheet1.xml",
        rows:
          '<row r="1"><c r="A1"><v>1</v></c><c r="c1"><v>3</v></c><c r="$E$1"><v>5</v></c></row>' +
          '<row r="2"><c r="AB2"><v>28</v></c></row>',
      },
    ]);
    const rows = await loadSheet(p);
    expect(rows[0].slice(0, 5)).toEqual([1, null, 3, null, 5]);
    // AB is column 28 (26 + 2).
    expect(rows[1][27]).toBe(28);
    expect(rows[1].slice(0, 27).every((cell) => cell === null)).toBe(true);
    const bad = await rawWorkbook("bad-address.xlsx", [
      { name: "A", file: "sheet1.xml", rows: '<row r="1"><c r="A1B"><v>1</v></c></row>' },
    ]);
    expect(await loadError(bad)).toMatch(/bad-address.xlsx: not a readable .xlsx workbook/);
  });

  test("the first sheet in the workbook's order, even when its part comes later in the zip", async () => {
    const p = await rawWorkbook(
      "order.xlsx",
      [
        { name: "Accounts", file: "sheet2.xml", rows: '<row r="1"><c r="A1"><v>1</v></c></row>' },
        { name: "Notes", file: "sheet1.xml", rows: '<row r="1"><c r="A1"><v>2</v></c></row>' },
      ],
      { zipOrder: ["sheet1.xml"] }
    );
    await expectBoth(p, [[1]]);
  });

  test("shared strings (plain, rich, with a phonetic guide) and inline strings (plain, rich)", async () => {
    const p = await rawWorkbook(
      "strings.xlsx",
      [
        {
          name: "S",
          file: "sheet1.xml",
          rows:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
            '<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve"> Acme  Corp </t></is></c>' +
            '<c r="B2" t="inlineStr"><is><r><rPr><b/></rPr><t>Glo</t></r><r><t>bex</t></r></is></c>' +
            '<c r="C2" t="s"><v>0</v></c></row>',
        },
      ],
      {
        sharedStrings: [
          "<si><t>Owner &amp; Co</t></si>",
          "<si><r><rPr><b/></rPr><t>Ini</t></r><r><t>tech</t></r></si>",
          '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>',
        ],
      }
    );
    await expectBoth(p, [
      ["Owner & Co", "Initech", "東京"],
      [" Acme  Corp ", "Globex", "Owner & Co"],
    ]);
  });

  test("cached formula results of every type, and a formula never calculated", async () => {
    const p = await rawWorkbook("formulas.xlsx", [
      {
        name: "F",
        file: "sheet1.xml",
        rows:
          '<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="b"><f>1=1</f><v>1</v></c>' +
          '<c r="C1" t="e"><f>NA()</f><v>#N/A</v></c><c r="D1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>' +
          '<c r="E1" s="1"><f>DATE(2026,1,15)</f><v>46037</v></c><c r="F1"><f>A1</f></c>' +
          '<c r="G1" t="b"><f>1=0</f><v>0</v></c><c r="H1"><f>A1-2</f><v>0</v></c></row>',
      },
    ]);
    expect(await loadSheet(p)).toEqual([[2, true, "#N/A", "ab", JAN_15_2026, null, false, 0]]);
    // The one difference, on purpose: ExcelJS's whole load dropped a saved
    // result that is falsy (0, FALSE), so those cells read as empty before.
    expect(await wholeLoad(p)).toEqual([[2, true, "#N/A", "ab", JAN_15_2026]]);
  });

  test("date-formatted cells that are not dates (as in a workbook saved by Excel with a pivot table): an error, text or TRUE result, a number past any date", async () => {
    const p = await rawWorkbook("datefmt.xlsx", [
      {
        name: "D",
        file: "sheet1.xml",
        rows:
          '<row r="1"><c r="A1" s="1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
          '<c r="B1" s="1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>' +
          '<c r="C1" s="1" t="b"><f>1=1</f><v>1</v></c><c r="D1" s="1"><v>1E+20</v></c>' +
          '<c r="E1" s="1"><f>DATE(2026,1,15)</f><v>46037</v></c></row>',
      },
    ]);
    // It used to stop the whole read with "unexpected failure: invalid Date".
    expect(await loadSheet(p)).toEqual([["#DIV/0!", "ab", true, 1e20, JAN_15_2026]]);
  });

  test("plain values: numbers (styled or not), booleans, errors, and an empty styled cell", async () => {
    const p = await rawWorkbook("values.xlsx", [
      {
        name: "V",
        file: "sheet1.xml",
        rows:
          '<row r="1"><c r="A1"><v>80000</v></c><c r="B1" s="2"><v>-0.5</v></c><c r="C1" t="b"><v>0</v></c>' +
          '<c r="D1" t="e"><v>#DIV/0!</v></c><c r="E1" s="1"><v>46037.75</v></c><c r="F1" s="2"/>' +
          '<c r="G1"><v>1E+3</v></c></row>',
      },
    ]);
    await expectBoth(p, [[80000, -0.5, false, "#DIV/0!", JAN_15_2026 + 0.75, null, 1000]]);
  });

  test("a 1904-date-system workbook: date-formatted cells shift to 1900 serials, plain numbers do not", async () => {
    const p = await rawWorkbook(
      "1904raw.xlsx",
      [
        {
          name: "D",
          file: "sheet1.xml",
          rows:
            `<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>${JAN_15_2026 - DAYS_1900_TO_1904}</v></c>` +
            `<c r="C1"><v>100</v></c><c r="D1" s="1"><f>B1</f><v>${JAN_15_2026 - DAYS_1900_TO_1904}</v></c></row>`,
        },
      ],
      { date1904: true }
    );
    await expectBoth(p, [[DAYS_1900_TO_1904, JAN_15_2026, 100, JAN_15_2026]]);
  });

  test('date1904="true" is the 1904 system too (an xsd:boolean; ExcelJS reads only "1"), "false" is not', async () => {
    const cells = `<row r="1"><c r="A1" s="1"><v>${JAN_15_2026 - DAYS_1900_TO_1904}</v></c><c r="B1"><v>100</v></c></row>`;
    const written = await rawWorkbook(
      "1904true.xlsx",
      [{ name: "D", file: "sheet1.xml", rows: cells }],
      { date1904: "true" }
    );
    // Read as 1900 serials, the date would be 2022-01-14: four years and a day early.
    expect(await loadSheet(written)).toEqual([[JAN_15_2026, 100]]);
    const plain = await rawWorkbook(
      "1904false.xlsx",
      [{ name: "D", file: "sheet1.xml", rows: cells }],
      { date1904: "false" }
    );
    expect(await loadSheet(plain)).toEqual([[JAN_15_2026 - DAYS_1900_TO_1904, 100]]);
  });

  test('ISO 8601 date cells (t="d", as some tools write them) are their days, not the year read as a number', async () => {
    const p = await rawWorkbook("isodates.xlsx", [
      {
        name: "D",
        file: "sheet1.xml",
        rows:
          '<row r="1"><c r="A1" t="d" s="1"><v>2027-06-30T00:00:00</v></c><c r="B1" t="d"><v>2026-01-15</v></c>' +
          '<c r="C1" t="d"><v>2026-01-15T18:00:00Z</v></c><c r="D1" t="d" s="1"><f>B1</f><v>2026-01-15T00:00:00.000</v></c>' +
          '<c r="E1" t="d"><v>2026-02-30</v></c><c r="F1" t="d" s="1"><v></v></c><c r="G1"><v>5</v></c></row>',
      },
    ]);
    // 2027-06-30 is 46568 (DATE(2027,6,30)); ExcelJS read "2027-06-30T00:00:00" as 2027, a day in 1905.
    // A day that does not exist stays the text written; an empty one is blank.
    expect(await loadSheet(p)).toEqual([
      [46568, JAN_15_2026, JAN_15_2026 + 0.75, JAN_15_2026, "2026-02-30", null, 5],
    ]);
  });

  test("sparse rows and columns keep their addresses; trailing empty ones are dropped", async () => {
    const p = await rawWorkbook("sparse.xlsx", [
      {
        name: "S",
        file: "sheet1.xml",
        rows:
          '<row r="2"><c r="C2"><v>1</v></c></row>' +
          '<row r="5"><c r="A5"><v>2</v></c><c r="E5"><v>3</v></c><c r="H5" s="2"/></row>' +
          '<row r="7"><c r="B7" s="2"/></row>',
      },
    ]);
    await expectBoth(p, [
      [null, null, null, null, null],
      [null, null, 1, null, null],
      [null, null, null, null, null],
      [null, null, null, null, null],
      [2, null, null, null, 3],
    ]);
  });

  test("merged cells keep only the top-left value, even when the file has values under the merge", async () => {
    const p = await rawWorkbook("merges.xlsx", [
      {
        name: "M",
        file: "sheet1.xml",
        rows:
          '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row>' +
          '<row r="2"><c r="A2"><v>4</v></c><c r="B2"><v>5</v></c><c r="C2"><v>6</v></c></row>',
        after: '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>',
      },
    ]);
    await expectBoth(p, [
      [1, null, 3],
      [null, null, 6],
    ]);
  });

  test("a worksheet part with another name than sheetN.xml (the format allows any), its links read from its own relationships", async () => {
    const p = await rawWorkbook("renamed.xlsx", [
      {
        name: "Accounts",
        file: "accounts.xml",
        rows: '<row r="1"><c r="A1"><v>42</v></c><c r="B1" t="e"><v>#N/A</v></c><c r="C1"><v>7</v></c></row>',
        after: '<hyperlinks><hyperlink ref="B1" r:id="rIdL"/></hyperlinks>',
        rels: `<Relationship Id="rIdL" Type="${LINK_TYPE}" Target="https://example.com" TargetMode="External"/>`,
      },
    ]);
    // Before: "the workbook has no worksheet". A linked error reads as empty, so the link was found.
    expect(await loadSheet(p)).toEqual([[42, null, 7]]);
  });

  test("hyperlinked cells keep their value (a linked number is its number, ExcelJS's load dropped it); a linked error reads as empty", async () => {
    const p = await rawWorkbook(
      "links.xlsx",
      [
        {
          name: "L",
          file: "sheet1.xml",
          rows:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>42</v></c><c r="C1" t="e"><v>#N/A</v></c>' +
            '<c r="D1" t="str"><f>"x"</f><v>x</v></c><c r="E1"><v>7</v></c></row>',
          after:
            `<hyperlinks><hyperlink ref="A1" r:id="rIdL"/><hyperlink ref="B1" r:id="rIdL"/>` +
            `<hyperlink ref="C1" r:id="rIdL"/><hyperlink ref="D1" r:id="rIdL"/><hyperlink ref="E1" location="'L'!A1"/></hyperlinks>`,
          rels: `<Relationship Id="rIdL" Type="${LINK_TYPE}" Target="https://example.com" TargetMode="External"/>`,
        },
      ],
      { sharedStrings: ["<si><t>Initech</t></si>"] }
    );
    expect(await loadSheet(p)).toEqual([["Initech", 42, null, "x", 7]]);
    // ExcelJS's whole load reads the linked 42 as empty: `plan` then skipped that account as "ACV is blank" (issue 17).
    expect(await wholeLoad(p)).toEqual([["Initech", null, null, "x", 7]]);
  });

  test("long non-ASCII texts split across the zip's chunks come back exactly", async () => {
    const texts = Array.from({ length: 400 }, (_, i) => `${"é€😀漢".repeat(50 + (i % 7))}#${i}`);
    const p = await rawWorkbook(
      "utf8.xlsx",
      [
        {
          name: "U",
          file: "sheet1.xml",
          rows: texts
            .map(
              (t, i) =>
                `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c><c r="B${i + 1}" t="inlineStr"><is><t>${t}</t></is></c></row>`
            )
            .join(""),
        },
      ],
      { sharedStrings: texts.map((t) => `<si><t>${t}</t></si>`) }
    );
    await expectBoth(
      p,
      texts.map((t) => [t, t])
    );
  });

  test("a row past Excel's 1,048,576 is refused by its number; an empty one there is ignored", async () => {
    const far = await rawWorkbook("far.xlsx", [
      {
        name: "S",
        file: "sheet1.xml",
        rows: '<row r="1"><c r="A1"><v>1</v></c></row><row r="999999999"><c r="A999999999"><v>2</v></c></row>',
      },
    ]);
    expect(await loadError(far)).toMatch(
      /far\.xlsx: has 999,999,999 rows; an Excel sheet holds at most 1,048,576$/
    );
    const styledOnly = await rawWorkbook("styled.xlsx", [
      {
        name: "S",
        file: "sheet1.xml",
        rows: '<row r="1"><c r="A1"><v>1</v></c></row><row r="999999999"><c r="A999999999" s="2"/></row>',
      },
    ]);
    expect(await loadSheet(styledOnly)).toEqual([[1]]);
  });

  test("only the columns asked for are kept, at their addresses", async () => {
    const p = await rawWorkbook("columns.xlsx", [
      {
        name: "C",
        file: "sheet1.xml",
        rows:
          '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c><c r="D1"><v>4</v></c></row>' +
          '<row r="2"><c r="D2"><v>8</v></c></row>',
      },
    ]);
    expect(await loadSheet(p, { columns: new Set([1]) })).toEqual([[null, 2]]);
    expect(await loadSheet(p, { columns: new Set([0, 2]) })).toEqual([[1, null, 3]]);
  });

  test("an ExcelJS-written export (typed, shared strings, dates) reads as the whole load reads it", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Accounts");
    sheet.addRow(["Account", "ACV", "Renewal", "Active", "Note"]);
    for (let i = 0; i < 3000; i++) {
      const row = sheet.addRow([
        `Acct ${i % 97}`,
        i % 11 === 0 ? `$${i}` : i * 10,
        new Date(Date.UTC(2026, i % 12, 1 + (i % 28))),
        i % 3 === 0,
        i % 13 === 0 ? { richText: [{ text: "rich " }, { text: String(i) }] } : null,
      ]);
      // Saved results other than 0 (see the formula test for 0).
      if (i % 17 === 0) row.getCell(6).value = { formula: `B${i + 2}*2+5`, result: i * 20 + 5 };
    }
    const p = path.join(dir, "exceljs.xlsx");
    await book.xlsx.writeFile(p);
    const streamed = await loadSheet(p);
    expect(streamed).toEqual(await wholeLoad(p));
    expect(streamed[1]).toEqual([
      "Acct 0",
      "$0",
      excelSerialFromDate(new Date(Date.UTC(2026, 0, 1))),
      true,
      "rich 0",
      5,
    ]);
  });
});

describe("streamed .xlsx: files that are not workbooks", () => {
  test("a zip without a workbook in it", async () => {
    const zip = new JSZip();
    zip.file("readme.txt", "hello");
    const p = path.join(dir, "plain.xlsx");
    writeFileSync(p, await zip.generateAsync({ type: "nodebuffer" }));
    expect(await loadError(p)).toMatch(
      /plain\.xlsx: the workbook has no worksheet \(is it an Excel workbook\?\)$/
    );
  });

  test("a workbook cut short, and one whose sheet is not well-formed XML", async () => {
    const whole = await rawWorkbook("whole.xlsx", [
      { name: "S", file: "sheet1.xml", rows: '<row r="1"><c r="A1"><v>1</v></c></row>' },
    ]);
    const bytes = readFileSync(whole);
    const cut = path.join(dir, "cut.xlsx");
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(await loadError(cut)).toMatch(
      /cut\.xlsx: not a readable \.xlsx workbook \(not a valid Excel file\)$/
    );
    const broken = await rawWorkbook("broken.xlsx", [
      { name: "S", file: "sheet1.xml", rows: '<row r="1"><c r="A1"><v>1</v></row>' },
    ]);
    expect(await loadError(broken)).toMatch(
      /broken\.xlsx: not a readable \.xlsx workbook \(not a valid Excel file\)$/
    );
  });

  test("a stored (uncompressed) sheet whose bytes were altered is refused by its checksum, not read as 92345", async () => {
    const p = await rawWorkbook(
      "altered.xlsx",
      [{ name: "S", file: "sheet1.xml", rows: '<row r="1"><c r="A1"><v>12345</v></c></row>' }],
      { compression: "STORE" }
    );
    expect(await loadSheet(p)).toEqual([[12345]]);
    const bytes = readFileSync(p);
    const at = bytes.indexOf("<v>12345</v>");
    expect(at).toBeGreaterThan(0);
    bytes[at + 3] = "9".charCodeAt(0);
    writeFileSync(p, bytes);
    expect(await loadError(p)).toMatch(
      /altered\.xlsx: not a readable \.xlsx workbook \(not a valid Excel file\)$/
    );
  });
});
