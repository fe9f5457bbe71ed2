import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { evaluate, evaluateOne, excelError } from "../helpers/engine";

describe("=CS.BOOK_LOAD (MODEL.md §2, S0 §7.2)", () => {
  test("share of CSMs above 110% of the target book", async () => {
    // Mid-Market: 32 accounts per CSM; 110% = 35.2. Above: 36, 40 -> 2 of 4.
    const sheet = [["Book"], [30], [34], [36], [40]];
    const results = await evaluate(
      [
        '=CS.BOOK_LOAD(A2:A5, "Mid-Market")',
        '=CS.BOOK_LOAD(A2:A5, " mid-market ")',
        "=CS.BOOK_LOAD(A2:A5, 32)",
        '=CS.BOOK_LOAD(A2:A5, 32, "120%")', // 38.4: only 40 -> 1 of 4
        "=CS.BOOK_LOAD(A2:A5, 32, 1.2)",
        "=CS.BOOK_LOAD(A2:A5, 32, 1)", // above 32: 34, 36, 40 -> 3 of 4
        '=CS.BOOK_LOAD(A2:A5, "Strategic")', // 11 x 1.1 = 12.1: all 4
        '=CS.BOOK_LOAD(A2:A5, 32, "")', // blank threshold: the default
      ],
      { sheet }
    );
    expect(results).toEqual([0.5, 0.5, 0.5, 0.25, 0.25, 0.75, 1, 0.5]);
  });

  test("exactly at the threshold is not above it", async () => {
    // 110% of 30 = 33 (33.000000000000004 in binary); 110% of 50 = 55.
    expect(
      await evaluate([
        "=CS.BOOK_LOAD({33;34}, 30)",
        "=CS.BOOK_LOAD({55;56}, 50)",
        '=CS.BOOK_LOAD({35.2}, "Mid-Market")',
      ])
    ).toEqual([0.5, 0.5, 0]);
  });

  test("the threshold comes from book.load_threshold", async () => {
    const assumptions = defaultAssumptions();
    assumptions.book.load_threshold = 1.25; // 32 x 1.25 = 40: none of 30, 34, 36, 40 above
    expect(await evaluateOne("=CS.BOOK_LOAD({30;34;36;40}, 32)", { assumptions })).toBe(0);
  });

  test("blanks are skipped; text sizes and ARR books are read", async () => {
    // 2 books (36 and "30"): only 36 above 35.2 -> 1 of 2.
    const sheet = [["Book"], [36], [null], [""], ["30"]];
    expect(await evaluateOne('=CS.BOOK_LOAD(A2:A5, "Mid-Market")', { sheet })).toBe(0.5);
    // ARR books against an ARR target: 110% of $2.5M = $2.75M; $2.8M and $3M above -> 2 of 3.
    expect(await evaluateOne('=CS.BOOK_LOAD({"$2.8M";"$2.5M";3000000}, "$2.5M")')).toBeCloseTo(
      2 / 3,
      12
    );
  });

  test("a target per CSM: a range the shape of book_sizes", async () => {
    // 12 vs Strategic 11 (12.1): no; 40 vs Mid-Market 32 (35.2): yes; 190 vs 175 (192.5): no.
    const sheet = [
      ["Book", "Tier"],
      [12, "Strategic"],
      [40, "Mid-Market"],
      [190, "Tech-Touch"],
      [null, null],
    ];
    expect(await evaluateOne("=CS.BOOK_LOAD(A2:A5, B2:B5)", { sheet })).toBeCloseTo(1 / 3, 12);
    expect(await evaluateOne("=CS.BOOK_LOAD(A2:A5, B2:B4)", { sheet })).toEqual(
      excelError("#VALUE!", "target is 3x1 but the other ranges are 4x1")
    );
  });

  test("bad input", async () => {
    const sheet = [["Book"], [30], ["lots"], [-3], [null]];
    expect(
      await evaluate(
        [
          '=CS.BOOK_LOAD(A2:A3, "Mid-Market")',
          '=CS.BOOK_LOAD(A4, "Mid-Market")',
          '=CS.BOOK_LOAD(A5, "Mid-Market")',
          '=CS.BOOK_LOAD(A2, "Strategc")',
          '=CS.BOOK_LOAD(A2, "")',
          "=CS.BOOK_LOAD(A2, 0)",
          "=CS.BOOK_LOAD(A2, -5)",
          "=CS.BOOK_LOAD(A2, 32, 0)",
          "=CS.BOOK_LOAD(A2, 32, 110)",
          '=CS.BOOK_LOAD(A2, 32, "high")',
          "=CS.BOOK_LOAD(A2, 32, {1.1,1.2})",
          "=CS.BOOK_LOAD({30;1/0}, 32)",
          '=CS.BOOK_LOAD(A2, "Tech-Touch")',
        ],
        { sheet }
      )
    ).toEqual([
      excelError("#VALUE!", "book_sizes, row 2 of the range", 'Book size "lots" is not a number'),
      excelError("#VALUE!", "Book size -3 is negative"),
      excelError("#VALUE!", "no book sizes"),
      excelError("#N/A", 'There is no tier named "Strategc"'),
      excelError("#VALUE!", "Target is blank"),
      excelError("#VALUE!", "Target 0 must be more than 0"),
      excelError("#VALUE!", "Target -5 must be more than 0"),
      excelError("#VALUE!", "Threshold 0 must be more than 0"),
      excelError("#VALUE!", "Threshold 110 means 11,000%"),
      excelError("#VALUE!", 'Threshold "high" is not a percentage'),
      excelError("#VALUE!", "threshold is a 1x2 range; give one value"),
      excelError("#VALUE!", "book_sizes, row 2 of the range", "Book size is #DIV/0!"),
      0, // Tech-Touch's ratio is 175: 30 is not above 192.5
    ]);
  });

  test("a tier whose CSM ratio is none sets no target", async () => {
    const assumptions = defaultAssumptions();
    assumptions.tiers[0].csm_ratio = null; // Tech-Touch: no CSMs
    expect(await evaluateOne('=CS.BOOK_LOAD(30, "Tech-Touch")', { assumptions })).toEqual(
      excelError("#N/A", "Tier Tech-Touch has no accounts-per-CSM ratio")
    );
  });
});

