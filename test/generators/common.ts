/**
 * What every export generator shares: a seeded random source, a book of
 * accounts whose true ACVs are known, the plan those ACVs must give (tier
 * counts and ARR from the assumptions' cut-lines, computed here, never by the
 * tool), and writers for CSV and .xlsx files shaped like real CRM exports.
 *
 * One module per hazard family sits beside this one (furniture.ts, locale.ts,
 * sheets.ts, ...); each returns exports with the true accounts they hold.
 */
import { promises as fs } from "fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { Assumptions } from "../../src/core/assumptions/types";
import { seededRandom } from "../../scripts/seeded-random";

// One seeded generator for the scripts and the tests, so every run writes the same files.
export { seededRandom };

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export interface TrueAccount {
  /** An 18-character Salesforce account ID (letters and digits). */
  id: string;
  /** A customer number with leading zeros ("000417"), as ERPs export them. */
  number: string;
  name: string;
  owner: string;
  industry: string;
  /** The annual contract value in whole dollars (cents where `cents` asked for them). */
  acv: number;
  /** Last activity as year, month, day. */
  lastActivity: { y: number; m: number; d: number };
}

const NAME_HEADS = [
  "Apex",
  "Birch",
  "Cobalt",
  "Dune",
  "Elm",
  "Fern",
  "Gale",
  "Harbor",
  "Iris",
  "Juno",
];
const NAME_TAILS = ["Labs", "Systems", "Group", "Health", "Logistics", "Foods", "Energy", "Bank"];
const OWNERS = ["Ann Lee", "Bob Ortiz", "Chen Wu", "Dana Roy", "Eli Park"];
const INDUSTRIES = ["Software", "Healthcare", "Retail", "Manufacturing", "Finance"];
const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * ACVs spread over every default tier (cut-lines 15k, 50k, 150k, 250k): most
 * are large enough that a factor of 1,000 or a doubled row changes the plan.
 */
const ACV_BANDS: readonly [number, number][] = [
  [2_000, 14_000],
  [16_000, 48_000],
  [52_000, 140_000],
  [160_000, 240_000],
  [260_000, 1_900_000],
];

export interface AccountOptions {
  /** Give some ACVs cents (for decimal-separator hazards). */
  cents?: boolean;
}

/** `count` accounts with distinct names and IDs, ACVs drawn across the tiers. */
export function trueAccounts(
  seed: number,
  count: number,
  options: AccountOptions = {}
): TrueAccount[] {
  const random = seededRandom(seed);
  const accounts: TrueAccount[] = [];
  for (let i = 0; i < count; i++) {
    const [low, high] = ACV_BANDS[i % ACV_BANDS.length];
    let acv = Math.round(low + random() * (high - low));
    if (options.cents && i % 2 === 1) acv += Math.round(random() * 98 + 1) / 100;
    let id = "001";
    for (let k = 0; k < 15; k++) id += ID_CHARS[Math.floor(random() * ID_CHARS.length)];
    accounts.push({
      id,
      number: String(i + 1).padStart(6, "0"),
      name: `${pick(random, NAME_HEADS)} ${pick(random, NAME_TAILS)} ${i + 1}`,
      owner: pick(random, OWNERS),
      industry: pick(random, INDUSTRIES),
      acv,
      lastActivity: { y: 2026, m: 1 + Math.floor(random() * 10), d: 1 + Math.floor(random() * 28) },
    });
  }
  return accounts;
}

export interface ExpectedTier {
  tier: string;
  accounts: number;
  arr: number;
}

export interface ExpectedPlan {
  tiers: ExpectedTier[];
  total: { accounts: number; arr: number };
}

/**
 * The plan the true ACVs must give: each account in the highest tier whose
 * min_acv it reaches (MODEL.md), counted and summed per tier, to the cent.
 */
