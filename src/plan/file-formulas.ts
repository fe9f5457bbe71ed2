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

/**
 * Applies `replace` to the parts of a formula outside "string literals",
 * 'quoted sheet names' and [bracketed] table references. Inside brackets a '
 * escapes the next character (`Accounts[Acct '#]`), so two such escapes never
 * pair up as a quoted sheet name that would hide the code between them. An
 * external workbook's index (`[2]!`) stays with the code: a call can follow it.
 */
function outsideQuotes(formula: string, replace: (code: string) => string): string {
  let out = "";
  let code = "";
  const flush = () => {
    out += replace(code);
    code = "";
  };
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    let j = i + 1;
    if (ch === '"' || ch === "'") {
      for (; j < formula.length; j++) {
        if (formula[j] !== ch) continue;
        if (formula[j + 1] === ch) j++;
        else break;
      }
      flush();
      out += formula.slice(i, j + 1);
    } else if (ch === "[") {
      let depth = 0;
      for (j = i; j < formula.length; j++) {
        const c = formula[j];
        if (c === "'") j++;
        else if (c === "[") depth++;
        else if (c === "]" && --depth === 0) break;
      }
      const text = formula.slice(i, j + 1);
      if (/^\[\d+\]$/.test(text)) code += text;
      else {
        flush();
        out += text;
      }
    } else {
      code += ch;
      i++;
      continue;
    }
    i = j + 1;
  }
  flush();
  return out;
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
