/**
 * The reconciliation of a plan with its export, as the Plan view shows it
 * after a build: one line per figure, its label in words and its figure as
 * finance reads it (counts with thousands separators, money in the plan
 * currency, whole units). The builder works the figures out
 * (src/plan/reconcile.ts, the same as the command line's block); this file
 * only words them. No DOM.
 */
import { formatMoney } from "../plan/currency";
import type { Reconciliation } from "../plan/reconcile";
import type { SkipKind } from "../plan/rows";

export interface ReconciliationLine {
  label: string;
  figure: string;
  /** 0 for a total, 1 for a part of it, 2 for a part of a part, 3 below that. */
  level: 0 | 1 | 2 | 3;
  /** Where a group of lines starts (rows, then money, then the plan's quality and cost). */
  group: "rows" | "arr" | "plan";
}

const SKIP_WORDS: Record<SkipKind, string> = {
  blank: "ACV blank",
  unreadable: "ACV not an amount",
  negative: "ACV negative (credit notes, refunds)",
  currency: "Currency without a rate, or unclear",
  term: "Contract term missing or unusable",
  status: "Not customers (by status)",
  ended: "Contracts ended before the as-of date",
  duplicate: "Exact duplicate lines",
};

const count = (value: number) => value.toLocaleString("en-US");

/** The lines of the reconciliation block, in reading order; parts only where they are not 0. */
export function reconciliationLines(r: Reconciliation): ReconciliationLine[] {
  const money = (value: number) => formatMoney(value, r.currency);
  const skipped = (Object.entries(r.skipped) as [SkipKind, number][]).filter(([, n]) => n > 0);
  const leftOut = skipped.reduce((sum, [, n]) => sum + n, 0);
  const lines: ReconciliationLine[] = [
    { label: "Rows read", figure: count(r.rowsRead), level: 0, group: "rows" },
    { label: "Accounts planned", figure: count(r.accountsPlanned), level: 1, group: "rows" },
  ];
  // Planned as customers although their status is not one the plan knows: for the user to check.
  for (const s of r.unrecognisedStatuses)
    lines.push({
      label: `Rows planned whose status "${s.status}" is not recognised`,
      figure: count(s.rows),
      level: 2,
      group: "rows",
    });
  if (r.rowsUnnamed > 0)
    lines.push({
      label: "Rows with no account name, each planned as its own account",
      figure: count(r.rowsUnnamed),
      level: 2,
      group: "rows",
    });
  if (r.rowsCombined > 0)
    lines.push({
      label: "Rows combined into an account above them",
      figure: count(r.rowsCombined),
      level: 1,
      group: "rows",
    });
  if (r.rowsContinuingAccount > 0)
    lines.push({
      label: "Account name left blank under an account (a grouped report)",
      figure: count(r.rowsContinuingAccount),
      level: 2,
      group: "rows",
    });
  lines.push({ label: "Rows left out", figure: count(leftOut), level: 1, group: "rows" });
  for (const [kind, n] of skipped) {
    lines.push({ label: SKIP_WORDS[kind], figure: count(n), level: 2, group: "rows" });
    if (kind === "status")
      for (const s of r.excludedStatuses)
        lines.push({
          label: `Status "${s.status}"`,
          figure: count(s.rows),
          level: 3,
          group: "rows",
        });
  }
  if (r.rowsSetAside > 0)
    lines.push({
      label: "Report rows set aside (titles, totals, footers; not in rows read)",
      figure: count(r.rowsSetAside),
      level: 0,
      group: "rows",
    });
  lines.push(
    { label: "ARR in the file", figure: money(r.arrInFile), level: 0, group: "arr" },
    { label: "ARR planned", figure: money(r.arrPlanned), level: 0, group: "arr" }
  );
  if (Math.abs(r.arrInFile - r.arrPlanned) >= 0.5)
    lines.push({
      label: "ARR not planned (rows left out)",
      figure: money(r.arrInFile - r.arrPlanned),
      level: 1,
      group: "arr",
    });
  for (const c of r.currencies.filter((x) => x.converted))
    lines.push({
      label: `Rows converted from ${c.code} (fx.${c.code})`,
      figure: count(c.rows),
      level: 1,
      group: "arr",
    });
  if (r.futureTouches > 0)
    lines.push({
      label: "Last activity after today, not counted as a touch",
      figure: count(r.futureTouches),
      level: 0,
      group: "plan",
    });
  if (r.unreadableTouches > 0)
    lines.push({
      label: "Last activity not a date, not counted as a touch",
      figure: count(r.unreadableTouches),
      level: 0,
      group: "plan",
    });
  lines.push(
    {
      label: "Coverage quality",
      figure: r.coverageQuality === null ? "n/a" : `${(r.coverageQuality * 100).toFixed(1)}%`,
      level: 0,
      group: "plan",
    },
    { label: "CS cost a year", figure: money(r.csCost), level: 0, group: "plan" }
  );
  return lines;
}
