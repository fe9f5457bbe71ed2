import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import path from "path";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { exportAssumptions } from "../../src/core/assumptions/format";
import { loadPreset } from "../../src/core/assumptions/presets";
import { CliRun as Run, runCli as run } from "../helpers/cli";

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "cs-assumptions-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
}

function expectOneLineExit2(r: Run, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.out).toEqual([]);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toMatch(message);
  expect(r.err[0]).not.toMatch(/\n| {4}at /);
}

describe("cs-coverage assumptions", () => {
  test("prints the default set readably: tier table, segments, payout, expansion, the rest, sources", async () => {
    const r = await run("assumptions");
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    const text = r.out.join("\n");
    expect(r.out[0]).toBe("Assumptions: preset tiered-2027, schema version 1");
    expect(text).toMatch(
      /Strategic +250,000 +Enterprise +11 +25 +10 +4,000,000 +7 +Named CSM \+ named TAM +Weekly \+ monthly QBR/
    );
    expect(text).toMatch(/Tech-Touch +0 +SMB +175 +300 +none +1,800,000 +none/);
    expect(text).toMatch(/tier\.Strategic\.csm_ratio +S0 §2\.1 \(median of 8-15 logos per CSM\)/);
    expect(text).toMatch(/Mid-Market +115% +95% +17\.5% +Mid-Market CSM/);
    expect(text).toMatch(/payout\.standard\.grr_weight +45% +S4 §1 \(GRR 40-50/);
    expect(text).toMatch(/payout\.ebr_gated_cap +1x +S4 §4\.1/);
    expect(text).toMatch(/expansion\.csm_owned_below +25,000 +S4 §3/);
    expect(text).toMatch(/hiring\.ramp +0,0\.5,0\.5 \(then 1\) +S0 §2\.3/);
    expect(text).toMatch(/VP CS +230,000 +90,000 +320,000/);
    expect(text).toMatch(/S4 = "How do you comp customer success managers/);
  });

  test("--preset vitally-2024 shows its tiers and S1 as the source of its ratios", async () => {
    const r = await run("assumptions", "--preset", "Vitally-2024");
    expect(r.code).toBe(0);
    const text = r.out.join("\n");
    expect(r.out[0]).toBe("Assumptions: preset vitally-2024, schema version 1");
    expect(text).toMatch(/Enterprise +75,000 +Enterprise +30 /);
    expect(text).toMatch(/Tech-Touch +0 +SMB +200 /);
    expect(text).not.toMatch(/Pooled/);
    expect(text).toMatch(/tier\.Strategic\.csm_ratio +S1 CSM Account Load by Tier/);
  });

  test("--preset capacity-model shows the derived ratios with their arithmetic", async () => {
    const text = (await run("assumptions", "--preset", "capacity-model")).out.join("\n");
    expect(text).toMatch(/Enterprise +50,000 +Enterprise +14 /);
    expect(text).toMatch(
      /108 h a month \/ \(6 touches x 75 min\) = 14\.4, rounded down to 14 accounts/
    );
  });

  test("--json prints exactly the export format", async () => {
    const r = await run("assumptions", "--json");
    expect(r.code).toBe(0);
    expect(r.out).toEqual([exportAssumptions(defaultAssumptions()).trimEnd()]);
    const vitally = await run("assumptions", "--preset", "vitally-2024", "--json");
    expect(`${vitally.out.join("\n")}\n`).toBe(exportAssumptions(loadPreset("vitally-2024")));
  });

  test("--set works here too, so an edited export can be made from the command line", async () => {
    const r = await run("assumptions", "--set", "tier.Strategic.csm_ratio=12", "--json");
    expect(JSON.parse(r.out.join("\n")).assumptions.tiers[4].csm_ratio).toBe(12);
  });

  test("an unknown preset exits 2 and lists the presets", async () => {
    expectOneLineExit2(
      await run("assumptions", "--preset", "gartner"),
      /^cs-coverage: There is no preset named "gartner"; the presets are tiered-2027, vitally-2024, capacity-model\.$/
    );
  });

  test("--preset and --assumptions together exit 2", async () => {
    const f = file("both.json", exportAssumptions(defaultAssumptions()));
    expectOneLineExit2(
      await run("assumptions", "--preset", "vitally-2024", "--assumptions", f),
      /use one of them/
    );
  });
});

describe("eval --assumptions", () => {
  test("a hand-edited export changes what =CS.TIER returns", async () => {
    // Default: Strategic from 250,000, so 300,000 is Strategic. Edited: Strategic from 500,000.
    const edited = exportAssumptions(defaultAssumptions()).replace(
      '"min_acv": 250000',
      '"min_acv": 500000'
    );
    const f = file("edited.json", edited);
    expect((await run("eval", "=CS.TIER(300000)")).out).toEqual(["Strategic"]);
    expect(await run("eval", "--assumptions", f, "=CS.TIER(300000)")).toEqual({
      code: 0,
      out: ["Enterprise"],
      err: [],
    });
  });

  test("the vitally-2024 export: 80,000 is Enterprise there (75,000 <= 80,000 < 250,000)", async () => {
    const exported = (await run("assumptions", "--preset", "vitally-2024", "--json")).out.join(
      "\n"
    );
    const f = file("vitally.json", exported);
    const r = await run(
      "eval",
      "--json",
      "--assumptions",
      f,
      "=CS.TIER(80000)",
      "=CS.TIER(15000)",
      "=CS.REQUIRED_CSMS({300000;300000})"
    );
    // 2 Strategic accounts at 1:10 = 0.2 CSMs.
    expect(r).toEqual({ code: 0, out: ['"Enterprise"', '"Mid-Market"', "0.2"], err: [] });
  });

  test("--set applies after --assumptions", async () => {
    const f = file("vitally2.json", exportAssumptions(loadPreset("vitally-2024")));
    const r = await run(
      "eval",
      "--assumptions",
      f,
      "--set",
      "tier.Enterprise.min_acv=90000",
      "=CS.TIER(80000)"
    );
    expect(r.out).toEqual(["Mid-Market"]);
  });

  test("an unknown preset name in the file runs, with a note on stderr", async () => {
    const doc = JSON.parse(exportAssumptions(defaultAssumptions()));
    doc.preset = "our-plan";
    const f = file("ours.json", JSON.stringify(doc));
    const r = await run("eval", "--assumptions", f, "=CS.TIER(300000)");
    expect(r.code).toBe(0);
    expect(r.out).toEqual(["Strategic"]);
    expect(r.err).toEqual([
      expect.stringMatching(/^cs-coverage: note: .*ours\.json: preset "our-plan" is not one of/),
    ]);
  });

  test("a corrupt file exits 2 with one line naming the file and where", async () => {
    const f = file(
      "corrupt.json",
      '{\n  "format": "cs-coverage-assumptions",\n  "schema_version": 1,\n}'
    );
    expectOneLineExit2(
      await run("eval", "--assumptions", f, "=CS.TIER(1)"),
      /^cs-coverage: .*corrupt\.json: The file is not valid JSON: line 4, column 1: expected a property name in double quotes, found "}" \(remove the comma before it/
    );
  });

  test("an invalid file names the first problem and counts the others", async () => {
    const doc = JSON.parse(exportAssumptions(defaultAssumptions()));
    doc.assumptions.tiers[4].csm_ratio = 0;
    doc.assumptions.payout.standard.grr_weight = 0.5;
    doc.assumptions.cost.healthy_min = 0.2;
    const f = file("invalid.json", JSON.stringify(doc, null, 2));
    expectOneLineExit2(
      await run("eval", "--assumptions", f, "=CS.TIER(1)"),
      /^cs-coverage: .*invalid\.json: tier\.Strategic\.csm_ratio needs a number of accounts per person above 0.* \(and 2 more problems\)$/
    );
  });

  test("a missing file exits 2", async () => {
    expectOneLineExit2(
      await run("eval", "--assumptions", path.join(dir, "nope.json"), "=CS.TIER(1)"),
      /cannot read the assumptions file .*nope\.json: it does not exist/
    );
  });

  test("a file from a newer version exits 2 saying so", async () => {
    const doc = JSON.parse(exportAssumptions(defaultAssumptions()));
    doc.schema_version = 2;
    const f = file("v2.json", JSON.stringify(doc));
    expectOneLineExit2(
      await run("eval", "--assumptions", f, "=CS.TIER(1)"),
      /v2\.json: This file was made by a newer version of CS Coverage \(schema version 2/
    );
  });

  test("a multi-megabyte file is refused without being read", async () => {
    const f = file("big.json", "x".repeat(5 * 1024 * 1024));
    const started = Date.now();
    const r = await run("eval", "--assumptions", f, "=CS.TIER(1)");
    expect(Date.now() - started).toBeLessThan(1000);
    expectOneLineExit2(
      r,
      /big\.json: the file is 5,120 KiB; an assumptions export is at most 1,024 KiB/
    );
  });

  test("reserved property names in the file are refused and named", async () => {
    const text = exportAssumptions(defaultAssumptions()).replace(
      '"name": "Pooled",',
      '"name": "Pooled", "__proto__": {"polluted": true},'
    );
    const f = file("proto.json", text);
    expectOneLineExit2(
      await run("eval", "--assumptions", f, "=CS.TIER(1)"),
      /proto\.json: tier\.Pooled\.__proto__: "__proto__" is a name JavaScript reserves/
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("eval --set runs the full schema check", () => {
  test("weights that add up to 105% are refused, naming the key", async () => {
    expectOneLineExit2(
      await run("eval", "--set", "payout.standard.grr_weight=0.5", "=CS.TIER(1)"),
      /^cs-coverage: the assumptions cannot be used: payout\.standard weights add up to 105% \(grr_weight 50% \+ expansion_weight 35% \+ mbo_weight 20%\)/
    );
  });

  test("a GRR floor above a segment's target is refused", async () => {
    expectOneLineExit2(
      await run("eval", "--set", "payout.grr_floor=96%", "=CS.TIER(1)"),
      // Mid-Market's 95% and SMB's 92% are both at or below 96%: the first is named, the other counted.
      /segment\.Mid-Market\.grr_target is 95%; it must be above payout\.grr_floor \(96%\).* \(and 1 more problem\)$/
    );
  });

  test("weights moved together still pass", async () => {
    const r = await run(
      "eval",
      "--set",
      "payout.standard.grr_weight=0.5",
      "--set",
      "payout.standard.mbo_weight=15%",
      "=CS.TIER(1)"
    );
    expect(r).toEqual({ code: 0, out: ["Tech-Touch"], err: [] });
  });
});
