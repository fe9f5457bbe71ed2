import { evaluate, evaluateOne, excelError } from "../helpers/engine";

describe("=CS.VARIABLE_PAYOUT (MODEL.md §6)", () => {
  test("=CS.VARIABLE_PAYOUT(0.95, 1.12, 0.9) is 0.97", async () => {
    // Mid-Market: GRR at target 1.0x; expansion 17% / 17.5% = 0.9714; MBO 0.9.
    // 0.45 + 0.35 x 0.9714286 + 0.2 x 0.9 = 0.97
    expect(await evaluateOne("=CS.VARIABLE_PAYOUT(0.95, 1.12, 0.9)")).toBe(0.97);
  });

  test("each segment of the GRR curve (no expansion, no MBO: multiple = 0.45 x GRR multiplier)", async () => {
    const results = await evaluate([
      "=CS.VARIABLE_PAYOUT(0.85, 0.85, 0)", // below floor: 0.5x -> 0.225
      "=CS.VARIABLE_PAYOUT(0.90, 0.90, 0)", // floor: 0.5x -> 0.225
      "=CS.VARIABLE_PAYOUT(0.925, 0.925, 0)", // floor..target midpoint: 0.75x -> 0.3375
      "=CS.VARIABLE_PAYOUT(0.95, 0.95, 0)", // target: 1.0x -> 0.45
      "=CS.VARIABLE_PAYOUT(0.965, 0.965, 0)", // target..stretch midpoint: 1.25x -> 0.5625
      "=CS.VARIABLE_PAYOUT(0.98, 0.98, 0)", // stretch: 1.5x -> 0.675
      "=CS.VARIABLE_PAYOUT(1, 1, 0)", // above stretch: 1.5x -> 0.675
    ]);
    expect(results).toEqual([0.225, 0.225, 0.3375, 0.45, 0.5625, 0.675, 0.675]);
  });

  test("the expansion cap and the EBR gate", async () => {
    // GRR 0.95 (1.0x -> 0.45), MBO 0; NRR 1.30: 35% / 17.5% = 2.0 -> capped 1.5 -> 0.35 x 1.5 = 0.525
    // EBR 79% < 80%: cap 1.0 -> 0.35; EBR exactly 80%: not gated.
    expect(
      await evaluate([
        "=CS.VARIABLE_PAYOUT(0.95, 1.30, 0)",
        '=CS.VARIABLE_PAYOUT(0.95, 1.30, 0, "Mid-Market", "79%")',
        '=CS.VARIABLE_PAYOUT(0.95, 1.30, 0, "Mid-Market", 0.8)',
      ])
    ).toEqual([0.975, 0.8, 0.975]);
  });

  test("the PLG plan, a tier name for the segment, and dollars", async () => {
    // Enterprise (via tier Strategic): GRR 95% -> 0.5 + (0.05/0.07) x 0.5 = 0.857142857
    // expansion 17% / 10% = 1.7, EBR 50% caps at 1.0; MBO 0.9
    // PLG: 0.25 x 0.857142857 + 0.5 x 1 + 0.25 x 0.9 = 0.939285714 x $45,000 = $42,267.86
    expect(
      await evaluate([
        '=CS.VARIABLE_PAYOUT("95%", "112%", "90%", "Strategic", 0.5, "$45,000", "plg")',
        '=CS.VARIABLE_PAYOUT("95%", "112%", "90%", "enterprise", 0.5, 45000, "PLG")',
      ])
    ).toEqual([42267.86, 42267.86]);
  });

  test("four MBO attainments are averaged", async () => {
    // MBOs 1, 0.8, 0.9, 0.9 average 0.9: same as the headline example
    const sheet = [[1, 0.8, 0.9, 0.9]];
    expect(await evaluateOne("=CS.VARIABLE_PAYOUT(0.95, 1.12, A1:D1)", { sheet })).toBe(0.97);
  });

  test("a column of books spills one payout each, with their own MBO rows", async () => {
    const sheet = [
      [0.95, 1.12, 1, 0.8],
      [0.9, 0.9, 0, 0],
      [null, null, null, null],
      [0.99, 0.5, 1, 1],
    ];
    expect(await evaluateOne("=CS.VARIABLE_PAYOUT(A1:A4, B1:B4, C1:D4)", { sheet })).toEqual([
      [0.97], // MBO average 0.9
      [0.225], // floor, nothing else
      [null], // blank book stays blank
      [excelError("#VALUE!", "row 4", "NRR 0.5 is below GRR 0.99")],
    ]);
  });

  test("wrong inputs get errors that say what to fix", async () => {
    expect(
      await evaluate([
        "=CS.VARIABLE_PAYOUT(95, 1.12, 0.9)",
        "=CS.VARIABLE_PAYOUT(0.95, 112, 0.9)",
        "=CS.VARIABLE_PAYOUT(0.95, 0.9, 0.9)",
        '=CS.VARIABLE_PAYOUT(0.95, 1.12, 0.9, "Gov")',
        "=CS.VARIABLE_PAYOUT(0.95, 1.12, 0.9, , 1.2)",
        '=CS.VARIABLE_PAYOUT(0.95, 1.12, 0.9, , , , "bonus")',
        "=CS.VARIABLE_PAYOUT(0.95, 1.12, -0.1)",
        '=CS.VARIABLE_PAYOUT(0.95, 1.12, "")',
        '=CS.VARIABLE_PAYOUT("high", 1.12, 0.9)',
        "=CS.VARIABLE_PAYOUT(0.95, 1.12, 0.9, , , -100)",
      ])
    ).toEqual([
      excelError("#VALUE!", "GRR 95 is above 100%", '"95%"'),
      excelError("#VALUE!", "NRR 112 means 11,200%"),
      excelError("#VALUE!", "NRR 0.9 is below GRR 0.95"),
      excelError("#N/A", 'no segment or tier named "Gov"'),
      excelError("#VALUE!", "EBR completion 1.2 is above 100%"),
      excelError("#N/A", 'no payout plan named "bonus"'),
      excelError("#VALUE!", "MBO attainment -0.1 is negative"),
      excelError("#VALUE!", "MBO attainment is blank"),
      excelError("#VALUE!", 'GRR "high" is not a percentage'),
      excelError("#VALUE!", "Target variable -100 is negative"),
    ]);
  });

  test("ranges of different sizes are refused", async () => {
    const sheet = [
      [0.95, 1.1],
      [0.95, 1.1],
      [0.95, 1.1],
    ];
    // Excel shows the one error; the engine fills the spill it had reserved with it.
    const error = excelError("#VALUE!", "nrr is 2x1 but the other ranges are 3x1");
    expect(await evaluateOne("=CS.VARIABLE_PAYOUT(A1:A3, B1:B2, 0.9)", { sheet })).toEqual([
      [error],
      [error],
      [error],
    ]);
  });
});
