"use strict";
/** The CS functions through the Excel adapter path, and the check that both ways agree. */
const path = require("path");
const { nativeJobs } = require("./native");
const { fail } = require("./cli");
const { LIB } = require("./paths");

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

module.exports = { csJobs, checkAgreement };
