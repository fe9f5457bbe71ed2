/**
 * `npm run test:unit`: the pure and formula-level tests, while you work.
 * Everything that starts a browser, LibreOffice, the built command, nginx or a
 * production build, takes whole workbooks or generated export files through
 * plan and recalc, plans a large export, starts Node per time zone, reads 150
 * damaged workbooks or generates property cases is left to `npm test`, which
 * runs it all (CI runs `npm test`).
 *
 * Run by jest-light-runner: each worker is one plain Node process that imports
 * its test files one after another, so modules (HyperFormula and its formula
 * parser above all) load once per worker, not once per file, and code runs
 * without Jest's sandbox, whose every global lookup is slow. tsx compiles the
 * TypeScript (no type check: that is `npm run lint` and `npm test`), and
 * test/helpers/fresh-state.ts puts back, before each file, the state a fresh
 * runtime starts with. `npm test` keeps Jest's isolated sandbox for every file.
 * @type {import("jest").Config}
 */
const os = require("os");
const { pathToFileURL } = require("url");
const base = require("./jest.config");

// The workers are child processes of this one and inherit its environment:
// each registers tsx's loader before it imports a test file.
const tsxLoader = pathToFileURL(require.resolve("tsx")).href;
const tsx = `--import=${tsxLoader}`;
if (!(process.env.NODE_OPTIONS ?? "").includes(tsx))
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} ${tsx}`.trim();

const config = {
  ...base,
  // Jest's default, one worker fewer than the cores, would be one process on a
  // 2-core machine; the second core halves the wall time there.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  // Child processes, not worker threads: a loader given in NODE_OPTIONS reaches them.
  runner: "jest-light-runner/child-process",
  transform: {},
  setupFilesAfterEnv: ["<rootDir>/test/helpers/fresh-state.ts"],
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
    "<rootDir>/test/cli/native-crc32-built.test.ts", // the built command's zip checksums
    "<rootDir>/test/cli/data-time-zones.test.ts", // the loader in a Node process per time zone
    "<rootDir>/test/cli/data-xlsx-damaged.test.ts", // 150 damaged workbooks read one by one
    // Property tests: thousands of generated cases each (fast-check), 110,000 in excel-inputs:
    "\\.property\\.test\\.ts$",
  ],
};

module.exports = async () => {
  // With --runInBand (-i) the runner imports the files into this process instead.
  await import(tsxLoader);
  return config;
};
