import { defaultAssumptions } from "../../../src/core/assumptions/defaults";
import { setAssumption } from "../../../src/core/assumptions/keys";
import { Problem, validateAssumptions, validateBody } from "../../../src/core/assumptions/schema";
import { Assumptions } from "../../../src/core/assumptions/types";

// The default tiers, in order: 0 Tech-Touch, 1 Pooled, 2 Mid-Market, 3 Enterprise, 4 Strategic.
// Segments: 0 Enterprise, 1 Mid-Market, 2 SMB. OTE: 0 SMB CSM ... 5 VP CS.
type Loose = Record<string, any>;

function problemsOf(edit: (a: Loose) => void): Problem[] {
  const a = defaultAssumptions() as unknown as Loose;
  edit(a);
  const result = validateAssumptions(a);
  if (result.ok) throw new Error("expected the assumptions to be refused");
  return result.problems;
}

test("the default set passes and comes back equal", () => {
  const result = validateAssumptions(defaultAssumptions());
  expect(result).toEqual({ ok: true, value: defaultAssumptions() });
});

// Each rule: one edit that breaks it, the key the problem must name, and what the message says.
const rules: [string, (a: Loose) => void, string, RegExp][] = [
  // Tiers
  ["tier name blank", (a) => (a.tiers[1].name = "  "), "tier.#2.name", /not blank/],
  ["tier name not text", (a) => (a.tiers[1].name = 5), "tier.#2.name", /not 5/],
  [
    "tier names unique ignoring case",
    (a) => (a.tiers[2].name = "POOLED"),
    "tier.POOLED.name",
    /"POOLED" is used twice/,
  ],
  [
    "first tier starts at exactly 0",
    (a) => (a.tiers[0].min_acv = 1000),
    "tier.Tech-Touch.min_acv",
    /first tier must start at 0/,
  ],
  [
    "minimums strictly increasing: equal",
    (a) => (a.tiers[1].min_acv = 0),
    "tier.Pooled.min_acv",
    /same minimum ACV as tier\.Tech-Touch\.min_acv/,
  ],
  [
    "minimums strictly increasing: lower",
    (a) => (a.tiers[2].min_acv = 10_000),
    "tier.Mid-Market.min_acv",
    /below tier\.Pooled\.min_acv \(15,000\); list the tiers in ascending order/,
  ],
  [
    "min ACV not negative",
    (a) => (a.tiers[2].min_acv = -1),
    "tier.Mid-Market.min_acv",
    /0 or more, not -1/,
  ],
  [
    "min ACV a number, not text",
    (a) => (a.tiers[1].min_acv = "15000"),
    "tier.Pooled.min_acv",
    /not "15000"/,
  ],
  [
    "ratio above 0",
    (a) => (a.tiers[4].csm_ratio = 0),
    "tier.Strategic.csm_ratio",
    /above 0, or null for "none"/,
  ],
  [
    "ratio none is null, not text",
    (a) => (a.tiers[4].am_ratio = "none"),
    "tier.Strategic.am_ratio",
    /null for "none".*not "none"/,
  ],
  [
    "ARR ceiling above 0 or null",
    (a) => (a.tiers[4].arr_ceiling = 0),
    "tier.Strategic.arr_ceiling",
    /above 0 in the plan currency/,
  ],
  [
    "SLA days whole",
    (a) => (a.tiers[4].sla_days = 7.5),
    "tier.Strategic.sla_days",
    /whole number of days.*not 7\.5/,
  ],
  [
    "SLA days not negative",
    (a) => (a.tiers[4].sla_days = -1),
    "tier.Strategic.sla_days",
    /0 or more/,
  ],
  [
    "tier segment exists",
    (a) => (a.tiers[4].segment = "Global"),
    "tier.Strategic.segment",
    /"Global", which is not a segment; use one of Enterprise, Mid-Market, SMB/,
  ],
  [
    "coverage model not blank",
    (a) => (a.tiers[4].coverage_model = ""),
    "tier.Strategic.coverage_model",
    /not blank/,
  ],
  ["at least one tier", (a) => (a.tiers = []), "tiers", /at least one tier/],
  // Segments
  [
    "segment names unique",
    (a) => (a.segments[2].name = "enterprise"),
    "segment.enterprise.name",
    /used twice/,
  ],
  [
    "segment comp role is an OTE role",
    (a) => (a.segments[2].comp_role = "SMB Rep"),
    "segment.SMB.comp_role",
    /"SMB Rep", which is not a role of the OTE table/,
  ],
  [
    "NRR target 0-5",
    (a) => (a.segments[0].nrr_target = 130),
    "segment.Enterprise.nrr_target",
    /between 0 and 5.*not 130/,
  ],
  [
    "GRR target at most 1",
    (a) => (a.segments[2].grr_target = 1.2),
    "segment.SMB.grr_target",
    /between 0 and 1/,
  ],
  [
    "expansion target 0-5",
    (a) => (a.segments[1].expansion_target = -0.1),
    "segment.Mid-Market.expansion_target",
    /between 0 and 5/,
  ],
  [
    "GRR target above the payout floor",
    (a) => (a.segments[2].grr_target = 0.9),
    "segment.SMB.grr_target",
    /is 90%; it must be above payout\.grr_floor \(90%\) and below payout\.grr_stretch \(98%\)/,
  ],
  [
    "GRR target below the payout stretch",
    (a) => (a.segments[0].grr_target = 0.98),
    "segment.Enterprise.grr_target",
    /below payout\.grr_stretch/,
  ],
  // Payout
  [
    "GRR floor below stretch",
    (a) => {
      a.payout.grr_floor = 0.99;
      a.payout.grr_stretch = 0.95;
    },
    "payout.grr_floor",
    /payout\.grr_floor \(99%\) must be below payout\.grr_stretch \(95%\)/,
  ],
  [
    "floor multiple at most 1",
    (a) => (a.payout.floor_multiple = 1.2),
    "payout.floor_multiple",
    /between 0 and 1/,
  ],
  [
    "stretch multiple at least 1",
    (a) => (a.payout.stretch_multiple = 0.9),
    "payout.stretch_multiple",
    /between 1 and 5/,
  ],
  [
    "gated cap not above the expansion cap",
    (a) => (a.payout.ebr_gated_cap = 1.6),
    "payout.ebr_gated_cap",
    /\(1\.6x\) is above payout\.expansion_cap \(1\.5x\)/,
  ],
  [
    "gated cap not negative",
    (a) => (a.payout.ebr_gated_cap = -0.5),
    "payout.ebr_gated_cap",
    /between 0 and 5/,
  ],
  ["EBR gate 0-1", (a) => (a.payout.ebr_gate = 80), "payout.ebr_gate", /between 0 and 1.*not 80/],
  [
    "standard weights add up to 100%",
    (a) => (a.payout.standard.grr_weight = 0.5),
    "payout.standard",
    /payout\.standard weights add up to 105% \(grr_weight 50% \+ expansion_weight 35% \+ mbo_weight 20%\)/,
  ],
  [
    "PLG weights add up to 100%",
    (a) => (a.payout.plg.mbo_weight = 0.2),
    "payout.plg",
    /payout\.plg weights add up to 95%/,
  ],
  [
    "a weight 0-1",
    (a) => (a.payout.plg.expansion_weight = 50),
    "payout.plg.expansion_weight",
    /between 0 and 1/,
  ],
  // Expansion, clawback
  [
    "CSM-owned band ends at or below the CSM-led band",
    (a) => (a.expansion.csm_led_up_to = 20_000),
    "expansion.csm_led_up_to",
    /\(20,000\) is below expansion\.csm_owned_below \(25,000\)/,
  ],
  [
    "CSM-led share 0-1",
    (a) => (a.expansion.csm_led_csm_share = 70),
    "expansion.csm_led_csm_share",
    /between 0 and 1/,
  ],
  [
    "AE-led share 0-1",
    (a) => (a.expansion.ae_led_csm_share = -0.3),
    "expansion.ae_led_csm_share",
    /between 0 and 1/,
  ],
  [
    "band amounts not negative",
    (a) => (a.expansion.csm_owned_below = -1),
    "expansion.csm_owned_below",
    /0 or more/,
  ],
  [
    "clawback window whole days",
    (a) => (a.clawback.window_days = 90.5),
    "clawback.window_days",
    /whole number of days/,
  ],
  [
    "clawback window not negative",
    (a) => (a.clawback.window_days = -1),
    "clawback.window_days",
    /0 or more/,
  ],
  // Capacity, books, cost
  [
    "weeks per month above 0",
    (a) => (a.capacity.weeks_per_month = 0),
    "capacity.weeks_per_month",
    /above 0/,
  ],
  [
    "weeks per month at most 5",
    (a) => (a.capacity.weeks_per_month = 52),
    "capacity.weeks_per_month",
    /at most 5/,
  ],
  [
    "book load threshold above 0",
    (a) => (a.book.load_threshold = 0),
    "book.load_threshold",
    /above 0/,
  ],
  [
    "book extend limit 0-1",
    (a) => (a.book.extend_limit = 30),
    "book.extend_limit",
    /between 0 and 1/,
  ],
  [
    "healthy cost min not above max",
    (a) => (a.cost.healthy_min = 0.12),
    "cost.healthy_min",
    /cost\.healthy_min \(12%\) is above cost\.healthy_max \(10%\)/,
  ],
  ["healthy cost 0-1", (a) => (a.cost.healthy_max = 10), "cost.healthy_max", /between 0 and 1/],
  // Hiring
  [
    "ramp at least one month",
    (a) => (a.hiring.ramp = []),
    "hiring.ramp",
    /1 to 24 monthly productivities/,
  ],
  [
    "ramp at most 24 months",
    (a) => (a.hiring.ramp = new Array(25).fill(0.5)),
    "hiring.ramp",
    /1 to 24/,
  ],
  [
    "ramp fractions 0-1",
    (a) => (a.hiring.ramp = [0, 1.5]),
    "hiring.ramp",
    /hiring\.ramp month 2 needs a fraction between 0 and 1.*not 1\.5/,
  ],
  [
    "lead months whole",
    (a) => (a.hiring.lead_months = 2.5),
    "hiring.lead_months",
    /whole number of months from 0 to 24/,
  ],
  ["lead months at most 24", (a) => (a.hiring.lead_months = 25), "hiring.lead_months", /0 to 24/],
  // OTE
  [
    "OTE roles unique",
    (a) => (a.ote[1].role = "smb csm"),
    "ote.smb csm.role",
    /"smb csm" is used twice/,
  ],
  ["OTE role not blank", (a) => (a.ote[5].role = ""), "ote.#6.role", /not blank/],
  ["OTE base not negative", (a) => (a.ote[0].base = -1), "ote.SMB CSM.base", /0 or more/],
  [
    "OTE variable a number",
    (a) => (a.ote[0].variable = "25k"),
    "ote.SMB CSM.variable",
    /not "25k"/,
  ],
  // Shape
  [
    "unknown field, with a spelling hint",
    (a) => (a.tiers[1].csm_ration = 3),
    "tier.Pooled.csm_ration",
    /not an assumption; did you mean csm_ratio\?/,
  ],
  [
    "unknown section",
    (a) => (a.colour = "blue"),
    "colour",
    /colour is not an assumption; remove it/,
  ],
  [
    "unknown payout field",
    (a) => (a.payout.standard.bonus_weight = 0),
    "payout.standard.bonus_weight",
    /not an assumption/,
  ],
  [
    "missing field",
    (a) => delete a.segments[2].grr_target,
    "segment.SMB.grr_target",
    /is missing; it needs a fraction/,
  ],
  ["missing section", (a) => delete a.capacity, "capacity", /capacity is missing/],
  [
    "section of the wrong type",
    (a) => (a.payout = [1, 2]),
    "payout",
    /needs an object with the payout assumptions.*not a list/,
  ],
  [
    "schema version is 1",
    (a) => (a.schema_version = 2),
    "schema_version",
    /needs 1 \(the schema version\), not 2/,
  ],
  ["preset named", (a) => (a.preset = ""), "preset", /not blank/],
];

