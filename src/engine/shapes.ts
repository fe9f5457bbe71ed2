/**
 * The size of each CS function's spilled result, predicted from the sizes of
 * its arguments. Excel sizes a spill after the function returns; HyperFormula
 * must know it before evaluating. A function that broadcasts is sized from
 * its parameter declaration (functions/elementwise.ts: the largest of the
 * parameters that broadcast); the few whose size is something else have a
 * rule here. A test checks that every matrix-result function in the catalog
 * has a rule and that results match the prediction.
 */
import { assumptionTableName, assumptionTableSize } from "../core/assumptions/keys";
import { CsError } from "../core/errors";
import { Model } from "../core/model";
import { declaredFunctions } from "../functions/elementwise";
// Loads every family, so that every declaration is in before the rules are derived.
import "../functions/registry";

export interface Size {
  rows: number;
  cols: number;
}

/**
 * What is known of an argument before evaluation: its size, and its value
 * when it is written as a literal in the formula (e.g. "segments").
 */
export interface ArgInfo extends Size {
  literal?: string | number | boolean;
}

/** The arguments as written in the formula; null where omitted. */
export type ArgSizes = readonly (ArgInfo | null)[];

/** Predicts a result's size from its arguments and the model in force (e.g. the number of tiers). */
export type ShapeRule = (args: ArgSizes, model: Model) => Size;

const ONE: Size = { rows: 1, cols: 1 };

/** The largest of the given arguments, as Excel broadcasts a single value. */
export function broadcast(...indexes: number[]): ShapeRule {
  return (args) => {
    let rows = 1;
    let cols = 1;
    for (const i of indexes) {
      const size = args[i];
      if (size && (size.rows > 1 || size.cols > 1)) {
        rows = Math.max(rows, size.rows);
        cols = Math.max(cols, size.cols);
      }
    }
    return { rows, cols };
  };
}

/** The rules that are not a broadcast of the declared parameters. */
const OWN_RULES: Readonly<Record<string, ShapeRule>> = {
  // Two cells (CSM, AE) per amount unless one part is asked for.
  // A blank part ("" or spaces) reads as omitted, as the function reads it.
  EXPANSION_SPLIT: (args) => {
    const amount = args[0] ?? ONE;
    const part = args[1];
    const blank = typeof part?.literal === "string" && part.literal.trim() === "";
    return part && !blank ? amount : { rows: amount.rows, cols: amount.cols * 2 };
  },
  // A header row, one row per tier of the workbook's table, a Total row; 7 columns.
  COVERAGE_PLAN: (_args, model) =>
    model.tiers instanceof CsError ? ONE : { rows: model.tiers.tiers.length + 2, cols: 7 },
  // A header row, then one row per cell of required_by_month (read row by row); 7 columns.
  HIRING_PLAN: (args) => {
    const months = args[0] ?? ONE;
    return { rows: months.rows * months.cols + 1, cols: 7 };
  },
  // The table named in the formula sets the size. A name in a cell cannot be read before
  // evaluation, so it is sized as the tier table (the default); another table named in a
  // cell then shows a size error in the engine (Excel has no such limit).
  ASSUMPTIONS: (args, model) => {
    const literal = args[0]?.literal;
    if (typeof literal === "number") return ONE; // not a name: one error cell
    const name = typeof literal === "string" && literal.trim() !== "" ? literal : "tiers";
    const table = assumptionTableName(name);
    return table ? assumptionTableSize(model.assumptions, table) : ONE;
  },
};

/** Every array function's rule: its own, or the broadcast of its declared cell parameters. */
export const SHAPES: Readonly<Record<string, ShapeRule>> = {
  ...Object.fromEntries(
    [...declaredFunctions()].map(([id, params]) => [
      id,
      broadcast(...params.flatMap((p, i) => (p.kind === "cell" ? [i] : []))),
    ])
  ),
  ...OWN_RULES,
};
