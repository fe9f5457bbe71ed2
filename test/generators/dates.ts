/**
 * Activity dates as CRMs write them: Salesforce's "Last Activity" holds
 * future dates for scheduled events, and some cells are not dates at all.
 * Neither is a touch, neither turns the book's coverage quality into an
 * error; the plan says how many there were. The dates are placed around the
 * as-of date the test passes (today), so coverage is known exactly.
 */
import { seededRandom, trueAccounts } from "./common";
import { PlanHazardExport } from "./plan-export";

export interface DatedAccount {
  acv: number;
  /** The touch as an Excel serial, or null when the cell is no touch (blank, future, not a date). */
  touch: number | null;
}

export function datesExport(
  asOf: number,
  seed = 1205
): PlanHazardExport & { dated: DatedAccount[]; future: number; unreadable: number } {
  const random = seededRandom(seed);
  const accounts = trueAccounts(seed, 60);
  let future = 0;
  let unreadable = 0;
  const iso = (serial: number) =>
    new Date((serial - 25_569) * 86_400_000).toISOString().slice(0, 10);
  const rows = [["Account Name", "ACV", "Last Activity"]];
  const dated: DatedAccount[] = [];
  for (const a of accounts) {
    const roll = random();
    let cell: string | null;
    let touch: number | null = null;
    if (roll < 0.2) {
      // Scheduled: 1 to 90 days ahead.
      cell = iso(asOf + 1 + Math.floor(random() * 90));
      future++;
    } else if (roll < 0.25) {
      cell = "see notes";
      unreadable++;
    } else if (roll < 0.3) cell = null;
    else {
      touch = asOf - Math.floor(random() * 200);
      cell = random() < 0.5 ? iso(touch) : `${iso(touch)} 14:05:00`;
    }
    rows.push([a.name, a.acv, cell] as never);
    dated.push({ acv: a.acv, touch });
  }
  return {
    name: "dates-future-and-unreadable",
    rows,
    accounts: dated.map((d) => ({ acv: d.acv })),
    outcome: { kind: "plan" },
    dated,
    future,
    unreadable,
  };
}
