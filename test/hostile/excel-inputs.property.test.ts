/**
 * Every CS function, called as Excel calls it, with any Excel-shaped input:
 * numbers (-0, huge, tiny), numeric and junk text, booleans, blanks (0, null,
 * ""), error values, ragged, empty and 1x1 ranges. Whatever comes in, what
 * comes out is something Excel can show: a finite number, text, a boolean, a
 * CustomFunctions.Error with a message, or an array of those of the size
 * src/engine/shapes.ts predicts. Never a throw, NaN, Infinity or undefined.
 */
import fc from "fast-check";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { loadPreset } from "../../src/core/assumptions/presets";
import { Assumptions } from "../../src/core/assumptions/types";
import { CatalogFunction, CatalogParameter } from "../../src/engine/catalog";
import { ArgInfo, SHAPES, Size } from "../../src/engine/shapes";
import { currentModel, useAssumptions } from "../../src/functions/host";
import { implementations } from "../../src/functions/registry";
import { PROPERTY_SEED, recordGeneratedCases } from "../helpers/generated-cases";
import { testCatalog } from "../helpers/engine";
import { FakeCustomFunctionsError, useCustomFunctionsStub } from "../helpers/custom-functions";

const ERROR_CODES = ["#VALUE!", "#N/A", "#DIV/0!", "#REF!", "#NUM!", "#NAME?", "#NULL!"];

useCustomFunctionsStub();

afterAll(() => {
  useAssumptions(defaultAssumptions());
});

/** At least 100,000 cases across the library (the floor), shared out per function. */
const TOTAL_CASES = 110_000;

// --- What Excel can put in a cell ---------------------------------------------------------

const NAMED_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  0.95,
  1.12,
  1.5,
  2,
  5,
  5.0001,
  10,
  11,
  25000,
  80000,
  100000,
  100000.01,
  1e6,
  1e15,
  1e15 + 2,
  1e16,
  -1e16,
  1e21,
  2 ** 53,
  5e-324,
  1e-300,
  1e-9,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  45000,
  46037,
  2958465,
  2958466,
  -45000,
  0.1 + 0.2,
];

const NAMED_TEXT = [
  "",
  " ",
  "Strategic",
  " enterprise ",
  "Mid-Market",
  "SMB",
  "Tech-Touch",
  "Pooled",
  "CSM",
  "am",
  "TAM",
  "csm",
  "ae",
  "lead",
  "standard",
  "plg",
  "tiers",
  "segments",
  "comp",
  "expansion",
  "tier.Strategic.csm_ratio",
  "segment.SMB.nrr_target",
  "payout.grr_floor",
  "ote.VP CS.base",
  "hiring.ramp",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "tier.__proto__.csm_ratio",
  "none",
  "N/A",
  "#N/A",
  "$80,000",
  "80k",
  "1.2M",
  "1.5bn",
  "USD 80,000",
  "(1,200)",
  "-$500",
  "95%",
  "112%",
  "-5%",
  "100%",
  "0.97",
  "1e400",
  "1e16",
  "9999999999999999999999",
  "2026-01-15",
  "1/15/2026",
  "2026-02-30",
  "Jan 15 2026",
  "0,0.5,0.5",
  "TRUE",
  "no",
  "<img src=x onerror=alert(1)>",
  "=1+1",
  "NaN",
  "Infinity",
  "undefined",
  "\u0000",
  "\u00a080000",
  "😀",
  "x".repeat(300),
];

const numberArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NAMED_NUMBERS) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 2, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -10, max: 3_000_000 }) }
);

const numericTextArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("", "$", "USD ", "-", "(", " "),
    fc.oneof(
      fc.integer({ min: 0, max: 10_000_000 }),
      fc.double({ min: 0, max: 1e20, noNaN: true })
    ),
    fc.constantFrom("", "%", "k", "M", ")", " ", "bn")
  )
  .map(([prefix, n, suffix]) => `${prefix}${n.toLocaleString("en-US")}${suffix}`);

const errorValueArb = fc
  .constantFrom(...ERROR_CODES)
  .map((code) => new FakeCustomFunctionsError(code, "upstream"));

const cellArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: numberArb },
  { weight: 3, arbitrary: fc.constantFrom(...NAMED_TEXT) },
  { weight: 2, arbitrary: numericTextArb },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.boolean() },
  // Blank cells: 0 in Excel desktop, null or "" in Excel on the web.
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, "", 0) },
  { weight: 1, arbitrary: errorValueArb }
);

// --- Ranges -----------------------------------------------------------------------------------

interface Dims {
  rows: number;
  cols: number;
}

function rangeOf(dims: Dims): fc.Arbitrary<unknown[][]> {
  return fc.array(fc.array(cellArb, { minLength: dims.cols, maxLength: dims.cols }), {
    minLength: dims.rows,
    maxLength: dims.rows,
  });
}

/** Rows of different lengths, and rows with none: Excel never sends these, other hosts might. */
const raggedArb: fc.Arbitrary<unknown[][]> = fc.array(fc.array(cellArb, { maxLength: 4 }), {
  maxLength: 5,
});

/**
 * A matrix argument: mostly of the case's common size (so broadcasting
 * functions get past the size check), else 1x1, a column, ragged or empty.
 */
function matrixArb(common: Dims, optional: boolean): fc.Arbitrary<unknown> {
  const choices: fc.WeightedArbitrary<unknown>[] = [
    { weight: 6, arbitrary: rangeOf(common) },
    { weight: 4, arbitrary: rangeOf({ rows: 1, cols: 1 }) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 6 }).chain((rows) => rangeOf({ rows, cols: 1 })),
    },
    { weight: 1, arbitrary: raggedArb },
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.constant([[]]) },
  ];
  if (optional) choices.push({ weight: 2, arbitrary: fc.constant(null) });
  return fc.oneof(...choices);
}

