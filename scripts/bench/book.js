"use strict";
/** The data: a seeded book of business, the same on every run. */
const { seededRandom } = require("../seeded-random");

/**
 * Columns as Excel hands them to a custom function: one-cell rows of plain
 * numbers. ACVs spread log-uniformly from $1,000 to $1,000,000 (every tier
 * well populated), whole dollars; retention and MBO as fractions to 4 places.
 * Each column is built in one go, as Excel builds each argument's array when
 * it calls the function: rows of different columns interleaved in memory
 * would make every function look slower than it is in Excel.
 */
function makeBook(rows) {
  const random = seededRandom(20261201);
  const column = (cell) => {
    const out = new Array(rows);
    for (let r = 0; r < rows; r++) out[r] = [cell(r)];
    return out;
  };
  const logUniform = (lo, hi) => Math.round(Math.exp(Math.log(lo) + random() * Math.log(hi / lo)));
  const fraction = (lo, hi) => Math.round((lo + random() * (hi - lo)) * 1e4) / 1e4;
  const acv = column(() => logUniform(1_000, 1_000_000));
  const expansion = column(() => logUniform(1_000, 300_000));
  const grr = column(() => fraction(0.85, 1));
  // NRR is GRR plus 0 to 40 points of expansion.
  const nrr = column((r) => Math.round((grr[r][0] + random() * 0.4) * 1e4) / 1e4);
  const mbo = column(() => fraction(0, 1));
  return { rows, acv, expansion, grr, nrr, mbo };
}

module.exports = { makeBook };
