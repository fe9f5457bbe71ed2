#!/usr/bin/env node
/**
 * npm start / start:web / stop: Microsoft's office-addin-debugging (starts
 * the dev server, sideloads manifest.xml into Excel, stops both), when it is
 * installed. It is an optional dependency: through office-addin-dev-settings
 * it needs keytar, a native module that builds against libsecret when its
 * prebuilt binary cannot be downloaded, and a bare machine has neither. npm ci
 * then leaves it out and everything else works; this says what to install.
 *
 *   node scripts/sideload.js start manifest.xml desktop   (arguments go to office-addin-debugging)
 */
"use strict";
const { spawnSync } = require("child_process");

function debuggingCli() {
  try {
    return require.resolve("office-addin-debugging/cli.js");
  } catch {
    return null;
  }
}

function main(args) {
  const cli = debuggingCli();
  if (!cli) {
    console.error(
      "npm start needs office-addin-debugging, which npm ci left out because its keytar needs libsecret: install it (Debian/Ubuntu: sudo apt-get install libsecret-1-dev pkg-config) and run npm ci again, or run npm run dev-server and sideload manifest.xml by hand."
    );
    return 1;
  }
  const run = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit" });
  if (run.error) throw run.error;
  return run.status ?? 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { main };
