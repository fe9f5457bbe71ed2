#!/usr/bin/env node
// The compiled command line lives in lib/ (built by `npm run build:cli`, which `npm ci` runs via prepare).
"use strict";
let cli;
try {
  cli = require("../lib/cli/main.js");
} catch {
  process.stderr.write(
    "cs-coverage: the command is not built; run `npm ci` or `npm run build:cli` first\n"
  );
  process.exit(2);
}
let settled = false;
cli.main(process.argv.slice(2)).then((code) => {
  settled = true;
  process.exitCode = code;
});
// A stream that fails without rejecting leaves nothing to wait for: never let that pass as exit 0.
process.once("beforeExit", () => {
  if (settled) return;
  process.stderr.write("cs-coverage: unexpected failure: the command stopped before it finished\n");
  process.exitCode = 1;
});
