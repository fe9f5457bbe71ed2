/**
 * The account rows of an export and the rows left out of the plan. An ACV
 * that cannot be read, is negative, is blank, is in a currency with no rate,
 * or is a contract value without a usable term is never guessed and never
 * dropped silently: the row is listed with its row number (as the
 * spreadsheet numbers it, the header being row 1 when it is the first line),
 * its value and the reason, and counted. So are rows that are not customers
 * (a status column) and lines repeated exactly. Rows with no value at all
 * are not accounts (blank lines) and are passed over. Rows of the same
 * account (ID, or name without an ID column) are one account whose ACVs add
 * up, unless the user says each row is an account.
 */
import { PlanMessages } from "./messages";
import { isoDate } from "../core/dates";
import { roundCents } from "../core/money";
import { accountKey, HashedIndex, lineHash, sameLine, statusKind, textHash } from "./accounts";
import {
  ExportCell,
  ExportColumns,
  headerScale,
  headerText,
  statusRank,
  termMonths,
} from "./columns";
import { CurrencySetting, headerCurrency, MoneyReading, readMoney } from "./currency";
import { CellSet } from "./formula-cells";
import { CellFormats, formatCurrency, shownScale } from "./number-formats";
import { readTouch, TouchCounts } from "./touches";

/** Why a row is left out, by kind, for the reconciliation's counts. */
export type SkipKind =
  "blank" | "unreadable" | "negative" | "currency" | "term" | "status" | "ended" | "duplicate";

export interface SkippedRow {
  /** The row number as the file or sheet shows it. */
  row: number;
  /** The ACV cell as it was in the export. */
  value: ExportCell;
  reason: string;
  kind: SkipKind;
}

/** How many skipped rows the summaries list (command line and pane); the workbook has them all. */
export const SKIPPED_SHOWN = 20;

/** One skipped row for people: `row 7 (ACV "see contract"): <reason>`, as the sheet numbers it. */
export function describeSkipped(skipped: SkippedRow): string {
  const value = skipped.value === null ? "blank" : JSON.stringify(skipped.value);
  return `row ${skipped.row} (ACV ${value}): ${skipped.reason}`;
}

export interface PlanAccounts {
  /** 0-based indexes (into the export's rows) of the accounts planned, in export order: each account's first row. */
  rows: Int32Array;
  /** Their annual ACV in the plan currency (MRR x 12, TCV x 12 / term, converted; summed over the account's rows). */
  acv: Float64Array;
  skipped: SkippedRow[];
  /** Export rows behind each account (1 unless rows were combined). */
  rowCounts: Int32Array;
  /** Each account's last touch (whole-day serial) as coverage quality counts it, NaN for none; null without an activity column. */
  lastTouch: Float64Array | null;
  /** Rows with a value read under the header (blank lines aside). */
  rowsRead: number;
  /** Rows folded into an account listed above them (same key, or a grouped report's row under it). */
  combined: number;
  /**
   * Of those, rows whose account name (and ID) was left blank under an
   * account's row in a grouped report (a summary report's product lines),
   * counted in the account above them.
   */
  continued: number;
  /** Rows planned each as its own account because their account name (and ID) is blank. */
  unnamed: number;
  touches: TouchCounts;
  /** Statuses left out (not customers), with their row counts, in first-seen order. */
  excludedStatuses: { status: string; rows: number }[];
  /** Statuses kept that the plan could not classify, with their row counts. */
  unclassifiedStatuses: { status: string; rows: number }[];
  /** Amounts read per currency before conversion (rows, and the sum in plan currency where converted). */
  currencies: { code: string; rows: number; converted: boolean }[];
  /**
   * ARR in the file: every ACV that could be read and is not negative, in the
   * plan currency (rows left out as not customers or as duplicates included).
   */
  fileArr: number;
  /**
   * With ACV = contract value x 12 / term: the contract values of the rows
   * planned, in the plan currency, as the export's own grand total adds them
   * up. Null when the ACV column is read as a year's amount.
   */
  plannedContractValue: number | null;
  /**
   * Accounts whose rows' terms follow one another (a renewal and the
   * contract it renewed, added up), with the first such account's two rows;
   * null when there are none or the check does not apply (see readAccounts).
   */
  successive: SuccessiveTerms | null;
  /**
   * Every account with several rows has the same ACV on each of them (two
   * such accounts at least): the column looks like an account's field
   * repeated on its opportunity or contract rows. The first such account.
   */
  repeated: RepeatedAcv | null;
}

