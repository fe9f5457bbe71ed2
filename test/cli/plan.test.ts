/**
 * cs-coverage plan and recalc on a small export whose plan is computed here
 * by hand from MODEL.md's default ratios (tiered-2027):
 *   accounts per CSM  Strategic 11, Enterprise 30, Mid-Market 32, Pooled 50, Tech-Touch 175
 *   accounts per AM   Strategic 25, Enterprise 25, Mid-Market 80, Pooled 80, Tech-Touch 300
 *   accounts per TAM  Strategic 10, others none
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { excelSerialFromYmd } from "../../src/core/dates";
import { runCli as run } from "../helpers/cli";
import { FIXTURE } from "../helpers/plan-fixture";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-plan-test-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function planFixture(extra: string[] = []) {
  const input = path.join(dir, "export.csv");
  const output = path.join(dir, `plan-${extra.length}.xlsx`);
  await fs.writeFile(input, FIXTURE);
  const result = await run("plan", input, "-o", output, ...extra);
  return { ...result, input, output };
}

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The formula of a cell as stored in the file. */
function formulaOf(cell: ExcelJS.Cell): string | undefined {
  const stored = cell.value as { formula?: string } | null;
  return stored?.formula;
}

function cached(cell: ExcelJS.Cell): unknown {
  const value = cell.value as { result?: unknown } | null;
  return value !== null && typeof value === "object" && ("result" in value || "formula" in value)
    ? value.result
    : value;
}

// By hand: CSMs 2/11 + 1/30 + 1/32 + 1/50 + 1/175; AMs 2/25 + 1/25 + 1/80 + 1/80 + 1/300; TAMs 2/10.
const CSMS = 2 / 11 + 1 / 30 + 1 / 32 + 1 / 50 + 1 / 175;
const AMS = 2 / 25 + 1 / 25 + 1 / 80 + 1 / 80 + 1 / 300;

describe("cs-coverage plan --json", () => {
  test("gives the hand-computed plan per tier and in total, and lists the two bad rows", async () => {
    const r = await planFixture(["--json"]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out[0]);
    const byTier = Object.fromEntries(plan.tiers.map((t: { tier: string }) => [t.tier, t]));
    expect(byTier.Strategic).toMatchObject({ accounts: 2, arr: 560000, tams: 0.2 });
    expect(byTier.Strategic.csms).toBeCloseTo(2 / 11, 12);
    expect(byTier.Strategic.ams).toBeCloseTo(0.08, 12);
    expect(byTier.Enterprise).toMatchObject({ accounts: 1, arr: 120000 });
    expect(byTier.Enterprise.csms).toBeCloseTo(1 / 30, 12);
    expect(byTier["Tech-Touch"]).toMatchObject({ accounts: 1, arr: 5000, tams: 0 });
    expect(plan.total.accounts).toBe(6);
    expect(plan.total.arr).toBe(765000);
    expect(plan.total.csms).toBeCloseTo(CSMS, 12);
    expect(plan.total.ams).toBeCloseTo(AMS, 12);
    expect(plan.total.tams).toBeCloseTo(0.2, 12);
    // Exact, not rounded for display: 0.2721158… keeps its digits.
    expect(String(plan.total.csms).length).toBeGreaterThan(6);
    expect(plan.skipped).toEqual([
      {
        row: 8,
        value: "N/A",
        reason: expect.stringContaining('"N/A" is not an amount'),
        kind: "unreadable",
      },
      {
        row: 9,
        value: -100,
        reason: "the ACV -100 is negative (a credit note or refund?)",
        kind: "negative",
      },
    ]);
  });

  test("prints a rounded summary table for people, and the rows left out", async () => {
    const r = await planFixture();
    expect(r.code).toBe(0);
    const total = r.out.find((l) => l.startsWith("Total"));
    expect(total?.split(/\s+/)).toEqual(["Total", "6", "$765,000", "0.3", "0.1", "0.2"]);
    expect(r.out).toContain(
      '  row 8 (ACV "N/A"): "N/A" is not an amount. Use a number such as 80000, "$80,000", "80k" or "1.2M".'
    );
    expect(r.out).toContain(
      "  row 9 (ACV -100): the ACV -100 is negative (a credit note or refund?)"
    );
  });
});

