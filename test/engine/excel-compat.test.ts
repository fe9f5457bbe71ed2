/**
 * The engine reads ordinary formulas as Excel (en-US, 1900 date system)
 * does. Each expected value is Excel's own answer, known by hand: serial
 * dates from the 1900 system (1 = 1 Jan 1900, 60 = the 29 Feb 1900 that
 * Excel keeps from Lotus 1-2-3, 61 = 1 Mar 1900, 45658 = 1 Jan 2025),
 * TRUE/FALSE as keywords, case-insensitive text comparison, wildcard criteria.
 */
import { evaluate, evaluateOne } from "../helpers/engine";

const EXCEL_ANSWERS: [string, unknown][] = [
  // TRUE and FALSE are keywords, as in Excel.
  ["=IF(TRUE,1,2)", 1],
  ["=IF(FALSE,1,2)", 2],
  ["=TRUE", true],
  ["=NOT(FALSE)", true],
  ["=AND(TRUE,FALSE)", false],
  ["=TRUE+TRUE", 2],
  ["=true", true],
  // The 1900 date system, with its leap-year quirk.
  ["=DATE(1900,1,1)", 1],
  ["=DATE(1900,2,28)", 59],
  ["=DATE(1900,2,29)", 60],
  ["=DATE(1900,3,1)", 61],
  ["=DATE(2025,1,1)", 45658],
  ["=DAY(60)", 29],
  ["=MONTH(60)", 2],
  ["=YEAR(45658)", 2025],
  ['=DATEVALUE("1/2/2025")', 45659], // en-US: month first
  ['=DATEVALUE("2025/01/02")', 45659],
  ["=EOMONTH(DATE(2024,1,31),1)", 45351], // 29 Feb 2024
  // Text comparison: case-insensitive, accent-sensitive.
  ['="abc"="ABC"', true],
  ['="é"="e"', false],
  ['=EXACT("abc","ABC")', false],
  // Whitespace anywhere in a formula is ignored.
  ["= SUM( 1 , 2 )", 3],
  // Criteria: wildcards, whole cell, no regular expressions.
  ['=COUNTIF({"Strategic";"Pooled";"Strat"},"Strat*")', 2],
  ['=COUNTIF({"Strategic";"Pooled"},"Strat")', 0],
  ['=COUNTIF({"a.c";"abc"},"a.c")', 1],
  // Array arithmetic, as Excel's dynamic arrays.
  ["=SUM({1,2,3}*2)", 12],
  // Ordinary finance formulas.
  ["=ROUND(2.5,0)", 3],
  ["=ROUND(-2.5,0)", -3],
  ["=ROUNDUP(33/11,0)", 3],
  ["=0.1+0.2", 0.3],
  ['=IFNA(MATCH("z",{"a";"b"},0),-1)', -1],
  // Rounding as Excel rounds: the value as Excel holds it (15 significant digits), and INT
  // rounds down (Microsoft's INT page: INT(-8.9) is -9). HyperFormula alone gave 1, 0.4, 28,
  // 28, 28, 0 and 12 for these; LibreOffice Calc gives Excel's answers.
  ["=ROUND(1.005,2)", 1.01],
  ["=ROUNDUP(0.1*3,1)", 0.3],
  ["=ROUNDDOWN(0.29*100,0)", 29],
  ["=INT(0.29*100)", 29],
  ["=TRUNC(0.29*100)", 29],
  ["=INT(-0.5)", -1],
  ["=INT(-8.9)", -9],
  ["=ROUNDUP(1.1*10,0)", 11],
  ["=ROUNDUP(0.1*3*10,0)", 3], // 3.0000000000000004 in binary: not a fourth hire (HyperFormula: 4)
  ["=FLOOR(0.29*100,1)", 29],
  ["=CEILING(3*0.1,0.1)", 0.3],
  ["=ROUND(1234.5678,-2)", 1200],
  ["=ROUND(1.2345,2.7)", 1.23], // places truncated toward zero
  ["=TRUNC(-4.79,1)", -4.7],
  // The other rounding functions, the same way. HyperFormula alone gave 28, 4, 28, 4, 4, 8 and
  // 5 for the first seven (0.29*100 is 28.999999999999996 and 0.1*3*10 is 3.0000000000000004 in
  // binary); LibreOffice Calc 7.4 gives the answers below.
  ["=FLOOR.MATH(0.29*100)", 29],
  ["=CEILING.MATH(0.1*3*10)", 3],
  ["=FLOOR.PRECISE(0.29*100)", 29],
  ["=CEILING.PRECISE(0.1*3*10)", 3],
  ["=ISO.CEILING(0.1*3*10)", 3],
  ["=EVEN(0.2*3*10)", 6],
  ["=ODD(0.1*3*10)", 3],
  ["=FLOOR.MATH(-0.29*100)", -29],
  ["=EVEN(1.5)", 2], // Microsoft's EVEN page: 1.5, 3, 2, -1 give 2, 4, 2, -2
  ["=EVEN(-1)", -2],
  ["=ODD(1.5)", 3], // Microsoft's ODD page: 1.5, 3, 2, -1, -2 give 3, 3, 3, -1, -3
  ["=ODD(2)", 3],
  ["=ODD(-2)", -3],
  // Microsoft's CEILING.MATH and FLOOR.MATH pages: any mode but 0 sends a negative number away
  // from zero (up) or toward it (down). HyperFormula took only mode 1: -4 and -6 for the -1 rows.
  ["=CEILING.MATH(24.3,5)", 25],
  ["=CEILING.MATH(6.7)", 7],
  ["=CEILING.MATH(-8.1,2)", -8],
  ["=CEILING.MATH(-5.5,2,-1)", -6],
  ["=FLOOR.MATH(24.3,5)", 20],
  ["=FLOOR.MATH(6.7)", 6],
  ["=FLOOR.MATH(-8.1,2)", -10],
  ["=FLOOR.MATH(-5.5,2,-1)", -4],
  // MROUND stays HyperFormula's: Microsoft's MROUND page calls a midpoint with a decimal multiple
  // undefined and gives 6.0 for MROUND(6.05,0.1) and 7.1 for MROUND(7.05,0.1) (LibreOffice agrees).
  ["=MROUND(10,3)", 9],
  ["=MROUND(-10,-3)", -9],
  ["=MROUND(1.3,0.2)", 1.4],
  ["=MROUND(6.05,0.1)", 6],
  ["=MROUND(7.05,0.1)", 7.1],
  // Nothing left at the place: 0 (LibreOffice; HyperFormula gave #NUM!).
  ["=ROUND(5,-400)", 0],
  ["=ROUNDDOWN(-5,-400)", 0],
  // TEXT with Excel's format codes (HyperFormula alone: "1%", "1235,##0.00").
  ['=TEXT(0.5,"0%")', "50%"],
  ['=TEXT(1234.5,"#,##0.00")', "1,234.50"],
  ['=TEXT(-0.175,"0.0%;(0.0%)")', "(17.5%)"],
  ['=TEXT(80000,"$#,##0")', "$80,000"],
  ['=TEXT(DATE(2026,12,3),"yyyy-mm-dd")', "2026-12-03"],
  ['=TEXT(60,"mmm d, yyyy")', "Feb 29, 1900"], // the 1900 system's own leap day
  // TEXT rounds the value as Excel holds it, at the place its format shows (percent two places
  // further, each trailing comma three places back). numfmt alone gave "1.00", "1.00%", "1.00"
  // and "(1.00)"; LibreOffice Calc 7.4 gives the answers below.
  ['=TEXT(1.005,"0.00")', "1.01"],
  ['=TEXT(0.01005,"0.00%")', "1.01%"],
  ['=TEXT(1005000,"0.00,,")', "1.01"],
  ['=TEXT(-1.005,"0.00;(0.00)")', "(1.01)"],
  ['=TEXT(1234.005,"$#,##0.00")', "$1,234.01"],
  // A value that shows as zero keeps its sign's section (LibreOffice: "(0.00)").
  ['=TEXT(-0.001,"0.00;(0.00)")', "(0.00)"],
  // VALUE reads text as Excel (en-US) does. Microsoft's VALUE page: "$1,000" is 1000 and
  // "16:48:00" - "12:00:00" is 0.2; the others are LibreOffice Calc 7.4's answers. HyperFormula
  // alone gave #VALUE! for the thousands separators and for "-$1,234.50".
  ['=VALUE("$1,000")', 1000],
  ['=VALUE("16:48:00")-VALUE("12:00:00")', 0.2],
  ['=VALUE("1,234")', 1234],
  ['=VALUE("$1,234.50")', 1234.5],
  ['=VALUE("-$1,234.50")', -1234.5],
  ['=VALUE("(1,234)")', -1234],
  ['=VALUE("1,234%")', 12.34],
  ['=VALUE("1,234,567.891")', 1234567.891],
  ['=VALUE("12%")', 0.12],
  ['=VALUE(" 42 ")', 42],
  // Commas that are not thousands separators stay unreadable (LibreOffice: Err:502, a #VALUE!).
  ['=ISERROR(VALUE("1,23"))', true],
  ['=ISERROR(VALUE("12,34,567"))', true],
  ['=ISERROR(VALUE("1,234.5,678"))', true],
  // DATEDIF's unit in any case (LibreOffice Calc 7.4; HyperFormula alone: #NUM! for lower case).
  // 15 Jan 2020 to 1 Mar 2025: 5 whole years, 61 months, 1872 days; 14 days past the 15th of
  // February (28 days), 1 month past 15 Jan, 45 days past 15 Jan 2025.
  ['=DATEDIF(DATE(2020,1,15),DATE(2025,3,1),"y")', 5],
  ['=DATEDIF(DATE(2020,1,15),DATE(2025,3,1),"m")', 61],
  ['=DATEDIF(DATE(2020,1,15),DATE(2025,3,1),"d")', 1872],
  ['=DATEDIF(DATE(2020,1,15),DATE(2025,3,1),"md")', 14],
  ['=DATEDIF(DATE(2020,1,15),DATE(2025,3,1),"ym")', 1],
  ['=DATEDIF(DATE(2020,1,15),DATE(2025,3,1),"yd")', 45],
  ['=DATEDIF(DATE(2020,1,15),DATE(2025,3,1),"Md")', 14],
  ['=DATEDIF(DATE(2020,1,15),DATE(2025,3,1),"YD")', 45],
  // CONCAT (Excel 2019; HyperFormula alone: #NAME?). Microsoft's CONCAT page: the sentence, and
  // a range joined row by row; over 32,767 characters (a cell's limit) it is #VALUE!.
  [
    '=CONCAT("The"," ","sun"," ","will"," ","come"," ","up"," ","tomorrow.")',
    "The sun will come up tomorrow.",
  ],
  ['=CONCAT({"a1","b1";"a2","b2"})', "a1b1a2b2"],
  ['=LEN(CONCAT(REPT("a",32767)))', 32767],
  ['=ISERROR(CONCAT(REPT("a",32767),"b"))', true],
  // A quote inside text written twice, and a backslash, as Excel writes them (HyperFormula alone
  // could not read these formulas: #ERROR!). Expected values by hand.
  ['="say ""hi"""', 'say "hi"'],
  ['=LEN("""")', 1],
  ['="C:\\"&"x"', "C:\\x"],
  ['=TEXT(1250000,"$#,##0.0,,""M""")', "$1.3M"], // LibreOffice Calc 7.4: "$1.3M"
  ['=TEXT(12345678.5,"#,##0.0,,""M""")', "12.3M"], // LibreOffice Calc 7.4: "12.3M"
  // Exponents as Excel writes them, with a capital E.
  ["=1E+3", 1000],
  ["=1E3+1", 1001],
  ["=2.5E-2*100", 2.5],
  ["=CS.TIER(1.2E+5)", "Enterprise"], // MODEL.md §1: 120,000 is at least 100,000
  ['="1E3"&"!"', "1E3!"],
];

