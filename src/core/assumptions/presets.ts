/**
 * The benchmark sets a user can start from (MODEL.md §1), and where each
 * value comes from. Each preset is a whole set of assumptions: its own tier
 * table, and the default set's segments, payout, expansion and other values.
 *
 * - tiered-2027: the default set (defaults.ts), S0 §1.2.
 * - vitally-2024: S1 "CSM Account Load by Tier". Tier cut-lines and accounts
 *   per CSM from S1; every other column as in the default set for the same
 *   tier name (all four names exist there).
 * - capacity-model: S2. Enterprise >= 50,000, Mid-Market 10,000-50,000, SMB
 *   below 10,000; accounts per CSM from the hours model (MODEL.md §3,
 *   accountCapacity) at 27 available hours a week, the default 4 weeks a
 *   month, complexity 1, no expansion uplift, and S2's mid-point touch
 *   profile per tier. Decisions (MODEL.md is silent):
 *   - Accounts per CSM are rounded DOWN to whole accounts (14.4 -> 14,
 *     41.14 -> 41, 138.24 -> 138): a CSM cannot carry 0.4 of an account, the
 *     published ratios are whole numbers, and rounding down never promises
 *     more capacity than the hours give (as MODEL.md §4 rounds a max book
 *     down).
 *   - Enterprise and Mid-Market take the other columns of the default set's
 *     tiers of the same name; SMB, which the default set does not have, takes
 *     those of the default Tech-Touch tier (segment SMB, AM 1:300, ARR
 *     ceiling 1,800,000, no touch SLA), the default set's tier for the same
 *     accounts.
 *   - The touch cadence column states the S2 touch profile the ratio was
 *     derived from ("6 touches a month x 75 min"), since that profile is what
 *     this preset's capacity means; the default cadence texts would
 *     contradict it.
 *   - There is no Strategic tier, so no tier has a TAM ratio (as the default
 *     Enterprise tier): TAM headcount is 0 under this preset.
 */
import { accountCapacity, TouchProfile } from "../capacity";
import { fmt } from "../errors";
import { nameKey } from "../values";
import { DEFAULT_SOURCES, defaultAssumptions } from "./defaults";
import { Assumptions, TierAssumption } from "./types";

export const DEFAULT_PRESET = "tiered-2027";

export interface Preset {
  name: string;
  title: string;
  description: string;
  /** A fresh copy of the preset's assumptions. */
  assumptions: () => Assumptions;
  /** Sources that differ from the default set's, by key (lower case, "*" wildcards). */
  sources: Readonly<Record<string, string>>;
}

/** Thrown by loadPreset for a name that is not a preset. */
export class UnknownPresetError extends Error {}

function defaultTier(name: string): TierAssumption {
  const tier = defaultAssumptions().tiers.find((t) => t.name === name);
  if (!tier) throw new Error(`the default set has no tier ${name}`);
  return tier;
}

function withTiers(preset: string, tiers: TierAssumption[]): Assumptions {
  return { ...defaultAssumptions(), preset, tiers };
}

// --- vitally-2024 (S1 "CSM Account Load by Tier") ---

const VITALLY_SOURCE = "S1 CSM Account Load by Tier";

function vitally2024(): Assumptions {
  return withTiers("vitally-2024", [
    { ...defaultTier("Tech-Touch"), min_acv: 0, csm_ratio: 200 },
    { ...defaultTier("Mid-Market"), min_acv: 15_000, csm_ratio: 50 },
    { ...defaultTier("Enterprise"), min_acv: 75_000, csm_ratio: 30 },
    { ...defaultTier("Strategic"), min_acv: 250_000, csm_ratio: 10 },
  ]);
}

// --- capacity-model (S2 "Building the capacity model") ---

export const CAPACITY_HOURS_PER_WEEK = 27;

/** S2's mid-point touch profile per tier, as MODEL.md §1 gives it. */
export const CAPACITY_PROFILES: Readonly<
  Record<"Enterprise" | "Mid-Market" | "SMB", { touches: number; minutes: number }>
> = {
  Enterprise: { touches: 6, minutes: 75 },
  "Mid-Market": { touches: 3, minutes: 52.5 },
  SMB: { touches: 1.25, minutes: 37.5 },
};

type CapacityTier = keyof typeof CAPACITY_PROFILES;

function profile(tier: CapacityTier): TouchProfile {
  const p = CAPACITY_PROFILES[tier];
  return {
    hoursPerWeek: CAPACITY_HOURS_PER_WEEK,
    touchesPerMonth: p.touches,
    minutesPerTouch: p.minutes,
    complexity: 1,
    expansionUplift: 0,
  };
}

const WEEKS_PER_MONTH = defaultAssumptions().capacity.weeks_per_month;

/** Accounts per CSM from hours, exact (14.4 for Enterprise). */
export function capacityExact(tier: CapacityTier): number {
  return accountCapacity(profile(tier), WEEKS_PER_MONTH);
}

/** Accounts per CSM as stored in the preset: rounded down to whole accounts. */
export function capacityRatio(tier: CapacityTier): number {
  // The tolerance keeps 41.99999999 (floating-point dust) at 42.
  return Math.floor(capacityExact(tier) + 1e-9);
}

