/** Types for scripts/seeded-random.js (plain JavaScript so the scripts require it directly). */

export function seededRandom(seed: number): () => number;
