/**
 * What the exports tests (test/plan/exports-*.test.ts) share to run a
 * generated export through both front ends: the plan's JSON checked against
 * the true accounts' plan, and a stand-in workbook for the pane's builder
 * that records the plan sheets' writes. The command itself runs through
 * runCli (test/helpers/cli.ts).
 */
import { promises as fs } from "fs";
import { runCli } from "../helpers/cli";
import { FakeWorkbook } from "../helpers/fake-excel";
import { asFirstBuild } from "../helpers/first-build";
import { ExpectedPlan } from "./common";

/** The part of `cs-coverage plan --json` that both tests read. */
export interface JsonPlanTiers {
  tiers: { tier: string; accounts: number; arr: number | null }[];
  total: { accounts: number; arr: number | null };
}

/** The plan's tiers and total are those of the true accounts, ARR to the cent. */
export function expectPlan(plan: JsonPlanTiers, expected: ExpectedPlan): void {
  expect(plan.tiers.map((t) => [t.tier, t.accounts])).toEqual(
    expected.tiers.map((t) => [t.tier, t.accounts])
  );
  plan.tiers.forEach((t, i) => expect(t.arr ?? 0).toBeCloseTo(expected.tiers[i].arr, 2));
  expect(plan.total.accounts).toBe(expected.total.accounts);
  expect(plan.total.arr).toBeCloseTo(expected.total.arr, 2);
}

/** An export the command must refuse (exit 2, `message`); `resolvedBy`: the arguments after which its plan is right. */
export interface RefusalOutcome {
  kind: "refusal";
  message: RegExp;
  resolvedBy?: string[];
}

/**
 * `cs-coverage plan --json` on an export, as a user would go: where the
 * export must be refused, the refusal first (exit 2, its message, no file
 * written: in one line when `oneLineRefusal`), then, if arguments resolve it,
 * the plan with them. The plan's tiers and total are checked against
 * `expected`. Returns the plan's JSON and the arguments it was made with, or
 * null for a refusal that nothing resolves.
 */
export async function planByCommand<Plan extends JsonPlanTiers>(
  run: {
    file: string;
    output: string;
    args: readonly string[];
    outcome: { kind: "plan" } | RefusalOutcome;
    oneLineRefusal: boolean;
  },
  expected: ExpectedPlan
): Promise<{ plan: Plan; args: string[] } | null> {
  const { file, output, outcome } = run;
  const args = [...run.args];
  if (outcome.kind === "refusal") {
    const refused = await runCli("plan", file, "-o", output, ...args);
    expect(refused.code).toBe(2);
    if (run.oneLineRefusal) expect(refused.err).toHaveLength(1);
    expect(refused.err.join("\n")).toMatch(outcome.message);
    await expect(fs.stat(output)).rejects.toThrow();
    if (outcome.resolvedBy === undefined) return null;
    args.push(...outcome.resolvedBy);
  }
  const r = await runCli("plan", file, "-o", output, "--json", ...args);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  const plan = JSON.parse(r.out[0]) as Plan;
  expectPlan(plan, expected);
  return { plan, args };
}

export interface Written {
  sheet: string;
  row: number;
  values?: unknown[][];
  /** One format for the range, or a grid of them. */
  numberFormat?: unknown;
}

/**
 * A workbook whose selection holds `rows` (Excel's values: "" for a blank)
 * with their number formats ("General" where none is given), read through
 * the limit-enforcing fake workbook; the plan sheets' writes recorded.
 */
export function excel(
  rows: unknown[][],
  numberFormats?: string[][]
): { context: Excel.RequestContext; writes: Written[] } {
  const book = new FakeWorkbook(
    [{ name: "Export", formulas: rows, ...(numberFormats ? { numberFormats } : {}) }],
    { selection: { sheet: "Export", row: 0, col: 0, rows: rows.length, cols: rows[0].length } }
  );
  const writes: Written[] = [];
  const sheet = (name: string) => ({
    getRangeByIndexes: (row: number) => {
      const write: Written = { sheet: name, row };
      writes.push(write);
      return {
        set values(v: unknown[][]) {
          write.values = v;
        },
        set formulas(_: unknown) {},
        set numberFormat(format: unknown) {
          write.numberFormat = format;
        },
        format: { font: {}, fill: {} },
      };
    },
    getRange: () => ({ format: {} }),
    tables: { add: () => ({}) },
    charts: {
      add: () => ({
        title: {},
        series: { getItemAt: () => ({ setXAxisValues: () => undefined }) },
        setPosition: () => undefined,
      }),
    },
    activate: () => undefined,
  });
  asFirstBuild(book, sheet);
  return { context: book.context, writes };
}
