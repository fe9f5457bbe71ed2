/**
 * Whole-contract amounts: "Total Contract Value" over 12- to 36-month
 * contracts beside a "Term (months)" column, and an opportunity export whose
 * only amount is "Amount". Neither is taken as ACV without the user's word;
 * with it, the ACV is TCV x 12 / term.
 */
import { trueAccounts } from "./common";
import { PlanHazardExport } from "./plan-export";

export function tcvExports(seed = 1203): PlanHazardExport[] {
  const accounts = trueAccounts(seed, 45);
  const terms = [12, 24, 36];
  const withTerm = accounts.map((a, i) => ({
    a,
    term: terms[i % 3],
    tcv: (a.acv * terms[i % 3]) / 12,
  }));
  const tcvRows = [
    ["Account Name", "Total Contract Value", "Term (months)", "Close Date"],
    ...withTerm.map((x) => [x.a.name, x.tcv, x.term, "2026-03-31"]),
  ];
  const amountRows = [
    ["Opportunity Name", "Account Name", "Stage", "Amount"],
    ...accounts.map((a) => [`${a.name} renewal`, a.name, "Closed Won", a.acv]),
  ];
  return [
    {
      name: "tcv-with-term",
      rows: tcvRows,
      accounts: accounts.map((a) => ({ acv: a.acv })),
      outcome: {
        kind: "refusal",
        message:
          /whole contract's value \("Total Contract Value"\), not a year's; with the term column "Term \(months\)".*--acv-column "Total Contract Value"/,
        resolvedBy: ["--acv-column", "Total Contract Value"],
      },
    },
    {
      name: "amount-without-term",
      rows: amountRows,
      // Only 12-month deals here, so the user's word (the amount is a year's) gives the true plan.
      accounts: accounts.map((a) => ({ acv: a.acv })),
      outcome: {
        kind: "refusal",
        message: /\("Amount"\), not a year's, and there is no term column.*--acv-column "Amount"/,
        resolvedBy: ["--acv-column", "Amount"],
      },
    },
  ];
}
