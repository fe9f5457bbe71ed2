"use strict";
/** bench's command line (util.parseArgs) and how it speaks: errors and progress on stderr. */
const { parseArgs } = require("util");

const HELP = `Usage: node scripts/bench.js [--json] [--quick] [--no-build] [--native-max ROWS] [--only CS.NAME,...] [--rows ROWS]`;

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

/** Progress and build output go to stderr, so --json leaves one document on stdout. */
function note(message) {
  process.stderr.write(`${message}\n`);
}

function readOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        json: { type: "boolean" },
        quick: { type: "boolean" },
        "no-build": { type: "boolean" },
        "native-max": { type: "string" },
        only: { type: "string" },
        rows: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    fail(`${error.message.trimEnd().replace(/\.$/, "")}. ${HELP}`);
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    process.exit(0);
  }
  const options = {
    json: values.json === true,
    quick: values.quick === true,
    build: values["no-build"] !== true,
    nativeMax: 100_000,
    only: null,
    rows: null,
  };
  if (values["native-max"] !== undefined) {
    const rows = Number(values["native-max"]);
    if (!Number.isInteger(rows) || rows < 0) fail(`--native-max takes a whole number of rows.`);
    options.nativeMax = rows;
  }
  if (values.rows !== undefined) {
    const rows = Number(values.rows);
    if (!Number.isInteger(rows) || rows < 1) fail(`--rows takes a whole number of rows.`);
    options.rows = rows;
  }
  if (values.only !== undefined) {
    options.only = values.only
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean);
  }
  return options;
}

module.exports = { readOptions, fail, note };
