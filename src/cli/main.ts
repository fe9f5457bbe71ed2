/**
 * cs-coverage: the CS functions without Excel (CLI.md). Exit 0 when done
 * (a formula that evaluates to an Excel error is still done); exit 2 with
 * one line on stderr when the command cannot do what was asked.
 */
import { promises as fs, readFileSync } from "fs";
import path from "path";
import { Command, CommanderError } from "commander";
import { defaultAssumptions } from "../core/assumptions/defaults";
import { exportAssumptions } from "../core/assumptions/format";
import { setAssumption } from "../core/assumptions/keys";
import { loadPreset, UnknownPresetError } from "../core/assumptions/presets";
import { validateAssumptions } from "../core/assumptions/schema";
import { Assumptions } from "../core/assumptions/types";
import { CsError } from "../core/errors";
import { parseCatalog, Catalog } from "../engine/catalog";
import { CsEngine, EngineError, SheetInput } from "../engine/engine";
import { splitFormula } from "../engine/formula-pieces";
import { loadAssumptionsFile, renderAssumptions, summarizeProblems } from "./assumptions";
import { columnLetter } from "../plan/layout";
import { applyLocale, ExportLocale, localeFromTag, localeQuestionMessage } from "../plan/locale";
import { DataFileError, loadExport, toEngineInput } from "./data";
import { toJson, toPlain } from "./format";
import { PlanError, runPlanCommand } from "./plan";
import { recalcWorkbook, RecalcError, renderRecalc } from "./recalc";
import { referencedColumns } from "./references";
import { quoteSheetNames } from "./workbook/formula-text";
import { openWorkbookPackage, WorkbookRefusal } from "./workbook/package";
import { ExcelTable, rewriteStructuredRefs, StructuredRefError } from "./workbook/structured-refs";

/** A problem the user can fix: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether long commands may draw a progress bar on stderr (it is a terminal). */
  progress?: boolean;
}

const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  progress: process.stderr.isTTY === true,
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

/** Applies --set KEY=VALUE pairs in order, then checks the whole set against the schema. */
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
  const checked = validateAssumptions(assumptions);
  if (!checked.ok)
    throw new UsageError(`the assumptions cannot be used: ${summarizeProblems(checked.problems)}`);
  return checked.value;
}

/**
 * The assumptions a command starts from: an export file (--assumptions), a
 * preset (--preset) or the default set; then --set on top.
 */
export function effectiveAssumptions(
  options: { assumptions?: string; preset?: string; set?: string[] },
  io: Io
): Assumptions {
  if (options.assumptions !== undefined && options.preset !== undefined)
    throw new UsageError(
      "--assumptions and --preset both give the starting assumptions; use one of them"
    );
  let base = defaultAssumptions();
  if (options.assumptions !== undefined) {
    const loaded = loadAssumptionsFile(options.assumptions);
    if (typeof loaded === "string") throw new UsageError(loaded);
    loaded.warnings.forEach((w) => io.err(`cs-coverage: note: ${w}`));
    base = loaded.assumptions;
  } else if (options.preset !== undefined) {
    try {
      base = loadPreset(options.preset);
    } catch (error) {
      if (error instanceof UnknownPresetError) throw new UsageError(error.message);
      throw error;
    }
  }
  return applySets(base, options.set ?? []);
}

/** --locale TAG, or a UsageError naming the tag. */
export function localeOption(tag: string | undefined): ExportLocale | undefined {
  if (tag === undefined) return undefined;
  const locale = localeFromTag(tag);
  if (typeof locale === "string") throw new UsageError(locale);
  return locale;
}

/** The hidden worksheets before the one read (--data reads the first visible one). */
function hiddenInFront(
  sheet: { name: string; names: string[]; hiddenNames: string[] } | undefined
): string[] {
  if (sheet === undefined) return [];
  const at = sheet.names.indexOf(sheet.name);
  return sheet.names.slice(0, Math.max(at, 0)).filter((n) => sheet.hiddenNames.includes(n));
}

