/**
 * The last touch of each account as the plan's coverage quality counts it.
 * CRM exports hold dates the coverage formula cannot take as a touch:
 * Salesforce writes future "Last Activity" dates for scheduled events, and
 * some cells are not dates at all. A date after the as-of date is not a
 * touch (the account counts as not touched, like a blank), an unreadable
 * one neither; both are counted and reported, and neither can turn the
 * book's coverage quality into an error. Of an account's several rows, the
 * latest touch counts.
 */
import { excelSerialFromYmd, isExcelYmd, parseDate } from "../core/dates";
import { ExportCell } from "./columns";

/** "2026-10-30 14:22", "2026-10-30T14:22:05Z": the day of an ISO date-time. */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/;

export type TouchReading = { day: number } | "blank" | "unreadable";

/** One last-activity cell as a whole-day serial. */
export function readTouch(cell: ExportCell): TouchReading {
  if (cell === null || cell === 0 || (typeof cell === "string" && cell.trim() === ""))
    return "blank";
  const day = parseDate(cell, "Last activity");
  if (typeof day === "number") return { day };
  if (typeof cell === "string") {
    const m = ISO_DATE_TIME.exec(cell.trim());
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (isExcelYmd(y, mo, d)) return { day: excelSerialFromYmd(y, mo, d) };
    }
  }
  return "unreadable";
}

export interface TouchCounts {
  /** Rows whose last activity is after the as-of date: not a touch. */
  future: number;
  /** Rows whose last activity is not a date: not a touch. */
  unreadable: number;
}
