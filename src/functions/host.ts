/**
 * What differs between the two hosts the CS functions run in: Excel (a
 * shared runtime with the CustomFunctions global) and the cs-coverage engine
 * in Node. Adapters produce plain cells; this turns them into what the host
 * shows, and holds the assumptions every function reads.
 */
import { defaultAssumptions } from "../core/assumptions/defaults";
import { Assumptions } from "../core/assumptions/types";
import { StoreMessages } from "../core/assumptions/messages";
import { CsError, Errors } from "../core/errors";
import { compileModel, Model } from "../core/model";
import { Cell } from "./grid";

let current: Assumptions = defaultAssumptions();
let pending: Promise<void> | null = null;
/**
 * Set while the workbook's assumptions cannot be used (unreadable, or saved
 * by a newer version): every function then shows this #N/A rather than a
 * number computed from assumptions the workbook does not hold.
 */
let unavailable: CsError | null = null;

/** The model of the assumptions in force. */
export function currentModel(): Model {
  return compileModel(current);
}

export function currentAssumptions(): Assumptions {
  return current;
}

/** Puts new assumptions in force (the task pane on Apply; the CLI before it evaluates). */
export function useAssumptions(assumptions: Assumptions): void {
  current = assumptions;
  unavailable = null;
}

/** Makes every function show why the workbook's assumptions cannot be used (null clears it). */
export function assumptionsUnavailable(reason: string | null): void {
  unavailable = reason === null ? null : new CsError("NA", StoreMessages.functionsWaiting(reason));
}

/**
 * While the workbook's stored assumptions are loading, functions wait for
 * them instead of computing with the defaults (the task pane sets this).
 */
export function waitForAssumptions(loading: Promise<void>): void {
  const mine = loading.finally(() => {
    if (pending === mine) pending = null;
  });
  pending = mine;
}

/**
 * Runs a computation on the model in force, after any pending load. While a
 * load is pending this returns a Promise, which Excel awaits from any custom
 * function; the declared type stays T because the metadata generator reads a
 * union return type as a scalar "any" and would lose the spill.
 */
export function withModel<T>(compute: (model: Model) => T): T {
  if (pending === null) return computeNow(compute);
  return pending.then(() => computeNow(compute)) as unknown as T;
}

function computeNow<T>(compute: (model: Model) => T): T {
  // Thrown, not returned: Excel shows a thrown CustomFunctions.Error as the
  // whole result, whatever shape the function spills.
  if (unavailable !== null) throw toHost(unavailable);
  return compute(currentModel());
}

function inExcel(): boolean {
  return typeof CustomFunctions !== "undefined" && typeof CustomFunctions.Error === "function";
}

/** One result cell as the host shows it: errors as host errors, blanks as "". */
export function toHost(cell: Cell): unknown {
  // Excel would show Infinity as #NUM! with no word of why, and NaN as a wrong number.
  if (typeof cell === "number" && !Number.isFinite(cell)) return toHost(Errors.notFinite());
  if (cell instanceof CsError) {
    if (!inExcel()) return cell;
    const code =
      cell.kind === "VALUE"
        ? CustomFunctions.ErrorCode.invalidValue
        : CustomFunctions.ErrorCode.notAvailable;
    return new CustomFunctions.Error(code, cell.message);
  }
  return cell === null ? "" : cell;
}

export function gridToHost(cells: Cell[][]): unknown[][] {
  for (const row of cells as unknown[][]) {
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (
        value === null ||
        value instanceof CsError ||
        (typeof value === "number" && !Number.isFinite(value))
      )
        row[c] = toHost(value as Cell);
    }
  }
  return cells as unknown[][];
}