describe("cs-coverage plan of an .xlsx export", () => {
  test("finds the header under a report title and numbers rows as the sheet does", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Report");
    ws.addRow(["Accounts by owner (Salesforce report)"]);
    ws.addRow([]);
    ws.addRow(["Account Name", "Annual Revenue", "Total ARR"]);
    ws.addRow(["Apex", 9e7, 300000]);
    ws.addRow(["Gale", 3e6, "TBD"]);
    ws.addRow(["Fern", 1e6, 5000]);
    const input = path.join(dir, "report.xlsx");
    await wb.xlsx.writeFile(input);
    const r = await run("plan", input, "-o", path.join(dir, "report-plan.xlsx"), "--json");
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out[0]);
    expect(plan.total).toMatchObject({ accounts: 2, arr: 305000 });
    expect(plan.skipped).toEqual([
      {
        row: 5,
        value: "TBD",
        reason: expect.stringContaining('"TBD" is not an amount'),
        kind: "unreadable",
      },
    ]);
  });
});

describe("cs-coverage plan of an .xlsx with an account name merged over its rows", () => {
  test("each row under the merge is the account's, as Excel shows it; amounts are never copied", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Contracts");
    ws.addRow(["Account Name", "Product", "ACV"]);
    ws.addRow(["Acme", "Core", 100000]);
    ws.addRow([null, "Add-on", 50000]);
    ws.addRow(["Beta", "Core", 20000]);
    ws.addRow(["Gamma", "Core", 30000]);
    ws.addRow(["Gamma", "Add-on", null]);
    ws.mergeCells("A2:A3"); // Acme shown on both of its rows
    ws.mergeCells("C5:C6"); // one ACV shown over Gamma's two rows: counted once
    const input = path.join(dir, "merged.xlsx");
    await wb.xlsx.writeFile(input);
    const r = await run("plan", input, "-o", path.join(dir, "merged-plan.xlsx"), "--json");
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out[0]);
    // Acme 100,000 + 50,000 = 150,000 (Enterprise), Beta 20,000 (Pooled), Gamma 30,000 (Pooled):
    // three accounts, 200,000; Gamma's second row has a blank ACV (the merge's value is in row 5).
    expect(plan.total).toMatchObject({ accounts: 3, arr: 200000 });
    expect(plan.tiers.find((t: { tier: string }) => t.tier === "Enterprise")).toMatchObject({
      accounts: 1,
      arr: 150000,
    });
    expect(plan.skipped.map((s: { row: number; kind: string }) => [s.row, s.kind])).toEqual([
      [6, "blank"],
    ]);
  });
});

