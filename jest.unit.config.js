/**
 * `npm run test:unit`: the pure and formula-level tests, while you work.
 * Everything that starts a browser, LibreOffice, the built command, nginx or a
 * production build, takes whole workbooks or generated export files through
 * plan and recalc, plans a large export, starts Node per time zone, reads 150
 * damaged workbooks or generates 110,000 property cases is left to `npm test`,
 * which runs it all (CI runs `npm test`).
 * @type {import("jest").Config}
 */
const os = require("os");
const base = require("./jest.config");

module.exports = {
  ...base,
  // Jest's default, one worker fewer than the cores, runs everything in one
  // process on a 2-core machine; the second core halves the wall time there.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  // Transpile only: the type check is `npm run lint` (tsc --noEmit) and the full
  // `npm test`; checking every test file's types again here costs most of the time.
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: { isolatedModules: true } }] },
  testPathIgnorePatterns: [
    "/node_modules/",
    "<rootDir>/test/browser/", // the task pane in Chromium
    "<rootDir>/test/build/", // the production webpack bundle
    "<rootDir>/test/deploy/", // a production build served by nginx
    "<rootDir>/test/manifest.test.ts", // xmllint over Microsoft's schemas
    "<rootDir>/test/cli/plan-libreoffice.test.ts", // LibreOffice Calc headless
    "-large\\.test\\.ts$", // scale tests: 70,000-row plans, 300,000 formulas through the pane
    // Whole workbooks through plan and recalc, checked part by part and by validate-xlsx (xmllint):
    "<rootDir>/test/cli/plan-validate.test.ts",
    "<rootDir>/test/cli/plan-cached-values.test.ts",
    "<rootDir>/test/cli/recalc-excel-saved.test.ts",
    "<rootDir>/test/cli/recalc-model.test.ts",
    "<rootDir>/test/cli/recalc-cases.test.ts",
    "<rootDir>/test/cli/plan-same-output.test.ts",
    "<rootDir>/test/cli/plan-excel-saved.test.ts", // every sheet of 24 saved workbooks
    // Generated exports written as .csv and .xlsx files, through both front ends:
    "<rootDir>/test/plan/exports-plan.test.ts",
    "<rootDir>/test/plan/exports-read.test.ts",
    "<rootDir>/test/hostile/cli-files.test.ts", // the built command in child processes
    "<rootDir>/test/cli/data-time-zones.test.ts", // the loader in a Node process per time zone
    "<rootDir>/test/cli/data-xlsx-damaged.test.ts", // 150 damaged workbooks read one by one
    // Property tests: thousands of generated cases each (fast-check), 110,000 in excel-inputs:
    "\\.property\\.test\\.ts$",
  ],
};
