/**
 * The text VALUE reads (src/engine/excel-value.ts), on its own: thousands
 * separators out of the one run of digits grouped by three, a minus moved
 * after the currency sign, anything else left for HyperFormula to read or
 * refuse. Expected values by hand.
 */
import { excelNumberText } from "../../src/engine/excel-value";

test.each([
  ["1,234", "1234"],
  ["$1,234.50", "$1234.50"],
  ["1,234,567.891", "1234567.891"],
  ["(1,234)", "(1234)"],
  ["($1,234.50)", "($1234.50)"],
  ["-$1,234.50", "$-1234.50"],
  ["1,234%", "1234%"],
  [" 42 ", " 42 "],
  ["12%", "12%"],
  // Not thousands separators: left as they are, so the reading fails as in Excel.
  ["1,23", "1,23"],
  ["1,2345", "1,2345"],
  ["12,34,567", "12,34,567"],
  ["1.5,000", "1.5,000"],
  ["1,234.5,678", "1234.5,678"],
  ["Jan 1, 2025", "Jan 1, 2025"],
])("%p is read as %p", (text, read) => {
  expect(excelNumberText(text)).toBe(read);
});
