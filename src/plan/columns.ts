/**
 * Finding the header row and the columns of a CRM export: the ACV/ARR column
 * (by common header names), and optionally the account name, owner (CSM),
 * last activity date and industry. "Annual Revenue" is never taken: in
 * Salesforce and HubSpot it is the customer's company revenue, not what the
 * customer pays us. MRR is only used (x12) when the user confirms it.
 */
import { statusKind, StatusKind } from "./accounts";
import { PlanMessages } from "./messages";

/** One cell of an export as it arrives (typed like an Excel paste). */
export type ExportCell = number | string | boolean | null;

/**
 * How many rows from the top are searched for the header row. Report titles,
 * KPI lines and filter lines sit above it (a Salesforce report with 27 filters
 * puts its header past row 30), so the search goes well past a screenful.
 */
export const HEADER_SCAN_ROWS = 200;

/**
 * Salesforce's standard field API names as Data Loader writes them, in
 * capitals (CURRENCYISOCODE), where their words cannot be told apart; in
 * mixed case (CurrencyIsoCode, as Workbench writes them) they split anyway.
 */
const API_NAMES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    accountid: "account id",
    accountnumber: "account number",
    annualrevenue: "annual revenue",
    closedate: "close date",
    contractnumber: "contract number",
    contractterm: "contract term",
    currencyisocode: "currency iso code",
    enddate: "end date",
    lastactivitydate: "last activity date",
    ownerid: "owner id",
    startdate: "start date",
    stagename: "stage name",
  })
);

/**
 * Header text reduced to lower-case words: "ACV (USD)" -> "acv usd",
 * "Last_Activity" -> "last activity"; a Salesforce API name as an export
 * of API names has it: "ARR__c" -> "arr", "SBQQ__NetAmount__c" -> "net
 * amount" (a custom field's suffix and a package's prefix dropped),
 * "CURRENCYISOCODE" -> "currency iso code".
 */
export function headerWords(header: string): string {
  const words = header
    .replace(/^(?:[A-Za-z][A-Za-z0-9]*__)?([A-Za-z][A-Za-z0-9_]*?)__c$/i, "$1")
    // "Étape", "Währung": accents dropped, not their letters.
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return API_NAMES.get(words) ?? words;
}

/** Words of a header that say its amounts are in thousands or millions: "ARR ($K)", "ACV (in 000s)". */
const THOUSANDS_WORDS = new Set(["k", "000", "000s", "thousand", "thousands"]);
const MILLIONS_WORDS = new Set(["m", "mm", "mn", "mio", "million", "millions"]);

/** The unit a header gives its amounts in: "ARR ($K)" is in thousands, "ARR (USD M)" in millions; null when none. */
export function headerScale(header: string): { factor: number; unit: string } | null {
  const words = headerWords(header).split(" ");
  if (words.some((w) => THOUSANDS_WORDS.has(w))) return { factor: 1e3, unit: "thousands" };
  if (words.some((w) => MILLIONS_WORDS.has(w))) return { factor: 1e6, unit: "millions" };
  return null;
}

/** Currency and unit words that do not change what a column is: "ARR (USD)" is ARR, and so is "ARR ($K)". */
const NOISE_WORDS = new Set([
  "usd",
  "eur",
  "gbp",
  "in",
  "amount",
  "total",
  "current",
  "the",
  // Salesforce's "Annual Contract Value (converted)": the same field in the corporate currency.
  "converted",
  ...THOUSANDS_WORDS,
  ...MILLIONS_WORDS,
]);

function significantWords(header: string): string {
  return (
    headerWords(header)
      .split(" ")
      // "ARR (INR)" is ARR, as "ARR (USD)" is.
      .filter((w) => w !== "" && !NOISE_WORDS.has(w) && !CURRENCY_WORDS.test(w))
      .join(" ")
  );
}

/** Headers that hold an annual contract amount once noise words are dropped. */
const ACV_NAMES = new Set([
  "acv",
  "arr",
  "annual contract value",
  "annualized contract value",
  "annualised contract value",
  "contract value",
  "annual recurring revenue",
  "subscription",
  "subscription value",
  "annual subscription value",
  "annual subscription",
  "account acv",
  "account arr",
  "customer arr",
  "customer acv",
]);

const MRR_NAMES = new Set(["mrr", "monthly recurring revenue", "account mrr", "customer mrr"]);

/**
 * Amounts of a whole contract or deal, not of a year: never ACV without the
 * user's word (a 36-month deal's TCV is three years of ACV). Compared on the
 * whole header's words, currency words aside.
 */
const TCV_NAMES = new Set([
  "tcv",
  "total contract value",
  "total contract amount",
  "contract total",
  "amount",
  "opportunity amount",
  "deal amount",
  "deal value",
  "opportunity value",
  "bookings",
  "booking amount",
  "total bookings",
  "total amount",
  "total value",
]);

/** A word that makes a column about an amount something else: its currency, its date, its growth. */
const DISQUALIFYING = /\b(currency|date|id|type|growth|change|delta|percent|pct|rank|band|tier)\b/;

