/**
 * Excel functions HyperFormula computes differently from Excel, replaced in
 * every engine here by Excel's behaviour: rounding (src/engine/excel-rounding.ts)
 * and TEXT (src/engine/excel-text.ts). Each keeps HyperFormula's parameters,
 * so arguments are read and errors passed on as before. Others keep
 * HyperFormula's own code and only have an argument put in the form it
 * reads (VALUE, DATEDIF: ARGUMENTS_AS_EXCEL_READS_THEM below).
 */
import {
  CellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  ImplementedFunctions,
} from "hyperformula";
import {
  excelCeiling,
  excelCeilingMath,
  excelCeilingPrecise,
  excelEven,
  excelFloor,
  excelFloorMath,
  excelFloorPrecise,
  excelInt,
  excelOdd,
  excelRound,
  excelRoundDown,
  excelRoundUp,
} from "./excel-rounding";
import { excelText } from "./excel-text";
import { excelNumberText } from "./excel-value";

// HyperFormula's plugin internals, as src/engine/plugin.ts reaches them.
type ProcedureAst = { args: unknown[] };
type State = unknown;
type Method = (this: FunctionPlugin, ast: ProcedureAst, state: State) => unknown;
type Compute = (...args: never[]) => number | string | CellError;
interface RunFunction {
  runFunction(args: unknown[], state: State, metadata: unknown, fn: Compute): unknown;
  metadata(name: string): unknown;
}

const NUMBER = { argumentType: FunctionArgumentType.NUMBER };
const PLACES = { argumentType: FunctionArgumentType.NUMBER, defaultValue: 0 };
const STRING = { argumentType: FunctionArgumentType.STRING };
const SIGNIFICANCE = { argumentType: FunctionArgumentType.NUMBER, defaultValue: 1 };
const MODE = { argumentType: FunctionArgumentType.NUMBER, defaultValue: 0 };

/** Excel's limit on a cell's text; CONCAT refuses a longer result (Microsoft's CONCAT page). */
const EXCEL_MAX_TEXT = 32767;

/**
 * CONCAT (Excel 2019), which HyperFormula lacks (#NAME?): its arguments'
 * texts, ranges and arrays cell by cell, row by row, read as CONCATENATE
 * and & read them here.
 */
function excelConcat(...texts: string[]): string | CellError {
  const joined = texts.join("");
  if (joined.length > EXCEL_MAX_TEXT)
    return new CellError(
      ErrorType.VALUE,
      `CONCAT gives ${joined.length} characters; a cell holds at most ${EXCEL_MAX_TEXT}.`
    );
  return joined;
}

interface ExcelFunction {
  compute: Compute;
  parameters: object[];
  /** HyperFormula's metadata for a function of any number of arguments, ranges flattened. */
  repeatLastArgs?: number;
  expandRanges?: boolean;
}

const FUNCTIONS: Record<string, ExcelFunction> = {
  ROUND: { compute: excelRound, parameters: [NUMBER, PLACES] },
  ROUNDUP: { compute: excelRoundUp, parameters: [NUMBER, PLACES] },
  ROUNDDOWN: { compute: excelRoundDown, parameters: [NUMBER, PLACES] },
  // An alias of ROUNDDOWN in HyperFormula, bound to its own ROUNDDOWN: replaced by name too.
  TRUNC: { compute: excelRoundDown, parameters: [NUMBER, PLACES] },
  INT: { compute: excelInt, parameters: [NUMBER] },
  CEILING: { compute: excelCeiling, parameters: [NUMBER, NUMBER] },
  FLOOR: { compute: excelFloor, parameters: [NUMBER, NUMBER] },
  "CEILING.MATH": { compute: excelCeilingMath, parameters: [NUMBER, SIGNIFICANCE, MODE] },
  "FLOOR.MATH": { compute: excelFloorMath, parameters: [NUMBER, SIGNIFICANCE, MODE] },
  "CEILING.PRECISE": { compute: excelCeilingPrecise, parameters: [NUMBER, SIGNIFICANCE] },
  // An alias of CEILING.PRECISE in HyperFormula: replaced by name too.
  "ISO.CEILING": { compute: excelCeilingPrecise, parameters: [NUMBER, SIGNIFICANCE] },
  "FLOOR.PRECISE": { compute: excelFloorPrecise, parameters: [NUMBER, SIGNIFICANCE] },
  EVEN: { compute: excelEven, parameters: [NUMBER] },
  ODD: { compute: excelOdd, parameters: [NUMBER] },
  CONCAT: { compute: excelConcat, parameters: [STRING], repeatLastArgs: 1, expandRanges: true },
  TEXT: { compute: excelText, parameters: [NUMBER, STRING] },
};

