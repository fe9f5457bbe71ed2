"use strict";
/** The `cs-coverage plan` benchmark of scripts/bench-plan.js, run as one line of the table. */
const fs = require("fs");
const { spawnSync } = require("child_process");
const { note } = require("./cli");
const { ROOT, PLAN_BENCH } = require("./paths");

function planLine() {
  if (!fs.existsSync(PLAN_BENCH)) return null;
  note("bench: running scripts/bench-plan.js ...");
  const run = spawnSync(process.execPath, [PLAN_BENCH], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", 2],
  });
  if (run.status !== 0) {
    note(`bench: scripts/bench-plan.js failed (exit ${run.status}); no plan line.`);
    return null;
  }
  // Its line reads "plan of 100,000 rows: 3.71 s, peak RSS ..." (one run of the command).
  const line = /plan of ([\d,]+) rows: ([\d.]+) s/.exec(run.stdout);
  if (!line) {
    note(`bench: scripts/bench-plan.js printed no "plan of N rows: S s" line; no plan line.`);
    return null;
  }
  return {
    name: "plan",
    rows: Number(line[1].replace(/,/g, "")),
    median_ms: Number(line[2]) * 1000,
    native_median_ms: null,
  };
}

module.exports = { planLine };
