/**
 * Status and lifecycle columns: a HubSpot companies export ("Lifecycle
 * Stage": Customer, Lead, Opportunity...) and a Salesforce account list
 * ("Type": Customer - Direct, Prospect, Former Customer). Only customers are
 * planned unless --all-statuses says otherwise; the rows left out say why.
 */
import { pick, seededRandom, trueAccounts } from "./common";
import { PlanHazardExport } from "./plan-export";

export function statusExports(seed = 1204): PlanHazardExport[] {
  const random = seededRandom(seed);
  const customers = trueAccounts(seed, 40);
  const others = trueAccounts(seed + 1, 15);
  const hubspotNot = ["Lead", "Opportunity", "Subscriber", "Marketing Qualified Lead"];
  const salesforceNot = ["Prospect", "Former Customer", "Churned", "Closed Lost"];
  const mix = <T>(a: T[], b: T[]) => [...a, ...b].sort(() => random() - 0.5);
  const hubspot = mix(
    customers.map((a) => ({ a, status: "Customer" })),
    others.map((a) => ({ a, status: pick(random, hubspotNot) }))
  );
  const salesforce = mix(
    customers.map((a) => ({
      a,
      status: pick(random, ["Customer - Direct", "Customer - Channel"]),
    })),
    others.map((a) => ({ a, status: pick(random, salesforceNot) }))
  );
  return [
    {
      name: "status-hubspot-lifecycle",
      rows: [
        ["Company name", "Lifecycle Stage", "Company owner", "Annual Recurring Revenue"],
        ...hubspot.map((x) => [x.a.name, x.status, x.a.owner, x.a.acv]),
      ],
      accounts: customers.map((a) => ({ acv: a.acv })),
      outcome: {
        kind: "plan",
        skipped: {
          count: others.length,
          reason:
            /^"Lifecycle Stage" is "[^"]+": not a customer \(plan them too with --all-statuses\)$/,
        },
      },
    },
    {
      name: "status-salesforce-type",
      rows: [
        ["Account Name", "Type", "ACV"],
        ...salesforce.map((x) => [x.a.name, x.status, x.a.acv]),
      ],
      accounts: customers.map((a) => ({ acv: a.acv })),
      outcome: {
        kind: "plan",
        skipped: { count: others.length, reason: /^"Type" is "[^"]+": not a customer/ },
      },
    },
    {
      name: "status-all-statuses",
      rows: [
        ["Account Name", "Type", "ACV"],
        ...salesforce.map((x) => [x.a.name, x.status, x.a.acv]),
      ],
      accounts: [...customers, ...others].map((a) => ({ acv: a.acv })),
      args: ["--all-statuses"],
      outcome: { kind: "plan" },
    },
  ];
}