describe("=CS.BOOK_MIX (MODEL.md §2, S2 anchor-and-extend)", () => {
  test("share of the book outside its most common segment", async () => {
    expect(
      await evaluate([
        // Enterprise segment: Strategic + 2 Enterprise = 3; Mid-Market 1 -> 1 / 4.
        '=CS.BOOK_MIX({"Strategic";"Enterprise";"Enterprise";"Mid-Market"})',
        // Pooled and Mid-Market are both the Mid-Market segment: a pure book.
        '=CS.BOOK_MIX({"Pooled";"Mid-Market";"pooled"})',
        // ACVs: 120,000 Enterprise; 60,000 and "$20k" Mid-Market; "$8,000" SMB -> 2 outside of 4.
        '=CS.BOOK_MIX({120000;60000;"$20k";"$8,000"})',
        // Segment names are accepted too: 7 Mid-Market, 3 SMB -> 0.3, at the 30% limit.
        '=CS.BOOK_MIX({"Mid-Market";"Mid-Market";"Mid-Market";"Mid-Market";"Mid-Market";"Mid-Market";"Mid-Market";"SMB";"SMB";"smb"})',
        '=CS.BOOK_MIX("Strategic")', // one account: pure
      ])
    ).toEqual([0.25, 0, 0.5, 0.3, 0]);
  });

  test("a tie for the most common segment: the share is the same either way", async () => {
    // 2 Enterprise, 2 Mid-Market: whichever anchors, 2 of 4 are outside.
    expect(
      await evaluateOne('=CS.BOOK_MIX({"Strategic";"Pooled";"Enterprise";"Mid-Market"})')
    ).toBe(0.5);
    // 1 each of three segments: 2 of 3 outside.
    expect(await evaluateOne('=CS.BOOK_MIX({"Strategic";"Pooled";"Tech-Touch"})')).toBeCloseTo(
      2 / 3,
      12
    );
  });

  test("blank cells are skipped; a 2-D range is one book", async () => {
    const sheet = [
      ["Account", "Account"],
      ["Strategic", null],
      [null, "Enterprise"],
      ["", "Tech-Touch"],
    ];
    // 2 Enterprise-segment, 1 SMB -> 1 / 3.
    expect(await evaluateOne("=CS.BOOK_MIX(A2:B4)", { sheet })).toBeCloseTo(1 / 3, 12);
  });

  test("bad input", async () => {
    const sheet = [["Tier"], ["Strategic"], ["Platinum"], [-5], [null]];
    expect(
      await evaluate(
        [
          "=CS.BOOK_MIX(A2:A3)",
          "=CS.BOOK_MIX(A4)",
          "=CS.BOOK_MIX(A5)",
          '=CS.BOOK_MIX({"Strategic";1/0})',
        ],
        { sheet }
      )
    ).toEqual([
      excelError(
        "#N/A",
        "tiers, row 2 of the range",
        'There is no tier or segment named "Platinum", and it is not an amount',
        "Tiers: Tech-Touch, Pooled, Mid-Market, Enterprise, Strategic; segments: Enterprise, Mid-Market, SMB."
      ),
      excelError("#VALUE!", "ACV -5 is negative"),
      excelError("#VALUE!", "tiers has no accounts"),
      excelError("#VALUE!", "tiers, row 2 of the range", "Account is #DIV/0!"),
    ]);
  });

  test("segments follow the workbook's tier table", async () => {
    const assumptions = defaultAssumptions();
    assumptions.tiers[1].segment = "SMB"; // Pooled counted with Tech-Touch
    // Pooled, Pooled, Tech-Touch: SMB 3 -> pure; Mid-Market (tier) 1 of 4 outside.
    expect(
      await evaluateOne('=CS.BOOK_MIX({"Pooled";"Pooled";"Tech-Touch";"Mid-Market"})', {
        assumptions,
      })
    ).toBe(0.25);
  });
});
