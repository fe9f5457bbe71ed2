/**
 * test:unit's runner (jest-light-runner, jest.unit.config.js) imports every
 * test file of a worker into one Node process: modules, and so their state,
 * are shared. This puts back, before each file's own hooks and tests, the
 * state a fresh runtime starts with, so no file sees what an earlier one
 * left: the functions' assumptions (host.ts), the runtime the pane reaches
 * (runtime-bridge.ts), the CustomFunctions stand-in, mocks and timers.
 *
 * The runner loads this once per worker but starts a new root describe block
 * per file, so the reset is registered lazily: the first describe, test or
 * hook a file declares at its top level adds it to that file's root block.
 */
import { getState } from "jest-circus";
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { useAssumptions, waitForAssumptions } from "../../src/functions/host";
import { findRuntime } from "../../src/functions/runtime-bridge";

async function startFresh(): Promise<void> {
  jest.useRealTimers();
  jest.restoreAllMocks();
  // Releases a runtime an earlier file published as in Excel (and clears its load timer).
  findRuntime()?.useAssumptions(defaultAssumptions());
  delete (globalThis as Record<string, unknown>).csCoverageRuntime;
  delete (globalThis as Record<string, unknown>).CustomFunctions;
  useAssumptions(defaultAssumptions());
  // Replaces any load still awaited with one already done, which then clears itself.
  const loaded = Promise.resolve();
  waitForAssumptions(loaded);
  await new Promise((resolve) => setImmediate(resolve));
}

const originalBeforeAll = globalThis.beforeAll;
let freshFor: unknown = null;

function registerForThisFile(): void {
  const root = getState().rootDescribeBlock;
  if (root === freshFor) return;
  freshFor = root;
  originalBeforeAll(startFresh);
}

/** The global, and every function hanging off it (test.each, describe.skip...), register first. */
function registeringFirst<T extends object>(declare: T): T {
  return new Proxy(declare, {
    apply(target, self, args) {
      registerForThisFile();
      return Reflect.apply(target as (...a: unknown[]) => unknown, self, args);
    },
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      return typeof value === "function" ? registeringFirst(value) : value;
    },
  });
}

const declarations = [
  "describe",
  "test",
  "it",
  "beforeAll",
  "afterAll",
  "beforeEach",
  "afterEach",
] as const;
for (const name of declarations) {
  const globals = globalThis as unknown as Record<string, object>;
  globals[name] = registeringFirst(globals[name]);
}
