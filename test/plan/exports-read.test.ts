/**
 * Real exports through both front ends (issue 12, the reading half): every
 * export the generators write (report furniture, locales, sheets,
 * identifiers) gives the plan of its true accounts, computed here from the
 * true ACVs and the tier cut-lines, or a refusal whose message names the
 * problem. Through `cs-coverage plan`, `eval --data`, and the pane's
 * Build coverage plan on a recording stand-in workbook.
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { LocaleQuestion } from "../../src/plan/locale";
import { buildCoveragePlan } from "../../src/taskpane/build-plan";
import { runCli as run } from "../helpers/cli";
import {
  excelValues,
  expectedPlan,
  GeneratedExport,
  serialOf,
  TrueAccount,
  writeExport,
} from "../generators/common";
import { excel, JsonPlanTiers, planByCommand, Written } from "../generators/front-ends";
import { furnitureExports } from "../generators/furniture";
import { localeExports } from "../generators/locale";
import { sheetExports } from "../generators/sheets";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-exports-read-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

interface JsonPlan extends JsonPlanTiers {
  setAside: number;
  warnings: string[];
  skipped: unknown[];
}

const ALL: GeneratedExport[] = [...furnitureExports(), ...localeExports(), ...sheetExports()];

describe("cs-coverage plan on generated exports", () => {
  test.each(ALL.map((e) => [`${e.name}.${e.format}`, e] as const))("%s", async (_, exported) => {
    const file = await writeExport(dir, exported);
    const output = path.join(dir, `${exported.name}-${exported.format}-plan.xlsx`);
    const outcome = exported.outcome;
    const planned = await planByCommand<JsonPlan>(
      { file, output, args: exported.args ?? [], outcome, oneLineRefusal: false },
      expectedPlan(exported.accounts)
    );
    if (planned === null) return;
    const { plan, args } = planned;
    // Nothing a report adds is listed as a bad row: every row under the header is an account or furniture.
    expect(plan.skipped).toEqual([]);
    if (outcome.kind === "plan") {
      expect(plan.setAside).toBe(outcome.setAside ?? 0);
      if (outcome.warning)
        expect(plan.warnings).toContainEqual(expect.stringMatching(outcome.warning));
      else expect(plan.warnings).toEqual([]);
      if (outcome.note) {
        const console = await run("plan", file, "-o", output, ...args);
        expect(console.out.join("\n")).toMatch(outcome.note);
      }
    }
  });
});

// ---------------------------------------------------------------------------
// What reaches the plan's workbook

async function accountsSheet(file: string): Promise<{ headers: string[]; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("CS Accounts")!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { headers: rows[0].map(String), rows: rows.slice(1) };
}

async function planFile(exported: GeneratedExport, extra: string[] = []): Promise<string> {
  const file = await writeExport(dir, exported);
  const output = path.join(dir, `${exported.name}-written.xlsx`);
  const r = await run("plan", file, "-o", output, ...(exported.args ?? []), ...extra);
  expect(r.err).toEqual([]);
  return output;
}

function byName(accounts: readonly TrueAccount[]): Map<string, TrueAccount> {
  return new Map(accounts.map((a) => [a.name, a]));
}

describe("the plan's workbook", () => {
  test("identifiers stay text: 15- and 18-character IDs exactly, customer numbers with their leading zeros", async () => {
    const exported = sheetExports().find((e) => e.name === "identifiers")!;
    const { headers, rows } = await accountsSheet(await planFile(exported));
    const id = headers.indexOf("Account ID");
    const number = headers.indexOf("Customer Number");
    const name = headers.indexOf("Account Name");
    const truth = byName(exported.accounts);
    expect(rows).toHaveLength(exported.accounts.length);
    rows.forEach((row, i) => {
      const account = truth.get(String(row[name]))!;
      expect(row[id]).toBe(i % 2 === 0 ? account.id : account.id.slice(0, 15));
      expect(row[number]).toBe(account.number);
      expect(account.number).toMatch(/^0+\d+$/);
    });
  });

  test("identifiers stored as numbers in a zero-padded format keep the text Excel shows", async () => {
    const exported = sheetExports().find((e) => e.name === "identifiers-formatted-numbers")!;
    const { headers, rows } = await accountsSheet(await planFile(exported));
    const number = headers.indexOf("Customer Number");
    const ref = headers.indexOf("Ref");
    const name = headers.indexOf("Account Name");
    const truth = byName(exported.accounts);
    expect(rows).toHaveLength(exported.accounts.length);
    for (const row of rows) {
      const account = truth.get(String(row[name]))!;
      // "000000" shows 417 as 000417; "C-"00000 as C-00417 (Excel's display, by hand).
      expect(row[number]).toBe(account.number);
      expect(row[ref]).toBe(`C-${account.number.slice(1)}`);
    }
    expect(rows.map((r) => r[number])).toContain("000001");
  });

  test.each(["locale-de-tab", "locale-fr-spaces", "locale-ch-apostrophe"])(
    "%s: day-first dates (with their times) are the right days",
    async (name) => {
      const exported = localeExports().find((e) => e.name === name)!;
      const { headers, rows } = await accountsSheet(await planFile(exported));
      const last = headers.indexOf("Last Activity");
      const truth = byName(exported.accounts);
      for (const row of rows) {
        const account = truth.get(String(row[headers.indexOf("Account Name")]))!;
        const cell = row[last];
        // ExcelJS reads a date-formatted serial back as a Date (UTC midnight plus the time).
        expect(cell).toBeInstanceOf(Date);
        const serial = (cell as Date).getTime() / 86_400_000 + 25_569;
        expect(Math.floor(serial + 1e-9)).toBe(serialOf(account.lastActivity));
      }
    }
  );

  test("the ambiguous dates, once --locale en-GB says day first, are the right days", async () => {
    const exported = localeExports().find((e) => e.name === "locale-ambiguous-dates")!;
    const { headers, rows } = await accountsSheet(await planFile(exported, ["--locale", "en-GB"]));
    const truth = byName(exported.accounts);
    for (const row of rows) {
      const account = truth.get(String(row[headers.indexOf("Account Name")]))!;
      const serial =
        (row[headers.indexOf("Last Activity")] as Date).getTime() / 86_400_000 + 25_569;
      expect(Math.round(serial)).toBe(serialOf(account.lastActivity));
    }
  });
});

// ---------------------------------------------------------------------------
// eval --data reads the same way

describe("eval --data on generated exports", () => {
  test("a German CSV: SUM of the ARR column is the true total (not 1,000 times too small)", async () => {
    const exported = localeExports().find((e) => e.name === "locale-de-semicolon")!;
    const file = await writeExport(dir, exported);
    const n = exported.accounts.length;
    const r = await run("eval", "--data", file, `=SUM(C2:C${n + 1})`, "--json");
    expect(r.err).toEqual([]);
    const total = exported.accounts.reduce((s, a) => s + a.acv, 0);
    expect(JSON.parse(r.out[0])).toBeCloseTo(total, 2);
  });

  test("an ambiguous column is refused with its values and the --locale to give; with it, the right sum", async () => {
    const exported = localeExports().find((e) => e.name === "locale-ambiguous")!;
    const file = await writeExport(dir, exported);
    const n = exported.accounts.length;
    const refused = await run("eval", "--data", file, `=SUM(C2:C${n + 1})`);
    expect(refused.code).toBe(2);
    expect(refused.err.join("\n")).toMatch(
      /column "C \(ARR\)" can be read two ways.*"\d{1,3}\.000".*--locale en-US or --locale de-DE/
    );
    const r = await run("eval", "--data", file, "--locale", "de-DE", `=SUM(C2:C${n + 1})`);
    expect(r.code).toBe(0);
    expect(Number(r.out[0])).toBe(exported.accounts.reduce((s, a) => s + a.acv, 0));
  });

  test("an .xlsx whose referenced column is empty is not an empty sheet; a hyperlinked number is its number", async () => {
    const exported = sheetExports().find((e) => e.name === "sheets-linked-acv")!;
    const file = await writeExport(dir, exported);
    const empty = await run("eval", "--data", file, "=COUNTA(H1:H30)");
    expect(empty.err).toEqual([]);
    expect(empty.out).toEqual(["0"]);
    const linked = await run("eval", "--data", file, "=E2");
    expect(Number(linked.out[0])).toBe(exported.accounts[0].acv);
  });

  test("--sheet picks a worksheet by name or number; an unknown one is refused with the sheets' names", async () => {
    const exported = sheetExports().find((e) => e.name === "sheets-second")!;
    const file = await writeExport(dir, exported);
    expect((await run("eval", "--data", file, "=A1")).out).toEqual(["Book of business"]);
    expect((await run("eval", "--data", file, "--sheet", "2", "=A1")).out).toEqual(["Account ID"]);
    expect((await run("eval", "--data", file, "--sheet", "Notes", "=A1")).out).toEqual([
      "Exported from Salesforce",
    ]);
    const missing = await run("eval", "--data", file, "--sheet", "Pipeline", "=A1");
    expect(missing.code).toBe(2);
    expect(missing.err.join("\n")).toMatch(
      /has no worksheet "Pipeline"; its worksheets are "Summary", "Accounts", "Notes"/
    );
    const bad = await run("plan", file, "--locale", "xx-nowhere-1");
    expect(bad.code).toBe(2);
    expect(bad.err.join("\n")).toMatch(/--locale "xx-nowhere-1" is not a locale/);
  });
});

// ---------------------------------------------------------------------------
// The pane's Build coverage plan, on a recording stand-in workbook

/** The CS ACV column of the account rows written (the cell after the export's own columns). */
function writtenAcvs(writes: Written[], exportWidth: number): { acv: number }[] {
  return writes
    .filter((w) => w.sheet === "CS Accounts" && w.row > 0 && w.values !== undefined)
    .flatMap((w) => w.values!.map((row) => ({ acv: row[exportWidth] as number })));
}

