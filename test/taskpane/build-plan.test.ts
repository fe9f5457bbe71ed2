/**
 * The task pane's "Build coverage plan" and "Repair CS formulas" against
 * the limit-enforcing fake workbook (test/helpers/fake-excel.js): what is
 * written where, in how many syncs, and what is asked. Excel computes the formulas; these tests check what the pane asks
 * Excel to do.
 */
import { FakeWorkbook } from "../helpers/fake-excel";
import { RangeWrite, recordingExcel } from "../helpers/recording-workbook";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { ColumnQuestion } from "../../src/plan/columns";
import {
  buildCoveragePlan,
  repairCsFormulas,
  repairedFormula,
  writableValue,
} from "../../src/taskpane/build-plan";

// The plan-fixture export as Excel holds it after a paste: numbers typed, the rest text.
const EXPORT: unknown[][] = [
  ["Account Name", "Account Owner", "Annual Revenue", "ACV", "Last Activity"],
  ["Apex", "Ann", 90000000, 300000, 46325],
  ["Birch", "Ann", 80000000, 260000, 46296],
  ["Cobalt", "Bob", 50000000, "120k", 46320],
  ["Dune", "Bob", 9000000, 60000, ""],
  ["Elm", "Cy", 7000000, "USD 20000", 46174],
  ["Fern", "Cy", 1000000, 5000, 46023],
  ["Gale", "Cy", 3000000, "N/A", 46296],
  ["Hull", "Ann", 2000000, -100, 46296],
];

const never = async (): Promise<string | null> => {
  throw new Error("not asked");
};

