/**
 * Excel serial dates in the 1900 date system, as the formulas see them.
 *
 * Serial 1 is 1900-01-01. Excel (after Lotus 1-2-3) counts a 29 February 1900
 * that never existed: serial 60 is that fake day and serial 61 is 1900-03-01;
 * from there on, serial 25569 is 1970-01-01 and one day is 1. Everything here
 * is computed with Date.UTC / getTime, never with local-time getters, so the
 * machine's time zone cannot shift a date by a day.
 */

import { CsError, Errors } from "./errors";
import { cellValue, inputError, isBlank, isErrorValue } from "./values";

const MS_PER_DAY = 86_400_000;
/** Excel serial of 1970-01-01, the Unix epoch. */
const UNIX_EPOCH_SERIAL = 25569;
/** 9999-12-31, the last day Excel can show. */
export const MAX_EXCEL_SERIAL = 2_958_465;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * True when y-m-d is a day Excel can hold: 1900-01-01 to 9999-12-31, a real
 * calendar day, or Excel's fake 1900-02-29.
 */
export function isExcelYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  if (y === 1900 && m === 2 && d === 29) return true;
  const last = m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1];
  return d <= last;
}

/** The serial of a calendar day; RangeError for a day Excel cannot hold (e.g. 1899-12-31, 2026-02-30). */
export function excelSerialFromYmd(y: number, m: number, d: number): number {
  if (!isExcelYmd(y, m, d))
    throw new RangeError(`${y}-${m}-${d} is not a date Excel can hold (1900-01-01 to 9999-12-31)`);
  if (y === 1900 && m === 2 && d === 29) return 60;
  const serial = (Date.UTC(y, m - 1, d) - Date.UTC(1970, 0, 1)) / MS_PER_DAY + UNIX_EPOCH_SERIAL;
  // Before the fake leap day the count is one lower than the real day count.
  return serial < 61 ? serial - 1 : serial;
}

/** The calendar day of a serial (its time fraction ignored); RangeError outside 1..2958465. */
export function ymdFromExcelSerial(serial: number): { y: number; m: number; d: number } {
  if (!Number.isFinite(serial) || serial < 1 || serial >= MAX_EXCEL_SERIAL + 1) {
    throw new RangeError(`${serial} is not an Excel date serial (1 to ${MAX_EXCEL_SERIAL})`);
  }
  const day = Math.floor(serial);
  if (day === 60) return { y: 1900, m: 2, d: 29 };
  const real = day < 60 ? day + 1 : day;
  const date = new Date((real - UNIX_EPOCH_SERIAL) * MS_PER_DAY);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/**
 * The serial of a Date read by ExcelJS, time fraction kept. ExcelJS turns a
 * stored serial v into the UTC instant (v - 25569) days after 1970-01-01, so
 * this is its exact inverse: the serial stored in the file comes back, also
 * before 1900-03-01 (where ExcelJS's Dates are a day early because it does
 * not know the fake leap day) and for 1904-system workbooks (ExcelJS has
 * already moved those to the real day, which is what the user sees).
 */
export function excelSerialFromDate(date: Date): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("invalid Date");
  const days = Math.floor(ms / MS_PER_DAY);
  const fraction = (ms - days * MS_PER_DAY) / MS_PER_DAY;
  return days + UNIX_EPOCH_SERIAL + fraction;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?Z?)?$/;

/**
 * Reads a date argument as the CS functions accept it: an Excel serial
 * number (the time of day ignored) or ISO text "2026-01-15". Other text
 * ("1/15/2026", "15.01.2026") is refused: its day and month order depends on
 * the workbook's locale, and a guess could move a date by months.
 * Returns the whole-day serial, null for a blank, or the error to show.
 */
export function parseDate(raw: unknown, what: string): number | null | CsError {
  if (isBlank(raw)) return null;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw) || raw < 1 || raw >= MAX_EXCEL_SERIAL + 1)
      return Errors.notADate(what, raw);
    return Math.floor(raw);
  }
  if (typeof raw !== "string") return Errors.notADate(what, raw);
  const match = ISO_DATE.exec(raw.trim());
  if (!match) return Errors.notADate(what, raw);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isExcelYmd(y, m, d) ? excelSerialFromYmd(y, m, d) : Errors.notADate(what, raw);
}

/**
 * Reads a date cell as a whole-day serial (parseDate: a serial or ISO text);
 * null for a blank. 0 is read as blank too: it is no date (Excel shows it as
 * 1900-01-00), and it is what Excel desktop passes for an empty cell.
 */
export function readDay(raw: unknown, what: string): number | null | CsError {
  raw = cellValue(raw);
  if (isErrorValue(raw)) return inputError(what, raw);
  if (raw === 0) return null;
  return parseDate(raw, what);
}

/** A whole-day Excel serial as ISO text ("2026-01-15"), for messages. */
export function isoDate(serial: number): string {
  const { y, m, d } = ymdFromExcelSerial(serial);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
