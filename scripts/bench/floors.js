"use strict";
/**
 * Reference lines, not functions: the least work any function must do to
 * answer a column the way Excel calls it, timed like the functions on the
 * same data. Reading a column is one pass over its one-cell rows; a spilled
 * result is one new array per row (Excel's custom-function API takes an
 * array of row arrays, and rows with different numbers cannot be shared).
 * A function's line minus its floor is what it could still save.
 */

/** One pass over a column's cells, as every function over a column makes. */
function readColumns(columns) {
  return () => {
    let sum = 0;
    for (const column of columns) {
      for (let r = 0; r < column.length; r++) sum += column[r][0];
    }
    return sum;
  };
}

/** A new row of `cells` numbers per input row: what a spilled column of numbers allocates. */
function allocateRows(rows, cells) {
  return cells === 1
    ? () => {
        const out = new Array(rows);
        for (let r = 0; r < rows; r++) out[r] = [r * 0.5];
        return out;
      }
    : () => {
        const out = new Array(rows);
        for (let r = 0; r < rows; r++) out[r] = [r * 0.5, r * 0.25];
        return out;
      };
}

/** EXPANSION_SPLIT's floor: read a column, a new row of two numbers per row. */
function readOneWriteTwo(column) {
  return () => {
    const out = new Array(column.length);
    for (let r = 0; r < column.length; r++) {
      const amount = column[r][0];
      out[r] = [amount * 0.7, amount * 0.3];
    }
    return out;
  };
}

/** VARIABLE_PAYOUT's floor: read three columns, a new row of one number per row. */
function readThreeWriteOne(a, b, c) {
  return () => {
    const out = new Array(a.length);
    for (let r = 0; r < a.length; r++) out[r] = [a[r][0] + b[r][0] + c[r][0]];
    return out;
  };
}

/**
 * The reference lines for a book, each with what it stands for (printed in
 * the native column, which they have none of).
 */
function floorJobs(book) {
  const { expansion, grr, nrr, mbo, rows } = book;
  return {
    "floor: read a column": {
      run: readColumns([expansion]),
      note: "reference: one pass over a column's cells",
    },
    "floor: read 3 columns": {
      run: readColumns([grr, nrr, mbo]),
      note: "reference: one pass over three columns",
    },
    "floor: [x] rows": {
      run: allocateRows(rows, 1),
      note: "reference: a new one-number row per row, nothing read",
    },
    "floor: [x, y] rows": {
      run: allocateRows(rows, 2),
      note: "reference: a new two-number row per row, nothing read",
    },
    "floor: 1 column -> [x, y]": {
      run: readOneWriteTwo(expansion),
      note: "reference: the least work of CS.EXPANSION_SPLIT",
    },
    "floor: 3 columns -> [x]": {
      run: readThreeWriteOne(grr, nrr, mbo),
      note: "reference: the least work of CS.VARIABLE_PAYOUT",
    },
  };
}

module.exports = { floorJobs };
