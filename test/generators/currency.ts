/**
 * Currencies: a multi-currency Salesforce org's "Account Currency" column, a
 * header that names its currency ("ARR (EUR)"), and codes or signs in the
 * amounts' text ("EUR 80,000", "€80,000", "£", "¥"). The true ACVs are in
 * dollars; each amount is written in its own currency at the test's rates, so
 * the right plan converts them back with --set fx.<code>=rate, and without a
 * rate never reads them as dollars.
 */
import { seededRandom, trueAccounts } from "./common";
import { cents, PlanHazardExport } from "./plan-export";

/** Dollars per unit: the rates the tests pass with --set fx.<code>=... */
export const RATES: Readonly<Record<string, number>> = { EUR: 1.08, GBP: 1.25, JPY: 0.0064 };
export const RATE_ARGS = Object.entries(RATES).flatMap(([code, rate]) => [
  "--set",
  `fx.${code}=${rate}`,
]);

/** An amount in a currency whose dollar value is exact to the cent at RATES. */
function local(usd: number, code: string): { amount: number; usd: number } {
  if (code === "USD") return { amount: usd, usd };
  // Whole units of the currency; the dollar value is what that amount is worth.
  const amount = Math.round(usd / RATES[code]);
  return { amount, usd: cents(amount * RATES[code]) };
}

const usText = (n: number) => n.toLocaleString("en-US");

export function currencyExports(seed = 1201): PlanHazardExport[] {
  const random = seededRandom(seed);
  const codes = ["USD", "EUR", "GBP", "JPY"];

  // Salesforce multi-currency: a CurrencyIsoCode-style column beside plain numbers.
  const byColumn = trueAccounts(seed, 40).map((a, i) => ({
    a,
    ...local(a.acv, codes[i % 4]),
    code: codes[i % 4],
  }));
  const columnRows = [
    ["Account ID", "Account Name", "Account Currency", "Annual Contract Value"],
    ...byColumn.map((x) => [x.a.id, x.a.name, x.code, x.amount]),
  ];
  const foreign = byColumn.filter((x) => x.code !== "USD").length;

  // One currency for the whole column, in its header.
  const eur = trueAccounts(seed + 1, 25).map((a) => ({ a, ...local(a.acv, "EUR") }));
  const headerRows = [["Account Name", "ARR (EUR)"], ...eur.map((x) => [x.a.name, x.amount])];

  // Codes and signs in the text of the amounts, mixed with dollars.
  const marks: [string, (n: number) => string][] = [
    ["USD", (n) => `$${usText(n)}`],
    ["EUR", (n) => `EUR ${usText(n)}`],
    ["EUR", (n) => `€${usText(n)}`],
    ["GBP", (n) => `£${usText(n)}`],
    ["JPY", (n) => `¥${usText(n)}`],
    ["JPY", (n) => `${usText(n)} JPY`],
  ];
  const inText = trueAccounts(seed + 2, 36).map((a) => {
    const [code, write] = marks[Math.floor(random() * marks.length)];
    const x = local(a.acv, code);
    return { a, code, text: write(x.amount), usd: x.usd };
  });
  const textRows = [["Account Name", "ACV"], ...inText.map((x) => [x.a.name, x.text])];
  const textForeign = inText.filter((x) => x.code !== "USD").length;

  return [
    {
      name: "currency-column-with-rates",
      rows: columnRows,
      accounts: byColumn.map((x) => ({ acv: x.usd })),
      args: RATE_ARGS,
      outcome: { kind: "plan" },
    },
    {
      name: "currency-column-no-rates",
      rows: columnRows,
      // Without rates only the dollar accounts are planned; every other row is named with its currency.
      accounts: byColumn.filter((x) => x.code === "USD").map((x) => ({ acv: x.usd })),
      outcome: {
        kind: "plan",
        skipped: {
          count: foreign,
          reason:
            /is in (EUR|GBP|JPY) and there is no \1 rate into USD; set one with --set fx\.\1=/,
        },
      },
    },
    {
      name: "currency-in-header",
      rows: headerRows,
      accounts: eur.map((x) => ({ acv: x.usd })),
      outcome: {
        kind: "refusal",
        message: /none of the 25 account rows has a usable ACV.*in EUR and there is no EUR rate/,
        resolvedBy: ["--set", `fx.EUR=${RATES.EUR}`],
      },
    },
    {
      name: "currency-in-text",
      rows: textRows,
      accounts: inText.map((x) => ({ acv: x.usd })),
      args: RATE_ARGS,
      outcome: { kind: "plan" },
    },
    {
      name: "currency-in-text-no-rates",
      rows: textRows,
      accounts: inText.filter((x) => x.code === "USD").map((x) => ({ acv: x.usd })),
      outcome: {
        kind: "plan",
        skipped: { count: textForeign, reason: /is in (EUR|GBP|JPY) and there is no \1 rate/ },
      },
    },
  ];
}

/** Excel's address of a 0-based row and column ("D5"). */
function address(row: number, col: number): string {
  let letters = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26))
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

