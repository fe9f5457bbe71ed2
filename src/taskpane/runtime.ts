/**
 * The functions' runtime as the pane uses it. The pane is the only caller
 * that sends assumptions, and it may be another build than the functions
 * (a cached page): every set is checked against the schema here, on the
 * pane's side, so the functions bundle stays small. Refused assumptions
 * leave the functions on the last good ones, or, when none were ever in
 * force, make them show why.
 */
import { validateAssumptions } from "../core/assumptions/schema";
import { StoreMessages } from "../core/assumptions/messages";
import { CsRuntime, findRuntime } from "../functions/runtime-bridge";

export function checkedRuntime(raw: CsRuntime | undefined = findRuntime()): CsRuntime | undefined {
  if (!raw) return undefined;
  let goodInForce = false;
  return {
    useAssumptions(assumptions) {
      const checked = validateAssumptions(assumptions);
      if (!checked.ok) {
        const detail = checked.problems[0]?.message ?? "they do not match the schema";
        const message = StoreMessages.badRuntimeAssumptions(detail);
        if (!goodInForce) raw.assumptionsUnavailable(message);
        return message;
      }
      goodInForce = true;
      return raw.useAssumptions(assumptions);
    },
    assumptionsUnavailable: (reason) => raw.assumptionsUnavailable(reason),
    currentAssumptions: () => raw.currentAssumptions(),
    takeStaleCells: () => raw.takeStaleCells(),
  };
}
