/**
 * Excel's capital-E exponents made readable for the engine, and nothing else
 * touched (src/engine/formula-pieces.ts).
 */
import {
  excelStringLiterals,
  lowercaseExponents,
  splitFormula,
} from "../../src/engine/formula-pieces";

describe("lowercaseExponents", () => {
  test.each([
    ["=1E+3", "=1e+3"],
    ["=2.5E-2*A1", "=2.5e-2*A1"],
    ["=.5E1", "=.5e1"],
    ["=SUM(1E3,2E3)", "=SUM(1e3,2e3)"],
    ["=-1E+300", "=-1e+300"],
  ])("%s reads as %s", (formula, expected) => {
    expect(lowercaseExponents(formula)).toBe(expected);
  });

  test.each([
    ["=E3+AE3", "cells"],
    ["=FY1E3*2", "a name ending like an exponent"],
    ["=$A$1E3", "a reference's tail"],
    ['="1E3"&A1', "text"],
    ["='Q1E3'!A1+1", "a quoted sheet name"],
    ["=Sales[1E3]", "a table column"],
    ["=1E3X", "an identifier"],
  ])("%s is left alone (%s)", (formula) => {
    expect(lowercaseExponents(formula)).toBe(formula);
  });
});

describe("splitFormula", () => {
  test("code, strings, quoted sheets and brackets, with their escapes", () => {
    expect(splitFormula(`=A1&"say ""hi"""&'O''Brien'!B2+T[[#This Row],[a'[b]]`)).toEqual([
      { kind: "code", text: "=A1&" },
      { kind: "string", text: '"say ""hi"""' },
      { kind: "code", text: "&" },
      { kind: "sheet", text: "'O''Brien'" },
      { kind: "code", text: "!B2+T" },
      { kind: "bracket", text: "[[#This Row],[a'[b]]" },
    ]);
  });
});

describe("excelStringLiterals", () => {
  test.each([
    ['="a""b"', '=("a"&CHAR(34)&"b")'],
    ['=TEXT(A1,"0.0,,""M""")', '=TEXT(A1,("0.0,,"&CHAR(34)&"M"&CHAR(34)))'],
    ['=LEN("""")', "=LEN((CHAR(34)))"],
    ['="C:\\"&A1', '=("C:"&CHAR(92))&A1'],
  ])("%s reads as %s", (formula, expected) => {
    expect(excelStringLiterals(formula)).toBe(expected);
  });

  test.each([
    ['=IF(A1="","",A1)', "empty texts"],
    ['={"a""b";"c"}', "an array constant, where only literals may stand"],
    ["='It''s'!A1&\"x\"", "a sheet name"],
    ['="a""b', "an unclosed text"],
  ])("%s is left as it is (%s)", (formula) => {
    expect(excelStringLiterals(formula)).toBe(formula);
  });
});