export interface RepeatedAcv {
  /** How many accounts have several rows (all of them repeat their amount). */
  accounts: number;
  /** The first such account's first row (0-based, into the export's rows), its row count and amount. */
  row: number;
  rows: number;
  acv: number;
}

/** Two rows of one account, the later starting about when the earlier's term ends. */
export interface SuccessiveTerms {
  /** How many accounts have such rows. */
  accounts: number;
  /** 0-based rows (into the export's rows) of the first such account. */
  earlierRow: number;
  laterRow: number;
  /** Their start days (serials) and the earlier's term in months. */
  earlierStart: number;
  laterStart: number;
  earlierMonths: number;
}

/**
 * A renewal is often signed up to a quarter before the term it renews ends:
 * a row starting that close to an earlier row's term end, or later, follows
 * it rather than running beside it (a quarter of the term for short terms).
 */
const RENEWAL_LEAD_DAYS = 91;
const DAYS_PER_MONTH = 365.25 / 12;

export interface ReadOptions {
  /** Rows (0-based) set aside as report furniture: neither planned nor listed. */
  setAside?: ReadonlySet<number>;
  /** The plan currency and its rates (default: USD, no rates). */
  currency?: { plan: string; fx: Readonly<Record<string, number>> };
  /** Each row is its own account (no combining by ID or name). */
  rowsAreAccounts?: boolean;
  /** Plan every status (leads, prospects, churned...) and every contract end date too; add up every account's rows. */
  allStatuses?: boolean;
  /** The as-of date (serial): a last activity after it is not a touch. */
  asOf?: number;
  /** Number formats that show a currency (an .xlsx's cells): the amount is in that currency. */
  numberFormats?: CellFormats;
  /** Formula cells saved without a result (an .xlsx's): such an ACV is not blank, it was never calculated. */
  uncalculated?: CellSet;
  /**
   * The export is a grouped report (it has subtotal or group lines): a row
   * whose account name and ID are blank, right under an account's row,
   * belongs to that account (the report writes a group's label once).
   */
  groupedReport?: boolean;
}

function isEmptyRow(row: readonly ExportCell[]): boolean {
  return row.every((cell) => cell === null || (typeof cell === "string" && cell.trim() === ""));
}

class Tally<K> {
  readonly counts = new Map<K, number>();
  add(key: K): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}

function scaleOf(header: string): CurrencySetting["headerScale"] {
  const scale = headerScale(header);
  return scale === null ? null : { ...scale, header };
}

/** How the rows' amounts are read into the plan currency (default: USD, no rates). */
export function currencySetting(
  columns: ExportColumns,
  currency: ReadOptions["currency"]
): CurrencySetting {
  return {
    plan: currency?.plan ?? "USD",
    fx: currency?.fx ?? {},
    headerCode: headerCurrency(columns.headers[columns.acv] ?? ""),
    headerScale: scaleOf(columns.headers[columns.acv] ?? ""),
    column: columns.currency,
    columnName: columns.currency === null ? "" : columns.headers[columns.currency],
  };
}