describe("ordinary Excel formulas give Excel's answers", () => {
  test.each(EXCEL_ANSWERS)("%s is %p", async (formula, expected) => {
    expect(await evaluateOne(formula)).toEqual(expected);
  });
});

describe("lookups over a sheet, as an FP&A model writes them", () => {
  // A1:B3 of the data sheet: a tier table.
  const sheet = [
    ["'Tier", "'Ratio"],
    ["'Strategic", 11],
    ["'Pooled", 50],
  ];
  test.each([
    ['=VLOOKUP("Pooled",A2:B3,2,FALSE)', 50],
    ['=VLOOKUP("pooled",A2:B3,2,FALSE)', 50],
    ['=IFERROR(VLOOKUP("Gold",A2:B3,2,FALSE),"none")', "none"],
    ['=ISNA(VLOOKUP("Gold",A2:B3,2,FALSE))', true],
    ['=INDEX(B2:B3,MATCH("Strategic",A2:A3,0))', 11],
    ['=SUMIF(A2:A3,"P*",B2:B3)', 50],
    // A cell whose address looks like an exponent's tail stays a cell: 1+B3 is 51.
    ["=1+B3", 51],
  ])("%s is %p", async (formula, expected) => {
    expect(await evaluateOne(formula, { sheet })).toEqual(expected);
  });
});

