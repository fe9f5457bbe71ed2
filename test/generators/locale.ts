/**
 * Locales: European exports with semicolon or tab delimiters, a decimal
 * comma, dot, space, no-break space, narrow no-break space and apostrophe
 * thousands separators, day-first dates and date-time text. A column whose
 * values read two ways ("80.000" and "250.000" only) must be refused until
 * --locale says which; no export may come out 1,000 times too small.
 */
import { GeneratedCell, GeneratedExport, pad2, TrueAccount, trueAccounts } from "./common";

interface Style {
  decimal: "," | ".";
  group: string;
  dayFirst: boolean;
  dateSeparator: string;
}

/** An amount as the locale writes it: 1250000.5 -> "1.250.000,50". */
export function formatAmount(value: number, style: Style, cents: boolean): string {
  const whole = Math.trunc(value);
  const fraction = Math.round((value - whole) * 100);
  const digits = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, style.group);
  return cents || fraction !== 0 ? `${digits}${style.decimal}${pad2(fraction)}` : digits;
}

function formatDate(a: TrueAccount, style: Style, time: boolean): string {
  const { y, m, d } = a.lastActivity;
  const s = style.dateSeparator;
  const date = style.dayFirst ? `${pad2(d)}${s}${pad2(m)}${s}${y}` : `${m}${s}${d}${s}${y}`;
  return time ? `${date} ${pad2(9 + (d % 8))}:${pad2((m * 7) % 60)}` : date;
}

const HEADER = ["Account Name", "Account ID", "ARR", "Last Activity"];

function rowsOf(accounts: readonly TrueAccount[], style: Style, cents: boolean, time: boolean) {
  const rows: GeneratedCell[][] = [HEADER];
  for (const a of accounts)
    rows.push([a.name, a.id, formatAmount(a.acv, style, cents), formatDate(a, style, time)]);
  return rows;
}

const GERMAN: Style = { decimal: ",", group: ".", dayFirst: true, dateSeparator: "." };

export function localeExports(seed = 31): GeneratedExport[] {
  const exports: GeneratedExport[] = [];
  // German, semicolons: "1.250.000,00" and "80.000,00"; dates 31.01.2026.
  const de = trueAccounts(seed, 30, { cents: true });
  exports.push({
    name: "locale-de-semicolon",
    format: "csv",
    csv: { delimiter: ";" },
    sheets: [{ name: "Export", rows: rowsOf(de, GERMAN, true, false) }],
    accounts: de,
    outcome: { kind: "plan" },
  });
  // German without cents, tab-delimited: "80.000" beside "1.250.000" (the column decides: dots group thousands).
  const tab = trueAccounts(seed + 1, 30);
  tab[4] = { ...tab[4], acv: 1_250_000 };
  exports.push({
    name: "locale-de-tab",
    format: "csv",
    csv: { delimiter: "\t" },
    sheets: [{ name: "Export", rows: rowsOf(tab, GERMAN, false, true) }],
    accounts: tab,
    outcome: { kind: "plan" },
  });
  // French: spaces, no-break spaces and narrow no-break spaces between thousands, decimal comma, 31/01/2026 14:05.
  const fr = trueAccounts(seed + 2, 30, { cents: true });
  const frRows = rowsOf(
    fr,
    { decimal: ",", group: " ", dayFirst: true, dateSeparator: "/" },
    true,
    true
  );
  frRows.forEach((row, i) => {
    if (i > 0 && typeof row[2] === "string")
      row[2] = row[2].replace(/ /g, ["\u00a0", "\u202f", " "][i % 3]);
  });
  exports.push({
    name: "locale-fr-spaces",
    format: "csv",
    csv: { delimiter: ";" },
    sheets: [{ name: "Export", rows: frRows }],
    accounts: fr,
    outcome: { kind: "plan" },
  });
  // Swiss: apostrophes between thousands, decimal point.
  const ch = trueAccounts(seed + 3, 30, { cents: true });
  exports.push({
    name: "locale-ch-apostrophe",
    format: "csv",
    csv: { delimiter: ";" },
    sheets: [
      {
        name: "Export",
        rows: rowsOf(
          ch,
          { decimal: ".", group: "'", dayFirst: true, dateSeparator: "." },
          true,
          false
        ),
      },
    ],
    accounts: ch,
    outcome: { kind: "plan" },
  });
  // Truly ambiguous: every ARR a whole number of thousands below a million ("80.000", "250.000"):
  // 80 or 80,000? Refused until --locale says.
  const ambiguous = trueAccounts(seed + 4, 20).map((a) => ({
    ...a,
    acv: Math.min(999_000, Math.max(1_000, Math.round(a.acv / 1000) * 1000)),
  }));
  exports.push({
    name: "locale-ambiguous",
    format: "csv",
    csv: { delimiter: ";" },
    sheets: [{ name: "Export", rows: rowsOf(ambiguous, GERMAN, false, false) }],
    accounts: ambiguous,
    outcome: {
      kind: "refusal",
      message:
        /column "ARR" can be read two ways.*"\d{1,3}\.000".*--locale en-US or --locale de-DE/,
      resolvedBy: ["--locale", "de-DE"],
    },
  });
  // Day-first dates whose days are all 12 or less: 01/02/2026 is 1 February or 2 January; refused until --locale.
  const dates = trueAccounts(seed + 5, 20).map((a) => ({
    ...a,
    lastActivity: { ...a.lastActivity, d: 1 + (a.lastActivity.d % 12) },
  }));
  exports.push({
    name: "locale-ambiguous-dates",
    format: "csv",
    csv: { delimiter: ";" },
    sheets: [
      {
        name: "Export",
        rows: rowsOf(
          dates,
          { decimal: ",", group: ".", dayFirst: true, dateSeparator: "/" },
          true,
          false
        ),
      },
    ],
    accounts: dates,
    outcome: {
      kind: "refusal",
      message: /column "Last Activity" can be read two ways.*--locale en-US or --locale en-GB/,
      resolvedBy: ["--locale", "en-GB"],
    },
  });
  return exports;
}

/** The serial of an account's last activity (the day, as the locale's date means it). */
export { formatDate };
