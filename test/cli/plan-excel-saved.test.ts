/**
 * `plan` and `eval --data` on every workbook saved by Excel in the corpus
 * (test/fixtures/excel-saved: pivots, charts, chart sheets, tables, names,
 * external links, pictures, protected and Strict files), on every sheet: a
 * workbook that is not an export gets a one-line refusal (exit 2) or a
 * result, never a crash ("unexpected failure", exit 1).
 */
import { promises as fs, readdirSync } from "fs";
import JSZip from "jszip";
import os from "os";
import path from "path";
import { runCli } from "../helpers/cli";

const FIXTURES = path.join(__dirname, "..", "fixtures", "excel-saved");
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".xlsx"))
  .sort();

/** The sheet names in workbook.xml, or none when the file cannot be opened as a zip (a password-protected one). */
async function sheetNames(file: string): Promise<string[]> {
  try {
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    return [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]);
  } catch {
    return [];
  }
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-plan-saved-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

test("the corpus holds at least a dozen workbooks, one of them with pivot tables", () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(12);
  expect(fixtures).toContain("calamine-pivots.xlsx");
});

describe.each(fixtures)("%s", (name) => {
  test("every sheet: plan and eval --data give a result or a one-line refusal, never a crash", async () => {
    const file = path.join(FIXTURES, name);
    const sheets = await sheetNames(file);
    const runs = [
      await runCli("plan", file, "-o", path.join(dir, `plan-${name}`)),
      await runCli("eval", "--data", file, "=COUNTA(A1:J20)"),
    ];
    for (const sheet of sheets) {
      runs.push(await runCli("plan", file, "--sheet", sheet, "-o", path.join(dir, `p-${name}`)));
      runs.push(await runCli("eval", "--data", file, "--sheet", sheet, "=COUNTA(A1:J20)"));
    }
    for (const run of runs) {
      expect(run.err.join("\n")).not.toMatch(/unexpected failure/);
      expect([0, 2]).toContain(run.code);
      if (run.code === 2) {
        expect(run.err).toHaveLength(1);
        expect(run.err[0]).toMatch(/^cs-coverage: /);
      }
    }
  });
});
