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
  let lead: ExpansionLead;
  let csmShare: number;
  if (amount < bands.csm_owned_below) {
    lead = "CSM-owned";
    csmShare = 1;
  } else if (amount <= bands.csm_led_up_to) {
    lead = "CSM-led, AE supporting";
    csmShare = bands.csm_led_csm_share;
  } else {
    lead = "AE-led, CSM co-credit";
    csmShare = bands.ae_led_csm_share;
  }
  const csm = roundCents(amount * csmShare);
  // The AE gets the rest, so the two credits always add up to the amount.
  const ae = roundCents(amount - csm);
  return { lead, csmShare, csm, ae };
}
