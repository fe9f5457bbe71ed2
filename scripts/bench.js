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
 *                                      times just those functions at that size (no bundle, no plan)
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
 */
"use strict";
// performance is a node global too (URL is declared in eslint.config.mjs); window, document and fetch are used only in the page.
/* global performance, window, document, fetch */
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const LIB = path.join(ROOT, "lib");
const BUNDLE = path.join(ROOT, "dist", "functions.js");
const CHROMIUM = "/usr/bin/chromium";
const PLAN_BENCH = path.join(__dirname, "bench-plan.js");

const HELP = `Usage: node scripts/bench.js [--json] [--quick] [--no-build] [--native-max ROWS] [--only CS.NAME,...] [--rows ROWS]`;

function parseArgs(argv) {
  const options = {
    json: false,
    quick: false,
    build: true,
    nativeMax: 100_000,
    only: null,
    rows: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") options.json = true;
    else if (arg === "--quick") options.quick = true;
    else if (arg === "--no-build") options.build = false;
    else if (arg === "--native-max") {
      const rows = Number(argv[++i]);
      if (!Number.isInteger(rows) || rows < 0) fail(`--native-max takes a whole number of rows.`);
      options.nativeMax = rows;
    } else if (arg === "--rows") {
      const rows = Number(argv[++i]);
      if (!Number.isInteger(rows) || rows < 1) fail(`--rows takes a whole number of rows.`);
      options.rows = rows;
    } else if (arg === "--only") {
      options.only = String(argv[++i] ?? "")
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean);
    } else if (arg === "--help" || arg === "-h") {
      process.stdout.write(`${HELP}\n`);
      process.exit(0);
    } else fail(`Unknown option ${arg}. ${HELP}`);
  }
  return options;
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

/** Progress and build output go to stderr, so --json leaves one document on stdout. */
function note(message) {
  process.stderr.write(`${message}\n`);
}

function build() {
  note("bench: building lib/ (npm run build:cli) and dist/ (npm run build) ...");
  for (const script of ["build:cli", "build"]) {
    execFileSync("npm", ["run", "--silent", script], { cwd: ROOT, stdio: ["ignore", 2, 2] });
  }
}

// ---------------------------------------------------------------------------
// Data: a seeded book of business, the same on every run.

/** A small seeded generator (mulberry32): the benchmark data never changes between runs. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Columns as Excel hands them to a custom function: one-cell rows of plain
 * numbers. ACVs spread log-uniformly from $1,000 to $1,000,000 (every tier
 * well populated), whole dollars; retention and MBO as fractions to 4 places.
 * Each column is built in one go, as Excel builds each argument's array when
 * it calls the function: rows of different columns interleaved in memory
 * would make every function look slower than it is in Excel.
 */
function makeBook(rows) {
  const random = seeded(20261201);
  const column = (cell) => {
    const out = new Array(rows);
    for (let r = 0; r < rows; r++) out[r] = [cell(r)];
    return out;
  };
  const logUniform = (lo, hi) => Math.round(Math.exp(Math.log(lo) + random() * Math.log(hi / lo)));
  const fraction = (lo, hi) => Math.round((lo + random() * (hi - lo)) * 1e4) / 1e4;
  const acv = column(() => logUniform(1_000, 1_000_000));
  const expansion = column(() => logUniform(1_000, 300_000));
  const grr = column(() => fraction(0.85, 1));
  // NRR is GRR plus 0 to 40 points of expansion.
  const nrr = column((r) => Math.round((grr[r][0] + random() * 0.4) * 1e4) / 1e4);
  const mbo = column(() => fraction(0, 1));
  return { rows, acv, expansion, grr, nrr, mbo };
}

// ---------------------------------------------------------------------------
// The analyst's native formulas, written from the same default assumptions.

