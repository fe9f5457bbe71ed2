/**
 * The cs-coverage command for tests, two ways: in-process (runCli: main() with
 * the catalog generated from the JSDoc, its printed lines captured) and as a
 * user runs it (spawnCli: bin/cs-coverage.js over lib/, built by `npm run
 * build:cli`, which `npm ci` runs).
 */
import { spawnSync } from "child_process";
import path from "path";
import { main } from "../../src/cli/main";
import { runPlanCommand } from "../../src/cli/plan";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { excelSerialFromYmd } from "../../src/core/dates";
import { Catalog } from "../../src/engine/catalog";
import { testCatalog } from "./engine";

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

/** Runs `cs-coverage ...argv` in this process: its exit code and the lines it printed to stdout and stderr. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  const catalog = await testCatalog();
  return runCliWith(() => catalog, ...argv);
}

/** runCli with the catalog given. */
export async function runCliWith(catalogOf: () => Catalog, ...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    catalogOf
  );
  return { code, out, err };
}

/**
 * Plans a CSV export into `output` in this process, quietly, with the default
 * assumptions and an as-of date of 2026-11-01 (fixed, so the workbook never
 * depends on the day the test runs).
 */
export async function planInProcess(csv: string, output: string): Promise<void> {
  await runPlanCommand(
    csv,
    { output, json: true },
    defaultAssumptions(),
    await testCatalog(),
    { out: () => undefined, progress: false },
    excelSerialFromYmd(2026, 11, 1)
  );
}

/**
 * `cs-coverage plan FILE -o OUTPUT --json`, which must succeed without a word
 * on stderr: its JSON document, typed as the test reads it.
 */
export async function planJson<T>(file: string, output: string): Promise<T> {
  const run = await runCli("plan", file, "-o", output, "--json");
  expect(run.err).toEqual([]);
  expect(run.code).toBe(0);
  return JSON.parse(run.out.join("\n")) as T;
}

export const BIN = path.resolve(__dirname, "..", "..", "bin", "cs-coverage.js");

export interface SpawnedRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command in a child process, in the directory `cwd`. */
export function spawnCli(args: string[], cwd: string): SpawnedRun {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
