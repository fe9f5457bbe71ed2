"use strict";
/** Timing: medians of tinybench samples. */
const { fail } = require("./cli");

/** Samples per size: enough for a stable median, few enough for a million rows. */
function samplesFor(rows, quick) {
  if (quick) return { cs: 5, native: 2 };
  if (rows <= 10_000) return { cs: 50, native: 7 };
  if (rows <= 100_000) return { cs: 21, native: 5 };
  return { cs: 25, native: 3 };
}

async function median(Bench, name, iterations, fn, hooks = {}) {
  const bench = new Bench({
    time: 0,
    iterations,
    warmupIterations: 2,
    warmupTime: 0,
    throws: true,
  });
  // Each task starts on a collected heap (npm run bench passes --expose-gc), so it
  // pays for its own garbage, not for what the task before it left behind.
  const collect = typeof globalThis.gc === "function" ? () => globalThis.gc() : () => undefined;
  bench.add(name, fn, { ...hooks, beforeAll: collect });
  await bench.run();
  const task = bench.tasks[0];
  if (!task.result || !task.result.latency) fail(`${name} produced no timing.`);
  return task.result.latency.p50;
}

module.exports = { samplesFor, median };
