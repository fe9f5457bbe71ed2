/**
 * A formula told apart into the pieces where references and numbers live
 * (code) and literal text ("strings", 'quoted sheet names', [bracketed]
 * table and external-workbook parts), so a rewrite of the code never
 * touches text. Also: Excel's number literals as the engine reads them.
 */

export type PieceKind = "code" | "string" | "sheet" | "bracket";

export interface Piece {
  kind: PieceKind;
  text: string;
}

/** Splits a formula into code, "string", 'sheet' and [bracket] pieces (brackets nest; ' escapes inside them). */
export function splitFormula(formula: string): Piece[] {
  const pieces: Piece[] = [];
  let code = "";
  const flush = () => {
    if (code !== "") pieces.push({ kind: "code", text: code });
    code = "";
  };
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      flush();
      let j = i + 1;
      for (; j < formula.length; j++) {
        if (formula[j] !== ch) continue;
        if (formula[j + 1] === ch) j++;
        else break;
      }
      pieces.push({ kind: ch === '"' ? "string" : "sheet", text: formula.slice(i, j + 1) });
      i = j + 1;
    } else if (ch === "[") {
      flush();
      let depth = 0;
      let j = i;
      for (; j < formula.length; j++) {
        const c = formula[j];
        if (c === "'")
          j++; // escapes the next character inside a structured reference
        else if (c === "[") depth++;
        else if (c === "]" && --depth === 0) break;
      }
      pieces.push({ kind: "bracket", text: formula.slice(i, j + 1) });
      i = j + 1;
    } else {
      code += ch;
      i++;
    }
  }
  flush();
  return pieces;
}

export function joinPieces(pieces: readonly Piece[]): string {
  return pieces.map((p) => p.text).join("");
}

/** The formula with `rewrite` applied to its code pieces only (never inside text, sheet names or brackets). */
export function rewriteCode(formula: string, rewrite: (code: string) => string): string {
  return joinPieces(
    splitFormula(formula).map((piece) =>
      piece.kind === "code" ? { ...piece, text: rewrite(piece.text) } : piece
    )
  );
}

/**
 * Excel writes an exponent with a capital E (1E+3, 2.5E-2) and HyperFormula
 * reads only a lower-case one: "=1E+3" was "#ERROR! not a formula" there.
 * Only a whole number literal changes: a cell or name such as E3, AE3 or
 * FY1E3, and anything in a string, sheet name or table part, is left alone.
 */
export function lowercaseExponents(formula: string): string {
  if (!/\dE/.test(formula)) return formula;
  return rewriteCode(formula, (code) =>
    code.replace(/(?<![A-Za-z0-9_.$])(\d+(?:\.\d*)?|\.\d+)E([+-]?\d+)(?![A-Za-z0-9_.(])/g, "$1e$2")
  );
}

/** A string piece with its closing quote (Excel doubles a quote inside text). */
function isClosedString(text: string): boolean {
  return /^"(?:[^"]|"")*"$/.test(text);
}

/**
 * Excel writes a quote inside text as two ("say ""hi""") and reads a
 * backslash as itself; HyperFormula reads neither: ="a""b" and ="C:\" were
 * "#ERROR! not a formula" there, so TEXT(A1,"0.0,,""M""") could not be
 * read. Such a string is written as its parts joined with CHAR(34) and
 * CHAR(92), in parentheses, where HyperFormula reads it as the same text.
 * Inside an array constant only literals may stand: there it is left as it
 * is (and the formula stays unreadable, never misread).
 */
export function excelStringLiterals(formula: string): string {
  if (!/""|\\/.test(formula)) return formula;
  let arrayDepth = 0;
  return joinPieces(
    splitFormula(formula).map((piece) => {
      if (piece.kind === "code") {
        for (const ch of piece.text) {
          if (ch === "{") arrayDepth++;
          else if (ch === "}") arrayDepth--;
        }
        return piece;
      }
      if (piece.kind !== "string" || arrayDepth > 0 || !isClosedString(piece.text)) return piece;
      const value = piece.text.slice(1, -1).replace(/""/g, '"');
      if (!/["\\]/.test(value)) return piece;
      const parts = value
        .split(/(["\\])/)
        .filter((part) => part !== "")
        .map((part) => (part === '"' ? "CHAR(34)" : part === "\\" ? "CHAR(92)" : `"${part}"`));
      return { ...piece, text: `(${parts.join("&")})` };
    })
  );
}
