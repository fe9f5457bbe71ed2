/**
 * `cs-coverage plan EXPORT -o PLAN.xlsx`: the coverage-plan workbook from a
 * CRM export (CLI.md), the same layout the task pane builds, written with
 * formulas and their cached values; a summary table on stdout, or one JSON
 * document with --json (exact values, not rounded).
 */
import { promises as fs } from "fs";
import path from "path";
import { SingleBar } from "cli-progress";
import { Assumptions } from "../core/assumptions/types";
import { excelSerialFromYmd } from "../core/dates";
import { fmt } from "../core/errors";
import { Catalog } from "../engine/catalog";
import { EngineScalar } from "../engine/engine";
import { findHeaderRow, headerNamesAccounts, headerScale, questionMessage } from "../plan/columns";
import { ExportLocale, localeQuestionMessage } from "../plan/locale";
import { buildLayout, PlanInput, PlanLayout, SHEETS } from "../plan/layout";
import { preparePlan } from "../plan/prepare";
import { formatMoney } from "../plan/currency";
import { FormulaCells } from "../plan/formula-cells";
import { CellFormats, readFormattedNumber } from "../plan/number-formats";
import { describeReconciliation, Reconciliation } from "../plan/reconcile";
import { describeSkipped, SKIPPED_SHOWN, SkippedRow } from "../plan/rows";
import { hiddenRowsWarning } from "../plan/reading";

export { hiddenRowsWarning };
import { DataFileError, loadExport, LoadedSheet } from "./data";
import { computePlanValues, PlanValues } from "./plan-engine";
import { writePlanWorkbook } from "./xlsx-rows";

export interface PlanTierSummary {
  tier: string;
  accounts: number;
  arr: number | null;
  csms: number;
  ams: number;
  tams: number;
}

export interface PlanSummary {
  tiers: PlanTierSummary[];
  total: Omit<PlanTierSummary, "tier">;
  skipped: SkippedRow[];
  /** Rows read, planned, combined, set aside and skipped; ARR in the file and planned; quality and cost. */
  reconciliation?: Reconciliation;
  /** Rows set aside as report furniture (totals, counts, grouping and footer lines). */
  setAside: number;
  /** Where the export disagrees with itself (its stated record count or grand total). */
  warnings: string[];
  /** The .xlsx worksheet read, and the line that says so. */
  sheet?: string;
  sheetNote?: string;
}

/** 'read sheet "Accounts" (2 of 3; the others: "Summary", "Notes" (hidden))'. */
function describeSheet(sheet: { name: string; names: string[]; hiddenNames: string[] }): string {
  const named = (n: string): string =>
    sheet.hiddenNames.includes(n) ? `${JSON.stringify(n)} (hidden)` : JSON.stringify(n);
  const others = sheet.names.filter((n) => n !== sheet.name);
  const at = sheet.names.indexOf(sheet.name) + 1;
  const read = `read sheet ${JSON.stringify(sheet.name)}${sheet.hiddenNames.includes(sheet.name) ? ", a hidden sheet" : ""}`;
  return others.length === 0
    ? `${read} (the workbook's only sheet)`
    : `${read} (${at} of ${sheet.names.length}; the others: ${others.map(named).join(", ")}); choose another with --sheet`;
}

/** A plan the command cannot make: one line for stderr, exit 2. */
export class PlanError extends Error {}

