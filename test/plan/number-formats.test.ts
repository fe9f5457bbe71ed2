/**
 * What a cell's number format says: the currency Excel shows (its [$SYM-LCID]
 * locale codes, quoted or escaped signs, ISO codes) and the text of a
 * zero-padded identifier. Expected values are what Excel displays for these
 * formats (Format Cells > Currency/Accounting/Special), by hand.
 */
import {
  CellFormats,
  formatCurrency,
  moneyNumberFormat,
  planNumberFormats,
  shownAmount,
  zeroPaddedText,
} from "../../src/plan/number-formats";

describe("the currency a number format shows", () => {
  test.each([
    // Excel's Currency and Accounting formats as it saves them
    ["[$€-x-euro2] #,##0", "EUR"],
    ["#,##0 [$€-407]", "EUR"],
    ['#,##0 "€"', "EUR"],
    ['#,##0\\ "€"', "EUR"],
    ["#,##0.00\\ \\€", "EUR"],
    ['_-* #,##0.00\\ "€"_-;\\-* #,##0.00\\ "€"_-;_-* "-"??\\ "€"_-;_-@_-', "EUR"],
    ["[$£-809]#,##0", "GBP"],
    ['"£"#,##0.00', "GBP"],
    ['"¥"#,##0', "JPY"],
    ["[$¥-411]#,##0", "JPY"],
    ["[$¥-804]#,##0.00", "CNY"],
    ["[$EUR] #,##0", "EUR"],
    ['"EUR "#,##0', "EUR"],
    ["#,##0 [$USD]", "USD"],
    ["[$$-409]#,##0", "USD"],
    ["[$$-1009]#,##0.00", "CAD"],
    ["[$$-C09]#,##0", "AUD"],
    ["[$kr-41D]#,##0", "SEK"],
    ["[$kr.-406] #,##0.00", "DKK"],
    ["[$CHF-807] #,##0", "CHF"],
    ['"CHF "#,##0', "CHF"],
    ["[$₹-4009]#,##0", "INR"],
    // a locale-dated high word before the LCID (calendar, numerals)
    ["[$€-1010407]#,##0", "EUR"],
  ])("%s shows %s", (format, code) => {
    expect(formatCurrency(format)).toEqual({ code });
  });

  test.each([
    ['"$"#,##0'],
    ["\\$#,##0"],
    ["$#,##0.00"],
    ['_("$"* #,##0.00_);_("$"* \\(#,##0.00\\)'],
  ])("%s is a bare dollar (the plan currency's dollar)", (format) => {
    expect(formatCurrency(format)).toEqual({ dollar: true });
  });

  test.each([
    ["General"],
    ["#,##0"],
    ["0.00%"],
    ["[$-409]#,##0"],
    ['#,##0,"k"'],
    ['"ARR "#,##0'],
    ["[Red]#,##0;[Blue]-#,##0"],
    // "_$" leaves a dollar's width blank; it shows no dollar
    ["#,##0_$"],
  ])("%s shows no currency", (format) => {
    expect(formatCurrency(format)).toBeNull();
  });

  test.each([
    // sections in two currencies, a dollar of a locale not known, crowns without a locale
    ['"€"#,##0;"£"-#,##0'],
    ["[$$-1C09]#,##0"],
    ['#,##0 "kr"'],
    ["[$kr]#,##0"],
  ])("%s is unclear: refused, not guessed", (format) => {
    expect(formatCurrency(format)).toEqual({ unclear: true });
  });
});

describe("identifiers stored as numbers with a zero-padded format", () => {
  test.each([
    [1234, "000000", "001234"],
    [417, '"C-"00000', "C-00417"],
    [417, "\\C00000", "C00417"],
    [12345678, "000-00-0000", "012-34-5678"],
    [2134, "00000", "02134"],
    // more digits than placeholders: the first group takes them, as Excel shows
    [1234567, "00000", "1234567"],
    [12345678901, "000-0000", "1234567-8901"],
  ])("%d in %s is %s", (value, format, text) => {
    expect(zeroPaddedText(value, format)).toBe(text);
  });

  test.each([
    [1234, "#,##0"],
    [1234, "0"],
    [1234, "0.00"],
    [1234, "00.00"],
    [1234, "000000;-000000"],
    [12.5, "000000"],
    [-12, "000000"],
    [1234, "[$€-407]000000"],
  ])("%d in %s is left a number", (value, format) => {
    expect(zeroPaddedText(value, format)).toBeNull();
  });
});

test("cell formats are kept by row and column, and forgotten for another sheet", () => {
  const formats = new CellFormats();
  formats.set(2, 3, "[$€-x-euro2] #,##0");
  formats.set(5000, 3, '"£"#,##0');
  formats.set(7, 1, "[$€-x-euro2] #,##0");
  expect(formats.get(2, 3)).toBe("[$€-x-euro2] #,##0");
  expect(formats.get(5000, 3)).toBe('"£"#,##0');
  expect(formats.get(7, 1)).toBe("[$€-x-euro2] #,##0");
  expect(formats.get(3, 3)).toBeNull();
  expect(formats.get(2, 0)).toBeNull();
  expect(formats.get(1_000_000, 3)).toBeNull();
  expect(formats.size).toBe(2);
  formats.clear();
  expect(formats.get(2, 3)).toBeNull();
});

describe("money in the plan's own currency", () => {
  test.each([
    ["USD", '"$"#,##0'],
    ["CAD", '"$"#,##0'],
    ["EUR", '"€"#,##0'],
    ["GBP", '"£"#,##0'],
    ["JPY", '"¥"#,##0'],
    ["INR", '"₹"#,##0'],
    // a code where the sign would name another currency or several
    ["CNY", '"CNY "#,##0'],
    ["SEK", '"SEK "#,##0'],
    ["CHF", '"CHF "#,##0'],
  ])("%s money is written %s", (currency, format) => {
    expect(moneyNumberFormat(currency)).toBe(format);
    expect(planNumberFormats(currency).money).toBe(format);
  });
});

describe("a number format that shows another amount than the cell holds", () => {
  test.each([
    ["0%", "percent"],
    ["0.0%", "percent"],
    ['#,##0"K"', "suffix"],
    ["#,##0\\K", "suffix"],
    ['$#,##0" M"', "suffix"],
    ['0.0"MM";(0.0"MM")', "suffix"],
    ['#,##0"bn"', "suffix"],
  ])("%s shows %s", (format, shown) => {
    expect(shownAmount(format)).toBe(shown);
  });

  test.each([
    "General",
    "#,##0",
    '#,##0,"K"', // 250000 shown 250K: the comma divides by 1,000 for the eye only
    '$#,##0.0,,"M"',
    '#,##0 "kr"',
    "[$€-x-euro2] #,##0",
    '_($* #,##0_);_($* (#,##0);_($* "-"??_);_(@_)',
    "m/d/yyyy",
    '0;-0;0;"see %"@', // a text section's % is no percentage of the number
  ])("%s shows the number it holds", (format) => {
    expect(shownAmount(format)).toBeNull();
  });
});
