/**
 * "Build coverage plan" and "Repair CS formulas" in Excel (Office.js).
 *
 * buildCoveragePlan reads the selected CRM export, finds its columns (asking
 * when the ACV column is ambiguous or only MRR exists), and writes the layout
 * of src/plan/layout.ts: the same sheets, formulas and table the CLI writes,
 * plus native charts. Large exports are written in chunks of rows, one
 * context.sync per chunk (never one per cell), reporting progress. A rebuild
 * replaces the CS sheets it made before, and only once the new plan is
 * written: the earlier ones are renamed aside and hidden meanwhile, so a
 * Cancel or a failure puts them back as they were.
 *
 * repairCsFormulas re-enters the CS formulas Excel could not bind: a workbook
 * opened while the add-in was not loaded keeps showing #NAME? (and the stored
 * name _xldudf_CS_TIER) even after the add-in loads.
 */
import { Assumptions } from "../core/assumptions/types";
import { COVERAGE_PLAN_HEADER } from "../core/coverage-plan";
import { excelSerialFromYmd } from "../core/dates";
import { HIRING_PLAN_HEADER } from "../core/hiring";
import { inPaneWords, PaneActionMessages } from "./messages";
import { ColumnQuestion, ExportCell } from "../plan/columns";
import { fromFileFormula, hasFileCsCall } from "../plan/file-formulas";
import {
  a1,
  ACCOUNTS_TABLE,
  accountValues,
  CellFormat,
  columnLetter,
  LayoutSheet,
  PLAN_SHEET_NAMES,
  PlanLayout,
  SHEETS,
  SPILL_FORMATS,
  buildLayout,
  PlanInput,
} from "../plan/layout";
import { formatMoney } from "../plan/currency";
import { localeFromTag, LocaleQuestion, localeQuestionText } from "../plan/locale";
import { CellFormats, planNumberFormats, readFormattedNumber } from "../plan/number-formats";
import { preparePlan } from "../plan/prepare";
import { hiddenRowsWarning } from "../plan/reading";
import { Reconciliation } from "../plan/reconcile";
import { SkippedRow } from "../plan/rows";
import { ColumnEvidence, columnEvidence } from "./evidence";
import { PAYLOAD_BUDGET_BYTES, payloadBytes, readRowChunks } from "./excel-limits";
import { isCsFormula, reenterFormulas, RowProgress } from "./recalc";

/** Excel number formats of the layout's formats, money in the plan's currency (as in the CLI's file). */
type NumberFormats = Record<CellFormat, string>;

export interface BuildPlanOptions {
  assumptions: Assumptions;
  /**
   * Asked when the ACV column cannot be chosen alone: several candidates
   * ("ambiguous"), or only MRR columns ("mrr": choosing one confirms x12).
   * Resolve with the chosen header, or null to cancel the build.
   */
  askAcvColumn: (question: ColumnQuestion, evidence: ColumnEvidence[]) => Promise<string | null>;
  /**
   * Asked when a column the plan reads (ACV, last activity) reads two ways
   * ("80.000": 80 or 80,000; "01/02/2026"): resolve with the chosen choice's
   * locale tag, or null to cancel. Without it the build stops with the question as its message.
   */
  askLocale?: (question: LocaleQuestion) => Promise<string | null>;
  /**
   * The pane's Cancel: asked before anything is written and after each chunk.
   * A cancelled build deletes the sheets it added, so a first build leaves the
   * workbook as it was.
   */
  isCancelled?: () => boolean;
  /** Called after each chunk of account rows: rows written so far, and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Account rows per context.sync (default 2,000). */
  chunkRows?: number;
  /** The as-of date for coverage quality, an Excel serial (default: today). */
  asOf?: number;
  /** Each row is its own account (no combining by account ID or name). */
  rowsAreAccounts?: boolean;
  /** Plan every status (leads, prospects, churned...), not only customers. */
  allStatuses?: boolean;
}