async function readData(
  file: string | undefined,
  formulas: readonly string[],
  options: { sheet?: string; locale?: string },
  io: Io
): Promise<{ rows: SheetInput; sheetName?: string }> {
  if (file === undefined) return { rows: [] };
  const locale = localeOption(options.locale);
  try {
    // Only the columns the formulas read: a wide million-row export then fits in memory.
    const columns = referencedColumns(formulas);
    const loaded = await loadExport(file, {
      ...(columns === null ? {} : { columns }),
      ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
      localeAware: true,
    });
    const passedOver = hiddenInFront(loaded.sheet);
    if (options.sheet === undefined && passedOver.length > 0)
      io.err(
        `note: ${file}: read the worksheet ${JSON.stringify(loaded.sheet!.name)}; the hidden worksheet${passedOver.length > 1 ? "s" : ""} ${passedOver.map((n) => JSON.stringify(n)).join(", ")} in front of it ${passedOver.length > 1 ? "were" : "was"} passed over (--sheet NAME reads one)`
      );
    const sheet = loaded.rows;
    // Text the CSV's locale decides ("80.000", "31/01/2026"), column by column; a column the formulas read that reads two ways is refused.
    const read = applyLocale(sheet, {
      from: 0,
      critical: columns === null ? [...Array(sheet[0]?.length ?? 0).keys()] : [...columns],
      headers: (sheet[0] ?? []).map((cell, c) => `${columnLetter(c)} (${String(cell ?? "")})`),
      ...(locale ? { locale } : {}),
      ...(loaded.delimiter ? { delimiter: loaded.delimiter } : {}),
    });
    if (!read.ok)
      throw new UsageError(
        `${file}: ${"question" in read ? localeQuestionMessage(read.question) : read.error}`
      );
    // In place: a second copy of a million rows would double the peak.
    for (const row of sheet) for (let c = 0; c < row.length; c++) row[c] = toEngineInput(row[c]);
    return { rows: sheet, ...(loaded.sheet ? { sheetName: loaded.sheet.name } : {}) };
  } catch (error) {
    if (error instanceof DataFileError) throw new UsageError(error.message);
    throw error;
  }
}

const ERROR_LITERAL =
  /#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)/gi;
const BEYOND_DATA =
  "--data gives the formulas a worksheet's cells and its tables, not the workbook's defined names. Write the cells it stands for, such as B2:B100";