/**
 * Currencies shown only by an .xlsx cell's number format, as Excel saves its
 * Currency and Accounting formats: the amounts are plain numbers, so a reader
 * that ignores formats reads euros, pounds and yen as dollars. .xlsx only.
 */
export function currencyFormatExports(seed = 1206): PlanHazardExport[] {
  const random = seededRandom(seed);
  // Each format with the currency it shows; "#,##0" shows none (the plan currency).
  const formats: [string, string][] = [
    ['"$"#,##0', "USD"],
    ["[$€-x-euro2] #,##0", "EUR"],
    ['#,##0 "€"', "EUR"],
    ["[$EUR] #,##0", "EUR"],
    ["[$£-809]#,##0", "GBP"],
    ['"¥"#,##0', "JPY"],
    ["[$¥-411]#,##0", "JPY"],
    ["#,##0", "USD"],
  ];
  const header = ["Account ID", "Account Name", "Account Owner", "ARR"];
  const ACV = 3;

  // One euro format down the whole column (a European team's workbook).
  const euros = trueAccounts(seed, 30).map((a) => ({ a, ...local(a.acv, "EUR") }));
  const euroRows = [header, ...euros.map((x) => [x.a.id, x.a.name, x.a.owner, x.amount])];
  const euroFormats = Object.fromEntries(
    euros.map((_, i) => [address(i + 1, ACV), "[$€-x-euro2] #,##0"])
  );

  // Formats mixed in one column: rows pasted together from several subsidiaries.
  const mixed = trueAccounts(seed + 1, 48).map((a, i) => {
    const [format, code] = formats[i % formats.length];
    return { a, format, code, ...local(a.acv, code) };
  });
  const mixedRows = [header, ...mixed.map((x) => [x.a.id, x.a.name, x.a.owner, x.amount])];
  const mixedFormats = Object.fromEntries(mixed.map((x, i) => [address(i + 1, ACV), x.format]));
  const mixedForeign = mixed.filter((x) => x.code !== "USD").length;

  // A currency column beside formats that contradict it on some rows (pounds shown, EUR said).
  const withColumn = trueAccounts(seed + 2, 24).map((a, i) => {
    const clash = i % 6 === 5;
    return { a, clash, ...local(a.acv, "EUR") };
  });
  const columnRows = [
    ["Account Name", "Account Currency", "ACV"],
    ...withColumn.map((x) => [x.a.name, "EUR", x.amount]),
  ];
  const columnFormats = Object.fromEntries(
    withColumn.map((x, i) => [address(i + 1, 2), x.clash ? "[$£-809]#,##0" : '#,##0 "€"'])
  );

  // Crowns without a locale: Swedish, Norwegian, Danish or Icelandic? Refused, never guessed.
  const crowns = trueAccounts(seed + 3, 20).map((a) => ({ a, crown: random() < 0.3 }));
  const crownRows = [["Account Name", "ACV"], ...crowns.map((x) => [x.a.name, x.a.acv])];
  const crownFormats = Object.fromEntries(
    crowns.map((x, i) => [address(i + 1, 1), x.crown ? '#,##0 "kr"' : '"$"#,##0'])
  );

  return [
    {
      name: "currency-format-euro",
      rows: euroRows,
      xlsxFormats: euroFormats,
      accounts: euros.map((x) => ({ acv: x.usd })),
      outcome: {
        kind: "refusal",
        message: /none of the 30 account rows has a usable ACV.*in EUR and there is no EUR rate/,
        resolvedBy: ["--set", `fx.EUR=${RATES.EUR}`],
      },
    },
    {
      name: "currency-format-mixed",
      rows: mixedRows,
      xlsxFormats: mixedFormats,
      accounts: mixed.map((x) => ({ acv: x.usd })),
      args: RATE_ARGS,
      outcome: { kind: "plan" },
    },
    {
      name: "currency-format-mixed-no-rates",
      rows: mixedRows,
      xlsxFormats: mixedFormats,
      accounts: mixed.filter((x) => x.code === "USD").map((x) => ({ acv: x.usd })),
      outcome: {
        kind: "plan",
        skipped: {
          count: mixedForeign,
          reason: /is in (EUR|GBP|JPY) and there is no \1 rate into USD/,
        },
      },
    },
    {
      name: "currency-format-against-column",
      rows: columnRows,
      xlsxFormats: columnFormats,
      accounts: withColumn.filter((x) => !x.clash).map((x) => ({ acv: x.usd })),
      args: RATE_ARGS,
      outcome: {
        kind: "plan",
        skipped: {
          count: withColumn.filter((x) => x.clash).length,
          reason:
            /^the amount's number format \("\[\$£-809\]#,##0"\) shows GBP but the "Account Currency" column says EUR/,
        },
      },
    },
    {
      name: "currency-format-crowns",
      rows: crownRows,
      xlsxFormats: crownFormats,
      accounts: crowns.filter((x) => !x.crown).map((x) => ({ acv: x.a.acv })),
      outcome: {
        kind: "plan",
        skipped: {
          count: crowns.filter((x) => x.crown).length,
          reason:
            /^the amount's number format \("#,##0 \\"kr\\""\) shows a currency sign the plan cannot identify/,
        },
      },
    },
  ];
}
