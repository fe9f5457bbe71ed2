/**
 * Inputs that are wrong get an error, not a number: every kind of wrong
 * input the issue lists, through the functions as Excel calls them, with the
 * Excel error kind and a message that names the offending value.
 */
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { implementations } from "../../src/functions/registry";
import { useAssumptions } from "../../src/functions/host";
import { FakeCustomFunctionsError, useCustomFunctionsStub } from "../helpers/custom-functions";

useCustomFunctionsStub();

beforeAll(() => {
  useAssumptions(defaultAssumptions());
});

interface WrongInput {
  what: string;
  /** The JavaScript name of the function Excel calls. */
  fn: string;
  args: unknown[];
  code: "#VALUE!" | "#N/A";
  /** The wrong value as the message must show it. */
  names: string;
}

const one = (value: unknown) => [[value]];
const omitted = null;

const WRONG_INPUTS: WrongInput[] = [
  { what: "a negative ACV", fn: "tier", args: [one(-5)], code: "#VALUE!", names: "-5" },
  {
    what: "a negative ACV as CRM text",
    fn: "segment",
    args: [one("-$80,000")],
    code: "#VALUE!",
    names: "-80,000",
  },
  {
    what: "an ACV above the largest amount",
    fn: "tier",
    args: [one(2e15)],
    code: "#VALUE!",
    names: "2000000000000000",
  },
  {
    what: "an expansion amount above the largest amount, as text",
    fn: "expansionSplit",
    args: [one("$2,000,000,000,000,000"), "csm"],
    code: "#VALUE!",
    names: '"$2,000,000,000,000,000"',
  },
  {
    what: "a flat ratio of 0",
    fn: "requiredCsms",
    args: [one(100_000), one(0)],
    code: "#VALUE!",
    names: "Ratio 0",
  },
  {
    what: "a tier ratio of 0",
    fn: "requiredHeadcountOf",
    args: [one(100_000), "AM", [["Enterprise", 0]]],
    code: "#VALUE!",
    names: "Ratio 0",
  },
  {
    what: "gross churn above 100%",
    fn: "forwardArr",
    args: [one(1000), one("120%"), one(0)],
    code: "#VALUE!",
    names: "churn 1.2",
  },
  {
    what: "NRR below GRR",
    fn: "variablePayout",
    args: [one(0.95), one(0.9), one(1)],
    code: "#VALUE!",
    names: "NRR 0.9 is below GRR 0.95",
  },
  {
    what: "an EBR completion above 100%",
    fn: "variablePayout",
    args: [one(0.95), one(1.1), one(1), omitted, one("120%")],
    code: "#VALUE!",
    names: "EBR completion 1.2",
  },
  {
    what: "an unknown tier",
    fn: "maxBook",
    args: [one(100_000), one("Platinum")],
    code: "#N/A",
    names: '"Platinum"',
  },
  {
    what: "an unknown tier in a tier-or-ACV cell",
    fn: "targetRatio",
    args: [one("Platinum")],
    code: "#N/A",
    names: '"Platinum"',
  },
  {
    what: "an unknown segment",
    fn: "nrrTarget",
    args: [one("Galaxy")],
    code: "#N/A",
    names: '"Galaxy"',
  },
  {
    what: "an unknown segment for a payout",
    fn: "variablePayout",
    args: [one(0.95), one(1.1), one(1), one("Galaxy")],
    code: "#N/A",
    names: '"Galaxy"',
  },
  {
    what: "an unknown role",
    fn: "requiredHeadcountOf",
    args: [one(100_000), "CFO"],
    code: "#N/A",
    names: '"CFO"',
  },
  { what: "an unknown OTE role", fn: "ote", args: ["CFO"], code: "#N/A", names: '"CFO"' },
  {
    what: "an unknown assumption key",
    fn: "assumption",
    args: ["tier.Strategic.nope"],
    code: "#N/A",
    names: '"tier.Strategic.nope"',
  },
  ...["__proto__", "constructor", "prototype", "toString"].map((key): WrongInput => ({
    what: `the key ${key}`,
    fn: "assumption",
    args: [key],
    code: "#N/A",
    names: JSON.stringify(key),
  })),
  ...["tier.__proto__.csm_ratio", "segment.constructor.nrr_target", "payout.__proto__"].map(
    (key): WrongInput => ({
      what: `the key ${key}`,
      fn: "assumption",
      args: [key],
      code: "#N/A",
      names: JSON.stringify(key),
    })
  ),
  {
    what: "an assumptions table named __proto__",
    fn: "assumptions",
    args: ["__proto__"],
    code: "#N/A",
    names: '"__proto__"',
  },
  {
    what: "an unreadable booking date",
    fn: "clawback",
    args: [one(1000), one("soon"), one("2026-01-01")],
    code: "#VALUE!",
    names: '"soon"',
  },
  {
    what: "an impossible churn date",
    fn: "clawback",
    args: [one(1000), one("2026-01-01"), one("2026-02-30")],
    code: "#VALUE!",
    names: '"2026-02-30"',
  },
  {
    what: "an unreadable start date",
    fn: "rampedFte",
    args: [one("yesterday"), one("2026-01-01")],
    code: "#VALUE!",
    names: '"yesterday"',
  },
  {
    what: "an unreadable last-touch date",
    fn: "coverageQuality",
    args: [one("Strategic"), one("last week"), one("2026-01-01")],
    code: "#VALUE!",
    names: '"last week"',
  },
];

/** The one error in a result: a scalar, or the first cell of a spill (all cells when they are errors). */
function errorsIn(result: unknown): unknown[] {
  return Array.isArray(result) ? (result as unknown[][]).flat() : [result];
}

describe("wrong inputs are errors that name the value", () => {
  test.each(WRONG_INPUTS.map((c) => [c.what, c] as const))("%s", (_what, wrong) => {
    const fn = implementations[wrong.fn];
    expect(fn).toBeDefined();
    const cells = errorsIn(fn(...wrong.args));
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      expect(cell).toBeInstanceOf(FakeCustomFunctionsError);
      const error = cell as FakeCustomFunctionsError;
      expect(error.code).toBe(wrong.code);
      expect(error.message).toContain(wrong.names);
    }
  });
});
