/**
 * How the plan finds lines repeated exactly and rows of one account without
 * a Map of a million strings: sameLine and lineHash agree with the line's
 * fingerprint (its cells as JSON, texts trimmed), and HashedIndex finds the
 * right number even when every hash collides.
 */
import fc from "fast-check";
import { HashedIndex, lineHash, rowFingerprint, sameLine } from "../../src/plan/accounts";
import { ExportCell } from "../../src/plan/columns";

// Cells as exports hold them, and the ones that are easy to get wrong: -0, texts with spaces, "1" beside 1, "null".
const cell: fc.Arbitrary<ExportCell> = fc.oneof(
  fc.constantFrom<ExportCell>(null, 0, -0, 1, "1", " 1 ", "null", "", " ", true, false, "a", "a "),
  fc.double(),
  fc.string({ maxLength: 6 })
);
const row = fc.array(cell, { maxLength: 4 });

test("two rows are the same line exactly when their fingerprints are equal, and then hash alike", () => {
  fc.assert(
    fc.property(row, row, (a, b) => {
      const same = rowFingerprint(a) === rowFingerprint(b);
      expect(sameLine(a, b)).toBe(same);
      if (same) expect(lineHash(a)).toBe(lineHash(b));
    }),
    { numRuns: 2000 }
  );
  // Worked by hand: spaces around a text do not count, its type does, NaN and blank are alike (JSON null).
  expect(sameLine(["Acme ", 5], [" Acme", 5])).toBe(true);
  expect(sameLine(["5"], [5])).toBe(false);
  expect(sameLine([NaN, 0], [null, -0])).toBe(true);
  expect(sameLine(["a"], ["a", null])).toBe(false);
});

test("HashedIndex finds the first number whose candidate matches, through collisions and growth", () => {
  const index = new HashedIndex();
  const names = Array.from({ length: 1000 }, (_, i) => `account ${i}`);
  // Every name under the same hash: only the comparison tells them apart.
  names.forEach((_, i) => index.add(7, i));
  expect(index.find(7, (i) => names[i] === "account 0")).toBe(0);
  expect(index.find(7, (i) => names[i] === "account 999")).toBe(999);
  expect(index.find(7, (i) => names[i] === "account 1000")).toBe(-1);
  expect(index.find(8, () => true)).toBe(-1);
  // Spread hashes, including the top bit.
  const spread = new HashedIndex();
  for (let i = 0; i < 5000; i++) spread.add((i * 2654435761) >>> 0, i);
  for (const i of [0, 1, 2500, 4999])
    expect(spread.find((i * 2654435761) >>> 0, (n) => n === i)).toBe(i);
});
