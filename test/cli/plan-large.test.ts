/**
 * What the plan command does differently for large exports, to keep a
 * million-row export within memory: it reads repeated texts of a CSV as one
 * shared string each, and computes the accounts table's formula columns a
 * chunk of rows at a time. Neither may change a value.
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { computePlanValues } from "../../src/cli/plan-engine";
import { loadSheet } from "../../src/cli/data";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { excelSerialFromYmd } from "../../src/core/dates";
import { Catalog } from "../../src/engine/catalog";
import { useAssumptions } from "../../src/functions/host";
import { implementations } from "../../src/functions/registry";
import { buildLayout, SHEETS } from "../../src/plan/layout";
import { preparePlan } from "../../src/plan/prepare";
import { testCatalog } from "../helpers/engine";

let catalog: Catalog;
let dir: string;
beforeAll(async () => {
  catalog = await testCatalog();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-plan-large-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

// 70,000 accounts: more than one chunk (65,536 rows), ACVs across every tier.
const ROWS = 70_000;
const acvOf = (i: number) => (i * 7919) % 400_000;
const owners = ["Ann", "Bob", "Cy"];

test("a CSV's repeated and long texts read back exactly, row by row", async () => {
  const long = "x".repeat(65);
  const lines = ["Name,Owner,Note"];
  for (let i = 0; i < 3000; i++)
    lines.push(`Acct ${i},${owners[i % 3]},${i % 2 ? long : `n${i % 7}`}`);
  const file = path.join(dir, "texts.csv");
  await fs.writeFile(file, lines.join("\n"));
  const sheet = await loadSheet(file);
  expect(sheet.length).toBe(3001);
  expect(sheet[1]).toEqual(["Acct 0", "Ann", "n0"]);
  expect(sheet[2]).toEqual(["Acct 1", "Bob", long]);
  // 2999 % 3 = 2: Cy; odd rows carry the long note.
  expect(sheet[3000]).toEqual(["Acct 2999", "Cy", long]);
  expect(sheet.slice(1).map((row) => row[1])).toEqual(
    Array.from({ length: 3000 }, (_, i) => owners[i % 3])
  );
});

test("the Tier, Segment and Coverage model columns equal one call over the whole column", () => {
  const assumptions = defaultAssumptions();
  const rows = [["Account", "Owner", "ACV"]];
  for (let i = 0; i < ROWS; i++) rows.push([`Acct ${i}`, owners[i % 3], String(acvOf(i))]);
  const typed = rows.map((row, r) => (r === 0 ? row : [row[0], row[1], Number(row[2])]));
  const prepared = preparePlan(typed, {
    assumptions,
    asOf: excelSerialFromYmd(2026, 12, 1),
    source: "large.csv",
  });
  if (!prepared.ok) throw new Error("the export should plan");
  const layout = buildLayout(prepared.input);
  const values = computePlanValues(layout, prepared.input, catalog, assumptions);
  try {
    const columns = layout.sheets.find((s) => s.name === SHEETS.accounts)!.table!.columns;
    const at = (fn: string) => columns.findIndex((c) => c.kind === "formula" && c.fn === fn);
    useAssumptions(assumptions);
    const whole = (fn: string, argument: unknown[]) =>
      (implementations[fn](argument.map((v) => [v])) as unknown[][]).map((line) => line[0]);
    const tiers = whole(
      "tier",
      Array.from({ length: ROWS }, (_, i) => acvOf(i))
    );
    expect(values.tableColumn(at("TIER"))).toEqual(tiers);
    expect(values.tableColumn(at("SEGMENT"))).toEqual(whole("segment", tiers));
    expect(values.tableColumn(at("COVERAGE_MODEL"))).toEqual(whole("coverageModel", tiers));
    // Across the chunk boundary too: 65,535 and 65,536 are different rows of different chunks.
    expect(new Set(tiers).size).toBe(5);
  } finally {
    values.destroy();
  }
});
