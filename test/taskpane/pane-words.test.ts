/**
 * The planning messages are shared with the command line and name its
 * options (--all-statuses, --rows-are-accounts, --set fx.EUR=..., --acv-column);
 * the pane shows them in its own words: the Build options, the Assumptions
 * section, its own question. Expected texts written by hand from the pane's
 * labels (taskpane.html: "Include non-customers", "Keep contract rows
 * separate"; the Assumptions section "Currency and exchange rates").
 */
import { PlanMessages } from "../../src/plan/messages";
import { SkippedRow } from "../../src/plan/rows";
import { inPaneWords, skippedGroup } from "../../src/taskpane/messages";

/** Every shared message, with arguments as a real export would give them. */
const SAMPLES: Record<keyof typeof PlanMessages, () => string> = {
  ambiguousAcv: () => PlanMessages.ambiguousAcv(["ACV", "Contract Value"]),
  acvColumnTwice: () => PlanMessages.acvColumnTwice("ARR", [3, 7]),
  contractValueUnclear: () => PlanMessages.contractValueUnclear("Contract Value", "Term", "24", 5),
  mrrNeedsConfirmation: () => PlanMessages.mrrNeedsConfirmation(["MRR"]),
  annualRevenueRefused: () => PlanMessages.annualRevenueRefused("Annual Revenue"),
  unknownAcvColumn: () => PlanMessages.unknownAcvColumn("ARR 2026", ["Account", "ARR"]),
  noDataRows: () => PlanMessages.noDataRows(),
  severalCompanies: () =>
    PlanMessages.severalCompanies("Associated Company IDs", "5012345001;5012345003", 4, 2),
  convertedWithRecordCurrency: () =>
    PlanMessages.convertedWithRecordCurrency(
      "Annual Contract Value (converted)",
      "Opportunity Currency",
      "EUR",
      3,
      "USD"
    ),
  amountPerInterval: () => PlanMessages.amountPerInterval("Amount", "Interval", "month", 2),
  compactPivot: () => PlanMessages.compactPivot("Row Labels"),
  skipBlank: () => PlanMessages.skipBlank(),
  errorValue: () => PlanMessages.errorValue("#N/A"),
  uncalculated: () => PlanMessages.uncalculated(),
  skipNegative: () => PlanMessages.skipNegative(-2500),
  tcvNeedsConfirmation: () => PlanMessages.tcvNeedsConfirmation(["Total Contract Value"], "Term"),
  noHeaderRow: () =>
    PlanMessages.noHeaderRow(200, "Annual Revenue", { row: 1, headers: ["Account", "Revenue"] }),
  noUsableRows: () =>
    PlanMessages.noUsableRows(
      2,
      `row 2 (ACV 50000): ${PlanMessages.notCustomer("Closed Lost", "Stage")}`
    ),
  noRate: () => PlanMessages.noRate("EUR", "USD"),
  currencyConflict: () => PlanMessages.currencyConflict("EUR", "GBP", "Currency"),
  blankCurrency: () => PlanMessages.blankCurrency("Currency"),
  unknownCurrency: () => PlanMessages.unknownCurrency("Euro-ish", "Currency"),
  indianGrouping: () => PlanMessages.indianGrouping("1,20,000", "USD"),
  unreadableForeignAmount: () => PlanMessages.unreadableForeignAmount("12 thousand", "EUR"),
  ambiguousSeparators: () => PlanMessages.ambiguousSeparators("80.000"),
  formatCurrencyConflict: () =>
    PlanMessages.formatCurrencyConflict("€80,000", "[$€-x-euro2] #,##0", "GBP", "Currency"),
  unclearFormatCurrency: () => PlanMessages.unclearFormatCurrency("[$kr.-406] #,##0"),
  unknownCurrencySign: () => PlanMessages.unknownCurrencySign("₿2"),
  shownOtherwise: () => PlanMessages.shownOtherwise(0.95, "0%", "percent"),
  scaledTwice: () => PlanMessages.scaledTwice("$80k", "ARR ($K)", "thousands"),
  scaledTooLarge: () => PlanMessages.scaledTooLarge(9e15, "ARR ($K)", "thousands"),
  termBlank: () => PlanMessages.termBlank("Term"),
  termBad: () => PlanMessages.termBad("forever", "Term"),
  duplicateRow: () => PlanMessages.duplicateRow(4),
  groupLeftOut: () => PlanMessages.groupLeftOut(12),
  repeatedAcv: () => PlanMessages.repeatedAcv("ARR", "Acme", 2, 3, 120000, 4),
  successiveTerms: () =>
    PlanMessages.successiveTerms(
      "Acme",
      "Close Date",
      { row: 2, start: "2025-03-01", months: 12 },
      { row: 3, start: "2026-03-01" },
      1
    ),
  contractEnded: () => PlanMessages.contractEnded("2025-12-31", "Contract End Date"),
  notCustomer: () => PlanMessages.notCustomer("Closed Lost", "Stage"),
};

