/**
 * canonicalDigits (src/plan/locale.ts) reads the digits of an amount in a
 * decided locale in one pass. It must give what the rule says, written here
 * the plain way (split into groups, check each): the same answer for every
 * string of digits and separators NUMBER_SHAPE lets through.
 */
import { canonicalDigits } from "../../src/plan/locale";
import { seededRandom } from "../../scripts/seeded-random";

/** The rule, written plainly: groups of three after a first group of one to three, one kind of separator. */
function byTheRule(digits: string, decimal: "." | ","): string | null {
  const at = digits.lastIndexOf(decimal);
  const whole = at < 0 ? digits : digits.slice(0, at);
  const fraction = at < 0 ? "" : digits.slice(at + 1);
  if (!/^\d*$/.test(fraction)) return null;
  const groups = whole.split(/[.,'\u2019\u00a0\u202f ]/);
  if (groups.length > 1) {
    if (groups[0].length < 1 || groups[0].length > 3) return null;
    if (groups.slice(1).some((g) => g.length !== 3)) return null;
    const seps = new Set(whole.replace(/\d/g, ""));
    if (seps.size > 1 && !(seps.size === 2 && seps.has(" ") && seps.has("\u00a0"))) return null;
    if (seps.has(decimal)) return null;
  } else if (!/^\d+$/.test(whole)) return null;
  return fraction === "" ? groups.join("") : `${groups.join("")}.${fraction}`;
}

describe("canonicalDigits", () => {
  test.each([
    ["1.250.000,5", ",", "1250000.5"],
    ["1,250,000.50", ".", "1250000.50"],
    ["80.000", ",", "80000"],
    ["80.000", ".", "80.000"],
    ["1'250'000", ".", "1250000"],
    ["1 250\u00a0000,75", ",", "1250000.75"],
    ["26100", ".", "26100"],
    ["1.250,000.5", ".", null], // two kinds of separator
    ["12,34,567", ".", null], // groups of two
    ["1234,567", ".", null], // a first group of four
    ["1.250.000", ".", null], // the decimal point between thousands
    ["1,000,.5", ".", null], // an empty group
  ])("%j with decimal %j is %j", (digits, decimal, expected) => {
    expect(canonicalDigits(digits, decimal as "." | ",")).toBe(expected);
  });

  test("the same as the plain rule over 100,000 generated amounts", () => {
    // Seeded, so a failure is reproducible.
    const random = seededRandom(20261203);
    const separators = [".", ",", "'", "\u2019", "\u00a0", "\u202f", " "];
    // The ten digits and Math.floor read once: a global lookup is slow in Jest's sandbox.
    const digits = "0123456789";
    const floor = Math.floor;
    const digit = () => digits[floor(random() * 10)];
    const pick = () => separators[floor(random() * separators.length)];
    let read = 0;
    // Compared plainly and collected: 200,000 expect() calls would take most of
    // test:unit's time; the first disagreements are what a failure shows.
    const disagreements: [string, string, string | null, string | null][] = [];
    for (let n = 0; n < 100_000; n++) {
      // A digit at each end, as NUMBER_SHAPE captures; mostly digits, often a separator.
      let text = digit();
      if (random() < 0.5) {
        // Grouped thousands (often a stray separator or group size), maybe a fraction.
        const separator = pick();
        const groups = floor(random() * 4);
        text += random() < 0.5 ? digit() + digit() : "";
        for (let g = 0; g < groups; g++)
          text +=
            (random() < 0.1 ? pick() : separator) +
            digit() +
            digit() +
            (random() < 0.9 ? digit() : "");
        if (random() < 0.5) text += pick() + digit() + (random() < 0.5 ? digit() : "");
      } else {
        const length = floor(random() * 14);
        for (let i = 0; i < length; i++) text += random() < 0.7 ? digit() : pick();
        if (length > 0) text += digit();
      }
      for (const decimal of [".", ","] as const) {
        const got = canonicalDigits(text, decimal);
        const expected = byTheRule(text, decimal);
        if (got !== expected && disagreements.length < 20)
          disagreements.push([text, decimal, got, expected]);
      }
      if (canonicalDigits(text, ".") !== null || canonicalDigits(text, ",") !== null) read++;
    }
    expect(disagreements).toEqual([]);
    // Both kinds of answer are well represented.
    expect(read).toBeGreaterThan(20_000);
    expect(read).toBeLessThan(90_000);
  });
});