export function expectedPlan(
  accounts: readonly { acv: number }[],
  assumptions: Assumptions = defaultAssumptions()
): ExpectedPlan {
  const tiers = assumptions.tiers.map((t) => ({
    tier: t.name,
    min: t.min_acv,
    accounts: 0,
    cents: 0,
  }));
  for (const account of accounts) {
    let at = -1;
    tiers.forEach((t, i) => {
      if (account.acv >= t.min && (at < 0 || t.min >= tiers[at].min)) at = i;
    });
    tiers[at].accounts++;
    tiers[at].cents += Math.round(account.acv * 100);
  }
  const total = tiers.reduce(
    (sum, t) => ({ accounts: sum.accounts + t.accounts, cents: sum.cents + t.cents }),
    {
      accounts: 0,
      cents: 0,
    }
  );
  return {
    tiers: tiers.map((t) => ({ tier: t.tier, accounts: t.accounts, arr: t.cents / 100 })),
    total: { accounts: total.accounts, arr: total.cents / 100 },
  };
}

/** One cell of a generated export: what a CSV writes as text, or what an .xlsx cell holds. */
export type GeneratedCell = string | number | Date | null | { text: string; hyperlink: string };

export interface CsvOptions {
  delimiter?: string;
  /** "\r\n" as Excel and Salesforce write, unless told. */
  eol?: string;
  bom?: boolean;
}

function csvField(cell: GeneratedCell, delimiter: string): string {
  if (cell === null) return "";
  const text =
    typeof cell === "string"
      ? cell
      : typeof cell === "number"
        ? String(cell)
        : cell instanceof Date
          ? cell.toISOString().slice(0, 10)
          : cell.text;
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvText(rows: readonly GeneratedCell[][], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ",";
  const eol = options.eol ?? "\r\n";
  const body =
    rows.map((row) => row.map((c) => csvField(c, delimiter)).join(delimiter)).join(eol) + eol;
  return (options.bom ? "\ufeff" : "") + body;
}

export async function writeCsv(
  file: string,
  rows: readonly GeneratedCell[][],
  options: CsvOptions = {}
): Promise<void> {
  await fs.writeFile(file, csvText(rows, options), "utf8");
}

export interface GeneratedSheet {
  name: string;
  rows: GeneratedCell[][];
  /** Ranges to merge, e.g. "A1:F1" for a report title. */
  merges?: string[];
  /** Number formats by 0-based column, applied to every row below `formatFrom`. */
  columnFormats?: Record<number, string>;
  formatFrom?: number;
  /** Rows (0-based) written in bold, as reports style their totals. */
  boldRows?: number[];
  /** Cells ("D5") holding numbers that also carry a hyperlink, as Excel saves them (a <v> number, linked). */
  linkedNumbers?: string[];
  /** Number formats of single cells by address ("D5"), over any column format. */
  cellFormats?: Record<string, string>;
  /** Hidden (Format > Hide) or very hidden (only a macro or the file shows it). */
  state?: "hidden" | "veryHidden";
  /** Rows (0-based) hidden under an AutoFilter over the whole sheet, as a user's filter leaves them. */
  filteredOut?: number[];
}

/** An .xlsx written by ExcelJS: sheets in order, merged cells, number formats, hyperlinks. */
export async function writeXlsx(file: string, sheets: readonly GeneratedSheet[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, sheet.state ? { state: sheet.state } : {});
    sheet.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (cell === null) return;
        const target = ws.getCell(r + 1, c + 1);
        target.value = cell;
        const format = sheet.columnFormats?.[c];
        if (format !== undefined && r >= (sheet.formatFrom ?? 0)) target.numFmt = format;
        if (sheet.boldRows?.includes(r)) target.font = { bold: true };
      });
    });
    for (const [address, format] of Object.entries(sheet.cellFormats ?? {}))
      ws.getCell(address).numFmt = format;
    for (const range of sheet.merges ?? []) ws.mergeCells(range);
    if (sheet.filteredOut?.length) {
      ws.autoFilter = {
        from: { row: 1, column: 1 },
        to: { row: sheet.rows.length, column: sheet.rows[0].length },
      };
      for (const r of sheet.filteredOut) ws.getRow(r + 1).hidden = true;
    }
    // A link on A1 (a title or header text) gives the sheet its hyperlink relationship; linked numbers reuse it.
    if (sheet.linkedNumbers?.length) {
      const text = sheet.rows[0]?.[0];
      ws.getCell("A1").value = { text: String(text ?? ""), hyperlink: "https://example.com/" };
    }
  }
  await workbook.xlsx.writeFile(file);
  await linkNumbers(file, sheets);
}

