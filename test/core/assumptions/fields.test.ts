/**
 * The one table of assumption fields (fields.ts): every field of types.ts is
 * in it once, with one kind; keys, the schema, the export order and the
 * pane's words all come from it.
 */
import { defaultAssumptions } from "../../../src/core/assumptions/defaults";
import { FIELDS, fieldAtPath, mustBe } from "../../../src/core/assumptions/fields";
import { exportAssumptions } from "../../../src/core/assumptions/format";
import { getAssumption, setAssumption } from "../../../src/core/assumptions/keys";
import { validateAssumptionsLocated } from "../../../src/core/assumptions/schema";
import { Assumptions } from "../../../src/core/assumptions/types";
import { CsError } from "../../../src/core/errors";

// With one exchange rate, so the fx table has a row to read.
const a: Assumptions = { ...defaultAssumptions(), fx: { EUR: 1.08 } };

/** Every (group, field) an Assumptions object holds, read from the object itself. */
function fieldsOfObject(x: Assumptions): string[] {
  const out = new Set<string>();
  for (const t of x.tiers) Object.keys(t).forEach((f) => out.add(`tier.${f}`));
  for (const s of x.segments) Object.keys(s).forEach((f) => out.add(`segment.${f}`));
  for (const o of x.ote) Object.keys(o).forEach((f) => out.add(`ote.${f}`));
  for (const [k, v] of Object.entries(x.payout))
    if (typeof v === "object") Object.keys(v).forEach((f) => out.add(`weights.${f}`));
    else out.add(`payout.${k}`);
  for (const section of ["expansion", "clawback", "capacity", "book", "cost", "hiring"] as const)
    Object.keys(x[section]).forEach((f) => out.add(`${section}.${f}`));
  out.add(`plan.${Object.keys(x).find((k) => k === "currency")}`);
  // Exchange rates are keyed by currency code: one row of the table for them all.
  if (Object.keys(x.fx).length > 0) out.add("fx.rate");
  return [...out].sort();
}

test("the table lists every field of the default assumptions exactly once", () => {
  const listed = FIELDS.map((f) => `${f.group}.${f.field}`);
  expect(new Set(listed).size).toBe(listed.length);
  expect([...listed].sort()).toEqual(fieldsOfObject(a));
});

test("one vocabulary: payout.ebr_gated_cap is a multiple for keys, schema and pane alike", () => {
  expect(fieldAtPath(["payout", "ebr_gated_cap"])?.kind).toBe("multiple");
  // --set reads a multiple as the pane shows it ("1.2x"), as before without the x.
  expect(
    getAssumption(
      setAssumption(a, "payout.ebr_gated_cap", "1.2x") as Assumptions,
      "payout.ebr_gated_cap"
    )
  ).toBe(1.2);
  expect(
    getAssumption(
      setAssumption(a, "payout.ebr_gated_cap", "1.2") as Assumptions,
      "payout.ebr_gated_cap"
    )
  ).toBe(1.2);
  expect(setAssumption(a, "payout.ebr_gated_cap", "-1")).toBeInstanceOf(CsError);
});

test("every keyed field of the table is a key that reads and writes back its own value", () => {
  for (const f of FIELDS) {
    if ("keyed" in f) continue;
    const key =
      f.group === "tier"
        ? `tier.Strategic.${f.field}`
        : f.group === "segment"
          ? `segment.Enterprise.${f.field}`
          : f.group === "ote"
            ? `ote.VP CS.${f.field}`
            : f.group === "weights"
              ? `payout.plg.${f.field}`
              : f.group === "plan"
                ? f.field
                : f.group === "fx"
                  ? "fx.EUR"
                  : `${f.group}.${f.field}`;
    const value = getAssumption(a, key);
    expect(value).not.toBeInstanceOf(CsError);
    const again = setAssumption(a, key, value === null ? "none" : value);
    expect(again).not.toBeInstanceOf(CsError);
    expect(getAssumption(again as Assumptions, key)).toEqual(value);
  }
});

