/**
 * Mulberry32, a small well-known seeded generator: the same numbers for a
 * seed on every run, so the benchmark's book, the sample export and the
 * tests' generated exports never change between runs.
 */
"use strict";

// Read once: under Jest's sandbox every lookup of a global such as Math costs
// about 0.4 µs, which made the generator most of a generated test's time.
const imul = Math.imul;

/** A generator of numbers in [0, 1) from `seed`. */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

module.exports = { seededRandom };
