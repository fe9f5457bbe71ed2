/**
 * Forward planning and cost (MODEL.md §4):
 *   forward ARR       = current ARR x (1 - gross churn) + new ARR + expansion ARR
 *                       (S2 "calibrate to 12-month ARR")
 *   cost per account  = loaded cost per CSM / accounts per CSM + tool cost per account
 *                       (S0 §4.3)
 * Money is rounded to the cent. Callers validate the inputs (amounts 0 or
 * more, churn 0-100%, accounts per CSM above 0).
 */
import { roundCents } from "./money";

export function forwardArr(
  currentArr: number,
  grossChurn: number,
  newArr: number,
  expansionArr: number
): number {
  return roundCents(currentArr * (1 - grossChurn) + newArr + expansionArr);
}

export function costPerAccount(
  loadedCostPerCsm: number,
  accountsPerCsm: number,
  toolCostPerAccount: number
): number {
  return roundCents(loadedCostPerCsm / accountsPerCsm + toolCostPerAccount);
}
