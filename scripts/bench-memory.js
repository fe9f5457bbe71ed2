#!/usr/bin/env node
/**
 * Peak memory of `cs-coverage eval --data` and of `cs-coverage plan` on a
 * million-row CRM export (not a test: a measurement). Writes a seeded
 * 1,000,000-row, 6-column CSV under the temp folder once for eval, and a
 * 1,000,000-row export made by the sample generator (scripts/make-sample-export.js:
 * messy ACVs, owners, last-activity dates) for plan, both also as .xlsx
 * workbooks typed the way Excel types what it opens (numbers, dates, shared
 * strings); runs the built command
 * (npm run build:cli) with CS_COVERAGE_REPORT_RSS=1 and prints the peak
 * resident memory and the time. Exits 1 when a peak is above the 1 GiB budget.
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

const planFile = path.join(os.tmpdir(), `cs-coverage-bench-plan-${ROWS}.csv`);

function writePlanExport() {
  if (fs.existsSync(planFile)) return;
  const { makeCsv } = require("./make-sample-export");
  fs.writeFileSync(planFile, makeCsv(ROWS));
}

/** The eval export's rows as fields (header first), as the CSV above holds them. */
function* evalRows() {
  yield ["Account", "ACV", "Annual Revenue", "Owner", "Region", "Notes"];
  for (let i = 0; i < ROWS; i++) {
    const acv = (i * 7919) % 400_000;
    const shown = i % 5 === 0 ? `$${acv.toLocaleString("en-US")}` : String(acv);
    yield [`Acct ${i}`, shown, String(acv * 40), `Owner ${i % 50}`, "EMEA", `note ${i}`];
  }
}

const xlsxFile = path.join(os.tmpdir(), `cs-coverage-bench-${ROWS}.xlsx`);
const planXlsxFile = path.join(os.tmpdir(), `cs-coverage-bench-plan-${ROWS}.xlsx`);

/**
 * An export as an Excel workbook, written with ExcelJS's streaming writer:
 * each cell typed as Excel types the CSV (lib/cli/data's rules), dates with a
 * date format, texts as shared strings, as Excel saves them.
 */
async function writeXlsx(target, rows) {
  if (fs.existsSync(target)) return;
  const ExcelJS = require("exceljs");
  const { typePastedText } = require("../lib/cli/data");
  const partial = `${target}.${process.pid}.tmp`;
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: partial,
    useSharedStrings: true,
  });
  const sheet = book.addWorksheet("Accounts");
  const looksLikeDate = /^\d{4}-\d{2}-\d{2}$|^\d{1,2}\/\d{1,2}\/\d{4}$/;
  for (const fields of rows) {
    const row = sheet.addRow(fields.map((text) => typePastedText(text)));
    fields.forEach((text, i) => {
      if (looksLikeDate.test(text)) row.getCell(i + 1).numFmt = "yyyy-mm-dd";
    });
    row.commit();
  }
  await sheet.commit();
  await book.commit();
  fs.renameSync(partial, target);
}

/** Runs the built command with its peak-memory line on; the peak and the time. */
function run(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [BIN, ...args], {
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
  return { stdout: result.stdout, peakMiB: Number(peak[1]), seconds };
}

function measure(formula, data = file) {
  const { stdout, peakMiB, seconds } = run(["eval", "--data", data, formula]);
  const what = `${path.extname(data).slice(1)} ${formula}`;
  return { what, result: stdout.trim().slice(0, 40), peakMiB, seconds };
}

function measurePlan(input = planFile) {
  const output = path.join(os.tmpdir(), `cs-coverage-bench-plan-${ROWS}-out.xlsx`);
  try {
    const { stdout, peakMiB, seconds } = run(["plan", input, "-o", output, "--json"]);
    const accounts = JSON.parse(stdout).total.accounts;
    const size = fs.statSync(output).size / (1024 * 1024);
    return {
      what: `${path.extname(input).slice(1)} plan`,
      result: `${accounts.toLocaleString("en-US")} accounts, workbook ${size.toFixed(0)} MiB`,
      peakMiB,
      seconds,
    };
  } finally {
    fs.rmSync(output, { force: true });
  }
}

async function main() {
  writeExport();
  writePlanExport();
  await writeXlsx(xlsxFile, evalRows());
  await writeXlsx(planXlsxFile, require("./make-sample-export").makeRows(ROWS));
  const last = ROWS + 1;
  const measurements = [
    () => measure(`=CS.REQUIRED_CSMS(B2:B${last})`),
    () => measure(`=CS.REQUIRED_HEADCOUNT(B2:B${last}, "AM")`),
    () => measurePlan(),
    () => measure(`=CS.REQUIRED_CSMS(B2:B${last})`, xlsxFile),
    () => measurePlan(planXlsxFile),
  ];
  let over = false;
  for (const next of measurements) {
    const measured = next();
    over ||= measured.peakMiB > BUDGET_MIB;
    process.stdout.write(
      `${ROWS.toLocaleString("en-US")} rows  ${measured.what}  -> ${measured.result}  peak ${measured.peakMiB} MiB  ${measured.seconds.toFixed(1)} s\n`
    );
  }
  process.stdout.write(`budget ${BUDGET_MIB} MiB: ${over ? "OVER" : "within"}\n`);
  process.exit(over ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(2);
});
