/**
 * The plan workbook opened by another spreadsheet program: LibreOffice Calc
 * (headless) converts every sheet to CSV, and the numbers it shows are the
 * cached values the command wrote (LibreOffice has no CS functions, so a
 * recalculated cell would show #NAME?). CI installs libreoffice-calc-nogui.
 */
import { execFile } from "child_process";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";
import Papa from "papaparse";
import { runCli } from "../helpers/cli";
import { FIXTURE } from "../helpers/plan-fixture";

const run = promisify(execFile);
// Field separator, quote, UTF-8, from line 1, …, and -1: every sheet to its own file (LibreOffice 7.2+).
const CSV_FILTER =
  "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1";

let dir: string;
let sheets: Record<string, string[][]>;

function parseCsv(text: string): string[][] {
  return Papa.parse<string[]>(text.trimEnd(), { delimiter: "," }).data;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-plan-lo-"));
  const input = path.join(dir, "export.csv");
  await fs.writeFile(input, FIXTURE);
  const { code } = await runCli("plan", input, "-o", path.join(dir, "plan.xlsx"));
  expect(code).toBe(0);
  await run(
    "soffice",
    [
      `-env:UserInstallation=file://${path.join(dir, "profile")}`,
      "--headless",
      "--convert-to",
      CSV_FILTER,
      "--outdir",
      path.join(dir, "csv"),
      path.join(dir, "plan.xlsx"),
    ],
    { timeout: 120_000 }
  );
  sheets = {};
  for (const file of await fs.readdir(path.join(dir, "csv"))) {
    const name = file.replace(/^plan-/, "").replace(/\.csv$/, "");
    sheets[name] = parseCsv(await fs.readFile(path.join(dir, "csv", file), "utf8"));
  }
}, 180_000);
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const rowOf = (sheet: string, label: string) => sheets[sheet].find((r) => r[0] === label) ?? [];

test("LibreOffice shows every sheet, and no cell it had to recalculate", () => {
  expect(Object.keys(sheets).sort()).toEqual([
    "CS Accounts",
    "CS Assumptions",
    "CS Books",
    "CS Plan",
    "CS Skipped rows",
  ]);
  for (const [name, rows] of Object.entries(sheets)) {
    const broken = rows.flat().filter((cell) => /^#NAME\?|^Err:|^#VALUE!/.test(cell));
    expect({ name, broken }).toEqual({ name, broken: [] });
  }
});

test("the coverage plan's cached values, computed by hand from MODEL.md's ratios", () => {
  const strategic = rowOf("CS Plan", "Strategic");
  expect(strategic.slice(0, 3)).toEqual(["Strategic", "2", "560000"]);
  expect(Number(strategic[3])).toBeCloseTo(2 / 11, 12);
  expect(Number(strategic[5])).toBeCloseTo(0.2, 12); // 2 / 10 TAMs
  const total = rowOf("CS Plan", "Total");
  expect(total.slice(0, 3)).toEqual(["Total", "6", "765000"]);
  expect(Number(total[3])).toBeCloseTo(2 / 11 + 1 / 30 + 1 / 32 + 1 / 50 + 1 / 175, 12);
});

test("the accounts' CS columns and the books show their cached values", () => {
  expect(rowOf("CS Accounts", "Cobalt").slice(5)).toEqual([
    "120000",
    "2026-10-25", // CS Last touch, as a date
    "Enterprise",
    "Enterprise",
    "Named CSM (shared TAM)",
  ]);
  const ann = rowOf("CS Books", "Ann");
  expect(ann.slice(0, 5)).toEqual(["Ann", "2", "560000", "280000", "11"]);
  expect(ann[7]).toBe("0%"); // both accounts in the Enterprise segment
  expect(rowOf("CS Books", "Bob")[7]).toBe("50%");
});
