/**
 * Recalculate and Repair over 100,000 accounts (300,000 CS formulas), with
 * the fake workbook enforcing Excel on the web's request and response
 * limits. Kept apart from recalc.test.ts as a scale test: `npm test` runs
 * it, `npm run test:unit` leaves it out.
 */
import { FakeWorkbook, LIMITS } from "../helpers/fake-excel";
import { repairCsFormulas } from "../../src/taskpane/build-plan";
import { recalculateCsFormulas } from "../../src/taskpane/recalc";

/** The formulas the fake workbook's sheet holds now, in the rows and columns given. */
const cells = (book: FakeWorkbook, sheet: string) => book.sheet(sheet).formulas;

/**
 * A CS Accounts sheet as the pane's builder writes it: nine columns of the
 * export and the ACV read, then Tier, Segment and Coverage model, down
 * `rows` accounts (12 columns in all).
 */
function accountsSheet(rows: number, stored = false): unknown[][] {
  const cs = (name: string, arg: string) =>
    stored ? `=_xldudf_CS_${name}(${arg})` : `=CS.${name}(${arg})`;
  const grid: unknown[][] = [
    [
      "Account Name",
      "Account Owner",
      "Annual Revenue",
      "ACV",
      "Last Activity",
      "Region",
      "Industry",
      "Stage",
      "CS ACV",
      "Tier",
      "Segment",
      "Coverage model",
    ],
  ];
  for (let i = 0; i < rows; i++) {
    const row = i + 2;
    grid.push([
      `Account ${i} Holdings International`,
      `CSM ${i % 40}`,
      1_000_000 + i,
      `$${5 + (i % 300)},000`,
      46000 + (i % 365),
      ["EMEA", "North America", "APAC"][i % 3],
      "Software & Services",
      "Customer - Active",
      5000 + (i % 300) * 1000,
      cs("TIER", `I${row}`),
      cs("SEGMENT", `J${row}`),
      cs("COVERAGE_MODEL", `J${row}`),
    ]);
  }
  return grid;
}

describe("Recalculate and Repair over 100,000 accounts, within Excel on the web's limits", () => {
  const ROWS = 100_000;
  // Built once: Recalculate writes back the very formulas it read, so the sheet stays as it was.
  let plain: unknown[][];
  beforeAll(() => {
    plain = accountsSheet(ROWS);
  });

  test("the whole used range in one batch, as before, is more than Excel on the web accepts", async () => {
    const book = new FakeWorkbook({ "CS Accounts": plain });
    const range = book.context.workbook.worksheets.getItem("CS Accounts").getUsedRange(false);
    range.load("formulas");
    await expect(book.context.sync()).rejects.toMatchObject({
      name: "RichApi.Error",
      code: "ResponsePayloadSizeLimitExceeded",
    });
  });

  test("Recalculate re-enters all 300,000 CS formulas in chunks, each sync inside the limits, with progress", async () => {
    const book = new FakeWorkbook({
      Export: [["Account", "ACV"]],
      "CS Accounts": plain,
    });
    const progress: [number, number][] = [];

    await expect(
      recalculateCsFormulas(book.context, (done, total) => progress.push([done, total]))
    ).resolves.toBe(3 * ROWS);

    expect(book.stats.refused).toEqual([]);
    expect(book.stats.largestRequest).toBeLessThanOrEqual(LIMITS.payloadBytes);
    expect(book.stats.largestResponse).toBeLessThanOrEqual(LIMITS.payloadBytes);
    expect(book.stats.largestRead).toBeLessThanOrEqual(LIMITS.readCells);
    // Every CS cell written back once, in column runs of the Tier, Segment and Coverage model columns.
    const written = book.stats.writes.filter((w) => w.sheet === "CS Accounts");
    expect(written.every((w) => w.cols === 1 && w.col >= 9)).toBe(true);
    for (const col of [9, 10, 11]) {
      const rows = written.filter((w) => w.col === col).reduce((sum, w) => sum + w.rows, 0);
      expect(rows).toBe(ROWS);
    }
    expect(cells(book, "CS Accounts")[ROWS][11]).toBe(`=CS.COVERAGE_MODEL(J${ROWS + 1})`);
    // Progress by chunk up to every row of both sheets (the header rows included).
    const total = ROWS + 1 + 1;
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every(([, t]) => t === total)).toBe(true);
    expect(progress.map(([done]) => done)).toEqual(
      [...progress.map(([done]) => done)].sort((a, b) => a - b)
    );
    expect(progress[progress.length - 1]).toEqual([total, total]);
  });

  test("Repair re-enters 300,000 stored _xldudf_ calls as CS calls, inside the limits", async () => {
    const grid = accountsSheet(ROWS, true);
    const values = grid.map((line, r) =>
      line.map((cell, c) => (r > 0 && c >= 9 ? "#NAME?" : cell))
    );
    const book = new FakeWorkbook([{ name: "CS Accounts", formulas: grid, values }]);

    await expect(repairCsFormulas(book.context)).resolves.toBe(3 * ROWS);

    expect(book.stats.refused).toEqual([]);
    expect(book.stats.largestRequest).toBeLessThanOrEqual(LIMITS.payloadBytes);
    expect(book.stats.largestResponse).toBeLessThanOrEqual(LIMITS.payloadBytes);
    const after = cells(book, "CS Accounts");
    expect(after[1].slice(9)).toEqual([
      "=CS.TIER(I2)",
      "=CS.SEGMENT(J2)",
      "=CS.COVERAGE_MODEL(J2)",
    ]);
    expect(after[ROWS].slice(9)).toEqual([
      `=CS.TIER(I${ROWS + 1})`,
      `=CS.SEGMENT(J${ROWS + 1})`,
      `=CS.COVERAGE_MODEL(J${ROWS + 1})`,
    ]);
    expect(after.slice(1).every((line) => !String(line[9]).includes("_xldudf_"))).toBe(true);
  });

  test("rows of long text: a chunk Excel refuses for its size is read again in halves", async () => {
    // 40 rows of 200,000 characters each: 8 MB, and the first chunk tries them all.
    const note = "x".repeat(200_000);
    const grid: unknown[][] = [["Note", "Tier"]];
    for (let i = 0; i < 40; i++) grid.push([note, `=CS.TIER(${i})`]);
    const book = new FakeWorkbook({ Notes: grid });

    await expect(recalculateCsFormulas(book.context)).resolves.toBe(40);

    expect(book.stats.refused[0]).toBe("ResponsePayloadSizeLimitExceeded");
    expect(book.stats.largestResponse).toBeLessThanOrEqual(LIMITS.payloadBytes);
    expect(cells(book, "Notes")[40][1]).toBe("=CS.TIER(39)");
  });

  test("one formula too long for any batch is Excel's refusal, reported, not a wrong count", async () => {
    const book = new FakeWorkbook({ Notes: [[`=CS.TIER("${"y".repeat(5_100_000)}")`]] });
    await expect(recalculateCsFormulas(book.context)).rejects.toMatchObject({
      code: "ResponsePayloadSizeLimitExceeded",
    });
  });
});
