/**
 * The generated functions.json against the public contract in FUNCTIONS.md:
 * names, argument order and optionality are promises to users' workbooks.
 */
import { readFileSync } from "fs";
import path from "path";
import { Catalog, CatalogFunction } from "../../src/engine/catalog";
import { SHAPES } from "../../src/engine/shapes";
import { declaredFunctions } from "../../src/functions/elementwise";
import { implementations } from "../../src/functions/registry";
import { testCatalog } from "../helpers/engine";

interface ContractSignature {
  name: string;
  params: { name: string; optional: boolean }[];
}

/** Reads every `CS.NAME(a, [b])` signature from the first column of FUNCTIONS.md's table. */
function contract(): Map<string, ContractSignature> {
  const text = readFileSync(path.resolve(__dirname, "../../../shared/domain/FUNCTIONS.md"), "utf8");
  const signatures = new Map<string, ContractSignature>();
  for (const match of text.matchAll(/`CS\.([A-Z_]+)\(([^)]*)\)`/g)) {
    const params = match[2]
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== "")
      .map((p) => ({ name: p.replace(/[[\]]/g, ""), optional: p.startsWith("[") }));
    signatures.set(match[1], { name: match[1], params });
  }
  return signatures;
}

/** Parameters that take a value (and so also a range): everything but names of parts, roles and plans. */
const SCALAR_PARAMETERS = new Set(["part", "plan", "role", "key", "table"]);

describe("functions.json (generated from the JSDoc) matches FUNCTIONS.md", () => {
  let catalog: Catalog;
  const signatures = contract();

  beforeAll(async () => {
    catalog = await testCatalog();
  });

  const byId = (id: string): CatalogFunction | undefined =>
    catalog.metadata.functions.find((f) => f.id === id);

  test("FUNCTIONS.md was read", () => {
    expect(signatures.size).toBeGreaterThanOrEqual(25);
    expect(signatures.get("TIER")?.params).toEqual([
      { name: "acv", optional: false },
      { name: "tiers", optional: true },
    ]);
  });

  test("every function of FUNCTIONS.md is present", () => {
    const missing = [...signatures.keys()].filter((id) => byId(id) === undefined);
    expect(missing).toEqual([]);
  });

  test("every function is in the contract, with its argument names, order and optionality", () => {
    for (const fn of catalog.metadata.functions) {
      const signature = signatures.get(fn.id);
      expect({ id: fn.id, known: signature !== undefined }).toEqual({ id: fn.id, known: true });
      expect(fn.name).toBe(fn.id);
      expect(fn.parameters.map((p) => ({ name: p.name, optional: p.optional === true }))).toEqual(
        signature?.params
      );
    }
  });

  test("value parameters take ranges (matrix); names of parts and plans are scalars", () => {
    for (const fn of catalog.metadata.functions) {
      for (const p of fn.parameters) {
        const expected =
          SCALAR_PARAMETERS.has(p.name) || p.name === "round_up" ? "scalar" : "matrix";
        expect(`${fn.id}.${p.name}: ${p.dimensionality ?? "scalar"}`).toBe(
          `${fn.id}.${p.name}: ${expected}`
        );
      }
    }
  });

  test("every function and parameter has a description and a help page", () => {
    for (const fn of catalog.metadata.functions) {
      expect(fn.description?.length ?? 0).toBeGreaterThan(40);
      // The build writes each helpUrl from the id under its origin (scripts/addin-origin.js);
      // one typed in the JSDoc would name a fixed server.
      expect(`${fn.id}: ${fn.helpUrl}`).toBe(`${fn.id}: undefined`);
      for (const p of fn.parameters)
        expect(`${fn.id}.${p.name}: ${(p.description ?? "").length > 15}`).toBe(
          `${fn.id}.${p.name}: true`
        );
    }
  });

  test("array results have a spill-shape rule for the engine, and scalar results do not", () => {
    for (const fn of catalog.metadata.functions) {
      expect(`${fn.id}: ${fn.result.dimensionality === "matrix"}`).toBe(
        `${fn.id}: ${SHAPES[fn.id] !== undefined}`
      );
    }
    const ids = new Set(catalog.metadata.functions.map((f) => f.id));
    for (const id of Object.keys(SHAPES)) expect(ids.has(id)).toBe(true);
  });

  test("each declared function's parameters are its JSDoc parameters, same names, same order", () => {
    const byId = new Map(catalog.metadata.functions.map((f) => [f.id, f]));
    const declared = [...declaredFunctions()];
    // Every function that broadcasts a value parameter is declared (the spill size comes from it).
    expect(declared.map(([id]) => id).sort()).toEqual(
      catalog.metadata.functions
        .filter((f) => f.result.dimensionality === "matrix")
        .map((f) => f.id)
        .filter((id) => !["COVERAGE_PLAN", "HIRING_PLAN", "ASSUMPTIONS"].includes(id))
        .sort()
    );
    for (const [id, params] of declared) {
      const fn = byId.get(id);
      expect(`${id}: ${params.map((p) => p.name).join(", ")}`).toBe(
        `${id}: ${(fn?.parameters ?? []).map((p) => p.name).join(", ")}`
      );
    }
  });

  test("a declared function's spill is the broadcast of its cell parameters, not of the others", () => {
    // VARIABLE_PAYOUT: mbo (a row of attainments, averaged) and plan never widen the result.
    const rule = SHAPES.VARIABLE_PAYOUT;
    const column = { rows: 5, cols: 1 };
    const row = { rows: 1, cols: 4 };
    expect(rule([column, null, row, null, null, null, null], {} as never)).toEqual(column);
    expect(rule([null, null, null, column, null, null, null], {} as never)).toEqual(column);
    expect(rule([null, null, column, null, null, null, column], {} as never)).toEqual({
      rows: 1,
      cols: 1,
    });
    // TARGET_RATIO: the role is read once.
    expect(SHAPES.TARGET_RATIO([column, row], {} as never)).toEqual(column);
  });

  test("every function Excel binds has the implementation the engine calls", () => {
    expect(catalog.associate.map((a) => a.id).sort()).toEqual(
      catalog.metadata.functions.map((f) => f.id).sort()
    );
    for (const { functionName } of catalog.associate)
      expect(typeof implementations[functionName]).toBe("function");
  });
});
