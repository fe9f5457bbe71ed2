/**
 * Messages about planning a CRM export, for `cs-coverage plan` and the
 * pane's Build coverage plan alike: which column is the ACV, and why a row
 * is left out (currencies, contract rows, statuses, TCV, activity dates).
 * Never suggests retyping an amount with "$".
 */
import { fmt, plural, quoteList } from "../core/errors";

const shownCell = (value: unknown) =>
  value === null || value === undefined ? "blank" : JSON.stringify(value);

export const PlanMessages = {
  ambiguousAcv: (candidates: readonly string[]) =>
    new Set(candidates).size < candidates.length
      ? `more than one column could hold the ACV: ${quoteList(candidates)}, and some have the same name; rename them in the export so each says what it holds (such as "ARR 2025" and "ARR 2026"), then choose one with --acv-column`
      : `more than one column could hold the ACV: ${quoteList(candidates)}; choose one with --acv-column`,
  acvColumnTwice: (name: string, positions: readonly number[]) =>
    `--acv-column ${JSON.stringify(name)} names ${positions.length} columns (columns ${positions.join(" and ")} of the header row); rename them in the export so each says what it holds, then name one`,
  contractValueUnclear: (column: string, term: string, months: string, row: number) =>
    `${JSON.stringify(column)} does not say whether it is a year's value or the whole contract's, and the contracts are not all 12 months (${JSON.stringify(term)} is ${months} on row ${fmt(row)}); rename the column "Annual Contract Value" (a year's, used as it is) or "Total Contract Value" (the whole contract's, planned as value x 12 / term), then run again`,
  mrrNeedsConfirmation: (columns: readonly string[]) =>
    `the only recurring-revenue column is monthly (${quoteList(columns)}); to plan on it multiplied by 12, confirm with --acv-column ${JSON.stringify(columns[0])}`,
  annualRevenueRefused: (column: string) =>
    `${JSON.stringify(column)} is the customer's company revenue in Salesforce and HubSpot, not ACV; it is never used as the ACV column`,
  unknownAcvColumn: (name: string, headers: readonly string[]) =>
    `--acv-column ${JSON.stringify(name)} is not a column of the header row; the columns are ${quoteList(headers)}`,
  noDataRows: () => "the export has a header row but no account rows under it",
  severalCompanies: (column: string, value: string, row: number, rows: number) =>
    `row ${row}: ${JSON.stringify(column)} is ${JSON.stringify(value)}, a deal associated with several companies, whose ACV cannot be given to one of them (planned as it is, it would be an account of its own)${rows > 1 ? `; ${rows} rows are like it` : ""}; export each deal's primary company ("Associated Company IDs (Primary)") instead, or keep one company on such deals, then run again`,
  convertedWithRecordCurrency: (
    acv: string,
    column: string,
    code: string,
    row: number,
    plan: string
  ) =>
    `${JSON.stringify(acv)} holds amounts already converted to the organisation's own currency, but the currency column ${JSON.stringify(column)} gives each record's own currency (${code} on row ${row}), which they are no longer in, so they would be converted twice; add the ${JSON.stringify(`${acv} Currency`)} column to the export, or plan from the records' own amounts with --acv-column and their rates (--set fx.${code}=<${plan} per 1 ${code}>), or, if the organisation's currency is ${plan}, remove the ${JSON.stringify(column)} column`,
  compactPivot: (header: string) =>
    `the header ${JSON.stringify(header)} is a pivot table's in compact form, whose rows mix groups (with their totals) and accounts, so every group would be counted twice; show the pivot in tabular form with its item labels repeated (PivotTable Design > Report Layout), or plan the data the pivot is made from`,
  skipBlank: () => "the ACV is blank",
  uncalculated: () =>
    "the ACV is a formula saved without its result (the file was written by a program that does not calculate); open the file in Excel and save it, so its formulas are calculated, then plan again",
  errorValue: (code: string) =>
    `the ACV cell holds Excel's error ${code} (a formula or lookup that failed, such as a VLOOKUP that found no match), not an amount; correct it in the file and plan again`,
  skipNegative: (value: number) => `the ACV ${fmt(value)} is negative (a credit note or refund?)`,
  amountPerInterval: (column: string, interval: string, value: string, row: number) =>
    `${JSON.stringify(column)} is an amount per billing interval, and ${JSON.stringify(interval)} is ${JSON.stringify(value)} on row ${row}, so it is neither a year's value nor a whole contract's; export the subscriptions' MRR or ARR (or add an "ARR" column of each amount x quantity, annualised) and plan on that`,
  tcvNeedsConfirmation: (columns: readonly string[], term: string | null) =>
    term !== null
      ? `the only amount column is a whole contract's value (${quoteList(columns)}), not a year's; with the term column ${JSON.stringify(term)} the plan can use ${JSON.stringify(columns[0])} x 12 / term in months as ACV: confirm with --acv-column ${JSON.stringify(columns[0])}`
      : `the only amount column is a whole contract's or deal's value (${quoteList(columns)}), not a year's, and there is no term column to annualise it; add an ACV/ARR column, add a "Term (months)" column, or, if every contract runs 12 months, confirm with --acv-column ${JSON.stringify(columns[0])}`,
  noHeaderRow: (
    scanned: number,
    annualRevenue: string | null,
    seen: { row: number; headers: readonly string[] } | null
  ) => {
    const head = `no ACV or ARR column found in the first ${fmt(scanned)} rows`;
    const list =
      seen === null
        ? "; no row there has column headers"
        : `; the headers seen (row ${fmt(seen.row)}) are ${quoteList(seen.headers.filter((h) => h !== ""))}`;
    const revenue =
      annualRevenue !== null
        ? `; ${JSON.stringify(annualRevenue)} is the customer's company revenue (Salesforce/HubSpot), not ACV, so it is never used`
        : "";
    return `${head}${list}${revenue}. Name the ACV column with --acv-column`;
  },
  noUsableRows: (skipped: number, first: string) =>
    `none of the ${plural(skipped, "account row")} has a usable ACV, so there is nothing to plan; the first: ${first}`,
  // Currencies
  noRate: (code: string, plan: string) =>
    `the amount is in ${code} and there is no ${code} rate into ${plan}; set one with --set fx.${code}=<${plan} per 1 ${code}> (fx.${code} in the task pane), and it is converted`,
  currencyConflict: (inText: string, inColumn: string, column: string) =>
    `the amount says ${inText} but the ${JSON.stringify(column)} column says ${inColumn}; fix one of them`,
  blankCurrency: (column: string) =>
    `the ${JSON.stringify(column)} column is blank on this row, so the amount's currency is not known`,
  unknownCurrency: (value: unknown, column: string) =>
    `${shownCell(value)} in the ${JSON.stringify(column)} column is not a currency code (use a three-letter code such as EUR, GBP or JPY)`,
  indianGrouping: (value: unknown, code: string) =>
    `${shownCell(value)} is grouped the Indian way (lakhs), read only in rupees, but the amount is in ${code}: write it with groups of three digits, or give its currency as INR`,
  unreadableForeignAmount: (value: unknown, code: string) =>
    `${shownCell(value)} is not an amount in ${code}: give it as digits, such as 80000 or 80,000`,
  ambiguousSeparators: (value: unknown) =>
    `${shownCell(value)} uses a dot or comma that could be a thousands separator or a decimal point (80.000 is 80 in one locale and 80,000 in another); it is not guessed`,
  formatCurrencyConflict: (shown: string, format: string, inColumn: string, column: string) =>
    `the amount's number format (${JSON.stringify(format)}) shows ${shown} but the ${JSON.stringify(column)} column says ${inColumn}; fix one of them`,
  unclearFormatCurrency: (format: string) =>
    `the amount's number format (${JSON.stringify(format)}) shows a currency sign the plan cannot identify (or several); give the amount a currency column (such as "Currency" = SEK) or a format with a three-letter code such as [$SEK]`,
  unknownCurrencySign: (value: unknown) =>
    `${shownCell(value)} carries a currency sign the plan cannot identify ("kr" is Swedish, Norwegian, Danish or Icelandic); give its currency in a currency column (such as "Currency" = SEK) or the header (such as "ARR (SEK)"), or convert it first`,
  shownOtherwise: (value: number, format: string, shown: "percent" | "suffix") =>
    shown === "percent"
      ? `the cell holds ${value} shown as a percentage (number format ${JSON.stringify(format)}), not an amount; give the ACV as an amount such as 80000`
      : `the cell holds ${value} but its number format (${JSON.stringify(format)}) shows it with a thousands or millions suffix it does not multiply by, so the amount meant is not certain; give the full amount (such as 80000), or a format that scales it, such as #,##0,"K"`,
  // Amounts whose header gives their unit ("ARR ($K)")
  scaledTwice: (value: unknown, header: string, unit: string) =>
    `${shownCell(value)} has its own unit, but the ${JSON.stringify(header)} column is in ${unit}; write it as a plain number of ${unit}`,
  scaledTooLarge: (value: unknown, header: string, unit: string) =>
    `${shownCell(value)} in ${unit} (the ${JSON.stringify(header)} column) is above the largest amount the plan reads`,
  // Contracts (TCV x 12 / term)
  termBlank: (column: string) =>
    `the ${JSON.stringify(column)} is blank, so the contract's value cannot be made annual`,
  termBad: (value: unknown, column: string) =>
    `the ${JSON.stringify(column)} ${shownCell(value)} is not a term in months above 0, so the contract's value cannot be made annual`,
  // Accounts over several rows
  duplicateRow: (first: number) =>
    `the same as row ${fmt(first)} in every column: counted once (an export that repeats a line?)`,
  groupLeftOut: (accountRow: number) =>
    `its account name is blank under the account on row ${fmt(accountRow)} (a grouped report), which is left out, so this line is too`,
  // Statuses
  repeatedAcv: (
    column: string,
    account: string,
    row: number,
    rows: number,
    acv: number,
    accounts: number
  ) =>
    `${JSON.stringify(column)} holds one amount on every row of an account, in each of the ${fmt(accounts)} accounts that have several rows (${account === "" ? "the first" : JSON.stringify(account)}: ${fmt(acv)} on each of its ${fmt(rows)} rows, from row ${fmt(row)}): it looks like the account's own ARR repeated on each of its opportunity or contract rows, and adding up the rows would count it ${fmt(rows)} times (${fmt(acv * rows)}). Keep one row per account (in Excel, Data > Remove Duplicates on the account column) or export the accounts without their opportunities or contracts; if each row is a contract of its own, plan with --rows-are-accounts (each row is then planned as an account)`,
  successiveTerms: (
    account: string,
    column: string,
    earlier: { row: number; start: string; months: number },
    later: { row: number; start: string },
    accounts: number
  ) =>
    `${account === "" ? "An account" : JSON.stringify(account)} has rows whose terms follow one another: row ${fmt(earlier.row)} starts ${earlier.start} (${JSON.stringify(column)}) for ${fmt(earlier.months)} months and row ${fmt(later.row)} starts ${later.start}, so the later one looks like the earlier one's renewal; adding up the account's rows would count a contract together with the one it renewed${accounts > 1 ? ` (${fmt(accounts)} accounts are like this)` : ""}. Plan the contracts in force only: filter the export to them, or add their end dates as a "Contract End Date" column (ended contracts are then left out); to plan every row as it is, non-customers included, use --all-statuses`,
  contractEnded: (end: string, column: string) =>
    `${JSON.stringify(column)} is ${end}, before the plan's as-of date: the contract has ended (plan them too with --all-statuses)`,
  notCustomer: (status: string, column: string) =>
    `${JSON.stringify(column)} is ${JSON.stringify(status)}: not a customer (plan them too with --all-statuses)`,
} as const;