/** "Annual Revenue", "AnnualRevenue", "Company Annual Revenue": company size, never ACV. */
export function isAnnualRevenue(header: string): boolean {
  const words = headerWords(header);
  return /\bannual revenue\b/.test(words) && !/\brecurring\b/.test(words);
}

/**
 * A header that names its measure in parentheses, "Annual Contract Value
 * (ACV)" or "Jahresvertragswert (ACV)": the abbreviation (lower case) and the
 * header without it; null abbreviation when there is none.
 */
function restatedAbbreviation(header: string): { abbreviation: string | null; rest: string } {
  const match = /\(\s*(acv|arr|mrr|tcv)\s*\)/i.exec(header);
  if (match === null) return { abbreviation: null, rest: header };
  return {
    abbreviation: match[1].toLowerCase(),
    rest: `${header.slice(0, match.index)} ${header.slice(match.index + match[0].length)}`,
  };
}

/**
 * The record type a billing or pipeline export puts before every header:
 * Pipedrive's "Deal - ARR", "Organization - Name"; Chargebee's
 * "subscriptions.mrr", "customers.company". Headers are read with it (as
 * "deal arr") and, when that names nothing, without it. Not Pipedrive's
 * "Person - Name": a person is not the account.
 */
const RECORD_PREFIX =
  /^(?:(?:deal|organization) - |(?:subscriptions|customers|invoices|orders|plans|addons|transactions)\.)(?=\S)/i;

/** The header without its record type's prefix ("subscriptions.mrr" -> "mrr"); null when it has none. */
export function withoutRecordPrefix(header: string): string | null {
  const text = header.trim();
  const match = RECORD_PREFIX.exec(text);
  return match === null ? null : text.slice(match[0].length);
}

/** Whether a header, or the same header without its record type's prefix, is of a kind. */
function eitherWay(header: string, test: (h: string) => boolean): boolean {
  if (test(header)) return true;
  const stripped = withoutRecordPrefix(header);
  return stripped !== null && test(stripped);
}

export function isAcvHeader(header: string): boolean {
  if (isTcvHeader(header) || isMrrHeader(header)) return false;
  return eitherWay(header, acvName);
}

function acvName(header: string): boolean {
  if (isAnnualRevenue(header)) return false;
  const words = headerWords(header);
  if (DISQUALIFYING.test(words)) return false;
  const { abbreviation, rest } = restatedAbbreviation(header);
  if (abbreviation === "acv" || abbreviation === "arr") return true;
  // A bare "Subscription" (NetSuite, Zuora) names the subscription ("QZ-SUB-1"), not its value.
  if (headerWords(rest) === "subscription") return false;
  // "Subscription Amount" keeps only "subscription" after the noise words go.
  return ACV_NAMES.has(significantWords(rest));
}

/** A currency code in a header ("ARR (EUR)") is not part of its name. */
function withoutCurrency(header: string): string {
  return headerWords(header)
    .split(" ")
    .filter(
      (w) =>
        w !== "" &&
        w !== "converted" &&
        !CURRENCY_WORDS.test(w) &&
        !THOUSANDS_WORDS.has(w) &&
        !MILLIONS_WORDS.has(w)
    )
    .join(" ");
}
// ISO codes as currency.ts knows them (KNOWN_CODES; not imported, currency.ts imports this file).
const CURRENCY_WORDS =
  /^(usd|eur|gbp|jpy|chf|cad|aud|nzd|sek|nok|dkk|isk|pln|czk|huf|ron|bgn|hrk|try|rub|uah|inr|cny|rmb|hkd|sgd|twd|krw|thb|myr|idr|php|vnd|brl|mxn|ars|clp|cop|pen|zar|ils|aed|sar|qar|egp|ngn|kes|kwd|bhd|omr|jod|tnd|lyd|iqd|pkr|bdt|lkr|npr|kzt|uyu|pyg|crc|dop|gtq|ves|ghs|tzs|ugx|xof|xaf|rsd|mkd|amd|azn|byn|uzs|mnt|khr|bnd)$/;

export function isTcvHeader(header: string): boolean {
  return eitherWay(header, tcvName);
}

function tcvName(header: string): boolean {
  const words = headerWords(header);
  if (/\b(currency|date|id|type|stage|probability|percent|pct)\b/.test(words)) return false;
  const { abbreviation, rest } = restatedAbbreviation(header);
  // The abbreviation says what the column is: "Amount (ACV)" is a year's.
  if (abbreviation !== null) return abbreviation === "tcv";
  return TCV_NAMES.has(withoutCurrency(rest));
}

export function isMrrHeader(header: string): boolean {
  return eitherWay(header, mrrName);
}

function mrrName(header: string): boolean {
  const words = headerWords(header);
  if (DISQUALIFYING.test(words)) return false;
  const { abbreviation, rest } = restatedAbbreviation(header);
  if (abbreviation !== null) return abbreviation === "mrr";
  return MRR_NAMES.has(significantWords(rest));
}

/**
 * A deal's or contract's own status columns (they decide a row before the
 * account's: statusRank): Salesforce "Stage" (StageName), HubSpot "Deal
 * Stage", contract and subscription statuses, and the opportunity Phase,
 * Étape, Etapa of German, French and Spanish Salesforce and HubSpot.
 */
