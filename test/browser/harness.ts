/**
 * The built task pane in real headless Chromium (Debian's, driven by
 * playwright-core, which never downloads a browser): dist/ is served over
 * http on loopback, office.js comes from the npm package (dist/office-js),
 * and every request that leaves 127.0.0.1 is refused and recorded.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as path from "path";
import { Browser, BrowserContext, chromium, Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "..", "..");
export const DIST = path.join(ROOT, "dist");
/** Screenshots are artifacts: look at them (README links the latest). */
export const SHOTS = path.join(ROOT, "test-artifacts", "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

/** Builds dist/ if a plain `npm test` runs before any build. */
export function ensureBuilt(): void {
  // taskpane.js has a content-hashed name; functions.js also keeps its plain one.
  if (
    fs.existsSync(path.join(DIST, "taskpane.html")) &&
    fs.existsSync(path.join(DIST, "functions.js"))
  )
    return;
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** A static server for dist/ on 127.0.0.1 (any free port). */
export async function serveDist(): Promise<Served> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    const file = path.normalize(path.join(DIST, pathname));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium), as .ci/run does.`
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  /** Requests that tried to leave loopback (refused). */
  blocked: string[];
  /** Uncaught errors, console errors and Content-Security-Policy violations. */
  problems: string[];
  /** alert()/confirm() dialogs the page opened (an XSS payload would). */
  dialogs: string[];
}

/**
 * Outside Office, office.js adds a hidden telemetry iframe (style="display:none",
 * src on telemetryservice.firstpartyapps.oaspapps.com) 3 s after it loads. Our
 * CSP blocks both the frame and its inline style, as it should; on a loaded
 * machine a test can outlive those 3 s. Those two violations, raised by
 * office.js itself, are not the pane's problems; any other is.
 */
const OFFICE_TELEMETRY = "telemetryservice.firstpartyapps.oaspapps.com";
function isOfficeTelemetryFrame(text: string, sourceUrl: string): boolean {
  const fromOfficeJs = sourceUrl.includes("/office-js/") || / from \S*\/office-js\//.test(text);
  if (text.includes(OFFICE_TELEMETRY)) return true;
  return fromOfficeJs && /style-src|inline style/.test(text);
}

/** A fresh page with outside requests refused and every error, CSP violation and dialog recorded. */
export async function openPage(browser: Browser): Promise<Watched> {
  const context = await browser.newContext({
    viewport: { width: 420, height: 900 },
    acceptDownloads: true,
  });
  const blocked: string[] = [];
  const problems: string[] = [];
  const dialogs: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:")
      return route.continue();
    blocked.push(route.request().url());
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sample}) from ${e.sourceFile}`
      );
    });
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (
      message.type() !== "error" ||
      isOfficeTelemetryFrame(message.text(), message.location().url)
    )
      return;
    problems.push(`console error: ${message.text()}`);
  });
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { page, context, blocked, problems, dialogs };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Registers a suite's hooks: dist/ built and served, Chromium launched once
 * for the suite, both closed at the end. Returns getters for the tests.
 */
export function useServedPane(): { url: () => string; browser: () => Browser } {
  let served: Served | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ensureBuilt();
    served = await serveDist();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });
  return {
    url: () => served!.url,
    browser: () => browser!,
  };
}

/**
 * A suite's opening hooks: useServedPane's, and each page opened with open()
 * closed after its test by closeClean (no outside request, error, CSP
 * violation or dialog).
 */
export function usePanePages(): { url: () => string; open: () => Promise<Page> } {
  const pane = useServedPane();
  let watched: Watched | undefined;
  afterEach(async () => {
    const opened = watched;
    watched = undefined;
    if (opened) await closeClean(opened);
  });
  return {
    url: pane.url,
    open: async () => {
      watched = await openPage(pane.browser());
      return watched.page;
    },
  };
}

/** Closes a page and demands it made no outside request, no error or CSP violation, no dialog. */
export async function closeClean(watched: Watched): Promise<void> {
  const { blocked, problems, dialogs } = watched;
  await watched.context.close();
  expect({ blocked, problems, dialogs }).toEqual({ blocked: [], problems: [], dialogs: [] });
}

const AXE_SOURCE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core run in the page (injected from node_modules, never fetched):
 * the serious and critical violations of WCAG 2.x A/AA rules, each with
 * the elements it found. Injected through the DevTools protocol, so the
 * pane's Content-Security-Policy stays as strict as in Excel.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const injected = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe);
  if (injected === "undefined") await page.evaluate(fs.readFileSync(AXE_SOURCE, "utf8"));
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown
          ): Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: string[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(" ")),
      }));
  });
}

/** Shots kept in the docs (docs/screenshots), regenerated by the tests. */
export const DOC_SHOTS = path.join(ROOT, "docs", "screenshots");

/** A screenshot of the pane as it shows (not the full page), for the docs. */
export async function docScreenshot(page: Page, name: string, fullPage = false): Promise<string> {
  fs.mkdirSync(DOC_SHOTS, { recursive: true });
  const file = path.join(DOC_SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
