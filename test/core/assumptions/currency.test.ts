/**
 * The plan currency and its exchange rates as assumptions: keys, checks,
 * the export file, and files written before the fields existed.
 */
import { defaultAssumptions } from "../../../src/core/assumptions/defaults";
import { exportAssumptions, importAssumptions } from "../../../src/core/assumptions/format";
import { getAssumption, setAssumption } from "../../../src/core/assumptions/keys";
import { validateAssumptions } from "../../../src/core/assumptions/schema";
import { Assumptions } from "../../../src/core/assumptions/types";
import { CsError } from "../../../src/core/errors";
import { readForm, toForm } from "../../../src/taskpane/form";

function set(a: Assumptions, key: string, value: unknown): Assumptions {
  const result = setAssumption(a, key, value);
  if (result instanceof CsError) throw new Error(result.message);
  return result;
}

describe("currency and fx keys", () => {
  test("the default is US dollars with no rates", () => {
    const a = defaultAssumptions();
    expect(getAssumption(a, "currency")).toBe("USD");
    const missing = getAssumption(a, "fx.EUR");
    expect(missing).toBeInstanceOf(CsError);
    expect((missing as CsError).message).toContain("fx.EUR");
  });

  test("fx.eur=1.08 sets the EUR rate (codes are upper-cased); none removes it", () => {
    const a = set(defaultAssumptions(), "fx.eur", "1.08");
    expect(a.fx).toEqual({ EUR: 1.08 });
    expect(getAssumption(a, "FX.EUR")).toBe(1.08);
    expect(set(a, "fx.EUR", "none").fx).toEqual({});
  });

  test("currency takes a three-letter code, upper-cased", () => {
    expect(set(defaultAssumptions(), "currency", " eur ").currency).toBe("EUR");
    for (const bad of ["euro", "€", "", "US"]) {
      const r = setAssumption(defaultAssumptions(), "currency", bad);
      expect(r).toBeInstanceOf(CsError);
      expect((r as CsError).message).toContain("three-letter");
    }
  });

  test("a rate must be above 0; a key that is not a currency code is unknown", () => {
    for (const bad of ["0", "-1", "abc", ""])
      expect(setAssumption(defaultAssumptions(), "fx.EUR", bad)).toBeInstanceOf(CsError);
    for (const key of ["fx.EURO", "fx.__proto__", "fx", "fx.EUR.x"]) {
      const r = setAssumption(defaultAssumptions(), key, "1");
      expect(r).toBeInstanceOf(CsError);
      expect((r as CsError).message).toContain("no assumption named");
    }
  });

  test("a rate for the plan currency itself is refused by the schema", () => {
    const a = { ...defaultAssumptions(), fx: { USD: 1.1 } };
    const checked = validateAssumptions(a);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems[0].key).toBe("fx.USD");
  });
});

describe("the export file", () => {
  test("currency and fx round-trip", () => {
    const a = set(set(defaultAssumptions(), "fx.GBP", "1.27"), "fx.EUR", "1.08");
    const text = exportAssumptions(a);
    expect(JSON.parse(text).assumptions.fx).toEqual({ EUR: 1.08, GBP: 1.27 });
    expect(importAssumptions(text)).toEqual({ ok: true, assumptions: a, warnings: [] });
  });

  test("a version-1 file written before the fields existed reads as USD with no rates", () => {
    const doc = JSON.parse(exportAssumptions(defaultAssumptions()));
    delete doc.assumptions.currency;
    delete doc.assumptions.fx;
    const back = importAssumptions(JSON.stringify(doc));
    expect(back.ok).toBe(true);
    if (back.ok) {
      expect(back.assumptions.currency).toBe("USD");
      expect(back.assumptions.fx).toEqual({});
    }
  });

  test("a rate of 0 or a bad code in a file is named", () => {
    const doc = JSON.parse(exportAssumptions(defaultAssumptions()));
    doc.assumptions.fx = { EUR: 0 };
    const r = importAssumptions(JSON.stringify(doc));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].key).toBe("fx.EUR");
    doc.assumptions.fx = {};
    doc.assumptions.currency = "dollars";
    const r2 = importAssumptions(JSON.stringify(doc));
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.problems[0].key).toBe("currency");
  });
});

describe("the pane's form", () => {
  test("currency and rates survive the form (rates read as numbers)", () => {
    const a = { ...defaultAssumptions(), currency: "EUR", fx: { USD: 0.92, GBP: 1.17 } };
    const read = readForm(toForm(a), "tiered-2027");
    expect(read.problems).toEqual([]);
    expect(read.assumptions?.currency).toBe("EUR");
    expect(read.assumptions?.fx).toEqual({ USD: 0.92, GBP: 1.17 });
  });
});
