import { defaultAssumptions } from "../../../src/core/assumptions/defaults";
import {
  capacityExact,
  loadPreset,
  presetNames,
  sourceOf,
  UnknownPresetError,
} from "../../../src/core/assumptions/presets";
import { validateAssumptions } from "../../../src/core/assumptions/schema";
import { Assumptions } from "../../../src/core/assumptions/types";
import { evaluate } from "../../helpers/engine";

const pick = (a: Assumptions) =>
  a.tiers.map((t) => [
    t.name,
    t.min_acv,
    t.segment,
    t.csm_ratio,
    t.am_ratio,
    t.tam_ratio,
    t.arr_ceiling,
    t.sla_days,
  ]);

test("the presets are tiered-2027, vitally-2024 and capacity-model", () => {
  expect(presetNames).toEqual(["tiered-2027", "vitally-2024", "capacity-model"]);
});

test.each(presetNames)("%s passes the schema and records its name", (name) => {
  const a = loadPreset(name);
  expect(validateAssumptions(a)).toEqual({ ok: true, value: a });
  expect(a.preset).toBe(name);
});

test("tiered-2027 is the default set", () => {
  expect(loadPreset("tiered-2027")).toEqual(defaultAssumptions());
});

test("vitally-2024: S1's bands and ratios, other columns as the default tier of the same name", () => {
  // MODEL.md §1: Strategic >= 250,000 at 1:10; Enterprise 75,000-250,000 at 1:30;
  // Mid-Market 15,000-75,000 at 1:50; Tech-Touch below 15,000 at 1:200.
  // AM, TAM, ARR ceiling, SLA from the default table: Tech-Touch 300/none/1.8M/none,
  // Mid-Market 80/none/2.5M/31, Enterprise 25/none/4M/14, Strategic 25/10/4M/7.
  expect(pick(loadPreset("vitally-2024"))).toEqual([
    ["Tech-Touch", 0, "SMB", 200, 300, null, 1_800_000, null],
    ["Mid-Market", 15_000, "Mid-Market", 50, 80, null, 2_500_000, 31],
    ["Enterprise", 75_000, "Enterprise", 30, 25, null, 4_000_000, 14],
    ["Strategic", 250_000, "Enterprise", 10, 25, 10, 4_000_000, 7],
  ]);
  const strategic = loadPreset("vitally-2024").tiers[3];
  expect(strategic.coverage_model).toBe("Named CSM + named TAM");
  expect(strategic.touch_cadence).toBe("Weekly + monthly QBR");
});

test("capacity-model: accounts per CSM from 27 h/week, rounded down to whole accounts", () => {
  // 27 h x 4 weeks = 108 h a month.
  // Enterprise 6 x 75 min = 450 min = 7.5 h per account: 108 / 7.5 = 14.4 -> 14
  // Mid-Market 3 x 52.5 min = 157.5 min = 2.625 h: 108 / 2.625 = 41.142857... -> 41
  // SMB 1.25 x 37.5 min = 46.875 min = 0.78125 h: 108 / 0.78125 = 138.24 -> 138
  expect(capacityExact("Enterprise")).toBeCloseTo(14.4, 12);
  expect(capacityExact("Mid-Market")).toBeCloseTo(288 / 7, 12);
  expect(capacityExact("SMB")).toBeCloseTo(138.24, 12);
  // Other columns: SMB as the default Tech-Touch tier; Mid-Market and Enterprise as their namesakes.
  expect(pick(loadPreset("capacity-model"))).toEqual([
    ["SMB", 0, "SMB", 138, 300, null, 1_800_000, null],
    ["Mid-Market", 10_000, "Mid-Market", 41, 80, null, 2_500_000, 31],
    ["Enterprise", 50_000, "Enterprise", 14, 25, null, 4_000_000, 14],
  ]);
  expect(loadPreset("capacity-model").tiers.map((t) => t.touch_cadence)).toEqual([
    "1.25 touches a month x 37.5 min (S2 mid-point)",
    "3 touches a month x 52.5 min (S2 mid-point)",
    "6 touches a month x 75 min (S2 mid-point)",
  ]);
});

test("presets change only the tier table: segments, payout and the rest are the default set's", () => {
  const untiered = (a: Assumptions) => ({ ...a, tiers: [], preset: "" });
  for (const name of presetNames)
    expect(untiered(loadPreset(name))).toEqual(untiered(defaultAssumptions()));
});

test("loadPreset matches names ignoring case and spaces, and returns a fresh copy", () => {
  const a = loadPreset(" Vitally-2024 ");
  expect(a.preset).toBe("vitally-2024");
  a.tiers[0].csm_ratio = 1;
  expect(loadPreset("vitally-2024").tiers[0].csm_ratio).toBe(200);
});

test("an unknown preset is an error that lists the presets", () => {
  expect(() => loadPreset("gartner-2025")).toThrow(UnknownPresetError);
  expect(() => loadPreset("gartner-2025")).toThrow(
    'There is no preset named "gartner-2025"; the presets are tiered-2027, vitally-2024, capacity-model.'
  );
});

