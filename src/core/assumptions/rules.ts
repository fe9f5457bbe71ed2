/**
 * The rules that tie assumption values together: tier order, names that
 * must exist elsewhere, the payout curve, weights summing to 100%, bands and
 * ranges in order. They run even when some values are wrong (so every
 * problem is reported at once) and therefore read the input defensively: a
 * rule only looks at values that have the right type.
 *
 * Each problem is said twice: `message` names the assumption keys (for
 * files and the command line, where keys are what users type), `words`
 * names the fields by their labels (for the task pane).
 */
import { z } from "zod";
import { fmt } from "../errors";
import { nameKey } from "../values";
import { findField } from "./fields";
import { PAYOUT_PLANS } from "./types";

/** The largest weight-sum error still taken as 100% (floating-point dust). */
export const WEIGHT_TOLERANCE = 1e-9;

export type Loose = Record<string, unknown>;
type Ctx = z.core.$RefinementCtx;

export function obj(v: unknown): Loose | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Loose) : undefined;
}
export function list(v: unknown): Loose[] {
  return Array.isArray(v) ? v.map((item) => obj(item) ?? {}) : [];
}
function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}
export function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}
function pct(v: number): string {
  return `${fmt(v * 100)}%`;
}

/** The parameters a rule's issue carries: that it is a rule, and its words for the pane. */
export interface RuleParams {
  rule: true;
  words: string;
}

function rule(ctx: Ctx, path: (string | number)[], message: string, words: string): void {
  const params: RuleParams = { rule: true, words };
  ctx.addIssue({ code: "custom", path, message, params });
}

export const SINGULAR: Record<string, string> = { tiers: "tier", segments: "segment", ote: "ote" };

/** The key of a listed item: tier.<name>, segment.<name>, ote.<role>. */
export function itemKey(section: string, item: Loose, index: number): string {
  const label = str(item[section === "ote" ? "role" : "name"]);
  return `${SINGULAR[section] ?? section}.${label !== undefined ? label.trim() : `#${index + 1}`}`;
}

/** A listed item in words: its name, or "Tier 3" while it has none. */
export function itemWords(section: string, item: Loose, index: number): string {
  const label = str(item[section === "ote" ? "role" : "name"]);
  const what = section === "tiers" ? "Tier" : section === "segments" ? "Segment" : "Role";
  return label !== undefined ? label.trim() : `${what} ${index + 1}`;
}

const label = (group: Parameters<typeof findField>[0], field: string): string =>
  findField(group, field)?.label ?? field;

function uniqueNames(ctx: Ctx, section: string, items: Loose[], field: string, what: string) {
  const seen = new Map<string, string>();
  items.forEach((item, i) => {
    const name = str(item[field]);
    if (name === undefined) return;
    const k = nameKey(name);
    const first = seen.get(k);
    if (first !== undefined)
      rule(
        ctx,
        [section, i, field],
        `${itemKey(section, item, i)}.${field}: the ${what} ${JSON.stringify(name.trim())} is used twice (names match ignoring case and spaces); rename or remove one of them.`,
        `The ${what} ${JSON.stringify(name.trim())} is used twice (names match ignoring case and spaces); rename or remove one of them.`
      );
    else seen.set(k, name);
  });
}

