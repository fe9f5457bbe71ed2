/**
 * Excel's TEXT for the engine. HyperFormula's TEXT knows only date codes:
 * TEXT(0.5,"0%") was "1%" and TEXT(1234.5,"#,##0.00") "1235,##0.00", a
 * wrong text with no error. Formats are applied by numfmt (MIT), which
 * implements Excel's number format codes (sections, %, thousands, dates in
 * the 1900 system, [$€-x-euro2] currencies), in en-US as the engine is.
 */
import { CellError, ErrorType } from "hyperformula";
import { format } from "numfmt";

export function excelText(value: number, pattern: string): string | CellError {
  try {
    return format(pattern, value, { locale: "en-US", leap1900: true });
  } catch (error) {
    // A format Excel would refuse as well ("0.0.0;;;;").
    const why = error instanceof Error ? error.message : String(error);
    return new CellError(ErrorType.VALUE, `The format "${pattern}" cannot be read: ${why}`);
  }
}
