/**
 * Prints one closing line "tests: N passed, N failed" after Jest's own
 * summary, in the plain form CI reads to count what ran.
 */
"use strict";

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line =
      `tests: ${results.numPassedTests} passed, ${failed} failed` +
      (skipped > 0 ? `, ${skipped} skipped` : "");
    // Jest prints its own summary and "Ran all test suites." after the reporters
    // run; printing on exit keeps this line last. Writes to pipes and files are
    // synchronous on Linux, so nothing is lost at exit.
    process.once("exit", () => process.stdout.write(`${line}\n`));
  }
}

module.exports = SummaryReporter;
