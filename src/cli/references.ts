/**
 * Which columns of the data sheet a set of formulas can read, so `eval
 * --data` loads only those of a wide, million-row export. Conservative: a
 * formula that could reach other cells (a whole-row range, INDIRECT, OFFSET)
 * means every column.
 */

/** A cell or a range: A2, $B$2, A2:C10, A:A, B:D (not a function name such as LOG10( ). */
const REFERENCE = /(?<![\w.$])\$?([A-Z]{1,3})(\$?\d+)?(?::\$?([A-Z]{1,3})(\$?\d+)?)?(?![\w(.])/gi;
/** A whole-row range such as 2:5 or $2:$5. */
const ROW_RANGE = /(?<![\w.$])\$?\d+:\$?\d+(?![\w.])/;
/** Functions that turn text or offsets into references the text does not show. */
const INDIRECT = /\b(?:INDIRECT|OFFSET)\s*\(/i;
/** Text literals ("A1" in a string is not a reference); "" is an escaped quote. */
const STRING_LITERAL = /"(?:[^"]|"")*"/g;

/** "A" -> 0, "Z" -> 25, "AA" -> 26, ... */
export function columnIndex(letters: string): number {
  let index = 0;
  for (const ch of letters.toUpperCase()) index = index * 26 + (ch.charCodeAt(0) - 64);
  return index - 1;
}

/** The 0-based columns the formulas refer to, or null when they may read any column. */
export function referencedColumns(formulas: readonly string[]): Set<number> | null {
  const columns = new Set<number>();
  for (const formula of formulas) {
    const code = formula.replace(STRING_LITERAL, '""');
    if (INDIRECT.test(code) || ROW_RANGE.test(code)) return null;
    for (const match of code.matchAll(REFERENCE)) {
      const [, first, firstRow, last, lastRow] = match;
      // Letters alone (TRUE, a name) are not references; A:A and A2 are.
      if (firstRow === undefined && last === undefined) continue;
      if (last !== undefined && (firstRow === undefined) !== (lastRow === undefined)) continue;
      const from = columnIndex(first);
      const to = last === undefined ? from : columnIndex(last);
      for (let c = Math.min(from, to); c <= Math.max(from, to); c++) columns.add(c);
    }
  }
  return columns;
}
