/**
 * cs-coverage: the CS functions without Excel (CLI.md). Exit 0 when done
 * (a formula that evaluates to an Excel error is still done); exit 2 with
 * one line on stderr when the command cannot do what was asked.
 */
import { readFileSync } from "fs";
import path from "path";
import { Command, CommanderError } from "commander";
import { defaultAssumptions } from "../core/assumptions/defaults";
import { setAssumption } from "../core/assumptions/keys";
import { Assumptions } from "../core/assumptions/types";
import { CsError } from "../core/errors";
import { compileModel } from "../core/model";
import { parseCatalog, Catalog } from "../engine/catalog";
import { CsEngine, SheetInput } from "../engine/engine";
import { DataFileError, loadSheet, toEngineInput } from "./data";
import { toJson, toPlain } from "./format";

/** A problem the user can fix: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** The catalog generated at build time beside the compiled CLI. */
export function loadBuiltCatalog(): Catalog {
  const file = path.join(__dirname, "..", "functions-catalog.json");
  try {
    return parseCatalog(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    throw new UsageError(
      "the function catalog is missing; run `npm run build:cli` (npm ci does it)"
    );
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Applies --set KEY=VALUE pairs in order. */
export function applySets(base: Assumptions, sets: readonly string[]): Assumptions {
  let assumptions = base;
  for (const pair of sets) {
    const at = pair.indexOf("=");
    if (at <= 0)
      throw new UsageError(
        `--set ${JSON.stringify(pair)}: expected KEY=VALUE, e.g. tier.Strategic.csm_ratio=12`
      );
    const result = setAssumption(assumptions, pair.slice(0, at), pair.slice(at + 1));
    if (result instanceof CsError) throw new UsageError(`--set ${pair}: ${result.message}`);
    assumptions = result;
  }
  const tiers = compileModel(assumptions).tiers;
  if (tiers instanceof CsError)
    throw new UsageError(`the assumptions cannot be used: ${tiers.message}`);
  return assumptions;
}

async function readData(file: string | undefined): Promise<SheetInput> {
  if (file === undefined) return [];
  try {
    const sheet = await loadSheet(file);
    return sheet.map((row) => row.map(toEngineInput));
  } catch (error) {
    if (error instanceof DataFileError) throw new UsageError(error.message);
    throw error;
  }
}

interface EvalOptions {
  data?: string;
  set: string[];
  json?: boolean;
}

async function runEval(
  formulas: string[],
  options: EvalOptions,
  io: Io,
  catalog: () => Catalog
): Promise<void> {
  if (formulas.length === 0)
    throw new UsageError("eval needs at least one formula, e.g. '=CS.TIER(\"$80,000\")'");
  const assumptions = applySets(defaultAssumptions(), options.set);
  const sheet = await readData(options.data);
  const engine = new CsEngine({ catalog: catalog(), assumptions, sheet });
  try {
    for (const formula of formulas) {
      const value = engine.evaluate(formula);
      io.out(options.json ? toJson(value) : toPlain(value));
    }
  } finally {
    engine.destroy();
  }
}

export function buildProgram(io: Io, catalog: () => Catalog): Command {
  const program = new Command("cs-coverage");
  program
    .description(
      "Customer-success coverage planning: the CS.* Excel functions on the command line."
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showSuggestionAfterError(true);
  program
    .command("eval")
    .description("Evaluate formulas such as '=CS.TIER(\"$80,000\")' in a spreadsheet engine.")
    .argument("[formulas...]", "formulas to evaluate, in order; one output line each")
    .option("--data <file>", "a .csv or .xlsx the formulas see as their sheet (CSV header = row 1)")
    .option("--set <key=value>", "set one assumption for this run (repeatable)", collect, [])
    .option("--json", "print each result as one JSON value")
    .action((formulas: string[], options: EvalOptions) => runEval(formulas, options, io, catalog));
  return program;
}

/** Runs the command line; returns the exit code. */
export async function main(
  argv: readonly string[],
  io: Io = processIo,
  catalog: () => Catalog = loadBuiltCatalog
): Promise<number> {
  const program = buildProgram(io, catalog);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; commander already printed what is wrong otherwise.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      io.err(`cs-coverage: ${error.message}`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`cs-coverage: unexpected failure: ${message}`);
    return 1;
  }
}