export type BuildPlanResult =
  | {
      built: true;
      accounts: number;
      skipped: SkippedRow[];
      sheets: string[];
      /** What was built, then the reconciliation in one line (the command line's wording). */
      message: string;
      /** What was built, set aside and warned about, without the figures the pane shows in a block. */
      headline: string;
      /** Rows read, planned, combined, set aside, skipped; ARR in the file and planned; quality, cost. */
      reconciliation?: Reconciliation;
      /** The planned accounts' ACVs, for the pane's impact line. */
      acvs: Float64Array;
      /** Rows set aside as report furniture (totals, footers...). */
      setAside: number;
      /** The export's own record count or grand total disagreeing with what was read. */
      warnings: string[];
    }
  | { built: false; message: string; skipped?: SkippedRow[]; cancelled?: boolean };

/** Thrown between chunks when the user cancels; caught by buildCoveragePlan. */
class BuildCancelled extends Error {}

const DEFAULT_CHUNK = 2000;

/** An Excel cell value as the plan reads it: "" is a blank. */
function exportCell(value: unknown): ExportCell {
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  return String(value);
}

/**
 * A value to write back as it was. Text that Excel would re-read as a number,
 * date or formula ("$80,000", "1/2/2026", "=x") gets the invisible leading
 * apostrophe, so the export's text stays text.
 */
