/** @type {import("jest").Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  // Generous per-test limit: CI machines are shared and noisy, and no test here
  // measures speed (that is `npm run bench`); a hang still fails.
  testTimeout: 30_000,
  // TypeScript first: a stray compiled .js beside a .ts must never shadow it.
  moduleFileExtensions: ["ts", "js", "json"],
  // Jest's own summary, then one plain "tests: N passed, N failed" line that CI reads.
  reporters: ["default", "<rootDir>/test/helpers/summary-reporter.js"],
};
