/**
 * Registers the CS functions in HyperFormula from the catalog, calling the
 * very functions Excel calls, with arguments shaped as Excel shapes them:
 * a matrix parameter gets an array of rows, a blank cell null, an omitted
 * optional argument null.
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  ImplementedFunctions,
  SimpleRangeValue,
} from "hyperformula";
import { CsError } from "../core/errors";
import { currentModel } from "../functions/host";
import { CsImplementation, implementations } from "../functions/registry";
import { Catalog, CatalogFunction } from "./catalog";
import { registerExcelFunctions } from "./excel-functions";
import { ArgSizes, SHAPES, Size } from "./shapes";

/** The namespace users type, as in Excel: =CS.TIER(...). */
export const NAMESPACE = "CS";

type Ast = { type: string };
type ProcedureAst = { args: Ast[]; procedureName: string };
type State = unknown;
type PluginMethod = (this: FunctionPlugin, ast: ProcedureAst, state: State) => unknown;

interface PluginInternals {
  evaluateAst(ast: Ast, state: State): unknown;
  arraySizeForAst(ast: Ast, state: State): ArraySize;
}

const EXCEL_ERROR_CODES: Record<string, string> = {
  DIV_BY_ZERO: "#DIV/0!",
  NAME: "#NAME?",
  VALUE: "#VALUE!",
  NUM: "#NUM!",
  NA: "#N/A",
  CYCLE: "#CYCLE!",
  REF: "#REF!",
  SPILL: "#SPILL!",
  LIC: "#LIC!",
  ERROR: "#ERROR!",
};

/** Excel's spelling of an engine error type. */
export function excelErrorCode(type: string): string {
  return EXCEL_ERROR_CODES[type] ?? `#${type}!`;
}

/** A cell value as HyperFormula holds it -> as Excel would pass it (errors keep their Excel code). */
function toExcelValue(value: unknown): unknown {
  if (value === EmptyValue || value === undefined) return null;
  if (value instanceof CellError)
    return { code: excelErrorCode(value.type), message: value.message ?? "" };
  if (typeof value === "object" && value !== null && "val" in value)
    return (value as { val: number }).val;
  return value;
}

function toExcelArgument(
  value: unknown,
  parameter: { dimensionality?: string } | undefined
): unknown {
  if (value instanceof SimpleRangeValue) {
    const rows = value.rawData().map((row) => row.map(toExcelValue));
    return parameter?.dimensionality === "matrix" ? rows : (rows[0]?.[0] ?? null);
  }
  const scalar = toExcelValue(value);
  return parameter?.dimensionality === "matrix" ? [[scalar]] : scalar;
}

/** A value a CS function returned -> what HyperFormula stores. */
function toEngineValue(value: unknown): unknown {
  if (value instanceof CsError)
    return new CellError(value.kind === "VALUE" ? ErrorType.VALUE : ErrorType.NA, value.message);
  if (value === null || value === undefined || value === "") return EmptyValue;
  if (typeof value === "number" && !Number.isFinite(value)) {
    return new CellError(ErrorType.VALUE, "The function produced a number that is not finite.");
  }
  return value;
}

function argumentSizes(plugin: PluginInternals, ast: ProcedureAst, state: State): ArgSizes {
  return ast.args.map((arg) => {
    if (arg.type === "EMPTY") return null;
    const size = plugin.arraySizeForAst(arg, state);
    const literal = (arg as { value?: unknown }).value;
    const isLiteral = arg.type === "STRING" || arg.type === "NUMBER";
    return {
      rows: size.height,
      cols: size.width,
      ...(isLiteral && (typeof literal === "string" || typeof literal === "number")
        ? { literal }
        : {}),
    };
  });
}

/**
 * Words of the message of a CS result whose size differs from the spill the
 * engine made for it: an engine limit, not Excel's answer (recalc keeps such a cell).
 */
export const SPILL_SIZED_BEFORE = "the engine sized its spill as";