describe("sources", () => {
  test.each([
    ["tier.Strategic.csm_ratio", "tiered-2027", "S0 §2.1 (median of 8-15 logos per CSM)"],
    ["TIER.strategic.CSM_RATIO", "tiered-2027", "S0 §2.1 (median of 8-15 logos per CSM)"],
    ["tier.Pooled.segment", "tiered-2027", "S0 §1.2 (2027 tier cut-lines)"],
    ["segment.SMB.grr_target", "tiered-2027", "Assumption: S0 cites 8-12% SMB mortality churn"],
    ["segment.Enterprise.grr_target", "tiered-2027", "S4 (96-98% / 94-96%)"],
    ["payout.grr_floor", "tiered-2027", "S4 §1.1 (GRR pool curve)"],
    [
      "payout.standard.grr_weight",
      "tiered-2027",
      "S4 §1 (GRR 40-50 / expansion 30-40 / MBO 15-20)",
    ],
    ["payout.plg.mbo_weight", "tiered-2027", "S4 FAQ (PLG plan 25 / 50 / 25)"],
    ["ote.VP CS.base", "tiered-2027", "S4 (OTE table)"],
    ["hiring.ramp", "tiered-2027", "S0 §2.3 (CSM ramp 60-90 days)"],
    ["tier.Strategic.csm_ratio", "vitally-2024", "S1 CSM Account Load by Tier"],
    ["tier.Tech-Touch.csm_ratio", "vitally-2024", "S1 CSM Account Load by Tier"],
    ["tier.Enterprise.min_acv", "vitally-2024", "S1 CSM Account Load by Tier (ACV bands)"],
    ["tier.Strategic.am_ratio", "vitally-2024", "S0 §2.1 (AM 1:25)"],
    ["payout.grr_floor", "vitally-2024", "S4 §1.1 (GRR pool curve)"],
    [
      "tier.Enterprise.csm_ratio",
      "capacity-model",
      "S2 capacity model at 27 h/week: 108 h a month / (6 touches x 75 min) = 14.4, rounded down to 14 accounts",
    ],
    [
      "tier.SMB.am_ratio",
      "capacity-model",
      "As the default set's Tech-Touch tier: S0 §4.1 (AM 1:300+)",
    ],
    ["tier.Mid-Market.am_ratio", "capacity-model", "S0 §3.1 (AM 1:80)"],
  ])("%s under %s", (key, preset, source) => {
    expect(sourceOf(key, preset)).toBe(source);
  });

  test("the default preset is tiered-2027; keys without a source give undefined", () => {
    expect(sourceOf("tier.Enterprise.csm_ratio")).toBe("S1 (Vitally median 1:30)");
    expect(sourceOf("schema_version")).toBeUndefined();
    expect(sourceOf("nonsense.key")).toBeUndefined();
  });

  test.each(presetNames)("every value of %s has a source", (name) => {
    const a = loadPreset(name);
    const keys = [
      ...a.tiers.flatMap((t) =>
        Object.keys(t)
          .filter((f) => f !== "name")
          .map((f) => `tier.${t.name}.${f}`)
      ),
      ...a.segments.flatMap((s) =>
        Object.keys(s)
          .filter((f) => f !== "name")
          .map((f) => `segment.${s.name}.${f}`)
      ),
      ...a.ote.flatMap((o) => [`ote.${o.role}.base`, `ote.${o.role}.variable`]),
      ...Object.keys(a.payout).flatMap((f) =>
        f === "standard" || f === "plg"
          ? ["grr_weight", "expansion_weight", "mbo_weight"].map((w) => `payout.${f}.${w}`)
          : [`payout.${f}`]
      ),
      ...Object.keys(a.expansion).map((f) => `expansion.${f}`),
      "clawback.window_days",
      "capacity.weeks_per_month",
      "book.load_threshold",
      "book.extend_limit",
      "cost.healthy_min",
      "cost.healthy_max",
      "hiring.ramp",
      "hiring.lead_months",
    ];
    for (const key of keys) expect([key, sourceOf(key, name)]).toEqual([key, expect.any(String)]);
  });
});

describe("formulas under a preset", () => {
  const under = (name: string, formulas: string[]) =>
    evaluate(formulas, { assumptions: loadPreset(name) });

  test("vitally-2024 moves the tier cut-lines: 80,000 is Enterprise (75,000 <= 80,000 < 250,000)", async () => {
    // Default set: Mid-Market starts at 50,000 and Enterprise at 100,000, so 80,000 is Mid-Market.
    expect(await evaluate(["=CS.TIER(80000)", "=CS.TIER(15000)"])).toEqual([
      "Mid-Market",
      "Pooled",
    ]);
    expect(
      await under("vitally-2024", [
        "=CS.TIER(80000)",
        "=CS.TIER(74999.99)",
        "=CS.TIER(15000)",
        "=CS.TIER(14999)",
        "=CS.TIER(250000)",
      ])
    ).toEqual(["Enterprise", "Mid-Market", "Mid-Market", "Tech-Touch", "Strategic"]);
  });

  test("vitally-2024 changes the ratios: 2 Strategic accounts need 2/10 = 0.2 CSMs (default 2/11)", async () => {
    const [vitally] = await under("vitally-2024", ["=CS.REQUIRED_CSMS({300000;300000})"]);
    const [tiered] = await evaluate(["=CS.REQUIRED_CSMS({300000;300000})"]);
    expect(vitally).toBeCloseTo(0.2, 12);
    expect(tiered).toBeCloseTo(2 / 11, 12);
  });

  test("capacity-model: 50,000 is Enterprise, 9,999 SMB; 14 Enterprise accounts need 1 CSM", async () => {
    const [e, smb, csms] = await under("capacity-model", [
      "=CS.TIER(50000)",
      "=CS.TIER(9999)",
      "=CS.REQUIRED_CSMS({60000;60000;60000;60000;60000;60000;60000;60000;60000;60000;60000;60000;60000;60000})",
    ]);
    expect([e, smb]).toEqual(["Enterprise", "SMB"]);
    expect(csms).toBeCloseTo(1, 12); // 14 accounts / 14 per CSM
  });
});
