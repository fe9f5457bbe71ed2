/**
 * The CS.* function reference, rendered from the catalog (the functions'
 * JSDoc, the same source as Excel's autocomplete) as docs/functions.md and as
 * the functions.html page the add-in serves at each function's helpUrl.
 *
 * Pure functions of their inputs: no file system, no clock, so the committed
 * docs can be compared with a fresh rendering (test/docs/reference.test.ts).
 * FUNCTIONS.md and MODEL.md, when they can be read, only add the order, the
 * grouping by MODEL.md section and the section titles.
 */
import type { Catalog, CatalogExample, CatalogFunction } from "../engine/catalog";

/** What FUNCTIONS.md (and MODEL.md's headings) add to the catalog. */
export interface Contract {
  /** Function ids in FUNCTIONS.md's order, each with its MODEL.md section ("1".."8"; "" for none). */
  functions: { id: string; section: string }[];
  /** MODEL.md section number -> its title, e.g. "1" -> "Tiers". */
  sectionTitles: Record<string, string>;
}

/** Title of the group of functions that implement no MODEL.md section (the assumption readers). */
const NO_SECTION_TITLE = "Reading the assumptions";
/** Title of the one group when FUNCTIONS.md could not be read, or of functions it does not list. */
const UNLISTED_TITLE = "Functions";

export const REFERENCE_TITLE = "CS.* function reference";

/**
 * Reads FUNCTIONS.md's function table: every `CS.NAME(...)` signature of a
 * row's first cell, with the row's last cell as its model section ("§4" or
 * "—"); and, from MODEL.md, the "## N. Title (source)" headings.
 */