/** The size of an array function's spill, from what is known of its arguments before it runs. */
type Predict = (sizes: () => ArgSizes) => Size;

/**
 * One CS call as a formula cell makes it, once its arguments are evaluated:
 * the argument count checked, the function called with Excel's arguments,
 * and its result as HyperFormula stores it (a spill shaped to its predicted size).
 */
function runCall(
  fn: CatalogFunction,
  implementation: CsImplementation,
  predict: Predict,
  argCount: number,
  excelArgs: () => unknown[],
  sizes: () => ArgSizes
): unknown {
  const maxArgs = fn.parameters.length;
  const minArgs = fn.parameters.filter((p) => !p.optional).length;
  if (argCount < minArgs || argCount > maxArgs) {
    const expected = minArgs === maxArgs ? `${minArgs}` : `${minArgs} to ${maxArgs}`;
    return new CellError(
      ErrorType.NA,
      `${NAMESPACE}.${fn.name} takes ${expected} arguments, not ${argCount}.`
    );
  }
  const result = implementation(...excelArgs());
  if (result instanceof Promise)
    return new CellError(ErrorType.VALUE, "The function did not finish synchronously.");
  if (!Array.isArray(result)) return toEngineValue(result);
  const size = predict(sizes);
  const rows: unknown[][] = result as unknown[][];
  if (rows.length === 1 && rows[0].length === 1 && size.rows === 1 && size.cols === 1) {
    return toEngineValue(rows[0][0]);
  }
  // A single error (e.g. ranges of different sizes) covers the whole predicted spill.
  const lone =
    rows.length === 1 && rows[0].length === 1 && rows[0][0] instanceof CsError ? rows[0][0] : null;
  if (lone)
    return SimpleRangeValue.onlyValues(
      Array.from({ length: size.rows }, () => new Array(size.cols).fill(toEngineValue(lone)))
    );
  // Any other size shows as an error, never as a shifted table. It happens when an argument's
  // size is known only once computed (FILTER, UNIQUE, SORT): the engine sizes a spill beforehand.
  const matches = rows.length === size.rows && rows.every((row) => row.length === size.cols);
  const data = Array.from({ length: size.rows }, (_, r) =>
    Array.from({ length: size.cols }, (_, c) =>
      matches
        ? toEngineValue(rows[r][c])
        : new CellError(
            ErrorType.VALUE,
            `${NAMESPACE}.${fn.name} gives ${rows.length}x${rows[0]?.length ?? 0} cells, but ${SPILL_SIZED_BEFORE} ${size.rows}x${size.cols} before computing it, from what it knew of the arguments (a FILTER, UNIQUE or SORT result, or a part read from a cell, is known only once computed); Excel would spill ${rows.length}x${rows[0]?.length ?? 0}.`
          )
    )
  );
  return SimpleRangeValue.onlyValues(data as never);
}

function makeMethod(
  fn: CatalogFunction,
  implementation: CsImplementation,
  predict: Predict
): PluginMethod {
  return function (this: FunctionPlugin, ast: ProcedureAst, state: State) {
    const internals = this as unknown as PluginInternals;
    return runCall(
      fn,
      implementation,
      predict,
      ast.args.length,
      () =>
        fn.parameters.map((parameter, i) => {
          const arg = ast.args[i];
          if (!arg || arg.type === "EMPTY") return null;
          return toExcelArgument(internals.evaluateAst(arg, state), parameter);
        }),
      () => argumentSizes(internals, ast, state)
    );
  };
}

function predictor(fn: CatalogFunction): Predict {
  const rule = SHAPES[fn.id];
  const isArray = fn.result.dimensionality === "matrix";
  if (isArray && !rule)
    throw new Error(
      `${NAMESPACE}.${fn.id} returns an array but has no shape rule in engine/shapes.ts.`
    );
  return (sizes) => (isArray && rule ? rule(sizes(), currentModel()) : { rows: 1, cols: 1 });
}

