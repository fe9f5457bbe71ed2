import { runCli as run } from "../helpers/cli";

describe("cs-coverage eval", () => {
  test("--json prints [[42000,18000]] for =CS.EXPANSION_SPLIT(60000)", async () => {
    expect(await run("eval", "--json", "=CS.EXPANSION_SPLIT(60000)")).toEqual({
      code: 0,
      out: ["[[42000,18000]]"],
      err: [],
    });
  });

  test("one line per formula, in order; plain output reads like Excel", async () => {
    const r = await run(
      "eval",
      '=CS.TIER("$80,000")',
      "=CS.EXPANSION_SPLIT(60000)",
      "=CS.VARIABLE_PAYOUT(0.95, 1.12, 0.9)",
      '=CS.EXPANSION_SPLIT(60000,"lead")'
    );
    expect(r).toEqual({
      code: 0,
      out: ["Mid-Market", "{42000,18000}", "0.97", "CSM-led, AE supporting"],
      err: [],
    });
  });

  test("an Excel error is still done (exit 0), with its message", async () => {
    const r = await run("eval", "--json", "=CS.TIER(-5)");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out[0])).toEqual({
      error: "#VALUE!",
      message: "ACV -5 is negative; it must be 0 or more.",
    });
    const plain = await run("eval", "=CS.TIER(-5)");
    expect(plain.out).toEqual(["#VALUE! (ACV -5 is negative; it must be 0 or more.)"]);
  });

  test("--set changes an assumption for the run", async () => {
    const r = await run(
      "eval",
      "--set",
      "tier.Strategic.min_acv=500000",
      "--set",
      "expansion.csm_led_csm_share=60%",
      "--json",
      "=CS.TIER(300000)",
      "=CS.EXPANSION_SPLIT(60000)"
    );
    expect(r.out).toEqual(['"Enterprise"', "[[36000,24000]]"]);
  });

  test.each([
    [
      ["eval", "--set", "tier.Gold.csm_ratio=5", "=CS.TIER(1)"],
      /^cs-coverage: --set tier\.Gold\.csm_ratio=5: There is no assumption named "tier\.Gold\.csm_ratio"/,
    ],
    [
      ["eval", "--set", "tier.Strategic.csm_ratio=0", "=CS.TIER(1)"],
      /more than 0 accounts per person/,
    ],
    [["eval", "--set", "nonsense", "=CS.TIER(1)"], /expected KEY=VALUE/],
    [
      ["eval", "--set", "tier.Pooled.min_acv=0", "=CS.TIER(1)"],
      /assumptions cannot be used: .*same minimum ACV/,
    ],
    [["eval"], /needs at least one formula/],
    [["eval", "--data", "/nonexistent/accounts.csv", "=CS.TIER(A2)"], /accounts\.csv/],
  ])("%p exits 2 with one clear line", async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
    expect(r.err[0]).not.toMatch(/\n| {4}at /);
  });

  test("unknown commands and options exit 2", async () => {
    expect((await run("frobnicate")).code).toBe(2);
    expect((await run("eval", "--bogus", "=CS.TIER(1)")).code).toBe(2);
  });
});