/** A formula that may name a table (Accounts[ACV]): worth reading the workbook's tables for. */
const TABLE_REF = /[\p{L}_\\][\p{L}\p{N}_.\\]*\[/u;

/**
 * The Excel tables (ListObjects) of an .xlsx given with --data, when a
 * formula may refer to one; none for a CSV or a file the package reader
 * refuses (the sheet reader then says what is wrong with it).
 */
async function dataTables(
  file: string | undefined,
  formulas: readonly string[]
): Promise<ExcelTable[]> {
  if (file === undefined || !/\.xls[xm]$/i.test(file) || !formulas.some((f) => TABLE_REF.test(f)))
    return [];
  try {
    return (await openWorkbookPackage(await fs.readFile(file))).tables;
  } catch (error) {
    if (error instanceof WorkbookRefusal || (error as NodeJS.ErrnoException).code !== undefined)
      return [];
    throw error;
  }
}

/**
 * A formula with its table references (Accounts[ACV], Accounts[[#Totals],[ACV]])
 * written as the cells they stand for on the table's sheet, or why it cannot be.
 */
function withTableCells(formula: string, tables: readonly ExcelTable[]): string | EngineError {
  if (tables.length === 0) return formula;
  try {
    return rewriteStructuredRefs(formula, tables, "", 0, 0);
  } catch (error) {
    if (!(error instanceof StructuredRefError)) throw error;
    return {
      error: "#REF!",
      message: /#This Row/i.test(error.message)
        ? `${error.message}: an eval formula sits in no row of a table, so a reference to this row ([@ACV], [#This Row]) stands for no cell; write the cell (such as D4) or the whole column (Accounts[ACV])`
        : error.message,
    };
  }
}

/**
 * What a formula copied from a workbook refers to that --data does not give:
 * another sheet, a defined name, a table. Said as such, where the engine
 * would pass a bare #REF! or #NAME? to the CS function ("ACV is #NAME?").
 */
function outsideData(
  formula: string,
  sheetName: string | undefined,
  tables: readonly ExcelTable[] = []
): EngineError | undefined {
  // Error literals (#N/A, #REF!) are neither names nor sheets.
  const pieces = splitFormula(formula).map((p) =>
    p.kind === "code"
      ? { ...p, text: p.text.replace(ERROR_LITERAL, (m) => " ".repeat(m.length)) }
      : p
  );
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    const next = pieces[i + 1];
    const sheets: string[] = [];
    if (piece.kind === "sheet" && next?.kind === "code" && next.text.startsWith("!"))
      sheets.push(piece.text.slice(1, -1).replace(/''/g, "'"));
    if (piece.kind === "code")
      for (const m of piece.text.matchAll(/(?<![\p{L}\p{N}_.\\#])([\p{L}\p{N}_.\\]+)!/gu))
        sheets.push(m[1]);
    for (const sheet of sheets)
      if (sheet.toLowerCase() !== sheetName?.toLowerCase())
        return {
          error: "#REF!",
          message:
            sheetName === undefined
              ? `--data gives the formulas one sheet without a name (a CSV); this formula refers to the sheet ${JSON.stringify(sheet)}. Write the cells without a sheet name`
              : `--data gives the formulas one worksheet, ${JSON.stringify(sheetName)}; this formula refers to the sheet ${JSON.stringify(sheet)}. Read that sheet with --sheet ${JSON.stringify(sheet)}, or write the cells without a sheet name`,
        };
    if (piece.kind !== "code") continue;
    const table = /([\p{L}_\\][\p{L}\p{N}_.\\]*)$/u.exec(piece.text);
    if (table && next?.kind === "bracket")
      return {
        error: "#NAME?",
        message:
          sheetName === undefined
            ? `eval does not know the table ${JSON.stringify(table[1])}: a CSV has no tables. Write the cells it stands for, such as B2:B100`
            : `the workbook has no table ${JSON.stringify(table[1])} (${tables.length === 0 ? "it has no tables" : `its tables: ${tables.map((t) => JSON.stringify(t.name)).join(", ")}`})`,
      };
    for (const m of piece.text.matchAll(
      /(?<![\p{L}\p{N}_.$\\!:#])([\p{L}_\\][\p{L}\p{N}_.\\]*)(?![\p{L}\p{N}_.\\!:[$#]|\s*\()/gu
    )) {
      const name = m[1];
      if (/^[A-Za-z]{1,3}\d{1,7}$/.test(name) || /^(TRUE|FALSE)$/i.test(name)) continue;
      if (next?.kind === "bracket" && m.index + name.length === piece.text.length) continue;
      return {
        error: "#NAME?",
        message: `eval does not know the name ${JSON.stringify(name)}: ${BEYOND_DATA}`,
      };
    }
  }
  return undefined;
}

interface EvalOptions {
  data?: string;
  sheet?: string;
  locale?: string;
  assumptions?: string;
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
  const assumptions = effectiveAssumptions(options, io);
  const tables = await dataTables(options.data, formulas);
  const written = formulas.map((f) => withTableCells(f, tables));
  const data = await readData(
    options.data,
    written.filter((f): f is string => typeof f === "string"),
    options,
    io
  );
  const engine = new CsEngine({
    catalog: catalog(),
    assumptions,
    sheet: data.rows,
    ...(data.sheetName === undefined ? {} : { sheetName: data.sheetName }),
  });
  try {
    for (const formula of written) {
      const value =
        typeof formula !== "string"
          ? formula
          : ((options.data === undefined
              ? undefined
              : outsideData(formula, data.sheetName, tables)) ??
            engine.evaluate(quoteSheetNames(formula)));
      io.out(options.json ? toJson(value) : toPlain(value));
    }
  } finally {
    engine.destroy();
  }
}

interface PlanOptions {
  output?: string;
  acvColumn?: string;
  sheet?: string;
  locale?: string;
  assumptions?: string;
  preset?: string;
  set: string[];
  json?: boolean;
  rowsAreAccounts?: boolean;
  allStatuses?: boolean;
}

async function runPlan(
  file: string,
  options: PlanOptions,
  io: Io,
  catalog: () => Catalog
): Promise<void> {
  const assumptions = effectiveAssumptions(options, io);
  try {
    await runPlanCommand(
      file,
      { ...options, locale: localeOption(options.locale) },
      assumptions,
      catalog(),
      {
        out: io.out,
        progress: io.progress === true,
      }
    );
  } catch (error) {
    if (error instanceof PlanError) throw new UsageError(error.message);
    throw error;
  }
}

interface RecalcOptions {
  output?: string;
  inPlace?: boolean;
  assumptions?: string;
  verbose?: boolean;
}

async function runRecalc(
  file: string,
  options: RecalcOptions,
  io: Io,
  catalog: () => Catalog
): Promise<void> {
  const assumptions = effectiveAssumptions({ assumptions: options.assumptions }, io);
  try {
    const result = await recalcWorkbook(
      file,
      {
        output: options.output,
        inPlace: options.inPlace === true,
        assumptionsGiven: options.assumptions !== undefined,
      },
      assumptions,
      catalog()
    );
    renderRecalc(result).forEach((line) => io.out(line));
  } catch (error) {
    if (error instanceof RecalcError) {
      if (options.verbose && error.detail) io.err(`cs-coverage: detail: ${error.detail}`);
      throw new UsageError(error.message);
    }
    if (options.verbose && error instanceof Error && error.stack) io.err(error.stack);
    throw error;
  }
}

interface AssumptionsOptions {
  preset?: string;
  assumptions?: string;
  set: string[];
  json?: boolean;
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
    .option(
      "--data <file>",
      "a .csv or .xlsx (or .tsv/.txt, .xlsm) the formulas see as their sheet (CSV header = row 1)"
    )
    .option(
      "--sheet <name|n>",
      "the --data .xlsx worksheet, by name or position (default: the first visible one)"
    )
    .option(
      "--locale <tag>",
      "how --data writes numbers and dates when its columns read two ways, e.g. en-US, de-DE"
    )
    .option("--assumptions <file>", "assumptions from an export file (the task pane's format)")
    .option("--set <key=value>", "set one assumption for this run (repeatable)", collect, [])
    .option("--json", "print each result as one JSON value")
    .action((formulas: string[], options: EvalOptions) => runEval(formulas, options, io, catalog));
  program
    .command("assumptions")
    .description(
      "Print the assumptions (the default set, a preset, or an export file) with their sources."
    )
    .option("--preset <name>", "start from a preset: tiered-2027, vitally-2024, capacity-model")
    .option("--assumptions <file>", "start from an export file instead")
    .option("--set <key=value>", "set one assumption (repeatable)", collect, [])
    .option("--json", "print the export file that --assumptions and the task pane read")
    .action((options: AssumptionsOptions) => {
      const assumptions = effectiveAssumptions(options, io);
      if (options.json) io.out(exportAssumptions(assumptions).trimEnd());
      else renderAssumptions(assumptions).forEach((line) => io.out(line));
    });
  program
    .command("plan")
    .description(
      "Build the coverage-plan workbook from a CRM export (.csv or .xlsx; also .tsv/.txt and .xlsm) and print its summary."
    )
    .argument(
      "<export>",
      "the CRM export: a .csv, or an .xlsx (its first sheet with an account table)"
    )
    .option("-o, --output <file>", "the plan workbook to write", "coverage-plan.xlsx")
    .option("--sheet <name|n>", "the .xlsx worksheet to read, by name or position (1 = first)")
    .option(
      "--locale <tag>",
      "how the export writes numbers and dates when its columns read two ways, e.g. en-US, de-DE, fr-FR, en-GB"
    )
    .option(
      "--acv-column <name>",
      "the column that holds ACV/ARR (naming an MRR column confirms x12)"
    )
    .option("--assumptions <file>", "assumptions from an export file (the task pane's format)")
    .option("--preset <name>", "start from a preset: tiered-2027, vitally-2024, capacity-model")
    .option(
      "--set <key=value>",
      "set one assumption for this run (repeatable), e.g. --set fx.EUR=1.08",
      collect,
      []
    )
    .option(
      "--rows-are-accounts",
      "each row is its own account: rows with the same account ID or name are not combined"
    )
    .option(
      "--all-statuses",
      "plan every row whatever its status or contract end date: leads, prospects, churned and ended contracts included, and an account's renewals added up (default: customers' contracts in force only)"
    )
    .option("--json", "print the plan as one JSON document (exact values)")
    .action((file: string, options: PlanOptions) => runPlan(file, options, io, catalog));
  program
    .command("recalc")
    .description(
      "Recompute the CS.* formulas of a workbook (and the formulas that use them) and write their new cached values; every other part of the file is copied unchanged. Without -o or --in-place it writes NAME.recalc.xlsx beside the input."
    )
    .argument("<workbook>", "an .xlsx with CS formulas")
    .option(
      "-o, --output <file>",
      "the workbook to write (default: NAME.recalc.xlsx beside the input)"
    )
    .option("--in-place", "overwrite the input (through a temporary file and a rename)")
    .option("--assumptions <file>", "assumptions from an export file (the task pane's format)")
    .option("--verbose", "on a refusal, also print the underlying error")
    .action((file: string, options: RecalcOptions) => runRecalc(file, options, io, catalog));
  return program;
}

/** `cs-coverage assumptions | head` closes stdout early: stop quietly, not with a stack trace. */
function quietOnClosedPipe(): void {
  if (process.stdout.listenerCount("error") > 0) return;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

/** With CS_COVERAGE_REPORT_RSS=1, one line on stderr: the peak resident memory (scripts/bench-memory.js). */
function reportPeakMemory(io: Io): void {
  if (process.env.CS_COVERAGE_REPORT_RSS !== "1") return;
  // maxRSS is in kilobytes.
  const mib = process.resourceUsage().maxRSS / 1024;
  io.err(`cs-coverage: peak RSS ${mib.toFixed(0)} MiB`);
}

/** Runs the command line; returns the exit code. */
export async function main(
  argv: readonly string[],
  io: Io = processIo,
  catalog: () => Catalog = loadBuiltCatalog
): Promise<number> {
  if (io === processIo) quietOnClosedPipe();
  const program = buildProgram(io, catalog);
  try {
    await program.parseAsync([...argv], { from: "user" });
    reportPeakMemory(io);
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
