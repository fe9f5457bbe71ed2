/**
 * Expansion credit clawback (MODEL.md §5, S4 FAQ): the whole credit is
 * clawed back when the account churns within the window after the booking
 * date; otherwise nothing.
 */
import { isoDate } from "./dates";
import { CsError, Errors } from "./errors";
import { roundCents } from "./money";

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