function implementationOf(catalog: Catalog, fn: CatalogFunction): CsImplementation {
  const jsName = catalog.associate.find((a) => a.id === fn.id)?.functionName;
  const implementation = jsName ? implementations[jsName] : undefined;
  if (!implementation) throw new Error(`No implementation for ${NAMESPACE}.${fn.name}.`);
  return implementation;
}

/**
 * A cell as the engine hands it to a CS function: null for a blank, an error
 * as { code, message }, otherwise the number, text or boolean.
 */
export type ExcelArgumentValue =
  number | string | boolean | null | { code: string; message: string };

/**
 * Calls a CS function as a formula cell does when every argument is a
 * reference: each argument is the referenced cells, row by row, as the engine
 * hands them over (a single cell is a 1x1 block). The result is what the
 * formula's cells would hold, as HyperFormula values (an array function's
 * spill, or one value as a 1x1 block). The CLI uses it to compute a formula
 * over a million-row column it already holds, without loading the column
 * into the engine; a test checks it against the engine.
 */
export function callAsFormula(
  catalog: Catalog,
  id: string,
  args: readonly (readonly (readonly ExcelArgumentValue[])[])[]
): unknown[][] {
  const fn = catalog.metadata.functions.find((f) => f.id === id);
  if (fn === undefined) throw new Error(`${NAMESPACE}.${id} is not in the catalog.`);
  const result = runCall(
    fn,
    implementationOf(catalog, fn),
    predictor(fn),
    args.length,
    () =>
      fn.parameters.map((parameter, i) => {
        const rows = args[i];
        if (rows === undefined) return null;
        // A reference to one cell arrives as its value; a range as its rows (see toExcelArgument).
        if (parameter.dimensionality === "matrix") return rows;
        return rows[0]?.[0] ?? null;
      }),
    () => args.map((rows) => ({ rows: rows.length, cols: rows[0]?.length ?? 0 }))
  );
  return result instanceof SimpleRangeValue ? result.rawData() : [[result]];
}

/** Builds the HyperFormula plugin class for every function in the catalog. */
export function buildPlugin(catalog: Catalog): {
  plugin: typeof FunctionPlugin;
  translations: Record<string, Record<string, string>>;
} {
  class CsFunctionsPlugin extends FunctionPlugin {}
  const implemented: ImplementedFunctions = {};
  const names: Record<string, string> = {};
  const prototype = CsFunctionsPlugin.prototype as unknown as Record<string, unknown>;
  for (const fn of catalog.metadata.functions) {
    const implementation = implementationOf(catalog, fn);
    const id = `${NAMESPACE}.${fn.id}`;
    const method = `cs_${fn.id}`;
    const sizeMethod = `${method}_size`;
    const predict = predictor(fn);
    prototype[method] = makeMethod(fn, implementation, predict);
    prototype[sizeMethod] = function (this: PluginInternals, ast: ProcedureAst, state: State) {
      const size = predict(() => argumentSizes(this, ast, state));
      return new ArraySize(size.cols, size.rows);
    };
    implemented[id] = {
      method,
      sizeOfResultArrayMethod: sizeMethod,
      // The function reads its own arguments (ranges included) as Excel passes them.
      parameters: fn.parameters.map((p) => ({
        argumentType: FunctionArgumentType.ANY,
        optionalArg: p.optional === true,
      })),
      vectorizationForbidden: true,
    };
    names[id] = id;
  }
  CsFunctionsPlugin.implementedFunctions = implemented;
  return { plugin: CsFunctionsPlugin, translations: { enGB: names, enUS: names } };
}

let registered: Catalog | null = null;

/** Registers the CS functions with HyperFormula once per process. */
export function registerCsFunctions(catalog: Catalog): void {
  // Every engine here rounds and formats as Excel does (src/engine/excel-functions.ts).
  registerExcelFunctions();
  if (registered === catalog) return;
  if (registered !== null)
    throw new Error("The CS functions are already registered from another catalog.");
  const { plugin, translations } = buildPlugin(catalog);
  HyperFormula.registerFunctionPlugin(plugin as never, translations);
  registered = catalog;
}
