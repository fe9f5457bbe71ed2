/**
 * The compiled docs renderer (lib/docs/sources.js, built from src/docs by
 * `npm run build:cli` with the rest of the Node side), for `npm run docs` and
 * the webpack build's functions.html. A missing lib/ is a clear error.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const SOURCES = path.join(__dirname, "..", "lib", "docs", "sources.js");

/** lib/docs/sources.js's exports; throws naming the fix when lib/ has not been built. */
function loadDocs() {
  if (!fs.existsSync(SOURCES))
    throw new Error(
      `${path.relative(process.cwd(), SOURCES)} is missing: run npm run build:cli (npm ci runs it)`
    );
  return require(SOURCES);
}

module.exports = { loadDocs };
