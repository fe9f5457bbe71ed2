/**
 * Rows that are not one account each. Contract and opportunity exports list
 * an account once per contract: rows with the same account ID (or, with no
 * ID column, the same account name) are one account whose ACVs add up. A
 * line repeated exactly is reported and counted once. A status or lifecycle
 * column says which rows are customers: leads, prospects, open
 * opportunities, churned and closed-lost rows are not planned unless the
 * user asks for every status.
 */
import type { ExportCell } from "./columns";

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
  // HubSpot's default deal pipeline: every stage before Closed won is an open deal.
  /\b(appointment scheduled|qualified to buy|presentation scheduled|decision maker bought in|contract sent)\b/,
  // The same stages by their internal names, as HubSpot exports them when asked for
  // internal values (and its API and many integrations write them): closedlost too.
  /^(appointmentscheduled|qualifiedtobuy|presentationscheduled|decisionmakerboughtin|contractsent|closedlost)$/,
  /\b(churned|churn|lost|closed lost|cancelled|canceled|terminated|former|ex[- ]customer|inactive|lapsed|expired|disqualified|unqualified|dead)\b/,
  // Dynamics 365 relationship types of accounts that are not customers.
  /\b(competitor|competitors|vendor|supplier|investor)\b/,
  // Salesforce contracts not yet in force: Draft, In Approval Process.
  /^(draft|in approval|in approval process)$/,
  // The same in German, French and Spanish Salesforce and HubSpot (accents dropped):
  // prospects and leads, open stages, lost, former, cancelled, expired, inactive, drafts.
  /\b(interessent|interessenten|potenzieller?|abonnent|marketingqualifiziert\w*|vertriebsqualifiziert\w*|qualifizierung|bedarfsanalyse|verhandlung|verloren|ehemalige?r?|gekundigt|storniert|abgelaufen|inaktiv|entwurf)\b/,
  /\b(abonne|abonnee|lead qualifie\w*|opportunite|prospection|negociation|perdu|perdue|ancien client|ancienne cliente|resilie|resiliee|expire|expiree|inactif|brouillon)\b/,
  /\b(prospecto|suscriptor|oportunidad|prospeccion|calificacion|negociacion|perdido|perdida|ex cliente|antiguo cliente|cancelado|cancelada|expirado|expirada|inactivo|inactiva|borrador)\b/,
  // Brazilian Portuguese, Italian and Dutch.
  /\b(potencial|assinante|oportunidade|qualificacao|proposta|negociacao|inativo|inativa|rascunho)\b/,
  /\b(potenziale|abbonato|opportunita|qualificazione|negoziazione|perso|persa|inattivo|inattiva|annullato|annullata|scaduto|scaduta|disdetto|disdetta|bozza)\b/,
  /\b(potentiele|kans|kwalificatie|voorstel|onderhandeling|voormalige?|inactief|opgezegd|geannuleerd|verlopen)\b/,
];
const CHURN_RISK = /^(will churn|churn risk|at risk|at risk of churn|risk of churn)$/;
const CUSTOMER =
  /\b(customer|client|active|activated|closed won|closedwon|won|renewal|renewed|live|paying|subscriber active|evangelist|kunde|kunden|gewonnen|aktiv|aktiviert|cliente|gagne|gagnee|actif|ganado|ganada|activo|activa|ganho|ganha|ativo|ativa|vinto|vinta|attivo|attiva|klant|klanten|actief)\b/;

/**
 * Japanese statuses (Salesforce's 顧客, 見込み客, 成立, 不成立; HubSpot's リード):
 * matched in the text as written, the negative ones first (元顧客 holds 顧客,
 * 不成立 holds 成立).
 */
const JAPANESE_NOT_CUSTOMER =
  /見込|リード|不成立|失注|解約|元顧客|旧顧客|休眠|キャンセル|提案|交渉|競合|期限切れ|無効|商談/;
const JAPANESE_CUSTOMER = /顧客|成立|受注|契約中/;

