/**
 * Expansion credit clawback (MODEL.md §5, S4 FAQ): the whole credit is
 * clawed back when the account churns within the window after the booking
 * date; otherwise nothing.
 */
import { parseDate, ymdFromExcelSerial } from "./dates";
import { CsError, Errors } from "./errors";
import { roundCents } from "./money";
import { errorCodeOf, isErrorValue } from "./values";

/**
 * Reads a date cell as a whole-day serial (parseDate: a serial or ISO text);
 * null for a blank. 0 is read as blank too: it is no date (Excel shows it as
 * 1900-01-00), and it is what Excel desktop passes for an empty cell.
 */
export function readDay(raw: unknown, what: string): number | null | CsError {
  if (isErrorValue(raw)) return Errors.errorInInput(what, errorCodeOf(raw));
  if (raw === 0) return null;
  return parseDate(raw, what);
}

/** A whole-day Excel serial as ISO text ("2026-01-15"), for messages. */
export function isoDate(serial: number): string {
  const { y, m, d } = ymdFromExcelSerial(serial);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * The credit to claw back. Dates are whole-day serials; churn null means the
 * account has not churned. "Within" the window is at most windowDays days
 * after booking: with 90, a churn 90 days after booking is clawed back and
 * 91 days after is not; a churn on the booking day itself is clawed back.
 * A churn before the booking is a data error.
 */
export function clawback(
  credit: number,
  booking: number,
  churn: number | null,
  windowDays: number
): number | CsError {
  if (churn === null) return 0;
  const days = churn - booking;
  if (days < 0) return Errors.churnBeforeBooking(isoDate(churn), isoDate(booking));
  return days <= windowDays ? roundCents(credit) : 0;
}
