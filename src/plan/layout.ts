/**
 * The coverage-plan workbook, described once for both front ends: the task
 * pane writes it into Excel through Office.js, the CLI writes it as an .xlsx
 * with ExcelJS (with cached values from the engine). The description is
 * neutral: sheets, cells (values or formulas in Excel's en-US syntax with
 * CS.* names, no leading "="), spill sizes, one table of accounts, formats
 * and charts. Every number of the plan is a live formula.
 */
import { Assumptions } from "../core/assumptions/types";
import { assumptionTableSize } from "../core/assumptions/keys";
import { COVERAGE_PLAN_HEADER } from "../core/coverage-plan";
import { ExportCell, ExportColumns, headerText } from "./columns";
import { Reconciliation } from "./reconcile";
import { ExportReading } from "./reading";
import { PlanAccounts, SkippedRow } from "./rows";

export const SHEETS = {
  accounts: "CS Accounts",
  plan: "CS Plan",
  books: "CS Books",
  assumptions: "CS Assumptions",
  skipped: "CS Skipped rows",
} as const;

/** Every sheet name the builder owns: a rebuild replaces exactly these. */
export const PLAN_SHEET_NAMES: readonly string[] = Object.values(SHEETS);

export const ACCOUNTS_TABLE = "CSAccounts";

export type CellFormat = "money" | "percent" | "decimal" | "integer" | "date";
export type CellStyle = "title" | "heading" | "header" | "note" | "input";
export type CellValue = string | number | boolean | null;

export interface LayoutCell {
  /** 0-based row and column. */
  row: number;
  col: number;
  value?: CellValue;
  /** Excel formula without "=", CS functions as CS.NAME. */
  formula?: string;
  /** The size of the spilled result when it is more than one cell. */
  spill?: { rows: number; cols: number };
  /**
   * For COUNTIF/SUMIF/COUNTIFS over the accounts by owner: what the formula
   * totals, so the CLI can compute its cached value in one grouping pass
   * (the engine scans 100,000 rows per criterion). The formula is what Excel runs.
   */
  aggregate?: OwnerAggregate;
  /**
   * For a CS function over whole columns of the accounts table
   * (CS.COVERAGE_PLAN over the ACVs): what it is called on, so the CLI can
   * call it once on the columns it already holds instead of loading a
   * million-row sheet into the engine. The formula is what Excel runs.
   */
  columnCall?: ColumnCall;
  format?: CellFormat;
  style?: CellStyle;
}

export type OwnerAggregate =
  | { kind: "count"; owner: string }
  | { kind: "arr"; owner: string }
  | { kind: "segment"; owner: string; segment: string };

export interface ColumnCall {
  /** The CS function's catalog id, e.g. "COVERAGE_PLAN". */
  fn: string;
  /** Its arguments as the formula writes them: a column of the accounts table (its index), or a cell of the same sheet. */
  args: ({ column: number } | { cell: { row: number; col: number } })[];
}

/** How an owner name is matched: as COUNTIF matches a plain text criterion (case-insensitive, exact). */
export function ownerKey(cell: ExportCell): string {
  return cell === null ? "" : String(cell).toLowerCase();
}

/** Number formats inside spilled tables, by the column's header, so ARR shows as money and CSMs with two decimals. */
export const SPILL_FORMATS: Readonly<Record<string, CellFormat>> = {
  ARR: "money",
  "ARR per CSM": "money",
  CSMs: "decimal",
  AMs: "decimal",
  TAMs: "decimal",
  "Required FTE": "decimal",
  Headcount: "decimal",
  "Effective FTE": "decimal",
  Gap: "decimal",
  "Hires starting": "decimal",
};

