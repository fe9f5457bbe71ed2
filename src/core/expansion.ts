/**
 * Expansion credit bands (MODEL.md §5, S4 §3): who leads an expansion and how
 * its incremental ARR is credited between the CSM and the AE.
 */
import { ExpansionAssumptions } from "./assumptions/types";
import { CsError, Errors } from "./errors";
import { roundCents } from "./money";

export type ExpansionLead = "CSM-owned" | "CSM-led, AE supporting" | "AE-led, CSM co-credit";

export interface ExpansionCredit {
  lead: ExpansionLead;
  /** The CSM's share of the amount, 0-1. */
  csmShare: number;
  /** Dollars, to the cent; csm + ae always equals the amount. */
  csm: number;
  ae: number;
}

/**
 * Below csm_owned_below: CSM-owned, 100% CSM. From csm_owned_below up to
 * csm_led_up_to inclusive: CSM-led. Above: AE-led with CSM co-credit.
 */
export function expansionSplit(
  amount: number,
  bands: ExpansionAssumptions
): ExpansionCredit | CsError {
  if (amount < 0) return Errors.contraction(amount);
  const band = creditBand(amount, bands);
  const csmShare = CSM_SHARE[band](bands);
  const csm = csmCredit(amount, csmShare);
  return { lead: LEADS[band], csmShare, csm, ae: aeCredit(amount, csm) };
}

/** What one output cell of a credit shows: the CSM's dollars, the AE's, or who leads. */
export type CreditPart = "csm" | "ae" | "lead";

/**
 * One part of an expansion's credit without building the credit object (a
 * million-row column asks for two parts per row): the same arithmetic as
 * expansionSplit, so the same cents.
 */
export function splitPart(
  amount: number,
  bands: ExpansionAssumptions,
  part: CreditPart
): number | ExpansionLead | CsError {
  if (amount < 0) return Errors.contraction(amount);
  const band = creditBand(amount, bands);
  if (part === "lead") return LEADS[band];
  const csm = csmCredit(amount, CSM_SHARE[band](bands));
  return part === "csm" ? csm : aeCredit(amount, csm);
}

/** The bands in order: 0 CSM-owned, 1 CSM-led, 2 AE-led. */
export type CreditBand = 0 | 1 | 2;
export const LEADS: readonly ExpansionLead[] = [
  "CSM-owned",
  "CSM-led, AE supporting",
  "AE-led, CSM co-credit",
];
export const CSM_SHARE: readonly ((bands: ExpansionAssumptions) => number)[] = [
  () => 1,
  (bands) => bands.csm_led_csm_share,
  (bands) => bands.ae_led_csm_share,
];

/** The band of an amount of 0 or more. */
export function creditBand(amount: number, bands: ExpansionAssumptions): CreditBand {
  if (amount < bands.csm_owned_below) return 0;
  return amount <= bands.csm_led_up_to ? 1 : 2;
}

/** The CSM's credit in dollars, to the cent. */
export function csmCredit(amount: number, csmShare: number): number {
  return roundCents(amount * csmShare);
}

/** The AE gets the rest, so the two credits always add up to the amount. */
export function aeCredit(amount: number, csm: number): number {
  return roundCents(amount - csm);
}
