/**
 * The command line refuses bad files and bad options cleanly: exit 2 and one
 * line on stderr that names the problem, no stack trace. Runs the built
 * command (bin/cs-coverage.js over lib/, built by `npm run build:cli`, which
 * `npm ci` runs) as a user would.
 */
import { randomBytes } from "crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { columnIndex, referencedColumns } from "../../src/cli/references";
import { spawnCli, SpawnedRun } from "../helpers/cli";

const ROOT = path.resolve(__dirname, "..", "..");
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "cs-hostile-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

function run(args: string[]): SpawnedRun {
  return spawnCli(args, dir);
}

/** Exit 2, nothing on stdout, and exactly one stderr line containing each fragment, no stack. */
function expectRefused(args: string[], ...fragments: string[]): void {
  const { status, stdout, stderr } = run(args);
  const lines = stderr.split("\n").filter((line) => line !== "");
  expect({ status, stdout, lines: lines.length }).toEqual({ status: 2, stdout: "", lines: 1 });
  expect(lines[0]).toMatch(/^cs-coverage: /);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
  expect(stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
}

test("the command is built (npm ci runs npm run build:cli)", () => {
  expect(existsSync(path.join(ROOT, "lib", "cli", "main.js"))).toBe(true);
});

describe("eval --data refuses bad files with exit 2 and one line", () => {
  const formula = "=CS.REQUIRED_CSMS(B2:B10)";

  test("a missing file", () => {
    expectRefused(["eval", "--data", path.join(dir, "nope.csv"), formula], "nope.csv", "not found");
  });

  test("random bytes named .xlsx", () => {
    const p = file("random.xlsx", randomBytes(4096));
    expectRefused(["eval", "--data", p, formula], "random.xlsx", "not a readable .xlsx");
  });

  test("random bytes that start like a zip, named .xlsx", () => {
    const p = file(
      "zipish.xlsx",
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(4096)])
    );
    expectRefused(["eval", "--data", p, formula], "zipish.xlsx", "not a readable .xlsx");
  });

  test("random bytes named .csv", () => {
    const p = file("random.csv", randomBytes(4096));
    expectRefused(["eval", "--data", p, formula], "random.csv", "not a text file");
  });

  test("an empty .csv and one of blank lines", () => {
    expectRefused(["eval", "--data", file("empty.csv", ""), formula], "empty.csv", "empty");
    expectRefused(
      ["eval", "--data", file("blank.csv", "\n , \n\n"), formula],
      "blank.csv",
      "no data"
    );
  });

  test("an unknown --set key, including __proto__ and constructor", () => {
    const p = file("ok.csv", "ACV\n80000\n");
    expectRefused(
      ["eval", "--data", p, "--set", "tier.Platinum.csm_ratio=5", formula],
      "tier.Platinum.csm_ratio"
    );
    expectRefused(["eval", "--data", p, "--set", "__proto__=1", formula], "__proto__");
    expectRefused(
      ["eval", "--data", p, "--set", "constructor.prototype=1", formula],
      "constructor.prototype"
    );
    expectRefused(
      ["eval", "--set", "tier.__proto__.csm_ratio=5", formula],
      "tier.__proto__.csm_ratio"
    );
  });

  test("a bad --assumptions file", () => {
    const p = file("bad-assumptions.json", '{"format": "cs-coverage-assumptions", ');
    expectRefused(["eval", "--assumptions", p, formula], "bad-assumptions.json");
  });

  test("an export with no ACV column still evaluates: eval reads cells, and a text cell is an unknown tier name, #N/A", () => {
    const p = file("no-acv.csv", "Account,Owner\nAcme,Ann\nGlobex,Bo\n");
    const { status, stdout } = run(["eval", "--data", p, "=CS.REQUIRED_CSMS(B2:B3)"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^#N\/A .*"Ann"/);
  });
});

describe("plan refuses bad exports with exit 2 and one line, and writes no workbook", () => {
  const out = () => path.join(dir, "plan-out.xlsx");
  function expectPlanRefused(input: string, ...fragments: string[]): void {
    rmSync(out(), { force: true });
    expectRefused(["plan", input, "-o", out()], ...fragments);
    expect(existsSync(out())).toBe(false);
  }

  test("a missing file", () => {
    expectPlanRefused(path.join(dir, "nope.csv"), "nope.csv", "not found");
  });

  test("random bytes named .xlsx or .csv", () => {
    expectPlanRefused(
      file("plan-random.xlsx", randomBytes(4096)),
      "plan-random.xlsx",
      "not a readable .xlsx"
    );
    expectPlanRefused(
      file("plan-random.csv", randomBytes(4096)),
      "plan-random.csv",
      "not a text file"
    );
  });

  test("an empty export", () => {
    expectPlanRefused(file("plan-empty.csv", ""), "plan-empty.csv", "empty");
  });

  test("an export with no ACV column names what it looked for", () => {
    expectPlanRefused(file("plan-no-acv.csv", "Account,Owner\nAcme,Ann\n"), "no ACV or ARR column");
  });

  test("an export whose only money column is Annual Revenue (company revenue)", () => {
    expectPlanRefused(
      file("plan-annual-revenue.csv", "Account,Annual Revenue\nAcme,5000000000\n"),
      '"Annual Revenue" is the customer\'s company revenue'
    );
  });

  test("a bad --assumptions file", () => {
    const p = file("plan-bad-assumptions.json", "[1, 2");
    const input = file("plan-ok.csv", "Account,ACV\nAcme,80000\n");
    rmSync(out(), { force: true });
    expectRefused(["plan", input, "-o", out(), "--assumptions", p], "plan-bad-assumptions.json");
    expect(existsSync(out())).toBe(false);
  });
});

describe("which columns eval loads (only those the formulas read)", () => {
  test("column letters", () => {
    expect([columnIndex("A"), columnIndex("Z"), columnIndex("AA"), columnIndex("XFD")]).toEqual([
      0, 25, 26, 16_383,
    ]);
  });

  test("cells, ranges and whole columns; not function names or text", () => {
    expect(referencedColumns(["=CS.REQUIRED_CSMS(B2:B1000001)"])).toEqual(new Set([1]));
    expect(referencedColumns(["=CS.TIER($C$2)", "=SUM(D:E)", "=CS.MAX_BOOK(A2:B3)"])).toEqual(
      new Set([2, 3, 4, 0, 1])
    );
    expect(referencedColumns(['=CS.TIER("Z9")', "=LOG10(100)", "=CS.TIER(TRUE)"])).toEqual(
      new Set()
    );
  });

  test("anything that could read other cells loads every column", () => {
    expect(referencedColumns(['=CS.TIER(INDIRECT("A2"))'])).toBeNull();
    expect(referencedColumns(["=SUM(OFFSET(A1,1,1))"])).toBeNull();
    expect(referencedColumns(["=SUM(2:5)"])).toBeNull();
  });

  test("the answer is the same as with every column loaded", () => {
    const p = file(
      "wide.csv",
      "Name,ACV,Revenue\nAcme,300000,9e9\nGlobex,$60k,1\nInitech,Strategic,2\n"
    );
    const narrow = run(["eval", "--data", p, "=CS.REQUIRED_CSMS(B2:B4)"]);
    const wide = run(["eval", "--data", p, "=CS.REQUIRED_CSMS(OFFSET(B2,0,0,3,1))"]);
    expect(narrow.status).toBe(0);
    // 2 Strategic (1/11 each) + 1 Mid-Market at $60k (1/32).
    expect(Number(narrow.stdout)).toBeCloseTo(2 / 11 + 1 / 32, 12);
    expect(wide.stdout).toBe(narrow.stdout);
  });
});
