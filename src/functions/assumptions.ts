/**
 * The ASSUMPTION family (CS.ASSUMPTION, CS.ASSUMPTIONS): the assumptions in
 * force, shown in cells, so a workbook can cite the numbers its formulas use.
 */
import {
  ASSUMPTION_TABLES,
  assumptionTable,
  assumptionTableName,
  getAssumption,
  NONE_TEXT,
} from "../core/assumptions/keys";
import { CsError, Errors } from "../core/errors";
import { cellValue, inputError, isErrorValue } from "../core/values";
import { Cell } from "./grid";
import { gridToHost, toHost, withModel } from "./host";
import { readOptionalText } from "./read-amounts-and-tiers";

/** A scalar name argument (key, table): the first cell when a range is passed. */
function readName(raw: unknown, what: string): string | null | CsError {
  const value = cellValue(Array.isArray(raw) ? raw[0]?.[0] : raw);
  if (isErrorValue(value)) return inputError(what, value);
  return readOptionalText(value, what);
}

/**
 * One assumption in force, by its key (names match case-insensitively): "tier.Strategic.csm_ratio", "segment.Mid-Market.nrr_target", "payout.grr_floor", "ote.VP CS.base", ... A role or SLA that does not apply shows as the text "none"; the ramp as text such as "0,0.5,0.5". A blank key is #VALUE!; an unknown key is #N/A.
 * @customfunction ASSUMPTION
 * @param key The assumption's key, as in FUNCTIONS.md: tier.<Tier>.<field>, segment.<Segment>.<field>, payout.<field>, ote.<Role>.base, ...
 * @returns The value: a number (fractions as fractions, money in dollars), a name, or "none".
 * @example =CS.ASSUMPTION("tier.Strategic.csm_ratio") -> 11
 * @example =CS.ASSUMPTION("segment.Mid-Market.nrr_target") -> 1.15
 * @example =CS.ASSUMPTION("tier.Tech-Touch.sla_days") -> "none"
 */
export function assumption(key: any): any {
  return withModel((model) => {
    const name = readName(key, "Key");
    if (name instanceof CsError) return toHost(name);
    if (name === null) return toHost(Errors.blankRequired("Key"));
    const value = getAssumption(model.assumptions, name);
    return toHost(value === null ? NONE_TEXT : value);
  });
}

/**
 * A table of the assumptions in force, spilled with a header row of the assumption keys' field names: "tiers" (default; tier order, "none" where a role or SLA does not apply), "segments" (targets and comp role), "comp" (role, base, variable, OTE) or "expansion" (credit bands and clawback window as key, value, meaning). An unknown table is #N/A.
 * @customfunction ASSUMPTIONS
 * @param [table] Optional: "tiers" (default), "segments", "comp" or "expansion". In the cs-coverage engine, write the name in the formula (a cell reference is sized as the tier table).
 * @returns The table, header row first.
 * @example =CS.ASSUMPTIONS("comp") -> [["role","base","variable","ote"],["SMB CSM",90000,25000,115000],["Mid-Market CSM",115000,30000,145000],["Enterprise CSM",145000,45000,190000],["Strategic CSM",175000,55000,230000],["CS Manager",165000,40000,205000],["VP CS",230000,90000,320000]]
 * @example =CS.ASSUMPTIONS("segments") -> [["segment","nrr_target","grr_target","expansion_target","comp_role"],["Enterprise",1.3,0.97,0.1,"Enterprise CSM"],["Mid-Market",1.15,0.95,0.175,"Mid-Market CSM"],["SMB",1.02,0.92,0.1,"SMB CSM"]]
 */
export function assumptions(table?: any): any[][] {
  return withModel((model) => {
    const name = readName(table, "table");
    if (name instanceof CsError) return gridToHost([[name]]);
    const chosen = name === null ? "tiers" : assumptionTableName(name);
    if (!chosen) return gridToHost([[Errors.unknownTable(name, ASSUMPTION_TABLES)]]);
    const cells: Cell[][] = assumptionTable(model.assumptions, chosen);
    return gridToHost(cells);
  });
}