function cadence(tier: CapacityTier): string {
  const p = CAPACITY_PROFILES[tier];
  return `${fmt(p.touches)} touches a month x ${fmt(p.minutes)} min (S2 mid-point)`;
}

function capacityModel(): Assumptions {
  const tier = (name: CapacityTier, from: string, min_acv: number): TierAssumption => ({
    ...defaultTier(from),
    name,
    min_acv,
    csm_ratio: capacityRatio(name),
    touch_cadence: cadence(name),
  });
  return withTiers("capacity-model", [
    tier("SMB", "Tech-Touch", 0),
    tier("Mid-Market", "Mid-Market", 10_000),
    tier("Enterprise", "Enterprise", 50_000),
  ]);
}

function capacitySources(): Record<string, string> {
  const sources: Record<string, string> = {
    "tier.*.min_acv": "S2 (Enterprise >= 50,000, Mid-Market 10,000-50,000, SMB below 10,000)",
    "tier.*.csm_ratio": "S2 capacity model at 27 h/week",
    "tier.*.touch_cadence": "S2 (mid-point touch profile of the tier)",
  };
  const monthly = CAPACITY_HOURS_PER_WEEK * WEEKS_PER_MONTH;
  for (const name of Object.keys(CAPACITY_PROFILES) as CapacityTier[]) {
    const p = CAPACITY_PROFILES[name];
    sources[`tier.${nameKey(name)}.csm_ratio`] =
      `S2 capacity model at 27 h/week: ${fmt(monthly)} h a month / (${fmt(p.touches)} touches x ${fmt(p.minutes)} min) = ${fmt(capacityExact(name))}, rounded down to ${capacityRatio(name)} accounts`;
  }
  // SMB takes the default Tech-Touch tier's other columns: say so, with that source.
  for (const field of Object.keys(defaultTier("Tech-Touch"))) {
    const key = `tier.smb.${field}`;
    if (!(key in sources) && !(`tier.*.${field}` in sources) && field !== "name")
      sources[key] =
        `As the default set's Tech-Touch tier: ${sourceIn(DEFAULT_SOURCES, `tier.tech-touch.${field}`)}`;
  }
  return sources;
}

export const PRESETS: readonly Preset[] = [
  {
    name: "tiered-2027",
    title: "Tiered 2027 (default)",
    description:
      "S0's 2027 tier cut-lines (Strategic, Enterprise, Mid-Market, Pooled, Tech-Touch) with their ratios.",
    assumptions: defaultAssumptions,
    sources: {},
  },
  {
    name: "vitally-2024",
    title: "Vitally 2024",
    description:
      "S1's CSM account load by tier: Strategic 1:10, Enterprise 1:30, Mid-Market 1:50, Tech-Touch 1:200.",
    assumptions: vitally2024,
    sources: {
      "tier.*.min_acv": `${VITALLY_SOURCE} (ACV bands)`,
      "tier.*.csm_ratio": VITALLY_SOURCE,
    },
  },
  {
    name: "capacity-model",
    title: "Capacity model",
    description:
      "S2's hours model at 27 h/week: Enterprise, Mid-Market and SMB with accounts per CSM derived from touch profiles.",
    assumptions: capacityModel,
    sources: capacitySources(),
  },
];

export const presetNames: readonly string[] = PRESETS.map((p) => p.name);

/** Finds a preset by name (case-insensitive, trimmed). */
export function findPreset(name: string): Preset | undefined {
  const wanted = nameKey(name);
  return PRESETS.find((p) => p.name === wanted);
}

/** A fresh copy of a preset's assumptions; throws UnknownPresetError naming the presets. */
export function loadPreset(name: string): Assumptions {
  const preset = findPreset(name);
  if (!preset)
    throw new UnknownPresetError(
      `There is no preset named ${JSON.stringify(name)}; the presets are ${presetNames.join(", ")}.`
    );
  return preset.assumptions();
}

/** The lookups for a key, most specific first: exact, tier.<name>.*, tier.*.<field>, tier.*. */
function candidates(key: string): string[] {
  const parts = key.trim().split(".");
  const head = parts[0].toLowerCase();
  const out = [nameKey(key)];
  if (parts.length >= 3) {
    const middle = nameKey(parts.slice(1, -1).join("."));
    const last = parts[parts.length - 1].toLowerCase();
    out.push(`${head}.${middle}.*`, `${head}.*.${last}`);
  }
  if (parts.length >= 2) out.push(`${head}.*`);
  return out;
}

function sourceIn(table: Readonly<Record<string, string>>, key: string): string | undefined {
  for (const c of candidates(key))
    if (Object.prototype.hasOwnProperty.call(table, c)) return table[c];
  return undefined;
}

/**
 * Where the value of a key comes from, for a preset (default tiered-2027):
 * the preset's own source where it differs, else the default set's
 * (DEFAULT_SOURCES, with its wildcard fallbacks). undefined for a key no
 * source covers (schema_version, preset, an unknown key).
 */
export function sourceOf(key: string, preset: string = DEFAULT_PRESET): string | undefined {
  const own = findPreset(preset)?.sources;
  return (own && sourceIn(own, key)) ?? sourceIn(DEFAULT_SOURCES, key);
}