test.each(rules)("%s", (_rule, edit, key, message) => {
  const problems = problemsOf(edit);
  const match = problems.find((p) => p.key === key);
  expect(match).toBeDefined();
  expect(match?.message).toMatch(message);
  expect(match?.message).toContain(key); // the message names the key
  for (const p of problems) expect(p.message).not.toMatch(/\n/);
});

test("weights that add up to 100% but for floating-point dust pass; 1e-8 off does not", () => {
  const a = defaultAssumptions();
  a.payout.standard = { grr_weight: 0.1, expansion_weight: 0.2, mbo_weight: 0.7 }; // 1.0000000000000002
  expect(validateAssumptions(a).ok).toBe(true);
  a.payout.standard.mbo_weight = 0.7 + 1e-8;
  expect(validateAssumptions(a).ok).toBe(false);
});

test("none for ratios and SLAs is null, and whole-number SLAs and minimums of 0 days pass", () => {
  const a = defaultAssumptions();
  a.tiers[4].csm_ratio = null;
  a.tiers[4].sla_days = 0;
  a.tiers[4].arr_ceiling = null;
  expect(validateAssumptions(a).ok).toBe(true);
});

test("every problem is reported at once, not just the first", () => {
  const problems = problemsOf((a) => {
    a.tiers[1].min_acv = "x"; // wrong type
    a.tiers[3].min_acv = 40_000; // below Mid-Market's 50,000
    a.payout.standard.grr_weight = 0.5; // 105%
    a.segments[2].comp_role = "Nobody";
    a.hiring.lead_months = 30;
    a.extra = 1;
  });
  expect(problems.map((p) => p.key)).toEqual(
    expect.arrayContaining([
      "tier.Pooled.min_acv",
      "tier.Enterprise.min_acv",
      "payout.standard",
      "segment.SMB.comp_role",
      "hiring.lead_months",
      "extra",
    ])
  );
  expect(problems).toHaveLength(6);
});

