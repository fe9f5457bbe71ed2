/**
 * The compiled form of one set of assumptions: lookups built once per
 * assumptions object (cached), so functions never rebuild them per cell.
 */
import { Assumptions, SegmentAssumption, TierAssumption } from "./assumptions/types";
import { CsError, Errors } from "./errors";
import { TierTable } from "./tiers";
import { nameKey } from "./values";

export interface Model {
  readonly assumptions: Assumptions;
  /** The workbook's tier table, or why it cannot be used. */
  readonly tiers: TierTable<TierAssumption> | CsError;
  segment(name: string): SegmentAssumption | undefined;
  readonly segmentNames: string[];
}

const cache = new WeakMap<Assumptions, Model>();

export function compileModel(assumptions: Assumptions): Model {
  const cached = cache.get(assumptions);
  if (cached) return cached;
  const segments = new Map(assumptions.segments.map((s) => [nameKey(s.name), s]));
  const model: Model = {
    assumptions,
    tiers: TierTable.compile(assumptions.tiers),
    segment: (name: string) => segments.get(nameKey(name)),
    segmentNames: assumptions.segments.map((s) => s.name),
  };
  cache.set(assumptions, model);
  return model;
}

/**
 * Resolves a segment given by segment name or by tier name (a tier stands for
 * its segment), as CS.NRR_TARGET and CS.VARIABLE_PAYOUT accept either.
 */
export function resolveSegment(model: Model, name: string): SegmentAssumption | CsError {
  const direct = model.segment(name);
  if (direct) return direct;
  if (!(model.tiers instanceof CsError)) {
    const tier = model.tiers.byTierName(name);
    const viaTier = tier ? model.segment(tier.segment) : undefined;
    if (viaTier) return viaTier;
    if (tier)
      return Errors.incompleteAssumptions(
        `segment ${JSON.stringify(tier.segment)} used by tier ${tier.name}`
      );
  }
  return Errors.unknownSegment(name, model.segmentNames);
}
