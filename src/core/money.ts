/** Money is reported to the cent: finance reconciles to the cent, not to 1e-12. */
export function roundCents(value: number): number {
  // Far beyond any amount (MAX_AMOUNT) there are no cents to round, and x100 could overflow.
  if (!Number.isFinite(value * 100)) return value + 0;
  return Math.round((value + Number.EPSILON * Math.sign(value)) * 100) / 100 + 0;
}

/**
 * Rounds up a headcount, forgiving floating-point dust: 22 / 11 * 1 may come
 * out as 2.0000000000000004, which is 2 people, not 3.
 */
export function ceilPeople(value: number): number {
  return Math.ceil(value - 1e-9) + 0;
}

/**
 * Drops floating-point dust from a ratio-sized result (a multiple, a share):
 * 0.45 + 0.35 x 0.9714... + 0.18 is 0.9700000000000003 in binary, and a
 * workbook that tests =CS.VARIABLE_PAYOUT(...)=0.97 should get TRUE.
 */
export function tidy(value: number): number {
  // Beyond 1e3 the 1e-12 grid is finer than a double's spacing; x1e12 could overflow.
  if (!Number.isFinite(value * 1e12)) return value + 0;
  return Math.round(value * 1e12) / 1e12 + 0;
}
