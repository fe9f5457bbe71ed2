/**
 * How the task pane reaches the functions' state. The two bundles of the
 * shared runtime (functions.js, then taskpane.js) are separate webpack
 * entries, each with its own copy of any module they both import, so the
 * pane cannot simply import host.ts: it would get a second, unused copy of
 * the assumptions. The functions bundle publishes this one object on the
 * page instead, before any function is registered.
 */
import { Assumptions } from "../core/assumptions/types";
import { loadTimeoutSeconds, StoreMessages } from "../core/assumptions/messages";
import {
  assumptionsUnavailable,
  currentAssumptions,
  useAssumptions,
  waitForAssumptions,
} from "./host";

export interface CsRuntime {
  /**
   * Puts assumptions in force and releases functions waiting for the
   * workbook's. Returns null when used, or why they were refused. This raw
   * runtime trusts its caller (no schema here: zod would triple the
   * functions bundle); the pane reaches it through checkedRuntime()
   * (src/taskpane/runtime.ts), which checks against the schema first.
   */
  useAssumptions(assumptions: Assumptions): string | null;
  /** Makes every CS function show #N/A with this reason (the workbook's assumptions cannot be used). */
  assumptionsUnavailable(reason: string): void;
  currentAssumptions(): Assumptions;
  /**
   * Whether CS cells may still show the #N/A they computed before these
   * assumptions arrived (the pane reported after the load timed out): Excel
   * does not compute them again by itself, so the pane re-enters them.
   * Reading it clears it.
   */
  takeStaleCells(): boolean;
}

const GLOBAL_NAME = "csCoverageRuntime";

type WithRuntime = typeof globalThis & { [GLOBAL_NAME]?: CsRuntime };

/**
 * Publishes the runtime. In Excel, functions wait until the pane has read the
 * workbook's assumptions (or said they cannot be used); if the pane's script
 * never reports, they show why after a timeout instead of spinning forever.
 */
export function publishRuntime(inExcel: boolean): void {
  let release: () => void = () => undefined;
  // Set when functions gave up waiting (the timeout's #N/A), until good assumptions arrive.
  let timedOut = false;
  let stale = false;
  if (inExcel) {
    const loaded = new Promise<void>((resolve) => {
      release = resolve;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      assumptionsUnavailable(StoreMessages.loadTimedOut(loadTimeoutSeconds));
      release();
    }, loadTimeoutSeconds * 1000);
    waitForAssumptions(loaded.finally(() => clearTimeout(timer)));
  }
  const runtime: CsRuntime = {
    useAssumptions(assumptions) {
      useAssumptions(assumptions);
      if (timedOut) stale = true;
      timedOut = false;
      release();
      return null;
    },
    assumptionsUnavailable(reason) {
      assumptionsUnavailable(reason);
      release();
    },
    currentAssumptions,
    takeStaleCells() {
      const was = stale;
      stale = false;
      return was;
    },
  };
  (globalThis as WithRuntime)[GLOBAL_NAME] = runtime;
}

/** The functions' runtime, as the pane sees it; undefined if functions.js did not load. */
export function findRuntime(): CsRuntime | undefined {
  return (globalThis as WithRuntime)[GLOBAL_NAME];
}
