/**
 * Formula text from the file -> what the engine reads: shared formulas slid
 * as Excel fills them, future-function prefixes, and table references
 * rewritten to the cells Excel resolves them to (each expected range worked
 * out by hand from the table's ref, header and totals rows).
 */
import {
  quoteSheetNames,
  slideFormula,
  stripFunctionPrefixes,
} from "../../../src/cli/workbook/formula-text";
import { patchedCell, scanCells } from "../../../src/cli/workbook/sheet-xml";
import {
  ExcelTable,
  rewriteStructuredRefs,
  StructuredRefError,
} from "../../../src/cli/workbook/structured-refs";

describe("a shared formula slid to another cell of its range", () => {
  test.each([
    ["A1*2", 1, 0, "A2*2"],
    ["$A$1+B$1+$C1", 2, 1, "$A$1+C$1+$C3"],
    ["SUM(E:F)", 0, 1, "SUM(F:G)"],
    ["SUM($E:F)", 0, 1, "SUM($E:G)"],
    ["SUM(2:3)", 4, 0, "SUM(6:7)"],
    ['"A1"&A1', 1, 0, '"A1"&A2'],
    ["LOG10(A1)", 1, 0, "LOG10(A2)"],
    ["'My Sheet'!A1+Sheet2!B2", 1, 1, "'My Sheet'!B2+Sheet2!C3"],
    ["Table1[Q1]+A1", 1, 0, "Table1[Q1]+A2"],
  ])("%s moved by (%i, %i) is %s", (formula, dRow, dCol, expected) => {
    expect(slideFormula(formula, dRow, dCol)).toBe(expected);
  });

  test("a reference pushed off the sheet is refused", () => {
    expect(slideFormula("A1", -1, 0)).toBeUndefined();
  });
});

describe("future-function prefixes", () => {
  test.each([
    ["_xlfn.IFNA(A1,0)", "IFNA(A1,0)"],
    ["_xlfn._xlws.FILTER(A1:A3,B1:B3)", "FILTER(A1:A3,B1:B3)"],
    ["_xlfn.STDEV.S(A1:A3)", "STDEV.S(A1:A3)"],
    ['"_xlfn.IFNA("&_xlfn.CONCAT("a","b")', '"_xlfn.IFNA("&CONCAT("a","b")'],
  ])("%s -> %s", (formula, expected) => {
    expect(stripFunctionPrefixes(formula)).toBe(expected);
  });
});

describe("table references -> ranges", () => {
  // Accounts on sheet Data, A1:C5: a header row, 4 data rows (2-5), no totals row.
  const accounts: ExcelTable = {
    name: "Accounts",
    sheet: "Data",
    top: 1,
    left: 1,
    bottom: 5,
    right: 3,
    headerRows: 1,
    totalsRows: 0,
    columns: ["Name", "ACV", "Tier"],
  };
  // Plan on sheet O'Brien, B10:D14: header row 10, data 11-13, totals row 14.
  const plan: ExcelTable = {
    name: "Plan",
    sheet: "O'Brien",
    top: 10,
    left: 2,
    bottom: 14,
    right: 4,
    headerRows: 1,
    totalsRows: 1,
    columns: ["Tier", "Q1 [est]", "CSMs"],
  };
  const tables = [accounts, plan];
  const at = (formula: string, sheet = "Data", row = 3, col = 3) =>
    rewriteStructuredRefs(formula, tables, sheet, row, col);

  test.each([
    ["Accounts[ACV]", "'Data'!$B$2:$B$5"],
    ["accounts[acv]", "'Data'!$B$2:$B$5"],
    ["Accounts[[#This Row],[ACV]]", "'Data'!$B$3"],
    ["Accounts[@ACV]", "'Data'!$B$3"],
    ["[@ACV]", "'Data'!$B$3"],
    ["[@[ACV]]", "'Data'!$B$3"],
    ["Accounts[#All]", "'Data'!$A$1:$C$5"],
    ["Accounts[]", "'Data'!$A$2:$C$5"],
    ["Accounts[#Data]", "'Data'!$A$2:$C$5"],
    ["Accounts[[#Headers],[Name]:[ACV]]", "'Data'!$A$1:$B$1"],
    ["Accounts[[#Headers],[#Data],[Tier]]", "'Data'!$C$1:$C$5"],
    ["SUM(Accounts[ACV])/COUNT(Accounts[ACV])", "SUM('Data'!$B$2:$B$5)/COUNT('Data'!$B$2:$B$5)"],
    ["Plan[#Totals]", "'O''Brien'!$B$14:$D$14"],
    ["Plan[[#Data],[#Totals],[CSMs]]", "'O''Brien'!$D$11:$D$14"],
    ["Plan[Q1 '[est']]", "'O''Brien'!$C$11:$C$13"],
    ['"Accounts[ACV]"&[1]Sheet1!A1', '"Accounts[ACV]"&[1]Sheet1!A1'],
  ])("%s -> %s", (formula, expected) => {
    expect(at(formula)).toBe(expected);
  });

  test("what Excel would not resolve either is refused", () => {
    expect(() => at("Accounts[#Totals]")).toThrow(StructuredRefError);
    expect(() => at("Accounts[Region]")).toThrow(StructuredRefError);
    // A this-row reference from a row outside the table's data.
    expect(() => at("Accounts[@ACV]", "Data", 9, 3)).toThrow(StructuredRefError);
  });
});

