/**
 * Excel functions HyperFormula computes differently from Excel, replaced in
 * every engine here by Excel's behaviour: rounding (src/engine/excel-rounding.ts)
 * and TEXT (src/engine/excel-text.ts). Each keeps HyperFormula's parameters,
 * so arguments are read and errors passed on as before.
 */
import {
  CellError,
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

const FUNCTIONS: Record<string, { compute: Compute; parameters: object[] }> = {
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
  TEXT: { compute: excelText, parameters: [NUMBER, STRING] },
};

class ExcelFunctionsPlugin extends FunctionPlugin {}

const implemented: ImplementedFunctions = {};
const prototype = ExcelFunctionsPlugin.prototype as unknown as Record<string, Method>;
for (const [id, { compute, parameters }] of Object.entries(FUNCTIONS)) {
  const name = `excel_${id.toLowerCase().replace(/\./g, "_")}`;
  prototype[name] = function (this: FunctionPlugin, ast, state) {
    const self = this as unknown as RunFunction;
    return self.runFunction(ast.args, state, self.metadata(id), compute);
  };
  implemented[id] = { method: name, parameters: parameters as never };
}
ExcelFunctionsPlugin.implementedFunctions = implemented;

let registered = false;

/** Puts Excel's versions in place of HyperFormula's, once per process. */
export function registerExcelFunctions(): void {
  if (registered) return;
  for (const id of Object.keys(FUNCTIONS))
    HyperFormula.registerFunction(id, ExcelFunctionsPlugin as never);
  registered = true;
}
