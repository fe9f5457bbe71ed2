import { evaluate, evaluateOne, excelError } from "../helpers/engine";

describe("=CS.EXPANSION_SPLIT (MODEL.md §5)", () => {
  test("60,000 splits 70/30: [[42000,18000]]", async () => {
    expect(await evaluateOne("=CS.EXPANSION_SPLIT(60000)")).toEqual([[42000, 18000]]);
  });

  test("every band edge", async () => {
    const results = await evaluate([
      "=CS.EXPANSION_SPLIT(0)",
      "=CS.EXPANSION_SPLIT(24999.99)", // below 25,000: all CSM
      "=CS.EXPANSION_SPLIT(25000)", // 25,000 x 0.7 = 17,500
      "=CS.EXPANSION_SPLIT(100000)", // inclusive upper edge: 70,000 / 30,000
      "=CS.EXPANSION_SPLIT(100000.01)", // AE-led: 30,000.003 -> 30,000.00; AE the rest
    ]);
    expect(results).toEqual([
      [[0, 0]],
      [[24999.99, 0]],
      [[17500, 7500]],
      [[70000, 30000]],
      [[30000, 70000.01]],
    ]);
  });

  test("one part at a time", async () => {
    expect(
      await evaluate([
        '=CS.EXPANSION_SPLIT(60000, "csm")',
        '=CS.EXPANSION_SPLIT(60000, "AE")',
        '=CS.EXPANSION_SPLIT(10000, "lead")',
        '=CS.EXPANSION_SPLIT(60000, "lead")',
        '=CS.EXPANSION_SPLIT("$250k", "lead")',
      ])
    ).toEqual([42000, 18000, "CSM-owned", "CSM-led, AE supporting", "AE-led, CSM co-credit"]);
  });

  test("a column of amounts spills n x 2; blanks stay blank; a bad cell errs alone", async () => {
    const sheet = [["Amount"], ["$80,000"], [null], ["-5000"], [200_000]];
    expect(await evaluateOne("=CS.EXPANSION_SPLIT(A2:A5)", { sheet })).toEqual([
      [56000, 24000],
      [null, null],
      [excelError("#VALUE!", "amount, row 3", "contraction"), excelError("#VALUE!", "contraction")],
      [60000, 140000],
    ]);
    expect(await evaluateOne('=CS.EXPANSION_SPLIT(A2:A5, "lead")', { sheet })).toEqual([
      ["CSM-led, AE supporting"],
      [null],
      [excelError("#VALUE!", "contraction")],
      ["AE-led, CSM co-credit"],
    ]);
  });

  test("an unknown part is #N/A", async () => {
    expect(await evaluateOne('=CS.EXPANSION_SPLIT(60000, "sales")')).toEqual(
      excelError("#N/A", 'no part named "sales"')
    );
  });

  test("junk amounts are named", async () => {
    expect(await evaluateOne('=CS.EXPANSION_SPLIT("sixty grand")')).toEqual([
      [
        excelError("#VALUE!", '"sixty grand" is not an amount'),
        excelError("#VALUE!", "not an amount"),
      ],
    ]);
  });
});