/** ExcelJS writes a linked value as text; Excel keeps a linked number a number. Adds the links to the number cells. */
async function linkNumbers(file: string, sheets: readonly GeneratedSheet[]): Promise<void> {
  if (!sheets.some((s) => s.linkedNumbers?.length)) return;
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  for (const [i, sheet] of sheets.entries()) {
    if (!sheet.linkedNumbers?.length) continue;
    const part = `xl/worksheets/sheet${i + 1}.xml`;
    const xml = await zip.file(part)!.async("string");
    const link = /<hyperlink ref="A1" r:id="(rId\d+)"\/>/.exec(xml);
    if (link === null) throw new Error(`${part}: no hyperlink to reuse`);
    const extra = sheet.linkedNumbers
      .map((ref) => `<hyperlink ref="${ref}" r:id="${link[1]}"/>`)
      .join("");
    zip.file(part, xml.replace(link[0], link[0] + extra));
  }
  await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

/** Excel's serial for a calendar day (1900 system), computed here from the epoch. */
export function serialOf(day: { y: number; m: number; d: number }): number {
  return Date.UTC(day.y, day.m - 1, day.d) / 86_400_000 + 25_569;
}

export const pad2 = (n: number): string => String(n).padStart(2, "0");

/** What an export must give: the plan of its true accounts, or a refusal whose message names the problem. */
export type Outcome =
  | {
      kind: "plan";
      /** Rows set aside as report furniture. */
      setAside?: number;
      /** A warning the summary must carry (the export disagreeing with itself). */
      warning?: RegExp;
      /** A line the console summary must carry (the sheet read, the header row...). */
      note?: RegExp;
    }
  | {
      kind: "refusal";
      message: RegExp;
      /** Arguments that resolve it (e.g. --locale de-DE), after which the plan is right. */
      resolvedBy?: string[];
    };

export interface GeneratedExport {
  /** File name without extension: the hazard it shows. */
  name: string;
  format: "csv" | "xlsx";
  /** A CSV writes the first sheet's rows; an .xlsx every sheet. */
  sheets: GeneratedSheet[];
  csv?: CsvOptions;
  /** The accounts it holds, with their true ACVs: the expected plan comes from these. */
  accounts: TrueAccount[];
  /** Extra command-line arguments (--sheet, --locale). */
  args?: string[];
  outcome: Outcome;
}

/** Writes an export into `dir`; returns its path. */
export async function writeExport(dir: string, exported: GeneratedExport): Promise<string> {
  const file = `${dir}/${exported.name}.${exported.format}`;
  if (exported.format === "csv") await writeCsv(file, exported.sheets[0].rows, exported.csv);
  else await writeXlsx(file, exported.sheets);
  return file;
}

/** The same export as an .xlsx of typed cells: what Excel holds once the report is opened (the pane's selection). */
export function excelValues(rows: readonly GeneratedCell[][]): (string | number | boolean)[][] {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return rows.map((row) =>
    Array.from({ length: width }, (_, c) => {
      const cell = row[c] ?? null;
      if (cell === null) return "";
      if (cell instanceof Date)
        return (
          Date.UTC(cell.getUTCFullYear(), cell.getUTCMonth(), cell.getUTCDate()) / 86_400_000 +
          25_569
        );
      if (typeof cell === "object") return cell.text;
      return cell;
    })
  );
}
