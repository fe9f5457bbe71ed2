/**
 * The --data loader: Excel-style typing of pasted text, serial dates, CSV and
 * .xlsx loading, and the text cells' safe passage into HyperFormula.
 * Expected serials are worked out by hand from known Excel values:
 * 1900-01-01 = 1, 1900-03-01 = 61 (the fake 1900-02-29 is 60),
 * 1970-01-01 = 25569, 2024-01-01 = 45292, 2026-01-01 = 46023, 9999-12-31 = 2958465.
 */
import fs, { promises as fsp, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { HyperFormula } from "hyperformula";
import {
  DataFileError,
  loadSheet,
  SheetCell,
  toEngineInput,
  typePastedText,
} from "../../src/cli/data";
import { excelSerialFromDate, excelSerialFromYmd, ymdFromExcelSerial } from "../../src/core/dates";

const FIXTURES = path.join(__dirname, "..", "fixtures", "data");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "cs-data-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function loadError(p: string): Promise<DataFileError> {
  try {
    await loadSheet(p);
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message).not.toMatch(/\n/);
    expect((error as Error).message.startsWith(p)).toBe(true);
    return error as DataFileError;
  }
  throw new Error(`${p} loaded without an error`);
}

// 2026-01-15 = 2026-01-01 (46023) + 14.
const JAN_15_2026 = 46037;

describe("dates: the 1900 date system", () => {
  test.each([
    [1900, 1, 1, 1],
    [1900, 1, 31, 31],
    [1900, 2, 28, 59],
    [1900, 2, 29, 60], // Excel's fake leap day
    [1900, 3, 1, 61],
    [1900, 12, 31, 366], // 1900 "has" 366 days in Excel
    [1901, 1, 1, 367],
    [1930, 1, 1, 10959], // 30*365 + 7 leap days (1904..1928) + 2
    [1970, 1, 1, 25569],
    [2000, 1, 1, 36526],
    [2024, 1, 1, 45292],
    [2024, 2, 29, 45351], // 45292 + 31 + 28
    [2026, 1, 1, 46023],
    [2026, 1, 15, JAN_15_2026],
    [2029, 12, 31, 47483], // 2030-01-01 = 46023 + 4*365 + 1 (2028) = 47484
    [9999, 12, 31, 2958465],
  ])("%i-%i-%i is serial %i, and back", (y, m, d, serial) => {
    expect(excelSerialFromYmd(y, m, d)).toBe(serial);
    expect(ymdFromExcelSerial(serial)).toEqual({ y, m, d });
  });

  test.each([
    [1899, 12, 31],
    [2026, 2, 30],
    [2025, 2, 29],
    [2100, 2, 29], // not a leap year
    [2026, 13, 1],
    [2026, 0, 10],
    [10000, 1, 1],
    [2026, 1, 1.5],
  ])("%p-%p-%p is not a date Excel can hold", (y, m, d) => {
    expect(() => excelSerialFromYmd(y, m, d)).toThrow(RangeError);
  });

  test("2000-02-29 is a leap day (divisible by 400)", () => {
    expect(excelSerialFromYmd(2000, 2, 29)).toBe(excelSerialFromYmd(2000, 3, 1) - 1);
  });

  test("ymdFromExcelSerial ignores the time of day and rejects non-serials", () => {
    expect(ymdFromExcelSerial(JAN_15_2026 + 0.75)).toEqual({ y: 2026, m: 1, d: 15 });
    expect(ymdFromExcelSerial(59.99)).toEqual({ y: 1900, m: 2, d: 28 });
    for (const bad of [0, 0.5, -1, 2958466, NaN, Infinity])
      expect(() => ymdFromExcelSerial(bad)).toThrow(RangeError);
  });

  test("every serial from 1 to 80000 survives serial -> ymd -> serial, each one day after the last", () => {
    const problems: string[] = [];
    let previous = { y: 1899, m: 12, d: 31 };
    for (let serial = 1; serial <= 80000; serial++) {
      const ymd = ymdFromExcelSerial(serial);
      if (excelSerialFromYmd(ymd.y, ymd.m, ymd.d) !== serial)
        problems.push(`serial ${serial} -> ${JSON.stringify(ymd)}`);
      const next =
        ymd.d === 1
          ? ymd.m === 1
            ? previous.y + 1 === ymd.y && previous.m === 12 && previous.d === 31
            : previous.y === ymd.y && previous.m + 1 === ymd.m && previous.d >= 28
          : previous.y === ymd.y && previous.m === ymd.m && previous.d + 1 === ymd.d;
      if (!next)
        problems.push(`serial ${serial}: ${JSON.stringify(previous)} then ${JSON.stringify(ymd)}`);
      previous = ymd;
    }
    expect(problems).toEqual([]);
    // 2100-01-01 = 46023 + 74*365 + 18 leap days = 73051; 2119-01-01 = 73051 + 19*365 + 4 = 79990.
    expect(previous).toEqual({ y: 2119, m: 1, d: 11 });
  });

  test("excelSerialFromDate inverts ExcelJS's Dates (UTC midnight; time kept)", () => {
    expect(excelSerialFromDate(new Date(Date.UTC(2026, 0, 15)))).toBe(JAN_15_2026);
    expect(excelSerialFromDate(new Date(Date.UTC(2026, 0, 15, 18)))).toBe(JAN_15_2026 + 0.75);
    expect(excelSerialFromDate(new Date(Date.UTC(1970, 0, 1)))).toBe(25569);
    // ExcelJS reads serial 1 as 1899-12-31T00:00Z (it does not know the fake leap day).
    expect(excelSerialFromDate(new Date(Date.UTC(1899, 11, 31)))).toBe(1);
    expect(excelSerialFromDate(new Date(Date.UTC(1900, 2, 1)))).toBe(61);
    expect(() => excelSerialFromDate(new Date(NaN))).toThrow(RangeError);
  });
});

