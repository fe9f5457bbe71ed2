/**
 * Real exports through both front ends (issue 12, the planning half): every
 * export the planning generators write (currencies, contract rows, TCV,
 * statuses, activity dates), as CSV and as .xlsx, gives the plan of its true
 * accounts, computed here from the true ACVs and the tier cut-lines, or a
 * refusal, or rows left out whose reasons name the problem. Never a wrong
 * plan with exit 0. Through `cs-coverage plan` and the pane's Build coverage
 * plan on the limit-enforcing stand-in workbook.
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { todaySerial } from "../../src/cli/plan";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { buildCoveragePlan } from "../../src/taskpane/build-plan";
import { runCli as run } from "../helpers/cli";
import { expectedPlan, GeneratedCell, writeXlsx } from "../generators/common";
import { excel, expectPlan, JsonPlanTiers, planByCommand } from "../generators/front-ends";
import { contractExports } from "../generators/contracts";
import { currencyExports, currencyFormatExports, RATE_ARGS, RATES } from "../generators/currency";
import { datesExport } from "../generators/dates";
import { PlanHazardExport, writePlanExport } from "../generators/plan-export";
import { statusExports } from "../generators/status";
import { tcvExports } from "../generators/tcv";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-exports-plan-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

interface JsonPlan extends JsonPlanTiers {
  skipped: { row: number; value: unknown; reason: string; kind: string }[];
  reconciliation: {
    rowsRead: number;
    accountsPlanned: number;
    rowsCombined: number;
    skipped: Record<string, number>;
    arrPlanned: number;
    futureTouches: number;
    unreadableTouches: number;
    coverageQuality: number | null;
    csCost: number;
  };
}

const ALL: PlanHazardExport[] = [
  ...currencyExports(),
  ...contractExports(),
  ...tcvExports(),
  ...statusExports(),
  datesExport(todaySerial()),
];
// Currencies shown only by an .xlsx cell's number format: .xlsx only (a CSV has no formats).
const FORMATTED = currencyFormatExports();
const CASES = [
  ...ALL.flatMap((e) => (["csv", "xlsx"] as const).map((f) => [`${e.name}.${f}`, e, f] as const)),
  ...FORMATTED.map((e) => [`${e.name}.xlsx`, e, "xlsx"] as const),
];

describe("cs-coverage plan on generated exports", () => {
  test.each(CASES)("%s", async (_, exported, format) => {
    const file = await writePlanExport(dir, exported, format);
    const output = path.join(dir, `${exported.name}-${format}-plan.xlsx`);
    const expected = expectedPlan(exported.accounts);
    const outcome = exported.outcome;
    const planned = await planByCommand<JsonPlan>(
      { file, output, args: exported.args ?? [], outcome, oneLineRefusal: true },
      expected
    );
    if (planned === null) return;
    const { plan } = planned;
    const skipped = outcome.kind === "plan" ? outcome.skipped : undefined;
    expect(plan.skipped).toHaveLength(skipped?.count ?? 0);
    for (const s of plan.skipped) {
      expect(s.reason).toMatch(skipped!.reason);
      // A refused currency never suggests retyping the amount with "$".
      expect(s.reason).not.toMatch(/"\$/);
    }
    const rec = plan.reconciliation;
    expect(rec.accountsPlanned).toBe(expected.total.accounts);
    expect(rec.arrPlanned).toBeCloseTo(expected.total.arr, 2);
    if (outcome.kind === "plan" && outcome.combined !== undefined)
      expect(rec.rowsCombined).toBe(outcome.combined);
    // Every row read is planned, combined into an account, or left out with a reason.
    expect(rec.rowsRead).toBe(rec.accountsPlanned + rec.rowsCombined + plan.skipped.length);
  });
});

describe("what the plan says about them", () => {
  test("activity dates: future and unreadable ones are no touch, counted; coverage quality from the true touches", async () => {
    const asOf = todaySerial();
    const exported = datesExport(asOf);
    const file = await writePlanExport(dir, exported, "csv");
    const r = await run("plan", file, "-o", path.join(dir, "dates.xlsx"), "--json");
    expect(r.code).toBe(0);
    const rec = (JSON.parse(r.out[0]) as JsonPlan).reconciliation;
    expect(rec.futureTouches).toBe(exported.future);
    expect(rec.unreadableTouches).toBe(exported.unreadable);
    // By hand from MODEL.md §1 and §7: SLA days by tier; Tech-Touch (below 15,000) has none.
    const tiers = defaultAssumptions().tiers;
    let bound = 0;
    let covered = 0;
    for (const d of exported.dated) {
      const tier = [...tiers].reverse().find((t) => d.acv >= t.min_acv)!;
      if (tier.sla_days === null) continue;
      bound++;
      if (d.touch !== null && asOf - d.touch <= tier.sla_days) covered++;
    }
    expect(exported.future).toBeGreaterThan(5);
    expect(rec.coverageQuality).toBeCloseTo(covered / bound, 12);
    const text = await run("plan", file, "-o", path.join(dir, "dates2.xlsx"));
    expect(text.out.join("\n")).toContain(
      `Last activity not counted as a touch: ${exported.future} dated after the as-of date, ${exported.unreadable} not dates`
    );
  });

  test("the console's reconciliation block names the rows combined and the conversion", async () => {
    const contracts = contractExports()[0];
    const file = await writePlanExport(dir, contracts, "csv");
    const r = await run("plan", file, "-o", path.join(dir, "contracts.xlsx"));
    expect(r.code).toBe(0);
    const combined = contracts.outcome.kind === "plan" ? contracts.outcome.combined! : -1;
    expect(r.out.join("\n")).toContain(
      `Rows read ${(contracts.rows.length - 1).toLocaleString("en-US")} = ${contracts.accounts.length} accounts planned + ${combined} rows combined into them + 0 rows left out`
    );
    const currency = currencyExports()[0];
    const cfile = await writePlanExport(dir, currency, "csv");
    const c = await run("plan", cfile, "-o", path.join(dir, "currency.xlsx"), ...currency.args!);
    expect(c.out.join("\n")).toMatch(
      /Converted into USD: 10 rows in EUR, 10 rows in GBP, 10 rows in JPY/
    );
    expect(Object.keys(RATES)).toEqual(["EUR", "GBP", "JPY"]);
  });

  test("a euro-formatted report's grand total is not compared with the dollars planned; a dollar one still is", async () => {
    const euro = currencyFormatExports().find((e) => e.name === "currency-format-euro")!;
    const rows = euro.rows.map((r) => [...r]);
    const amounts = rows.slice(1).map((r) => r[3] as number);
    const total = amounts.reduce((a, b) => a + b, 0);
    rows.push(["Grand Total", null, null, total]);
    const formats = { ...euro.xlsxFormats, [`D${rows.length}`]: "[$€-x-euro2] #,##0" };
    const file = await writePlanExport(
      dir,
      { ...euro, name: "euro-grand-total", rows, xlsxFormats: formats },
      "xlsx"
    );
    const r = await run(
      "plan",
      file,
      "-o",
      path.join(dir, "euro-total.xlsx"),
      "--json",
      ...RATE_ARGS
    );
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out[0]) as JsonPlan & { warnings: string[]; setAside: number };
    expectPlan(plan, expectedPlan(euro.accounts));
    expect(plan.setAside).toBe(1);
    // In euros the total is right; read as dollars it would differ from the converted plan.
    expect(plan.warnings).toEqual([]);

    // The same report in dollars with a grand total one dollar off is still caught.
    const dollars = rows.map((row, i) =>
      i === 0 ? row : i === rows.length - 1 ? [...row.slice(0, 3), total + 1] : row
    );
    const usd = await writePlanExport(
      dir,
      { ...euro, name: "usd-grand-total", rows: dollars, xlsxFormats: {} },
      "xlsx"
    );
    const u = await run("plan", usd, "-o", path.join(dir, "usd-total.xlsx"), "--json");
    expect(u.code).toBe(0);
    expect((JSON.parse(u.out[0]) as { warnings: string[] }).warnings).toEqual([
      expect.stringMatching(
        /the export's grand total \(row 32\) is [\d,]+ but the accounts planned add up to/
      ),
    ]);
  });

  test("formats of a sheet passed over (a summary in euros) do not mark the accounts sheet's amounts", async () => {
    const accounts = [{ acv: 12_000 }, { acv: 48_000 }, { acv: 160_000 }, { acv: 300_000 }];
    const file = path.join(dir, "summary-first.xlsx");
    await writeXlsx(file, [
      {
        name: "Summary",
        rows: [
          ["Region", "", "", "Regions"],
          ...accounts.map((_, i) => [`R${i}`, null, null, i + 1]),
        ],
        columnFormats: { 3: "[$€-x-euro2] #,##0" },
        formatFrom: 1,
      },
      {
        name: "Accounts",
        rows: [
          ["Account Name", "Owner", "Industry", "ARR"],
          ...accounts.map((a, i) => [`A${i}`, "Ann", "Retail", a.acv]),
        ],
      },
    ]);
    const r = await run("plan", file, "-o", path.join(dir, "summary-first-plan.xlsx"), "--json");
    expect(r.err).toEqual([]);
    const plan = JSON.parse(r.out[0]) as JsonPlan;
    expectPlan(plan, expectedPlan(accounts));
    expect(plan.skipped).toEqual([]);
    // eval --data gives formulas the numbers, as Excel's own functions see them.
    const e = await run("eval", "--data", file, "--json", "=Summary!D2");
    expect(e.code).toBe(0);
  });

  test("no ACV column: the message lists the headers seen and their row", async () => {
    const file = path.join(dir, "no-acv.csv");
    await fs.writeFile(
      file,
      "Customer accounts\r\n\r\nAccount Name,Owner,Annual Revenue\r\nAcme,Ann,5000000\r\n"
    );
    const r = await run("plan", file, "-o", path.join(dir, "no-acv.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      `cs-coverage: ${file}: ` +
        'no ACV or ARR column found in the first 4 rows; the headers seen (row 3) are "Account Name", "Owner", "Annual Revenue"; "Annual Revenue" is the customer\'s company revenue (Salesforce/HubSpot), not ACV, so it is never used. Name the ACV column with --acv-column',
    ]);
  });
});

// ---------------------------------------------------------------------------
// The pane's builder on the same exports

/** Cells as Excel holds them once the export is in a sheet: "" for a blank. */
function sheetValues(rows: readonly GeneratedCell[][]): (string | number)[][] {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return rows.map((row) =>
    Array.from({ length: width }, (_, c) => {
      const cell = row[c] ?? null;
      if (cell === null) return "";
      if (typeof cell === "string" || typeof cell === "number") return cell;
      return String(cell);
    })
  );
}

