/**
 * The #N/A contract of FUNCTIONS.md: an unknown tier, segment or role name is
 * #N/A (users wrap lookups in IFNA); a value that cannot be read is #VALUE!.
 * In an acv_or_tier parameter, text that is not an amount is a tier name.
 */
import { evaluate, excelError } from "../helpers/engine";

const TIERS = "Tiers: Tech-Touch, Pooled, Mid-Market, Enterprise, Strategic.";

describe("an unknown tier name in an acv_or_tier parameter is #N/A listing the tiers", () => {
  test("the formulas of issue 14", async () => {
    expect(
      await evaluate(['=CS.TARGET_RATIO("Gold")', '=CS.REQUIRED_CSMS({"Strategic";"Gold"})'])
    ).toEqual([
      excelError("#N/A", 'There is no tier named "Gold"', TIERS),
      excelError("#N/A", "accounts, row 2", 'There is no tier named "Gold"', TIERS),
    ]);
  });

  test("every acv_or_tier function, single values", async () => {
    const formulas = [
      '=CS.SEGMENT("Gold")',
      '=CS.COVERAGE_MODEL("Gold")',
      '=CS.TOUCH_CADENCE("Gold")',
      '=CS.TARGET_RATIO("Gold", "AM")',
      '=CS.REQUIRED_HEADCOUNT({"Gold"}, "TAM")',
      '=CS.COVERAGE_QUALITY("Gold", "2026-03-01", "2026-03-31")',
    ];
    const results = await evaluate(formulas);
    for (const result of results)
      expect(result).toEqual(excelError("#N/A", 'There is no tier named "Gold"', TIERS));
  });

  test("text that looks like a mistyped amount is also a name, and the message says what an amount is", async () => {
    expect(await evaluate(['=CS.SEGMENT("$80kk")', '=CS.SEGMENT("see contract")'])).toEqual([
      excelError(
        "#N/A",
        'There is no tier named "$80kk", and it is not an amount such as "$80,000"'
      ),
      excelError("#N/A", 'There is no tier named "see contract"'),
    ]);
  });

  test("IFNA catches it, as users write it", async () => {
    expect(
      await evaluate(['=IFNA(CS.SEGMENT("Gold"), "unknown")', '=IFNA(CS.SEGMENT("Pooled"), "x")'])
    ).toEqual(["unknown", "Mid-Market"]);
  });

  test("in a range, only the unknown name's own cell is #N/A", async () => {
    const sheet = [["Strategic"], ["Gold"], ["$80,000"]];
    expect(await evaluate(["=CS.SEGMENT(A1:A3)"], { sheet })).toEqual([
      [
        ["Enterprise"],
        [excelError("#N/A", "acv_or_tier, row 2", 'There is no tier named "Gold"')],
        ["Mid-Market"],
      ],
    ]);
  });

  test("BOOK_MIX also takes segment names, so its message lists both", async () => {
    expect(await evaluate(['=CS.BOOK_MIX({"Strategic";"Gold"})'])).toEqual([
      excelError(
        "#N/A",
        "tiers, row 2 of the range",
        'There is no tier or segment named "Gold"',
        "Tiers: Tech-Touch, Pooled, Mid-Market, Enterprise, Strategic; segments: Enterprise, Mid-Market, SMB."
      ),
    ]);
  });
});

describe("what stays #VALUE!", () => {
  test("an amount too large is an amount, not a name", async () => {
    expect(await evaluate(['=CS.SEGMENT("2e15")', '=CS.REQUIRED_CSMS({"$2,000T"})'])).toEqual([
      excelError("#VALUE!", '"2e15" is above the largest amount'),
      // "T" is no scale suffix: a name, unknown.
      excelError("#N/A", 'There is no tier named "$2,000T"'),
    ]);
  });

  test("a negative amount, a boolean, an error value in acv_or_tier", async () => {
    expect(
      await evaluate(['=CS.SEGMENT("-$5")', "=CS.SEGMENT(TRUE())", "=CS.TARGET_RATIO(1/0)"])
    ).toEqual([
      excelError("#VALUE!", "ACV -5 is negative"),
      excelError("#VALUE!", "TRUE is not an amount"),
      excelError("#VALUE!", "ACV is #DIV/0!"),
    ]);
  });

  test("a malformed amount in a pure ACV parameter", async () => {
    expect(
      await evaluate([
        '=CS.TIER("Gold")',
        '=CS.TIER("$80kk")',
        '=CS.MAX_BOOK("80 thousand")',
        '=CS.EXPANSION_SPLIT("lots", "csm")',
      ])
    ).toEqual([
      excelError("#VALUE!", '"Gold" is not an amount'),
      excelError("#VALUE!", '"$80kk" is not an amount'),
      excelError("#VALUE!", '"80 thousand" is not an amount'),
      excelError("#VALUE!", '"lots" is not an amount'),
    ]);
  });
});

describe("unknown segment and role names are #N/A", () => {
  test("segment_or_tier, VARIABLE_PAYOUT's segment, a role", async () => {
    expect(
      await evaluate([
        '=CS.NRR_TARGET("Gold")',
        '=CS.GRR_TARGET({"Enterprise";"Gold"})',
        '=CS.VARIABLE_PAYOUT(0.95, 1.12, 0.9, "Gold")',
        '=CS.REQUIRED_HEADCOUNT({"Strategic"}, "Janitor")',
        '=CS.MAX_BOOK(300000, "Gold")',
      ])
    ).toEqual([
      excelError("#N/A", 'There is no segment or tier named "Gold"'),
      [[0.97], [excelError("#N/A", "segment_or_tier, row 2", 'no segment or tier named "Gold"')]],
      excelError("#N/A", 'There is no segment or tier named "Gold"'),
      excelError("#N/A", 'There is no role named "Janitor"'),
      excelError("#N/A", 'There is no tier named "Gold"', TIERS),
    ]);
  });
});
