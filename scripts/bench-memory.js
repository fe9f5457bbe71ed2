#!/usr/bin/env node
/**
 * Peak memory of `cs-coverage eval --data` on a million-row CRM export (not a
 * test: a measurement). Writes a seeded 1,000,000-row, 6-column CSV under the
 * temp folder once, runs the built command (npm run build:cli) with
 * CS_COVERAGE_REPORT_RSS=1 and prints the peak resident memory and the time.
 * Exits 1 when the peak is above the 1 GiB budget.
 *
 *   node scripts/bench-memory.js [rows]
 */
"use strict";

const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROWS = Number(process.argv[2] ?? 1_000_000);
const BUDGET_MIB = 1024;
const BIN = path.join(__dirname, "..", "bin", "cs-coverage.js");
const file = path.join(os.tmpdir(), `cs-coverage-bench-${ROWS}.csv`);

function writeExport() {
  if (fs.existsSync(file)) return;
  const fd = fs.openSync(file, "w");
  let chunk = "Account,ACV,Annual Revenue,Owner,Region,Notes\n";
  for (let i = 0; i < ROWS; i++) {
    const acv = (i * 7919) % 400_000;
    // Every fifth ACV as CRM currency text, as exports mix them.
    const shown = i % 5 === 0 ? `"$${acv.toLocaleString("en-US")}"` : String(acv);
    chunk += `Acct ${i},${shown},${acv * 40},Owner ${i % 50},EMEA,note ${i}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = "";
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

function measure(formula) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [BIN, "eval", "--data", file, formula], {
    encoding: "utf8",
    env: { ...process.env, CS_COVERAGE_REPORT_RSS: "1" },
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peak = /peak RSS (\d+) MiB/.exec(result.stderr);
  if (result.status !== 0 || !peak) {
    process.stderr.write(`failed (exit ${result.status}): ${result.stderr}\n`);
    process.exit(2);
  }
  return { formula, result: result.stdout.trim().slice(0, 40), peakMiB: Number(peak[1]), seconds };
}

writeExport();
const last = ROWS + 1;
const runs = [
  measure(`=CS.REQUIRED_CSMS(B2:B${last})`),
  measure(`=CS.REQUIRED_HEADCOUNT(B2:B${last}, "AM")`),
];
let over = false;
for (const run of runs) {
  over ||= run.peakMiB > BUDGET_MIB;
  process.stdout.write(
    `${ROWS.toLocaleString("en-US")} rows  ${run.formula}  -> ${run.result}  peak ${run.peakMiB} MiB  ${run.seconds.toFixed(1)} s\n`
  );
}
process.stdout.write(`budget ${BUDGET_MIB} MiB: ${over ? "OVER" : "within"}\n`);
process.exit(over ? 1 : 0);