/** Today's date (local calendar day) as an Excel serial: the default as-of date. */
export function todaySerial(now = new Date()): number {
  return excelSerialFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

function numberOr(value: EngineScalar, what: string): number {
  if (typeof value === "number") return value;
  const shown =
    value !== null && typeof value === "object" ? `${value.error} ${value.message}` : String(value);
  throw new PlanError(`the plan's ${what} did not compute (${shown})`);
}

/** The plan's numbers, read back from the engine: the very cells the workbook caches. */
export function summarize(values: PlanValues, layout: PlanLayout, input: PlanInput): PlanSummary {
  const tiers = input.assumptions.tiers.length;
  // The CS.COVERAGE_PLAN spill on CS Plan: its header, then one row per tier, then Total.
  const at = layout.coveragePlan;
  const block = values.block(SHEETS.plan, at.row + 1, at.col, tiers + 1, 6);
  const line = (row: EngineScalar[], label: string) => ({
    accounts: numberOr(row[1], `${label} accounts`),
    arr: row[2] === null ? null : numberOr(row[2], `${label} ARR`),
    csms: numberOr(row[3], `${label} CSMs`),
    ams: numberOr(row[4], `${label} AMs`),
    tams: numberOr(row[5], `${label} TAMs`),
  });
  return {
    tiers: block
      .slice(0, tiers)
      .map((row) => ({ tier: String(row[0]), ...line(row, String(row[0])) })),
    total: line(block[tiers], "total"),
    skipped: input.accounts.skipped,
    ...(input.reconciliation ? { reconciliation: input.reconciliation } : {}),
    setAside: input.reading?.setAside ?? 0,
    warnings: input.reading?.warnings ?? [],
  };
}

/** How the ACV was made from its column, when not taken as it is. */
function acvNote(input: PlanInput): string {
  const { columns } = input;
  const notes: string[] = [];
  const scale = headerScale(columns.headers[columns.acv] ?? "");
  if (scale !== null) notes.push(`in ${scale.unit}, as its header says`);
  if (columns.acvIsMrr) notes.push("MRR x 12, as confirmed");
  else if (columns.acvIsTcv)
    notes.push(
      columns.term !== null
        ? `a contract value x 12 / ${JSON.stringify(columns.headers[columns.term])} in months, as confirmed`
        : "a contract value taken as a year's, as confirmed"
    );
  return notes.length === 0 ? "" : ` (${notes.join("; ")})`;
}

const pad = (text: string, width: number, right: boolean) =>
  right ? text.padStart(width) : text.padEnd(width);

/** The summary for people: rounded (ARR to dollars, headcount to 0.1), aligned. */
export function renderSummary(summary: PlanSummary, input: PlanInput, output: string): string[] {
  const header = ["Tier", "Accounts", "ARR", "CSMs", "AMs", "TAMs"];
  const currency = input.assumptions.currency;
  const money = (v: number | null) => (v === null ? "" : formatMoney(v, currency));
  const people = (v: number) =>
    v.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const row = (label: string, t: Omit<PlanTierSummary, "tier">) => [
    label,
    fmt(t.accounts),
    money(t.arr),
    people(t.csms),
    people(t.ams),
    people(t.tams),
  ];
  const table = [header, ...summary.tiers.map((t) => row(t.tier, t)), row("Total", summary.total)];
  const widths = header.map((_, c) => Math.max(...table.map((r) => r[c].length)));
  const lines = table.map((r) => r.map((cell, c) => pad(cell, widths[c], c > 0)).join("  "));
  const acv = input.columns.headers[input.columns.acv];
  const out = [
    `Coverage plan written to ${output}`,
    `${fmt(summary.total.accounts)} accounts from ${input.source}; ACV from column ${JSON.stringify(acv)}${acvNote(input)}; amounts in ${currency}`,
    ...readingLines(summary, input),
    "",
    ...lines,
  ];
  if (summary.reconciliation)
    out.push(
      "",
      ...describeReconciliation(summary.reconciliation, (v) => formatMoney(v, currency))
    );
  const skipped = summary.skipped;
  if (skipped.length > 0) {
    out.push(
      "",
      `${fmt(skipped.length)} rows left out of the plan (listed on the ${SHEETS.skipped} sheet):`
    );
    for (const s of skipped.slice(0, SKIPPED_SHOWN)) out.push(`  ${describeSkipped(s)}`);
    if (skipped.length > SKIPPED_SHOWN)
      out.push(
        `  …and ${fmt(skipped.length - SKIPPED_SHOWN)} more (all in the workbook and in --json)`
      );
  }
  return out;
}

/** Which sheet was read, the header row, furniture set aside, and the export's own figures that disagree. */
function readingLines(summary: PlanSummary, input: PlanInput): string[] {
  const lines: string[] = [];
  if (summary.sheetNote !== undefined) lines.push(summary.sheetNote);
  if (input.columns.headerRow > 0)
    lines.push(
      `header row found on row ${fmt(input.columns.headerRow + 1)} (the lines above it are the report's title and filters)`
    );
  const note = input.reading?.setAsideNote;
  if (note) lines.push(note);
  for (const warning of summary.warnings) lines.push(`warning: ${warning}`);
  return lines;
}

export interface PlanCommandOptions {
  output?: string;
  acvColumn?: string;
  json?: boolean;
  /** Each row is its own account (no combining by account ID or name). */
  rowsAreAccounts?: boolean;
  /** Plan leads, prospects, churned... too. */
  allStatuses?: boolean;
  /** --sheet: an .xlsx worksheet by name or 1-based position. */
  sheet?: string;
  locale?: ExportLocale;
}

export interface PlanIo {
  out: (line: string) => void;
  /** Whether to draw a progress bar on stderr (a terminal). */
  progress: boolean;
}

async function readExport(
  file: string,
  sheet: string | undefined,
  acvColumn: string | undefined,
  formats: CellFormats,
  formulas: FormulaCells
): Promise<LoadedSheet> {
  try {
    return await loadExport(file, {
      localeAware: true,
      numberFormats: {
        read: (value, numFmt, row, col) => readFormattedNumber(value, numFmt, row, col, formats),
        startSheet: () => {
          formats.clear();
          formulas.clear();
        },
      },
      formulas: (formula, row, col, calculated) => formulas.seen(formula, row, col, calculated),
      // Without --sheet: the first sheet with an account table (the --acv-column header when named).
      ...(sheet !== undefined
        ? { sheet }
        : {
            // A sheet that names its accounts wins over an earlier summary by segment or owner.
            accept: (rows) => {
              const header = findHeaderRow(rows, acvColumn);
              if (header === null) return 0;
              return headerNamesAccounts(header.headers) ? 2 : 1;
            },
          }),
    });
  } catch (error) {
    if (error instanceof DataFileError) throw new PlanError(error.message);
    throw error;
  }
}

/** Why the plan could not be written, in one line (exit 2), or the error itself when it is not about the file. */
export function writeError(output: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const folder = path.dirname(path.resolve(output));
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return new PlanError(`-o ${output}: the folder ${folder} does not exist; create it first`);
    case "EACCES":
    case "EROFS":
      return new PlanError(
        `-o ${output}: cannot write there (${code}: the folder or file is read-only)`
      );
    case "EPERM":
    case "EBUSY":
      return new PlanError(
        `-o ${output}: cannot replace the file (${code}: it is read-only, or open in another program such as Excel; close it and run again)`
      );
    case "EISDIR":
      return new PlanError(`-o ${output}: that is a folder; give a file name ending in .xlsx`);
    case "ENOSPC":
      return new PlanError(`-o ${output}: the disk is full`);
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}

/** Checks before any work that the plan can go where -o says: an existing folder, not a folder itself. */
async function checkOutput(output: string): Promise<void> {
  const folder = path.dirname(path.resolve(output));
  const stat = await fs.stat(folder).catch(() => null);
  if (stat === null)
    throw new PlanError(`-o ${output}: the folder ${folder} does not exist; create it first`);
  if (!stat.isDirectory()) throw new PlanError(`-o ${output}: ${folder} is a file, not a folder`);
  const existing = await fs.stat(output).catch(() => null);
  if (existing?.isDirectory())
    throw new PlanError(`-o ${output}: that is a folder; give a file name ending in .xlsx`);
}

/** Runs the plan command; PlanError for anything the user must fix. */
export async function runPlanCommand(
  file: string,
  options: PlanCommandOptions,
  assumptions: Assumptions,
  catalog: Catalog,
  io: PlanIo,
  asOf = todaySerial()
): Promise<PlanSummary> {
  const output = options.output ?? "coverage-plan.xlsx";
  if (path.extname(output).toLowerCase() !== ".xlsx")
    throw new PlanError(
      `-o ${output}: the plan is an Excel workbook; give the file an .xlsx extension`
    );
  if (path.resolve(output) === path.resolve(file))
    throw new PlanError(`-o ${output}: that is the export itself; write the plan to another file`);
  await checkOutput(output);
  // What the .xlsx's number formats say: amounts' currencies, identifiers' zeros.
  const numberFormats = new CellFormats();
  // Formulas that total a column (a table's totals row without its "Total" label), or were never calculated.
  const formulas = new FormulaCells();
  const loaded = await readExport(file, options.sheet, options.acvColumn, numberFormats, formulas);
  const sheetNote = loaded.sheet === undefined ? undefined : describeSheet(loaded.sheet);
  const prepared = preparePlan(loaded.rows, {
    acvColumn: options.acvColumn,
    assumptions,
    asOf,
    source:
      loaded.sheet === undefined
        ? path.basename(file)
        : `${path.basename(file)} (sheet "${loaded.sheet.name}")`,
    ...(options.locale ? { locale: options.locale } : {}),
    ...(loaded.delimiter ? { delimiter: loaded.delimiter } : {}),
    rowsAreAccounts: options.rowsAreAccounts,
    allStatuses: options.allStatuses,
    ...(numberFormats.size > 0 ? { numberFormats } : {}),
    ...(formulas.totals.size > 0 ? { totalFormulas: formulas.totals } : {}),
    ...(formulas.uncalculated.size > 0 ? { uncalculated: formulas.uncalculated } : {}),
    ...(loaded.sheet !== undefined && loaded.sheet.merges.length > 0
      ? { merges: loaded.sheet.merges }
      : {}),
  });
  if (!prepared.ok) {
    if ("question" in prepared) throw new PlanError(questionMessage(prepared.question));
    if ("localeQuestion" in prepared)
      throw new PlanError(`${file}: ${localeQuestionMessage(prepared.localeQuestion)}`);
    const where =
      sheetNote === undefined || loaded.sheet?.names.length === 1 ? "" : ` (${sheetNote})`;
    throw new PlanError(`${file}: ${prepared.error}${where}`);
  }
  const input = prepared.input;
  const bar = io.progress
    ? new SingleBar({
        format: "cs-coverage plan [{bar}] {percentage}% | {value}/{total} accounts written",
        stream: process.stderr,
        clearOnComplete: true,
        hideCursor: true,
      })
    : null;
  const layout = buildLayout(input);
  const values = computePlanValues(layout, input, catalog, assumptions);
  const temporary = path.join(path.dirname(output), `.${path.basename(output)}.${process.pid}.tmp`);
  try {
    const planned = summarize(values, layout, input);
    const hidden = hiddenRowsWarning(loaded.sheet?.hiddenRows ?? []);
    const summary = {
      ...planned,
      ...(hidden === undefined ? {} : { warnings: [...planned.warnings, hidden] }),
      ...(sheetNote ? { sheetNote, sheet: loaded.sheet?.name } : {}),
    };
    bar?.start(layout.accounts, 0);
    try {
      // Made first, so a folder that cannot take the file fails here with its reason
      // (ExcelJS's own stream would fail later, without rejecting its promise).
      await fs.writeFile(temporary, "");
      await writePlanWorkbook(temporary, layout, input, values, (done) => bar?.update(done));
    } catch (error) {
      throw writeError(output, error);
    } finally {
      bar?.stop();
    }
    try {
      await fs.rename(temporary, output);
    } catch (error) {
      throw writeError(output, error);
    }
    if (options.json) io.out(JSON.stringify(summary));
    else renderSummary(summary, input, output).forEach((line) => io.out(line));
    return summary;
  } finally {
    values.destroy();
    await fs.rm(temporary, { force: true });
  }
}
