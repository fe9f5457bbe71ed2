/**
 * Target functions (MODEL.md §2): a segment's retention targets and a role's
 * on-target earnings, read from the workbook's assumptions.
 */
import { CsError, Errors } from "../core/errors";
import {
  OTE_PARTS,
  otePart,
  resolveOteRole,
  RetentionTarget,
  retentionTarget,
} from "../core/targets";
import { Model } from "../core/model";
import { cellValue, inputError, isErrorValue } from "../core/values";
import { elementwise, optional, SKIP } from "./elementwise";
import { toHost, withModel } from "./host";
import { readOptionalText } from "./read-amounts-and-tiers";

/** NRR_TARGET or GRR_TARGET: a segment's (or a tier's segment's) target, cell by cell. */
function targetOf(id: string, which: RetentionTarget) {
  return elementwise({
    id,
    params: [
      optional("segment_or_tier", (raw, model) => readTarget(raw, model, which), SKIP, {
        memo: true,
      }),
    ],
    compute: ([target]) => target,
  });
}

function readTarget(raw: unknown, model: Model, which: RetentionTarget): number | CsError {
  raw = cellValue(raw);
  if (isErrorValue(raw)) return inputError("Segment", raw);
  return typeof raw === "string" ? retentionTarget(model, raw, which) : Errors.notASegmentName(raw);
}

const NRR_TARGET = targetOf("NRR_TARGET", "nrr_target");
const GRR_TARGET = targetOf("GRR_TARGET", "grr_target");

/**
 * The segment's net revenue retention target as a fraction (Enterprise 130%, Mid-Market 115%, SMB 102% by default). A tier name stands for its segment (Strategic is Enterprise). Blank cells give blanks; an unknown name is #N/A.
 * @customfunction NRR_TARGET
 * @param segment_or_tier A segment name (Enterprise, Mid-Market, SMB) or a tier name (Strategic, Pooled, ...); or a range of them.
 * @returns The NRR target for each name, as a fraction (1.3 = 130%), in the same shape.
 * @example =CS.NRR_TARGET("Enterprise") -> 1.3
 * @example =CS.NRR_TARGET("Pooled") -> 1.15
 */
export function nrrTarget(segment_or_tier: any[][]): any[][] {
  return NRR_TARGET(segment_or_tier);
}

/**
 * The segment's gross revenue retention target as a fraction (Enterprise 97%, Mid-Market 95%, SMB 92% by default). A tier name stands for its segment (Tech-Touch is SMB). Blank cells give blanks; an unknown name is #N/A.
 * @customfunction GRR_TARGET
 * @param segment_or_tier A segment name (Enterprise, Mid-Market, SMB) or a tier name (Strategic, Pooled, ...); or a range of them.
 * @returns The GRR target for each name, as a fraction (0.97 = 97%), in the same shape.
 * @example =CS.GRR_TARGET("Mid-Market") -> 0.95
 * @example =CS.GRR_TARGET("Tech-Touch") -> 0.92
 */
export function grrTarget(segment_or_tier: any[][]): any[][] {
  return GRR_TARGET(segment_or_tier);
}

/**
 * On-target earnings of a CS role from the workbook's OTE table: base plus variable, or one part. A segment name stands for its CSM role (Enterprise means Enterprise CSM); a tier name is refused, since the Strategic tier is in the Enterprise segment but has its own Strategic CSM role. A blank role is #VALUE!.
 * @customfunction OTE
 * @param role A role in the OTE table (SMB CSM, Mid-Market CSM, Enterprise CSM, Strategic CSM, CS Manager, VP CS) or a segment name.
 * @param [part] Optional: "ote" (default, base + variable), "base", "variable", or "mix" (variable as a share of OTE).
 * @returns Dollars a year, or the variable mix as a fraction.
 * @example =CS.OTE("Enterprise CSM") -> 190000
 * @example =CS.OTE("Mid-Market", "variable") -> 30000
 * @example =CS.OTE("VP CS", "mix") -> 0.28125
 */
export function ote(role: any, part?: any): any {
  return withModel((model) => {
    const raw = cellValue(Array.isArray(role) ? role[0]?.[0] : role);
    if (isErrorValue(raw)) return toHost(inputError("Role", raw));
    const name = readOptionalText(raw, "Role");
    if (name instanceof CsError) return toHost(name);
    if (name === null) return toHost(Errors.blankRequired("Role"));
    const partText = readOptionalText(part, "part");
    if (partText instanceof CsError) return toHost(partText);
    const chosen = partText === null ? "ote" : OTE_PARTS.find((p) => p === partText.toLowerCase());
    if (!chosen) return toHost(Errors.unknownPart(partText, OTE_PARTS));
    const row = resolveOteRole(model, name);
    return toHost(row instanceof CsError ? row : otePart(row, chosen));
  });
}