describe("the plan workbook", () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await workbook((await planFixture()).output);
  });

  test("has the plan, accounts, books, assumptions and skipped-rows sheets", () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      "CS Plan",
      "CS Accounts",
      "CS Books",
      "CS Assumptions",
      "CS Skipped rows",
    ]);
  });

  test("CS Accounts holds the export, the ACV read, and live CS formulas with cached values", () => {
    const ws = wb.getWorksheet("CS Accounts")!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      "Account Name",
      "Account Owner",
      "Annual Revenue",
      "ACV",
      "Last Activity",
      "CS ACV",
      "CS Last touch",
      "Tier",
      "Segment",
      "Coverage model",
    ]);
    expect(ws.getCell("A3").value).toBe("Birch");
    // "$260,000" is typed as Excel types a paste (a number); "120k" stays text, and CS ACV reads it.
    expect(ws.getCell("D3").value).toBe(260000);
    expect(ws.getCell("D4").value).toBe("120k");
    expect(ws.getCell("F4").value).toBe(120000);
    // CS Last touch: the day of the last activity that coverage quality counts (Birch 2026-10-01).
    expect(ws.getCell("G3").value).toEqual(new Date(Date.UTC(2026, 9, 1)));
    expect(ws.getCell("G5").value).toBeNull();
    expect(ws.getCell("H3").value).toEqual({ formula: "_xldudf_CS_TIER(F3)", result: "Strategic" });
    expect(ws.getCell("I4").value).toEqual({
      formula: "_xldudf_CS_SEGMENT(H4)",
      result: "Enterprise",
    });
    expect(cached(ws.getCell("J6"))).toBe("Pooled CSM (vertical pod)");
    // Six accounts: the two bad rows are not in the table.
    expect(ws.rowCount).toBe(7);
  });

  test("the CS Accounts sheet is an Excel table over the accounts", async () => {
    const zip = await fs.readFile(path.join(dir, "plan-0.xlsx"));
    // The table part is plain XML inside the package.
    const text = zip.toString("latin1");
    expect(text).toContain("xl/tables/table1.xml");
  });

  test("CS Plan: CS.COVERAGE_PLAN per tier with cached values, targets and the forward view", () => {
    const ws = wb.getWorksheet("CS Plan")!;
    const rowOf = (label: string) => {
      let found = 0;
      ws.eachRow((row, n) => {
        if (cached(row.getCell(1)) === label) found = n;
      });
      return found;
    };
    const strategic = ws.getRow(rowOf("Strategic"));
    // One array formula over the spill's exact range (5 tiers, header and Total: 7 rows of 7),
    // on its top-left cell; the tier rows below hold its cached values.
    const header = ws.getRow(rowOf("Strategic") - 5).getCell(1)
      .value as ExcelJS.CellFormulaValue & {
      shareType?: string;
      ref?: string;
    };
    expect(header).toMatchObject({
      formula: "_xldudf_CS_COVERAGE_PLAN('CS Accounts'!$F$2:$F$7)",
      result: "Tier",
      shareType: "array",
      ref: `A${rowOf("Strategic") - 5}:G${rowOf("Total")}`,
    });
    expect(formulaOf(strategic.getCell(1))).toBeUndefined();
    expect(cached(strategic.getCell(1))).toBe("Strategic");
    expect(cached(strategic.getCell(2))).toBe(2);
    expect(cached(strategic.getCell(3))).toBe(560000);
    expect(cached(strategic.getCell(4)) as number).toBeCloseTo(2 / 11, 12);
    expect(cached(strategic.getCell(9))).toBe(1.3); // NRR target of Enterprise (MODEL.md §2)
    expect(cached(strategic.getCell(10))).toBe(0.97);
    const total = ws.getRow(rowOf("Total"));
    expect(cached(total.getCell(4)) as number).toBeCloseTo(CSMS, 12);
    // Coverage quality as of the date in B3 (today by default): recomputed for 2026-11-01 below.
    expect(rowOf("Forward ARR")).toBeGreaterThan(rowOf("Total"));
    expect(
      (ws.getRow(rowOf("Forward ARR")).getCell(2).value as ExcelJS.CellFormulaValue).formula
    ).toMatch(/^_xldudf_CS_FORWARD_ARR\(/);
  });

  test("one CS call per spilled result: each spill is one dynamic-array formula over its exact range", async () => {
    const formulas: { at: string; formula: string; ref?: string }[] = [];
    const inArrays = new Set<string>();
    wb.eachSheet((ws) => {
      if (ws.name === "CS Accounts") return; // one CS call per row, over its own row's cell
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const value = cell.value as { formula?: string; shareType?: string; ref?: string } | null;
          if (value === null || typeof value !== "object" || value.formula === undefined) return;
          formulas.push({
            at: `${ws.name}!${cell.address}`,
            formula: value.formula,
            ...(value.shareType === "array" ? { ref: value.ref } : {}),
          });
        })
      );
    });
    const arrays = formulas.filter((f) => f.ref !== undefined);
    // CS Plan: the coverage plan (5 tiers + header + Total, 7 columns) and the hiring plan
    // (12 months + header, 7 columns; its header on row 34: the Month table after the cost,
    // coverage-quality and forward-view blocks of layout.ts); CS Assumptions: its three tables.
    expect(arrays.map((f) => [f.at, f.formula.replace(/\(.*/, ""), f.ref])).toEqual([
      ["CS Plan!A8", "_xldudf_CS_COVERAGE_PLAN", "A8:G14"],
      ["CS Plan!D34", "_xldudf_CS_HIRING_PLAN", "D34:J46"],
      ["CS Assumptions!A5", "_xldudf_CS_ASSUMPTIONS", expect.stringMatching(/^A5:[A-Z]+\d+$/)],
      ["CS Assumptions!A14", "_xldudf_CS_ASSUMPTIONS", expect.stringMatching(/^A14:[A-Z]+\d+$/)],
      ["CS Assumptions!A21", "_xldudf_CS_ASSUMPTIONS", expect.stringMatching(/^A21:[A-Z]+\d+$/)],
    ]);
    // No other formula lies inside a spill's range (the cells there are its cached values).
    for (const { at, ref } of arrays) {
      const [sheet] = at.split("!");
      const ws = wb.getWorksheet(sheet)!;
      const [from, to] = ref!.split(":").map((a) => ws.getCell(a));
      for (let r = Number(from.row); r <= Number(to.row); r++)
        for (let c = Number(from.col); c <= Number(to.col); c++)
          inArrays.add(`${sheet}!${ws.getCell(r, c).address}`);
    }
    expect(formulas.filter((f) => f.ref === undefined && inArrays.has(f.at))).toEqual([]);
    // The whole accounts columns go to the add-in once per result: CS.COVERAGE_PLAN and
    // CS.COVERAGE_QUALITY, one formula each (it was 49 + 1 with a formula per spilled cell).
    const overColumns = formulas.filter((f) => /_xldudf_CS_\w+\('CS Accounts'!\$/.test(f.formula));
    expect(overColumns.map((f) => f.formula.replace(/\(.*/, ""))).toEqual([
      "_xldudf_CS_COVERAGE_PLAN",
      "_xldudf_CS_COVERAGE_QUALITY",
    ]);
    // Marked as dynamic arrays for Excel: cm="1" on each spill's cell, and the metadata part.
    const unzipped = await import("unzipper");
    const zip = await unzipped.Open.file(path.join(dir, "plan-0.xlsx"));
    const text = async (name: string) => {
      const chunks: Buffer[] = [];
      for await (const chunk of zip.files.find((f) => f.path === name)!.stream())
        chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    };
    expect(await text("xl/metadata.xml")).toContain('<xda:dynamicArrayProperties fDynamic="1"');
    expect(await text("[Content_Types].xml")).toContain('PartName="/xl/metadata.xml"');
    expect(await text("xl/_rels/workbook.xml.rels")).toContain('Target="metadata.xml"');
    const plan = await text("xl/worksheets/sheet1.xml");
    expect(plan.match(/<c r="[A-Z]+\d+" cm="1"/g)).toEqual([
      '<c r="A8" cm="1"',
      '<c r="D34" cm="1"',
    ]);
  });

  test("CS Books: accounts, ARR, max book, load and mix per CSM, computed by hand", () => {
    const ws = wb.getWorksheet("CS Books")!;
    const books: Record<string, unknown[]> = {};
    ws.eachRow((row) => {
      const name = cached(row.getCell(1));
      if (name === "Ann" || name === "Bob" || name === "Cy")
        books[name] = [2, 3, 5, 6, 7, 8].map((c) => cached(row.getCell(c)));
    });
    // Ann: 300,000 + 260,000; average 280,000 is Strategic: max book min(11, 4,000,000 / 280,000) = 11.
    expect(books.Ann[0]).toBe(2);
    expect(books.Ann[1]).toBe(560000);
    expect(books.Ann[2]).toBe(11);
    expect(books.Ann[3] as number).toBeCloseTo(2 / 11, 12);
    expect(books.Ann[4]).toBe("Within"); // not over 110%
    // Both accounts are in the Enterprise segment. (ExcelJS reads a cached 0 as no result: the
    // LibreOffice test sees the 0 itself.)
    expect(books.Ann[5] ?? 0).toBe(0);
    // Bob: average 90,000 is Mid-Market: min(32, 2,500,000 / 90,000 = 27.8) = 27; one Enterprise, one Mid-Market.
    expect(books.Bob[2]).toBe(27);
    expect(books.Bob[5]).toBe(0.5);
    // Cy: Pooled (Mid-Market segment) and Tech-Touch (SMB).
    expect(books.Cy.slice(0, 2)).toEqual([2, 25000]);
    expect(books.Cy[5]).toBe(0.5);
  });

  test("CS Skipped rows lists each bad row with its row number and value", () => {
    const ws = wb.getWorksheet("CS Skipped rows")!;
    expect([2, 3].map((r) => [ws.getCell(r, 1).value, ws.getCell(r, 2).value])).toEqual([
      [8, "N/A"],
      [9, -100],
    ]);
  });
});