test("names match ignoring case and spaces: a tier's segment and a segment's role", () => {
  const a = defaultAssumptions();
  a.tiers[0].segment = " smb ";
  a.segments[2].comp_role = "smb  csm";
  expect(validateAssumptions(a).ok).toBe(true);
});

describe("reserved property names", () => {
  const parsed = (json: string): unknown => JSON.parse(json);

  test.each([
    ["__proto__", "tier.Pooled.__proto__"],
    ["constructor", "tier.Pooled.constructor"],
    ["prototype", "tier.Pooled.prototype"],
  ])("%s inside a tier is refused, named, and never reaches Object.prototype", (name, key) => {
    const a = defaultAssumptions() as unknown as Loose;
    const tier = JSON.stringify(a.tiers[1]).replace(/}$/, `,"${name}":{"polluted":true}}`);
    a.tiers[1] = parsed(tier);
    expect(Object.keys(a.tiers[1])).toContain(name); // JSON.parse made an own property
    const result = validateAssumptions(a);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      {
        key,
        message: `${key}: "${name}" is a name JavaScript reserves and is never an assumption; remove it.`,
      },
    ]);
    expect(({} as Loose).polluted).toBeUndefined();
  });

  test("at the top and deep inside, all are reported", () => {
    const a = defaultAssumptions() as unknown as Loose;
    const text = JSON.stringify(a)
      .replace('"payout":{', '"payout":{"__proto__":{"x":1},')
      .replace(/}$/, ',"__proto__":{"polluted":true}}');
    const result = validateAssumptions(parsed(text));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => p.key)).toEqual(
      expect.arrayContaining(["__proto__", "payout.__proto__"])
    );
    expect(({} as Loose).polluted).toBeUndefined();
    expect(({} as Loose).x).toBeUndefined();
  });
});

test("the body (an export file's assumptions) has no schema_version or preset", () => {
  const body: Loose = { ...defaultAssumptions() };
  delete body.schema_version;
  delete body.preset;
  expect(validateBody(body).ok).toBe(true);
  const withVersion = validateBody({ ...body, schema_version: 1 });
  expect(withVersion.ok ? [] : withVersion.problems.map((p) => p.key)).toEqual(["schema_version"]);
});

test("a --set that breaks a cross-field rule is caught by the full check", () => {
  const set = setAssumption(
    defaultAssumptions(),
    "payout.standard.grr_weight",
    "0.5"
  ) as Assumptions;
  const result = validateAssumptions(set);
  expect(result.ok ? [] : result.problems.map((p) => p.key)).toEqual(["payout.standard"]);
});
