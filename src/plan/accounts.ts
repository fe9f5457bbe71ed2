/**
 * Rows that are not one account each. Contract and opportunity exports list
 * an account once per contract: rows with the same account ID (or, with no
 * ID column, the same account name) are one account whose ACVs add up. A
 * line repeated exactly is reported and counted once. A status or lifecycle
 * column says which rows are customers: leads, prospects, open
 * opportunities, churned and closed-lost rows are not planned unless the
 * user asks for every status.
 */
import { ExportCell } from "./columns";

/** What a status cell says about the row. "unknown" rows are kept (and their statuses listed). */
export type StatusKind = "customer" | "not-customer" | "unknown";

/**
 * Statuses that are not customers to cover: CRM lifecycle stages before a
 * sale (HubSpot: subscriber, lead, MQL, SQL, opportunity), Salesforce
 * account types and open or lost opportunity stages, and former customers.
 */
const NOT_CUSTOMER = [
  /\b(lead|leads|mql|sql|subscriber|prospect|prospects|prospecting|suspect)\b/,
  /marketing ?qualified|sales ?qualified|salesqualified|marketingqualified/,
  /\bopportunity\b/,
  /\b(qualification|needs analysis|value proposition|id\.? decision makers|perception analysis|proposal|negotiation|discovery|pipeline|evaluation|trial)\b/,
  /\b(churned|churn|lost|closed lost|cancelled|canceled|terminated|former|ex[- ]customer|inactive|lapsed|expired|disqualified|unqualified|dead)\b/,
];
const CUSTOMER =
  /\b(customer|client|active|closed won|won|renewal|renewed|live|paying|subscriber active|evangelist)\b/;

export function statusKind(cell: ExportCell): StatusKind {
  if (cell === null) return "unknown";
  const text = String(cell)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[_-]+/g, " ")
    .trim();
  if (text === "") return "unknown";
  // "Former Customer", "Customer - Churned", "Inactive Customer": the negative word wins.
  if (NOT_CUSTOMER.some((pattern) => pattern.test(text))) return "not-customer";
  return CUSTOMER.test(text) ? "customer" : "unknown";
}

/** The key that makes rows one account: the ID as written (trimmed), else the name without case or extra spaces. */
export function accountKey(
  row: readonly ExportCell[],
  idColumn: number | null,
  nameColumn: number | null
): string | null {
  const column = idColumn ?? nameColumn;
  if (column === null) return null;
  const cell = row[column] ?? null;
  if (cell === null) return null;
  const text = String(cell).trim();
  if (text === "") return null;
  return idColumn !== null ? `id:${text}` : `name:${text.toLowerCase().replace(/\s+/g, " ")}`;
}

/** A row's full content, to find lines repeated exactly. */
export function rowFingerprint(row: readonly ExportCell[]): string {
  return JSON.stringify(row.map((c) => (typeof c === "string" ? c.trim() : c)));
}
