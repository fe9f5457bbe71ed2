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

/**
 * The median wall time of `fn` (tinybench's p50) and the median CPU time of
 * the process over the same calls (process.cpuUsage: the garbage collector's
 * threads included). On a shared machine the wall time counts the time the
 * others held the CPU; the CPU time does not, though it still grows with
 * them (shared caches and memory).
 */
async function median(Bench, name, iterations, fn, hooks = {}) {
  const cpu = [];
  const timed = () => {
    const start = process.cpuUsage();
    const result = fn();
    const used = process.cpuUsage(start);
    cpu.push((used.user + used.system) / 1000);
    return result;
  };
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
  bench.add(name, timed, { ...hooks, beforeAll: collect });
  await bench.run();
  const task = bench.tasks[0];
  if (!task.result || !task.result.latency) fail(`${name} produced no timing.`);
  // The warm-up calls come first.
  const measured = cpu.slice(-iterations).sort((a, b) => a - b);
  return { wall: task.result.latency.p50, cpu: measured[Math.floor(measured.length / 2)] };
}

module.exports = { samplesFor, median };