export function writableValue(value: ExportCell | undefined): string | number | boolean {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return value;
  return /^[\s\d$(+\-=@.'%]/.test(value) || /^(true|false)$/i.test(value) ? `'${value}` : value;
}

function today(): number {
  const now = new Date();
  return excelSerialFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/**
 * The export the user selected: the selection, or the used range of its
 * sheet when one cell is selected. Its values are read a chunk of rows at a
 * time (a 100,000-row export in one read is over Excel on the web's limits).
 */
async function readSelection(context: Excel.RequestContext): Promise<{
  rows: ExportCell[][];
  firstRow: number;
  source: string;
  numberFormats: CellFormats;
  hiddenRows: number[];
  merges: MergedArea[];
}> {
  let range = context.workbook.getSelectedRange();
  range.load("rowIndex, columnIndex, rowCount, columnCount, address, rowHidden");
  await context.sync();
  if (range.rowCount === 1 && range.columnCount === 1) {
    range = range.worksheet.getUsedRange(true);
    range.load("rowIndex, columnIndex, rowCount, columnCount, address, rowHidden");
    await context.sync();
  }
  const whole = range;
  const rows: ExportCell[][] = [];
  const area = {
    rows: whole.rowCount,
    cols: whole.columnCount,
    range: (start: number, count: number) =>
      whole.getCell(start, 0).getResizedRange(count - 1, whole.columnCount - 1),
  };
  // Number formats too: a euro-formatted amount is euros, a "000000" identifier keeps its zeros.
  const numberFormats = new CellFormats();
  await readRowChunks(context, area, ["values", "numberFormat"], (_start, [values, formats]) => {
    values.forEach((line, r) => {
      const lineFormats = formats[r] as unknown[];
      const at = rows.length;
      rows.push(
        line.map((value, c) =>
          typeof value === "number" && typeof lineFormats[c] === "string"
            ? readFormattedNumber(value, lineFormats[c] as string, at, c, numberFormats)
            : exportCell(value)
        )
      );
    });
  });
  // rowHidden is false when no row is hidden (the usual case: nothing more to read).
  const hiddenRows = whole.rowHidden === false ? [] : await hiddenRowNumbers(context, whole);
  const merges = await mergedAreas(context, whole);
  return {
    rows,
    firstRow: whole.rowIndex + 1,
    source: whole.address,
    numberFormats,
    hiddenRows,
    merges,
  };
}

/** A merged area as the builder takes it: sheet rows (1-based), columns from the range's first (1-based). */
interface MergedArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * The merged areas inside the range (an account name merged down over its
 * contract rows: Excel shows it on each, the range's values hold it in the top
 * row only), as the command reads an .xlsx's. None where Excel cannot say
 * (getMergedAreasOrNullObject is ExcelApi 1.13).
 */
async function mergedAreas(
  context: Excel.RequestContext,
  range: Excel.Range
): Promise<MergedArea[]> {
  if (typeof range.getMergedAreasOrNullObject !== "function") return [];
  const merged = range.getMergedAreasOrNullObject();
  merged.load("areaCount");
  await context.sync();
  if (merged.isNullObject || merged.areaCount === 0) return [];
  const areas = merged.areas;
  areas.load("items/rowIndex, items/columnIndex, items/rowCount, items/columnCount");
  await context.sync();
  return areas.items.map((area) => ({
    top: area.rowIndex + 1,
    left: area.columnIndex - range.columnIndex + 1,
    bottom: area.rowIndex + area.rowCount,
    right: area.columnIndex - range.columnIndex + area.columnCount,
  }));
}

/** Rows of the visible-cells reads: one address each, well within a request's 5 MB. */
const VISIBLE_ROWS_PER_READ = 50_000;

/**
 * The sheet's row numbers (1-based) of the range's hidden rows: filtered out,
 * collapsed or hidden by hand. Read as the addresses of the first column's
 * visible cells, a chunk of rows at a time; the rows not among them are hidden.
 */
async function hiddenRowNumbers(
  context: Excel.RequestContext,
  range: Excel.Range
): Promise<number[]> {
  const visible = new Set<number>();
  for (let start = 0; start < range.rowCount; start += VISIBLE_ROWS_PER_READ) {
    const count = Math.min(VISIBLE_ROWS_PER_READ, range.rowCount - start);
    const view = range
      .getCell(start, 0)
      .getResizedRange(count - 1, 0)
      .getVisibleView();
    view.load("cellAddresses");
    // One sync per chunk on purpose: a million addresses in one response would exceed Excel's limits.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    for (const line of view.cellAddresses as unknown[][])
      for (const address of line) {
        const row = /(\d+)$/.exec(String(address));
        if (row) visible.add(Number(row[1]));
      }
  }
  const hidden: number[] = [];
  for (let row = range.rowIndex + 1; row <= range.rowIndex + range.rowCount; row++)
    if (!visible.has(row)) hidden.push(row);
  return hidden;
}

/** An earlier plan's sheet, renamed aside and hidden while the new plan is written. */
interface AsideSheet {
  name: string;
  aside: string;
  visibility: Excel.SheetVisibility | "Visible" | "Hidden" | "VeryHidden";
  position: number;
}

/** What a rebuild put aside, so a Cancel or a failure can put it back. */
interface Aside {
  sheets: AsideSheet[];
  /** The earlier accounts table renamed (table names are unique in a workbook). */
  table: { name: string; aside: string } | null;
  /** The sheet that was active, shown again after a restore. */
  active: string;
  /** Whether every rename went through (then any sheet with a plan name is a new one). */
  complete: boolean;
}

/** Excel's longest sheet name. */
const SHEET_NAME_MAX = 31;

/** A name no sheet has yet (Excel compares sheet names without case). */
function freeName(base: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : ` ${n}`;
    const name = base.slice(0, SHEET_NAME_MAX - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

/**
 * Renames the earlier plan's sheets (and its accounts table) aside, so the
 * new ones can take their names; they are hidden once the new sheets exist
 * (Excel keeps one sheet visible). Two reads and one write, whatever the size.
 */
async function putAside(context: Excel.RequestContext): Promise<Aside> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name, items/visibility, items/position");
  const active = worksheets.getActiveWorksheet();
  active.load("name");
  const table = context.workbook.tables.getItemOrNullObject(ACCOUNTS_TABLE);
  table.load("name");
  await context.sync();
  const taken = new Set(worksheets.items.map((s) => s.name.toLowerCase()));
  const earlier = worksheets.items.filter((s) => PLAN_SHEET_NAMES.includes(s.name));
  const aside: Aside = { sheets: [], table: null, active: active.name, complete: false };
  let tableOnPlanSheet = false;
  if (!table.isNullObject) {
    const sheet = table.worksheet;
    sheet.load("name");
    await context.sync();
    tableOnPlanSheet = PLAN_SHEET_NAMES.includes(sheet.name);
  }
  if (earlier.length === 0 && !tableOnPlanSheet) {
    aside.complete = true;
    return aside;
  }
  try {
    for (const sheet of earlier) {
      const record: AsideSheet = {
        name: sheet.name,
        aside: freeName(`${sheet.name} (previous)`, taken),
        visibility: sheet.visibility,
        position: sheet.position,
      };
      aside.sheets.push(record);
      sheet.name = record.aside;
    }
    if (tableOnPlanSheet) {
      aside.table = { name: ACCOUNTS_TABLE, aside: `${ACCOUNTS_TABLE}_previous` };
      table.name = aside.table.aside;
    }
    await context.sync();
  } catch (error) {
    await restoreOrSay(context, aside, error);
  }
  aside.complete = true;
  return aside;
}

/**
 * Puts the workbook back as it was before the build: the sheets the build
 * added are deleted (once every earlier sheet was renamed aside, any sheet
 * with a plan name is a new one), then the earlier sheets get back their
 * names, visibility and order, and the accounts table its name. Works from
 * what the workbook holds now, so a batch that failed half-way is undone too.
 */
async function restore(context: Excel.RequestContext, aside: Aside): Promise<void> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  const tables = context.workbook.tables;
  tables.load("items/name");
  await context.sync();
  const present = new Set(worksheets.items.map((s) => s.name));
  if (aside.complete)
    for (const name of PLAN_SHEET_NAMES) if (present.has(name)) worksheets.getItem(name).delete();
  // The sheets are held by these objects from here on, whatever their names become in the batch.
  const back = new Map<AsideSheet, Excel.Worksheet>();
  for (const sheet of aside.sheets) {
    if (!present.has(sheet.aside)) continue;
    const worksheet = worksheets.getItem(sheet.aside);
    worksheet.name = sheet.name;
    worksheet.visibility = sheet.visibility;
    back.set(sheet, worksheet);
  }
  if (aside.table && tables.items.some((t) => t.name === aside.table!.aside))
    tables.getItem(aside.table.aside).name = aside.table.name;
  // In their old order, lowest first, so each lands where it was.
  for (const [sheet, worksheet] of [...back].sort(([a], [b]) => a.position - b.position))
    worksheet.position = sheet.position;
  const wasActive = [...back].find(([sheet]) => sheet.name === aside.active)?.[1];
  if (wasActive) wasActive.activate();
  else if (present.has(aside.active)) worksheets.getItem(aside.active).activate();
  await context.sync();
}

/**
 * Restores after a Cancel or a failure; rethrows the failure. When the
 * restore itself fails, says where the earlier plan is (hidden, renamed),
 * so nothing is lost without the user knowing.
 */
async function restoreOrSay(
  context: Excel.RequestContext,
  aside: Aside,
  cause: unknown
): Promise<void> {
  try {
    await restore(context, aside);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      PaneActionMessages.notRestored(
        aside.sheets.map((s) => [s.aside, s.name]),
        detail
      )
    );
  }
  if (!(cause instanceof BuildCancelled)) throw cause;
}

/** After a successful build: the earlier plan's sheets go (their table with them). */
async function dropAside(context: Excel.RequestContext, aside: Aside): Promise<string[]> {
  if (aside.sheets.length === 0) return [];
  try {
    for (const sheet of aside.sheets) context.workbook.worksheets.getItem(sheet.aside).delete();
    await context.sync();
    return [];
  } catch {
    // The new plan is complete; the earlier sheets stay hidden rather than lose the new plan.
    return [PaneActionMessages.earlierKept(aside.sheets.map((s) => s.aside))];
  }
}

/** Writes the accounts table in chunks: values, then the CS formula columns, one sync per chunk. */
async function writeAccounts(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  layoutSheet: LayoutSheet,
  input: PlanInput,
  options: BuildPlanOptions
): Promise<void> {
  const table = layoutSheet.table!;
  const columns = table.columns;
  const valueWidth = columns.filter((c) => c.kind !== "formula").length;
  const formulaColumns = columns.slice(valueWidth);
  sheet.getRangeByIndexes(0, 0, 1, columns.length).values = [columns.map((c) => c.header)];
  columns.forEach((column, i) => {
    if (column.kind !== "formula" && column.format !== undefined)
      // One format for the whole column: Office.js applies a single value to every cell of the range.
      sheet.getRangeByIndexes(1, i, table.rowCount, 1).numberFormat = planNumberFormats(
        input.assumptions.currency
      )[column.format] as unknown as string[][];
  });
  const chunk = Math.max(1, options.chunkRows ?? DEFAULT_CHUNK);
  let start = 0;
  while (start < table.rowCount) {
    // At most `chunk` rows, and fewer when they carry more than a batch's budget (long text).
    const values: (string | number | boolean)[][] = [];
    const formulas: string[][] = [];
    let bytes = 0;
    while (start + values.length < table.rowCount && values.length < chunk) {
      if (values.length > 0 && bytes >= PAYLOAD_BUDGET_BYTES) break;
      const account = start + values.length;
      const sheetRow = account + 2;
      const line = accountValues(input, account).map(writableValue);
      const cells = formulaColumns.map((c) =>
        c.kind === "formula" ? `=${c.perRow(sheetRow)}` : ""
      );
      values.push(line);
      formulas.push(cells);
      bytes += payloadBytes(line) + payloadBytes(cells);
    }
    const count = values.length;
    sheet.getRangeByIndexes(start + 1, 0, count, valueWidth).values = values;
    sheet.getRangeByIndexes(start + 1, valueWidth, count, formulaColumns.length).formulas =
      formulas;
    // One sync per chunk on purpose: a 100,000-row export in one request would exceed Excel's payload limit.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    start += count;
    options.onProgress?.(start, table.rowCount);
    if (options.isCancelled?.()) throw new BuildCancelled();
  }
  const address = `A1:${columnLetter(columns.length - 1)}${table.rowCount + 1}`;
  const excelTable = sheet.tables.add(address, true);
  excelTable.name = table.name;
}

/** Writes a small sheet: every cell as a formula or constant, its format and style; spills keep their cells blank. */
function writeSmallSheet(
  sheet: Excel.Worksheet,
  layoutSheet: LayoutSheet,
  formats: NumberFormats
): void {
  for (const cell of layoutSheet.cells) {
    const range = sheet.getRangeByIndexes(cell.row, cell.col, 1, 1);
    if (cell.formula !== undefined) range.formulas = [[`=${cell.formula}`]];
    else range.values = [[writableValue(cell.value ?? null)]];
    if (cell.format) range.numberFormat = [[formats[cell.format]]];
    if (cell.style === "title") {
      range.format.font.bold = true;
      range.format.font.size = 14;
    } else if (cell.style === "heading") {
      range.format.font.bold = true;
      range.format.font.size = 12;
    } else if (cell.style === "header") range.format.font.bold = true;
    else if (cell.style === "note") range.format.font.italic = true;
    else if (cell.style === "input") range.format.fill.color = "#DDEBF7";
    if (cell.spill) {
      // The header row of a spilled table in bold; its columns formatted by header name.
      sheet.getRangeByIndexes(cell.row, cell.col, 1, cell.spill.cols).format.font.bold = true;
    }
  }
  layoutSheet.widths.forEach((width, col) => {
    sheet.getRange(`${columnLetter(col)}:${columnLetter(col)}`).format.columnWidth = width * 7;
  });
}

/** Number formats for the columns of known spilled tables (CS.COVERAGE_PLAN, CS.HIRING_PLAN). */
function formatSpills(
  sheet: Excel.Worksheet,
  layoutSheet: LayoutSheet,
  headers: Map<string, string[]>,
  formats: NumberFormats
): void {
  for (const cell of layoutSheet.cells) {
    const names = cell.spill ? headers.get(a1(cell.row, cell.col)) : undefined;
    if (cell.spill === undefined || names === undefined) continue;
    names.forEach((name, c) => {
      const format = SPILL_FORMATS[name];
      if (format === undefined || cell.spill === undefined) return;
      sheet.getRangeByIndexes(cell.row + 1, cell.col + c, cell.spill.rows - 1, 1).numberFormat =
        Array.from({ length: cell.spill.rows - 1 }, () => [formats[format]]);
    });
  }
}

/** The column headers the plan's spills are known to have (so formats do not wait for Excel to compute). */
function knownSpillHeaders(layout: PlanLayout): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const sheet of layout.sheets) {
    for (const cell of sheet.cells) {
      if (!cell.spill || !cell.formula) continue;
      if (cell.formula.startsWith("CS.COVERAGE_PLAN("))
        headers.set(a1(cell.row, cell.col), [...COVERAGE_PLAN_HEADER]);
      else if (cell.formula.startsWith("CS.HIRING_PLAN("))
        headers.set(a1(cell.row, cell.col), [...HIRING_PLAN_HEADER]);
    }
  }
  return headers;
}

function addCharts(sheet: Excel.Worksheet, layoutSheet: LayoutSheet): void {
  for (const chart of layoutSheet.charts) {
    const values = sheet.getRangeByIndexes(
      chart.values.row,
      chart.values.col,
      chart.values.rows,
      chart.values.cols
    );
    const type = (chart.type === "bar" ? "BarClustered" : "ColumnClustered") as Excel.ChartType;
    const added = sheet.charts.add(type, values, "Columns" as Excel.ChartSeriesBy);
    added.title.text = chart.title;
    const categories = sheet.getRangeByIndexes(
      chart.categories.row,
      chart.categories.col,
      chart.categories.rows,
      chart.categories.cols
    );
    for (let s = 0; s < chart.values.cols; s++)
      added.series.getItemAt(s).setXAxisValues(categories);
    added.setPosition(a1(chart.anchor.row, chart.anchor.col));
  }
}

/**
 * Builds the coverage plan from the selected export. Resolves with what was
 * built, or with why not (nothing selected, no ACV column, cancelled);
 * rejects only when Excel itself fails.
 */
export async function buildCoveragePlan(
  context: Excel.RequestContext,
  options: BuildPlanOptions
): Promise<BuildPlanResult> {
  const { rows, firstRow, source, numberFormats, hiddenRows, merges } =
    await readSelection(context);
  if (rows.length < 2) return { built: false, message: PaneActionMessages.selectionTooSmall() };
  const base = {
    assumptions: options.assumptions,
    asOf: options.asOf ?? today(),
    source,
    firstRowNumber: firstRow,
    rowsAreAccounts: options.rowsAreAccounts,
    allStatuses: options.allStatuses,
    ...(numberFormats.size > 0 ? { numberFormats } : {}),
    ...(merges.length > 0 ? { merges } : {}),
  };
  let prepared = preparePlan(rows, base);
  let acvColumn: string | undefined;
  if (!prepared.ok && "question" in prepared) {
    const answer = await options.askAcvColumn(
      prepared.question,
      columnEvidence(rows, prepared.question.candidates)
    );
    if (answer === null) return { built: false, message: PaneActionMessages.cancelled() };
    acvColumn = answer;
    prepared = preparePlan(rows, { ...base, acvColumn });
  }
  if (!prepared.ok && "localeQuestion" in prepared) {
    const question = prepared.localeQuestion;
    const answer = options.askLocale ? await options.askLocale(question) : undefined;
    if (answer === undefined) return { built: false, message: localeQuestionText(question) };
    if (answer === null) return { built: false, message: PaneActionMessages.cancelled() };
    const locale = localeFromTag(answer);
    if (typeof locale === "string") return { built: false, message: locale };
    prepared = preparePlan(rows, { ...base, ...(acvColumn ? { acvColumn } : {}), locale });
  }
  if (!prepared.ok) {
    if ("question" in prepared) return { built: false, message: PaneActionMessages.cancelled() };
    if ("localeQuestion" in prepared)
      return { built: false, message: localeQuestionText(prepared.localeQuestion) };
    return {
      built: false,
      message: prepared.error,
      ...(prepared.skipped ? { skipped: prepared.skipped } : {}),
    };
  }
  // The CS Skipped rows sheet says why each row is left out in the pane's words.
  const input = {
    ...prepared.input,
    accounts: {
      ...prepared.input.accounts,
      skipped: prepared.input.accounts.skipped.map((s) => ({
        ...s,
        reason: inPaneWords(s.reason),
      })),
    },
  };
  const layout = buildLayout(input);
  if (options.isCancelled?.())
    return { built: false, cancelled: true, message: PaneActionMessages.stopped([]) };

  const aside = await putAside(context);
  const cancelled = () => options.isCancelled?.() === true;
  let dropWarnings: string[];
  try {
    const sheets = new Map<string, Excel.Worksheet>();
    for (const layoutSheet of layout.sheets)
      sheets.set(layoutSheet.name, context.workbook.worksheets.add(layoutSheet.name));
    // Hidden once the new sheets exist: Excel always keeps one sheet visible.
    for (const sheet of aside.sheets)
      context.workbook.worksheets.getItem(sheet.aside).visibility = "Hidden";
    await context.sync();

    // The accounts first: the plan's formulas refer to its columns.
    const accounts = layout.sheets.find((s) => s.name === SHEETS.accounts)!;
    await writeAccounts(context, sheets.get(SHEETS.accounts)!, accounts, input, options);
    if (cancelled()) throw new BuildCancelled();
    const spillHeaders = knownSpillHeaders(layout);
    const formats = planNumberFormats(input.assumptions.currency);
    for (const layoutSheet of layout.sheets) {
      if (layoutSheet.name === SHEETS.accounts) continue;
      const sheet = sheets.get(layoutSheet.name)!;
      writeSmallSheet(sheet, layoutSheet, formats);
      formatSpills(sheet, layoutSheet, spillHeaders, formats);
      addCharts(sheet, layoutSheet);
    }
    sheets.get(SHEETS.plan)?.activate();
    await context.sync();
    if (cancelled()) throw new BuildCancelled();
    dropWarnings = await dropAside(context, aside);
  } catch (error) {
    await restoreOrSay(context, aside, error);
    if (error instanceof BuildCancelled)
      return {
        built: false,
        cancelled: true,
        message: PaneActionMessages.stopped(aside.sheets.map((s) => s.name)),
      };
    throw error;
  }
  const hidden = hiddenRowsWarning(hiddenRows);
  const warnings = [
    ...(input.reading?.warnings ?? []),
    ...(hidden === undefined ? [] : [hidden]),
    ...dropWarnings,
  ];
  const notes = [
    ...(input.reading?.setAsideNote ? [`${input.reading.setAsideNote}.`] : []),
    ...warnings.map((w) => `Warning: ${w}.`),
  ];
  return {
    built: true,
    accounts: layout.accounts,
    skipped: layout.skipped,
    sheets: layout.sheets.map((s) => s.name),
    message: [builtMessage(input), ...notes].join(" "),
    headline: [
      PaneActionMessages.built(input.accounts.rows.length, input.accounts.skipped.length),
      ...notes,
    ].join(" "),
    ...(input.reconciliation ? { reconciliation: input.reconciliation } : {}),
    acvs: input.accounts.acv,
    setAside: input.reading?.setAside ?? 0,
    warnings,
  };
}

/** The end-of-build line: what was built, then how it reconciles with the export. */
function builtMessage(input: PlanInput): string {
  const base = PaneActionMessages.built(input.accounts.rows.length, input.accounts.skipped.length);
  const r = input.reconciliation;
  if (r === undefined) return base;
  const money = (v: number) => formatMoney(v, r.currency);
  const parts = [
    `${r.rowsRead.toLocaleString("en-US")} rows read`,
    ...(r.rowsCombined > 0
      ? [`${r.rowsCombined.toLocaleString("en-US")} combined into accounts listed above them`]
      : []),
    ...(r.rowsUnnamed > 0
      ? [
          `${r.rowsUnnamed.toLocaleString("en-US")} with no account name planned each as its own account`,
        ]
      : []),
    `ARR in the file ${money(r.arrInFile)}, planned ${money(r.arrPlanned)}`,
    ...(r.excludedStatuses.length > 0
      ? [
          `not customers left out: ${r.excludedStatuses.map((s) => `${s.status} ${s.rows}`).join(", ")}`,
        ]
      : []),
    ...(r.unrecognisedStatuses.length > 0
      ? [
          `kept as customers, status not recognised: ${r.unrecognisedStatuses.map((s) => `${s.status} ${s.rows}`).join(", ")}`,
        ]
      : []),
    ...(r.futureTouches > 0
      ? [
          `${r.futureTouches.toLocaleString("en-US")} last activities after today not counted as touches`,
        ]
      : []),
    `coverage quality ${r.coverageQuality === null ? "n/a" : `${(r.coverageQuality * 100).toFixed(1)}%`}`,
    `CS cost ${money(r.csCost)} a year`,
  ];
  return `${base} ${parts.join("; ")}.`;
}

/**
 * The formula a cell needs re-entered, or null: a CS call in its stored
 * form (_xldudf_CS_TIER, shown while the add-in was not loaded), or a CS
 * formula whose value is #NAME? (Excel did not bind it).
 */
export function repairedFormula(formula: unknown, value: unknown): string | null {
  if (typeof formula !== "string" || !formula.startsWith("=")) return null;
  if (hasFileCsCall(formula)) return fromFileFormula(formula);
  return isCsFormula(formula) && value === "#NAME?" ? formula : null;
}

/** Re-enters every CS formula that needs it, on every sheet, in chunks of rows; returns how many. */
export function repairCsFormulas(
  context: Excel.RequestContext,
  onProgress?: RowProgress
): Promise<number> {
  return reenterFormulas(context, repairedFormula, true, onProgress);
}
