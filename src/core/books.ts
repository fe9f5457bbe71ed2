/**
 * Book health (MODEL.md §2): the book-load staffing flag (S0 §7.2: share of
 * CSMs whose book is above 110% of target) and the anchor-and-extend mix
 * (S2: at most 20-30% of a mixed book outside its anchor segment).
 */
import { tidy } from "./money";

/**
 * True when a book is strictly above the limit (threshold x target).
 * 1.1 x 30 is 33.000000000000004 in binary and 1.1 x 50 is 55.00000000000001:
 * a book exactly at the limit is not above it, whichever way the dust falls.
 */
export function isAbove(size: number, limit: number): boolean {
  return size - limit > 1e-9 * Math.max(1, Math.abs(limit));
}

/**
 * Share of books above threshold x target. targets is one target for every
 * book, or one per book (same order). Callers ensure at least one book,
 * targets above 0 and a threshold above 0.
 */
export function bookLoad(
  sizes: readonly number[],
  targets: number | readonly number[],
  threshold: number
): number {
  let above = 0;
  for (let i = 0; i < sizes.length; i++) {
    const target = typeof targets === "number" ? targets : targets[i];
    if (isAbove(sizes[i], threshold * target)) above++;
  }
  return tidy(above / sizes.length);
}

/**
 * Share of a book outside its anchor segment, the segment with the most
 * accounts: 1 - (accounts in the largest segment / all accounts). When two
 * segments tie for the most accounts, either is the anchor and the share is
 * the same. Callers ensure at least one account.
 */
export function bookMix(accountsBySegment: readonly number[]): number {
  let total = 0;
  let largest = 0;
  for (const count of accountsBySegment) {
    total += count;
    if (count > largest) largest = count;
  }
  return tidy((total - largest) / total);
}
