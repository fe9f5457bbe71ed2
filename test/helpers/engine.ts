/**
 * Formula-level testing: evaluates =CS.* formulas through the same engine and
 * adapters the cs-coverage command uses, with the catalog generated from the
 * functions' JSDoc exactly as the build does.
 */
import { createHash } from "crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { Assumptions } from "../../src/core/assumptions/types";
import { Catalog, parseCatalog } from "../../src/engine/catalog";
import { CsEngine, EngineValue, SheetInput } from "../../src/engine/engine";
import { useAssumptions } from "../../src/functions/host";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * A digest of everything the generated catalog is made from: the family
 * files (their JSDoc), their list, the generator's code and its version.
 */
function catalogKey(): string {
  const families = "src/functions/families.json";
  const listed = JSON.parse(readFileSync(path.join(ROOT, families), "utf8")) as string[];
  const inputs = [
    families,
    "src/engine/generate-catalog.ts",
    "src/engine/catalog.ts",
    "node_modules/custom-functions-metadata/package.json",
    ...listed,
  ];
  const hash = createHash("sha256");
  for (const file of inputs) hash.update(`${file}\0`).update(readFileSync(path.join(ROOT, file)));
  return hash.digest("hex").slice(0, 20);
}

/**
 * The catalog generated from the current JSDoc. Generating it loads
 * TypeScript and Microsoft's generator, seconds per test file, so the result
 * is kept in the temp directory under a digest of its inputs: an edited
 * JSDoc, family list or generator gives a new key and a fresh generation.
 */
async function generatedCatalog(): Promise<Catalog> {
  const file = path.join(os.tmpdir(), `cs-coverage-test-catalog-${catalogKey()}.json`);
  if (existsSync(file)) return parseCatalog(JSON.parse(readFileSync(file, "utf8")));
  const { generateCatalog } = await import("../../src/engine/generate-catalog");
  const generated = await generateCatalog();
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(generated));
  renameSync(partial, file); // whole or not at all, when test files race
  return generated;
}

let catalog: Promise<Catalog> | null = null;

export function testCatalog(): Promise<Catalog> {
  catalog ??= generatedCatalog();
  return catalog;
}

export interface EvalOptions {
  sheet?: SheetInput;
  assumptions?: Assumptions;
}

/**
 * The engine over an empty sheet, kept for the test file: building one costs
 * HyperFormula a new formula parser (tens of milliseconds, most of a
 * formula-level test file's time). Only this case is shared: with no cells
 * there is nothing computed at build time, and the assumptions are put in
 * force again before every evaluation, as building an engine does.
 */
let emptySheetEngine: CsEngine | null = null;

/** Evaluates formulas against one sheet; returns their values in order. */
export async function evaluate(
  formulas: string[],
  options: EvalOptions = {}
): Promise<EngineValue[]> {
  const catalog = await testCatalog();
  if (options.sheet === undefined && options.assumptions === undefined) {
    if (emptySheetEngine === null) {
      emptySheetEngine = new CsEngine({ catalog, assumptions: defaultAssumptions() });
    }
    useAssumptions(defaultAssumptions());
    const engine = emptySheetEngine;
    return formulas.map((f) => engine.evaluate(f));
  }
  const engine = new CsEngine({
    catalog,
    assumptions: options.assumptions ?? defaultAssumptions(),
    sheet: options.sheet,
  });
  try {
    return formulas.map((f) => engine.evaluate(f));
  } finally {
    engine.destroy();
  }
}

export async function evaluateOne(
  formula: string,
  options: EvalOptions = {}
): Promise<EngineValue> {
  return (await evaluate([formula], options))[0];
}

/** Matches an Excel error with a message containing each given fragment. */
export function excelError(code: "#VALUE!" | "#N/A", ...fragments: string[]): unknown {
  return {
    error: code,
    message: expect.stringMatching(
      new RegExp(fragments.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*"))
    ),
  };
}
