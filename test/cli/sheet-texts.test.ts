/**
 * The texts of a read export (src/cli/sheet.ts): repeated short texts held
 * once, and every text kept as exactly what the file says, detached from
 * the file's whole text or not.
 */
import { detached, SharedTexts } from "../../src/cli/sheet";

describe("detached texts", () => {
  test.each([
    ["", "empty"],
    ["Acme", "short"],
    ["Silver Analytics GmbH", "13 characters or more"],
    ["Zürich Réassurance – €80.000,00", "non-ASCII"],
    ["x".repeat(5000), "long"],
  ])("%j (%s) is the same text", (text) => {
    const inFile = `head,${text},tail`;
    const field = inFile.slice(5, 5 + text.length);
    expect(detached(field)).toBe(text);
  });
});

describe("shared texts", () => {
  test("a repeated short text is one string, equal to what was read", () => {
    const texts = new SharedTexts();
    const first = texts.share("Financial Services".slice(0), 3);
    const again = texts.share(["Financial", "Services"].join(" "), 3);
    expect(first).toBe("Financial Services");
    expect(again).toBe("Financial Services");
  });

  test("texts too long to share, and texts of a column that stopped sharing, come back unchanged", () => {
    const texts = new SharedTexts();
    const long = "note ".repeat(40);
    expect(texts.share(long, 0)).toBe(long);
    // All different identifiers: past 16,384 lookups with few repeats the column stops sharing.
    for (let i = 0; i < 20_000; i++)
      expect(texts.share(`00${100000 + i}`, 1)).toBe(`00${100000 + i}`);
    expect(texts.share("Silver Analytics GmbH", 1)).toBe("Silver Analytics GmbH");
  });
});
