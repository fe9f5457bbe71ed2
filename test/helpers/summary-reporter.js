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
    process.stdout.write(`${line}\n`);
  }
}

module.exports = SummaryReporter;