function nativeFormulas(assumptions) {
  const tiers = [...assumptions.tiers].sort((a, b) => a.min_acv - b.min_acv);
  const bounds = tiers.map((t, i) => ({
    tier: t,
    lo: t.min_acv,
    hi: i + 1 < tiers.length ? tiers[i + 1].min_acv : null,
  }));
  const between = (range, b) =>
    b.hi === null ? `${range},">=${b.lo}"` : `${range},">=${b.lo}",${range},"<${b.hi}"`;
  const x = assumptions.expansion;
  const p = assumptions.payout;
  const w = p.standard;
  const midMarket = assumptions.segments.find((s) => s.name === "Mid-Market");
  const target = midMarket.grr_target;
  return {
    /** Column B: the tier of the ACV in column A, highest minimum first. */
    tier: (r) =>
      `=IFS(${[...bounds]
        .reverse()
        .map((b) => `A${r}>=${b.lo},"${b.tier.name}"`)
        .join(",")})`,
    /** One cell: Σ COUNTIFS(accounts in the tier) / accounts per CSM. */
    requiredCsms: (rows) =>
      `=${bounds.map((b) => `COUNTIFS(${between(`A1:A${rows}`, b)})/${b.tier.csm_ratio}`).join("+")}`,
    /** The plan block: per tier Accounts, ARR, CSMs, AMs, TAMs, ARR per CSM; then Total. */
    coveragePlan: (rows) => {
      const range = `A1:A${rows}`;
      const block = bounds.map((b, i) => {
        const row = i + 1;
        const ratio = (value) => (value === null ? "=0" : `=C${row}/${value}`);
        return [
          b.tier.name,
          `=COUNTIFS(${between(range, b)})`,
          `=SUMIFS(${range},${between(range, b)})`,
          ratio(b.tier.csm_ratio),
          ratio(b.tier.am_ratio),
          ratio(b.tier.tam_ratio),
          `=IF(E${row}=0,"",D${row}/E${row})`,
        ];
      });
      const last = bounds.length;
      const sum = (col) => `=SUM(${col}1:${col}${last})`;
      block.push([
        "Total",
        sum("C"),
        sum("D"),
        sum("E"),
        sum("F"),
        sum("G"),
        `=D${last + 1}/E${last + 1}`,
      ]);
      return block;
    },
    /** Columns B and C: the CSM credit by band, to the cent, and the AE the rest. */
    expansionSplit: (r) => [
      `=ROUND(A${r}*IFS(A${r}<${x.csm_owned_below},1,A${r}<=${x.csm_led_up_to},${x.csm_led_csm_share},TRUE(),${x.ae_led_csm_share}),2)`,
      `=ROUND(A${r}-B${r},2)`,
    ],
    /** Column D: the payout multiple of GRR (A), NRR (B) and MBO (C), Mid-Market, standard plan. */
    variablePayout: (r) => {
      const grrCurve =
        `IFS(A${r}<=${p.grr_floor},${p.floor_multiple},A${r}>=${p.grr_stretch},${p.stretch_multiple},` +
        `A${r}<=${target},${p.floor_multiple}+(A${r}-${p.grr_floor})/(${target}-${p.grr_floor})*(1-${p.floor_multiple}),` +
        `TRUE(),1+(A${r}-${target})/(${p.grr_stretch}-${target})*(${p.stretch_multiple}-1))`;
      const expansionCurve = `MIN(MAX((B${r}-A${r})/${midMarket.expansion_target},0),${p.expansion_cap})`;
      const mboCurve = `MIN(MAX(C${r},0),1)`;
      return `=ROUND(${w.grr_weight}*${grrCurve}+${w.expansion_weight}*${expansionCurve}+${w.mbo_weight}*${mboCurve},12)`;
    },
  };
}

/**
 * One native job: the data goes into a fresh sheet before the clock starts
 * (setup), the timed part enters the formulas and computes them (run), and
 * the engine is dropped afterwards (teardown).
 */
function nativeJob(HyperFormula, data, formulasAt) {
  let hf = null;
  let sheet = 0;
  return {
    setup() {
      hf = HyperFormula.buildFromSheets(
        { Data: data },
        // As the cs-coverage engine is configured, with room for a million rows.
        { licenseKey: "gpl-v3", useArrayArithmetic: true, smartRounding: false, maxRows: 1_048_576 }
      );
      sheet = hf.getSheetId("Data");
    },
    run() {
      const { col, cells } = formulasAt;
      hf.setCellContents({ sheet, col, row: 0 }, cells);
    },
    value(col, row) {
      return hf.getCellValue({ sheet, col, row });
    },
    teardown() {
      hf.destroy();
      hf = null;
    },
  };
}

function nativeJobs(HyperFormula, book, formulas) {
  const n = book.rows;
  const rowsOf = (fn) => Array.from({ length: n }, (_, r) => fn(r + 1));
  const paired = (column, ...more) =>
    column.map((row, r) => [row[0], ...more.map((other) => other[r][0])]);
  return {
    "CS.TIER": () =>
      nativeJob(HyperFormula, book.acv, { col: 1, cells: rowsOf((r) => [formulas.tier(r)]) }),
    "CS.REQUIRED_CSMS": () =>
      nativeJob(HyperFormula, book.acv, { col: 1, cells: [[formulas.requiredCsms(n)]] }),
    "CS.COVERAGE_PLAN": () =>
      nativeJob(HyperFormula, book.acv, { col: 1, cells: formulas.coveragePlan(n) }),
    "CS.EXPANSION_SPLIT": () =>
      nativeJob(HyperFormula, book.expansion, { col: 1, cells: rowsOf(formulas.expansionSplit) }),
    "CS.VARIABLE_PAYOUT": () =>
      nativeJob(HyperFormula, paired(book.grr, book.nrr, book.mbo), {
        col: 3,
        cells: rowsOf((r) => [formulas.variablePayout(r)]),
      }),
  };
}

