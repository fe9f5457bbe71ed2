/**
 * The plan's cached values against the engine over the full workbook. The
 * plan command computes some cells outside HyperFormula (the CS calls over
 * whole account columns, the owner totals) to stay fast and small on a
 * million-row export; `cs-coverage recalc` loads every sheet, the accounts
 * included, into the engine and recomputes every formula. With the same
 * assumptions it must find nothing to change.
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { runCli } from "../helpers/cli";
import { FIXTURE } from "../helpers/plan-fixture";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-plan-cached-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<number> {
  return (await runCli(...argv)).code;
}

/** Every formula cell of a workbook: "sheet!A1 formula" -> its cached result. */
async function formulaResults(file: string): Promise<Map<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const results = new Map<string, unknown>();
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.value as { formula?: string; result?: unknown } | null;
        if (value !== null && typeof value === "object" && value.formula !== undefined)
          results.set(`${ws.name}!${cell.address} ${value.formula}`, value.result);
        // The other cells of a spill's array formula hold its cached values.
        const array = value as { shareType?: string; ref?: string } | null;
        if (array?.shareType === "array" && array.ref) {
          const [from, to] = array.ref.split(":").map((a) => ws.getCell(a));
          for (let r = Number(from.row); r <= Number(to.row); r++)
            for (let c = Number(from.col); c <= Number(to.col); c++) {
              if (r === Number(from.row) && c === Number(from.col)) continue;
              results.set(
                `${ws.name}!R${r}C${c} in ${value!.formula}`,
                ws.getRow(r).getCell(c).value
              );
            }
        }
      })
    )
  );
  return results;
}

async function planThenRecalc(name: string, csv: string) {
  const input = path.join(dir, `${name}.csv`);
  const planned = path.join(dir, `${name}.xlsx`);
  const recalculated = path.join(dir, `${name}-recalc.xlsx`);
  await fs.writeFile(input, csv);
  expect(await run("plan", input, "-o", planned)).toBe(0);
  expect(await run("recalc", planned, "-o", recalculated)).toBe(0);
  return { before: await formulaResults(planned), after: await formulaResults(recalculated) };
}

describe("the plan's cached values equal the engine's over the whole workbook", () => {
  // The plan's as-of date is the day it runs, so the fixture's hand-dated rows
  // may all be past their SLA by then (and a coverage quality of 0 reads back
  // from ExcelJS as no result): one account touched today keeps it a number.
  const now = new Date();
  const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((part) => String(part).padStart(2, "0"))
    .join("-");
  const touchedToday = `${FIXTURE}\r\nZenith,Ann,1000000,300000,${today}`; // the fixture ends lines with CRLF

  test.each([
    ["the hand-computed fixture", touchedToday],
    ["the 2,500-row sample export", null],
  ])(
    "%s",
    async (name, fixture) => {
      const csv =
        fixture ??
        (await fs.readFile(
          path.join(__dirname, "..", "..", "assets", "sample-crm-export.csv"),
          "utf8"
        ));
      // Recalc reads the as-of date from the plan's input cell (B3): today's, as the plan wrote it.
      const { before, after } = await planThenRecalc(name.replace(/\W+/g, "-"), csv);
      expect([...after.keys()]).toEqual([...before.keys()]);
      expect(Object.fromEntries(after)).toEqual(Object.fromEntries(before));
      // The cells computed outside the engine are among them, with numbers, not errors.
      const outside = [...before].filter(([key]) =>
        /_xldudf_CS_COVERAGE_PLAN|_xldudf_CS_COVERAGE_QUALITY|COUNTIFS?\(|SUMIF\(/.test(key)
      );
      expect(outside.length).toBeGreaterThan(7 * 7);
      expect(
        outside.every(([, v]) => v === undefined || typeof v === "number" || typeof v === "string")
      ).toBe(true);
      expect(
        outside.some(([key, v]) => key.includes("COVERAGE_QUALITY") && typeof v === "number")
      ).toBe(true);
      // A limit, not a timing: plan and recalc of 2,500 rows take several seconds on a busy machine.
    },
    120_000
  );
});
