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

type Predict = (plugin: PluginInternals, ast: ProcedureAst, state: State) => Size;

function makeMethod(
  fn: CatalogFunction,
  implementation: CsImplementation,
  predict: Predict
): PluginMethod {
  const maxArgs = fn.parameters.length;
  const minArgs = fn.parameters.filter((p) => !p.optional).length;
  return function (this: FunctionPlugin, ast: ProcedureAst, state: State) {
    const internals = this as unknown as PluginInternals;
    if (ast.args.length < minArgs || ast.args.length > maxArgs) {
      const expected = minArgs === maxArgs ? `${minArgs}` : `${minArgs} to ${maxArgs}`;
      return new CellError(
        ErrorType.NA,
        `${NAMESPACE}.${fn.name} takes ${expected} arguments, not ${ast.args.length}.`
      );
    }
    const args = fn.parameters.map((parameter, i) => {
      const arg = ast.args[i];
      if (!arg || arg.type === "EMPTY") return null;
      return toExcelArgument(internals.evaluateAst(arg, state), parameter);
    });
    const result = implementation(...args);
    if (result instanceof Promise)
      return new CellError(ErrorType.VALUE, "The function did not finish synchronously.");
    if (!Array.isArray(result)) return toEngineValue(result);
    const size = predict(internals, ast, state);
    const rows: unknown[][] = result as unknown[][];
    if (rows.length === 1 && rows[0].length === 1 && size.rows === 1 && size.cols === 1) {
      return toEngineValue(rows[0][0]);
    }
    // A single error (e.g. ranges of different sizes) covers the whole predicted spill.
    const lone =
      rows.length === 1 && rows[0].length === 1 && rows[0][0] instanceof CsError
        ? rows[0][0]
        : null;
    if (lone)
      return SimpleRangeValue.onlyValues(
        Array.from({ length: size.rows }, () => new Array(size.cols).fill(toEngineValue(lone)))
      );
    // Any other result of another size would be a bug: it shows as an error, not as a shifted table.
    const matches = rows.length === size.rows && rows.every((row) => row.length === size.cols);
    const data = Array.from({ length: size.rows }, (_, r) =>
      Array.from({ length: size.cols }, (_, c) =>
        matches
          ? toEngineValue(rows[r][c])
          : new CellError(
              ErrorType.VALUE,
              `${NAMESPACE}.${fn.name} returned ${rows.length}x${rows[0]?.length ?? 0} cells where ${size.rows}x${size.cols} were expected.`
            )
      )
    );
    return SimpleRangeValue.onlyValues(data as never);
  };
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
  const functionNames = new Map(catalog.associate.map((a) => [a.id, a.functionName]));
  for (const fn of catalog.metadata.functions) {
    const jsName = functionNames.get(fn.id);
    const implementation = jsName ? implementations[jsName] : undefined;
    if (!implementation) throw new Error(`No implementation for ${NAMESPACE}.${fn.name}.`);
    const id = `${NAMESPACE}.${fn.id}`;
    const method = `cs_${fn.id}`;
    const sizeMethod = `${method}_size`;
    const rule = SHAPES[fn.id];
    const isArray = fn.result.dimensionality === "matrix";
    if (isArray && !rule)
      throw new Error(`${id} returns an array but has no shape rule in engine/shapes.ts.`);
    const predict: Predict = (plugin, ast, state) =>
      isArray && rule
        ? rule(argumentSizes(plugin, ast, state), currentModel())
        : { rows: 1, cols: 1 };
    prototype[method] = makeMethod(fn, implementation, predict);
    prototype[sizeMethod] = function (this: PluginInternals, ast: ProcedureAst, state: State) {
      const size = predict(this, ast, state);
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
  if (registered === catalog) return;
  if (registered !== null)
    throw new Error("The CS functions are already registered from another catalog.");
  const { plugin, translations } = buildPlugin(catalog);
  HyperFormula.registerFunctionPlugin(plugin as never, translations);
  registered = catalog;
}
