/** Money is reported to the cent: finance reconciles to the cent, not to 1e-12. */
export function roundCents(value: number): number {
  return Math.round((value + Number.EPSILON * Math.sign(value)) * 100) / 100 + 0;
}

/**
 * Rounds up a headcount, forgiving floating-point dust: 22 / 11 * 1 may come
 * out as 2.0000000000000004, which is 2 people, not 3.
 */
export function ceilPeople(value: number): number {
  return Math.ceil(value - 1e-9) + 0;
}
