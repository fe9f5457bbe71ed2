/**
 * Segment targets and the OTE table (MODEL.md §2): a segment's NRR and GRR
 * targets, and a role's base, variable and on-target earnings.
 */
import { OteAssumption, SegmentAssumption } from "./assumptions/types";
import { CsError, Errors } from "./errors";
import { Model, resolveSegment } from "./model";
import { roundCents, tidy } from "./money";
import { nameKey } from "./values";

export type RetentionTarget = "nrr_target" | "grr_target";

/** A segment's NRR or GRR target, as a fraction; the segment given by segment or tier name. */
export function retentionTarget(
  model: Model,
  name: string,
  which: RetentionTarget
): number | CsError {
  const segment = resolveSegment(model, name);
  return segment instanceof CsError ? segment : segment[which];
}

export const OTE_PARTS = ["ote", "base", "variable", "mix"] as const;
export type OtePart = (typeof OTE_PARTS)[number];

function oteRole(model: Model, name: string): OteAssumption | undefined {
  const wanted = nameKey(name);
  return model.assumptions.ote.find((row) => nameKey(row.role) === wanted);
}

/**
 * The OTE table row for a role name ("Enterprise CSM", case-insensitive), or
 * for a segment name ("Enterprise"), which stands for its comp role. A tier
 * name is refused with a hint: the Strategic tier belongs to the Enterprise
 * segment (Enterprise CSM) while the table also has a Strategic CSM, so
 * reading a tier as a role would be a guess.
 */
export function resolveOteRole(model: Model, name: string): OteAssumption | CsError {
  const direct = oteRole(model, name);
  if (direct) return direct;
  const roles = model.assumptions.ote.map((row) => row.role);
  const segment: SegmentAssumption | undefined = model.segment(name);
  if (segment) {
    return (
      oteRole(model, segment.comp_role) ??
      Errors.incompleteAssumptions(
        `an OTE for role ${JSON.stringify(segment.comp_role)}, the comp role of segment ${segment.name}`
      )
    );
  }
  const tier = model.tiers instanceof CsError ? undefined : model.tiers.byTierName(name);
  if (tier) return Errors.tierIsNotARole(name, tier.segment, roles);
  return Errors.unknownOteRole(name, roles, model.segmentNames);
}

/** One part of a role's pay: OTE = base + variable (to the cent), or the variable mix = variable / OTE. */
export function otePart(role: OteAssumption, part: OtePart): number | CsError {
  const ote = roundCents(role.base + role.variable);
  switch (part) {
    case "base":
      return role.base;
    case "variable":
      return role.variable;
    case "mix":
      return ote > 0 ? tidy(role.variable / ote) : Errors.zeroOte(role.role);
    default:
      return ote;
  }
}
