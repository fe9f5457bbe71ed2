/**
 * Prints one closing line "tests: N passed, N failed" after Jest's own
 * summary, in the plain form CI reads to count what ran; with the number of
 * cases the property tests generated when any ran.
 */
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");

/** Must match PROPERTY_SEED in test/helpers/generated-cases.ts. */
const PROPERTY_SEED = 20261122;

class SummaryReporter {
  constructor() {
    // One file per run, named before any test worker is started so every worker inherits it.
    this.casesFile = path.join(os.tmpdir(), `cs-coverage-cases-${process.pid}-${Date.now()}.txt`);
    process.env.CS_COVERAGE_CASES_FILE = this.casesFile;
  }

  generatedCases() {
    try {
      const lines = fs.readFileSync(this.casesFile, "utf8").split("\n");
      fs.rmSync(this.casesFile, { force: true });
      return lines.reduce((sum, line) => sum + (Number(line) || 0), 0);
    } catch {
      return 0;
    }
  }

  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const cases = this.generatedCases();
    const line =
      `tests: ${results.numPassedTests} passed, ${failed} failed` +
      (skipped > 0 ? `, ${skipped} skipped` : "") +
      (cases > 0 ? `, ${cases} generated cases (seed ${PROPERTY_SEED})` : "");
    // Jest prints its own summary and "Ran all test suites." after the reporters
    // run; printing on exit keeps this line last. Writes to pipes and files are
    // synchronous on Linux, so nothing is lost at exit.
    process.once("exit", () => process.stdout.write(`${line}\n`));
  }
}

module.exports = SummaryReporter;
