/**
 * Excel's rounding in the engine (src/engine/excel-rounding.ts), on its own:
 * half away from zero, the value taken to 15 significant digits first, the
 * sign kept, and values with nothing to round at the place left as they are.
 * Expected values by hand.
 */
import {
  excelInt,
  excelPrecision,
  excelRound,
  excelRoundDown,
  excelRoundUp,
} from "../../src/engine/excel-rounding";

test("15 significant digits: 0.1 x 3 and 0.29 x 100 are 0.3 and 29", () => {
  expect(excelPrecision(0.1 * 3)).toBe(0.3);
  expect(excelPrecision(0.29 * 100)).toBe(29);
  expect(excelPrecision(0)).toBe(0);
  expect(excelPrecision(Infinity)).toBe(Infinity);
});

test.each([
  // [x, places, ROUND, ROUNDUP, ROUNDDOWN]
  [1.005, 2, 1.01, 1.01, 1],
  [-1.005, 2, -1.01, -1.01, -1],
  [2.5, 0, 3, 3, 2],
  [-2.5, 0, -3, -3, -2],
  [1234.5678, -2, 1200, 1300, 1200],
  [0.1 * 3, 1, 0.3, 0.3, 0.3],
  [1e-20, 25, 1e-20, 1e-20, 1e-20],
  [1.5, 400, 1.5, 1.5, 1.5],
  [1e300, -305, 0, 1e305, 0],
])("%p at %p places: ROUND %p, ROUNDUP %p, ROUNDDOWN %p", (x, places, round, up, down) => {
  expect(excelRound(x, places)).toBe(round);
  expect(excelRoundUp(x, places)).toBe(up);
  expect(excelRoundDown(x, places)).toBe(down);
});

test("INT rounds down, after the 15-digit view", () => {
  expect(excelInt(-0.5)).toBe(-1);
  expect(excelInt(-8.9)).toBe(-9);
  expect(excelInt(0.29 * 100)).toBe(29);
  expect(excelInt(8.9)).toBe(8);
});
