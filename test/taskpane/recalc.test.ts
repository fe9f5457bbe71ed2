import { OfficeMockObject } from "office-addin-mock";
import { csFormulaRuns, isCsFormula, recalculateCsFormulas } from "../../src/taskpane/recalc";

interface Write {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
  cell: { formulas?: unknown };
  syncsBefore: number;
}

interface Harness {
  context: Excel.RequestContext;
  writes: Write[];
  usedRangeArgs: { sheet: string; valuesOnly: unknown }[];
  rangeLoads: { sheet: string; what: unknown }[];
  syncs: () => number;
}

/**
 * A mock RequestContext over the given sheets (name -> used-range formulas).
 * office-addin-mock keeps arrays as plain values, so it cannot resolve
 * load("items/name") on a collection: the worksheets mock loads "items"
 * instead. Each used range is a mock in the context's tree, so context.sync()
 * makes its loaded formulas readable; getCell records what is written.
 */
function harness(sheets: Record<string, unknown[][]>): Harness {
  const names = Object.keys(sheets);
  const rangeData: Record<string, unknown> = {};
  names.forEach((name, i) => {
    rangeData[`used${i}`] = { formulas: sheets[name] };
  });
  const mock = new OfficeMockObject({
    workbook: {
      worksheets: {
        ...rangeData,
        items: [],
        load: function (this: OfficeMockObject) {
          return OfficeMockObject.prototype.load.call(this, "items");
        },
      },
    },
  }) as any; // the mock is untyped

  const writes: Write[] = [];
  const usedRangeArgs: Harness["usedRangeArgs"] = [];
  const rangeLoads: Harness["rangeLoads"] = [];
  let syncs = 0;
  const sync = mock.sync.bind(mock);
  mock.sync = async () => {
    syncs++;
    await sync();
  };

  const worksheets = mock.workbook.worksheets;
  const items = names.map((name, i) => {
    const range = worksheets[`used${i}`];
    const load = range.load.bind(range);
    range.load = (what: unknown) => {
      rangeLoads.push({ sheet: name, what });
      return load(what);
    };
    range.getCell = (row: number, col: number) => ({
      getResizedRange: (extraRows: number, extraCols: number) => {
        const cell: Write["cell"] = {};
        writes.push({
          sheet: name,
          row,
          col,
          rows: extraRows + 1,
          cols: extraCols + 1,
          cell,
          syncsBefore: syncs,
        });
        return cell;
      },
    });
    return {
      name,
      getUsedRange: (valuesOnly?: boolean) => {
        usedRangeArgs.push({ sheet: name, valuesOnly });
        return range;
      },
    };
  });
  worksheets.setValue("items", items);

  return {
    context: mock as Excel.RequestContext,
    writes,
    usedRangeArgs,
    rangeLoads,
    syncs: () => syncs,
  };
}

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

  test("rewrites every CS formula on every sheet in one batch and counts them", async () => {
    const h = harness({ Plan: plan, Notes: notes });

    await expect(recalculateCsFormulas(h.context)).resolves.toBe(5);

    // A vertical run of CS formulas is written back as one range.
    expect(
      h.writes.map(({ sheet, row, col, rows, cols, cell }) => [
        sheet,
        row,
        col,
        rows,
        cols,
        cell.formulas,
      ])
    ).toEqual([
      ["Plan", 1, 2, 3, 1, [["=CS.TIER(B2)"], ["=cs.tier(B3)"], ["=CS.REQUIRED_CSMS(B2:B3)"]]],
      ["Notes", 2, 1, 1, 1, [["=A1&CS.SEGMENT(B2)"]]],
      ["Notes", 0, 2, 1, 1, [['=IF(A1="",0,CS.OTE("CSM"))']]],
    ]);
    // One load of each sheet's used range (valuesOnly false), all read in one sync...
    expect(h.usedRangeArgs).toEqual([
      { sheet: "Plan", valuesOnly: false },
      { sheet: "Notes", valuesOnly: false },
    ]);
    expect(h.rangeLoads).toEqual([
      { sheet: "Plan", what: "formulas" },
      { sheet: "Notes", what: "formulas" },
    ]);
    // ...then every write queued after the reads and sent in one final sync.
    expect(h.writes.every((w) => w.syncsBefore === 2)).toBe(true);
    expect(h.syncs()).toBe(3);
  });

  test("writes nothing and skips the last sync when there is no CS formula", async () => {
    const h = harness({ Empty: [[""]], Other: [["=SUM(A2:A9)", "CS.TIER", 1]] });

    await expect(recalculateCsFormulas(h.context)).resolves.toBe(0);

    expect(h.writes).toEqual([]);
    expect(h.syncs()).toBe(2);
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
