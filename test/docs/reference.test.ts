/**
 * The function reference (docs/functions.md and the add-in's functions.html):
 * current with the JSDoc, an example for every function, every example true
 * through the engine, hostile text escaped, every helpUrl (as the build writes it) landing on its function.
 */
import { existsSync, readdirSync, readFileSync } from "fs";
import path from "path";
import {
  escapeMarkdown,
  ExampleValue,
  firstSentence,
  formatResult,
  parseContract,
  parseExampleResult,
  renderHtml,
  renderMarkdown,
} from "../../src/docs/reference";
import { helpUrlFor } from "../../scripts/addin-origin";
import { MARKDOWN_FILE, readContract } from "../../src/docs/sources";
import { Catalog, CatalogFunction } from "../../src/engine/catalog";
import { EngineValue } from "../../src/engine/engine";
import { familyFiles, readExamples } from "../../src/engine/generate-catalog";
import { evaluateOne, testCatalog } from "../helpers/engine";

/** Read at collection time so each example is a test of its own. */
const EXAMPLES = Object.entries(readExamples(familyFiles())).flatMap(([id, list]) =>
  list.map((example) => ({ id, ...example }))
);

/**
 * Why an engine value is not the documented one, or null when it is: numbers
 * to 10 decimal places, errors by their code (the message is free text).
 */
function mismatch(expected: ExampleValue, actual: EngineValue, at = "result"): string | null {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at}: expected an array, got ${JSON.stringify(actual)}`;
    if (expected.length !== actual.length)
      return `${at}: expected ${expected.length} rows, got ${actual.length}`;
    for (let r = 0; r < expected.length; r++) {
      const want = expected[r];
      const got = actual[r];
      if (!Array.isArray(want)) return `${at}: row ${r + 1} of the example is not an array`;
      if (want.length !== got.length)
        return `${at}: row ${r + 1} has ${got.length} cells, expected ${want.length}`;
      for (let c = 0; c < want.length; c++) {
        const problem = mismatch(want[c], got[c] as EngineValue, `row ${r + 1}, column ${c + 1}`);
        if (problem) return problem;
      }
    }
    return null;
  }
  if (Array.isArray(actual)) return `${at}: expected one value, got ${JSON.stringify(actual)}`;
  const shown = JSON.stringify(actual);
  if (expected !== null && typeof expected === "object") {
    const code = actual !== null && typeof actual === "object" ? actual.error : null;
    return code === expected.error ? null : `${at}: expected ${expected.error}, got ${shown}`;
  }
  if (typeof expected === "number") {
    const ok = typeof actual === "number" && Math.abs(actual - expected) < 5e-11;
    return ok ? null : `${at}: expected ${expected}, got ${shown}`;
  }
  return actual === expected ? null : `${at}: expected ${JSON.stringify(expected)}, got ${shown}`;
}

describe("docs/functions.md", () => {
  test("is what `npm run docs` generates from the current JSDoc", async () => {
    const expected = renderMarkdown(await testCatalog(), readContract());
    const actual = existsSync(MARKDOWN_FILE)
      ? readFileSync(MARKDOWN_FILE, "utf8").replace(/\r\n/g, "\n")
      : "";
    if (actual === expected) return;
    const want = expected.split("\n");
    const got = actual.split("\n");
    let line = 0;
    while (line < want.length && want[line] === got[line]) line++;
    throw new Error(
      `docs/functions.md is out of date: run npm run docs.\n` +
        `First difference at line ${line + 1}:\n  in the file: ${got[line] ?? "(end of file)"}\n` +
        `  generated:   ${want[line] ?? "(end of file)"}`
    );
  });

  test("every function has at least one @example", async () => {
    const catalog = await testCatalog();
    const missing = catalog.metadata.functions
      .filter((fn) => (catalog.examples[fn.id] ?? []).length === 0)
      .map((fn) => `CS.${fn.id}`);
    if (missing.length > 0)
      throw new Error(
        `${missing.length} function(s) have no "@example =CS.X(...) -> RESULT" tag: ${missing.join(", ")}`
      );
  });
});

describe("every documented example gives its documented result", () => {
  test("there are examples", () => {
    expect(EXAMPLES.length).toBeGreaterThan(0);
  });

  test.each(EXAMPLES)("CS.$id: $formula -> $result", async ({ formula, result }) => {
    const expected = parseExampleResult(result);
    const actual = await evaluateOne(formula);
    expect({ formula, problem: mismatch(expected, actual) }).toEqual({ formula, problem: null });
  });
});

describe("example results", () => {
  test("are JSON or a bare Excel error code", () => {
    expect(parseExampleResult('"Mid-Market"')).toBe("Mid-Market");
    expect(parseExampleResult("0.97")).toBe(0.97);
    expect(parseExampleResult("#N/A")).toEqual({ error: "#N/A" });
    expect(parseExampleResult(" #value! ")).toEqual({ error: "#VALUE!" });
    expect(parseExampleResult('[[42000,"#N/A"],[null,true]]')).toEqual([
      [42000, { error: "#N/A" }],
      [null, true],
    ]);
    expect(() => parseExampleResult("Mid-Market")).toThrow("not JSON");
  });

  test("are shown as Excel shows them", () => {
    expect(formatResult("[[42000,18000]]")).toBe("{42000,18000}");
    expect(formatResult('[["Strategic"],["SMB"]]')).toBe('{"Strategic";"SMB"}');
    expect(formatResult('[[1,"#N/A",null]]')).toBe("{1,#N/A,}");
    expect(formatResult('"Mid-Market"')).toBe("Mid-Market");
    expect(formatResult("true")).toBe("TRUE");
    expect(formatResult("#VALUE!")).toBe("#VALUE!");
  });

  test("the mismatch check compares numbers to 10 decimal places and errors by code", () => {
    expect(mismatch(0.97, 0.97000000000001)).toBeNull();
    expect(mismatch(0.97, 0.9701)).toMatch("expected 0.97");
    expect(mismatch({ error: "#N/A" }, { error: "#N/A", message: "x" })).toBeNull();
    expect(mismatch({ error: "#N/A" }, { error: "#VALUE!", message: "x" })).toMatch("#N/A");
    expect(mismatch([[1, 2]], [[1, 2]])).toBeNull();
    expect(mismatch([[1, 2]], [[1]])).toMatch("row 1 has 1 cells");
    expect(mismatch("1", 1)).toMatch('expected "1"');
  });
});

/** A catalog whose every text is hostile. */
function hostileCatalog(): Catalog {
  const evil: CatalogFunction = {
    id: "EVIL",
    name: "EVIL",
    description: `<img src=x onerror=alert(1)> & "quotes" 'single' | $5 *bold* _u_ [link](javascript:alert(1)) \`tick\``,
    helpUrl: "https://localhost:3000/functions.html#evil",
    parameters: [
      {
        name: "x",
        description: "</td><script>alert(1)</script>",
        dimensionality: "matrix",
      },
      { name: "y", description: "# heading? <b>bold</b>", optional: true },
    ],
    result: { dimensionality: "scalar" },
  };
  return {
    metadata: { functions: [evil] },
    associate: [{ id: "EVIL", functionName: "evil" }],
    examples: {
      EVIL: [{ formula: '=CS.EVIL("<script>x</script>|")', result: '"</code><script>"' }],
    },
  };
}