describe("typePastedText: Excel's typing of a pasted cell", () => {
  test.each([[""], [" "], ["   "], ["\t"], [" \r\n "]])("%p is an empty cell", (text) => {
    expect(typePastedText(text)).toBeNull();
  });

  test.each([
    ["TRUE", true],
    ["true", true],
    ["True", true],
    [" TRUE ", true],
    ["FALSE", false],
    ["false", false],
    ["fAlSe", false],
  ])("%p is the boolean %p", (text, value) => {
    expect(typePastedText(text)).toBe(value);
  });

  test.each([
    ["80000", 80000],
    ["-5", -5],
    ["+5", 5],
    ["0", 0],
    ["3.25", 3.25],
    ["80,000", 80000],
    ["80,000.00", 80000],
    ["1,234,567.5", 1234567.5],
    ["-1,200", -1200],
    ["1.5e3", 1500],
    ["1.5E-3", 0.0015],
    ["-2e2", -200],
    [".5", 0.5],
    ["-.5", -0.5],
    ["5.", 5],
    [" 80000 ", 80000],
    ["\t42\t", 42],
    ["007", 7],
    ["123456789012345", 123456789012345], // 15 digits: Excel keeps them all
    ["10000000000000000", 1e16], // 17 digits but 1 significant
    ["0.30000000000000004", 0.30000000000000004], // a float printed by another program
  ])("%p is the number %p", (text, value) => {
    expect(typePastedText(text)).toBe(value);
  });

  test("-0 is 0, not negative zero", () => {
    expect(Object.is(typePastedText("-0"), 0)).toBe(true);
    expect(Object.is(typePastedText("-$0.00"), 0)).toBe(true);
  });

  test.each([
    ["$80,000", 80000],
    ["$80,000.00", 80000],
    ["$80000", 80000],
    ["$.5", 0.5],
    ["-$500", -500],
    ["+$5", 5],
    ["($1,200)", -1200],
    ["(1,200)", -1200],
    ["(42)", -42],
    [" $80,000 ", 80000],
  ])("currency %p is the number %p", (text, value) => {
    expect(typePastedText(text)).toBe(value);
  });

  test.each([
    ["95%", 0.95],
    ["12.5%", 0.125],
    ["1.1%", 0.011], // exactly the decimal 0.011, not 1.1/100 = 0.011000000000000001
    ["33.3%", 0.333],
    ["100%", 1],
    ["-5%", -0.05],
    ["0%", 0],
    ["1,000%", 10],
    [".5%", 0.005],
  ])("percent %p is %p", (text, value) => {
    expect(typePastedText(text)).toBe(value);
  });

  test.each([
    ["2026-01-15", JAN_15_2026],
    ["2026-1-5", 46027],
    ["2026-01-15T00:00:00", JAN_15_2026],
    ["2026-01-15T00:00:00Z", JAN_15_2026],
    ["2026-01-15T00:00:00.000Z", JAN_15_2026],
    ["2026-01-15T06:00", JAN_15_2026 + 0.25],
    ["2026-01-15T18:00:00Z", JAN_15_2026 + 0.75],
    ["2026-01-15 13:30", JAN_15_2026 + 0.5625],
    ["2026-01-15T00:00:43.2", JAN_15_2026 + 0.0005], // 43.2 s = 0.0005 day
    ["1/15/2026", JAN_15_2026],
    ["01/15/2026", JAN_15_2026],
    ["1/15/26", JAN_15_2026],
    ["12/31/29", 47483],
    ["1/1/30", 10959],
    ["1/15/2026 13:30", JAN_15_2026 + 0.5625],
    ["1/15/2026 1:30 PM", JAN_15_2026 + 0.5625],
    ["1/15/2026 6:00am", JAN_15_2026 + 0.25],
    ["1/15/2026 12:00 AM", JAN_15_2026],
    ["1/15/2026 12:00 PM", JAN_15_2026 + 0.5],
    ["2024-02-29", 45351],
    ["2/29/2024", 45351],
    ["1900-01-01", 1],
    ["1900-02-29", 60],
    ["1900-03-01", 61],
    ["9999-12-31", 2958465],
    [" 2026-01-15 ", JAN_15_2026],
  ])("date %p is serial %p", (text, value) => {
    expect(typePastedText(text)).toBeCloseTo(value, 9);
    if (Number.isInteger(value)) expect(typePastedText(text)).toBe(value);
  });

  test.each([
    // Not Excel numbers: our CS functions read these texts themselves.
    ["80k"],
    ["1.2M"],
    ["USD 80,000"],
    ["€80"],
    ["80 000"],
    ["$-500"],
    ["5$"],
    ["$ 5"],
    ["$5%"],
    ["(5%)"],
    ["- 5"],
    // Broken thousands groups.
    ["8,00"],
    ["80,0000"],
    ["1,2345"],
    [",000"],
    ["1,,000"],
    ["1,000e3"],
    // Other non-numbers.
    ["1.2.3"],
    ["e5"],
    ["."],
    ["-"],
    ["$"],
    ["()"],
    ["0x10"],
    ["Infinity"],
    ["NaN"],
    ["1_000"],
    ["1e400"], // beyond Excel's largest number
    ["12345678901234567"], // an ID: Excel would keep only 15 digits
    ["80000\u00a0"], // a no-break space is not a space to Excel's number parser
    // Invalid or unsupported dates.
    ["2026-02-30"],
    ["2025-02-29"],
    ["2100-02-29"],
    ["1899-12-31"],
    ["2026-13-01"],
    ["2026-00-10"],
    ["13/15/2026"],
    ["2/30/2026"],
    ["15/01/2026"],
    ["2026-01-15T24:00:00"],
    ["2026-01-15T10:60"],
    ["2026-01-15T10:00:00+02:00"],
    ["2026-01-15 10:00Z"],
    ["1/15/2026 13:30 PM"],
    ["1/15/2026 0:30 AM"],
    ["1-15-2026"],
    ["2026/01/15"],
    ["Jan 15, 2026"],
    ["15-Jan-2026"],
    ["1/15"],
    ["1/15/226"],
    ["12:30"],
    // Booleans are exactly TRUE/FALSE.
    ["yes"],
    ["TRUE1"],
    ["T"],
    // Never formulas (CSV injection), never errors.
    ["=1+1"],
    ["=5"],
    ["=SUM(A1:A2)"],
    ["+A1"],
    ["-x"],
    ["-cmd|' /C calc'!A0"],
    ["@SUM(1)"],
    ["#N/A"],
    ["'80000"],
    ["Acme"],
    ["3M Company"],
  ])("%p stays text", (text) => {
    expect(typePastedText(text)).toBe(text);
  });

  test("text keeps its spaces exactly as written (Excel does too)", () => {
    expect(typePastedText(" Enterprise ")).toBe(" Enterprise ");
    expect(typePastedText(" 80k ")).toBe(" 80k ");
  });

  // The plain-digits and yyyy-mm-dd fast paths, at their edges: each answer worked out by hand.
  test.each([
    ["0", 0],
    ["7", 7],
    ["007", 7],
    [" 26100 ", 26100],
    ["123456789012345", 123456789012345],
    // 16 digits whose 16th is a trailing zero: 15 significant digits, a number.
    ["1234567890123450", 1234567890123450],
    // 2026-01-01 is serial 46023; June 1 is 31+28+31+30+31 = 151 days later.
    ["2026-06-01", 46174],
    ["2024-02-29", 45351],
    [" 2026-06-01 ", 46174],
    // One-digit month and day take the pattern's way, to the same day.
    ["2026-6-1", 46174],
  ])("%p is %p", (text, value) => {
    expect(typePastedText(text)).toBe(value);
  });

  test.each([
    // 16 significant digits: an ID Excel would cut; kept as text.
    ["1234567890123456"],
    ["2026-02-30"],
    ["2025-02-29"],
    ["2026-13-01"],
    ["2026-00-10"],
    ["2026-06-01x"],
    ["2026-06-1a"],
    ["20260601-"],
  ])("%p stays text", (text) => {
    expect(typePastedText(text)).toBe(text);
  });
});

