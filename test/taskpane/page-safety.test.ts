/**
 * Static guarantees of the task pane page, checked on the sources and the
 * built page: a Content-Security-Policy with no inline script or style and
 * no eval, and no API that turns a string into markup anywhere in the code
 * that runs in the page (browser tests check the behaviour; this keeps a
 * future edit from reintroducing the API).
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const RUNS_IN_PAGE = ["src/taskpane", "src/functions", "src/core"];

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(rel) : /\.(ts|html)$/.test(entry.name) ? [rel] : [];
  });
}

function csp(html: string): Map<string, string[]> {
  const content = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  if (!content) throw new Error("taskpane.html has no Content-Security-Policy meta tag");
  return new Map(
    content
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values])
  );
}

describe("the task pane page", () => {
  test("its CSP allows scripts and styles from this origin only, and no eval", () => {
    const policy = csp(fs.readFileSync(path.join(ROOT, "src/taskpane/taskpane.html"), "utf8"));
    expect(policy.get("default-src")).toEqual(["'self'"]);
    // Filled in by the build: 'self', and Microsoft's office.js folder in production pages only
    // (test/deploy/production.test.ts checks the production page's value).
    expect(policy.get("script-src")).toEqual(["<%=", "scriptSrc", "%>"]);
    const config = fs.readFileSync(path.join(ROOT, "webpack.config.js"), "utf8");
    expect(config).toMatch(/scriptSrc: production \? `'self' \$\{[^}]+\}` : "'self'",/);
    expect(policy.get("style-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    const all = [...policy.values()].flat();
    for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'", "*"])
      expect(all).not.toContain(unsafe);
  });

  test("has no inline script, inline style or event-handler attribute", () => {
    const html = fs.readFileSync(path.join(ROOT, "src/taskpane/taskpane.html"), "utf8");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle="/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  test.each(RUNS_IN_PAGE)("no code in %s turns strings into markup or code", (dir) => {
    const offenders = sources(dir).filter((file) =>
      /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/.test(
        fs.readFileSync(path.join(ROOT, file), "utf8")
      )
    );
    expect(offenders).toEqual([]);
  });
});
