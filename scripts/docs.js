#!/usr/bin/env node
/**
 * npm run docs: regenerates docs/functions.md from the functions' JSDoc
 * (src/docs/reference.ts renders it, compiled into lib/ by npm run build:cli,
 * which `npm run docs` runs first; the webpack build renders functions.html
 * from the same code). test/docs checks that the committed file is current.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { loadDocs } = require("./docs-lib");

let docs;
try {
  docs = loadDocs();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
docs
  .buildReference()
  .then((reference) => {
    fs.mkdirSync(path.dirname(docs.MARKDOWN_FILE), { recursive: true });
    fs.writeFileSync(docs.MARKDOWN_FILE, reference.markdown);
    if (!docs.readContract())
      process.stderr.write(
        `note: no FUNCTIONS.md in ${docs.domainDir()}: functions listed in catalog order, without MODEL.md sections\n`
      );
    process.stdout.write(`wrote ${path.relative(process.cwd(), docs.MARKDOWN_FILE)}\n`);
  })
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