describe("toEngineInput: text reaches HyperFormula as that exact text", () => {
  const texts = [
    "Acme",
    "=1+1",
    "=SUM(A1:A2)",
    "TRUE",
    "false",
    "#N/A",
    "#DIV/0!",
    "80000",
    " 42 ",
    "$5",
    "5$",
    "95%",
    "1/2/2020", // HyperFormula alone would read this as 1 February 2020
    "2020-01-02",
    "12:30",
    "'quoted",
    "''two",
    "'",
    "",
    "  ",
    " 'x",
    "80k",
  ];

  test("each text is stored and read back unchanged", () => {
    const sheet = texts.map((t) => [toEngineInput(t)]);
    const hf = HyperFormula.buildFromSheets({ S: sheet }, { licenseKey: "gpl-v3" });
    try {
      texts.forEach((t, row) => {
        const address = { sheet: 0, col: 0, row };
        expect({ t, value: hf.getCellValue(address) }).toEqual({ t, value: t });
        expect(hf.getCellValueType(address)).toBe("STRING");
        expect(hf.isCellPartOfArray(address) || hf.doesCellHaveFormula(address)).toBe(false);
        // The serialized form is the apostrophe-prefixed input, which reads back to the same text.
        expect(hf.getCellSerialized(address)).toBe(`'${t}`);
      });
      const again = HyperFormula.buildFromSheets(
        { S: texts.map((_, row) => [hf.getCellSerialized({ sheet: 0, col: 0, row }) as string]) },
        { licenseKey: "gpl-v3" }
      );
      texts.forEach((t, row) => expect(again.getCellValue({ sheet: 0, col: 0, row })).toBe(t));
      again.destroy();
    } finally {
      hf.destroy();
    }
  });

  test("numbers, booleans and empty cells pass unchanged", () => {
    for (const cell of [42, -1.5, 0, true, false, null] as SheetCell[])
      expect(toEngineInput(cell)).toBe(cell);
    const hf = HyperFormula.buildFromSheets(
      { S: [[toEngineInput(42), toEngineInput(true), toEngineInput(null)]] },
      { licenseKey: "gpl-v3" }
    );
    expect(hf.getCellValue({ sheet: 0, col: 0, row: 0 })).toBe(42);
    expect(hf.getCellValue({ sheet: 0, col: 1, row: 0 })).toBe(true);
    expect(hf.getCellValueType({ sheet: 0, col: 2, row: 0 })).toBe("EMPTY");
    hf.destroy();
  });
});