export function crossFieldRules(value: unknown, ctx: Ctx): void {
  const v = obj(value) ?? {};
  const tiers = list(v.tiers);
  const segments = list(v.segments);
  const ote = list(v.ote);
  const payout = obj(v.payout) ?? {};
  const minAcv = label("tier", "min_acv");

  // Tiers: unique names, minimums strictly increasing from exactly 0.
  uniqueNames(ctx, "tiers", tiers, "name", "tier name");
  let previous: { key: string; words: string; min: number } | undefined;
  tiers.forEach((tier, i) => {
    const min = num(tier.min_acv);
    if (min === undefined || min < 0) return;
    const key = `${itemKey("tiers", tier, i)}.min_acv`;
    const words = itemWords("tiers", tier, i);
    if (i === 0 && min !== 0)
      rule(
        ctx,
        ["tiers", i, "min_acv"],
        `${key} is ${fmt(min)}, but the first tier must start at 0 so that every ACV has a tier; set it to 0 (tiers are listed from the lowest minimum ACV up).`,
        `${words} - ${minAcv} is ${fmt(min)}, but the first tier must start at 0 so that every ACV has a tier; make it 0.`
      );
    if (previous !== undefined && min === previous.min)
      rule(
        ctx,
        ["tiers", i, "min_acv"],
        `${key} is ${fmt(min)}, the same minimum ACV as ${previous.key}; give each tier a higher minimum than the tier before it.`,
        `${words} - ${minAcv} is ${fmt(min)}, the same as ${previous.words}; give each tier a higher minimum than the tier before it.`
      );
    else if (previous !== undefined && min < previous.min)
      rule(
        ctx,
        ["tiers", i, "min_acv"],
        `${key} is ${fmt(min)}, below ${previous.key} (${fmt(previous.min)}); list the tiers in ascending order of minimum ACV, each above the one before.`,
        `${words} - ${minAcv} is ${fmt(min)}, below ${previous.words} (${fmt(previous.min)}); raise it, or use Order by min ACV.`
      );
    previous = { key, words, min };
  });

  // Each tier's segment is a segment.
  const segmentNames = segments.map((s) => str(s.name)).filter((s): s is string => !!s);
  const segmentKeys = new Set(segmentNames.map(nameKey));
  if (segmentNames.length > 0)
    tiers.forEach((tier, i) => {
      const segment = str(tier.segment);
      if (segment !== undefined && !segmentKeys.has(nameKey(segment)))
        rule(
          ctx,
          ["tiers", i, "segment"],
          `${itemKey("tiers", tier, i)}.segment is ${JSON.stringify(segment)}, which is not a segment; use one of ${segmentNames.join(", ")}, or add segment ${JSON.stringify(segment)}.`,
          `${itemWords("tiers", tier, i)} - Segment ${JSON.stringify(segment)} is not a segment; choose one of ${segmentNames.join(", ")}.`
        );
    });

  // Segments: unique names, comp role in the OTE table, GRR target inside the payout curve.
  uniqueNames(ctx, "segments", segments, "name", "segment name");
  const roles = ote.map((o) => str(o.role)).filter((r): r is string => !!r);
  const roleKeys = new Set(roles.map(nameKey));
  const floor = num(payout.grr_floor);
  const stretch = num(payout.grr_stretch);
  const floorLabel = "GRR floor";
  const stretchLabel = "GRR stretch";
  segments.forEach((segment, i) => {
    const key = itemKey("segments", segment, i);
    const words = itemWords("segments", segment, i);
    const role = str(segment.comp_role);
    if (role !== undefined && roles.length > 0 && !roleKeys.has(nameKey(role)))
      rule(
        ctx,
        ["segments", i, "comp_role"],
        `${key}.comp_role is ${JSON.stringify(role)}, which is not a role of the OTE table; use one of ${roles.join(", ")}, or add ote.${role}.`,
        `${words} - Comp role ${JSON.stringify(role)} is not a role of the OTE table; choose one of ${roles.join(", ")}.`
      );
    const target = num(segment.grr_target);
    if (target === undefined || floor === undefined || stretch === undefined || floor >= stretch)
      return;
    if (target <= floor || target >= stretch)
      rule(
        ctx,
        ["segments", i, "grr_target"],
        `${key}.grr_target is ${pct(target)}; it must be above payout.grr_floor (${pct(floor)}) and below payout.grr_stretch (${pct(stretch)}), since the GRR payout curve runs floor < target < stretch.`,
        `${words} - GRR target is ${pct(target)}; it must be above the ${floorLabel} (${pct(floor)}) and below the ${stretchLabel} (${pct(stretch)}).`
      );
  });

  // Payout curve, caps and weights.
  if (floor !== undefined && stretch !== undefined && floor >= stretch)
    rule(
      ctx,
      ["payout", "grr_floor"],
      `payout.grr_floor (${pct(floor)}) must be below payout.grr_stretch (${pct(stretch)}); the GRR payout curve runs floor < target < stretch.`,
      `The ${floorLabel} (${pct(floor)}) must be below the ${stretchLabel} (${pct(stretch)}).`
    );
  const cap = num(payout.expansion_cap);
  const gated = num(payout.ebr_gated_cap);
  if (cap !== undefined && gated !== undefined && gated > cap)
    rule(
      ctx,
      ["payout", "ebr_gated_cap"],
      `payout.ebr_gated_cap (${fmt(gated)}x) is above payout.expansion_cap (${fmt(cap)}x); the EBR gate lowers the cap, so set it at or below the cap.`,
      `The expansion cap below the EBR gate (${fmt(gated)}x) is above the expansion pool cap (${fmt(cap)}x); the gate lowers the cap, so make it ${fmt(cap)}x or less.`
    );
  for (const plan of PAYOUT_PLANS) {
    const w = obj(payout[plan]) ?? {};
    const parts = [num(w.grr_weight), num(w.expansion_weight), num(w.mbo_weight)];
    if (parts.some((p) => p === undefined)) continue;
    const [grr, exp, mbo] = parts as number[];
    const sum = grr + exp + mbo;
    if (Math.abs(sum - 1) > WEIGHT_TOLERANCE)
      rule(
        ctx,
        ["payout", plan],
        `payout.${plan} weights add up to ${pct(sum)} (grr_weight ${pct(grr)} + expansion_weight ${pct(exp)} + mbo_weight ${pct(mbo)}); change them so they add up to 100%.`,
        `${plan === "plg" ? "PLG" : "Standard"} plan weights add up to ${pct(sum)}; make them 100%.`
      );
  }

  // Expansion bands.
  const expansion = obj(v.expansion) ?? {};
  const owned = num(expansion.csm_owned_below);
  const led = num(expansion.csm_led_up_to);
  if (owned !== undefined && led !== undefined && owned > led)
    rule(
      ctx,
      ["expansion", "csm_led_up_to"],
      `expansion.csm_led_up_to (${fmt(led)}) is below expansion.csm_owned_below (${fmt(owned)}); the CSM-led band runs from csm_owned_below up to csm_led_up_to, so raise it or lower csm_owned_below.`,
      `CSM-led up to (${fmt(led)}) is below CSM-owned below (${fmt(owned)}); the CSM-led band starts where the CSM-owned band ends, so raise it.`
    );

  // Healthy cost range.
  const cost = obj(v.cost) ?? {};
  const lo = num(cost.healthy_min);
  const hi = num(cost.healthy_max);
  if (lo !== undefined && hi !== undefined && lo > hi)
    rule(
      ctx,
      ["cost", "healthy_min"],
      `cost.healthy_min (${pct(lo)}) is above cost.healthy_max (${pct(hi)}); the healthy range runs from healthy_min to healthy_max.`,
      `The low end of the healthy CS cost (${pct(lo)}) is above the high end (${pct(hi)}).`
    );

  uniqueNames(ctx, "ote", ote, "role", "role");

  // The plan currency's own rate is 1 by definition: a stored one would say otherwise.
  const currency = str(v.currency) ?? "USD";
  const fx = obj(v.fx);
  if (fx !== undefined && Object.prototype.hasOwnProperty.call(fx, currency))
    rule(
      ctx,
      ["fx", currency],
      `fx.${currency} is a rate for the plan currency itself (${currency}); remove it, or change currency first.`,
      `${currency} is the plan currency, so it has no exchange rate; remove its rate, or change the plan currency first.`
    );
}
