import { bookLoad, bookMix, isAbove } from "../../src/core/books";

describe("book load (S0 §7.2)", () => {
  test("strictly above the limit, whatever floating point does to threshold x target", () => {
    expect(isAbove(33, 1.1 * 30)).toBe(false); // 1.1 x 30 = 33.000000000000004
    expect(isAbove(55, 1.1 * 50)).toBe(false); // 55.00000000000001
    expect(isAbove(35.2, 1.1 * 32)).toBe(false); // exactly at 110% of 32
    expect(isAbove(34, 1.1 * 30)).toBe(true);
    expect(isAbove(33.01, 33)).toBe(true);
  });

  test("share of books above threshold x target", () => {
    // Limit 1.1 x 32 = 35.2: 36 and 40 are above, 30 and 35 are not -> 2 / 4.
    expect(bookLoad([30, 35, 36, 40], 32, 1.1)).toBe(0.5);
    // Per-book targets: 12 > 11 x 1.1 = 12.1? no; 40 > 35.2 yes; 200 > 192.5 yes -> 2 / 3.
    expect(bookLoad([12, 40, 200], [11, 32, 175], 1.1)).toBeCloseTo(2 / 3, 12);
    expect(bookLoad([0], 32, 1.1)).toBe(0);
  });
});

describe("book mix (S2 anchor-and-extend)", () => {
  test("share outside the largest segment", () => {
    expect(bookMix([3, 1, 0])).toBe(0.25);
    expect(bookMix([0, 7, 3])).toBe(0.3);
    expect(bookMix([5, 0, 0])).toBe(0);
  });

  test("a tie gives the same share whichever segment anchors", () => {
    expect(bookMix([5, 5, 0])).toBe(0.5);
    expect(bookMix([2, 2, 2])).toBeCloseTo(2 / 3, 12);
  });
});
