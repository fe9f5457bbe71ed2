import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { setAssumption } from "../../src/core/assumptions/keys";
import { Assumptions } from "../../src/core/assumptions/types";
import { CsError } from "../../src/core/errors";
import { evaluate, evaluateOne, excelError } from "../helpers/engine";

// as_of 2026-03-31 throughout. Serial: 2026-01-01 is 46023; + 31 (Jan) + 28 (Feb) + 30 = 46112.
const AS_OF = '"2026-03-31"';
const AS_OF_SERIAL = 46112;

function withKey(key: string, value: string): Assumptions {
  const changed = setAssumption(defaultAssumptions(), key, value);
  if (changed instanceof CsError) throw new Error(changed.message);
  return changed;
}

const one = (tier: string, touch: string) =>
  `=CS.COVERAGE_QUALITY("${tier}", "${touch}", ${AS_OF})`;

describe("=CS.COVERAGE_QUALITY (MODEL.md §7)", () => {
  test("each tier's SLA edge: at most the SLA days before as_of is covered", async () => {
    // Strategic 7: Mar 24 is 7 days before Mar 31, Mar 23 is 8.
    // Enterprise 14: Mar 17 is 14, Mar 16 is 15.
    // Mid-Market 31: Feb 28 is 31 (Mar has 31 days), Feb 27 is 32.
    // Pooled 183: back from Mar 31: Mar 1 = 30, Feb 1 = 58, Jan 1 = 89, Dec 1 = 120,
    //   Nov 1 = 150, Oct 1 = 181, Sep 30 = 182, Sep 29 = 183; Sep 28 = 184.
    expect(
      await evaluate([
        one("Strategic", "2026-03-24"),
        one("Strategic", "2026-03-23"),
        one("Enterprise", "2026-03-17"),
        one("Enterprise", "2026-03-16"),
        one("Mid-Market", "2026-02-28"),
        one("Mid-Market", "2026-02-27"),
        one("Pooled", "2025-09-29"),
        one("Pooled", "2025-09-28"),
        one("Strategic", "2026-03-31"), // touched on the as-of day
      ])
    ).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1]);
  });

  test("a book: Tech-Touch is left out, a missing touch is not covered", async () => {
    const sheet = [
      ["Tier", "Last touch"],
      ["Strategic", "2026-03-25"], // 6 days <= 7: covered
      ["Enterprise", "2026-03-01"], // 30 days > 14: not covered
      ["Mid-Market", null], // no touch: not covered
      ["Pooled", "2025-12-01"], // 120 days <= 183: covered
      ["Tech-Touch", null], // no SLA: left out
      [null, "2026-03-30"], // no tier: skipped
      ["pooled", AS_OF_SERIAL - 10], // serial date, 10 days: covered
    ];
    // covered 3 (Strategic, Pooled, pooled) of 5 SLA-bound accounts = 0.6
    expect(await evaluateOne(`=CS.COVERAGE_QUALITY(A2:A8, B2:B8, ${AS_OF})`, { sheet })).toBe(0.6);
    // as_of as a serial in a cell gives the same
    expect(
      await evaluateOne("=CS.COVERAGE_QUALITY(A2:A8, B2:B8, C1)", {
        sheet: sheet.map((row, i) => [...row, i === 0 ? AS_OF_SERIAL : null]),
      })
    ).toBe(0.6);
  });

  test("tiers may be given as ACVs (numbers or CRM text)", async () => {
    const sheet = [
      [300_000, "2026-03-28"], // Strategic, 3 days: covered
      ["$120k", "2026-03-10"], // Enterprise, 21 days > 14: not covered
      [5_000, null], // Tech-Touch: left out
      ["USD 60,000", "2026-03-01"], // Mid-Market, 30 days <= 31: covered
    ];
    // 2 of 3
    expect(
      await evaluateOne(`=CS.COVERAGE_QUALITY(A1:A4, B1:B4, ${AS_OF})`, { sheet })
    ).toBeCloseTo(2 / 3, 11);
  });

  test("one tier for a whole range of last touches", async () => {
    const sheet = [["2026-03-30"], ["2026-03-01"], [null], ["2026-03-20"]];
    // Enterprise (14 days): 1 day covered, 30 not, none not, 11 covered: 2 of 4
    expect(
      await evaluateOne(`=CS.COVERAGE_QUALITY("Enterprise", A1:A4, ${AS_OF})`, { sheet })
    ).toBe(0.5);
  });

  test("a 2-D block of accounts counts every cell", async () => {
    const sheet = [
      ["Strategic", "Enterprise", "2026-03-30", "2026-02-01"],
      ["Tech-Touch", "Mid-Market", null, "2026-03-30"],
    ];
    // Strategic covered, Enterprise not (58 days), Tech-Touch out, Mid-Market covered: 2 of 3
    expect(
      await evaluateOne(`=CS.COVERAGE_QUALITY(A1:B2, C1:D2, ${AS_OF})`, { sheet })
    ).toBeCloseTo(2 / 3, 11);
  });

  test("0 for a last touch is no recorded touch (Excel desktop passes empty cells as 0)", async () => {
    const sheet = [
      ["Strategic", 0],
      ["Strategic", "2026-03-30"],
    ];
    expect(await evaluateOne(`=CS.COVERAGE_QUALITY(A1:A2, B1:B2, ${AS_OF})`, { sheet })).toBe(0.5);
  });

  test("a touch after as_of is #VALUE! naming the cell, unless its tier has no SLA", async () => {
    const sheet = [
      ["Strategic", "2026-03-30"],
      ["Enterprise", "2026-04-02"],
      ["Tech-Touch", "2026-05-01"],
    ];
    expect(await evaluateOne(`=CS.COVERAGE_QUALITY(A1:A2, B1:B2, ${AS_OF})`, { sheet })).toEqual(
      excelError(
        "#VALUE!",
        "last_touch, row 2 of the range",
        "Last touch 2026-04-02 is after as_of 2026-03-31"
      )
    );
    // Tech-Touch's date is not judged: 1 of 1 covered
    expect(
      await evaluateOne(
        `=CS.COVERAGE_QUALITY({"Strategic";"Tech-Touch"}, {"2026-03-30";"2026-05-01"}, ${AS_OF})`
      )
    ).toBe(1);
  });

  test("no SLA-bound account is #N/A", async () => {
    const sheet = [
      ["Tech-Touch", "2026-03-30"],
      [1_000, null],
      [null, null],
    ];
    expect(
      await evaluate(
        [
          `=CS.COVERAGE_QUALITY(A1:A3, B1:B3, ${AS_OF})`,
          `=CS.COVERAGE_QUALITY(C1:C3, B1:B3, ${AS_OF})`,
        ],
        { sheet }
      )
    ).toEqual([
      excelError("#N/A", "None of the 2 account(s)", "no SLA: Tech-Touch"),
      excelError("#N/A", "None of the 0 account(s)"),
    ]);
  });

  test("unreadable cells are #VALUE! naming the first one and its position", async () => {
    const sheet = [
      ["Strategic", "2026-03-30"],
      ["Gold", "2026-03-30"],
      ["Enterprise", "last week"],
      [-5, "2026-03-30"],
    ];
    expect(
      await evaluate(
        [
          `=CS.COVERAGE_QUALITY(A1:A2, B1:B2, ${AS_OF})`,
          `=CS.COVERAGE_QUALITY(A3:A3, B3:B3, ${AS_OF})`,
          `=CS.COVERAGE_QUALITY({"Strategic";"Enterprise"}, B2:B3, ${AS_OF})`,
          `=CS.COVERAGE_QUALITY(A4, B4, ${AS_OF})`,
          `=CS.COVERAGE_QUALITY(1/0, B4, ${AS_OF})`,
          `=CS.COVERAGE_QUALITY("Strategic", 1/0, ${AS_OF})`,
        ],
        { sheet }
      )
    ).toEqual([
      excelError(
        "#N/A",
        "tiers, row 2 of the range",
        'There is no tier named "Gold", and it is not an amount'
      ),
      excelError("#VALUE!", 'Last touch "last week" is not a date'),
      excelError("#VALUE!", "last_touch, row 2 of the range", '"last week" is not a date'),
      excelError("#VALUE!", "ACV -5 is negative"),
      excelError("#VALUE!", "Tier is #DIV/0!"),
      excelError("#VALUE!", "Last touch is #DIV/0!"),
    ]);
  });

  test("as_of is required, one date", async () => {
    const sheet = [["2026-03-31", "2026-03-30"]];
    expect(
      await evaluate(
        [
          '=CS.COVERAGE_QUALITY("Strategic", "2026-03-30", "")',
          '=CS.COVERAGE_QUALITY("Strategic", "2026-03-30", "31/03/2026")',
          '=CS.COVERAGE_QUALITY("Strategic", "2026-03-30", A1:B1)',
          '=CS.COVERAGE_QUALITY("Strategic", "2026-03-30", A1)',
        ],
        { sheet }
      )
    ).toEqual([
      excelError("#VALUE!", "as_of is blank"),
      excelError("#VALUE!", 'as_of "31/03/2026" is not a date'),
      excelError("#VALUE!", "as_of is a 1x2 range; give one date"),
      1,
    ]);
  });

  test("tiers and last_touch must have the same shape (or one tier for all)", async () => {
    const sheet = [
      ["Strategic", "2026-03-30"],
      ["Enterprise", "2026-03-30"],
      ["Pooled", "2026-03-30"],
    ];
    expect(
      await evaluate(
        [
          `=CS.COVERAGE_QUALITY(A1:A3, B1:B2, ${AS_OF})`,
          `=CS.COVERAGE_QUALITY(A1:A3, B1, ${AS_OF})`,
        ],
        { sheet }
      )
    ).toEqual([
      excelError("#VALUE!", "tiers is 3x1 but the other ranges are 2x1"),
      excelError("#VALUE!", "tiers is 3x1 but the other ranges are 1x1"),
    ]);
  });

  test("SLAs come from the assumptions in force", async () => {
    const sheet = [
      ["Strategic", "2026-03-20"],
      ["Tech-Touch", "2026-03-30"],
    ];
    const formula = `=CS.COVERAGE_QUALITY(A1:A2, B1:B2, ${AS_OF})`;
    // Default: Strategic 11 days > 7 not covered; Tech-Touch out -> 0 of 1
    expect(await evaluateOne(formula, { sheet })).toBe(0);
    // Tech-Touch SLA 30: now counted and covered -> 1 of 2
    expect(
      await evaluateOne(formula, { sheet, assumptions: withKey("tier.Tech-Touch.sla_days", "30") })
    ).toBe(0.5);
    // Strategic SLA none as well: neither account has an SLA -> #N/A
    expect(
      await evaluateOne(formula, { sheet, assumptions: withKey("tier.Strategic.sla_days", "none") })
    ).toEqual(excelError("#N/A", "None of the 2 account(s)", "Strategic", "Tech-Touch"));
  });

  test("a large book is one pass", async () => {
    // 20,000 Strategic accounts, every 4th untouched: 15,000 of 20,000 covered = 0.75
    const sheet = Array.from({ length: 20_000 }, (_, i) => [
      "Strategic",
      i % 4 === 3 ? null : AS_OF_SERIAL - (i % 8),
    ]);
    const started = Date.now();
    expect(
      await evaluateOne(`=CS.COVERAGE_QUALITY(A1:A20000, B1:B20000, ${AS_OF})`, { sheet })
    ).toBe(0.75);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
