#!/usr/bin/env node
/**
 * npm run bench:plan: plans a 100,000-row CRM export (made by the sample
 * generator's logic, in a temporary directory) with the built cs-coverage
 * command in a child process, and prints the wall-clock seconds and the
 * child's peak resident memory. The target is under 10 s and under 1 GiB.
 * `--rows N` plans N rows instead (npm run bench:plan -- --rows 1000000).
 * A measurement, not a test: it depends on the machine.
 */
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const rowsAt = process.argv.indexOf("--rows");
const ROWS = rowsAt > 0 ? Number(process.argv[rowsAt + 1]) : 100_000;
if (!Number.isInteger(ROWS) || ROWS < 1) {
  process.stderr.write("bench:plan: --rows takes a whole number of rows, such as 1000000\n");
  process.exit(2);
}
const root = path.join(__dirname, "..");

if (process.argv[2] === "--child") {
  // The child: run the command in this process, then report its peak RSS (resourceUsage gives KiB).
  const { main } = require(path.join(root, "lib", "cli", "main.js"));
  const quiet = { out: () => undefined, err: (line) => process.stderr.write(`${line}\n`) };
  main(["plan", process.argv[3], "-o", process.argv[4]], quiet).then((code) => {
    process.stdout.write(JSON.stringify({ code, maxRssKiB: process.resourceUsage().maxRSS }));
  });
} else {
  if (!fs.existsSync(path.join(root, "lib", "cli", "main.js"))) {
    process.stderr.write("bench:plan: build the command first (npm run build:cli)\n");
    process.exit(2);
  }
  const { makeCsv } = require("./make-sample-export");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cs-bench-plan-"));
  try {
    const file = path.join(dir, `export-${ROWS}.csv`);
    fs.writeFileSync(file, makeCsv(ROWS));
    const output = path.join(dir, "plan.xlsx");
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, [__filename, "--child", file, output], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (child.status !== 0 || child.stdout === "") {
      process.stderr.write(child.stderr);
      process.exit(1);
    }
    const { code, maxRssKiB } = JSON.parse(child.stdout);
    if (code !== 0) {
      process.stderr.write(child.stderr);
      process.exit(1);
    }
    const mib = maxRssKiB / 1024;
    const size = fs.statSync(output).size / (1024 * 1024);
    process.stdout.write(
      `plan of ${ROWS.toLocaleString("en-US")} rows: ${seconds.toFixed(2)} s, peak RSS ${mib.toFixed(0)} MiB ` +
        `(target < 10 s, < 1024 MiB); workbook ${size.toFixed(1)} MiB\n`
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