/** The assumptions an export's --set arguments give (fx rates only, here). */
function assumptionsFor(args: readonly string[]) {
  const a = defaultAssumptions();
  for (let i = 0; i < args.length; i++) {
    const m = /^fx\.([A-Z]{3})=(.+)$/.exec(args[i]);
    if (args[i - 1] === "--set" && m) a.fx[m[1]] = Number(m[2]);
  }
  return a;
}

describe("the pane's Build coverage plan on the same exports", () => {
  test.each(ALL.map((e) => [e.name, e] as const))("%s", async (_, exported) => {
    const args = [
      ...(exported.args ?? []),
      ...(exported.outcome.kind === "refusal" ? (exported.outcome.resolvedBy ?? []) : []),
    ];
    const named = args.indexOf("--acv-column");
    const asked: string[] = [];
    const x = excel(sheetValues(exported.rows));
    const result = await buildCoveragePlan(x.context, {
      assumptions: assumptionsFor(args),
      // The pane asks where the command line refuses: the answer is the user's word.
      askAcvColumn: async (question) => {
        asked.push(question.kind);
        return named >= 0 ? args[named + 1] : null;
      },
      rowsAreAccounts: args.includes("--rows-are-accounts"),
      allStatuses: args.includes("--all-statuses"),
    });
    if (exported.outcome.kind === "refusal" && exported.outcome.resolvedBy === undefined) {
      expect(result.built).toBe(false);
      return;
    }
    if (!result.built) {
      // The header-currency export without its rate is refused in the pane as on the command line.
      expect(exported.name).toBe("currency-in-header");
      return;
    }
    const expected = expectedPlan(exported.accounts);
    expect(result.accounts).toBe(expected.total.accounts);
    expect(result.reconciliation?.arrPlanned).toBeCloseTo(expected.total.arr, 2);
    const skipped = exported.outcome.kind === "plan" ? exported.outcome.skipped : undefined;
    expect(result.skipped).toHaveLength(skipped?.count ?? 0);
    if (named >= 0) expect(asked).toEqual(["tcv"]);
    // The end-of-build message carries the reconciliation.
    expect(result.message).toMatch(
      /rows read; .*ARR in the file .*, planned .*; coverage quality .*; CS cost .* a year/
    );
  });
});
