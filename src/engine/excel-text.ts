/**
 * Excel's TEXT for the engine. HyperFormula's TEXT knows only date codes:
 * TEXT(0.5,"0%") was "1%" and TEXT(1234.5,"#,##0.00") "1235,##0.00", a
 * wrong text with no error. Formats are applied by numfmt (MIT), which
 * implements Excel's number format codes (sections, %, thousands, dates in
 * the 1900 system, [$€-x-euro2] currencies), in en-US as the engine is.
 *
 * numfmt rounds the binary double (1.005 x 100 is 100.49999999999999, so
 * TEXT(1.005,"0.00") was "1.00"); Excel rounds the value it holds, to 15
 * significant digits, and shows "1.01" (LibreOffice Calc too). So a plain
 * decimal section is given the value already rounded, as ROUND does, at the
 * place it shows: its decimals, two more per %, three fewer per trailing
 * comma. Other sections (dates, fractions, exponents, conditions) are left
 * to numfmt as they are.
 */
import { CellError, ErrorType } from "hyperformula";
import { format, tokenize } from "numfmt";
import { excelRound } from "./excel-rounding";

const DIGIT = new Set(["zero", "hash", "qmark"]);
/** Tokens of sections whose shown value is not a plain decimal (dates, times, fractions, exponents...). */
const NOT_DECIMAL = new Set([
  "condition",
  "datetime",
  "duration",
  "ampm",
  "calendar",
  "exp",
  "slash",
  "general",
  "text",
  "dbnum",
  "natnum",
]);

/**
 * The decimal place at which the section that shows `value` rounds it, or
 * undefined when that section is not a plain decimal one. Excel's sections:
 * one for all; two for >= 0 and < 0; three or more for > 0, < 0 and 0.
 */
export function shownPlace(pattern: string, value: number): number | undefined {
  let tokens: ReturnType<typeof tokenize>;
  try {
    tokens = tokenize(pattern);
  } catch {
    return undefined;
  }
  if (tokens.some((t) => t.type === "condition")) return undefined;
  const sections: (typeof tokens)[] = [[]];
  for (const token of tokens) {
    if (token.type === "break") sections.push([]);
    else sections[sections.length - 1].push(token);
  }
  const index =
    sections.length === 1 ? 0 : value < 0 ? 1 : value === 0 && sections.length > 2 ? 2 : 0;
  const section = sections[index];
  if (!section.some((t) => DIGIT.has(t.type))) return undefined;
  if (section.some((t) => NOT_DECIMAL.has(t.type))) return undefined;
  let afterPoint = false;
  let place = 0;
  for (const token of section) {
    if (token.type === "point") afterPoint = true;
    else if (DIGIT.has(token.type) && afterPoint) place += 1;
    else if (token.type === "percent") place += 2;
    else if (token.type === "scale") place -= 3 * token.raw.length;
  }
  return place;
}

export function excelText(value: number, pattern: string): string | CellError {
  const place = shownPlace(pattern, value);
  const rounded = place === undefined ? value : excelRound(value, place);
  // A value that shows as 0 keeps its own section (Excel picks it by the value, not the shown one).
  const shown = rounded === 0 && value !== 0 ? value : rounded;
  try {
    return format(pattern, shown, { locale: "en-US", leap1900: true });
  } catch (error) {
    // A format Excel would refuse as well ("0.0.0;;;;").
    const why = error instanceof Error ? error.message : String(error);
    return new CellError(ErrorType.VALUE, `The format "${pattern}" cannot be read: ${why}`);
  }
}
