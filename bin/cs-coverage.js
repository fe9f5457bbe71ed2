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
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
