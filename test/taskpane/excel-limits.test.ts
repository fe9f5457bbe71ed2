import { payloadBytes, splitByBytes } from "../../src/taskpane/excel-limits";

describe("payloadBytes", () => {
  test.each([
    ["ascii", [["=CS.TIER(A2)", 12, null, true]]],
    ["escapes", ['a "quoted" \\ path\n']],
    ["accents", ["Société Générale"]],
    ["CJK", ["株式会社"]],
    ["emoji (surrogate pairs)", ["🚀 Rocket 🚀"]],
  ])("%s: the UTF-8 length of the JSON Office.js sends", (_name, value) => {
    expect(payloadBytes(value)).toBe(Buffer.byteLength(JSON.stringify(value), "utf8"));
  });
});

describe("splitByBytes", () => {
  test("consecutive pieces, each within the budget as a column of one-cell rows, nothing lost", () => {
    const items = Array.from({ length: 1000 }, (_, i) => `=CS.TIER(I${i + 2})`);
    const pieces = splitByBytes(items, 2000);
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.flatMap((p) => p.items)).toEqual(items);
    for (const piece of pieces) {
      expect(items.slice(piece.offset, piece.offset + piece.items.length)).toEqual(piece.items);
      const sent = payloadBytes(piece.items.map((f) => [f]));
      expect(sent).toBeLessThanOrEqual(piece.bytes);
      expect(piece.bytes).toBeLessThanOrEqual(2000);
    }
  });

  test("an item bigger than the budget goes alone in its piece", () => {
    const big = "x".repeat(50);
    expect(splitByBytes(["a", big, "b"], 20).map((p) => p.items)).toEqual([["a"], [big], ["b"]]);
  });
});