// ---------------------------------------------------------------------------
// The CS functions through the Excel adapter path.

function csJobs(book) {
  const { tier } = require(path.join(LIB, "functions", "segmentation"));
  const { requiredCsms, coveragePlan } = require(path.join(LIB, "functions", "headcount"));
  const { expansionSplit, variablePayout } = require(path.join(LIB, "functions", "comp"));
  return {
    "CS.TIER": () => tier(book.acv),
    "CS.REQUIRED_CSMS": () => requiredCsms(book.acv),
    "CS.COVERAGE_PLAN": () => coveragePlan(book.acv),
    "CS.EXPANSION_SPLIT": () => expansionSplit(book.expansion),
    "CS.VARIABLE_PAYOUT": () => variablePayout(book.grr, book.nrr, book.mbo),
  };
}

/**
 * Before timing anything: both ways must give the same answers on this
 * data, or the comparison would be of two different jobs.
 */
function checkAgreement(HyperFormula, book, formulas) {
  const cs = csJobs(book);
  const native = nativeJobs(HyperFormula, book, formulas);
  const close = (a, b) =>
    typeof a === "number" &&
    typeof b === "number" &&
    Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  const sample = Math.min(book.rows, 2_000);
  const problems = [];
  const compare = (name, check) => {
    const job = native[name]();
    job.setup();
    job.run();
    const ours = cs[name]();
    for (let r = 0; r < sample; r++) {
      const problem = check(job, ours, r);
      if (problem) {
        problems.push(`${name}: ${problem}`);
        break;
      }
    }
    job.teardown();
  };
  compare("CS.TIER", (job, ours, r) =>
    job.value(1, r) === ours[r][0] ? null : `row ${r + 1}: ${job.value(1, r)} vs ${ours[r][0]}`
  );
  compare("CS.REQUIRED_CSMS", (job, ours, r) =>
    r > 0 || close(job.value(1, 0), ours) ? null : `${job.value(1, 0)} vs ${ours}`
  );
  compare("CS.COVERAGE_PLAN", (job, ours, r) => {
    if (r > 0) return null;
    // Our table has a header row; the analyst's block does not. Accounts, ARR and CSMs per row.
    for (let i = 0; i < ours.length - 1; i++) {
      for (const c of [1, 2, 3]) {
        if (!close(job.value(1 + c, i), ours[i + 1][c]))
          return `plan row ${i + 1}, column ${c + 1}: ${job.value(1 + c, i)} vs ${ours[i + 1][c]}`;
      }
    }
    return null;
  });
  compare("CS.EXPANSION_SPLIT", (job, ours, r) =>
    close(job.value(1, r), ours[r][0]) && close(job.value(2, r), ours[r][1])
      ? null
      : `row ${r + 1}: ${job.value(1, r)}, ${job.value(2, r)} vs ${ours[r]}`
  );
  compare("CS.VARIABLE_PAYOUT", (job, ours, r) =>
    close(job.value(3, r), ours[r][0]) ? null : `row ${r + 1}: ${job.value(3, r)} vs ${ours[r][0]}`
  );
  if (problems.length > 0)
    fail(
      `the CS functions and the native formulas disagree, so the comparison would be unfair:\n  ${problems.join("\n  ")}`
    );
}

// ---------------------------------------------------------------------------
// Timing.

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

// ---------------------------------------------------------------------------
// The functions bundle in Chromium.

