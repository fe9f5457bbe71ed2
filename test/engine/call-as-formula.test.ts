/**
 * callAsFormula runs a CS function the way a formula cell over references
 * does, for the CLI's plan (which calls CS.COVERAGE_PLAN and
 * CS.COVERAGE_QUALITY on columns it already holds instead of loading a
 * million-row sheet into the engine). Each case is evaluated both ways, over
 * the same cells, and must agree: values, spill shape, errors and messages.
 */
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { excelSerialFromYmd } from "../../src/core/dates";
import { Catalog } from "../../src/engine/catalog";
import { CsEngine, EngineValue, SheetInput, toScalar } from "../../src/engine/engine";
import { callAsFormula, ExcelArgumentValue } from "../../src/engine/plugin";
import { testCatalog } from "../helpers/engine";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await testCatalog();
});

const asOf = excelSerialFromYmd(2026, 3, 31);
// Column A: tiers (an error typed in a cell, a blank); B: last touches (a serial, ISO text, a blank,
// unreadable text); C1: the as-of date; D: ACVs (a number, text, a blank, a negative number).
const SHEET: SheetInput = [
  ["'Strategic", excelSerialFromYmd(2026, 3, 25), asOf, 300000],
  ["'Enterprise", "'2026-03-01", null, "'$80,000"],
  ["#VALUE!", null, null, null],
  [null, "'not a date", null, 5000],
  ["'Mid-Market", excelSerialFromYmd(2026, 1, 2), null, -10],
];

/** The same cells as the engine hands them to a function: typed text without its quote, errors as code. */
function column(col: number, rows = SHEET.length): ExcelArgumentValue[][] {
  return SHEET.slice(0, rows).map((line) => {
    const cell = line[col];
    if (cell === "#VALUE!") return [{ code: "#VALUE!", message: "" }];
    return [typeof cell === "string" ? cell.slice(1) : cell];
  });
}

function viaEngine(formula: string): EngineValue {
  const engine = new CsEngine({ catalog, assumptions: defaultAssumptions(), sheet: SHEET });
  try {
    return engine.evaluate(formula);
  } finally {
    engine.destroy();
  }
}

function direct(id: string, args: ExcelArgumentValue[][][]): EngineValue {
  const block = callAsFormula(catalog, id, args).map((line) => line.map(toScalar));
  return block.length === 1 && block[0].length === 1 ? block[0][0] : block;
}

describe("callAsFormula gives what the formula gives in the engine", () => {
  test.each([
    [
      "COVERAGE_QUALITY over tiers with an error and blanks",
      "=CS.COVERAGE_QUALITY(A1:A5,B1:B5,C1)",
      "COVERAGE_QUALITY",
      () => [column(0), column(1), [[asOf]]],
    ],
    [
      "COVERAGE_QUALITY over readable rows",
      "=CS.COVERAGE_QUALITY(A1:A2,B1:B2,C1)",
      "COVERAGE_QUALITY",
      () => [column(0, 2), column(1, 2), [[asOf]]],
    ],
    [
      "COVERAGE_QUALITY of ranges of different sizes",
      "=CS.COVERAGE_QUALITY(A1:A5,B1:B2,C1)",
      "COVERAGE_QUALITY",
      () => [column(0), column(1, 2), [[asOf]]],
    ],
    [
      "COVERAGE_PLAN over numbers and text ACVs (a spill)",
      "=CS.COVERAGE_PLAN(D1:D2)",
      "COVERAGE_PLAN",
      () => [column(3, 2)],
    ],
    [
      "COVERAGE_PLAN over a blank and a negative ACV",
      "=CS.COVERAGE_PLAN(D1:D5)",
      "COVERAGE_PLAN",
      () => [column(3)],
    ],
    [
      "COVERAGE_PLAN with one argument too many",
      "=CS.COVERAGE_PLAN(D1:D2,C1)",
      "COVERAGE_PLAN",
      () => [column(3, 2), [[asOf]]],
    ],
    [
      "TIER of a range given to its single-value parameter",
      "=CS.TIER(D1:D2)",
      "TIER",
      () => [column(3, 2)],
    ],
  ] as [string, string, string, () => ExcelArgumentValue[][][]][])("%s", (_, formula, id, args) => {
    const expected = viaEngine(formula);
    expect(direct(id, args())).toEqual(expected);
  });

  test("the spill has the plan's shape: a header, one row per tier, and Total", () => {
    const block = direct("COVERAGE_PLAN", [column(3, 2)]) as unknown[][];
    expect(block.length).toBe(defaultAssumptions().tiers.length + 2);
    expect(block[0][0]).toBe("Tier");
    expect(block[block.length - 1][0]).toBe("Total");
    // 300,000 is Strategic and $80,000 Mid-Market (MODEL.md's default bands): 2 accounts, $380,000.
    expect(block[block.length - 1].slice(1, 3)).toEqual([2, 380000]);
  });
});
