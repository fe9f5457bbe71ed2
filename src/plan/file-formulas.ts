/**
 * How CS formulas are spelled inside an .xlsx file. Excel saves a call to
 * an Office add-in's custom function as `_xldudf_` + the name with its dots
 * made underscores (=CS.TIER(A2) is stored as _xldudf_CS_TIER(A2)) and maps
 * it back to CS.TIER when the add-in registers its functions; while the
 * add-in is not loaded the cell shows #NAME? and the formula bar shows the
 * _xldudf_ name. Sources and how sure this is: README, "How CS formulas are
 * stored in a file".
 */

/** The prefix Excel gives custom-function names in a file. */
export const UDF_PREFIX = "_xldudf_";

// A CS call outside string literals: "CS." then a name then "(".
const CS_CALL = /(^|[^A-Za-z0-9_.])CS\.([A-Za-z_][A-Za-z0-9_]*)\(/gi;
// The stored form, optionally behind an external-workbook index Excel sometimes adds ([2]!_xldudf_…).
const FILE_CALL = /(^|[^A-Za-z0-9_.!])(?:\[\d+\]!)?_xldudf_CS_([A-Za-z_][A-Za-z0-9_]*)\(/gi;

/** Applies `replace` to the parts of a formula outside "string literals" and 'quoted sheet names'. */
function outsideQuotes(formula: string, replace: (code: string) => string): string {
  const parts = formula.split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/);
  return parts.map((part, i) => (i % 2 === 1 ? part : replace(part))).join("");
}

/** =CS.TIER(A2) (with or without "=") -> _xldudf_CS_TIER(A2), as an .xlsx stores it. */
export function toFileFormula(formula: string): string {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  return outsideQuotes(body, (code) =>
    code.replace(
      CS_CALL,
      (_m, before: string, name: string) => `${before}${UDF_PREFIX}CS_${name.toUpperCase()}(`
    )
  );
}

/** _xldudf_CS_TIER(A2) (also [2]!_xldudf_CS_TIER) -> CS.TIER(A2); other text unchanged. */
export function fromFileFormula(formula: string): string {
  return outsideQuotes(formula, (code) =>
    code.replace(
      FILE_CALL,
      (_m, before: string, name: string) => `${before}CS.${name.toUpperCase()}(`
    )
  );
}

/** Whether a formula holds a CS call in its stored (_xldudf_) form. */
export function hasFileCsCall(formula: string): boolean {
  return fromFileFormula(formula) !== formula;
}

/** Whether a formula (with or without "=") calls a CS function, in either spelling. */
export function hasCsCall(formula: string): boolean {
  const body = fromFileFormula(formula.startsWith("=") ? formula.slice(1) : formula);
  let found = false;
  outsideQuotes(body, (code) => {
    CS_CALL.lastIndex = 0;
    if (CS_CALL.test(code)) found = true;
    return code;
  });
  return found;
}