describe("buildCoveragePlan", () => {
  test("writes the accounts in chunks, one sync each, with progress, then the plan sheets", async () => {
    const x = recordingExcel(EXPORT);
    const progress: [number, number][] = [];
    const result = await buildCoveragePlan(x.context, {
      assumptions: defaultAssumptions(),
      askAcvColumn: never,
      chunkRows: 2,
      onProgress: (done, total) => progress.push([done, total]),
    });

    expect(result).toMatchObject({
      built: true,
      accounts: 6,
      sheets: ["CS Plan", "CS Accounts", "CS Books", "CS Assumptions", "CS Skipped rows"],
      // CS cost by hand: Strategic 2/11 and Enterprise 1/30 CSMs at the Enterprise CSM's $190,000,
      // Mid-Market 1/32 and Pooled 1/50 at $145,000, Tech-Touch 1/175 at $115,000 = $48,967.
      message: expect.stringMatching(
        /^Coverage plan built from 6 accounts; 2 rows left out \(see the CS Skipped rows sheet\)\. 8 rows read; ARR in the file \$765,000, planned \$765,000; coverage quality [\d.]+%; CS cost \$48,967 a year\.$/
      ),
    });
    expect(result.built && result.skipped.map((s) => [s.row, s.value])).toEqual([
      [8, "N/A"],
      [9, -100],
    ]);
    // A first build deletes nothing (a rebuild is in the browser tests: the earlier plan is put aside).
    expect(x.deleted).toEqual([]);
    expect(x.added).toEqual([
      "CS Plan",
      "CS Accounts",
      "CS Books",
      "CS Assumptions",
      "CS Skipped rows",
    ]);
    expect(progress).toEqual([
      [2, 6],
      [4, 6],
      [6, 6],
    ]);

    const accounts = x.writes.filter(
      (w) => w.sheet === "CS Accounts" && w.values !== undefined && w.row > 0
    );
    // Rows 2-3, 4-5, 6-7 of the sheet, each chunk after one more sync.
    expect(
      accounts.map((w) => [w.row, w.rows, w.cols, w.syncsBefore - accounts[0].syncsBefore])
    ).toEqual([
      [1, 2, 7, 0],
      [3, 2, 7, 1],
      [5, 2, 7, 2],
    ]);
    // The export's text that Excel would re-read as a value keeps its apostrophe; CS ACV is the amount read.
    expect((accounts[1].values as unknown[][])[0]).toEqual([
      "Cobalt",
      "Bob",
      50000000,
      "'120k",
      46320,
      120000,
      46320, // CS Last touch: 2026-10-25, the day coverage quality counts
    ]);
    const formulas = x.writes.filter((w) => w.sheet === "CS Accounts" && w.formulas !== undefined);
    expect(formulas[0]).toMatchObject({
      row: 1,
      col: 7,
      rows: 2,
      cols: 3,
      formulas: [
        ["=CS.TIER(F2)", "=CS.SEGMENT(H2)", "=CS.COVERAGE_MODEL(H2)"],
        ["=CS.TIER(F3)", "=CS.SEGMENT(H3)", "=CS.COVERAGE_MODEL(H3)"],
      ],
    });
    expect(x.tables).toEqual([
      { sheet: "CS Accounts", address: "A1:J7", hasHeaders: true, name: "CSAccounts" },
    ]);

    // The plan: one spilled CS.COVERAGE_PLAN (a real spill in Excel) over the ACVs read.
    const plan = x.writes.filter((w) => w.sheet === "CS Plan" && w.formulas !== undefined);
    expect(plan.map((w) => (w.formulas as string[][])[0][0])).toContain(
      "=CS.COVERAGE_PLAN('CS Accounts'!$F$2:$F$7)"
    );
    expect(plan.some((w) => /^=CS\.HIRING_PLAN\(/.test((w.formulas as string[][])[0][0]))).toBe(
      true
    );
    expect(
      plan.some((w) =>
        // Over CS Last touch (G), the activity dates coverage quality can count, not the export's E.
        /^=CS\.COVERAGE_QUALITY\('CS Accounts'!\$H\$2:\$H\$7,'CS Accounts'!\$G\$2:\$G\$7,\$B\$3\)$/.test(
          (w.formulas as string[][])[0][0]
        )
      )
    ).toBe(true);
    // One formula per spilled result, on its top-left cell only (Excel spills it): the whole
    // accounts columns go to the add-in once per result, never once per cell of the spill.
    const single = x.writes.filter(
      (w) => w.formulas !== undefined && w.sheet !== "CS Accounts"
    ) as (RangeWrite & { formulas: string[][] })[];
    const calls = (pattern: RegExp) =>
      single.filter((w) => w.formulas.flat().some((f) => pattern.test(f)));
    expect(
      calls(/CS\.(COVERAGE_PLAN|HIRING_PLAN|ASSUMPTIONS)\(/).map((w) => [
        w.sheet,
        w.row,
        w.col,
        w.rows,
        w.cols,
      ])
    ).toEqual([
      ["CS Plan", 7, 0, 1, 1],
      ["CS Plan", 33, 3, 1, 1],
      ["CS Assumptions", 4, 0, 1, 1],
      ["CS Assumptions", 13, 0, 1, 1],
      ["CS Assumptions", 20, 0, 1, 1],
    ]);
    expect(
      calls(/CS\.\w+\('CS Accounts'!\$/).map((w) => w.formulas[0][0].replace(/\(.*/, ""))
    ).toEqual(["=CS.COVERAGE_PLAN", "=CS.COVERAGE_QUALITY"]);
    // Native charts: headcount by tier (CSMs, AMs, TAMs) and book load per CSM.
    expect(x.charts.map((c) => [c.sheet, c.type, c.title, c.series])).toEqual([
      ["CS Plan", "ColumnClustered", "Headcount by tier", 3],
      ["CS Books", "BarClustered", "Book load per CSM", 1],
    ]);
    expect(x.activated).toEqual(["CS Plan"]);
    // Selection's size, its values, its merged areas (none), the look for an earlier plan, adds,
    // three chunks, the rest: no sync per cell.
    expect(x.syncs()).toBe(9);
    expect(x.book.stats.refused).toEqual([]);
  });

  test("asks which column holds the ACV when two could, and uses the answer", async () => {
    const x = recordingExcel([
      ["Name", "ACV", "ARR"],
      ["Acme", 1, 300000],
    ]);
    const asked: ColumnQuestion[] = [];
    const result = await buildCoveragePlan(x.context, {
      assumptions: defaultAssumptions(),
      askAcvColumn: async (question) => {
        asked.push(question);
        return "ARR";
      },
    });
    expect(asked).toEqual([{ kind: "ambiguous", candidates: ["ACV", "ARR"] }]);
    expect(result.built).toBe(true);
    const row = x.writes.find(
      (w) => w.sheet === "CS Accounts" && w.row === 1 && w.values !== undefined
    );
    expect(row?.values).toEqual([["Acme", 1, 300000, 300000]]);
  });

  test("the CS Skipped rows sheet says why in the pane's words: its Build option, not --all-statuses", async () => {
    const x = recordingExcel([
      ["Account Name", "Stage", "ARR"],
      ["Acme", "Closed Won", 120000],
      ["Globex", "Closed Lost", 50000],
    ]);
    const result = await buildCoveragePlan(x.context, {
      assumptions: defaultAssumptions(),
      askAcvColumn: never,
    });
    expect(result.built).toBe(true);
    // Every cell written to the sheet, flattened: the header, then Globex's row 3.
    const cells = x.writes
      .filter((w) => w.sheet === "CS Skipped rows" && Array.isArray(w.values))
      .flatMap((w) => (w.values as unknown[][]).flat());
    expect(cells).toContain(
      '"Stage" is "Closed Lost": not a customer (plan them too with "Include non-customers" under Build options)'
    );
    expect(cells.some((c) => typeof c === "string" && c.includes("--"))).toBe(false);
  });

  test("rows hidden in the sheet (a filter) are planned like the others, and the pane says which, as the command does", async () => {
    const rows = [
      ["Account Name", "Region", "ARR"],
      ["Acme", "EMEA", 120000],
      ["Globex", "AMER", 50000],
      ["Initech", "EMEA", 30000],
      ["Hooli", "AMER", 9000],
    ];
    // Filtered to EMEA: sheet rows 3 and 5 (Globex, Hooli) hidden.
    const x = recordingExcel(rows, { hiddenRows: [2, 4] });
    const result = await buildCoveragePlan(x.context, {
      assumptions: defaultAssumptions(),
      askAcvColumn: never,
    });
    if (!result.built) throw new Error(result.message);
    // Read as Excel's SUM reads them: 4 accounts, 120,000 + 50,000 + 30,000 + 9,000 = 209,000.
    expect(result.accounts).toBe(4);
    expect(Array.from(result.acvs)).toEqual([120000, 50000, 30000, 9000]);
    const warning =
      "2 rows (3, 5) are hidden in the sheet (filtered out or hidden by hand) and were read like the others; delete from the export the rows of accounts that should not be planned";
    expect(result.warnings).toEqual([warning]);
    expect(result.message).toContain(`Warning: ${warning}.`);
    expect(x.book.stats.refused).toEqual([]);
  });

  test("an account name merged down over its contract rows is one account, as the command reads an .xlsx", async () => {
    // Excel shows "Acme" on sheet rows 2-3 (A2:A3 merged); the range's values hold it in A2 only.
    const rows = [
      ["Account Name", "Contract", "ARR"],
      ["Acme", "Platform", 100000],
      ["", "Support", 50000],
      ["Globex", "Platform", 30000],
    ];
    const x = recordingExcel(rows, { merges: [{ row: 1, col: 0, rows: 2, cols: 1 }] });
    const result = await buildCoveragePlan(x.context, {
      assumptions: defaultAssumptions(),
      askAcvColumn: never,
    });
    if (!result.built) throw new Error(result.message);
    // Acme 100,000 + 50,000 = 150,000 (Enterprise), Globex 30,000: 2 accounts, not 3.
    expect(result.accounts).toBe(2);
    expect(Array.from(result.acvs)).toEqual([150000, 30000]);
    // Without the merge the Support line is a nameless account of its own.
    const unmerged = await buildCoveragePlan(recordingExcel(rows).context, {
      assumptions: defaultAssumptions(),
      askAcvColumn: never,
    });
    expect(unmerged.built && unmerged.accounts).toBe(3);
  });

  test("with no row hidden, no visible-cells read is made and nothing is said", async () => {
    const x = recordingExcel([
      ["Account Name", "ARR"],
      ["Acme", 120000],
    ]);
    const withHidden = recordingExcel(
      [
        ["Account Name", "ARR"],
        ["Acme", 120000],
      ],
      { hiddenRows: [1] }
    );
    const build = (context: Excel.RequestContext) =>
      buildCoveragePlan(context, { assumptions: defaultAssumptions(), askAcvColumn: never });
    const plain = await build(x.context);
    const hidden = await build(withHidden.context);
    expect(plain.built && plain.warnings).toEqual([]);
    expect(hidden.built && hidden.warnings).toEqual([
      "row 2 is hidden in the sheet (filtered out or hidden by hand) and was read like the others; delete it from the export if its account should not be planned",
    ]);
    // The one extra sync is the visible-cells read, made only when a row is hidden.
    expect(withHidden.syncs() - x.syncs()).toBe(1);
  });

  test("only MRR: asks to confirm x12; cancelling builds nothing", async () => {
    const x = recordingExcel([
      ["Name", "MRR"],
      ["Acme", 2500],
    ]);
    const result = await buildCoveragePlan(x.context, {
      assumptions: defaultAssumptions(),
      askAcvColumn: async (question) => {
        expect(question).toEqual({ kind: "mrr", candidates: ["MRR"] });
        return null;
      },
    });
    expect(result).toEqual({ built: false, message: "Build cancelled: no ACV column was chosen." });
    expect(x.added).toEqual([]);
    expect(x.deleted).toEqual([]);
  });

  test("confirming MRR plans on MRR x 12", async () => {
    const x = recordingExcel([
      ["Name", "MRR"],
      ["Acme", 2500],
    ]);
    await buildCoveragePlan(x.context, {
      assumptions: defaultAssumptions(),
      askAcvColumn: async () => "MRR",
    });
    const row = x.writes.find(
      (w) => w.sheet === "CS Accounts" && w.row === 1 && w.values !== undefined
    );
    expect(row?.values).toEqual([["Acme", 2500, 30000]]);
  });

  test("an export with only Annual Revenue builds nothing and says why", async () => {
    const x = recordingExcel([
      ["Name", "Annual Revenue"],
      ["Acme", 5e6],
    ]);
    const result = await buildCoveragePlan(x.context, {
      assumptions: defaultAssumptions(),
      askAcvColumn: never,
    });
    expect(result.built).toBe(false);
    expect(result.message).toMatch(/company revenue/);
    expect(x.added).toEqual([]);
  });
});

describe("writableValue", () => {
  test.each([
    ["Acme", "Acme"],
    ["$80,000", "'$80,000"],
    ["=1+1", "'=1+1"],
    ["80k", "'80k"],
    ["TRUE", "'TRUE"],
    [42, 42],
    [null, ""],
  ])("%p is written as %p", (value, written) => {
    expect(writableValue(value)).toBe(written);
  });
});

describe("repairCsFormulas", () => {
  function workbook(formulas: unknown[][], values: unknown[][]) {
    const book = new FakeWorkbook([{ name: "Plan", formulas, values }]);
    return {
      context: book.context,
      written: () =>
        book.stats.writes.map((w) => ({
          row: w.row,
          col: w.col,
          formulas: book
            .sheet("Plan")
            .formulas.slice(w.row, w.row + w.rows)
            .map((l) => [l[w.col]]),
        })),
    };
  }

  test("re-enters stored _xldudf_ names and CS formulas showing #NAME?, and nothing else", async () => {
    const { context, written } = workbook(
      [
        ["=_xldudf_CS_TIER(B1)", 5],
        ["=CS.SEGMENT(A1)", 6],
        ['=CS.OTE("VP CS")', "=SUM(B1:B2)"],
        ["=[2]!_xldudf_CS_MAX_BOOK(B1)", "=_xldudf_OTHER_FN(1)"],
      ],
      [
        ["#NAME?", 5],
        ["#NAME?", 6],
        [320000, 11],
        ["#NAME?", "#NAME?"],
      ]
    );
    await expect(repairCsFormulas(context)).resolves.toBe(3);
    expect(written()).toEqual([
      { row: 0, col: 0, formulas: [["=CS.TIER(B1)"], ["=CS.SEGMENT(A1)"]] },
      { row: 3, col: 0, formulas: [["=CS.MAX_BOOK(B1)"]] },
    ]);
  });

  test("repairedFormula leaves working CS formulas and other add-ins' functions alone", () => {
    expect(repairedFormula("=CS.TIER(A1)", "Pooled")).toBeNull();
    expect(repairedFormula("=_xldudf_OTHER_FN(1)", "#NAME?")).toBeNull();
    expect(repairedFormula("=_xldudf_CS_TIER(A1)", "#NAME?")).toBe("=CS.TIER(A1)");
  });
});