describe("CONCAT over a sheet (Microsoft's CONCAT page, examples 2 and 3)", () => {
  // A1:C4: "brook trout", "species" and 32 in A2:A4; first and last names in B2:C2 and B3:C3.
  const sheet = [
    ["'Data", "'First Name", "'Last name"],
    ["'brook trout", "'Andreas", "'Hauser"],
    ["'species", "'Fourth", "'Pine"],
    [32, null, null],
  ];
  test.each([
    [
      '=CONCAT("Stream population for ", A2," ", A3, " is ", A4, "/mile.")',
      "Stream population for brook trout species is 32/mile.",
    ],
    ['=CONCAT(B2," ", C2)', "Andreas Hauser"],
    ['=CONCAT(C2, ", ", B2)', "Hauser, Andreas"],
    // A range row by row, its blank cells adding nothing.
    ["=CONCAT(B2:C4)", "AndreasHauserFourthPine"],
  ])("%s is %p", async (formula, expected) => {
    expect(await evaluateOne(formula, { sheet })).toEqual(expected);
  });
});

describe("TRUE and FALSE reach the CS functions as booleans", () => {
  test('=CS.REQUIRED_CSMS({"Strategic";"Pooled"},,TRUE) rounds each tier up: 1 + 1', async () => {
    // MODEL.md §4: one Strategic account at 1:11 is 1/11 CSM, rounded up to 1; one Pooled
    // account at 1:50 is 1/50, rounded up to 1. Without round_up: 1/11 + 1/50 = 0.1109...
    const [rounded, exact, falseValue] = await evaluate([
      '=CS.REQUIRED_CSMS({"Strategic";"Pooled"},,TRUE)',
      '=CS.REQUIRED_CSMS({"Strategic";"Pooled"})',
      '=CS.REQUIRED_CSMS({"Strategic";"Pooled"},,FALSE)',
    ]);
    expect(rounded).toBe(2);
    expect(exact).toBeCloseTo(1 / 11 + 1 / 50, 12);
    expect(falseValue).toEqual(exact);
  });

  test("a CS function's blank result stays blank (not 0)", async () => {
    expect(await evaluateOne('=CS.TIER("")')).toBeNull();
  });
});

describe("a formula copied from Excel in a language with a decimal comma", () => {
  test("semicolons between arguments: the error says how to write it", async () => {
    const result = (await evaluateOne("=CS.VARIABLE_PAYOUT(0,95; 1,12; 0,9)")) as {
      error: string;
      message: string;
    };
    expect(result.error).toBe("#ERROR!");
    expect(result.message).toMatch(
      /^The formula could not be read: .+\. Write it as English Excel does: commas between arguments and a point in decimals/
    );
  });

  test("a semicolon inside text or an array constant is not that case", async () => {
    // {"Strategic";"Pooled"} is a column of two tiers: 1/11 + 1/50 CSMs (MODEL.md §4).
    expect(await evaluateOne('=CS.REQUIRED_CSMS({"Strategic";"Pooled"})')).toBeCloseTo(
      1 / 11 + 1 / 50,
      12
    );
    const broken = (await evaluateOne('=CS.TIER("a;b"')) as { message: string };
    expect(broken.message).not.toMatch(/commas between arguments/);
  });
});
