/**
 * Excel's rounding functions for the engine. HyperFormula rounds the binary
 * double as it is: ROUND(1.005,2) is 1, ROUNDUP(0.1*3,1) is 0.4,
 * INT(0.29*100) is 28, and INT(-0.5) is 0 (it truncates). Excel rounds the
 * value as it holds and shows it, to 15 significant digits, and INT rounds
 * down: 1.01, 0.3, 29 and -1 (Microsoft's INT page: INT(-8.9) is -9;
 * LibreOffice Calc gives the same four answers). In a headcount model
 * ROUNDUP(accounts/ratio, 0) is the number of people to hire, so a binary
 * tail must not add one. ROUND, ROUNDUP, ROUNDDOWN, TRUNC, INT, CEILING,
 * FLOOR, CEILING.MATH, FLOOR.MATH, CEILING.PRECISE, ISO.CEILING,
 * FLOOR.PRECISE, EVEN and ODD are replaced (src/engine/excel-functions.ts),
 * with HyperFormula's own parameters and errors. MROUND is left as it is:
 * Microsoft's MROUND page says its midpoints with a decimal multiple are
 * "undefined" (MROUND(6.05,0.1) is 6.0, MROUND(7.05,0.1) is 7.1), which is
 * what rounding the binary quotient gives, and away from a midpoint a binary
 * tail changes nothing.
 */
import { CellError, ErrorType } from "hyperformula";

/** A number as Excel holds it: 15 significant digits. */
export function excelPrecision(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(15));
}

/** x x 10^places, taken to 15 digits, so 1.005 x 100 is 100.5 as written, not 100.49999999999999. */
function scale(x: number, places: number): number {
  return excelPrecision(places >= 0 ? x * 10 ** places : x / 10 ** -places);
}

function unscale(n: number, places: number): number {
  return excelPrecision(places >= 0 ? n / 10 ** places : n * 10 ** -places);
}

/** Rounds |x| at `places` (truncated toward zero, as Excel does) with `step`, keeping the sign. */
function roundAt(x: number, places: number, step: (n: number) => number): number {
  const digits = Math.trunc(places);
  const scaled = scale(Math.abs(x), digits);
  // Past the double's range the value has nothing to round at that place.
  if (!Number.isFinite(scaled)) return x;
  const stepped = step(scaled);
  // Nothing left at that place (ROUND(5,-400) is 0, as in LibreOffice), and 0 x 10^400 is not NaN.
  if (stepped === 0) return 0;
  const rounded = unscale(stepped, digits);
  return x < 0 ? -rounded : rounded;
}

/** Math.round rounds half up; Excel's ROUND rounds half away from zero, which on |x| is half up. */
export function excelRound(x: number, places: number): number {
  return roundAt(x, places, Math.round);
}

export function excelRoundUp(x: number, places: number): number {
  return roundAt(x, places, Math.ceil);
}

export function excelRoundDown(x: number, places: number): number {
  return roundAt(x, places, Math.floor);
}

export function excelInt(x: number): number {
  return Math.floor(excelPrecision(x));
}

/** CEILING and FLOOR: a multiple of the significance, the quotient taken to 15 digits first. */
function toMultiple(
  value: number,
  significance: number,
  step: (n: number) => number
): number | CellError {
  if (value === 0) return 0;
  if (significance === 0) return new CellError(ErrorType.DIV_BY_ZERO);
  if (value > 0 && significance < 0)
    return new CellError(ErrorType.NUM, "Value and significance have different signs.");
  return excelPrecision(step(excelPrecision(value / significance)) * significance);
}

export function excelCeiling(value: number, significance: number): number | CellError {
  return toMultiple(value, significance, Math.ceil);
}

export function excelFloor(value: number, significance: number): number | CellError {
  return toMultiple(value, significance, Math.floor);
}

/** A multiple of |significance|, rounded up or down as `step` does, after the quotient is taken to 15 digits. */
function toMultipleOf(value: number, significance: number, step: (n: number) => number): number {
  if (value === 0 || significance === 0) return 0;
  const size = Math.abs(significance);
  return excelPrecision(step(excelPrecision(value / size)) * size) + 0;
}

/**
 * CEILING.MATH: up to a multiple of the significance (its sign ignored);
 * a negative number goes away from zero when the mode is not 0. Microsoft's
 * CEILING.MATH page: (24.3,5) is 25, (6.7) is 7, (-8.1,2) is -8 and
 * (-5.5,2,-1) is -6, so any mode but 0 counts (HyperFormula took only 1).
 */
export function excelCeilingMath(value: number, significance: number, mode: number): number {
  return toMultipleOf(value, significance, value < 0 && mode !== 0 ? Math.floor : Math.ceil);
}

/** FLOOR.MATH: as CEILING.MATH, down; a negative number goes toward zero when the mode is not 0. */
export function excelFloorMath(value: number, significance: number, mode: number): number {
  return toMultipleOf(value, significance, value < 0 && mode !== 0 ? Math.ceil : Math.floor);
}

/** CEILING.PRECISE and ISO.CEILING: up, whatever the signs. */
export function excelCeilingPrecise(value: number, significance: number): number {
  return toMultipleOf(value, significance, Math.ceil);
}

/** FLOOR.PRECISE: down, whatever the signs. */
export function excelFloorPrecise(value: number, significance: number): number {
  return toMultipleOf(value, significance, Math.floor);
}

/** |x| up to the next integer of the given parity (0 even, 1 odd), the sign kept: EVEN and ODD. */
function awayToParity(x: number, parity: 0 | 1): number {
  const up = Math.ceil(Math.abs(excelPrecision(x)));
  const result = up % 2 === parity ? up : up + 1;
  return x < 0 ? -result : result;
}

export function excelEven(x: number): number {
  return awayToParity(x, 0);
}

export function excelOdd(x: number): number {
  return awayToParity(x, 1);
}