describe("cells in a worksheet part, and one patched", () => {
  const xml =
    '<?xml version="1.0"?><x:worksheet xmlns:x="urn:x"><x:sheetData>' +
    '<x:row r="2"><x:c r="A2" s="3"><x:f>_xldudf_CS_TIER(B2)</x:f><x:v>0</x:v></x:c>' +
    '<x:c t="s"><x:v>4</x:v></x:c><x:c r="D2" t="inlineStr"><x:is><x:t>a &amp; b</x:t></x:is></x:c></x:row>' +
    "</x:sheetData></x:worksheet>";

  test("prefixes, a cell without an address (the next column), inline strings", () => {
    const cells = scanCells(xml);
    expect(cells.map((c) => [c.row, c.col, c.type, c.formula?.text, c.value, c.inline])).toEqual([
      [2, 1, "n", "_xldudf_CS_TIER(B2)", "0", undefined],
      [2, 2, "s", undefined, "4", undefined],
      [2, 4, "inlineStr", undefined, undefined, "a & b"],
    ]);
  });

  test("a patched cell keeps its style and formula, gets its type and value", () => {
    const [cell] = scanCells(xml);
    expect(patchedCell(xml, cell, "Mid-Market")).toBe(
      '<x:c r="A2" s="3" t="str"><x:f>_xldudf_CS_TIER(B2)</x:f><x:v>Mid-Market</x:v></x:c>'
    );
    expect(patchedCell(xml, cell, { error: "#N/A" })).toBe(
      '<x:c r="A2" s="3" t="e"><x:f>_xldudf_CS_TIER(B2)</x:f><x:v>#N/A</x:v></x:c>'
    );
    expect(patchedCell(xml, cell, 0.5)).toBe(
      '<x:c r="A2" s="3"><x:f>_xldudf_CS_TIER(B2)</x:f><x:v>0.5</x:v></x:c>'
    );
    expect(patchedCell(xml, cell, true)).toBe(
      '<x:c r="A2" s="3" t="b"><x:f>_xldudf_CS_TIER(B2)</x:f><x:v>1</x:v></x:c>'
    );
    expect(patchedCell(xml, cell, "a<b & _x0041_")).toContain(
      "<x:v>a&lt;b &amp; _x005F_x0041_</x:v>"
    );
  });
});

describe("quoteSheetNames", () => {
  test("a sheet named in another alphabet is quoted; Latin, quoted ones, text and names are left", () => {
    expect(quoteSheetNames("CS.TIER(Лист1!B2)+SUM(Φύλλο1!$A$1:$A$3)")).toBe(
      "CS.TIER('Лист1'!B2)+SUM('Φύλλο1'!$A$1:$A$3)"
    );
    expect(quoteSheetNames("Übersicht!A1+'Лист 2'!A1")).toBe("Übersicht!A1+'Лист 2'!A1");
    expect(quoteSheetNames('CONCAT("Лист1!A1",Продажи)')).toBe('CONCAT("Лист1!A1",Продажи)');
    expect(quoteSheetNames("売上.Q1!C3")).toBe("'売上.Q1'!C3");
  });
});