describe("the shared planning messages in the pane's words", () => {
  test.each(Object.keys(SAMPLES))("%s names no command-line option in the pane", (name) => {
    const text = inPaneWords(SAMPLES[name as keyof typeof PlanMessages]());
    expect(text).not.toMatch(/--[a-z]/);
  });

  test("every shared message is in the table above (a new one is checked too)", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(PlanMessages).sort());
  });

  test("the options become the pane's Build options and Assumptions", () => {
    expect(inPaneWords(PlanMessages.notCustomer("Closed Lost", "Stage"))).toBe(
      '"Stage" is "Closed Lost": not a customer (plan them too with "Include non-customers" under Build options)'
    );
    expect(inPaneWords(PlanMessages.contractEnded("2025-12-31", "Contract End Date"))).toBe(
      '"Contract End Date" is 2025-12-31, before the plan\'s as-of date: the contract has ended (plan them too with "Include non-customers" under Build options)'
    );
    expect(inPaneWords(PlanMessages.noRate("EUR", "USD"))).toBe(
      'the amount is in EUR and there is no EUR rate into USD; set one under Assumptions > "Currency and exchange rates" (how many USD 1 EUR buys), and it is converted'
    );
    expect(SAMPLES.successiveTerms()).toMatch(/, use --all-statuses$/);
    expect(inPaneWords(SAMPLES.successiveTerms())).toMatch(
      /; to plan every row as it is, non-customers included, tick "Include non-customers" under Build options$/
    );
    expect(inPaneWords(SAMPLES.repeatedAcv())).toMatch(
      /; if each row is a contract of its own, tick "Keep contract rows separate" under Build options \(each row is then planned as an account\)$/
    );
  });

  test("the ACV column: the pane's question, or the header in the sheet", () => {
    expect(inPaneWords(PlanMessages.ambiguousAcv(["ACV", "Contract Value"]))).toBe(
      'more than one column could hold the ACV: "ACV", "Contract Value"; choose one when the pane asks'
    );
    expect(inPaneWords(PlanMessages.mrrNeedsConfirmation(["MRR"]))).toBe(
      'the only recurring-revenue column is monthly ("MRR"); to plan on it multiplied by 12, confirm when the pane asks'
    );
    expect(inPaneWords(PlanMessages.acvColumnTwice("ARR", [3, 7]))).toBe(
      '"ARR" names 2 columns (columns 3 and 7 of the header row); rename them in the export so each says what it holds, then name one'
    );
    expect(inPaneWords(SAMPLES.noHeaderRow())).toMatch(
      /\. Select the export with its header row, or head its ACV column "ACV" or "ARR" in the sheet, then build again$/
    );
  });

  test("converted amounts beside the records' currency: what to do in the pane", () => {
    expect(inPaneWords(SAMPLES.convertedWithRecordCurrency())).toBe(
      '"Annual Contract Value (converted)" holds amounts already converted to the organisation\'s own currency, but the currency column "Opportunity Currency" gives each record\'s own currency (EUR on row 3), which they are no longer in, so they would be converted twice; add the "Annual Contract Value (converted) Currency" column to the export, or plan from the records\' own amounts (select the export without the converted column, so the pane asks which to use) with their rates under Assumptions > "Currency and exchange rates", or, if the organisation\'s currency is USD, remove the "Opportunity Currency" column'
    );
    expect(inPaneWords(SAMPLES.severalCompanies())).toMatch(/, then build again$/);
  });

  test("a message without an option is left as it is", () => {
    const text = PlanMessages.duplicateRow(4);
    expect(inPaneWords(text)).toBe(text);
  });
});

describe("the groups of rows left out, as the pane lists them", () => {
  const row = (
    kind: SkippedRow["kind"],
    value: SkippedRow["value"],
    reason: string
  ): SkippedRow => ({
    row: 7,
    value,
    reason,
    kind,
  });

  test("rows with the same reason but different ACVs, end dates or twins share one heading", () => {
    const headings = [
      row("unreadable", "TBD", '"TBD" is not an amount. Use a number such as 80000.'),
      row("unreadable", "n/a", '"n/a" is not an amount. Use a number such as 80000.'),
      row("unreadable", "80.000", PlanMessages.ambiguousSeparators("80.000")),
      row("unreadable", "1.500", PlanMessages.ambiguousSeparators("1.500")),
      row("ended", 50000, PlanMessages.contractEnded("2025-12-31", "End Date")),
      row("ended", 9000, PlanMessages.contractEnded("2026-06-30", "End Date")),
      row("duplicate", 50000, PlanMessages.duplicateRow(4)),
      row("duplicate", 9000, PlanMessages.duplicateRow(9)),
      row("unreadable", 0.95, PlanMessages.shownOtherwise(0.95, "0%", "percent")),
      row("unreadable", 0.5, PlanMessages.shownOtherwise(0.5, "0%", "percent")),
    ].map(skippedGroup);
    expect(new Set(headings).size).toBe(5);
    expect(headings[0]).toBe("The ACV is not an amount");
    expect(headings[2]).toBe(
      "The ACV uses a dot or comma that could be a thousands separator or a decimal point (80.000 is 80 in one locale and 80,000 in another); it is not guessed"
    );
    expect(headings[4]).toBe(
      '"End Date" is before the plan\'s as-of date: the contract has ended (plan them too with "Include non-customers" under Build options)'
    );
    expect(headings[6]).toBe(
      "The same as an earlier row in every column: counted once (an export that repeats a line?)"
    );
    expect(headings[8]).toBe(
      'The cell holds a number shown as a percentage (number format "0%"), not an amount; give the ACV as an amount such as 80000'
    );
  });

  test("each status left out is its own group; a currency without a rate names where to set it", () => {
    expect(
      skippedGroup(row("status", 50000, PlanMessages.notCustomer("Closed Lost", "Stage")))
    ).toBe(
      '"Stage" is "Closed Lost": not a customer (plan them too with "Include non-customers" under Build options)'
    );
    expect(skippedGroup(row("currency", "EUR 12.000", PlanMessages.noRate("EUR", "USD")))).toBe(
      'The amount is in EUR and there is no EUR rate into USD; set one under Assumptions > "Currency and exchange rates" (how many USD 1 EUR buys), and it is converted'
    );
    expect(skippedGroup(row("blank", null, PlanMessages.skipBlank()))).toBe("The ACV is blank");
    expect(skippedGroup(row("negative", -2500, PlanMessages.skipNegative(-2500)))).toBe(
      "The ACV is negative (a credit note or refund?)"
    );
  });
});
