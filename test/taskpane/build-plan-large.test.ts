/**
 * The pane's Build coverage plan over a big export (20,000 accounts with a
 * 3,000-character note each, 60 MB): read and written in chunks, every batch
 * inside Excel on the web's limits. Kept apart from build-plan.test.ts as a
 * scale test: `npm test` runs it, `npm run test:unit` leaves it out.
 */
import { LIMITS } from "../helpers/fake-excel";
import { recordingExcel } from "../helpers/recording-workbook";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { buildCoveragePlan } from "../../src/taskpane/build-plan";

const never = async (): Promise<string | null> => {
  throw new Error("not asked");
};

describe("buildCoveragePlan over a big export", () => {
  test("a big export with long notes: read and written in chunks, every batch inside Excel on the web's limits", async () => {
    // 20,000 accounts with a 3,000-character note each: 60 MB, twelve times what one request may carry.
    const note = "Renewal risk discussed with procurement; ".repeat(74).slice(0, 3000);
    const rows: unknown[][] = [["Account Name", "ACV", "Account Owner", "Notes"]];
    for (let i = 0; i < 20_000; i++) rows.push([`Account ${i}`, 1000 + i, `CSM ${i % 9}`, note]);
    const x = recordingExcel(rows);
    const progress: number[] = [];
    const result = await buildCoveragePlan(x.context, {
      assumptions: defaultAssumptions(),
      askAcvColumn: never,
      onProgress: (done) => progress.push(done),
    });

    expect(result).toMatchObject({ built: true, accounts: 20_000 });
    // The first read (20,000 cells of values and number formats, 2,500 rows, before any
    // row was measured) is too big for these rows:
    // Excel refuses it, and it is read again in halves; nothing else is refused.
    expect(x.book.stats.refused).toEqual(["ResponsePayloadSizeLimitExceeded"]);
    expect(x.book.stats.largestRequest).toBeLessThanOrEqual(LIMITS.payloadBytes);
    expect(x.book.stats.largestResponse).toBeLessThanOrEqual(LIMITS.payloadBytes);
    // Chunks of fewer than the 2,000 rows by default: each carries at most about 2 MB.
    const chunks = progress.map((done, i) => done - (progress[i - 1] ?? 0));
    expect(Math.max(...chunks)).toBeLessThan(2000);
    expect(progress[progress.length - 1]).toBe(20_000);
    // Every account row written once, in order, with its note intact.
    const accounts = x.writes.filter(
      (w) => w.sheet === "CS Accounts" && w.values !== undefined && w.row > 0
    );
    expect(accounts.reduce((sum, w) => sum + w.rows, 0)).toBe(20_000);
    expect((accounts[accounts.length - 1].values as unknown[][]).at(-1)).toEqual([
      "Account 19999",
      20999,
      "CSM 1", // 19,999 = 9 x 2,222 + 1
      note,
      20999,
    ]);
  });

  test("hidden rows of a 200,000-row filtered export: found in chunked visible-cells reads within the limits", async () => {
    const rows: unknown[][] = [["Account Name", "ACV", "Region"]];
    for (let i = 0; i < 200_000; i++)
      rows.push([`Account ${i}`, 1000 + i, i % 4 === 3 ? "APAC" : "EMEA"]);
    // Filtered on Region: every APAC row hidden, 50,000 of them (0-based rows 4, 8, ...).
    const hiddenRows = Array.from({ length: 50_000 }, (_, k) => 4 * (k + 1));
    const x = recordingExcel(rows, { hiddenRows });
    const result = await buildCoveragePlan(x.context, {
      assumptions: defaultAssumptions(),
      askAcvColumn: never,
    });
    if (!result.built) throw new Error(result.message);
    expect(result.accounts).toBe(200_000);
    // Sheet rows 5, 9, 13, 17, 21 (1-based) first, then 49,995 more.
    expect(result.warnings).toEqual([
      "50,000 rows (5, 9, 13, 17, 21 and 49,995 more) are hidden in the sheet (filtered out or hidden by hand) and were read like the others; delete from the export the rows of accounts that should not be planned",
    ]);
    expect(x.book.stats.largestResponse).toBeLessThanOrEqual(LIMITS.payloadBytes);
    expect(x.book.stats.largestRead).toBeLessThanOrEqual(LIMITS.readCells);
  });
});