describe("loadSheet: CSV", () => {
  test("a CRM export: BOM, CRLF, quoted commas/newlines/quotes, blank row kept, ragged rows padded", async () => {
    const sheet = await loadSheet(path.join(FIXTURES, "crm-export.csv"));
    expect(sheet).toEqual([
      ["Account", "ACV", "Renewal", "Tier", "Notes"],
      ["Acme", 80000, JAN_15_2026, "Enterprise", "big, important"],
      ["Globex", "80k", JAN_15_2026, "Mid-Market", "line one\nline two"],
      ["Initech", -1200, null, "SMB", null],
      [null, null, null, null, null],
      ["Umbrella", 0.95, "2026-02-30", "Strategic", 'say "hi"'],
    ]);
  });

  test("LF line ends, no trailing newline, ragged rows padded to the widest", async () => {
    const sheet = await loadSheet(file("ragged.csv", "a,b\n1\n2,3,4,5\nTRUE,,x"));
    expect(sheet).toEqual([
      ["a", "b", null, null],
      [1, null, null, null],
      [2, 3, 4, 5],
      [true, null, "x", null],
    ]);
  });

  test("trailing blank lines and empty trailing fields are dropped; inner blank rows stay", async () => {
    const sheet = await loadSheet(file("blank.csv", "a,b,,\n\n1,2,,\n\n\n,,\n"));
    expect(sheet).toEqual([
      ["a", "b"],
      [null, null],
      [1, 2],
    ]);
  });

  test("a single column", async () => {
    expect(await loadSheet(file("one.csv", 'ACV\n"$80,000"\n95%\n'))).toEqual([
      ["ACV"],
      [80000],
      [0.95],
    ]);
  });

  test("the extension is matched in any case", async () => {
    expect(await loadSheet(file("UPPER.CSV", "x,1\n"))).toEqual([["x", 1]]);
  });

  test("formula-looking cells stay text and reach the engine as text", async () => {
    const sheet = await loadSheet(
      file("inject.csv", 'a,b\n=1+1,"=HYPERLINK(""http://x"",""y"")"\n+A1,@SUM(1)\n-5,+5\n')
    );
    expect(sheet).toEqual([
      ["a", "b"],
      ["=1+1", '=HYPERLINK("http://x","y")'],
      ["+A1", "@SUM(1)"],
      [-5, 5],
    ]);
    const hf = HyperFormula.buildFromSheets(
      { S: sheet.map((row) => row.map(toEngineInput)) },
      { licenseKey: "gpl-v3" }
    );
    expect(hf.getCellValue({ sheet: 0, col: 0, row: 1 })).toBe("=1+1");
    expect(hf.doesCellHaveFormula({ sheet: 0, col: 0, row: 1 })).toBe(false);
    expect(hf.calculateFormula("=ISTEXT(A2)+0", 0)).toBe(1);
    expect(hf.calculateFormula("=A4*B4", 0)).toBe(-25);
    hf.destroy();
  });

  test("a semicolon file is detected, and a comma in its numbers is not a thousands separator", async () => {
    const sheet = await loadSheet(
      file("semi.csv", "Account;ACV;Share\nAcme;1,234;80,5\nGlobex;1.5;95%\n")
    );
    expect(sheet).toEqual([
      ["Account", "ACV", "Share"],
      ["Acme", "1,234", "80,5"],
      ["Globex", 1.5, 0.95],
    ]);
  });

  test("a tab-separated file is detected; comma groups are numbers there", async () => {
    const sheet = await loadSheet(
      file("tabs.csv", "Account\tACV\nAcme\t80,000\nGlobex\t$1,200.50\n")
    );
    expect(sheet).toEqual([
      ["Account", "ACV"],
      ["Acme", 80000],
      ["Globex", 1200.5],
    ]);
  });

  test("a comma file whose text has semicolons stays comma-separated", async () => {
    const sheet = await loadSheet(file("mixed.csv", "a,b,c\nx;y,1,2\np;q,3,4\n"));
    expect(sheet).toEqual([
      ["a", "b", "c"],
      ["x;y", 1, 2],
      ["p;q", 3, 4],
    ]);
  });

  test("Windows-1252 text (Excel's 'CSV (Comma delimited)') is read as such", async () => {
    // Caf\xe9 = "Café"; \x80 = "€"; \x93 \x94 = curly double quotes; \x96 = en dash.
    const bytes = Buffer.from([
      ...Buffer.from("Name,ACV,Note\nCaf"),
      0xe9,
      ...Buffer.from(","),
      0x80,
      ...Buffer.from("80,"),
      0x93,
      ...Buffer.from("ok"),
      0x94,
      0x96,
      ...Buffer.from("yes\n"),
    ]);
    expect(await loadSheet(file("ansi.csv", bytes))).toEqual([
      ["Name", "ACV", "Note"],
      ["Café", "€80", "\u201cok\u201d\u2013yes"],
    ]);
  });

  test("UTF-16LE with BOM (Excel's 'Unicode Text', tab-separated)", async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("Name\tACV\r\nZ\u00fcrich\t80000\r\n", "utf16le"),
    ]);
    expect(await loadSheet(file("unicode.csv", bytes))).toEqual([
      ["Name", "ACV"],
      ["Zürich", 80000],
    ]);
  });

  test("Excel's text saves: Unicode Text (.txt, UTF-16, tabs), Text (Tab delimited) (.txt, Windows-1252) and .tsv", async () => {
    const unicodeText = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Name\tACV\r\nZ\u00fcrich\t"80,000"\r\n', "utf16le"),
    ]);
    expect(await loadSheet(file("unicode.txt", unicodeText))).toEqual([
      ["Name", "ACV"],
      ["Zürich", 80000],
    ]);
    // 0xFC is ü in Windows-1252, which Excel's "Text (Tab delimited)" writes on Western Windows.
    const ansiText = Buffer.concat([
      Buffer.from("Name\tACV\r\nZ"),
      Buffer.from([0xfc]),
      Buffer.from("rich\t12000\r\n"),
    ]);
    expect(await loadSheet(file("tabs.TXT", ansiText))).toEqual([
      ["Name", "ACV"],
      ["Zürich", 12000],
    ]);
    expect(await loadSheet(file("export.tsv", "Name\tACV\nAcme\t$45,000\n"))).toEqual([
      ["Name", "ACV"],
      ["Acme", 45000],
    ]);
  });

  test("an .xlsm (a workbook with macros) is read as an .xlsx", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Accounts");
    sheet.addRow(["Name", "ACV"]);
    sheet.addRow(["Acme", 80000]);
    const zip = await JSZip.loadAsync(Buffer.from(await book.xlsx.writeBuffer()));
    // What Excel changes when it saves with macros: the workbook's content type and a VBA part.
    const types = await zip.file("[Content_Types].xml")!.async("string");
    zip.file(
      "[Content_Types].xml",
      types
        .replace(
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
          "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
        )
        .replace(
          "<Default ",
          '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default '
        )
    );
    zip.file("xl/vbaProject.bin", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    const bytes = await zip.generateAsync({ type: "nodebuffer" });
    expect(await loadSheet(file("macros.xlsm", bytes))).toEqual([
      ["Name", "ACV"],
      ["Acme", 80000],
    ]);
  });

  test("UTF-8 text with non-ASCII letters", async () => {
    expect(await loadSheet(file("utf8.csv", 'Name,ACV\nSão Paulo Ltda,"$1,000"\n'))).toEqual([
      ["Name", "ACV"],
      ["São Paulo Ltda", 1000],
    ]);
  });
});

