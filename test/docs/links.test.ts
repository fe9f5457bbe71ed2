/**
 * Every relative link in the hand-written docs (README.md, CONTRIBUTING.md,
 * docs/*.md) points at a file that exists and, when it names a heading
 * (#fragment), at a heading or anchor that the target has, spelled as GitHub
 * spells heading anchors. Links to the web are not followed (no internet in
 * tests).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

interface Link {
  line: number;
  target: string;
}

/** The text without fenced code blocks and inline code spans (links there are examples, not links); lines kept. */
function withoutCode(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split("\n")
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence !== null) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
        return "";
      }
      if (marker) {
        fence = marker;
        return "";
      }
      if (/^( {4}|\t)/.test(line)) return ""; // an indented code block
      return line.replace(/(`+)[\s\S]*?\1/g, "");
    })
    .join("\n");
}

/** Inline links and images `[text](target "title")`, and reference definitions `[id]: target`. */
function linksIn(markdown: string): Link[] {
  const links: Link[] = [];
  withoutCode(markdown)
    .split("\n")
    .forEach((text, index) => {
      for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
        links.push({ line: index + 1, target: m[1] });
      const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(text);
      if (definition) links.push({ line: index + 1, target: definition[1] });
    });
  return links;
}

/** GitHub's anchor for a heading: the rendered text, lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  const rendered = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // links and images: their text
    .replace(/<[^>]+>/g, "") // inline HTML
    .replace(/`/g, "")
    .replace(/\*+/g, "");
  return rendered
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Every anchor a Markdown file has: its headings' slugs (repeats numbered as GitHub does) and explicit id/name attributes. */
function anchorsIn(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | null = null;
  for (const line of markdown.split("\n")) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== null) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const base = slug(heading[1]);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const m of line.matchAll(/\s(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  }
  return anchors;
}

/** What is wrong with one link of `file`, or null when it resolves. */
function brokenLink(file: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) return null; // https:, mailto:, ...
  const hash = target.indexOf("#");
  const pathPart = decodeURI(hash < 0 ? target : target.slice(0, hash));
  const fragment = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
  const resolved = pathPart === "" ? file : path.resolve(path.dirname(file), pathPart);
  if (!existsSync(resolved)) return `${target}: no file ${path.relative(ROOT, resolved)}`;
  if (fragment === null || fragment === "") return null;
  if (statSync(resolved).isDirectory() || !resolved.endsWith(".md"))
    return `${target}: a #fragment on something that is not a Markdown file`;
  const anchors = anchorsIn(readFileSync(resolved, "utf8"));
  return anchors.has(fragment)
    ? null
    : `${target}: ${path.relative(ROOT, resolved)} has no heading or anchor "${fragment}"`;
}

const DOCS = path.join(ROOT, "docs");
const FILES = [
  path.join(ROOT, "README.md"),
  path.join(ROOT, "CONTRIBUTING.md"),
  ...readdirSync(DOCS)
    .filter((name) => name.endsWith(".md"))
    .map((name) => path.join(DOCS, name)),
];

describe("relative links in the docs", () => {
  test.each(FILES.map((file) => path.relative(ROOT, file)))("%s: every one resolves", (name) => {
    const file = path.join(ROOT, name);
    const text = readFileSync(file, "utf8");
    const problems = linksIn(text)
      .map(({ line, target }) => {
        const problem = brokenLink(file, target);
        return problem && `${name}:${line}: ${problem}`;
      })
      .filter((problem) => problem !== null);
    expect(problems).toEqual([]);
  });

  test("the README and CONTRIBUTING.md are there, and the README links every page in docs/", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const linked = new Set(
      linksIn(readme).map((link) => path.resolve(ROOT, link.target.split("#")[0]))
    );
    const pages = FILES.filter((file) => path.dirname(file) === DOCS);
    expect(
      pages.filter((page) => !linked.has(page)).map((page) => path.relative(ROOT, page))
    ).toEqual([]);
    expect(linked.has(path.join(ROOT, "CONTRIBUTING.md"))).toBe(true);
  });
});

describe("the link checker", () => {
  test("finds inline links, images and reference definitions, not code", () => {
    const markdown = [
      'See [the CLI](docs/cli.md#plan) and ![a shot](shot.png "title").',
      "`[not a link](nowhere.md)` and",
      "```",
      "[also not](nowhere.md)",
      "```",
      "    [indented code](nowhere.md)",
      "[ref]: CONTRIBUTING.md",
      "[web](https://example.com/x)",
    ].join("\n");
    expect(linksIn(markdown)).toEqual([
      { line: 1, target: "docs/cli.md#plan" },
      { line: 1, target: "shot.png" },
      { line: 7, target: "CONTRIBUTING.md" },
      { line: 8, target: "https://example.com/x" },
    ]);
  });

  test("spells heading anchors as GitHub does (checked against GitHub's rendering of these headings)", () => {
    expect(slug("`cs-coverage plan`: from a CRM export to a coverage plan")).toBe(
      "cs-coverage-plan-from-a-crm-export-to-a-coverage-plan"
    );
    expect(slug("How CS formulas are stored in a file (`_xldudf_`)")).toBe(
      "how-cs-formulas-are-stored-in-a-file-_xldudf_"
    );
    expect(slug("`eval --data` on a large export")).toBe("eval---data-on-a-large-export");
    expect(slug("The plan, for FP&A")).toBe("the-plan-for-fpa");
    expect(slug("n/a at 1,000,000 rows")).toBe("na-at-1000000-rows");
    expect(slug("§1 Tiers")).toBe("1-tiers");
  });

  test("numbers repeated headings and reads explicit anchors", () => {
    const anchors = anchorsIn(
      '# A\n## Usage\n## Usage\n<a id="tier"></a>\n```\n# not a heading\n```'
    );
    expect([...anchors].sort()).toEqual(["a", "tier", "usage", "usage-1"]);
  });

  test("reports a missing file, a missing heading, and accepts a present one", () => {
    const readme = path.join(ROOT, "README.md");
    expect(brokenLink(readme, "docs/no-such-page.md")).toMatch("no file docs/no-such-page.md");
    expect(brokenLink(readme, "CONTRIBUTING.md#no-such-heading")).toMatch(
      'CONTRIBUTING.md has no heading or anchor "no-such-heading"'
    );
    expect(brokenLink(readme, "CONTRIBUTING.md#layout")).toBeNull();
    expect(brokenLink(readme, "#quick-start")).toBeNull();
    expect(brokenLink(readme, "https://example.com/#anything")).toBeNull();
  });
});
