/**
 * Text as Excel (en-US) reads it into a number in VALUE. HyperFormula's own
 * reading is kept (percent, currency, dates, times, "(1234)" as -1234); only
 * two spellings it refuses are put into ones it reads:
 * - thousands separators: VALUE("1,234") is 1234 and VALUE("$1,234.50")
 *   1234.5 in Excel and LibreOffice Calc, #VALUE! in HyperFormula, whose
 *   thousands separator cannot be "," while "," separates arguments;
 * - a minus before the currency sign: VALUE("-$1,234.50") is -1234.5
 *   (LibreOffice), as "$-1,234.50" already was.
 * Commas are taken out only from one run of digits grouped by three before
 * any decimal point ("1,234.5" but not "1,23", "12,34,567" or "1.5,000"),
 * so a malformed amount stays #VALUE!, as LibreOffice has it.
 */
export function excelNumberText(text: string): string {
  const grouped = text.replace(
    /^([^\d.]*)(\d{1,3}(?:,\d{3})+)(?![\d,])/,
    (_, head: string, digits: string) => head + digits.replace(/,/g, "")
  );
  return grouped.replace(/^(\s*)([+-])\$/, "$1$$$2");
}
