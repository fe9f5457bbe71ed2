/**
 * Numbers and dates in the export's locale (src/plan/locale.ts), decided
 * from the whole column. Expected values are worked out by hand; serials
 * from 2026-01-01 = 46023 (so 2026-01-31 = 46053, 2026-02-01 = 46054).
 */
import { ExportCell } from "../../src/plan/columns";
import { applyLocale, ExportLocale, localeFromTag } from "../../src/plan/locale";

const locale = (tag: string) => localeFromTag(tag) as ExportLocale;

/** One column under a header: what applyLocale makes of it. */
function read(
  values: ExportCell[],
  options: { critical?: boolean; tag?: string; delimiter?: string } = {}
) {
  const rows: ExportCell[][] = [["ARR"], ...values.map((v) => [v])];
  const result = applyLocale(rows, {
    from: 1,
    critical: options.critical === false ? [] : [0],
    headers: ["ARR"],
    ...(options.tag ? { locale: locale(options.tag) } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
  });
  return { result, values: rows.slice(1).map((r) => r[0]) };
}

describe("localeFromTag", () => {
  test("decimal separator and date order come from the platform's locale data", () => {
    expect(localeFromTag("de-DE")).toEqual({ tag: "de-DE", decimal: ",", dayFirst: true });
    expect(localeFromTag("en-US")).toEqual({ tag: "en-US", decimal: ".", dayFirst: false });
    expect(localeFromTag("en-GB")).toEqual({ tag: "en-GB", decimal: ".", dayFirst: true });
    expect(localeFromTag("fr-FR")).toMatchObject({ decimal: ",", dayFirst: true });
  });
  test("an unknown or malformed tag is a message, not the system's default locale", () => {
    expect(localeFromTag("not a locale")).toMatch(/--locale "not a locale" is not a locale/);
    expect(localeFromTag("zz-ZZ")).toMatch(/is not a locale/);
  });
});

describe("numbers, decided by the whole column", () => {
  test("one value with two dots settles the column: dots group thousands", () => {
    expect(read(["80.000", "1.250.000", "3.500"]).values).toEqual([80000, 1250000, 3500]);
  });
  test("decimal comma with dot groups, and the currency sign kept as text in en-US digits", () => {
    expect(read(["80.000,00", "1.250.000,50", "(1.250,00)", "12,5%"]).values).toEqual([
      80000, 1250000.5, -1250, 0.125,
    ]);
    expect(read(["80.000,00 €", "1.250,50"]).values).toEqual(["80000.00 €", 1250.5]);
  });
  test("space, no-break, narrow no-break and apostrophe groups", () => {
    expect(read(["1 250 000,50", "1\u00a0250\u00a0000", "1\u202f250,5", "80,25"]).values).toEqual([
      1250000.5, 1250000, 1250.5, 80.25,
    ]);
    expect(read(["1'250'000.50", "80'000"]).values).toEqual([1250000.5, 80000]);
  });
  test("only one-dot-three-digit values: a question with examples and both readings", () => {
    const { result, values } = read(["80.000", "1.250", "250.000"]);
    expect(result).toEqual({
      ok: false,
      question: {
        kind: "locale",
        column: "ARR",
        index: 0,
        examples: ["80.000", "1.250", "250.000"],
        subject: "numbers",
        choices: [
          { tag: "en-US", reading: '"80.000" is 80 (decimal point)' },
          { tag: "de-DE", reading: '"80.000" is 80,000 (dot between thousands)' },
        ],
      },
    });
    // Nothing converted while the question is open.
    expect(values).toEqual(["80.000", "1.250", "250.000"]);
    expect(read(["80.000", "1.250"], { tag: "de-DE" }).values).toEqual([80000, 1250]);
    expect(read(["80.000", "1.250"], { tag: "en-US" }).values).toEqual([80, 1.25]);
  });
  test("a column the plan does not read keeps ambiguous text as written", () => {
    const { result, values } = read(["80.000", "1.250"], { critical: false });
    expect(result.ok).toBe(true);
    expect(values).toEqual(["80.000", "1.250"]);
  });
  test("a comma-delimited file's 1,250 groups thousands; a semicolon file's is asked", () => {
    expect(read(["1,250", "80,000"], { delimiter: "," }).values).toEqual([1250, 80000]);
    expect(read(["1,250", "80,000"], { delimiter: ";" }).result).toMatchObject({
      ok: false,
      question: { examples: ["1,250", "80,000"] },
    });
  });
  test("with a two-decimal currency, one separator before three digits groups thousands", () => {
    // Money in USD or EUR is never written to three decimals: "USD 10,700" is 10,700 dollars.
    expect(read(["USD 10,700", "USD 80,000"]).values).toEqual(["USD 10700", "USD 80000"]);
    expect(read(["$1,250", "$80,000"]).values).toEqual([1250, 80000]);
    expect(read(["€80.000", "1.250 €", "1.250 EUR"]).values).toEqual([
      "€80000",
      "1250 €",
      "1250 EUR",
    ]);
    // Kuwaiti dinars have three decimals, and a bare number has no currency: still asked.
    expect(read(["KWD 1,250", "KWD 80,000"]).result).toMatchObject({ ok: false });
    expect(read(["1,250", "80,000"]).result).toMatchObject({ ok: false });
  });
  test("a column mixing decimal points and decimal commas is refused, naming both", () => {
    expect(read(["80000.50", "1.250,50"]).result).toEqual({
      ok: false,
      error:
        'column "ARR" mixes two ways of writing numbers: "80000.50" use a decimal point, "1.250,50" a decimal comma; export it again in one format',
    });
  });
  test("numbers Excel typed beside text only another locale reads: refused (80.000 became 80)", () => {
    expect(read([80, "1.250.000"]).result).toMatchObject({
      ok: false,
      error: expect.stringMatching(/holds numbers and also text .*"1\.250\.000"/),
    });
  });
  test("a CSV's plain whole numbers beside decimal commas are one German column, not a mistyped one", () => {
    // Read here from the CSV, 80000 is 80000 in every locale; "1.200,50" settles the decimal comma.
    expect(read([80000, "1.200,50", 5000], { delimiter: ";" })).toEqual({
      result: { ok: true, converted: 1, decided: [{ column: 0, decimal: ",", dayFirst: null }] },
      values: [80000, 1200.5, 5000],
    });
    expect(read([80000, "€1.200"], { delimiter: "," }).values).toEqual([80000, "€1200"]);
  });
  test("groups that are not thousands stay text (12,50,000 is not read as 1,250,000)", () => {
    expect(read(["12,50,000", "1,250,000.5"]).values).toEqual(["12,50,000", 1250000.5]);
  });
});

describe("dates, decided by the whole column", () => {
  test("a day above 12 settles day first; times are kept", () => {
    const { values } = read(["31/01/2026 14:05", "01/02/2026", "15.01.2026"]);
    expect(values[0]).toBeCloseTo(46053 + (14 * 60 + 5) / 1440, 10);
    expect(values.slice(1)).toEqual([46054, 46037]);
  });
  test("month first when a second part is above 12", () => {
    expect(read(["1/31/2026 2:05 PM", "2/1/2026"]).values).toEqual([
      46053 + (14 * 60 + 5) / 1440,
      46054,
    ]);
  });
  test("only days of 12 or less: a question about dates; --locale en-GB reads 01/02/2026 as 1 February", () => {
    const { result } = read(["01/02/2026", "03/04/2026"]);
    expect(result).toMatchObject({
      ok: false,
      question: {
        subject: "dates",
        choices: [
          { tag: "en-US", reading: '"01/02/2026" is January 2, 2026 (month first)' },
          { tag: "en-GB", reading: '"01/02/2026" is February 1, 2026 (day first)' },
        ],
      },
    });
    expect(read(["01/02/2026"], { tag: "en-GB" }).values).toEqual([46054]);
  });
});
