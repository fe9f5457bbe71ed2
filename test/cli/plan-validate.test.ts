/**
 * The workbooks the project writes pass the ECMA-376 schemas and the rules
 * Excel enforces (../shared/schemas/ooxml/validate-xlsx): `plan`'s own
 * output, and that output after `recalc` with other assumptions (which
 * patches cells of it).
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { Catalog } from "../../src/engine/catalog";
import { testCatalog } from "../helpers/engine";
import { FIXTURE } from "../helpers/plan-fixture";
import { run, validate } from "../helpers/recalc-run";

let catalog: Catalog;
let dir: string;
beforeAll(async () => {
  catalog = await testCatalog();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-plan-validate-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

test("plan's workbook, and the same after recalc with other assumptions, are valid for Excel", async () => {
  const input = path.join(dir, "export.csv");
  const planned = path.join(dir, "plan.xlsx");
  await fs.writeFile(input, FIXTURE);
  expect((await run(() => catalog, "plan", input, "-o", planned)).code).toBe(0);
  const plan = validate(planned);
  if (!plan.ok) throw new Error(plan.report);

  const assumptions = path.join(dir, "assumptions.json");
  const exported = await run(
    () => catalog,
    "assumptions",
    "--json",
    "--set",
    "tier.Strategic.csm_ratio=8"
  );
  await fs.writeFile(assumptions, exported.out.join("\n"));
  const recalculated = path.join(dir, "recalculated.xlsx");
  const r = await run(
    () => catalog,
    "recalc",
    planned,
    "-o",
    recalculated,
    "--assumptions",
    assumptions
  );
  expect(r.code).toBe(0);
  // 2 Strategic accounts at 1:8 instead of 1:11 change the plan's Strategic and Total rows.
  expect(r.out[0]).not.toMatch(/; 0 cells changed;/);
  const after = validate(recalculated);
  if (!after.ok) throw new Error(after.report);
}, 180_000);
