import { FakeWorkbook } from "../helpers/fake-excel";
import { csFormulaRuns, isCsFormula, recalculateCsFormulas } from "../../src/taskpane/recalc";

/** The formulas the fake workbook's sheet holds now, in the rows and columns given. */
const cells = (book: FakeWorkbook, sheet: string) => book.sheet(sheet).formulas;

describe("recalculateCsFormulas", () => {
  const plan = [
    ["Account", "ACV", "Tier"],
    ["Acme", 120000, "=CS.TIER(B2)"],
    ["Beta", 30000, "=cs.tier(B3)"],
    ["Total", "=SUM(B2:B3)", "=CS.REQUIRED_CSMS(B2:B3)"],
  ];
  const notes = [
    ['="Use CS.TIER(acv)"', "CS.TIER(B2) is text, not a formula", '=IF(A1="",0,CS.OTE("CSM"))'],
    ["='CS.Old (v1)'!A1", "=ABCS.X(1)", 5],
    ["", "=A1&CS.SEGMENT(B2)", null],
  ];

  test("re-enters every CS formula on every sheet, a vertical run as one write, and counts them", async () => {
    const book = new FakeWorkbook({ Plan: plan, Notes: notes });

    await expect(recalculateCsFormulas(book.context)).resolves.toBe(5);

    expect(book.stats.writes).toEqual([
      { sheet: "Plan", kind: "formulas", row: 1, col: 2, rows: 3, cols: 1 },
      { sheet: "Notes", kind: "formulas", row: 2, col: 1, rows: 1, cols: 1 },
      { sheet: "Notes", kind: "formulas", row: 0, col: 2, rows: 1, cols: 1 },
    ]);
    // The same formulas, written back where they were.
    expect(cells(book, "Plan")).toEqual(plan);
    // Sheet names, used ranges, then per sheet one read and one write.
    expect(book.stats.syncs).toBe(2 + 2 + 2);
  });

  test("writes nothing when there is no CS formula, and skips empty sheets", async () => {
    const book = new FakeWorkbook({ Empty: [], Other: [["=SUM(A2:A9)", "CS.TIER", 1]] });

    await expect(recalculateCsFormulas(book.context)).resolves.toBe(0);

    expect(book.stats.writes).toEqual([]);
    expect(book.stats.syncs).toBe(3);
  });

  test("a used range away from A1: the writes land on the cells read", async () => {
    const book = new FakeWorkbook({
      Sheet1: [[], [], ["", "", "", "x", "=CS.TIER(D3)"]],
    });
    // The used range is D3:E3: its cells are read from there and written back in place.
    await expect(recalculateCsFormulas(book.context)).resolves.toBe(1);
    expect(book.stats.writes).toEqual([
      { sheet: "Sheet1", kind: "formulas", row: 2, col: 4, rows: 1, cols: 1 },
    ]);
  });
});

describe("csFormulaRuns", () => {
  test("groups consecutive CS formulas down each column, split by anything else", () => {
    const grid = [
      ["=CS.TIER(A1)", "x", "=CS.TIER(C1)"],
      ["=CS.TIER(A2)", "=SUM(1)"],
      ["", '=CS.OTE("CSM")', "=CS.TIER(C3)"],
      ["=CS.TIER(A4)", '=CS.OTE("AM")', "=CS.TIER(C4)"],
    ];
    expect(csFormulaRuns(grid)).toEqual([
      { row: 0, col: 0, formulas: ["=CS.TIER(A1)", "=CS.TIER(A2)"] },
      { row: 3, col: 0, formulas: ["=CS.TIER(A4)"] },
      { row: 2, col: 1, formulas: ['=CS.OTE("CSM")', '=CS.OTE("AM")'] },
      { row: 0, col: 2, formulas: ["=CS.TIER(C1)"] },
      { row: 2, col: 2, formulas: ["=CS.TIER(C3)", "=CS.TIER(C4)"] },
    ]);
  });
});

describe("isCsFormula", () => {
  test.each([
    ["=CS.TIER(A2)", true],
    ["=cs.segment(A2)", true],
    ["=ROUND(CS.REQUIRED_CSMS(B2:B9, , TRUE), 0)", true],
    ['=A1+CS.ASSUMPTION("payout.grr_floor")', true],
    ["=SUM(A1:A3)", false],
    ['="CS.TIER(A2)"', false],
    ["='CS.Plan'!A1", false],
    ["=ABCS.TIER(A2)", false],
    ["=CS.Rate*2", false],
    ["CS.TIER(A2)", false],
    [42, false],
    [null, false],
  ])("%p -> %p", (formula, expected) => {
    expect(isCsFormula(formula)).toBe(expected);
  });
});
