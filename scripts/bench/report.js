"use strict";
/** The printed table and the targets it is read against. */

const TARGETS = {
  rows: 1_000_000,
  maxMs: 50,
  minRatio: 5,
  functions: [
    "CS.TIER",
    "CS.REQUIRED_CSMS",
    "CS.COVERAGE_PLAN",
    "CS.EXPANSION_SPLIT",
    "CS.VARIABLE_PAYOUT",
  ],
  bundleBytes: 60 * 1024,
  registerMs: 50,
};

function ms(value) {
  if (value === null) return "";
  if (value < 1) return `${value.toFixed(3)} ms`;
  if (value < 100) return `${value.toFixed(1)} ms`;
  return `${Math.round(value).toLocaleString("en-US")} ms`;
}

/** The native column: its text is a note when there is no native figure. */
const NATIVE = 4;

function table(report) {
  const lines = [];
  const header = ["function", "rows", "CS median", "CPU median", "native median", "native / CS"];
  const body = report.results.map((r) => [
    r.name,
    r.rows === null ? "" : r.rows.toLocaleString("en-US"),
    ms(r.median_ms),
    ms(r.cpu_median_ms ?? null),
    r.native_median_ms === null ? `n/a (${r.native_note})` : ms(r.native_median_ms),
    r.native_median_ms === null
      ? ""
      : `${Math.round(r.native_median_ms / r.median_ms).toLocaleString("en-US")}x`,
  ]);
  const isNote = (cell, i) => i === NATIVE && cell.startsWith("n/a");
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => (isNote(row[i], i) ? 0 : row[i].length)))
  );
  const pad = (row) =>
    row
      .map((cell, i) =>
        i === 0 ? cell.padEnd(widths[i]) : isNote(cell, i) ? cell : cell.padStart(widths[i])
      )
      .join("  ")
      .trimEnd();
  lines.push(pad(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(pad));
  lines.push("", loadLine(report.load));
  if (report.functions_bundle_bytes === null) return lines.join("\n");
  lines.push("");
  lines.push(
    `Functions bundle: dist/functions.js ${report.functions_bundle_bytes.toLocaleString("en-US")} bytes (${(report.functions_bundle_bytes / 1024).toFixed(1)} KiB)`
  );
  lines.push(
    `Registered: ${ms(report.register_ms)} from the start of dist/functions.js to the last of its ${report.register.functions} CustomFunctions.associate calls (median of ${report.register.runs} cold page loads, Chromium ${report.register.browser})`
  );
  lines.push("");
  lines.push(...targetLines(report));
  return lines.join("\n");
}

/** The machine's load while the table was measured: on a shared machine, read the figures with it. */
function loadLine(load) {
  const three = (values) => values.map((v) => v.toFixed(2)).join(", ");
  return `Load average (1, 5, 15 min) on ${load.cpus} CPUs: ${three(load.start)} at the start, ${three(load.end)} at the end. CPU median: process.cpuUsage per call, garbage collector threads included.`;
}

function targetLines(report) {
  const lines = ["Targets:"];
  const mark = (ok) => (ok ? "met   " : "MISSED");
  for (const name of TARGETS.functions) {
    const r = report.results.find((x) => x.name === name && x.rows === TARGETS.rows);
    if (!r) continue;
    lines.push(
      `  ${mark(r.median_ms <= TARGETS.maxMs)} ${name} at 1M rows within ${TARGETS.maxMs} ms: ${ms(r.median_ms)}`
    );
    const largest = report.results
      .filter((x) => x.name === name && x.native_median_ms !== null)
      .sort((a, b) => b.rows - a.rows)[0];
    if (largest) {
      const ratio = largest.native_median_ms / largest.median_ms;
      lines.push(
        `  ${mark(ratio >= TARGETS.minRatio)} ${name} at least ${TARGETS.minRatio}x faster than native: ${Math.round(ratio).toLocaleString("en-US")}x at ${largest.rows.toLocaleString("en-US")} rows (the largest size run natively)`
      );
    }
  }
  lines.push(
    `  ${mark(report.functions_bundle_bytes <= TARGETS.bundleBytes)} functions bundle at most 60 KiB`
  );
  lines.push(
    `  ${mark(report.register_ms <= TARGETS.registerMs)} registered within ${TARGETS.registerMs} ms of the bundle's start`
  );
  return lines;
}

module.exports = { table };