describe("functions.html", () => {
  test("escapes every text: no markup from a description, parameter or example", () => {
    const html = renderHtml(hostileCatalog());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>/);
    expect(html).not.toMatch(/onerror=alert\(1\)>/);
    expect(html).toContain(
      "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; &#39;single&#39;"
    );
    expect(html).toContain("&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("=CS.EVIL(&quot;&lt;script&gt;x&lt;/script&gt;|&quot;)");
    expect(html).toContain('<article id="evil" class="fn">');
  });

  test("has a strict Content-Security-Policy, no script and no inline style", async () => {
    const html = renderHtml(await testCatalog(), readContract());
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe");
    expect(csp).not.toContain("script-src");
    expect(html).not.toMatch(/<style|style=|<script|javascript:/i);
    expect(html).toContain('<link rel="stylesheet" href="functions.css" />');
  });

  test("every helpUrl fragment is the id of its function's element, and ids are unique", async () => {
    const catalog = await testCatalog();
    const html = renderHtml(catalog, readContract());
    const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);
    for (const fn of catalog.metadata.functions) {
      const fragment = new URL(helpUrlFor("https://addins.example.com/cs", fn.id)).hash.slice(1);
      expect(`${fn.id}: ${html.includes(`<article id="${fragment}" class="fn">`)}`).toBe(
        `${fn.id}: true`
      );
    }
  });

  test("is in no bundle: no bundled source imports the docs", () => {
    const root = path.resolve(__dirname, "../../src");
    for (const dir of ["functions", "taskpane", "core", "engine"]) {
      for (const file of readdirSync(path.join(root, dir), { recursive: true })) {
        const name = String(file);
        if (!name.endsWith(".ts")) continue;
        const text = readFileSync(path.join(root, dir, name), "utf8");
        expect(`${dir}/${name}: ${/from\s+["'][./]*docs\//.test(text)}`).toBe(
          `${dir}/${name}: false`
        );
      }
    }
  });
});