/** Row r's ACV cell in the plan currency: its text, number format, currency column or header say which it is in. */
export function readRowMoney(
  rows: readonly ExportCell[][],
  r: number,
  columns: ExportColumns,
  setting: CurrencySetting,
  formats: CellFormats | undefined
): MoneyReading {
  const row = rows[r];
  const format = formats?.get(r, columns.acv) ?? null;
  const raw = row[columns.acv] ?? null;
  // 0.95 formatted as 95%, or 250 formatted #,##0"K": the cell shows another amount than it
  // holds, unless the header gives that very unit ("ARR ($K)"), by which the amount is read.
  const other = format === null || typeof raw !== "number" ? null : shownScale(format);
  if (other !== null && other !== setting.headerScale?.factor)
    return {
      ok: false,
      reason: PlanMessages.shownOtherwise(
        raw as number,
        format as string,
        other === "percent" ? "percent" : "suffix"
      ),
    };
  const shown = format === null ? null : formatCurrency(format);
  return readMoney(
    raw,
    row,
    setting,
    format === null || shown === null ? null : { format, currency: shown }
  );
}

/**
 * Reads every row under the header. `firstRowNumber` is the row number of
 * rows[0] (1 for a file; the selection's first row in Excel). Rows in
 * `setAside` (report furniture, 0-based) are neither planned nor listed.
 */