class ExcelFunctionsPlugin extends FunctionPlugin {}

const implemented: ImplementedFunctions = {};
const prototype = ExcelFunctionsPlugin.prototype as unknown as Record<string, Method>;
for (const [id, { compute, parameters, ...shape }] of Object.entries(FUNCTIONS)) {
  const name = `excel_${id.toLowerCase().replace(/\./g, "_")}`;
  prototype[name] = function (this: FunctionPlugin, ast, state) {
    const self = this as unknown as RunFunction;
    return self.runFunction(ast.args, state, self.metadata(id), compute);
  };
  implemented[id] = { method: name, parameters: parameters as never, ...shape };
}
ExcelFunctionsPlugin.implementedFunctions = implemented;

/**
 * HyperFormula's own function, with each argument value passed through
 * `prepare` before its code sees it: a subclass of its plugin whose
 * runFunction (an instance field there) wraps the computation.
 */
function withPreparedArguments(id: string, prepare: (value: unknown) => unknown) {
  const base = HyperFormula.getFunctionPlugin(id);
  if (base === undefined) throw new Error(`HyperFormula has no ${id} to adapt.`);
  const Base = base as unknown as typeof FunctionPlugin;
  type Run = (args: unknown[], state: State, metadata: unknown, fn: Compute) => unknown;
  class Prepared extends Base {
    constructor(...args: ConstructorParameters<typeof FunctionPlugin>) {
      super(...args);
      const self = this as unknown as { runFunction: Run };
      const run = self.runFunction;
      self.runFunction = (values, state, metadata, fn) =>
        run(values, state, metadata, (...given: never[]) =>
          fn(...(given.map((value) => prepare(value)) as never[]))
        );
    }
  }
  const metadata = base.implementedFunctions[id];
  Prepared.implementedFunctions = { [id]: metadata };
  Prepared.aliases = {};
  // HyperFormula wants the method on the plugin's own prototype: the inherited one, put there.
  const methods = Base.prototype as unknown as Record<string, unknown>;
  (Prepared.prototype as unknown as Record<string, unknown>)[metadata.method] =
    methods[metadata.method];
  return Prepared;
}

const ARGUMENTS_AS_EXCEL_READS_THEM: Record<string, (value: unknown) => unknown> = {
  // "1,234" and "$1,234.50" are numbers to Excel (src/engine/excel-value.ts).
  VALUE: (value) => (typeof value === "string" ? excelNumberText(value) : value),
  // Excel reads DATEDIF's unit in any case: "y" as "Y", "md" as "MD" (LibreOffice Calc too).
  DATEDIF: (value) => (typeof value === "string" ? value.toUpperCase() : value),
};

let registered = false;

/** Puts Excel's versions in place of HyperFormula's, once per process. */
export function registerExcelFunctions(): void {
  if (registered) return;
  for (const id of Object.keys(FUNCTIONS)) {
    // A function HyperFormula lacks needs its name in the engine's languages too.
    const known = HyperFormula.getRegisteredFunctionNames("enGB").includes(id);
    const names = known ? undefined : { enGB: { [id]: id }, enUS: { [id]: id } };
    HyperFormula.registerFunction(id, ExcelFunctionsPlugin as never, names);
  }
  for (const [id, prepare] of Object.entries(ARGUMENTS_AS_EXCEL_READS_THEM))
    HyperFormula.registerFunction(id, withPreparedArguments(id, prepare));
  registered = true;
}