const never = async (): Promise<string | null> => {
  throw new Error("not asked");
};

describe("the pane's Build coverage plan on the same exports", () => {
  const opened = [...furnitureExports(), ...sheetExports()].filter((e) => e.sheets.length === 1);
  test.each(opened.map((e) => [`${e.name}.${e.format}`, e] as const))(
    "%s as Excel holds it: the true accounts' plan, the furniture set aside",
    async (_, exported) => {
      const rows = excelValues(exported.sheets[0].rows);
      const x = excel(rows);
      const result = await buildCoveragePlan(x.context, {
        assumptions: defaultAssumptions(),
        askAcvColumn: never,
      });
      expect(result).toMatchObject({
        built: true,
        accounts: exported.accounts.length,
        skipped: [],
      });
      if (!result.built || exported.outcome.kind !== "plan") throw new Error("not built");
      expect(result.setAside).toBe(exported.outcome.setAside ?? 0);
      const header = rows.findIndex((r) => r.includes("ARR") || r.includes("ACV"));
      const width = rows[header].length;
      expect(expectedPlan(writtenAcvs(x.writes, width))).toEqual(expectedPlan(exported.accounts));
      if (exported.outcome.setAside)
        expect(result.message).toMatch(/set aside as report furniture/);
    }
  );

  test("a column of text that reads two ways is asked about, with examples; the answer gives the true plan", async () => {
    const exported = localeExports().find((e) => e.name === "locale-ambiguous")!;
    const rows = excelValues(exported.sheets[0].rows);
    const asked: LocaleQuestion[] = [];
    const x = excel(rows);
    const result = await buildCoveragePlan(x.context, {
      assumptions: defaultAssumptions(),
      askAcvColumn: never,
      askLocale: async (question) => {
        asked.push(question);
        return "de-DE";
      },
    });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ kind: "locale", column: "ARR", subject: "numbers" });
    expect(asked[0].examples[0]).toMatch(/^\d{1,3}\.000$/);
    expect(asked[0].choices.map((c) => c.tag)).toEqual(["en-US", "de-DE"]);
    expect(result).toMatchObject({ built: true, accounts: exported.accounts.length });
    expect(expectedPlan(writtenAcvs(x.writes, 4))).toEqual(expectedPlan(exported.accounts));
  });

  test("without a way to ask, the build stops with the question as its message", async () => {
    const exported = localeExports().find((e) => e.name === "locale-ambiguous")!;
    const result = await buildCoveragePlan(excel(excelValues(exported.sheets[0].rows)).context, {
      assumptions: defaultAssumptions(),
      askAcvColumn: never,
    });
    expect(result.built).toBe(false);
    expect(result.message).toMatch(
      /^Column "ARR" can be read two ways \(values such as "\d{1,3}\.000"/
    );
  });

  test("an export Excel typed in the wrong locale (80.000 became 80, 1.250.000 stayed text) is refused, not planned 1,000 times too small", async () => {
    const exported = localeExports().find((e) => e.name === "locale-de-tab")!;
    // What Excel (en-US) makes of the German text: one dot and three digits is a decimal number.
    const rows = excelValues(exported.sheets[0].rows).map((row, r) =>
      r === 0
        ? row
        : row.map((cell, c) =>
            c === 2 && /^\d{1,3}\.\d{3}$/.test(String(cell)) ? Number(cell) : cell
          )
    );
    expect(rows.some((row) => typeof row[2] === "number")).toBe(true);
    const result = await buildCoveragePlan(excel(rows).context, {
      assumptions: defaultAssumptions(),
      askAcvColumn: never,
    });
    expect(result.built).toBe(false);
    expect(result.message).toMatch(
      /column "ARR" holds numbers and also text written with .*"1\.250\.000"/
    );
  });
});