export type TableColumn =
  | { header: string; kind: "export"; index: number; format?: CellFormat }
  | { header: string; kind: "acv"; format: CellFormat }
  /** A value the builder worked out per account (its last touch, how many rows it combines). */
  | {
      header: string;
      kind: "computed";
      value: (account: number) => ExportCell;
      format?: CellFormat;
    }
  | {
      header: string;
      kind: "formula";
      /** The formula of the table row on spreadsheet row `row` (1-based). */
      perRow: (row: number) => string;
      /** The CS function (catalog id, e.g. "TIER") and the table column it reads, one value per row. */
      fn: string;
      argColumn: number;
    };

export interface LayoutTable {
  name: string;
  /** The table starts at A1: header on row 1, accounts from row 2. */
  columns: TableColumn[];
  rowCount: number;
}

export interface RangeRef {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface LayoutChart {
  title: string;
  type: "column" | "bar";
  /** Values with their header row on top (one series per column). */
  values: RangeRef;
  categories: RangeRef;
  /** Where the chart's top-left corner goes. */
  anchor: { row: number; col: number };
}

export interface LayoutSheet {
  name: string;
  cells: LayoutCell[];
  table?: LayoutTable;
  /** Column widths in characters, from column A. */
  widths: number[];
  charts: LayoutChart[];
}

export interface PlanLayout {
  sheets: LayoutSheet[];
  /** The header cell of the CS.COVERAGE_PLAN spill on the CS Plan sheet (tiers below it, then Total). */
  coveragePlan: { row: number; col: number };
  accounts: number;
  skipped: SkippedRow[];
}

export interface PlanInput {
  /** The export as read, header row included. */
  rows: readonly ExportCell[][];
  columns: ExportColumns;
  accounts: PlanAccounts;
  assumptions: Assumptions;
  /** The as-of date for coverage quality, as an Excel serial (an input cell in the plan). */
  asOf: number;
  /** Where the export came from, for the note on top of the plan. */
  source: string;
  /** How the plan reconciles with the export (rows, ARR, coverage, cost). */
  reconciliation?: Reconciliation;
  /** Furniture set aside, the locale's conversions, the export's own totals checked (src/plan/reading.ts). */
  reading?: ExportReading;
}

/** "A", "B", ... "Z", "AA": the column letters of a 0-based column. */
export function columnLetter(col: number): string {
  let n = col + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A1 address of a 0-based cell. */
export function a1(row: number, col: number, absolute = false): string {
  const d = absolute ? "$" : "";
  return `${d}${columnLetter(col)}${d}${row + 1}`;
}

export function rangeA1(ref: RangeRef): string {
  return `${a1(ref.row, ref.col)}:${a1(ref.row + ref.rows - 1, ref.col + ref.cols - 1)}`;
}

/** A sheet-qualified reference as formulas write it: 'CS Accounts'!$F$2:$F$101. */
export function sheetRef(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * Table header names: Excel needs them non-empty, unique (case-insensitively)
 * and text. Blank headers become "Column N", repeats get " (2)".
 */
export function tableHeaders(headers: readonly string[], extra: readonly string[]): string[] {
  const seen = new Set<string>();
  const unique = (name: string) => {
    let candidate = name;
    for (let n = 2; seen.has(candidate.toLowerCase()); n++) candidate = `${name} (${n})`;
    seen.add(candidate.toLowerCase());
    return candidate;
  };
  const base = headers.map((h, i) => unique(h.replace(/\s+/g, " ").trim() || `Column ${i + 1}`));
  return [...base, ...extra.map(unique)];
}

/** The cells of one account row of the table, before the formula columns: the export's cells, then the ACV read. */
export function accountValues(input: PlanInput, account: number): ExportCell[] {
  const source = input.rows[input.accounts.rows[account]];
  const width = input.columns.headers.length;
  const extra = computedColumns(input);
  const cells: ExportCell[] = new Array(width + 1 + extra.length);
  for (let c = 0; c < width; c++) cells[c] = source[c] ?? null;
  cells[width] = input.accounts.acv[account];
  extra.forEach((column, k) => (cells[width + 1 + k] = column.value(account)));
  return cells;
}

type ComputedColumn = Extract<TableColumn, { kind: "computed" }>;

/** Header of the last touch column that coverage quality reads. */
export const LAST_TOUCH_HEADER = "CS Last touch";
export const ROWS_HEADER = "CS Rows";

const computedCache = new WeakMap<PlanInput, ComputedColumn[]>();

/**
 * The columns after the ACV read: the export rows behind each account (when
 * any were combined) and the last touch as coverage quality counts it (when
 * there is an activity column: future and unreadable dates are not touches).
 */
export function computedColumns(input: PlanInput): ComputedColumn[] {
  const cached = computedCache.get(input);
  if (cached !== undefined) return cached;
  const columns: ComputedColumn[] = [];
  const { rowCounts, lastTouch } = input.accounts;
  if (rowCounts !== undefined && rowCounts.some((n) => n > 1))
    columns.push({
      header: ROWS_HEADER,
      kind: "computed",
      value: (a) => rowCounts[a],
      format: "integer",
    });
  if (lastTouch !== undefined && lastTouch !== null)
    columns.push({
      header: LAST_TOUCH_HEADER,
      kind: "computed",
      value: (a) => (Number.isNaN(lastTouch[a]) ? null : lastTouch[a]),
      format: "date",
    });
  computedCache.set(input, columns);
  return columns;
}

/** Distinct owners of the planned accounts, in name order; blank owners are counted apart. */
export function ownersOf(input: PlanInput): { owners: string[]; unowned: number } {
  const column = input.columns.owner;
  if (column === null) return { owners: [], unowned: 0 };
  const owners = new Map<string, string>();
  let unowned = 0;
  for (const r of input.accounts.rows) {
    const cell = input.rows[r][column] ?? null;
    if (headerText(cell) === "") unowned++;
    else if (!owners.has(ownerKey(cell))) owners.set(ownerKey(cell), String(cell));
  }
  return { owners: [...owners.values()].sort((a, b) => a.localeCompare(b)), unowned };
}

class CellList {
  readonly cells: LayoutCell[] = [];
  put(cell: LayoutCell): void {
    this.cells.push(cell);
  }
  text(row: number, col: number, value: string, style?: CellStyle): void {
    this.put({ row, col, value, ...(style ? { style } : {}) });
  }
  formula(
    row: number,
    col: number,
    formula: string,
    format?: CellFormat,
    extra: Partial<LayoutCell> = {}
  ): void {
    this.put({ row, col, formula, ...(format ? { format } : {}), ...extra });
  }
}

interface AccountRanges {
  /** The table's column indexes of the ACV read and of the Tier column. */
  acvCol: number;
  tierCol: number;
  /** Absolute, sheet-qualified ranges over the account rows of the table. */
  acv: string;
  tier: string;
  segment: string;
  owner: string | null;
  /** The column coverage quality reads: the builder's last touch, else the export's activity column. */
  lastActivityCol: number | null;
  lastActivity: string | null;
}

function accountsSheet(input: PlanInput): { sheet: LayoutSheet; ranges: AccountRanges } {
  const width = input.columns.headers.length;
  const extra = computedColumns(input);
  const currency = input.assumptions.currency === "USD" ? "" : ` in ${input.assumptions.currency}`;
  const headers = tableHeaders(input.columns.headers, [
    input.columns.acvIsMrr
      ? `CS ACV${currency} (MRR x 12)`
      : input.columns.acvIsTcv && input.columns.term !== null
        ? `CS ACV${currency} (TCV x 12 / term)`
        : `CS ACV${currency}`,
    ...extra.map((c) => c.header),
    "Tier",
    "Segment",
    "Coverage model",
  ]);
  const acvCol = width;
  const lastTouchCol = extra.findIndex((c) => c.header === LAST_TOUCH_HEADER);
  const tierCol = width + 1 + extra.length;
  const n = input.accounts.rows.length;
  const first = 1;
  const last = n;
  const column = (col: number) => `${a1(first, col, true)}:${a1(last, col, true)}`;
  const letter = columnLetter;
  const columns: TableColumn[] = input.columns.headers.map((_, index) => ({
    header: headers[index],
    kind: "export" as const,
    index,
    ...(index === input.columns.lastActivity ? { format: "date" as const } : {}),
  }));
  columns.push({ header: headers[acvCol], kind: "acv", format: "money" });
  extra.forEach((column, k) => columns.push({ ...column, header: headers[acvCol + 1 + k] }));
  columns.push({
    header: headers[tierCol],
    kind: "formula",
    perRow: (row) => `CS.TIER(${letter(acvCol)}${row})`,
    fn: "TIER",
    argColumn: acvCol,
  });
  columns.push({
    header: headers[tierCol + 1],
    kind: "formula",
    perRow: (row) => `CS.SEGMENT(${letter(tierCol)}${row})`,
    fn: "SEGMENT",
    argColumn: tierCol,
  });
  columns.push({
    header: headers[tierCol + 2],
    kind: "formula",
    perRow: (row) => `CS.COVERAGE_MODEL(${letter(tierCol)}${row})`,
    fn: "COVERAGE_MODEL",
    argColumn: tierCol,
  });
  const widths = headers.map((h, i) =>
    i === tierCol + 2 ? 30 : Math.min(40, Math.max(10, h.length + 4))
  );
  const ranges: AccountRanges = {
    acvCol,
    tierCol,
    acv: sheetRef(SHEETS.accounts, column(acvCol)),
    tier: sheetRef(SHEETS.accounts, column(tierCol)),
    segment: sheetRef(SHEETS.accounts, column(tierCol + 1)),
    owner:
      input.columns.owner === null ? null : sheetRef(SHEETS.accounts, column(input.columns.owner)),
    lastActivityCol: lastTouchCol >= 0 ? acvCol + 1 + lastTouchCol : input.columns.lastActivity,
    lastActivity:
      lastTouchCol >= 0
        ? sheetRef(SHEETS.accounts, column(acvCol + 1 + lastTouchCol))
        : input.columns.lastActivity === null
          ? null
          : sheetRef(SHEETS.accounts, column(input.columns.lastActivity)),
  };
  return {
    sheet: {
      name: SHEETS.accounts,
      cells: [],
      table: { name: ACCOUNTS_TABLE, columns, rowCount: n },
      widths,
      charts: [],
    },
    ranges,
  };
}

/** Where the CS Plan sheet keeps the numbers other sheets refer to. */
interface PlanAnchors {
  totalRow: number;
}

/** The as-of date's input cell on the CS Plan sheet (B3). */
const AS_OF = { row: 2, col: 1 } as const;

const PLAN_EXTRA_HEADER = [
  "Segment",
  "NRR target",
  "GRR target",
  "Expansion target",
  "Accounts per CSM",
  "CSM role",
  "Loaded cost per CSM",
  "Cost per account",
] as const;

function planSheet(
  input: PlanInput,
  ranges: AccountRanges,
  ownerCount: number
): { sheet: LayoutSheet; anchors: PlanAnchors & { header: number } } {
  const { assumptions } = input;
  const tiers = assumptions.tiers.length;
  const c = new CellList();
  const skipped = input.accounts.skipped.length;
  c.text(0, 0, "CS coverage plan", "title");
  c.text(
    1,
    0,
    `From ${input.source}. Every number below is a live CS formula over the ${SHEETS.accounts} sheet; blue cells are inputs you can change.`,
    "note"
  );
  c.text(AS_OF.row, 0, "As of");
  c.put({ ...AS_OF, value: input.asOf, format: "date", style: "input" });
  c.text(3, 0, "Accounts planned");
  c.formula(3, 1, `ROWS(${ranges.acv})`, "integer");
  c.text(4, 0, `Rows left out (ACV blank, unreadable or negative; see ${SHEETS.skipped})`);
  c.put({ row: 4, col: 1, value: skipped, format: "integer" });

  // Headcount by tier: the CS.COVERAGE_PLAN spill, with per-tier targets and costs beside it.
  const top = 6;
  c.text(top, 0, "Headcount by tier", "heading");
  const header = top + 1;
  const firstTier = header + 1;
  const lastTier = header + tiers;
  const total = lastTier + 1;
  c.formula(header, 0, `CS.COVERAGE_PLAN(${ranges.acv})`, undefined, {
    spill: { rows: tiers + 2, cols: COVERAGE_PLAN_HEADER.length },
    columnCall: { fn: "COVERAGE_PLAN", args: [{ column: ranges.acvCol }] },
  });
  const x = COVERAGE_PLAN_HEADER.length; // first column beside the spill
  PLAN_EXTRA_HEADER.forEach((h, i) => c.text(header, x + i, h, "header"));
  const col = (name: (typeof PLAN_EXTRA_HEADER)[number]) => x + PLAN_EXTRA_HEADER.indexOf(name);
  const at = (row: number, name: (typeof PLAN_EXTRA_HEADER)[number]) => a1(row, col(name));
  const tierRange = (colIndex: number) =>
    `${a1(firstTier, colIndex, true)}:${a1(lastTier, colIndex, true)}`;
  for (let t = 0; t < tiers; t++) {
    const row = firstTier + t;
    const tierCell = a1(row, 0);
    const segment = assumptions.segments.find((s) => s.name === assumptions.tiers[t].segment);
    c.formula(row, col("Segment"), `CS.SEGMENT(${tierCell})`);
    c.formula(row, col("NRR target"), `CS.NRR_TARGET(${tierCell})`, "percent");
    c.formula(row, col("GRR target"), `CS.GRR_TARGET(${tierCell})`, "percent");
    c.formula(
      row,
      col("Expansion target"),
      `CS.ASSUMPTION("segment."&${at(row, "Segment")}&".expansion_target")`,
      "percent"
    );
    c.formula(row, col("Accounts per CSM"), `CS.TARGET_RATIO(${tierCell})`, "decimal");
    c.put({ row, col: col("CSM role"), value: segment?.comp_role ?? "", style: "input" });
    c.formula(row, col("Loaded cost per CSM"), `CS.OTE(${at(row, "CSM role")})`, "money", {
      style: "input",
    });
    c.formula(
      row,
      col("Cost per account"),
      `CS.COST_PER_ACCOUNT(${at(row, "Loaded cost per CSM")},${at(row, "Accounts per CSM")})`,
      "money"
    );
  }
  // Total row: targets weighted by ARR, cost per account as total cost over accounts.
  const arrTiers = tierRange(2);
  const totalArr = a1(total, 2, true);
  for (const name of ["NRR target", "GRR target", "Expansion target"] as const) {
    c.formula(
      total,
      col(name),
      `SUMPRODUCT(${arrTiers},${tierRange(col(name))})/${totalArr}`,
      "percent"
    );
  }
  const totalCost = `SUMPRODUCT(${tierRange(3)},${tierRange(col("Loaded cost per CSM"))})`;
  c.formula(total, col("Cost per account"), `${totalCost}/${a1(total, 1, true)}`, "money");

  // Cost against the healthy range.
  let r = total + 2;
  c.text(r, 0, "Cost", "heading");
  c.text(r + 1, 0, "CS cost a year (CSMs x loaded cost per CSM)");
  c.formula(r + 1, 1, totalCost, "money");
  c.text(r + 2, 0, "CS cost as a share of ARR");
  c.formula(r + 2, 1, `${a1(r + 1, 1)}/${totalArr}`, "percent");
  c.text(r + 3, 0, "Healthy range (low, high)");
  c.formula(r + 3, 1, `CS.ASSUMPTION("cost.healthy_min")`, "percent");
  c.formula(r + 3, 2, `CS.ASSUMPTION("cost.healthy_max")`, "percent");
  r += 5;

  const lastActivity = ranges.lastActivityCol;
  if (ranges.lastActivity !== null && lastActivity !== null) {
    c.text(r, 0, "Coverage quality", "heading");
    c.text(
      r + 1,
      0,
      `Share of SLA-bound accounts touched within their tier's SLA, as of B3 (${LAST_TOUCH_HEADER}: a last activity after the build date or not a date is no touch)`
    );
    c.formula(
      r + 1,
      1,
      `CS.COVERAGE_QUALITY(${ranges.tier},${ranges.lastActivity},${a1(AS_OF.row, AS_OF.col, true)})`,
      "percent",
      {
        // The export's columns come first in the table, at their own index.
        columnCall: {
          fn: "COVERAGE_QUALITY",
          args: [{ column: ranges.tierCol }, { column: lastActivity }, { cell: AS_OF }],
        },
      }
    );
    r += 3;
  }

  // Forward view: ARR in twelve months and the hires it takes.
  c.text(r, 0, "Forward view (12 months)", "heading");
  const current = r + 1;
  const churn = r + 2;
  const newArr = r + 3;
  const expansion = r + 4;
  const forward = r + 5;
  const csmsNow = r + 6;
  const csmsThen = r + 7;
  const fte = r + 8;
  const b = (row: number) => a1(row, 1, true);
  c.text(current, 0, "Current ARR");
  c.formula(current, 1, totalArr, "money");
  c.text(churn, 0, "Gross churn (default: 1 - the ARR-weighted GRR target)");
  c.formula(churn, 1, `1-${a1(total, col("GRR target"), true)}`, "percent", { style: "input" });
  c.text(newArr, 0, "New ARR from new customers");
  c.put({ row: newArr, col: 1, value: 0, format: "money", style: "input" });
  c.text(expansion, 0, "Expansion ARR (each tier's ARR x its expansion target)");
  c.formula(
    expansion,
    1,
    `SUMPRODUCT(${arrTiers},${tierRange(col("Expansion target"))})`,
    "money",
    {
      style: "input",
    }
  );
  c.text(forward, 0, "Forward ARR");
  c.formula(
    forward,
    1,
    `CS.FORWARD_ARR(${b(current)},${b(churn)},${b(newArr)},${b(expansion)})`,
    "money"
  );
  c.text(csmsNow, 0, "CSMs needed now");
  c.formula(csmsNow, 1, a1(total, 3, true), "decimal");
  c.text(csmsThen, 0, "CSMs needed in 12 months (scaled with ARR)");
  c.formula(csmsThen, 1, `${b(csmsNow)}*${b(forward)}/${b(current)}`, "decimal");
  c.text(
    fte,
    0,
    ownerCount > 0
      ? "Current CSM FTE, fully ramped (default: the owners in the export)"
      : "Current CSM FTE, fully ramped (default: the CSMs needed now)"
  );
  if (ownerCount > 0)
    c.put({ row: fte, col: 1, value: ownerCount, format: "decimal", style: "input" });
  else c.formula(fte, 1, b(csmsNow), "decimal", { style: "input" });

  const months = fte + 2;
  c.text(months, 0, "Month", "header");
  c.text(months, 1, "Required FTE", "header");
  for (let m = 1; m <= 12; m++) {
    c.put({ row: months + m, col: 0, value: m, format: "integer" });
    c.formula(
      months + m,
      1,
      `${b(csmsNow)}+(${b(csmsThen)}-${b(csmsNow)})*${a1(months + m, 0)}/12`,
      "decimal"
    );
  }
  c.formula(
    months,
    3,
    `CS.HIRING_PLAN(${a1(months + 1, 1, true)}:${a1(months + 12, 1, true)},${b(fte)})`,
    undefined,
    { spill: { rows: 13, cols: 7 } }
  );

  const charts: LayoutChart[] = [
    {
      title: "Headcount by tier",
      type: "column",
      values: { row: header, col: 3, rows: tiers + 1, cols: 3 },
      categories: { row: firstTier, col: 0, rows: tiers, cols: 1 },
      anchor: { row: top, col: x + PLAN_EXTRA_HEADER.length + 1 },
    },
  ];
  const widths = [58, 14, 14, 12, 10, 10, 14, 14, 12, 12, 14, 14, 18, 16, 14];
  return {
    sheet: { name: SHEETS.plan, cells: c.cells, widths, charts },
    anchors: { totalRow: total, header },
  };
}

/** Where the per-segment account counts of each book go (after a gap column). */
const SEGMENT_COUNT_COL = 9;

/**
 * A COUNTIF criterion that matches the owner name literally: a name with
 * wildcards (* ? ~) or starting with a comparison (= < >) is escaped, so
 * "Jo*" counts only Jo*'s accounts.
 */
function criterion(cell: string, owner: string): string {
  if (!/[*?~]|^[=<>]/.test(owner)) return cell;
  return `"="&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${cell},"~","~~"),"*","~*"),"?","~?")`;
}

function booksSheet(
  input: PlanInput,
  ranges: AccountRanges,
  anchors: PlanAnchors,
  owners: { owners: string[]; unowned: number }
): LayoutSheet {
  const c = new CellList();
  const ownerRange = ranges.owner ?? "";
  const segments = input.assumptions.segments.map((s) => s.name);
  c.text(0, 0, "CSM books", "title");
  c.text(
    1,
    0,
    "Book load = accounts / the max book for the book's average ACV (CS.MAX_BOOK); over when above book.load_threshold.",
    "note"
  );
  const planTotal = (col: number) => sheetRef(SHEETS.plan, a1(anchors.totalRow, col, true));
  const header = 7;
  const first = header + 1;
  const last = header + owners.owners.length;
  const accountsRange = `${a1(first, 1, true)}:${a1(last, 1, true)}`;
  c.text(2, 0, "Plan's average book (accounts per CSM)");
  c.formula(2, 1, `${planTotal(1)}/${planTotal(3)}`, "decimal");
  c.text(3, 0, "Share of CSMs above the load threshold of that book");
  c.formula(3, 1, `CS.BOOK_LOAD(${accountsRange},$B$3)`, "percent");
  c.text(4, 0, "Largest book (accounts)");
  c.formula(4, 1, `MAX(${accountsRange})`, "integer");
  c.text(5, 0, "Planned accounts without an owner");
  c.put({ row: 5, col: 1, value: owners.unowned, format: "integer" });
  const headers = [
    "CSM",
    "Accounts",
    "ARR",
    "Average ACV",
    "Max book",
    "Book load",
    "Over threshold",
    "Share outside anchor segment",
  ];
  headers.forEach((h, i) => c.text(header, i, h, "header"));
  segments.forEach((s, k) => c.text(header, SEGMENT_COUNT_COL + k, `${s} accounts`, "header"));
  owners.owners.forEach((owner, i) => {
    const row = first + i;
    const name = criterion(a1(row, 0), owner);
    c.text(row, 0, owner);
    c.formula(row, 1, `COUNTIF(${ownerRange},${name})`, "integer", {
      aggregate: { kind: "count", owner },
    });
    c.formula(row, 2, `SUMIF(${ownerRange},${name},${ranges.acv})`, "money", {
      aggregate: { kind: "arr", owner },
    });
    c.formula(row, 3, `${a1(row, 2)}/${a1(row, 1)}`, "money");
    c.formula(row, 4, `CS.MAX_BOOK(${a1(row, 3)})`, "integer");
    c.formula(row, 5, `${a1(row, 1)}/${a1(row, 4)}`, "percent");
    // Text, never TRUE/FALSE or "": LibreOffice recalculates boolean and empty-text formula cells on load.
    c.formula(row, 6, `IF(${a1(row, 5)}>CS.ASSUMPTION("book.load_threshold"),"Over","Within")`);
    // The anchor segment is the book's most common one (as CS.BOOK_MIX counts it).
    // One COUNTIFS per segment in cells of their own (hidden helper columns K onwards), so each
    // can carry its own cached value.
    segments.forEach((segment, k) =>
      c.formula(
        row,
        SEGMENT_COUNT_COL + k,
        `COUNTIFS(${ownerRange},${name},${ranges.segment},${quote(segment)})`,
        "integer",
        { aggregate: { kind: "segment", owner, segment } }
      )
    );
    const counts = `${a1(row, SEGMENT_COUNT_COL)}:${a1(row, SEGMENT_COUNT_COL + segments.length - 1)}`;
    c.formula(row, 7, `1-MAX(${counts})/${a1(row, 1)}`, "percent");
  });
  return {
    name: SHEETS.books,
    cells: c.cells,
    widths: [52, 12, 16, 14, 10, 12, 14, 26, 4, 18, 18, 18, 18],
    charts: [
      {
        title: "Book load per CSM",
        type: "bar",
        values: { row: header, col: 5, rows: owners.owners.length + 1, cols: 1 },
        categories: { row: first, col: 0, rows: owners.owners.length, cols: 1 },
        anchor: { row: 1, col: SEGMENT_COUNT_COL + segments.length + 1 },
      },
    ],
  };
}

function assumptionsSheet(assumptions: Assumptions): LayoutSheet {
  const c = new CellList();
  c.text(0, 0, "Assumptions", "title");
  c.text(
    1,
    0,
    "The workbook's current assumptions (live CS.ASSUMPTIONS); change them in the task pane. The cached values are the set the plan was built with.",
    "note"
  );
  let row = 3;
  for (const [title, table] of [
    ["Tiers", "tiers"],
    ["Segments and targets", "segments"],
    ["Comp (OTE)", "comp"],
  ] as const) {
    c.text(row, 0, title, "heading");
    const size = assumptionTableSize(assumptions, table);
    c.formula(
      row + 1,
      0,
      table === "tiers" ? "CS.ASSUMPTIONS()" : `CS.ASSUMPTIONS(${quote(table)})`,
      undefined,
      {
        spill: size,
      }
    );
    row += size.rows + 3;
  }
  return {
    name: SHEETS.assumptions,
    cells: c.cells,
    widths: [16, 12, 14, 28, 26, 12, 12, 12, 14, 12],
    charts: [],
  };
}

function skippedSheet(skipped: readonly SkippedRow[]): LayoutSheet {
  const c = new CellList();
  ["Row", "ACV as in the export", "Why it is left out"].forEach((h, i) =>
    c.text(0, i, h, "header")
  );
  skipped.forEach((s, i) => {
    c.put({ row: i + 1, col: 0, value: s.row, format: "integer" });
    c.put({ row: i + 1, col: 1, value: s.value });
    c.text(i + 1, 2, s.reason);
  });
  return { name: SHEETS.skipped, cells: c.cells, widths: [8, 24, 90], charts: [] };
}

/** The one layout both front ends write. */
export function buildLayout(input: PlanInput): PlanLayout {
  const { sheet: accounts, ranges } = accountsSheet(input);
  const owners = ownersOf(input);
  const { sheet: plan, anchors } = planSheet(input, ranges, owners.owners.length);
  const sheets = [plan, accounts];
  if (ranges.owner !== null && owners.owners.length > 0)
    sheets.push(booksSheet(input, ranges, anchors, owners));
  sheets.push(assumptionsSheet(input.assumptions));
  if (input.accounts.skipped.length > 0) sheets.push(skippedSheet(input.accounts.skipped));
  return {
    sheets,
    coveragePlan: { row: anchors.header, col: 0 },
    accounts: input.accounts.rows.length,
    skipped: input.accounts.skipped,
  };
}