describe("loadSheet: rejections, one line naming the file", () => {
  test("an unsupported extension", async () => {
    expect((await loadError(file("data.json", "a,b\n"))).message).toBe(
      `${path.join(dir, "data.json")}: unsupported data file type ".json"; use a .csv or .xlsx file`
    );
    expect((await loadError(file("noext", "a,b\n"))).message).toMatch(
      /unsupported data file type \(no extension\)/
    );
  });

  test("spreadsheet formats that are not read say what they are and how to save them", async () => {
    // A Salesforce "Export to Excel" .xls is an HTML page; a real .xls is OLE: same answer.
    expect(
      (await loadError(file("report.xls", "<html><table><tr><td>ARR</td></tr></table>"))).message
    ).toBe(
      `${path.join(dir, "report.xls")}: ".xls" is an Excel 97-2003 workbook (or a CRM's "Export to Excel" page), which is not read; open it and save it as .xlsx (Excel Workbook) or .csv`
    );
    expect((await loadError(file("book.XLSB", "PK"))).message).toMatch(
      /"\.xlsb" is an Excel binary workbook, which is not read; open it and save it as \.xlsx/
    );
    expect((await loadError(file("book.ods", "PK"))).message).toMatch(
      /"\.ods" is an OpenDocument spreadsheet, which is not read/
    );
  });

  test("a missing file", async () => {
    const p = path.join(dir, "missing.csv");
    expect((await loadError(p)).message).toBe(`${p}: file not found`);
    expect((await loadError(path.join(dir, "missing.xlsx"))).message).toMatch(
      /missing\.xlsx: file not found$/
    );
  });

  test("a directory", async () => {
    const p = path.join(dir, "folder.csv");
    mkdirSync(p);
    expect((await loadError(p)).message).toBe(`${p}: is a directory, not a data file`);
  });

  test("an unreadable file", async () => {
    const p = file("locked.csv", "a,b\n");
    const denied = () => Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    // UTF-8 text is read straight into a string (readFileSync); other files as bytes.
    const spies = [
      jest.spyOn(fsp, "readFile").mockRejectedValueOnce(denied()),
      jest.spyOn(fs, "readFileSync").mockImplementationOnce(() => {
        throw denied();
      }),
    ];
    try {
      expect((await loadError(p)).message).toBe(`${p}: cannot be read (permission denied)`);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });

  test("an empty file and a file of blank lines", async () => {
    expect((await loadError(file("empty.csv", ""))).message).toMatch(
      /empty\.csv: the file is empty$/
    );
    expect((await loadError(file("bom-only.csv", "\ufeff"))).message).toMatch(
      /bom-only\.csv: has no data/
    );
    expect((await loadError(file("blanks.csv", "\r\n \r\n,,\r\n"))).message).toMatch(
      /blanks\.csv: has no data \(only blank lines\)$/
    );
  });

  test("binary data named .csv", async () => {
    const random = Buffer.alloc(4096);
    let seed = 12345;
    for (let i = 0; i < random.length; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      random[i] = seed >> 16;
    }
    random[100] = 0;
    expect((await loadError(file("random.csv", random))).message).toMatch(
      /random\.csv: is not a text file \(it contains NUL bytes\)/
    );
    // No NUL byte, but full of control characters.
    const controls = Buffer.from(
      Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 8) : 0x41 + (i % 26)))
    );
    expect((await loadError(file("controls.csv", controls))).message).toMatch(
      /controls\.csv: is not a text file \(it is full of control characters\)/
    );
  });

  test("a workbook or old .xls named .csv", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").getCell("A1").value = 1;
    const zip = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await loadError(file("book.csv", zip))).message).toMatch(
      /book\.csv: is a zip package \(an \.xlsx workbook\?\), not CSV text/
    );
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(100, 0x41),
    ]);
    expect((await loadError(file("old.csv", ole))).message).toMatch(
      /old\.csv: is a binary Office file/
    );
  });

  test("an unclosed quote names the row where it opens", async () => {
    const p = file("unclosed.csv", 'a,b\n1,"never closed\n2,3\n');
    expect((await loadError(p)).message).toBe(
      `${p}: a quoted field that opens in row 2 is never closed`
    );
    // A quoted newline earlier makes the sheet row differ from the file line.
    const q = file("unclosed2.csv", 'a,b\n1,"two\nlines"\n3,"oops\n4,5\n');
    expect((await loadError(q)).message).toBe(
      `${q}: a quoted field that opens in row 3 (line 4) is never closed`
    );
  });

  test("text after a closing quote", async () => {
    const p = file("badquote.csv", 'a,b\n1,2\n3,"bad"x\n');
    expect((await loadError(p)).message).toBe(
      `${p}: row 3 has a malformed quoted field (text after its closing quote)`
    );
  });
});

