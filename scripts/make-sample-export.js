#!/usr/bin/env node
/**
 * Writes assets/sample-crm-export.csv: a synthetic Salesforce-style account
 * export (no real company or person) with the mess real exports have:
 * currency text, "80k", blanks, a few junk and negative ACVs, mixed date
 * formats, and an "Annual Revenue" column that is the customer's company
 * revenue, not ACV. Deterministic (seeded), so the file and every number
 * derived from it are reproducible: `node scripts/make-sample-export.js`.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const Papa = require("papaparse");
const { seededRandom } = require("./seeded-random");

const ROWS = 2500;
const SEED = 20270101;
/** The generator in use: makeRows starts it again from its seed. */
let random = seededRandom(SEED);
const pick = (list) => list[Math.floor(random() * list.length)];

const PREFIXES = [
  "Blue",
  "North",
  "Summit",
  "Bright",
  "Cedar",
  "Harbor",
  "Iron",
  "Maple",
  "Nova",
  "Quartz",
  "River",
  "Silver",
  "Stone",
  "Vertex",
  "Willow",
  "Zenith",
];
const SUFFIXES = [
  "Analytics",
  "Logistics",
  "Health",
  "Foods",
  "Robotics",
  "Energy",
  "Labs",
  "Retail",
  "Capital",
  "Systems",
  "Media",
  "Works",
];
const FORMS = ["Inc.", "LLC", "Ltd", "GmbH", "Co.", "Group"];
const OWNERS = [
  "Avery Chen",
  "Jordan Patel",
  "Sam Okafor",
  "Riley Novak",
  "Casey Morgan",
  "Dana Ruiz",
  "Morgan Lee",
  "Taylor Brooks",
  "Quinn Adler",
  "Jamie Sato",
  "Alex Romero",
  "Drew Kowalski",
];
const INDUSTRIES = [
  "Healthcare",
  "Financial Services",
  "Retail",
  "Manufacturing",
  "Software",
  "Education",
  "Logistics",
  "Media",
];

/** ACV by tier mix: roughly 40% tech-touch, 25% pooled, 15% mid-market, 12% enterprise, 8% strategic. */
function acvValue() {
  const r = random();
  const band =
    r < 0.4
      ? [1_000, 14_999]
      : r < 0.65
        ? [15_000, 49_999]
        : r < 0.8
          ? [50_000, 99_999]
          : r < 0.92
            ? [100_000, 249_999]
            : [250_000, 900_000];
  return Math.round((band[0] + random() * (band[1] - band[0])) / 100) * 100;
}

function messyAcv(value) {
  const r = random();
  if (r < 0.02) return ""; // blank
  if (r < 0.03) return pick(["N/A", "TBD", "-", "see contract"]); // junk
  if (r < 0.035) return `(${value.toLocaleString("en-US")})`; // a credit note, negative
  if (r < 0.6) return String(value);
  if (r < 0.75) return `$${value.toLocaleString("en-US")}.00`;
  if (r < 0.85)
    return value % 1000 === 0 ? `${value / 1000}k` : `$${value.toLocaleString("en-US")}`;
  if (r < 0.92) return `USD ${value.toLocaleString("en-US")}`;
  return ` ${value} `;
}

function isoDate(daysBeforeAsOf) {
  const asOf = Date.UTC(2026, 10, 1); // 2026-11-01
  return new Date(asOf - daysBeforeAsOf * 86_400_000).toISOString().slice(0, 10);
}

function lastActivity() {
  const r = random();
  if (r < 0.08) return ""; // never touched
  const iso = isoDate(Math.floor(random() * 400));
  if (r < 0.2) {
    const [y, m, d] = iso.split("-");
    return `${Number(m)}/${Number(d)}/${y}`; // US-format dates from a second system
  }
  return iso;
}

const HEADER = [
  "Account ID",
  "Account Name",
  "Account Owner",
  "Industry",
  "Annual Revenue",
  "ACV",
  "Last Activity",
  "Billing Country",
];

/** The export's rows (header first): `count` accounts from the seeded generator. */
function makeRows(count = ROWS, startSeed = SEED) {
  random = seededRandom(startSeed);
  const rows = [HEADER];
  for (let i = 1; i <= count; i++) {
    const acv = acvValue();
    const revenue = Math.round((acv * (40 + random() * 400)) / 1000) * 1000; // company revenue dwarfs ACV
    rows.push([
      `001${String(i).padStart(6, "0")}`,
      `${pick(PREFIXES)} ${pick(SUFFIXES)} ${pick(FORMS)}`,
      pick(OWNERS),
      pick(INDUSTRIES),
      random() < 0.5 ? `$${revenue.toLocaleString("en-US")}` : String(revenue),
      messyAcv(acv),
      lastActivity(),
      pick([
        "United States",
        "United States",
        "United States",
        "Canada",
        "United Kingdom",
        "Germany",
      ]),
    ]);
  }
  return rows;
}

/** The export as CSV text, exactly as the shipped sample is written. */
function makeCsv(count = ROWS, startSeed = SEED) {
  return Papa.unparse(makeRows(count, startSeed), { newline: "\r\n" }) + "\r\n";
}

module.exports = { makeRows, makeCsv };

if (require.main === module) {
  const file = path.join(__dirname, "..", "assets", "sample-crm-export.csv");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, makeCsv());
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)} (${ROWS} accounts)\n`);
}