test("the export file's keys follow the table's order", () => {
  const body = JSON.parse(exportAssumptions(a)).assumptions;
  expect(Object.keys(body.tiers[0])).toEqual(
    FIELDS.filter((f) => f.group === "tier").map((f) => f.field)
  );
  expect(Object.keys(body.payout)).toEqual([
    ...FIELDS.filter((f) => f.group === "payout").map((f) => f.field),
    "standard",
    "plg",
  ]);
});

test("problems in words, for the pane: labels, not keys", () => {
  const bad = structuredClone(a);
  bad.tiers[4].csm_ratio = 0;
  bad.payout.standard.mbo_weight = 0.3;
  const checked = validateAssumptionsLocated(bad);
  expect(checked.ok).toBe(false);
  const words = checked.ok ? [] : checked.problems.map((p) => p.words);
  expect(words).toContain("Strategic - Accounts per CSM must be above 0 (or 'none').");
  expect(words).toContain("Standard plan weights add up to 110%; make them 100%.");
  // The messages for files and the command line keep naming the keys.
  const messages = checked.ok ? [] : checked.problems.map((p) => p.message);
  expect(messages.some((m) => m.startsWith("tier.Strategic.csm_ratio needs"))).toBe(true);
});

test("what a field must be, from its kind and bounds", () => {
  const spec = (path: (string | number)[]) => fieldAtPath(path)!;
  expect(mustBe(spec(["payout", "stretch_multiple"]))).toBe("must be between 1x and 5x");
  expect(mustBe(spec(["payout", "grr_floor"]))).toBe("must be between 0% and 100%");
  expect(mustBe(spec(["hiring", "lead_months"]))).toBe("must be a whole number of months, 0 to 24");
  expect(mustBe(spec(["tiers", 0, "sla_days"]))).toBe(
    "must be a whole number of days, 0 or more (or 'none')"
  );
  expect(mustBe(spec(["capacity", "weeks_per_month"]))).toBe("must be above 0 and at most 5 weeks");
});

test("the plan currency and exchange rates are fields of the table: keys, schema and words", () => {
  expect(fieldAtPath(["currency"])?.kind).toBe("currency");
  expect(fieldAtPath(["fx", "GBP"])?.kind).toBe("rate");
  expect(fieldAtPath(["fx"])).toBeUndefined();
  expect(mustBe(fieldAtPath(["currency"])!)).toBe(
    "must be a three-letter currency code, such as USD, EUR or GBP"
  );
  // A rate of 0 and a code that is not one, in words for the pane and by key for files.
  const bad = { ...structuredClone(a), currency: "euro", fx: { GBP: 0 } };
  const checked = validateAssumptionsLocated(bad);
  expect(checked.ok).toBe(false);
  const problems = checked.ok ? [] : checked.problems;
  expect(problems.map((p) => [p.key, p.words])).toEqual([
    ["currency", "Plan currency must be a three-letter currency code, such as USD, EUR or GBP."],
    [
      "fx.GBP",
      "GBP exchange rate must be above 0: how many units of the plan currency 1 unit buys.",
    ],
  ]);
  // A rate for the plan currency itself, in words.
  const own = validateAssumptionsLocated({ ...structuredClone(a), fx: { USD: 1 } });
  expect(own.ok ? [] : own.problems.map((p) => p.words)).toEqual([
    "USD is the plan currency, so it has no exchange rate; remove its rate, or change the plan currency first.",
  ]);
  // The export keeps rates in code order whatever order they were set in.
  const body = JSON.parse(exportAssumptions({ ...a, fx: { GBP: 1.27, EUR: 1.08 } })).assumptions;
  expect(Object.keys(body).slice(-2)).toEqual(["currency", "fx"]);
  expect(JSON.stringify(body.fx)).toBe('{"EUR":1.08,"GBP":1.27}');
});
