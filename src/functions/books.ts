/**
 * Book health (MODEL.md §2): the book-load staffing flag and the
 * anchor-and-extend mix of one CSM's book.
 */
import { TierAssumption } from "../core/assumptions/types";
import { bookLoad as computeBookLoad, bookMix as computeBookMix } from "../core/books";
import { CsError, Errors } from "../core/errors";
import { Model } from "../core/model";
import { TierTable } from "../core/tiers";
import {
  cellValue,
  inputError,
  isBlank,
  isErrorValue,
  nameKey,
  parseAmount,
  parseNumber,
} from "../core/values";
import { asGrid, Grid, isSingle, locate, width } from "./grid";
import { toHost, withModel } from "./host";
import { readAccountTier, readNonNegativeFraction } from "./read-amounts-and-tiers";
import { oneValue, tierCsmRatio } from "./read-counts-and-ramps";

/** A threshold above this (500%) is almost surely a percentage typed without "%" (110 for 110%). */
const PERCENT_FORM_LIMIT = 5;

/** A book size: a count of accounts, or a book ARR ("$2.5M"); 0 or more; null for a blank. */
function readBookSize(raw: unknown): number | null | CsError {
  raw = cellValue(raw);
  if (isErrorValue(raw)) return inputError("Book size", raw);
  let value = parseNumber(raw, "Book size");
  if (value instanceof CsError) value = parseAmount(raw);
  if (value instanceof CsError) return Errors.notABookSize(raw);
  if (value !== null && value < 0) return Errors.negativeAmount("Book size", value);
  return value;
}

/** A target book: a number above 0 (accounts, or ARR) or a tier name meaning its accounts per CSM. */
function readTarget(model: Model, raw: unknown): number | CsError {
  raw = cellValue(raw);
  if (isErrorValue(raw)) return inputError("Target", raw);
  if (isBlank(raw)) return Errors.blankRequired("Target");
  if (typeof raw === "string" && !(model.tiers instanceof CsError)) {
    if (model.tiers.byTierName(raw)) return tierCsmRatio(model, raw);
  }
  const value = parseAmount(raw);
  if (value instanceof CsError) {
    const names = model.tiers instanceof CsError ? [] : model.tiers.names;
    return typeof raw === "string" ? Errors.unknownTier(raw, names) : value;
  }
  if (value === null) return Errors.blankRequired("Target");
  return value > 0 ? value : Errors.notPositive("Target", value);
}

function readThreshold(grid: Grid | null, fallback: number): number | CsError {
  const raw = oneValue(grid, "threshold");
  if (raw instanceof CsError) return raw;
  const value = readNonNegativeFraction(raw, "Threshold");
  if (value === null) return fallback;
  if (value instanceof CsError) return value;
  if (value === 0) return Errors.notPositive("Threshold", value);
  if (value > PERCENT_FORM_LIMIT)
    return Errors.fractionTooLarge("Threshold", value, PERCENT_FORM_LIMIT);
  return value;
}

/**
 * Share of CSMs whose book is above the load threshold (the workbook's book.load_threshold, 110%) times the target book (S0 §7.2 staffing flag). "Above" is strictly above: at exactly 110% a book is not flagged. Blank cells are skipped (on Excel desktop an empty cell arrives as 0 and counts as an empty book); an unreadable cell is #VALUE! naming it.
 * @customfunction BOOK_LOAD
 * @param book_sizes The size of each CSM's book, one cell per CSM: accounts (or book ARR such as "$2.5M" against an ARR target).
 * @param target The target book: a number, or a tier name meaning that tier's accounts per CSM; or a range with one target per CSM, the shape of book_sizes.
 * @param [threshold] Optional: the load threshold, as 1.1 or "110%"; the workbook's book.load_threshold when omitted.
 * @returns The share of CSMs above the threshold, as a fraction (0.25 = 25%).
 * @example =CS.BOOK_LOAD({30;34;36;40}, "Mid-Market") -> 0.5
 * @example =CS.BOOK_LOAD({30;34;36;40}, 32, "120%") -> 0.25
 */