async function registerTime(quick) {
  if (!fs.existsSync(BUNDLE))
    fail(`${path.relative(ROOT, BUNDLE)} is missing: run npm run build (or drop --no-build).`);
  if (!fs.existsSync(CHROMIUM))
    fail(
      `no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium), as .ci/run does.`
    );
  const { chromium } = require("playwright-core");
  const expected = JSON.parse(fs.readFileSync(path.join(ROOT, "dist", "functions.json"), "utf8"))
    .functions.length;
  const page = `<!doctype html><meta charset="utf-8"><title>bench</title>`;
  const server = http.createServer((req, res) => {
    if (req.url === "/functions.js") {
      res.writeHead(200, { "Content-Type": "text/javascript" });
      fs.createReadStream(BUNDLE).pipe(res);
    } else {
      res.writeHead(200, { "Content-Type": "text/html" }).end(page);
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
    ],
  });
  const times = [];
  const blocked = [];
  try {
    for (let run = 0; run < (quick ? 1 : 9); run++) {
      // A fresh context each time: a cold page, no code cache from the run before.
      const context = await browser.newContext();
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === "127.0.0.1") return route.continue();
        blocked.push(url.href);
        return route.abort("blockedbyclient");
      });
      const tab = await context.newPage();
      await tab.addInitScript(() => {
        const stub = { calls: 0, last: 0 };
        window.__bench = stub;
        class StubError extends Error {
          constructor(code, message) {
            super(message);
            this.code = code;
          }
        }
        window.CustomFunctions = {
          associate() {
            stub.calls++;
            stub.last = performance.now();
          },
          Error: StubError,
          ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!" },
        };
        window.Office = { onReady: () => Promise.resolve({ host: "Excel" }), context: {} };
      });
      await tab.goto(`${origin}/`);
      const measured = await tab.evaluate(async () => {
        // The bytes are fetched first, so the clock covers parsing, compiling and running the bundle.
        const code = await (await fetch("/functions.js")).text();
        const script = document.createElement("script");
        script.textContent = `${code}\n//# sourceURL=functions.js`;
        const start = performance.now();
        document.head.appendChild(script);
        return { calls: window.__bench.calls, ms: window.__bench.last - start };
      });
      if (measured.calls !== expected)
        fail(
          `functions.js made ${measured.calls} CustomFunctions.associate calls; functions.json lists ${expected}.`
        );
      times.push(measured.ms);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (blocked.length > 0) fail(`the page tried to leave 127.0.0.1: ${blocked.join(", ")}`);
  times.sort((a, b) => a - b);
  return {
    ms: times[Math.floor(times.length / 2)],
    functions: expected,
    runs: times.length,
    browser: browser.version(),
  };
}

// ---------------------------------------------------------------------------
// The optional `cs-coverage plan` benchmark of another script.

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

// ---------------------------------------------------------------------------
// Output.

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

function table(report) {
  const lines = [];
  const header = ["function", "rows", "CS median", "native median", "native / CS"];
  const body = report.results.map((r) => [
    r.name,
    r.rows === null ? "" : r.rows.toLocaleString("en-US"),
    ms(r.median_ms),
    r.native_median_ms === null ? `n/a (${r.native_note})` : ms(r.native_median_ms),
    r.native_median_ms === null
      ? ""
      : `${Math.round(r.native_median_ms / r.median_ms).toLocaleString("en-US")}x`,
  ]);
  const widths = header.map((h, i) =>
    Math.max(
      h.length,
      ...body.map((row) => (i === 3 && row[3].startsWith("n/a") ? 0 : row[i].length))
    )
  );
  const pad = (row) =>
    row
      .map((cell, i) =>
        i === 0
          ? cell.padEnd(widths[i])
          : i === 3 && cell.startsWith("n/a")
            ? cell
            : cell.padStart(widths[i])
      )
      .join("  ")
      .trimEnd();
  lines.push(pad(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(pad));
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

// ---------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.build) build();
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
      const median_ms = await median(Bench, name, samples.cs, cs[name]);
      let native_median_ms = null;
      let native_note = null;
      if (rows <= options.nativeMax) {
        let job = null;
        native_median_ms = await median(Bench, `${name} native`, samples.native, () => job.run(), {
          beforeEach: () => {
            job = native[name]();
            job.setup();
          },
          afterEach: () => job.teardown(),
        });
      } else {
        native_note = `not run above ${options.nativeMax.toLocaleString("en-US")} rows: too slow and memory-hungry in HyperFormula; see README`;
      }
      results.push({ name, rows, median_ms, native_median_ms, native_note });
    }
  }
  if (options.only) {
    // A focused run: the functions asked for, nothing else.
    const only = { results, functions_bundle_bytes: null, register_ms: null };
    process.stdout.write(options.json ? `${JSON.stringify(only, null, 2)}\n` : `${table(only)}\n`);
    return;
  }
  const plan = planLine();
  if (plan) results.push({ ...plan, native_note: "one run of cs-coverage plan, not a median" });

  note("bench: timing the functions bundle in Chromium ...");
  const register = await registerTime(options.quick);
  const report = {
    results,
    functions_bundle_bytes: fs.statSync(BUNDLE).size,
    register_ms: register.ms,
    register,
  };
  if (options.json) {
    const document = {
      results: results.map(({ name, rows, median_ms, native_median_ms }) => ({
        name,
        rows,
        median_ms,
        native_median_ms,
      })),
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