const ROW_STATUS_NAMES = [
  "stage",
  "deal stage",
  "opportunity stage",
  "stage name",
  "sales stage",
  "deal status",
  "opportunity status",
  "contract status",
  "subscription status",
  "phase",
  "etape",
  "etapa",
  "deal phase",
  "phase de la transaction",
  "etapa del negocio",
  // Brazilian Portuguese, Italian and Dutch opportunity and deal stages.
  "fase",
  "estagio",
  "dealfase",
] as const;

const OPTIONAL_NAMES = {
  name: [
    "account name",
    "account",
    "company name",
    "company",
    // HubSpot deal exports name each deal's company under these (the primary one first).
    "associated company primary",
    "associated company",
    "associated company name",
    "customer name",
    "customer",
    "name",
    // Pipedrive's deal export names each deal's organization ("Deal - Organization").
    "organization",
    "organization name",
    // German, French and Spanish Salesforce and HubSpot (accents dropped by headerWords).
    "accountname",
    "firmenname",
    "unternehmensname",
    "name des unternehmens",
    "kundenname",
    "unternehmen",
    "firma",
    "kunde",
    "nom du compte",
    "nom de l entreprise",
    "nom du client",
    "entreprise",
    "societe",
    "client",
    "nombre de la cuenta",
    "nombre de la empresa",
    "nombre del cliente",
    "cuenta",
    "empresa",
    "cliente",
    // HubSpot deal exports' associated company, in the same languages.
    "zugehoriges unternehmen",
    "entreprise associee",
    "empresa asociada",
    "nome da conta",
    "nome da empresa",
    "nome do cliente",
    "nome account",
    "nome dell account",
    "nome azienda",
    "azienda",
    "accountnaam",
    "bedrijfsnaam",
    "bedrijf",
    "klantnaam",
  ],
  owner: [
    "csm",
    "csm name",
    "assigned csm",
    "customer success manager",
    "success manager",
    "cs owner",
    "csm owner",
    "account owner",
    "company owner",
    "owner",
    "owner name",
    "accountinhaber",
    "inhaber des unternehmens",
    "firmeninhaber",
    "inhaber",
    "proprietaire du compte",
    "proprietaire de l entreprise",
    "proprietaire",
    "propietario de la cuenta",
    "propietario de la empresa",
    "propietario",
    "proprietario da conta",
    "proprietario da empresa",
    "proprietario account",
    "proprietario dell account",
    "accounteigenaar",
    "eigenaar van het bedrijf",
    "eigenaar",
  ],
  lastActivity: [
    "last activity",
    "last activity date",
    "last touch",
    "last touch date",
    "last touched",
    "last contacted",
    "last contact date",
    "last engagement",
    "last engagement date",
    "last activity time",
    "letzte aktivitat",
    "datum der letzten aktivitat",
    "derniere activite",
    "date de derniere activite",
    "date de la derniere activite",
    "ultima actividad",
    "fecha de ultima actividad",
    "fecha de la ultima actividad",
    "ultima atividade",
    "data da ultima atividade",
    "ultima attivita",
    "data ultima attivita",
    "laatste activiteit",
    "datum laatste activiteit",
  ],
  industry: [
    "industry",
    "vertical",
    "sector",
    "industry vertical",
    "branche",
    "secteur d activite",
    "secteur",
    "industrie",
    "industria",
    "setor",
    "settore",
  ],
  // Rows with the same account ID are one account (contract and opportunity exports).
  accountId: [
    "account id",
    "account id 18",
    "account id 15",
    "account number",
    "customer id",
    "customer number",
    "company id",
    // The primary company first: the other column can list several companies of one deal.
    "associated company id primary",
    "associated company ids primary",
    "associated company id",
    "associated company ids",
    "record id company",
    // Dynamics 365's Export to Excel: the hidden key column of an account list (each record's GUID).
    "do not modify account",
    "accountnummer",
    "kundennummer",
    "kunden id",
    "unternehmens id",
    "id du compte",
    "numero de compte",
    "numero client",
    "id client",
    "id de cuenta",
    "id de la cuenta",
    "numero de cuenta",
    "id de cliente",
    "id da conta",
    "numero da conta",
    "id account",
    "numero account",
    "codice cliente",
    "klantnummer",
  ],
  // Salesforce "CurrencyIsoCode" reads as "currency iso code".
  currency: [
    "currency",
    "account currency",
    "currency iso code",
    "currency code",
    "acv currency",
    "arr currency",
    "opportunity currency",
    "opportunity currency iso code",
    "deal currency",
    // HubSpot's deal property deal_currency_code, as its exports label it.
    "deal currency code",
    "contract currency",
    "contract currency code",
    "account currency code",
    "billing currency",
    "iso currency code",
    "currency iso",
    "ccy",
    "wahrung",
    "wahrungscode",
    "accountwahrung",
    "devise",
    "code devise",
    "code de devise",
    "moneda",
    "divisa",
    "codigo de moneda",
    "moeda",
    "codigo da moeda",
    "valuta",
    "codice valuta",
    "valutacode",
  ],
  status: [
    "account status",
    "customer status",
    "lifecycle stage",
    "status",
    "type",
    "account type",
    "company type",
    ...ROW_STATUS_NAMES,
    "customer type",
    "relationship",
    // Dynamics 365's customertypecode (Customer, Prospect, Competitor, Partner...).
    "relationship type",
    // The same fields in German, French and Spanish Salesforce and HubSpot:
    // account Typ/Type/Tipo, lifecycle stage.
    "typ",
    "lebenszyklusphase",
    "statut",
    "phase du cycle de vie",
    "tipo",
    "etapa del ciclo de vida",
    "stato",
    "etapa do ciclo de vida",
    "fase do ciclo de vida",
    "fase del ciclo di vita",
    "levenscyclusfase",
    "fase van de levenscyclus",
  ],
  // A contract's last day: a contract that ended before the as-of date is not a customer's.
  endDate: [
    "contract end date",
    "contract end",
    "end date",
    "subscription end date",
    "subscription end",
    "term end date",
    "service end date",
    "contract expiration date",
    "expiration date",
    "contract expiry date",
    "expiry date",
    "vertragsenddatum",
    "vertragsende",
    "enddatum",
    "date de fin du contrat",
    "date de fin",
    "fecha de finalizacion del contrato",
    "fecha de fin del contrato",
    "fecha de finalizacion",
    "fecha de fin",
    "data de termino do contrato",
    "data de termino",
    "data di fine del contratto",
    "data di fine",
    "einddatum contract",
    "einddatum",
  ],
  // When a row's term starts: a contract's start, or a deal's close date. Only for
  // telling an account's successive contracts (a renewal and the contract it
  // renewed) from contracts in force together; see rows.ts.
  startDate: [
    "contract start date",
    "contract start",
    "start date",
    "subscription start date",
    "subscription start",
    "term start date",
    "service start date",
    "contract effective date",
    "effective date",
    "close date",
    "closed date",
    "date closed",
    "closed won date",
    "won date",
    "deal close date",
    "opportunity close date",
    "vertragsbeginn",
    "vertragsstart",
    "startdatum",
    "schlusstermin",
    "abschlussdatum",
    "date de debut du contrat",
    "date de debut",
    "date de cloture",
    "fecha de inicio del contrato",
    "fecha de inicio",
    "fecha de cierre",
  ],
  term: [
    "term months",
    "term in months",
    "contract term",
    "contract term months",
    "term",
    "subscription term",
    "subscription term months",
    "contract length",
    "contract length months",
    "contract duration",
    "contract duration months",
    "duration months",
    "term years",
    "contract term years",
  ],
} as const;