export function statusKind(cell: ExportCell): StatusKind {
  if (cell === null) return "unknown";
  if (typeof cell === "string" && /[\u3040-\u30ff\u4e00-\u9fff]/.test(cell)) {
    const written = cell.normalize("NFKC");
    if (JAPANESE_NOT_CUSTOMER.test(written)) return "not-customer";
    if (JAPANESE_CUSTOMER.test(written)) return "customer";
  }
  const text = String(cell)
    // "Fermée gagnée", "Gekündigt": the patterns are written without accents.
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[_-]+/g, " ")
    .trim();
  if (text === "") return "unknown";
  // A customer at risk of churning (Gainsight's "Will Churn" stage, "Churn Risk",
  // "At Risk") still holds its contract and needs covering: kept, and named for
  // the user to check, never left out as churned.
  if (CHURN_RISK.test(text)) return "unknown";
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

/** A cell as rowFingerprint compares it: text trimmed; a number that is not finite, and a hole, as blank. */
function comparable(cell: ExportCell | undefined): ExportCell {
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : null;
  return cell ?? null;
}

/** Whether two rows have the same rowFingerprint, without making either (a million JSON texts are seconds). */
export function sameLine(a: readonly ExportCell[], b: readonly ExportCell[]): boolean {
  if (a.length !== b.length) return false;
  for (let c = 0; c < a.length; c++) if (comparable(a[c]) !== comparable(b[c])) return false;
  return true;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Looked up once, not once a character: inside Jest's sandbox (a vm context)
// each lookup of a global such as Math costs about 0.4 µs, seconds over the tests.
const imul = Math.imul;
const numberBits = new Float64Array(1);
const numberWords = new Uint32Array(numberBits.buffer);

function hashText(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** FNV-1a over a row's content as sameLine compares it: rows that are the same line hash the same. */
export function lineHash(row: readonly ExportCell[]): number {
  let h = imul(FNV_OFFSET ^ row.length, FNV_PRIME);
  for (let c = 0; c < row.length; c++) {
    const cell = comparable(row[c]);
    if (typeof cell === "string") h = hashText(imul(h ^ 1, FNV_PRIME), cell);
    else if (typeof cell === "number") {
      // 0 and -0 are the same cell.
      numberBits[0] = cell === 0 ? 0 : cell;
      h = imul(imul(h ^ 2, FNV_PRIME) ^ numberWords[0], FNV_PRIME);
      h = imul(h ^ numberWords[1], FNV_PRIME);
    } else h = imul(h ^ (cell === null ? 3 : cell ? 4 : 5), FNV_PRIME);
  }
  return h >>> 0;
}

/** FNV-1a of a text (an account key). */
export function textHash(text: string): number {
  return hashText(FNV_OFFSET, text) >>> 0;
}

/**
 * Numbers (row or account indexes) found again by a 32-bit hash of what they
 * stand for, exact on collisions (the caller says which candidate is the
 * same): an open-addressing table in two typed arrays, where a Map of a
 * million keys would hold a million strings besides its own entries.
 */
export class HashedIndex {
  private hashes = new Uint32Array(16);
  /** Each slot's number + 1; 0 is an empty slot. */
  private slots = new Int32Array(16);
  private size = 0;

  /** The first number stored under `hash` for which `same` holds, or -1. */
  find(hash: number, same: (stored: number) => boolean): number {
    const mask = this.slots.length - 1;
    for (let i = hash & mask; this.slots[i] !== 0; i = (i + 1) & mask)
      if (this.hashes[i] === hash && same(this.slots[i] - 1)) return this.slots[i] - 1;
    return -1;
  }

  add(hash: number, stored: number): void {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    this.put(hash, stored + 1);
    this.size++;
  }

  private put(hash: number, slot: number): void {
    const mask = this.slots.length - 1;
    let i = hash & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.hashes[i] = hash;
    this.slots[i] = slot;
  }

  private grow(): void {
    const { hashes, slots } = this;
    this.hashes = new Uint32Array(slots.length * 2);
    this.slots = new Int32Array(slots.length * 2);
    for (let i = 0; i < slots.length; i++) if (slots[i] !== 0) this.put(hashes[i], slots[i]);
  }
}
