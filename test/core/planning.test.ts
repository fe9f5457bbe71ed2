import { costPerAccount, forwardArr } from "../../src/core/planning";

describe("forward ARR (MODEL.md §4)", () => {
  test("current x (1 - churn) + new + expansion, to the cent", () => {
    // 10,000,000 x 0.92 = 9,200,000 + 1,500,000 + 900,000
    expect(forwardArr(10_000_000, 0.08, 1_500_000, 900_000)).toBe(11_600_000);
    expect(forwardArr(1_000_000, 1, 0, 0)).toBe(0); // everything churns
    expect(forwardArr(0, 0, 250_000, 0)).toBe(250_000);
    // 333,333.33 x 0.9 = 299,999.997 -> 300,000.00
    expect(forwardArr(333_333.33, 0.1, 0, 0)).toBe(300_000);
  });
});

describe("cost per account (S0 §4.3)", () => {
  test("loaded cost / accounts + tool cost, to the cent", () => {
    // S0 §4.3: $130K all-in over 175 accounts = 742.857...; + $150 tools = 892.857... -> 892.86
    expect(costPerAccount(130_000, 175, 150)).toBe(892.86);
    expect(costPerAccount(165_000, 11, 0)).toBe(15_000);
    expect(costPerAccount(100_000, 3, 0)).toBe(33_333.33);
  });
});
