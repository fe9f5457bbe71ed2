/**
 * Formula-level testing: evaluates =CS.* formulas through the same engine and
 * adapters the cs-coverage command uses, with the catalog generated from the
 * functions' JSDoc exactly as the build does.
 */
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { Assumptions } from "../../src/core/assumptions/types";
import { Catalog } from "../../src/engine/catalog";
import { CsEngine, EngineValue, SheetInput } from "../../src/engine/engine";
import { generateCatalog } from "../../src/engine/generate-catalog";

let catalog: Promise<Catalog> | null = null;

export function testCatalog(): Promise<Catalog> {
  catalog ??= generateCatalog();
  return catalog;
}

export interface EvalOptions {
  sheet?: SheetInput;
  assumptions?: Assumptions;
}

/** Evaluates formulas against one sheet; returns their values in order. */
export async function evaluate(
  formulas: string[],
  options: EvalOptions = {}
): Promise<EngineValue[]> {
  const engine = new CsEngine({
    catalog: await testCatalog(),
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
