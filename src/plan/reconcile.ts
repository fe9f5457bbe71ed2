/**
 * The reconciliation of a plan with its export, for the console, --json and
 * the pane: every row read is either planned (alone or combined into an
 * account), set aside as report furniture, or skipped with a reason; ARR in
 * the file against ARR planned; and the plan's coverage quality and CS cost,
 * computed from the same assumptions and accounts as the workbook's
 * formulas (MODEL.md §4 and §7).
 */
import { Assumptions } from "../core/assumptions/types";
import { CsError } from "../core/errors";
import { roundCents } from "../core/money";
import { CoverageTally } from "../core/quality";
import { PlanAccounts, SkipKind } from "./rows";

export interface Reconciliation {
  /** Rows under the header that hold a value (blank lines aside). */
  rowsRead: number;
  accountsPlanned: number;
  /** Rows folded into an account listed above them (same ID or name). */
  rowsCombined: number;
  /** Of those, a grouped report's rows whose account name was left blank, counted in the account above them. */
  rowsContinuingAccount: number;
  /** Rows planned each as its own account because their account name (and ID) is blank. */
  rowsUnnamed: number;
  /** Title, total, subtotal and footer rows set aside as report furniture. */
  rowsSetAside: number;
  /** Rows left out, by reason. */
  skipped: Partial<Record<SkipKind, number>>;
  /** Every readable, non-negative ACV in the file, in the plan currency. */
  arrInFile: number;
  arrPlanned: number;
  currency: string;
  /** Amounts by the currency they were in ("EUR" converted with fx.EUR). */
  currencies: { code: string; rows: number; converted: boolean }[];
  /** Statuses left out as not customers (see --all-statuses). */
  excludedStatuses: { status: string; rows: number }[];
  /** Statuses kept as customers although the plan does not know them ("Partner", "Draft"): for the user to check. */
  unrecognisedStatuses: { status: string; rows: number }[];
  /** Last-activity dates after the as-of date or not dates: not touches. */
  futureTouches: number;
  unreadableTouches: number;
  /** Share of SLA-bound accounts touched within SLA; null without an activity column or SLA-bound account. */
  coverageQuality: number | null;
  /** CSMs needed x loaded cost per CSM (the segment's CSM OTE), a year. */
  csCost: number;
}

/** The tier index of an ACV: the highest minimum at or below it (tiers in ascending order). */
function tierIndex(tiers: Assumptions["tiers"], acv: number): number {
  let index = 0;
  for (let t = 1; t < tiers.length; t++) if (tiers[t].min_acv <= acv) index = t;
  return index;
}

export function reconcile(
  accounts: PlanAccounts,
  assumptions: Assumptions,
  asOf: number,
  rowsSetAside = 0
): Reconciliation {
  const tiers = [...assumptions.tiers].sort((a, b) => a.min_acv - b.min_acv);
  const counts = new Array<number>(tiers.length).fill(0);
  const tally = new CoverageTally(asOf);
  let arrPlanned = 0;
  let touchError = false;
  for (let a = 0; a < accounts.acv.length; a++) {
    const t = tierIndex(tiers, accounts.acv[a]);
    counts[t]++;
    arrPlanned += accounts.acv[a];
    if (accounts.lastTouch !== null) {
      const touch = accounts.lastTouch[a];
      if (tally.add(tiers[t], Number.isNaN(touch) ? null : touch) !== null) touchError = true;
    }
  }
  const share = accounts.lastTouch === null || touchError ? null : tally.share();
  let csCost = 0;
  tiers.forEach((tier, t) => {
    if (tier.csm_ratio === null || counts[t] === 0) return;
    const segment = assumptions.segments.find((s) => s.name === tier.segment);
    const ote = assumptions.ote.find((o) => o.role === segment?.comp_role);
    if (ote !== undefined) csCost += (counts[t] / tier.csm_ratio) * (ote.base + ote.variable);
  });
  const skipped: Partial<Record<SkipKind, number>> = {};
  for (const s of accounts.skipped) skipped[s.kind] = (skipped[s.kind] ?? 0) + 1;
  return {
    rowsRead: accounts.rowsRead,
    accountsPlanned: accounts.acv.length,
    rowsCombined: accounts.combined,
    rowsContinuingAccount: accounts.continued,
    rowsUnnamed: accounts.unnamed,
    rowsSetAside,
    skipped,
    arrInFile: accounts.fileArr,
    arrPlanned: roundCents(arrPlanned),
    currency: assumptions.currency,
    currencies: accounts.currencies,
    excludedStatuses: accounts.excludedStatuses,
    unrecognisedStatuses: accounts.unclassifiedStatuses,
    futureTouches: accounts.touches.future,
    unreadableTouches: accounts.touches.unreadable,
    coverageQuality: share === null || share instanceof CsError ? null : share,
    csCost: roundCents(csCost),
  };
}

