/**
 * Contract- and opportunity-level exports: one row per contract, so an
 * account with three contracts is three rows whose ACVs add up to what the
 * account pays. With an account ID column, rows are combined by ID; without
 * one, by account name. One line repeated exactly (an export glitch) is
 * counted once and reported.
 */
import { seededRandom, trueAccounts } from "./common";
import { cents, PlanHazardExport } from "./plan-export";

export function contractExports(seed = 1202): PlanHazardExport[] {
  const random = seededRandom(seed);
  const accounts = trueAccounts(seed, 60);
  // Each account's ACV split over 1 to 3 contracts, in whole dollars that add up exactly.
  const contracts = accounts.flatMap((a, i) => {
    const parts = 1 + Math.floor(random() * 3);
    const pieces: number[] = [];
    let left = a.acv;
    for (let p = 0; p < parts - 1; p++) {
      const piece = Math.round(left * (0.2 + random() * 0.4));
      pieces.push(piece);
      left = cents(left - piece);
    }
    pieces.push(left);
    return pieces.map((acv, p) => ({ a, acv, contract: `C-${i + 1}-${p + 1}` }));
  });
  // Contracts interleaved the way a report sorted by contract date lists them.
  contracts.sort((x, y) => x.contract.localeCompare(y.contract) * (random() < 0.5 ? 1 : -1));
  const combined = contracts.length - accounts.length;
  const byId = [
    ["Contract Number", "Account ID", "Account Name", "Account Owner", "ACV", "Start Date"],
    ...contracts.map((c) => [c.contract, c.a.id, c.a.name, c.a.owner, c.acv, "2026-01-01"]),
  ];
  const byName = [
    ["Account Name", "Contract", "ARR"],
    ...contracts.map((c) => [c.a.name, c.contract, c.acv]),
  ];
  // The same line twice: counted once, reported.
  const duplicated = [...byId, byId[5]];
  return [
    {
      name: "contracts-by-account-id",
      rows: byId,
      accounts: accounts.map((a) => ({ acv: a.acv })),
      outcome: { kind: "plan", combined },
    },
    {
      name: "contracts-by-account-name",
      rows: byName,
      accounts: accounts.map((a) => ({ acv: a.acv })),
      outcome: { kind: "plan", combined },
    },
    {
      name: "contracts-duplicate-line",
      rows: duplicated,
      accounts: accounts.map((a) => ({ acv: a.acv })),
      outcome: {
        kind: "plan",
        combined,
        skipped: { count: 1, reason: /^the same as row 6 in every column: counted once/ },
      },
    },
    {
      name: "contracts-rows-are-accounts",
      rows: byId,
      // Told each row is an account: the plan of the rows as they are.
      accounts: contracts.map((c) => ({ acv: c.acv })),
      args: ["--rows-are-accounts"],
      outcome: { kind: "plan", combined: 0 },
    },
  ];
}
