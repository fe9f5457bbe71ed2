import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { setAssumption } from "../../src/core/assumptions/keys";
import { Assumptions } from "../../src/core/assumptions/types";
import { CsError } from "../../src/core/errors";
import { evaluate, evaluateOne, excelError } from "../helpers/engine";

function withKey(key: string, value: string): Assumptions {
  const changed = setAssumption(defaultAssumptions(), key, value);
  if (changed instanceof CsError) throw new Error(changed.message);
  return changed;
}

// MODEL.md §1 tier table, in tier order, with the key field names as the header.
const TIER_TABLE = [
  [
    "tier",
    "min_acv",
    "segment",
    "coverage_model",
    "touch_cadence",
    "csm_ratio",
    "am_ratio",
    "tam_ratio",
    "arr_ceiling",
    "sla_days",
  ],
  [
    "Tech-Touch",
    0,
    "SMB",
    "Tech-touch + scaled CSM",
    "In-app + community",
    175,
    300,
    "none",
    1_800_000,
    "none",
  ],
  [
    "Pooled",
    15_000,
    "Mid-Market",
    "Pooled CSM (vertical pod)",
    "Trigger-based + 2x/year",
    50,
    80,
    "none",
    2_500_000,
    183,
  ],
  [
    "Mid-Market",
    50_000,
    "Mid-Market",
    "Named CSM",
    "Monthly + quarterly QBR",
    32,
    80,
    "none",
    2_500_000,
    31,
  ],
  [
    "Enterprise",
    100_000,
    "Enterprise",
    "Named CSM (shared TAM)",
    "Biweekly + quarterly QBR",
    30,
    25,
    "none",
    4_000_000,
    14,
  ],
  [
    "Strategic",
    250_000,
    "Enterprise",
    "Named CSM + named TAM",
    "Weekly + monthly QBR",
    11,
    25,
    10,
    4_000_000,
    7,
  ],
];

describe("=CS.ASSUMPTION (FUNCTIONS.md assumption keys)", () => {
  test("one value per key, as MODEL.md gives it", async () => {
    const cases: [string, unknown][] = [
      ["tier.Strategic.csm_ratio", 11],
      ["TIER.pooled.SLA_DAYS", 183],
      ["tier.Mid-Market.min_acv", 50_000],
      ["tier.Enterprise.coverage_model", "Named CSM (shared TAM)"],
      ["tier.Tech-Touch.arr_ceiling", 1_800_000],
      ["segment.Mid-Market.nrr_target", 1.15],
      ["segment.SMB.expansion_target", 0.1],
      ["payout.grr_floor", 0.9],
      ["payout.ebr_gate", 0.8],
      ["payout.plg.mbo_weight", 0.25],
      ["expansion.csm_owned_below", 25_000],
      ["clawback.window_days", 90],
      ["capacity.weeks_per_month", 4],
      ["book.extend_limit", 0.3],
      ["cost.healthy_min", 0.06],
      ["hiring.ramp", "0,0.5,0.5"],
      ["hiring.lead_months", 3],
      ["ote.Strategic CSM.base", 175_000],
      ["ote.vp cs.variable", 90_000],
      ["  payout.grr_stretch  ", 0.98],
    ];
    expect(await evaluate(cases.map(([key]) => `=CS.ASSUMPTION("${key}")`))).toEqual(
      cases.map(([, value]) => value)
    );
  });

  test('a role or SLA that does not apply shows as "none"', async () => {
    expect(
      await evaluate([
        '=CS.ASSUMPTION("tier.Tech-Touch.sla_days")',
        '=CS.ASSUMPTION("tier.Enterprise.tam_ratio")',
      ])
    ).toEqual(["none", "none"]);
  });

  test("the key may come from a cell; values follow the assumptions in force", async () => {
    const sheet = [["tier.Strategic.csm_ratio"]];
    expect(await evaluateOne("=CS.ASSUMPTION(A1)", { sheet })).toBe(11);
    expect(
      await evaluateOne("=CS.ASSUMPTION(A1)", {
        sheet,
        assumptions: withKey("tier.Strategic.csm_ratio", "12"),
      })
    ).toBe(12);
    expect(
      await evaluateOne('=CS.ASSUMPTION("tier.Strategic.tam_ratio")', {
        assumptions: withKey("tier.Strategic.tam_ratio", "none"),
      })
    ).toBe("none");
  });

  test.each([
    "tier.Gold.csm_ratio",
    "tier.Strategic.color",
    "payout",
    "__proto__",
    "constructor",
    "toString",
    "constructor.name",
    "payout.__proto__",
    "tier.Strategic.__proto__",
    "tier.__proto__.csm_ratio",
    "hiring.toString",
    "ote.VP CS.hasOwnProperty",
    "segment.Enterprise",
  ])("unknown key %p is #N/A", async (key) => {
    expect(await evaluateOne(`=CS.ASSUMPTION("${key}")`)).toEqual(
      excelError("#N/A", "There is no assumption named", "tier.Strategic.csm_ratio")
    );
  });

  test("a blank, numeric or error key is #VALUE!", async () => {
    expect(
      await evaluate([
        '=CS.ASSUMPTION("")',
        "=CS.ASSUMPTION(A1)",
        "=CS.ASSUMPTION(42)",
        "=CS.ASSUMPTION(1/0)",
      ])
    ).toEqual([
      excelError("#VALUE!", "Key is blank"),
      excelError("#VALUE!", "Key is blank"),
      excelError("#VALUE!", "Key 42 is not text"),
      excelError("#VALUE!", "Key is #DIV/0!"),
    ]);
  });
});