export function bookLoad(book_sizes: any[][], target: any[][], threshold?: any[][]): any {
  return withModel((model) => {
    const sizes = asGrid(book_sizes) ?? [[null]];
    const targets = asGrid(target) ?? [[null]];
    const cols = width(sizes);
    const perBook = !isSingle(targets);
    if (perBook && (targets.length !== sizes.length || width(targets) !== cols))
      return toHost(
        Errors.shapesDoNotMatch("target", targets.length, width(targets), sizes.length, cols)
      );
    const limit = readThreshold(asGrid(threshold ?? null), model.assumptions.book.load_threshold);
    if (limit instanceof CsError) return toHost(limit);
    const common = perBook ? null : readTarget(model, targets[0][0] ?? null);
    if (common instanceof CsError) return toHost(common);
    const books: number[] = [];
    const bookTargets: number[] = [];
    for (let r = 0; r < sizes.length; r++) {
      const row = sizes[r];
      for (let c = 0; c < cols; c++) {
        const size = readBookSize(c < row.length ? row[c] : null);
        if (size === null) continue;
        if (size instanceof CsError) return toHost(locate(size, "book_sizes", sizes, r, c));
        books.push(size);
        if (perBook) {
          const own = readTarget(model, targets[r][c] ?? null);
          if (own instanceof CsError) return toHost(locate(own, "target", targets, r, c));
          bookTargets.push(own);
        }
      }
    }
    if (books.length === 0) return toHost(Errors.noBooks());
    return toHost(computeBookLoad(books, common ?? bookTargets, limit));
  });
}

/** Each tier's segment as a counting slot: tiers of one segment share a slot. */
function segmentSlots(model: Model, tiers: TierTable<TierAssumption>) {
  const slotOf = new Map<string, number>();
  const slot = (segment: string): number => {
    const key = nameKey(segment);
    let index = slotOf.get(key);
    if (index === undefined) {
      index = slotOf.size;
      slotOf.set(key, index);
    }
    return index;
  };
  const tierSlots = new Map<TierAssumption, number>(tiers.tiers.map((t) => [t, slot(t.segment)]));
  for (const name of model.segmentNames) slot(name);
  return {
    tierSlots,
    segmentSlot: (name: string) => slotOf.get(nameKey(name)),
    segmentNames: model.segmentNames,
    size: slotOf.size,
  };
}

/**
 * Share of one CSM's book outside its anchor segment, the segment with the most accounts (S2 anchor-and-extend). Above the workbook's book.extend_limit (30%) the book is too mixed: a staffing flag. Accounts are counted, not weighted by ARR; when segments tie for the most accounts the share is the same whichever is the anchor. Blank cells are skipped.
 * @customfunction BOOK_MIX
 * @param tiers The accounts in one CSM's book: tier names (Strategic, Pooled, ...), segment names, and/or ACVs such as "$80,000", one cell per account.
 * @returns The share of the book's accounts outside its anchor segment, as a fraction (0.25 = 25%).
 * @example =CS.BOOK_MIX({"Strategic";"Enterprise";"Enterprise";"Mid-Market"}) -> 0.25
 * @example =CS.BOOK_MIX({"Pooled";"Mid-Market";120000;"$8,000"}) -> 0.5
 */
export function bookMix(tiers: any[][]): any {
  return withModel((model) => {
    const table = model.tiers;
    if (table instanceof CsError) return toHost(table);
    const grid = asGrid(tiers) ?? [[null]];
    const slots = segmentSlots(model, table);
    const counts = new Array<number>(slots.size).fill(0);
    let accounts = 0;
    const cols = width(grid);
    for (let r = 0; r < grid.length; r++) {
      const row = grid[r];
      for (let c = 0; c < cols; c++) {
        const raw = c < row.length ? row[c] : null;
        if (isBlank(raw)) continue;
        const slot = accountSlot(raw, table, slots);
        if (slot instanceof CsError) return toHost(locate(slot, "tiers", grid, r, c));
        counts[slot]++;
        accounts++;
      }
    }
    if (accounts === 0) return toHost(Errors.noAccountsInBook());
    return toHost(computeBookMix(counts));
  });
}

function accountSlot(
  raw: unknown,
  table: TierTable<TierAssumption>,
  slots: ReturnType<typeof segmentSlots>
): number | CsError {
  raw = cellValue(raw);
  // A tier name wins over a segment name ("Mid-Market" is both).
  if (typeof raw === "string" && !table.byTierName(raw)) {
    const segment = slots.segmentSlot(raw);
    if (segment !== undefined) return segment;
  }
  const tier = readAccountTier(raw, table, "Account", (text) =>
    Errors.unknownTierSegmentOrAmount(text, table.names, slots.segmentNames)
  );
  if (tier === null) return Errors.blankRequired("Account");
  return tier instanceof CsError ? tier : (slots.tierSlots.get(tier) as number);
}