export function parseContract(functionsMd: string, modelMd?: string): Contract {
  const functions: Contract["functions"] = [];
  const seen = new Set<string>();
  for (const line of functionsMd.split(/\r?\n/)) {
    if (!line.trimStart().startsWith("|")) continue;
    const cells = line
      .trim()
      .replace(/^\||\|$/g, "")
      .split("|")
      .map((cell) => cell.trim());
    if (cells.length < 2) continue;
    const section = /§\s*(\d+)/.exec(cells[cells.length - 1])?.[1] ?? "";
    for (const match of cells[0].matchAll(/`CS\.([A-Z0-9_]+)\(/g)) {
      if (seen.has(match[1])) continue;
      seen.add(match[1]);
      functions.push({ id: match[1], section });
    }
  }
  const sectionTitles: Record<string, string> = {};
  for (const match of (modelMd ?? "").matchAll(/^##\s+(\d+)\.\s+(.+?)\s*$/gm)) {
    // "Tiers (the default benchmark set, ...)" -> "Tiers"
    sectionTitles[match[1]] = match[2].replace(/\s*\([^()]*(\([^()]*\)[^()]*)*\)\s*$/, "").trim();
  }
  return { functions, sectionTitles };
}

// ---------------------------------------------------------------------------
// The model of the page: the same for Markdown and HTML.

interface Group {
  /** Anchor of the group's heading; never a function id (those have no "-"). */
  anchor: string;
  title: string;
  functions: CatalogFunction[];
  section: string;
}

/** The catalog's functions grouped by MODEL.md section (FUNCTIONS.md's order within a group). */
function groups(catalog: Catalog, contract?: Contract): Group[] {
  const fns = catalog.metadata.functions;
  if (!contract || contract.functions.length === 0)
    return [{ anchor: "group-functions", title: UNLISTED_TITLE, functions: fns, section: "" }];
  const byId = new Map(fns.map((fn) => [fn.id, fn]));
  const order = new Map(contract.functions.map((f, i) => [f.id, i]));
  const sectionOf = new Map(contract.functions.map((f) => [f.id, f.section]));
  const sections = [...new Set(contract.functions.map((f) => f.section))].sort((a, b) =>
    a === "" ? 1 : b === "" ? -1 : Number(a) - Number(b)
  );
  const result: Group[] = [];
  for (const section of sections) {
    const members = contract.functions
      .filter((f) => f.section === section)
      .map((f) => byId.get(f.id))
      .filter((fn): fn is CatalogFunction => fn !== undefined)
      .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    if (members.length === 0) continue;
    const title =
      section === ""
        ? NO_SECTION_TITLE
        : `§${section} ${contract.sectionTitles[section] ?? "of MODEL.md"}`;
    result.push({
      anchor: section === "" ? "group-assumptions" : `group-${section}`,
      title,
      functions: members,
      section,
    });
  }
  const unlisted = fns.filter((fn) => !sectionOf.has(fn.id));
  if (unlisted.length > 0)
    result.push({ anchor: "group-other", title: UNLISTED_TITLE, functions: unlisted, section: "" });
  return result;
}

function modelLine(group: Group, contract: Contract | undefined, id: string): string | null {
  if (!contract) return null;
  const listed = contract.functions.some((f) => f.id === id);
  if (!listed) return null;
  if (group.section === "") return "Model: none; it reads the workbook's assumptions.";
  const title = contract.sectionTitles[group.section];
  return `Model: MODEL.md §${group.section}${title ? `, ${title}` : ""}.`;
}

export function signature(fn: CatalogFunction): string {
  const params = fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name));
  return `CS.${fn.name || fn.id}(${params.join(", ")})`;
}

/** The fragment of a function's helpUrl and the id of its element: the id in lower case. */
export function anchorOf(fn: CatalogFunction): string {
  return fn.id.toLowerCase();
}

function takes(dimensionality: string | undefined): string {
  return dimensionality === "matrix" ? "value or range" : "single value";
}

function resultLine(fn: CatalogFunction): string {
  return fn.result.dimensionality === "matrix"
    ? "Returns an array: it spills into the cells beside and below when it has more than one cell."
    : "Returns one value.";
}

/** The first sentence of a description, for the contents (not fooled by "e.g." or a "." in parentheses). */
export function firstSentence(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  let depth = 0;
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (
      ".!?".includes(ch) &&
      depth === 0 &&
      (i + 1 === clean.length || clean[i + 1] === " ")
    ) {
      if (/\b(e\.g|i\.e|vs|etc|cf)$/i.test(clean.slice(0, i))) continue;
      return clean.slice(0, i + 1);
    }
  }
  return clean;
}

const ERROR_CODES = new Set([
  "#N/A",
  "#VALUE!",
  "#REF!",
  "#DIV/0!",
  "#NUM!",
  "#NAME?",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
]);

export function isErrorCode(text: unknown): text is string {
  return typeof text === "string" && ERROR_CODES.has(text.trim().toUpperCase());
}

/** An example's documented result: a JSON value, or an Excel error code written bare (#N/A). */
export type ExampleValue = number | string | boolean | null | { error: string } | ExampleValue[];

export function parseExampleResult(text: string): ExampleValue {
  const trimmed = text.trim();
  if (isErrorCode(trimmed)) return { error: trimmed.toUpperCase() };
  try {
    return toExampleValue(JSON.parse(trimmed) as unknown);
  } catch {
    throw new Error(`not JSON and not an Excel error code: ${text}`);
  }
}

function toExampleValue(value: unknown): ExampleValue {
  if (Array.isArray(value)) return value.map(toExampleValue);
  if (isErrorCode(value)) return { error: value.trim().toUpperCase() };
  if (
    value === null ||
    typeof value === "number" ||
    typeof value === "string" ||
    typeof value === "boolean"
  )
    return value;
  throw new Error(`unexpected ${typeof value}`);
}

/** A result as Excel users read it: 0.97, Mid-Market, #N/A, {42000,18000} (arrays as array constants). */
export function formatResult(text: string): string {
  let value: ExampleValue;
  try {
    value = parseExampleResult(text);
  } catch {
    return text.trim();
  }
  const scalar = (v: ExampleValue, inArray: boolean): string => {
    if (v === null) return inArray ? "" : "(blank)";
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    if (typeof v === "number") return String(v);
    if (typeof v === "string") return inArray ? JSON.stringify(v) : v;
    if (Array.isArray(v)) return v.map((x) => scalar(x, true)).join(",");
    return v.error;
  };
  if (!Array.isArray(value)) return scalar(value, false);
  const rows = value.map((row) => (Array.isArray(row) ? row : [row]));
  return `{${rows.map((row) => row.map((cell) => scalar(cell, true)).join(",")).join(";")}}`;
}

// ---------------------------------------------------------------------------
// How the functions treat input: one text for both renderings. `code` spans
// are marked with backticks; everything else is plain text.

interface Note {
  title: string;
  text: string;
}

export const INPUT_NOTES: readonly Note[] = [
  {
    title: "Ranges in, spills out.",
    text:
      "Every parameter marked \u201cvalue or range\u201d also takes a range and then returns an array of the same shape, computed in one call (not one per cell). " +
      "A bad cell gives an error in its own output cell; the others still compute. " +
      "Functions that add a range up (such as `CS.REQUIRED_CSMS`) refuse to give a number when a cell is unreadable and name the first one: a total that silently skipped it would be wrong.",
  },
  {
    title: "CRM text is read, strictly.",
    text:
      'Amounts as `80000`, `"$80,000"`, `"80,000.00"`, `"80k"`, `"1.2M"`, `"1.2MM"`, `"USD 80,000"`, `" 80000 "` or `"(1,200)"` (negative); percentages as `0.95` or `"95%"`; dates as Excel dates or ISO text (`"2026-03-31"`). ' +
      'Anything else (`"N/A"`, `"TBD"`, `"\u20ac80"`, `"8,00"`) is `#VALUE!` with a message that quotes the value and gives its position in the range. Other currencies are refused rather than read as dollars. ' +
      "Tier, segment, role and plan names match whatever their case, trimmed.",
  },
  {
    title: "Blanks are not zero.",
    text:
      "A blank cell gives a blank result and is skipped by totals. Excel desktop passes empty cells to custom functions as `0`, which cannot be told from a $0 account: " +
      "reference a table column (`Accounts[ACV]`) or an exact range, not a whole column.",
  },
  {
    title: "Two errors, with messages.",
    text:
      "`#VALUE!` for a value that cannot be read or is out of range, `#N/A` for an unknown tier, segment, role, plan or key; the cell's error tooltip gives the message. " +
      "An error already in an input cell is reported as such (`ACV is #DIV/0!; fix that cell first`). No function throws or returns NaN or Infinity.",
  },
  {
    title: "Every number is an assumption.",
    text:
      "Tiers, ratios, targets and the payout curve come from the workbook's assumptions (MODEL.md's defaults until changed in the task pane); `CS.ASSUMPTION(key)` shows one. " +
      "Money is rounded to the cent.",
  },
];

// ---------------------------------------------------------------------------
// Markdown

/** Escapes text for Markdown (GitHub's, with its $math$): no markup, no raw HTML, safe in a table cell. */
export function escapeMarkdown(text: string): string {
  const escaped = text
    .replace(/\s+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~$]/g, "\\$&");
  // Characters that would start a block at the beginning of a line.
  return escaped.replace(/^(\s*)([#+=-])/, "$1\\$2").replace(/^(\s*\d+)([.)])/, "$1\\$2");
}

/** A code span that holds any text; `|` escaped for a table cell (GFM requires it even in code). */
function mdCode(text: string): string {
  const clean = text.replace(/\s+/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = clean.startsWith("`") || clean.endsWith("`") ? " " : "";
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** Text with `code` spans, for Markdown. */
function mdInline(text: string): string {
  return text
    .split("`")
    .map((part, i) => (i % 2 === 1 ? mdCode(part) : escapeMarkdown(part)))
    .join("");
}

function mdExamples(examples: readonly CatalogExample[]): string[] {
  if (examples.length === 0) return ["No example yet."];
  return [
    "| formula | result |",
    "|---|---|",
    ...examples.map((ex) => `| ${mdCode(ex.formula)} | ${mdCode(formatResult(ex.result))} |`),
  ];
}

export function renderMarkdown(catalog: Catalog, contract?: Contract): string {
  const all = groups(catalog, contract);
  const out: string[] = [
    `# ${REFERENCE_TITLE}`,
    "",
    "<!-- Generated by `npm run docs` from the JSDoc of src/functions/*.ts; do not edit by hand. -->",
    "",
    "Each function's description and parameters are the ones Excel shows in its formula autocomplete; " +
      "the add-in serves this reference as `functions.html` beside its task pane, where each function's help link lands. " +
      "Every example below is evaluated by the tests, so its result is what the function returns with the default assumptions.",
    "",
    "## How CS functions treat input",
    "",
    ...INPUT_NOTES.map((note) => `- **${escapeMarkdown(note.title)}** ${mdInline(note.text)}`),
    "",
    "## Contents",
    "",
  ];
  for (const group of all) {
    out.push(`- [${escapeMarkdown(group.title)}](#${group.anchor})`);
    for (const fn of group.functions)
      out.push(
        `  - [${escapeMarkdown(`CS.${fn.id}`)}](#${anchorOf(fn)}): ${escapeMarkdown(firstSentence(fn.description ?? ""))}`
      );
  }
  for (const group of all) {
    out.push("", `<a id="${group.anchor}"></a>`, "", `## ${escapeMarkdown(group.title)}`);
    for (const fn of group.functions) {
      const model = modelLine(group, contract, fn.id);
      out.push(
        "",
        `<a id="${anchorOf(fn)}"></a>`,
        "",
        `### ${mdCode(signature(fn))}`,
        "",
        escapeMarkdown(fn.description ?? ""),
        "",
        `${resultLine(fn)}${model ? ` ${escapeMarkdown(model)}` : ""}`,
        ""
      );
      if (fn.parameters.length === 0) out.push("No parameters.");
      else
        out.push(
          "| parameter | optional | takes | description |",
          "|---|---|---|---|",
          ...fn.parameters.map(
            (p) =>
              `| ${mdCode(p.name)} | ${p.optional ? "yes" : "no"} | ${takes(p.dimensionality)} | ${escapeMarkdown(p.description ?? "")} |`
          )
        );
      out.push("", "Examples:", "", ...mdExamples(catalog.examples[fn.id] ?? []));
    }
  }
  return `${out.join("\n")}\n`;
}

// ---------------------------------------------------------------------------
// HTML

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Text with `code` spans, for HTML. */
function htmlInline(text: string): string {
  return text
    .split("`")
    .map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part)))
    .join("");
}

/**
 * No script at all (default-src 'none' and no script-src), styles only from
 * the stylesheet beside the page. frame-ancestors cannot be set in a meta tag.
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

export const PAGE_STYLESHEET = "functions.css";

export function renderHtml(catalog: Catalog, contract?: Contract): string {
  const all = groups(catalog, contract);
  const h = escapeHtml;
  const out: string[] = [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="UTF-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    // PAGE_CSP is a constant with no double quote: written as it is, readable in the page.
    `<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}" />`,
    `<title>${h(REFERENCE_TITLE)} \u2013 CS Coverage</title>`,
    `<link rel="stylesheet" href="${h(PAGE_STYLESHEET)}" />`,
    "</head>",
    "<body>",
    '<header class="masthead">',
    `<h1>${h(REFERENCE_TITLE)}</h1>`,
    "<p>The <code>CS.*</code> functions of the CS Coverage add-in, as Excel's formula autocomplete describes them, " +
      "with examples whose results are checked by the tests (default assumptions).</p>",
    "</header>",
    '<nav class="contents" aria-label="Contents">',
    "<h2>Contents</h2>",
    '<p><a href="#input">How CS functions treat input</a></p>',
  ];
  for (const group of all) {
    out.push(`<h3><a href="#${h(group.anchor)}">${h(group.title)}</a></h3>`, "<ul>");
    for (const fn of group.functions)
      out.push(
        `<li><a href="#${h(anchorOf(fn))}"><code>CS.${h(fn.id)}</code></a> ${h(firstSentence(fn.description ?? ""))}</li>`
      );
    out.push("</ul>");
  }
  out.push("</nav>", "<main>", '<section id="input" class="notes">');
  out.push("<h2>How CS functions treat input</h2>", "<ul>");
  for (const note of INPUT_NOTES)
    out.push(`<li><strong>${h(note.title)}</strong> ${htmlInline(note.text)}</li>`);
  out.push("</ul>", "</section>");
  for (const group of all) {
    out.push(`<section id="${h(group.anchor)}" class="group">`, `<h2>${h(group.title)}</h2>`);
    for (const fn of group.functions) {
      const model = modelLine(group, contract, fn.id);
      out.push(
        `<article id="${h(anchorOf(fn))}" class="fn">`,
        `<h3><code>${h(signature(fn))}</code></h3>`,
        `<p class="description">${h(fn.description ?? "")}</p>`,
        `<p class="result">${h(resultLine(fn))}${model ? ` <span class="model">${h(model)}</span>` : ""}</p>`
      );
      if (fn.parameters.length === 0) out.push("<p>No parameters.</p>");
      else {
        out.push(
          '<table class="params">',
          "<thead><tr><th>parameter</th><th>optional</th><th>takes</th><th>description</th></tr></thead>",
          "<tbody>"
        );
        for (const p of fn.parameters)
          out.push(
            `<tr><td><code>${h(p.name)}</code></td><td>${p.optional ? "yes" : "no"}</td><td>${h(takes(p.dimensionality))}</td><td>${h(p.description ?? "")}</td></tr>`
          );
        out.push("</tbody>", "</table>");
      }
      const examples = catalog.examples[fn.id] ?? [];
      if (examples.length === 0) out.push("<p>No example yet.</p>");
      else {
        out.push(
          '<table class="examples">',
          "<thead><tr><th>example</th><th>result</th></tr></thead>",
          "<tbody>"
        );
        for (const ex of examples)
          out.push(
            `<tr><td><code>${h(ex.formula)}</code></td><td><code>${h(formatResult(ex.result))}</code></td></tr>`
          );
        out.push("</tbody>", "</table>");
      }
      out.push("</article>");
    }
    out.push("</section>");
  }
  out.push("</main>", "</body>", "</html>");
  return `${out.join("\n")}\n`;
}