export type OptionalColumn = keyof typeof OPTIONAL_NAMES;

/**
 * Japanese Salesforce and HubSpot headers, which have no Latin words: compared
 * on their own text (NFKC, spaces dropped: "取引先 種別" is "取引先種別").
 */
const JAPANESE_NAMES: Partial<Record<OptionalColumn, readonly string[]>> = {
  name: ["取引先名", "会社名", "顧客名", "企業名", "取引先"],
  owner: ["取引先所有者", "会社の所有者", "所有者", "担当者"],
  accountId: ["取引先id", "取引先番号", "顧客番号"],
  currency: ["通貨", "取引先通貨", "通貨コード", "取引通貨"],
  status: [
    "取引先種別",
    "種別",
    "フェーズ",
    "商談フェーズ",
    "取引ステージ",
    "ステータス",
    "ライフサイクルステージ",
  ],
  industry: ["業種"],
  lastActivity: ["最終活動日", "最終活動"],
  endDate: ["契約終了日"],
};

function japaneseText(header: string): string {
  return header.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/** The first header matching the names for a role, in the order of preference of the names. */
function findOptional(headers: readonly string[], role: OptionalColumn): number | null {
  const words = headers.map(headerWords);
  for (const name of OPTIONAL_NAMES[role]) {
    const index = words.indexOf(name);
    if (index >= 0) return index;
  }
  // Pipedrive's "Deal - Owner", Chargebee's "customers.company": the same names after the record type.
  const stripped = headers.map((h) => {
    const rest = withoutRecordPrefix(h);
    return rest === null ? null : headerWords(rest);
  });
  for (const name of OPTIONAL_NAMES[role]) {
    const index = stripped.indexOf(name);
    if (index >= 0) return index;
  }
  const japanese = JAPANESE_NAMES[role];
  if (japanese !== undefined) {
    const texts = headers.map((h, i) => (words[i] === "" ? japaneseText(h) : ""));
    for (const name of japanese) {
      const index = texts.indexOf(name);
      if (index >= 0) return index;
    }
  }
  // A currency column under a name not listed ("Local Currency", "Currency (ISO)",
  // Salesforce's "Amount Currency" beside a field's amount): a header that ends
  // in a currency word, or is about a currency and names no amount; not an amount
  // in a currency ("Amount in company currency") or a rate. Missing it would
  // read every amount as the plan currency.
  if (role === "currency") {
    const index = words.findIndex(
      (w) =>
        !CURRENCY_RATE_WORDS.test(w) &&
        (CURRENCY_CODE_ENDING.test(w) ||
          (/\b(currency|ccy)\b/.test(w) && !CURRENCY_AMOUNT_WORDS.test(w)))
    );
    if (index >= 0) return index;
  }
  return null;
}

/** The end of a header that holds a currency code: "Amount Currency", "ACV Currency ISO Code". */
const CURRENCY_CODE_ENDING = /\b(currency|ccy)( iso)?( code)?$/;
/** Words that make a header about a currency an amount or a rate, not a currency code. */
const CURRENCY_AMOUNT_WORDS =
  /\b(amount|value|revenue|arr|acv|mrr|tcv|total|price|sum|rate|exchange|conversion|converted)\b/;
/** An amount in a currency ("Amount in company currency") or a rate, even where it ends in "currency". */
const CURRENCY_RATE_WORDS = /\b(in|rate|exchange|conversion)\b/;

/**
 * The currency column that belongs to the ACV column: Salesforce exports each
 * currency field of a multi-currency org as two columns, "<field> Currency"
 * (the ISO code) and "<field>"; that pair wins over any other currency column.
 */
function pairedCurrency(headers: readonly string[], acv: number): number | null {
  // No ACV column yet (a question is being asked about it): nothing to pair with.
  if (acv < 0 || acv >= headers.length) return null;
  const amount = headerWords(headers[acv]);
  if (amount === "") return null;
  const index = headers.findIndex((h, i) => {
    const words = headerWords(h);
    return (
      i !== acv &&
      CURRENCY_CODE_ENDING.test(words) &&
      words.replace(CURRENCY_CODE_ENDING, "").trim() === amount
    );
  });
  return index >= 0 ? index : null;
}

/**
 * Whether the ACV column holds amounts converted to the organisation's own
 * currency (Salesforce's "Annual Contract Value (converted)", Dynamics 365's
 * "ARR (Base)") while the currency column is not its own but the records'
 * (each record's currency, which those amounts are no longer in).
 */
export function convertedBesideRecordCurrency(columns: ExportColumns): boolean {
  if (columns.currency === null) return false;
  const acv = columns.headers[columns.acv] ?? "";
  if (!/\bconverted\b/.test(headerWords(acv)) && !/\(\s*base\s*\)\s*$/i.test(acv)) return false;
  return pairedCurrency(columns.headers, columns.acv) !== columns.currency;
}

/**
 * HubSpot's association columns ("Associated Company IDs", "Associated
 * Company"), which list every company of a deal, separated by semicolons.
 */
export function isAssociationHeader(header: string): boolean {
  return /^associated compan(y|ies)\b/.test(headerWords(header));
}

/** Text that is a figure, not a name: digits with separators, a currency sign or code, a percent. */
function looksLikeFigure(text: string): boolean {
  return /^[\s$€£¥(+-]*(?:[A-Z]{3}\s?)?\d[\d.,'\s\u00a0\u202f]*(?:[kKmMbB]|%|\s?[A-Z]{3}|\s?[$€£¥])?\)?$/.test(
    text.trim()
  );
}

/** The text of a header cell: numbers and booleans as text, blank as "". */
export function headerText(cell: ExportCell): string {
  if (cell === null) return "";
  return String(cell).trim();
}

export interface HeaderRow {
  /** 0-based index of the header row in the export. */
  index: number;
  headers: string[];
}

/**
 * The header row: the first of the top rows that names an ACV, ARR or MRR
 * column (or the column the user named) and looks like a header: text only,
 * in at least two cells. A KPI line ("Total ARR" beside its figure) holds a
 * number, and a title or filter line one cell; a one-column export's header
 * is taken only when no row qualifies. One that also names the accounts
 * (a name or ID column) wins over an earlier one that does not: a summary
 * by segment above the accounts is not their header. Title rows and blank rows above it are
 * skipped.
 */
/**
 * A header as --acv-column names it: its Latin words (headerWords), or, for a
 * header with none ("年間契約額"), its own text (NFKC, without case); null for
 * a blank header, which no name names.
 */
function namedKey(header: string): string | null {
  const words = headerWords(header);
  if (words !== "") return words;
  const text = header.normalize("NFKC").trim().toLowerCase();
  return text === "" ? null : `\u0000${text}`;
}

export function findHeaderRow(rows: readonly ExportCell[][], named?: string): HeaderRow | null {
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  const wanted = named === undefined ? undefined : namedKey(named);
  let single: HeaderRow | null = null;
  // A header without the accounts' names or IDs (a summary by segment above the accounts) is
  // taken only when no later row of the first ones names them.
  let unnamed: HeaderRow | null = null;
  for (let r = 0; r < limit; r++) {
    const headers = rows[r].map(headerText);
    const hit = headers.some((h) =>
      wanted !== undefined
        ? wanted !== null && namedKey(h) === wanted
        : isAcvHeader(h) || isMrrHeader(h) || isTcvHeader(h)
    );
    if (!hit) continue;
    const filled = rows[r].filter((c) => c !== null && headerText(c) !== "");
    // A KPI line: "Total ARR" beside its figure, typed or as text ("$1,234,567", "1.234.567").
    if (filled.some((c) => typeof c !== "string" || looksLikeFigure(c))) continue;
    if (filled.length >= 2) {
      if (headerNamesAccounts(headers)) return { index: r, headers };
      unnamed ??= { index: r, headers };
    } else single ??= { index: r, headers };
  }
  return unnamed ?? single;
}

/**
 * Whether a header row names the accounts (an account name or ID column): a
 * summary by segment or owner ("Segment | Accounts | ARR") has an amount
 * column too, but its rows are not accounts.
 */
export function headerNamesAccounts(headers: readonly string[]): boolean {
  return findOptional(headers, "name") !== null || findOptional(headers, "accountId") !== null;
}

/**
 * The row that most looks like a header when none names an ACV: the first
 * of the top rows with the most text cells (two at least), to show the user
 * what was seen.
 */
function likelyHeaderRow(rows: readonly ExportCell[][]): HeaderRow | null {
  let best: HeaderRow | null = null;
  let bestCount = 1;
  rows.slice(0, HEADER_SCAN_ROWS).forEach((row, index) => {
    const count = row.filter((c) => typeof c === "string" && c.trim() !== "").length;
    if (count > bestCount) {
      best = { index, headers: row.map(headerText) };
      bestCount = count;
    }
  });
  return best;
}

/** The columns of an export, as 0-based indexes into its rows. */
export interface ExportColumns {
  headerRow: number;
  headers: string[];
  acv: number;
  /** True when the ACV column holds MRR, which the user confirmed to multiply by 12. */
  acvIsMrr: boolean;
  /**
   * True when the ACV column holds a whole contract's value (TCV, Amount,
   * Bookings) that the user named: with a term column the ACV is TCV x 12 /
   * term in months, without one the amount as it is.
   */
  acvIsTcv: boolean;
  name: number | null;
  owner: number | null;
  lastActivity: number | null;
  industry: number | null;
  accountId: number | null;
  currency: number | null;
  status: number | null;
  /**
   * Other status columns, in the order they decide a row the main one cannot
   * classify (see statusColumns).
   */
  moreStatuses: number[];
  /** A contract's end date: a row whose contract ended before the as-of date is left out. */
  endDate: number | null;
  /** When a row's term starts (a contract's start date, a deal's close date). */
  startDate: number | null;
  /** The contract term (months, or years when its header says so); used only for a TCV column. */
  term: number | null;
}

/** Why the columns could not be chosen on their own: the front end asks or refuses. */
export type ColumnQuestion =
  | { kind: "ambiguous"; candidates: string[] }
  | { kind: "mrr"; candidates: string[] }
  /** Only whole-contract amounts: plan on TCV x 12 / term (term column given) or as it is. */
  | {
      kind: "tcv";
      candidates: string[];
      term: string | null;
      headers: string[];
      headerRow: number;
    };

export type ColumnDetection =
  | { ok: true; columns: ExportColumns }
  | { ok: false; question: ColumnQuestion; headerRow: HeaderRow }
  | { ok: false; error: string };

/**
 * Which status says most about a row: a deal's or contract's own (its
 * stage, its status), then the account's (lifecycle stage, type,
 * relationship type), then a record's bare "Status" (Dynamics 365's is
 * Active for a prospect too).
 */
const ROW_STATUS = new Set<string>(ROW_STATUS_NAMES);
const BARE_STATUS_NAMES = new Set(["status", "statut", "stato"]);
/** Japanese deal stages (row statuses) and the bare status. */
const JAPANESE_ROW_STATUS = new Set(["フェーズ", "商談フェーズ", "取引ステージ"]);
export function statusRank(header: string): number {
  const words = statusWords(header);
  if (words === "") {
    const text = japaneseText(header);
    if (JAPANESE_ROW_STATUS.has(text)) return 0;
    return text === "ステータス" ? 2 : 1;
  }
  if (ROW_STATUS.has(words)) return 0;
  return BARE_STATUS_NAMES.has(words) ? 2 : 1;
}

/** A status header's words: "subscriptions.status" is a Status, "Deal - Stage" a Deal Stage. */
function statusWords(header: string): string {
  const words = headerWords(header);
  const rest = withoutRecordPrefix(header);
  if (rest === null || (OPTIONAL_NAMES.status as readonly string[]).includes(words)) return words;
  return headerWords(rest);
}

/**
 * The status columns. An export can have several: Salesforce's opportunity
 * "Type" (New Business, Existing Business) beside its "Stage" (Prospecting,
 * Closed Won); HubSpot's "Lifecycle Stage" beside the company "Type";
 * Dynamics 365's record "Status" (Active for a prospect too) beside its
 * "Relationship Type". They are ranked (statusRank); within a rank, a
 * column with values that are not a customer's first, then the one whose
 * values say customer or not in the most rows, then the names' order of
 * preference. The first column in that order whose value the plan can
 * classify decides for a row (a stale account "Type" of Prospect does not
 * leave out a Closed Won deal), except that a bare "Status" that says a row
 * is not a customer's (Inactive, Churned, Expired) always leaves it out;
 * the main one names the statuses it cannot classify.
 */
function statusColumns(
  headers: readonly string[],
  acv: number,
  rows: readonly ExportCell[][],
  headerRow: number
): { status: number | null; moreStatuses: number[] } {
  const words = headers.map(statusWords);
  const candidates: number[] = [];
  for (const name of OPTIONAL_NAMES.status)
    words.forEach((w, i) => {
      if (w === name && i !== acv && !candidates.includes(i)) candidates.push(i);
    });
  for (const name of JAPANESE_NAMES.status ?? [])
    words.forEach((w, i) => {
      if (w === "" && japaneseText(headers[i]) === name && i !== acv && !candidates.includes(i))
        candidates.push(i);
    });
  if (candidates.length <= 1) return { status: candidates[0] ?? null, moreStatuses: [] };
  const scored = candidates.map((column, order) => {
    // Each value classified once: a status column holds a few values a million times.
    const kinds = new Map<ExportCell, StatusKind>();
    let classified = 0;
    let notCustomer = false;
    for (let r = headerRow + 1; r < rows.length; r++) {
      const cell = rows[r][column] ?? null;
      let kind = kinds.get(cell);
      if (kind === undefined) {
        kind = statusKind(cell);
        if (kinds.size < 4096) kinds.set(cell, kind);
      }
      if (kind !== "unknown") classified++;
      if (kind === "not-customer") notCustomer = true;
    }
    return { column, rank: statusRank(headers[column]), classified, notCustomer, order };
  });
  scored.sort(
    (a, b) =>
      a.rank - b.rank ||
      Number(b.notCustomer) - Number(a.notCustomer) ||
      b.classified - a.classified ||
      a.order - b.order
  );
  return {
    status: scored[0].column,
    moreStatuses: scored
      .slice(1)
      .filter((c) => c.classified > 0)
      .map((c) => c.column),
  };
}

function optionalColumns(
  headers: readonly string[],
  acv: number,
  rows: readonly ExportCell[][] = [],
  headerRow = 0
) {
  const pick = (role: OptionalColumn) => {
    const index = findOptional(headers, role);
    return index === acv ? null : index;
  };
  return {
    name: pick("name"),
    owner: pick("owner"),
    lastActivity: pick("lastActivity"),
    industry: pick("industry"),
    accountId: pick("accountId"),
    currency: pairedCurrency(headers, acv) ?? pick("currency"),
    ...statusColumns(headers, acv, rows, headerRow),
    endDate: pick("endDate"),
    startDate: pick("startDate"),
    term: pick("term"),
  };
}

/**
 * A Salesforce report of a multi-currency org can hold a field twice:
 * "Annual Contract Value" in each record's currency and "Annual Contract
 * Value (converted)" in the corporate currency. The converted one is taken
 * when every other candidate is the same field, so a EUR contract needs no
 * rate; candidates that name different measures stay a question.
 */
function preferConverted(candidates: string[]): string[] {
  const isConverted = (h: string) => /\bconverted\b/.test(headerWords(h));
  const converted = candidates.filter(isConverted);
  if (converted.length !== 1 || candidates.length === 1) return candidates;
  const field = significantWords(converted[0]);
  return candidates.every((h) => isConverted(h) || significantWords(h) === field)
    ? converted
    : candidates;
}

/**
 * Detects the columns. `acvColumn` is the user's answer (--acv-column, or the
 * pane's question): a header name, matched like the headers are (case and
 * punctuation aside). Naming an MRR column confirms multiplying it by 12.
 */
export function detectColumns(
  rows: readonly ExportCell[][],
  acvColumn?: string,
  firstRowNumber = 1
): ColumnDetection {
  const header = findHeaderRow(rows, acvColumn);
  if (header === null) {
    if (acvColumn !== undefined) {
      const first = rows.slice(0, HEADER_SCAN_ROWS).find((row) => row.some((c) => c !== null));
      return {
        ok: false,
        error: PlanMessages.unknownAcvColumn(acvColumn, (first ?? []).map(headerText)),
      };
    }
    const top = rows.slice(0, HEADER_SCAN_ROWS).flat().map(headerText);
    const revenue = top.find(isAnnualRevenue) ?? null;
    const seen = likelyHeaderRow(rows);
    return {
      ok: false,
      error: PlanMessages.noHeaderRow(
        Math.min(rows.length, HEADER_SCAN_ROWS),
        revenue,
        seen === null ? null : { row: seen.index + firstRowNumber, headers: seen.headers }
      ),
    };
  }
  const { headers } = header;
  const columns = (acv: number, acvIsMrr: boolean, acvIsTcv = false): ColumnDetection => ({
    ok: true,
    columns: {
      headerRow: header.index,
      headers,
      acv,
      acvIsMrr,
      acvIsTcv,
      ...optionalColumns(headers, acv, rows, header.index),
    },
  });
  const unclear = (acv: number): ColumnDetection | null => {
    const term = optionalColumns(headers, acv).term;
    const termHeader = term === null ? "" : headers[term];
    const r = unclearContractValue(headers[acv], rows, header.index, term, termHeader);
    if (r === null || term === null) return null;
    return {
      ok: false,
      error: PlanMessages.contractValueUnclear(
        headers[acv],
        termHeader,
        headerText(rows[r][term] ?? null),
        r + firstRowNumber
      ),
    };
  };
  // A billing export's amount per billing interval (Stripe's "Amount" beside "Interval" =
  // month): neither a year's nor a contract's; no term column annualises it.
  const amountPerInterval = (acv: number): ColumnDetection | null => {
    if (optionalColumns(headers, acv).term !== null) return null;
    const interval = headers.findIndex((h, i) => i !== acv && eitherWay(h, isIntervalHeader));
    if (interval < 0) return null;
    for (let r = header.index + 1; r < rows.length; r++) {
      const value = headerText(rows[r][interval] ?? null);
      if (value !== "" && !YEARLY.test(value))
        return {
          ok: false,
          error: PlanMessages.amountPerInterval(
            headers[acv],
            headers[interval],
            value,
            r + firstRowNumber
          ),
        };
    }
    return null;
  };
  if (acvColumn !== undefined) {
    const key = namedKey(acvColumn);
    const named = headers.flatMap((h, i) => (key !== null && namedKey(h) === key ? [i] : []));
    // Two columns under one name (two years' "ARR"): taking the first would be a guess.
    if (named.length > 1)
      return {
        ok: false,
        error: PlanMessages.acvColumnTwice(
          acvColumn,
          named.map((i) => i + 1)
        ),
      };
    const acv = named[0];
    if (isAnnualRevenue(headers[acv]))
      return { ok: false, error: PlanMessages.annualRevenueRefused(headers[acv]) };
    const perInterval = isTcvHeader(headers[acv]) ? amountPerInterval(acv) : null;
    if (perInterval !== null) return perInterval;
    return unclear(acv) ?? columns(acv, isMrrHeader(headers[acv]), isTcvHeader(headers[acv]));
  }
  const acvCandidates = preferConverted(headers.filter(isAcvHeader));
  if (acvCandidates.length === 1) {
    const acv = headers.indexOf(acvCandidates[0]);
    return unclear(acv) ?? columns(acv, false);
  }
  if (acvCandidates.length > 1)
    return {
      ok: false,
      question: { kind: "ambiguous", candidates: acvCandidates },
      headerRow: header,
    };
  const mrr = headers.filter(isMrrHeader);
  if (mrr.length > 0)
    return { ok: false, question: { kind: "mrr", candidates: mrr }, headerRow: header };
  const term = optionalColumns(headers, -1).term;
  const tcv = headers.findIndex(isTcvHeader);
  const perInterval = term === null && tcv >= 0 ? amountPerInterval(tcv) : null;
  if (perInterval !== null) return perInterval;
  return {
    ok: false,
    question: {
      kind: "tcv",
      candidates: headers.filter(isTcvHeader),
      term: term === null ? null : headers[term],
      headers,
      headerRow: header.index,
    },
    headerRow: header,
  };
}

/** A contract term in months: a number of months, or text "36", "36 months", "3 years". */
export function termMonths(cell: ExportCell, header: string): number | null {
  const inYears = /\byears?\b|\byrs?\b/i.test(header);
  let value: number | null = null;
  let years = inYears;
  if (typeof cell === "number") value = cell;
  else if (typeof cell === "string") {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(months?|mos?|m|years?|yrs?|y)?\s*$/i.exec(cell);
    if (m) {
      value = Number(m[1]);
      if (m[2] !== undefined) years = /^y/i.test(m[2]);
    }
  }
  if (value === null || !Number.isFinite(value) || value <= 0) return null;
  const months = years ? value * 12 : value;
  return months > 0 && months <= 1200 ? months : null;
}

/**
 * "Contract Value" says neither a year nor a whole contract. Beside a term
 * column whose terms are not all 12 months it is most often the whole
 * contract's (Salesforce contracts: Contract Term in months), and read as a
 * year's it would put a 36-month contract at three times its ACV: the user
 * renames it to say which. The first row whose term is not 12 months, or null.
 */
function unclearContractValue(
  header: string,
  rows: readonly ExportCell[][],
  headerRow: number,
  term: number | null,
  termHeader: string
): number | null {
  if (term === null || significantWords(header) !== "contract value" || isTcvHeader(header))
    return null;
  for (let r = headerRow + 1; r < rows.length; r++) {
    const months = termMonths(rows[r][term] ?? null, termHeader);
    if (months !== null && months !== 12) return r;
  }
  return null;
}

/** A billing interval column: Stripe's "Interval", "Billing Frequency", Chargebee's "billing_period_unit". */
const INTERVAL_NAMES = new Set([
  "interval",
  "billing interval",
  "billing frequency",
  "billing cycle",
  "billing period unit",
  "plan interval",
  "price interval",
  "recurring interval",
]);
function isIntervalHeader(header: string): boolean {
  return INTERVAL_NAMES.has(headerWords(header));
}
/** An interval of a year: an amount per such an interval is a year's. */
const YEARLY = /^\s*(year|years|yearly|annual|annually|12 months)\s*$/i;

/** The one-line message for a question the command line cannot ask. */
export function questionMessage(question: ColumnQuestion): string {
  if (question.kind === "ambiguous") return PlanMessages.ambiguousAcv(question.candidates);
  if (question.kind === "mrr") return PlanMessages.mrrNeedsConfirmation(question.candidates);
  return PlanMessages.tcvNeedsConfirmation(question.candidates, question.term);
}
