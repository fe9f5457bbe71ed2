/**
 * Tier lookup (MODEL.md §1): an account's tier is the tier with the highest
 * minimum ACV that is less than or equal to its ACV. A table is compiled once
 * (sorted minimums + a name index) and then answers each lookup with a binary
 * search, so a million-row range costs one pass and no allocation per cell.
 */
import { CsError, Errors } from "./errors";
import { nameKey } from "./values";

export interface TierBound {
  name: string;
  min_acv: number;
}

export class TierTable<T extends TierBound = TierBound> {
  /** Tiers in ascending order of minimum ACV. */
  readonly tiers: readonly T[];
  private readonly mins: Float64Array;
  private readonly byName: Map<string, T>;

  private constructor(sorted: T[]) {
    this.tiers = sorted;
    this.mins = Float64Array.from(sorted, (t) => t.min_acv);
    this.byName = new Map(sorted.map((t) => [nameKey(t.name), t]));
  }

  /** Compiles a table, or explains why it cannot be used. */
  static compile<T extends TierBound>(tiers: readonly T[]): TierTable<T> | CsError {
    if (tiers.length === 0) return Errors.emptyTierTable();
    const sorted = [...tiers].sort((a, b) => a.min_acv - b.min_acv);
    const seen = new Map<string, T>();
    for (let i = 0; i < sorted.length; i++) {
      const tier = sorted[i];
      const key = nameKey(tier.name);
      if (seen.has(key)) return Errors.duplicateTier(tier.name);
      seen.set(key, tier);
      if (i > 0 && sorted[i - 1].min_acv === tier.min_acv) {
        return Errors.duplicateMinAcv(sorted[i - 1].name, tier.name, tier.min_acv);
      }
    }
    return new TierTable(sorted);
  }

  get names(): string[] {
    return this.tiers.map((t) => t.name);
  }

  /** The tier of a (non-negative) ACV. */
  tierOf(acv: number): T | CsError {
    const i = this.indexOfAcv(acv);
    return i < 0 ? Errors.belowLowestTier(acv, this.mins[0]) : this.tiers[i];
  }

  /**
   * The position in `tiers` of an ACV's tier, or -1 when it is below the
   * lowest minimum: the allocation-free form of tierOf for loops over ranges.
   */
  indexOfAcv(acv: number): number {
    const mins = this.mins;
    if (!(acv >= mins[0])) return -1;
    let lo = 0;
    let hi = mins.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (mins[mid] <= acv) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Finds a tier by name, case-insensitively and trimmed; undefined if none. */
  byTierName(name: string): T | undefined {
    return this.byName.get(nameKey(name));
  }

  indexOf(tier: T): number {
    return this.tiers.indexOf(tier);
  }
}