describe("docs/functions.md rendering", () => {
  test("escapes hostile text: no raw HTML but the anchors, no Markdown markup", () => {
    const md = renderMarkdown(hostileCatalog());
    // Code spans show their text as it is (GitHub renders no HTML inside them).
    const outsideCode = md.replace(/(?<!\\)`[^`]*?(?<!\\)`/g, "");
    const tags = [...outsideCode.matchAll(/<[a-z/!][^>]*>/gi)].map((m) => m[0]);
    expect(new Set(tags)).toEqual(
      new Set(['<a id="group-functions">', "</a>", '<a id="evil">', expect.stringMatching(/^<!--/)])
    );
    expect(md).toContain(
      "&lt;img src=x onerror=alert(1)&gt; &amp; \"quotes\" 'single' \\| \\$5 \\*bold\\* \\_u\\_ \\[link\\](javascript:alert(1)) \\`tick\\`"
    );
    // A table row keeps its four cells: the | of a description is escaped.
    const row = md.split("\n").find((line) => line.startsWith("| `x` |")) ?? "";
    expect(row.replace(/\\\|/g, "").split("|").length).toBe(6);
    expect(md).toContain('| `=CS.EVIL("<script>x</script>\\|")` | `</code><script>` |');
  });

  test("escapes what would start a block", () => {
    expect(escapeMarkdown("# not a heading")).toBe("\\# not a heading");
    expect(escapeMarkdown("1. not a list")).toBe("1\\. not a list");
    expect(escapeMarkdown("- not a list")).toBe("\\- not a list");
  });

  test("builds without FUNCTIONS.md: one group in catalog order, no model sections", async () => {
    const catalog = await testCatalog();
    const md = renderMarkdown(catalog);
    expect(md).toContain("## Functions");
    expect(md).not.toContain("Model: MODEL.md");
    for (const fn of catalog.metadata.functions)
      expect(md).toContain(`<a id="${fn.id.toLowerCase()}"></a>`);
  });
});

describe("FUNCTIONS.md and MODEL.md", () => {
  const functionsMd = [
    "| function | returns | model |",
    "|---|---|---|",
    "| `CS.TIER(acv, [tiers])` | tier name | §1 |",
    "| `CS.REQUIRED_CSMS(accounts)` | headcount | §4 |",
    "| `CS.NRR_TARGET(s)` / `CS.GRR_TARGET(s)` | the target | §2 |",
    "| `CS.ASSUMPTION(key)` | one value | — |",
  ].join("\n");
  const modelMd = [
    "# The model",
    "## 1. Tiers (the default benchmark set, `tiered-2027`, from S0 §1.2)",
    "## 2. Segments and targets",
    '## 3. Capacity from hours (S2 "Building the capacity model")',
    "## 6. CSM variable payout: three pools (S4 §1)",
  ].join("\n");

  test("give the order, the MODEL.md section of each function and the section titles", () => {
    expect(parseContract(functionsMd, modelMd)).toEqual({
      functions: [
        { id: "TIER", section: "1" },
        { id: "REQUIRED_CSMS", section: "4" },
        { id: "NRR_TARGET", section: "2" },
        { id: "GRR_TARGET", section: "2" },
        { id: "ASSUMPTION", section: "" },
      ],
      sectionTitles: {
        "1": "Tiers",
        "2": "Segments and targets",
        "3": "Capacity from hours",
        "6": "CSM variable payout: three pools",
      },
    });
  });

  test("group the reference by section, in section order, readers last", () => {
    const fn = (id: string): CatalogFunction => ({
      id,
      name: id,
      description: `${id} does something useful. More.`,
      parameters: [],
      result: { dimensionality: "scalar" },
    });
    const catalog: Catalog = {
      metadata: { functions: ["ASSUMPTION", "REQUIRED_CSMS", "TIER", "NEW_ONE"].map(fn) },
      associate: [],
      examples: {},
    };
    const md = renderMarkdown(catalog, parseContract(functionsMd, modelMd));
    const headings = md.split("\n").filter((line) => /^##+ /.test(line));
    expect(headings).toEqual([
      "## How CS functions treat input",
      "## Contents",
      "## §1 Tiers",
      "### `CS.TIER()`",
      "## §4 of MODEL.md",
      "### `CS.REQUIRED_CSMS()`",
      "## Reading the assumptions",
      "### `CS.ASSUMPTION()`",
      "## Functions",
      "### `CS.NEW_ONE()`",
    ]);
    expect(md).toContain("Model: MODEL.md §1, Tiers.");
    expect(md).toContain("- [CS.TIER](#tier): TIER does something useful.\n");
  });

  test("first sentences are not cut at e.g. or inside parentheses", () => {
    expect(firstSentence("Counts (e.g. 3. or 4.) accounts, e.g. here. Then more.")).toBe(
      "Counts (e.g. 3. or 4.) accounts, e.g. here."
    );
  });
});
