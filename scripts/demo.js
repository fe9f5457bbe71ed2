#!/usr/bin/env node
/**
 * The quick-start job: evaluates the headline CS formulas over the shipped
 * sample CRM export with the cs-coverage command, and prints each formula
 * beside its result, as a user would see them in Excel.
 */
"use strict";
const { execFileSync } = require("child_process");
const path = require("path");

const root = path.join(__dirname, "..");
const data = path.join("assets", "sample-crm-export.csv");
// Column F of the sample is ACV; rows 2-2501 are the 2,500 accounts.
const formulas = [
  "=CS.TIER(F2:F8)",
  '=CS.TIER("$80,000")',
  "=CS.REQUIRED_CSMS(F2:F5)",
  "=CS.REQUIRED_CSMS(F2:F2501)",
  "=CS.EXPANSION_SPLIT(60000)",
  '=CS.EXPANSION_SPLIT("$150k", "lead")',
  "=CS.VARIABLE_PAYOUT(0.95, 1.12, 0.9)",
  '=CS.VARIABLE_PAYOUT("97%", "125%", 1, "Enterprise", 0.9, 45000)',
];
const output = execFileSync(
  process.execPath,
  [path.join(root, "bin", "cs-coverage.js"), "eval", "--data", data, ...formulas],
  {
    cwd: root,
    encoding: "utf8",
  }
);
const lines = output.trimEnd().split("\n");
process.stdout.write(`Sample: ${data} (2,500 synthetic accounts; ACV in column F)\n\n`);
formulas.forEach((formula, i) => process.stdout.write(`${formula}\n  -> ${lines[i]}\n`));
