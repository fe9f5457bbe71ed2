/**
 * The assumptions every CS function reads. Field names are the snake_case
 * names of the assumption keys in FUNCTIONS.md ("tier.<Tier>.csm_ratio",
 * "payout.grr_floor", ...), so a key maps onto a field without a table.
 * Fractions are stored as fractions (0.95), money in dollars a year.
 * A role ratio or SLA of null means "none": the role or SLA does not apply.
 */
export interface TierAssumption {
  name: string;
  min_acv: number;
  segment: string;
  coverage_model: string;
  touch_cadence: string;
  csm_ratio: number | null;
  am_ratio: number | null;
  tam_ratio: number | null;
  arr_ceiling: number | null;
  sla_days: number | null;
}

export interface SegmentAssumption {
  name: string;
  nrr_target: number;
  grr_target: number;
  expansion_target: number;
  /** The OTE role whose pay applies to CSMs of this segment. */
  comp_role: string;
}

export interface PoolWeights {
  grr_weight: number;
  expansion_weight: number;
  mbo_weight: number;
}

export interface PayoutAssumptions {
  grr_floor: number;
  grr_stretch: number;
  floor_multiple: number;
  stretch_multiple: number;
  expansion_cap: number;
  ebr_gate: number;
  /** The expansion cap that applies when EBR completion is below the gate. */
  ebr_gated_cap: number;
  standard: PoolWeights;
  plg: PoolWeights;
}

export interface ExpansionAssumptions {
  csm_owned_below: number;
  csm_led_up_to: number;
  csm_led_csm_share: number;
  ae_led_csm_share: number;
}

export interface OteAssumption {
  role: string;
  base: number;
  variable: number;
}

export interface Assumptions {
  schema_version: 1;
  /** The preset these assumptions started from (tiered-2027, vitally-2024, capacity-model). */
  preset: string;
  /** In tier order: ascending minimum ACV, the first at 0. */
  tiers: TierAssumption[];
  segments: SegmentAssumption[];
  payout: PayoutAssumptions;
  expansion: ExpansionAssumptions;
  clawback: { window_days: number };
  capacity: { weeks_per_month: number };
  book: { load_threshold: number; extend_limit: number };
  cost: { healthy_min: number; healthy_max: number };
  hiring: { ramp: number[]; lead_months: number };
  ote: OteAssumption[];
  /**
   * The plan's currency (ISO 4217 code, "USD" by default): tier minimums,
   * ceilings, OTEs and every amount of a plan are in it.
   */
  currency: string;
  /**
   * Exchange rates into the plan currency: fx.EUR = 1.08 means 1 EUR is
   * 1.08 units of the plan currency. An amount in a currency with no rate
   * is refused, never read as plan currency.
   */
  fx: Record<string, number>;
}

export type PayoutPlan = "standard" | "plg";
export const PAYOUT_PLANS: readonly PayoutPlan[] = ["standard", "plg"];
export type Role = "CSM" | "AM" | "TAM";
export const ROLES: readonly Role[] = ["CSM", "AM", "TAM"];