describe("=CS.ASSUMPTIONS", () => {
  test("the tier table by default, header row first, none as text", async () => {
    expect(
      await evaluate(["=CS.ASSUMPTIONS()", '=CS.ASSUMPTIONS("tiers")', '=CS.ASSUMPTIONS("")'])
    ).toEqual([TIER_TABLE, TIER_TABLE, TIER_TABLE]);
  });

  test("segments: targets and comp role (MODEL.md §2)", async () => {
    expect(await evaluateOne('=CS.ASSUMPTIONS("segments")')).toEqual([
      ["segment", "nrr_target", "grr_target", "expansion_target", "comp_role"],
      ["Enterprise", 1.3, 0.97, 0.1, "Enterprise CSM"],
      ["Mid-Market", 1.15, 0.95, 0.175, "Mid-Market CSM"],
      ["SMB", 1.02, 0.92, 0.1, "SMB CSM"],
    ]);
  });

  test("comp: the OTE table, OTE = base + variable", async () => {
    expect(await evaluateOne('=CS.ASSUMPTIONS("comp")')).toEqual([
      ["role", "base", "variable", "ote"],
      ["SMB CSM", 90_000, 25_000, 115_000],
      ["Mid-Market CSM", 115_000, 30_000, 145_000],
      ["Enterprise CSM", 145_000, 45_000, 190_000],
      ["Strategic CSM", 175_000, 55_000, 230_000],
      ["CS Manager", 165_000, 40_000, 205_000],
      ["VP CS", 230_000, 90_000, 320_000],
    ]);
  });

  test("expansion: the credit bands and the clawback window, by key", async () => {
    const table = (await evaluateOne('=CS.ASSUMPTIONS("expansion")')) as unknown[][];
    expect(table.map((row) => row.slice(0, 2))).toEqual([
      ["key", "value"],
      ["expansion.csm_owned_below", 25_000],
      ["expansion.csm_led_up_to", 100_000],
      ["expansion.csm_led_csm_share", 0.7],
      ["expansion.ae_led_csm_share", 0.3],
      ["clawback.window_days", 90],
    ]);
    expect(table[0][2]).toBe("meaning");
    expect(table.slice(1).every((row) => typeof row[2] === "string" && row[2].length > 10)).toBe(
      true
    );
  });

  test("every key in the expansion table reads back through CS.ASSUMPTION", async () => {
    const table = (await evaluateOne('=CS.ASSUMPTIONS("expansion")')) as unknown[][];
    const keys = table.slice(1).map((row) => row[0] as string);
    expect(await evaluate(keys.map((k) => `=CS.ASSUMPTION("${k}")`))).toEqual(
      table.slice(1).map((row) => row[1])
    );
  });

  test("table names match case-insensitively, with singular forms and ote for comp", async () => {
    const [tier, segment, ote] = (await evaluate([
      '=CS.ASSUMPTIONS(" Tier ")',
      '=CS.ASSUMPTIONS("SEGMENT")',
      '=CS.ASSUMPTIONS("ote")',
    ])) as unknown[][][];
    expect(tier).toEqual(TIER_TABLE);
    expect(segment[0][0]).toBe("segment");
    expect(ote[0]).toEqual(["role", "base", "variable", "ote"]);
  });

  test("the size follows the assumptions in force", async () => {
    const fewer = defaultAssumptions();
    fewer.tiers = fewer.tiers.filter((t) => t.name !== "Pooled");
    fewer.ote = fewer.ote.slice(0, 3);
    const [tiers, comp] = (await evaluate(["=CS.ASSUMPTIONS()", '=CS.ASSUMPTIONS("comp")'], {
      assumptions: fewer,
    })) as unknown[][][];
    expect(tiers.map((row) => row[0])).toEqual([
      "tier",
      "Tech-Touch",
      "Mid-Market",
      "Enterprise",
      "Strategic",
    ]);
    expect(comp.length).toBe(4);
    const changed = withKey("tier.Strategic.sla_days", "none");
    const table = (await evaluateOne("=CS.ASSUMPTIONS()", { assumptions: changed })) as unknown[][];
    expect(table[5][9]).toBe("none");
  });

  test("an unknown table is #N/A; a number is #VALUE!", async () => {
    expect(await evaluate(['=CS.ASSUMPTIONS("payout")', "=CS.ASSUMPTIONS(3)"])).toEqual([
      excelError("#N/A", 'no assumptions table named "payout"', "tiers, segments, comp, expansion"),
      excelError("#VALUE!", "table 3 is not text"),
    ]);
  });

  test("in the engine, a table name in a cell is sized as the tier table", async () => {
    // HyperFormula sizes a spill before evaluating, so only a name written in the formula
    // can size another table; Excel sizes after the function returns and has no such limit.
    const sheet = [["tiers", "comp"]];
    const [tiers, comp] = (await evaluate(["=CS.ASSUMPTIONS(A1)", "=CS.ASSUMPTIONS(B1)"], {
      sheet,
    })) as unknown[][][];
    expect(tiers).toEqual(TIER_TABLE);
    expect(comp.length).toBe(TIER_TABLE.length);
    expect(comp[0][0]).toEqual(
      excelError("#VALUE!", "CS.ASSUMPTIONS gives 7x4 cells, but the engine sized its spill as")
    );
  });
});