describe("cs-coverage recalc", () => {
  test("recomputes the CS formulas with other assumptions and keeps everything else", async () => {
    const { output } = await planFixture();
    const assumptions = path.join(dir, "assumptions.json");
    const exported = await run("assumptions", "--json", "--set", "tier.Strategic.csm_ratio=8");
    await fs.writeFile(assumptions, exported.out.join("\n"));
    const recalculated = path.join(dir, "recalculated.xlsx");
    const r = await run("recalc", output, "-o", recalculated, "--assumptions", assumptions);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(
      /^Recalculated \d+ CS formulas and \d+ formulas that use them; \d+ cells changed; wrote /
    );
    const before = await workbook(output);
    const after = await workbook(recalculated);
    const plan = after.getWorksheet("CS Plan")!;
    let strategic = 0;
    plan.eachRow((row, n) => {
      if (cached(row.getCell(1)) === "Strategic") strategic = n;
    });
    // 2 Strategic accounts at 1:8 instead of 1:11.
    expect(cached(plan.getCell(strategic, 4))).toBe(0.25);
    // The owner totals (COUNTIF/SUMIF/COUNTIFS, recomputed by the engine) equal the plan's one-pass counts.
    const books = (wb: ExcelJS.Workbook) => {
      const values: unknown[] = [];
      wb.getWorksheet("CS Books")!.eachRow((row) =>
        row.eachCell((cell) => {
          if (/^COUNTIFS?\(|^SUMIF\(/.test((cell.value as { formula?: string })?.formula ?? ""))
            values.push(cached(cell));
        })
      );
      return values;
    };
    expect(books(after)).toEqual(books(before));
    expect(books(after).length).toBe(3 * 5);
    // Values are left as they were.
    expect(after.getWorksheet("CS Accounts")!.getCell("D4").value).toBe("120k");
  });

  test("coverage quality follows the as-of date in B3: 3 of 5 SLA-bound accounts on 2026-11-01", async () => {
    const { output } = await planFixture();
    const wb = await workbook(output);
    const plan = wb.getWorksheet("CS Plan")!;
    expect(plan.getCell("A3").value).toBe("As of");
    plan.getCell("B3").value = excelSerialFromYmd(2026, 11, 1);
    const edited = path.join(dir, "as-of.xlsx");
    await wb.xlsx.writeFile(edited);
    expect((await run("recalc", edited, "--in-place")).code).toBe(0);
    const after = (await workbook(edited)).getWorksheet("CS Plan")!;
    let quality: unknown;
    after.eachRow((row) => {
      if (String(cached(row.getCell(1))).startsWith("Share of SLA-bound accounts"))
        quality = cached(row.getCell(2));
    });
    // By hand, days since the last touch against each tier's SLA (MODEL.md §1): Apex 2 <= 7 and
    // Cobalt 7 <= 14 and Elm 153 <= 183 are covered; Birch 31 > 7 and Dune (no touch) are not;
    // Fern is Tech-Touch, which has no SLA, so it is left out.
    expect(quality).toBe(0.6);
  });

  test("a missing workbook is exit 2 with one line", async () => {
    const r = await run("recalc", path.join(dir, "missing.xlsx"));
    expect(r).toEqual({
      code: 2,
      out: [],
      err: [`cs-coverage: ${path.join(dir, "missing.xlsx")}: file not found`],
    });
  });
});

describe("cs-coverage plan: what it refuses, with exit 2 and one line", () => {
  async function planOf(csv: string, ...extra: string[]) {
    const input = path.join(dir, "other.csv");
    await fs.writeFile(input, csv);
    return run("plan", input, "-o", path.join(dir, "other.xlsx"), ...extra);
  }

  test("two ACV candidates: names both and asks for --acv-column", async () => {
    const r = await planOf("Name,ACV,ARR\nAcme,1,2\n");
    expect(r).toEqual({
      code: 2,
      out: [],
      err: [
        'cs-coverage: more than one column could hold the ACV: "ACV", "ARR"; choose one with --acv-column',
      ],
    });
    const chosen = await planOf("Name,ACV,ARR\nAcme,1,200000\n", "--acv-column", "ARR", "--json");
    expect(JSON.parse(chosen.out[0]).total.arr).toBe(200000);
  });

  test("MRR only: asks for confirmation; --acv-column MRR plans on MRR x 12", async () => {
    const r = await planOf("Name,MRR\nAcme,2500\n");
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(
      /monthly \("MRR"\).*multiplied by 12, confirm with --acv-column "MRR"/
    );
    const confirmed = await planOf("Name,MRR\nAcme,2500\n", "--acv-column", "MRR", "--json");
    // 2,500 a month is 30,000 a year: Pooled.
    expect(
      JSON.parse(confirmed.out[0]).tiers.find((t: { tier: string }) => t.tier === "Pooled").arr
    ).toBe(30000);
  });

  test("only Annual Revenue: refuses and says it is company revenue", async () => {
    const r = await planOf("Name,Annual Revenue\nAcme,5000000\n");
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/"Annual Revenue" is the customer's company revenue/);
  });

  test("no usable row: says so, after listing nothing silently", async () => {
    const r = await planOf("Name,ACV\nAcme,N/A\nBeta,\n");
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/none of the 2 account rows has a usable ACV/);
  });

  test("an output that is not .xlsx", async () => {
    const input = path.join(dir, "x.csv");
    await fs.writeFile(input, "Name,ACV\nAcme,1\n");
    const r = await run("plan", input, "-o", path.join(dir, "plan.csv"));
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/give the file an \.xlsx extension/);
  });
});
