#!/usr/bin/env node
/**
 * npm run bench: how fast the CS functions are at the size of a real book of
 * business, beside the same job done with native formulas.
 *
 *   node scripts/bench.js              builds lib/ and dist/, then prints a table
 *   node scripts/bench.js --json       one JSON document on stdout (build output goes to stderr)
 *   node scripts/bench.js --quick      a smoke run: 10,000 rows, few iterations, 1 page load
 *   node scripts/bench.js --no-build   uses lib/ and dist/ as they are
 *   node scripts/bench.js --native-max 1000000   runs the native formulas at larger sizes too
 *   node scripts/bench.js --only CS.EXPANSION_SPLIT,CS.VARIABLE_PAYOUT --rows 1000000
 *                                      times just those functions and the reference lines at that size (no bundle, no plan)
 *
 * For 10k, 100k and 1M rows it times CS.TIER, CS.REQUIRED_CSMS,
 * CS.COVERAGE_PLAN, CS.EXPANSION_SPLIT and CS.VARIABLE_PAYOUT through the
 * Excel adapter path: the exported functions of src/functions (compiled to
 * lib/) called with a column shaped as Excel sends it ([[80000],[12000],...])
 * and returning the array Excel spills. Beside each, the analyst's way without
 * the add-in, in HyperFormula (the engine of the cs-coverage command): an IFS
 * per row for tiers, COUNTIFS/SUMIFS for headcount and the plan, ROUND/IFS
 * per row for the split and the payout curve; the data is in the sheet before
 * the clock starts, and each sample enters the formulas and computes them.
 * Both sides are checked to agree before anything is timed.
 *
 * Then the production functions bundle (dist/functions.js): its size, and the
 * time from the start of its script to its last CustomFunctions.associate
 * call, in Debian's Chromium (playwright-core; no browser download) with
 * CustomFunctions and Office stubbed, served from 127.0.0.1, every other
 * request refused. Median of cold page loads, each in a fresh browser context.
 *
 * If scripts/bench-plan.js exists (`cs-coverage plan` on a 100,000-row export),
 * it is run too and its wall-clock time (one run) is the "plan" line.
 *
 * After the functions at each size, reference lines ("floor: ..."): the
 * least work any function over a column must do (read the column, allocate
 * a new row per output row), to read the functions' lines against.
 *
 * This file runs the jobs in order; each lives in scripts/bench/: cli.js (the
 * options), book.js (the data), native.js (the formulas in HyperFormula),
 * cs.js (the adapter path and the agreement check), floors.js (the reference
 * lines), timing.js, register.js
 * (the bundle in Chromium), plan.js and report.js (the table and targets).
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");
const { readOptions, fail, note } = require("./bench/cli");
const { ROOT, LIB, BUNDLE } = require("./bench/paths");
const { makeBook } = require("./bench/book");
const { nativeFormulas, nativeJobs } = require("./bench/native");
const { csJobs, checkAgreement } = require("./bench/cs");
const { floorJobs } = require("./bench/floors");
const { samplesFor, median } = require("./bench/timing");
const { registerTime } = require("./bench/register");
const { planLine } = require("./bench/plan");
const { table } = require("./bench/report");

function build() {
  note("bench: building lib/ (npm run build:cli) and dist/ (npm run build) ...");
  for (const script of ["build:cli", "build"]) {
    execFileSync("npm", ["run", "--silent", script], { cwd: ROOT, stdio: ["ignore", 2, 2] });
  }
}

async function main() {
  const options = readOptions(process.argv.slice(2));
  if (options.build) build();
  const loadAtStart = os.loadavg();
  if (!fs.existsSync(path.join(LIB, "functions", "segmentation.js")))
    fail("lib/ is missing: run npm run build:cli (or drop --no-build).");
  const { Bench } = await import("tinybench");
  const { HyperFormula } = require("hyperformula");
  const { defaultAssumptions } = require(path.join(LIB, "core", "assumptions", "defaults"));
  const { useAssumptions } = require(path.join(LIB, "functions", "host"));
  const assumptions = defaultAssumptions();
  useAssumptions(assumptions);
  const formulas = nativeFormulas(assumptions);

  const sizes = options.rows
    ? [options.rows]
    : options.quick
      ? [10_000]
      : [10_000, 100_000, 1_000_000];
  const results = [];
  checkAgreement(HyperFormula, makeBook(Math.min(sizes[0], 10_000)), formulas);
  for (const rows of sizes) {
    note(`bench: ${rows.toLocaleString("en-US")} rows ...`);
    const book = makeBook(rows);
    const samples = samplesFor(rows, options.quick);
    const cs = csJobs(book);
    const native = nativeJobs(HyperFormula, book, formulas);
    const names = Object.keys(cs).filter((name) => !options.only || options.only.includes(name));
    if (options.only && names.length < options.only.length)
      fail(`--only names one of: ${Object.keys(cs).join(", ")}.`);
    for (const name of names) {
      const cs_time = await median(Bench, name, samples.cs, cs[name]);
      let native_median_ms = null;
      let native_note = null;
      if (rows <= options.nativeMax) {
        let job = null;
        const native_time = await median(Bench, `${name} native`, samples.native, () => job.run(), {
          beforeEach: () => {
            job = native[name]();
            job.setup();
          },
          afterEach: () => job.teardown(),
        });
        native_median_ms = native_time.wall;
      } else {
        native_note = `not run above ${options.nativeMax.toLocaleString("en-US")} rows: too slow and memory-hungry in HyperFormula; see docs/performance.md`;
      }
      results.push({
        name,
        rows,
        median_ms: cs_time.wall,
        cpu_median_ms: cs_time.cpu,
        native_median_ms,
        native_note,
      });
    }
    // The reference lines, for reading the functions' lines against.
    for (const [name, floor] of Object.entries(floorJobs(book))) {
      const time = await median(Bench, name, samples.cs, floor.run);
      results.push({
        name,
        rows,
        median_ms: time.wall,
        cpu_median_ms: time.cpu,
        native_median_ms: null,
        native_note: floor.note,
      });
    }
  }
  const load = () => ({ cpus: os.cpus().length, start: loadAtStart, end: os.loadavg() });
  if (options.only) {
    // A focused run: the functions asked for and the reference lines, nothing else.
    const only = { results, load: load(), functions_bundle_bytes: null, register_ms: null };
    process.stdout.write(options.json ? `${JSON.stringify(only, null, 2)}\n` : `${table(only)}\n`);
    return;
  }
  const plan = planLine();
  if (plan) results.push({ ...plan, native_note: "one run of cs-coverage plan, not a median" });

  note("bench: timing the functions bundle in Chromium ...");
  const register = await registerTime(options.quick);
  const report = {
    results,
    load: load(),
    functions_bundle_bytes: fs.statSync(BUNDLE).size,
    register_ms: register.ms,
    register,
  };
  if (options.json) {
    const document = {
      results: results.map(({ name, rows, median_ms, cpu_median_ms, native_median_ms }) => ({
        name,
        rows,
        median_ms,
        cpu_median_ms: cpu_median_ms ?? null,
        native_median_ms,
      })),
      load_average: report.load,
      functions_bundle_bytes: report.functions_bundle_bytes,
      register_ms: report.register_ms,
    };
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return;
  }
  const cpu = os.cpus();
  process.stdout.write(
    `CS Coverage benchmark, ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${cpu.length} x ${cpu[0] ? cpu[0].model.trim() : "CPU"}\n` +
      `Median time per call; CS = the Excel adapter (a column in, the spill out); native = the same job in HyperFormula formulas.\n\n` +
      `${table(report)}\n`
  );
}

main().catch((error) => {
  process.stderr.write(`bench: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