function scalarArb(optional: boolean): fc.Arbitrary<unknown> {
  return optional
    ? fc.oneof({ weight: 4, arbitrary: cellArb }, { weight: 1, arbitrary: fc.constant(null) })
    : cellArb;
}

function argsArb(parameters: readonly CatalogParameter[]): fc.Arbitrary<unknown[]> {
  const dims = fc.record({
    rows: fc.integer({ min: 1, max: 5 }),
    cols: fc.integer({ min: 1, max: 3 }),
  });
  return dims.chain((common) =>
    fc.tuple(
      ...parameters.map((p) =>
        p.dimensionality === "matrix"
          ? matrixArb(common, p.optional === true)
          : scalarArb(p.optional === true)
      )
    )
  );
}

// --- What may come out ------------------------------------------------------------------------

/** Why a cell is not something Excel can show, or null when it is. */
function badCell(value: unknown): string | null {
  if (typeof value === "number")
    return Number.isFinite(value) ? null : `a number that is not finite (${value})`;
  if (typeof value === "string" || typeof value === "boolean") return null;
  if (value instanceof FakeCustomFunctionsError) {
    if (value.code !== "#VALUE!" && value.code !== "#N/A") return `an error ${value.code}`;
    if (typeof value.message !== "string" || value.message.trim() === "")
      return "an error without a message";
    // Quoted text is the user's own input, echoed: only the rest must not show a broken value.
    const unquoted = value.message.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    if (/\b(?:undefined|NaN|Infinity)\b|\[object /.test(unquoted))
      return `an error whose message shows a broken value: ${value.message}`;
    return null;
  }
  return `${value === undefined ? "undefined" : typeof value} (${String(value)})`;
}

/** The size the engine predicts for these arguments, as src/engine/plugin.ts asks for it. */
function predictedSize(fn: CatalogFunction, args: readonly unknown[]): Size {
  const rule = SHAPES[fn.id];
  const sizes = args.map((arg, i): ArgInfo | null => {
    if (arg === null) return null;
    if (fn.parameters[i].dimensionality === "matrix") {
      const grid = arg as unknown[][];
      // An empty range reads as one blank cell.
      if (grid.length === 0) return { rows: 1, cols: 1 };
      return { rows: grid.length, cols: Math.max(1, ...grid.map((row) => row.length)) };
    }
    return typeof arg === "string" || typeof arg === "number"
      ? { rows: 1, cols: 1, literal: arg }
      : { rows: 1, cols: 1 };
  });
  return rule(sizes, currentModel());
}

/** Why a result is not one Excel can show, or null when it is. */
function badResult(fn: CatalogFunction, args: readonly unknown[], result: unknown): string | null {
  if (fn.result.dimensionality !== "matrix") {
    return Array.isArray(result) ? "an array from a scalar function" : badCell(result);
  }
  if (!Array.isArray(result) || result.length === 0 || !result.every(Array.isArray))
    return `not an array of rows: ${String(result)}`;
  const rows = result as unknown[][];
  for (const row of rows) {
    for (const cell of row) {
      const bad = badCell(cell);
      if (bad) return bad;
    }
  }
  // One error covers the whole spill (Excel shows it in every cell); anything else has the predicted size.
  if (rows.length === 1 && rows[0].length === 1 && rows[0][0] instanceof FakeCustomFunctionsError)
    return null;
  const size = predictedSize(fn, args);
  const fits = rows.length === size.rows && rows.every((row) => row.length === size.cols);
  return fits
    ? null
    : `${rows.length}x${rows[0].length} cells where shapes.ts predicts ${size.rows}x${size.cols}`;
}

// --- The property -----------------------------------------------------------------------------

const ASSUMPTION_SETS: Assumptions[] = [
  defaultAssumptions(),
  loadPreset("vitally-2024"),
  loadPreset("capacity-model"),
];

let catalogFunctions: CatalogFunction[] = [];
let functionNames = new Map<string, string>();

beforeAll(async () => {
  const catalog = await testCatalog();
  catalogFunctions = catalog.metadata.functions;
  functionNames = new Map(catalog.associate.map((a) => [a.id, a.functionName]));
});

test("the catalog has the functions this test covers", () => {
  expect(catalogFunctions.length).toBeGreaterThanOrEqual(25);
});

test("every function, any Excel-shaped input: a value Excel can show, never a throw", () => {
  const runs = Math.ceil(TOTAL_CASES / catalogFunctions.length);
  let generated = 0;
  for (const fn of catalogFunctions) {
    const implementation = implementations[functionNames.get(fn.id) ?? ""];
    expect(implementation).toBeDefined();
    fc.assert(
      fc.property(argsArb(fn.parameters), fc.nat(ASSUMPTION_SETS.length - 1), (args, set) => {
        generated++;
        useAssumptions(ASSUMPTION_SETS[set]);
        let result: unknown;
        try {
          result = implementation(...args);
        } catch (error) {
          throw new Error(`CS.${fn.id} threw: ${String(error)}`);
        }
        const bad = badResult(fn, args, result);
        if (bad) throw new Error(`CS.${fn.id} returned ${bad}`);
      }),
      { seed: PROPERTY_SEED, numRuns: runs }
    );
  }
  recordGeneratedCases(generated);
  expect(generated).toBeGreaterThanOrEqual(100_000);
});