async function writeWorkbook(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const p = path.join(dir, name);
  await wb.xlsx.writeFile(p);
  return p;
}

describe("loadSheet: .xlsx", () => {
  test("a round trip: numbers, text, booleans, dates, formulas, rich text, hyperlinks, merges, A1 origin", async () => {
    const p = await writeWorkbook("round.xlsx", (wb) => {
      const ws = wb.addWorksheet("Accounts");
      // Row 1 and column A left empty: addresses must still match.
      ws.getCell("B2").value = "Account";
      ws.getCell("C2").value = "ACV";
      ws.getCell("D2").value = "Renewal";
      ws.getCell("E2").value = "Note";
      ws.getCell("B3").value = "Acme";
      ws.getCell("C3").value = 80000;
      ws.getCell("D3").value = new Date(Date.UTC(2026, 0, 15));
      ws.getCell("E3").value = "80000"; // a text cell stays text, never re-typed
      ws.getCell("B4").value = {
        richText: [{ text: "Glo", font: { bold: true } }, { text: "bex" }],
      };
      ws.getCell("C4").value = { formula: "C3*2", result: 160000 };
      ws.getCell("D4").value = new Date(Date.UTC(2026, 0, 15, 18)); // 18:00 = 0.75 day
      ws.getCell("E4").value = "=1+1"; // text that looks like a formula
      ws.getCell("B5").value = { text: "Initech", hyperlink: "https://example.com" };
      ws.getCell("C5").value = { formula: "1/0", result: { error: "#DIV/0!" } };
      ws.getCell("D5").value = { formula: 'UPPER("x")', result: "X" };
      ws.getCell("E5").value = true;
      // A hyperlink whose text is rich text (ExcelJS's types only allow a string here).
      ws.getCell("B6").value = {
        text: { richText: [{ text: "Um" }, { text: "brella" }] },
        hyperlink: "https://u.example",
      } as unknown as ExcelJS.CellHyperlinkValue;
      ws.getCell("C6").value = { formula: "C3" }; // never calculated: no saved result
      ws.getCell("D6").value = 1;
      ws.getCell("D6").numFmt = "yyyy-mm-dd"; // serial 1 shown as a date
      ws.getCell("E6").value = { formula: "D3+1", result: new Date(Date.UTC(2026, 0, 16)) };
      ws.getCell("B7").value = "merged";
      ws.mergeCells("B7:C8");
      ws.getCell("D8").value = -0.5;
      wb.addWorksheet("Second").getCell("A1").value = "not this sheet";
    });
    expect(await loadSheet(p)).toEqual([
      [null, null, null, null, null],
      [null, "Account", "ACV", "Renewal", "Note"],
      [null, "Acme", 80000, JAN_15_2026, "80000"],
      [null, "Globex", 160000, JAN_15_2026 + 0.75, "=1+1"],
      [null, "Initech", "#DIV/0!", "X", true],
      [null, "Umbrella", null, 1, JAN_15_2026 + 1],
      [null, "merged", null, null, null],
      [null, null, null, -0.5, null],
    ]);
  });

  test("shared strings and an upper-case extension", async () => {
    const p = await writeWorkbook("SHARED.XLSX", (book) => {
      const ws = book.addWorksheet("S");
      ws.getCell("A1").value = "same";
      ws.getCell("A2").value = "same";
      ws.getCell("B2").value = "other";
    });
    expect(await loadSheet(p)).toEqual([
      ["same", null],
      ["same", "other"],
    ]);
  });

  test("a 1904-date-system workbook gives the same day as a 1900 serial", async () => {
    const p = await writeWorkbook("1904.xlsx", (wb) => {
      wb.properties.date1904 = true;
      wb.addWorksheet("S").getCell("A1").value = new Date(Date.UTC(2026, 0, 15));
    });
    expect(await loadSheet(p)).toEqual([[JAN_15_2026]]);
  });

  test("random bytes, text and an old .xls named .xlsx", async () => {
    const random = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256));
    expect((await loadError(file("random.xlsx", random))).message).toMatch(
      /random\.xlsx: not a readable \.xlsx workbook \(not a valid Excel file\)$/
    );
    expect((await loadError(file("text.xlsx", "a,b\n1,2\n"))).message).toMatch(
      /text\.xlsx: not a readable \.xlsx workbook/
    );
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(100),
    ]);
    expect((await loadError(file("old.xlsx", ole))).message).toMatch(
      /old\.xlsx: not a readable \.xlsx workbook \(it is an old \.xls or a password-protected workbook\)/
    );
    expect((await loadError(file("empty.xlsx", ""))).message).toMatch(
      /empty\.xlsx: the file is empty$/
    );
  });

  test('a CRM\'s "Export to Excel" web page or Excel 2003 XML named .xlsx is named as such, with what to do', async () => {
    const page =
      '\ufeff\r\n<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head>' +
      "<body><table><tr><th>Account Name</th><th>ACV</th></tr><tr><td>Acme</td><td>10000</td></tr></table></body></html>";
    expect((await loadError(file("report.xlsx", page))).message).toBe(
      `${path.join(dir, "report.xlsx")}: not a readable .xlsx workbook: it is a web page (HTML) with an .xlsx name, as some CRMs' "Export to Excel" writes; open it in Excel and save it as Excel Workbook (.xlsx), or export the report as CSV`
    );
    const xml =
      '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>' +
      '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Accounts"/></Workbook>';
    expect((await loadError(file("report2.xlsx", xml))).message).toMatch(
      /report2\.xlsx: not a readable \.xlsx workbook: it is an Excel 2003 XML Spreadsheet with an \.xlsx name/
    );
  });

  test("a workbook without a worksheet, and an empty first worksheet", async () => {
    const none = await writeWorkbook("nosheet.xlsx", () => undefined);
    expect((await loadError(none)).message).toMatch(/nosheet\.xlsx: the workbook has no worksheet/);
    const blank = await writeWorkbook("blank.xlsx", (wb) => {
      wb.addWorksheet("Empty");
      wb.addWorksheet("Full").getCell("A1").value = 1;
    });
    expect((await loadError(blank)).message).toMatch(
      /blank\.xlsx: the worksheet "Empty" is empty$/
    );
  });
});