export function readAccounts(
  rows: readonly ExportCell[][],
  columns: ExportColumns,
  firstRowNumber = 1,
  options: ReadOptions = {}
): PlanAccounts {
  const setAside = options.setAside;
  const count = Math.max(0, rows.length - columns.headerRow - 1);
  const indexes = new Int32Array(count);
  const acvs = new Float64Array(count);
  const rowCounts = new Int32Array(count);
  const touchColumn = columns.lastActivity;
  const lastTouch = touchColumn === null ? null : new Float64Array(count).fill(NaN);
  const skipped: SkippedRow[] = [];
  const setting = currencySetting(columns, options.currency);
  const termHeader = columns.term === null ? "" : columns.headers[columns.term];
  const endHeader = columns.endDate === null ? "" : columns.headers[columns.endDate];
  const grouped = options.rowsAreAccounts !== true;
  // With several status columns, a bare "Status" (rank 2) also leaves out any row it
  // calls not a customer; alone, it is the row's status column and needs no second look.
  const statusColumns = columns.status === null ? [] : [columns.status, ...columns.moreStatuses];
  const bareStatuses =
    statusColumns.length < 2
      ? []
      : statusColumns.filter((c) => statusRank(columns.headers[c]) === 2);
  // Accounts by their key, and the rows kept (each line's first row) by their content.
  const byKey = new HashedIndex();
  const seenLines = new HashedIndex();
  const excluded = new Tally<string>();
  const unclassified = new Tally<string>();
  const currencies = new Map<string, { rows: number; converted: boolean }>();
  const touches: TouchCounts = { future: 0, unreadable: 0 };
  let fileArr = 0;
  const byTerm = columns.acvIsTcv && columns.term !== null;
  let plannedContractValue = 0;
  let rowsRead = 0;
  let combined = 0;
  let continued = 0;
  let unnamed = 0;
  let kept = 0;
  // The account whose rows a grouped report's unlabelled rows continue: the nearest
  // account row above, within the same group (no subtotal or blank line in between).
  const keyColumn = columns.accountId ?? columns.name;
  const continues = grouped && options.groupedReport === true && keyColumn !== null;
  let groupAccount = -1;
  /** The row that starts the current group (its account's name or ID), -1 outside a group. */
  let groupRow = -1;
  // Rows of one account are added up as contracts in force together. With start (or
  // close) dates and no end dates, a row that starts when another row's term is
  // ending is its renewal: both cannot be in force, and their sum would be wrong.
  // Per account: the earliest day a row's successor may start, and the latest start.
  const startColumn = columns.startDate;
  const checkTerms =
    grouped && startColumn !== null && columns.endDate === null && options.allStatuses !== true;
  const dueBy = checkTerms ? new Float64Array(count).fill(Infinity) : null;
  const dueRow = checkTerms ? new Int32Array(count) : null;
  const startBy = checkTerms ? new Float64Array(count).fill(-Infinity) : null;
  const startRow = checkTerms ? new Int32Array(count) : null;
  /** The start, term (months) and term end of each account's dueBy row, for the message. */
  const dueStart = checkTerms ? new Float64Array(count) : null;
  const dueMonths = checkTerms ? new Float64Array(count) : null;
  const dueEnd = checkTerms ? new Float64Array(count) : null;
  // Each account's first ACV, and whether a later row of it had another.
  const firstAcv = grouped ? new Float64Array(count) : null;
  const differs = grouped ? new Uint8Array(count) : null;
  const noteTerm = (account: number, r: number, row: readonly ExportCell[]) => {
    if (startColumn === null || dueBy === null || dueRow === null) return;
    if (startBy === null || startRow === null) return;
    if (dueStart === null || dueMonths === null || dueEnd === null) return;
    const start = readTouch(row[startColumn] ?? null);
    if (typeof start !== "object") return;
    const months =
      (columns.term === null ? null : termMonths(row[columns.term] ?? null, termHeader)) ?? 12;
    const days = months * DAYS_PER_MONTH;
    const due = start.day + days - Math.min(RENEWAL_LEAD_DAYS, days / 4);
    if (due < dueBy[account]) {
      dueBy[account] = due;
      dueRow[account] = r;
      dueStart[account] = start.day;
      dueMonths[account] = months;
      dueEnd[account] = start.day + days;
    }
    if (start.day > startBy[account]) {
      startBy[account] = start.day;
      startRow[account] = r;
    }
  };

  const skip = (r: number, raw: ExportCell, reason: string, kind: SkipKind) =>
    skipped.push({ row: r + firstRowNumber, value: raw, reason, kind });
  /** The row's last activity, as the account's last touch when it is the latest. */
  const noteTouch = (account: number, row: readonly ExportCell[]) => {
    if (touchColumn === null || lastTouch === null) return;
    const touch = readTouch(row[touchColumn] ?? null);
    if (touch === "unreadable") touches.unreadable++;
    else if (touch !== "blank") {
      if (options.asOf !== undefined && touch.day > options.asOf) touches.future++;
      else if (!(touch.day <= lastTouch[account])) lastTouch[account] = touch.day;
    }
  };

  for (let r = columns.headerRow + 1; r < rows.length; r++) {
    if (setAside?.has(r)) {
      groupAccount = groupRow = -1;
      continue;
    }
    const row = rows[r];
    const raw = row[columns.acv] ?? null;
    const money = readRowMoney(rows, r, columns, setting, options.numberFormats);
    const uncalculated = money === null && options.uncalculated?.has(r, columns.acv) === true;
    if (money === null && !uncalculated && isEmptyRow(row)) {
      groupAccount = groupRow = -1;
      continue;
    }
    rowsRead++;
    // A row with its own account name or ID starts a new group, even if it is left out below.
    const labelled = keyColumn !== null && headerText(row[keyColumn] ?? null) !== "";
    if (labelled) {
      groupAccount = -1;
      groupRow = r;
    }
    // The ACV of the row in a year, or why there is none.
    let acv: number | null = null;
    let contractValue = 0;
    let problem: { reason: string; kind: SkipKind } | null = null;
    if (uncalculated) problem = { reason: PlanMessages.uncalculated(), kind: "unreadable" };
    else if (money === null) problem = { reason: PlanMessages.skipBlank(), kind: "blank" };
    else if (!money.ok)
      problem = {
        reason: money.reason,
        kind: money.code !== undefined || money.currency === true ? "currency" : "unreadable",
      };
    else if (money.amount < 0)
      problem = { reason: PlanMessages.skipNegative(money.amount), kind: "negative" };
    else {
      acv = money.amount;
      const seen = currencies.get(money.code);
      if (seen === undefined)
        currencies.set(money.code, { rows: 1, converted: money.code !== setting.plan });
      else seen.rows++;
      // MRR x 12 rounded to the cent: 1234.56 x 12 is 14814.720000000001 in binary.
      if (columns.acvIsMrr) acv = roundCents(acv * 12);
      else if (byTerm && columns.term !== null) {
        contractValue = acv;
        const termCell = row[columns.term] ?? null;
        const months = termMonths(termCell, termHeader);
        if (months === null) {
          problem = {
            reason:
              headerText(termCell) === ""
                ? PlanMessages.termBlank(termHeader)
                : PlanMessages.termBad(termCell, termHeader),
            kind: "term",
          };
          acv = null;
        } else acv = roundCents((acv * 12) / months);
      }
    }
    if (acv !== null) fileArr += acv;

    if (columns.status !== null) {
      const status = row[columns.status] ?? null;
      const mainKind = statusKind(status);
      let kind = mainKind;
      let label = headerText(status);
      let column = columns.status;
      // The main status cannot say: the next status column that can decides.
      for (let i = 0; kind === "unknown" && i < columns.moreStatuses.length; i++) {
        const other = columns.moreStatuses[i];
        const otherKind = statusKind(row[other] ?? null);
        if (otherKind === "unknown") continue;
        kind = otherKind;
        label = headerText(row[other] ?? null);
        column = other;
      }
      // A bare "Status" of Inactive, Churned or Expired leaves the row out whatever the others say.
      for (let i = 0; kind !== "not-customer" && i < bareStatuses.length; i++) {
        const bare = bareStatuses[i];
        if (statusKind(row[bare] ?? null) !== "not-customer") continue;
        kind = "not-customer";
        label = headerText(row[bare] ?? null);
        column = bare;
      }
      if (kind === "not-customer" && options.allStatuses !== true) {
        excluded.add(label);
        skip(r, raw, PlanMessages.notCustomer(label, columns.headers[column]), "status");
        continue;
      }
      // The main status column's values it cannot classify are named, whatever decided the row.
      const mainLabel = headerText(status);
      if (mainKind === "unknown" && mainLabel !== "") unclassified.add(mainLabel);
    }
    if (columns.endDate !== null && options.asOf !== undefined && options.allStatuses !== true) {
      // A blank or unreadable end date says nothing: the row is kept.
      const end = readTouch(row[columns.endDate] ?? null);
      if (typeof end === "object" && end.day < options.asOf) {
        skip(r, raw, PlanMessages.contractEnded(isoDate(end.day), endHeader), "ended");
        continue;
      }
    }
    if (problem !== null || acv === null) {
      skip(r, raw, problem?.reason ?? PlanMessages.skipBlank(), problem?.kind ?? "blank");
      continue;
    }

    if (continues && !labelled && groupRow >= 0 && groupAccount < 0) {
      // The account's own row is left out: so are its lines, for the same reason.
      const accountRow = groupRow + firstRowNumber;
      let parent = skipped.length - 1;
      while (parent >= 0 && skipped[parent].row !== accountRow) parent--;
      skip(
        r,
        raw,
        PlanMessages.groupLeftOut(accountRow),
        parent >= 0 ? skipped[parent].kind : "blank"
      );
      // Counted under its account's status, so the statuses add up to the rows left out.
      if (parent >= 0 && skipped[parent].kind === "status" && columns.status !== null)
        excluded.add(headerText(rows[groupRow][columns.status] ?? null));
      continue;
    }
    if (continues && !labelled && groupAccount >= 0) {
      // A product or contract line of the account above: its cells alone may repeat
      // another account's line ("Support", 20,000), so it is not a duplicate.
      acvs[groupAccount] += acv;
      plannedContractValue += contractValue;
      rowCounts[groupAccount]++;
      if (firstAcv !== null && differs !== null && acv !== firstAcv[groupAccount])
        differs[groupAccount] = 1;
      combined++;
      continued++;
      noteTouch(groupAccount, row);
      noteTerm(groupAccount, r, row);
      continue;
    }

    // A line repeated exactly is counted once.
    const line = lineHash(row);
    const twin = seenLines.find(line, (earlier) => sameLine(rows[earlier], row));
    if (twin >= 0) {
      skip(r, raw, PlanMessages.duplicateRow(twin + firstRowNumber), "duplicate");
      continue;
    }
    seenLines.add(line, r);

    const key = grouped ? accountKey(row, columns.accountId, columns.name) : null;
    if (grouped && key === null && keyColumn !== null) unnamed++;
    const keyHash = key === null ? 0 : textHash(key);
    let account =
      key === null
        ? -1
        : byKey.find(
            keyHash,
            // The account's key is its first row's (computed again only when the hashes match).
            (a) => accountKey(rows[indexes[a]], columns.accountId, columns.name) === key
          );
    if (account < 0) {
      account = kept++;
      indexes[account] = r;
      acvs[account] = 0;
      if (firstAcv !== null) firstAcv[account] = acv;
      if (key !== null) byKey.add(keyHash, account);
    } else {
      combined++;
      if (firstAcv !== null && differs !== null && acv !== firstAcv[account]) differs[account] = 1;
    }
    acvs[account] += acv;
    plannedContractValue += contractValue;
    rowCounts[account]++;
    if (labelled) groupAccount = account;
    noteTouch(account, row);
    noteTerm(account, r, row);
  }
  // Sums of several rows are kept to the cent.
  for (let a = 0; a < kept; a++) if (rowCounts[a] > 1) acvs[a] = roundCents(acvs[a]);
  let successive: SuccessiveTerms | null = null;
  if (
    dueBy !== null &&
    dueRow !== null &&
    startBy !== null &&
    startRow !== null &&
    dueStart !== null &&
    dueMonths !== null &&
    dueEnd !== null
  ) {
    for (let a = 0; a < kept; a++) {
      if (rowCounts[a] < 2 || !(startBy[a] >= dueBy[a])) continue;
      // On the as-of date every row has started and the first to end still runs: the
      // contracts are in force together (an add-on signed late in the first year).
      const asOf = options.asOf;
      if (asOf !== undefined && startBy[a] <= asOf && dueEnd[a] > asOf) continue;
      if (successive !== null) {
        successive.accounts++;
        continue;
      }
      successive = {
        accounts: 1,
        earlierRow: dueRow[a],
        laterRow: startRow[a],
        earlierStart: dueStart[a],
        laterStart: startBy[a],
        earlierMonths: dueMonths[a],
      };
    }
  }
  let repeated: RepeatedAcv | null = null;
  if (firstAcv !== null && differs !== null) {
    let several = 0;
    let same = 0;
    let first = -1;
    for (let a = 0; a < kept; a++) {
      if (rowCounts[a] < 2) continue;
      several++;
      if (differs[a] === 0) {
        same++;
        if (first < 0) first = a;
      }
    }
    if (several >= 2 && same === several)
      repeated = {
        accounts: same,
        row: indexes[first],
        rows: rowCounts[first],
        acv: firstAcv[first],
      };
  }
  const listed = (tally: Tally<string>) =>
    [...tally.counts.entries()].map(([status, n]) => ({ status, rows: n }));
  return {
    rows: indexes.slice(0, kept),
    acv: acvs.slice(0, kept),
    skipped,
    rowCounts: rowCounts.slice(0, kept),
    lastTouch: lastTouch === null ? null : lastTouch.slice(0, kept),
    rowsRead,
    combined,
    continued,
    unnamed,
    touches,
    excludedStatuses: listed(excluded),
    unclassifiedStatuses: listed(unclassified),
    currencies: [...currencies.entries()].map(([code, c]) => ({ code, ...c })),
    fileArr: roundCents(fileArr),
    plannedContractValue: byTerm ? roundCents(plannedContractValue) : null,
    successive,
    repeated,
  };
}
