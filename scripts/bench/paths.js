"use strict";
/** Where bench finds what it measures. */
const path = require("path");

const ROOT = path.join(__dirname, "..", "..");

module.exports = {
  ROOT,
  LIB: path.join(ROOT, "lib"),
  BUNDLE: path.join(ROOT, "dist", "functions.js"),
  CHROMIUM: "/usr/bin/chromium",
  PLAN_BENCH: path.join(ROOT, "scripts", "bench-plan.js"),
};
