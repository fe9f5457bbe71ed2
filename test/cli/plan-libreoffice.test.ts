/**
 * The plan workbook opened by another spreadsheet program: LibreOffice Calc
 * (headless) converts every sheet to CSV, and the numbers it shows are the
 * cached values the command wrote (LibreOffice has no CS functions, so a
 * recalculated cell would show #NAME?). The one exception is the spills:
 * each is one array formula (one call of the add-in in Excel), and
 * LibreOffice (7.4, as CI installs it) recalculates every array formula on
 * load, cached values or not, so those ranges show #NAME? there; the cells
 * that read them keep their cached values. CI installs libreoffice-calc-nogui.
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

/** The spills' ranges (1-based rows, 0-based columns) of the fixture's plan, by sheet. */
const SPILLS: Record<string, { top: number; left: number; rows: number; cols: number }[]> = {
  // The coverage plan (header, 5 tiers, Total; 7 columns) and the hiring plan (header, 12 months).
  "CS Plan": [
    { top: 8, left: 0, rows: 7, cols: 7 },
    { top: 34, left: 3, rows: 13, cols: 7 },
  ],
};
const inSpill = (sheet: string, row: number, col: number) =>
  (SPILLS[sheet] ?? []).some(
    (s) => row >= s.top && row < s.top + s.rows && col >= s.left && col < s.left + s.cols
  );

test("LibreOffice shows every sheet, and recalculates no cell but the spills' array formulas", () => {
  expect(Object.keys(sheets).sort()).toEqual([
    "CS Accounts",
    "CS Assumptions",
    "CS Books",
    "CS Plan",
    "CS Skipped rows",
  ]);
  const brokenAt = (name: string) =>
    sheets[name].flatMap((line, r) =>
      line.flatMap((cell, c) => (/^#NAME\?|^Err:|^#VALUE!/.test(cell) ? [[r + 1, c]] : []))
    );
  for (const name of ["CS Accounts", "CS Books", "CS Skipped rows"])
    expect({ name, broken: brokenAt(name) }).toEqual({ name, broken: [] });
  // On CS Plan: exactly the two spills, every cell of them; the formulas beside and below that read
  // them (targets, cost, forward view) show their cached values.
  const plan = brokenAt("CS Plan");
  expect(plan.every(([r, c]) => inSpill("CS Plan", r, c))).toBe(true);
  expect(plan).toHaveLength(7 * 7 + 13 * 7);
  // CS Assumptions is its three spills and their headings.
  expect(
    sheets["CS Assumptions"].flat().filter((cell) => cell === "#NAME?").length
  ).toBeGreaterThan(0);
});

test("cells that read the coverage plan's spill keep their cached values (computed by hand)", () => {
  const strategic = sheets["CS Plan"][8 + 5 - 1]; // row 13: the last tier, Strategic
  expect(strategic.slice(7, 9)).toEqual(["Enterprise", "130%"]);
  // CS cost a year = total CSMs x loaded cost per CSM (MODEL.md's ratios and OTEs).
  const cost = rowOf("CS Plan", "CS cost a year (CSMs x loaded cost per CSM)");
  expect(Number(cost[1])).toBeCloseTo(
    (1 / 175) * 115000 +
      (1 / 50) * 145000 +
      (1 / 32) * 145000 +
      (1 / 30) * 190000 +
      (2 / 11) * 190000,
    6
  );
  expect(rowOf("CS Plan", "Current ARR").slice(0, 2)).toEqual(["Current ARR", "765000"]);
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