const SKIP_LABELS: Record<SkipKind, string> = {
  blank: "ACV blank",
  unreadable: "ACV not an amount",
  negative: "ACV negative",
  currency: "currency without a rate or unclear",
  term: "contract term missing or unusable",
  status: "not customers (status)",
  ended: "contract ended before the as-of date",
  duplicate: "exact duplicate lines",
};

/** The reconciliation for people, one line each. `money` shows an amount in the plan currency. */
export function describeReconciliation(
  r: Reconciliation,
  money: (value: number) => string
): string[] {
  const n = (v: number) => v.toLocaleString("en-US");
  const skippedTotal = Object.values(r.skipped).reduce((a, b) => a + (b ?? 0), 0);
  const lines = [
    `Rows read ${n(r.rowsRead)} = ${n(r.accountsPlanned)} accounts planned + ${n(r.rowsCombined)} rows combined into them + ${n(skippedTotal)} rows left out` +
      (r.rowsSetAside > 0
        ? ` (and ${n(r.rowsSetAside)} report rows set aside: titles, totals, footers)`
        : ""),
  ];
  if (r.rowsContinuingAccount > 0)
    lines.push(
      `  combined, account name left blank under an account (a grouped report): ${n(r.rowsContinuingAccount)}`
    );
  for (const [kind, count] of Object.entries(r.skipped) as [SkipKind, number][])
    lines.push(`  left out, ${SKIP_LABELS[kind]}: ${n(count)}`);
  lines.push(`ARR in the file ${money(r.arrInFile)}; ARR planned ${money(r.arrPlanned)}`);
  const converted = r.currencies.filter((c) => c.converted);
  if (converted.length > 0)
    lines.push(
      `Converted into ${r.currency}: ${converted.map((c) => `${n(c.rows)} rows in ${c.code}`).join(", ")} (fx.* assumptions)`
    );
  if (r.excludedStatuses.length > 0)
    lines.push(
      `Not customers, left out: ${r.excludedStatuses.map((s) => `${JSON.stringify(s.status)} ${n(s.rows)}`).join(", ")}; plan them too with --all-statuses`
    );
  if (r.unrecognisedStatuses.length > 0)
    lines.push(
      `Kept as customers, status not recognised: ${r.unrecognisedStatuses.map((s) => `${JSON.stringify(s.status)} ${n(s.rows)}`).join(", ")}; check that they are customers`
    );
  if (r.rowsUnnamed > 0)
    lines.push(
      `No account name: ${n(r.rowsUnnamed)} rows planned each as its own account; if they belong to the account above them, fill in its name`
    );
  if (r.futureTouches > 0 || r.unreadableTouches > 0)
    lines.push(
      `Last activity not counted as a touch: ${n(r.futureTouches)} dated after the as-of date, ${n(r.unreadableTouches)} not dates`
    );
  lines.push(
    `Coverage quality ${r.coverageQuality === null ? "n/a" : `${(r.coverageQuality * 100).toFixed(1)}%`}; CS cost ${money(r.csCost)} a year`
  );
  return lines;
}
