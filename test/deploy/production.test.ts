/**
 * The production build for a sample origin, and that build served by the
 * shipped nginx configuration (deploy/nginx/) on loopback: what an IT admin
 * deploys, checked the way Excel will load it. nginx is Debian's
 * (/usr/sbin/nginx, installed by .ci/run), started by this test with its own
 * prefix and configuration in a temporary folder, and stopped at the end.
 * The build goes to a temporary folder too, so dist/ (which the other
 * suites serve) is never touched.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import fs from "fs";
import http from "http";
import { AddressInfo } from "net";
import os from "os";
import path from "path";
import { nginxLocation, PRODUCTION_ID } from "../../scripts/addin-origin";
import { launch } from "../browser/harness";

const ROOT = path.resolve(__dirname, "..", "..");
const ORIGIN = "https://addins.example.com/cs";
const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const HASHED = /\.[0-9a-f]{8}\.(js|css)$/;
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
};

let tmp: string;
let out: string;

/** The file of the build a URL under ORIGIN names. */
function fileOf(url: string): string {
  return path.join(out, new URL(url).pathname.slice(new URL(`${ORIGIN}/`).pathname.length));
}

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

function manifestUrls(xml: string): string[] {
  return [...xml.matchAll(/DefaultValue="(https?:[^"]*)"/g)].map((m) => m[1]);
}

function webpack(env: NodeJS.ProcessEnv, outputPath: string) {
  return spawnSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js"),
      "--mode",
      "production",
      "--output-path",
      outputPath,
    ],
    { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8" }
  );
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cs-production-"));
  // Readable by nginx's workers, which run as an unprivileged user when the test runs as root.
  fs.chmodSync(tmp, 0o755);
  out = path.join(tmp, "site");
  const run = webpack({ ADDIN_ORIGIN: ORIGIN }, out);
  if (run.status !== 0) throw new Error(`production build failed:\n${run.stdout}\n${run.stderr}`);
}, 900_000);

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("the production build for a sample origin", () => {
  test('has no "localhost" anywhere: manifest, functions.json, pages, bundles, maps', () => {
    const found = files(out).filter((file) =>
      /localhost/i.test(fs.readFileSync(path.join(out, file), "latin1"))
    );
    expect(found).toEqual([]);
  });

  test("puts every manifest URL under the origin, with the production Id and the package version", () => {
    const xml = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    const urls = manifestUrls(xml);
    const source = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
    expect(urls.length).toBe(manifestUrls(source).length);
    expect(urls.filter((url) => !url.startsWith(`${ORIGIN}/`))).toEqual([]);
    expect(xml).toContain(`<Id>${PRODUCTION_ID}</Id>`);
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    expect(xml).toContain(`<Version>${version}.0</Version>`);
    expect(xml).toContain(`<SupportUrl DefaultValue="${ORIGIN}/functions.html"/>`);
    // Every URL names a file of the build.
    for (const url of urls) {
      expect(`${url}: ${fs.existsSync(fileOf(url))}`).toBe(`${url}: true`);
    }
  });

  test("validates offline against Microsoft's schemas, like the development manifest", () => {
    const run = spawnSync(
      "bash",
      [path.join(ROOT, "scripts", "validate-manifest.sh"), path.join(out, "manifest.xml")],
      { encoding: "utf8" }
    );
    expect(`${run.stdout}${run.stderr}`).toContain("manifest.xml validates");
    expect(`${run.stdout}${run.stderr}`).toContain("URLs and icons check out");
    expect(run.status).toBe(0);
  });

  test("functions.json: each helpUrl lands on its function's section, and error values reach every parameter", () => {
    const metadata = JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8"));
    const html = fs.readFileSync(path.join(out, "functions.html"), "utf8");
    expect(metadata.functions.length).toBe(25);
    // Top level, as Microsoft's JSON metadata reference places it.
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
    for (const fn of metadata.functions) {
      const url = new URL(fn.helpUrl);
      expect(`${fn.id}: ${url.origin}${url.pathname}`).toBe(`${fn.id}: ${ORIGIN}/functions.html`);
      expect(`${fn.id}: ${html.includes(`id="${url.hash.slice(1)}"`)}`).toBe(`${fn.id}: true`);
      // The flag covers parameters of type any only: a typed one would get no error values.
      for (const p of fn.parameters)
        expect(`${fn.id}.${p.name}: ${p.type}`).toBe(`${fn.id}.${p.name}: any`);
    }
  });

  test("taskpane.html loads office.js from Microsoft's CDN, and its CSP allows that folder and nothing else outside", () => {
    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]);
    expect(scripts[0]).toBe(OFFICE_CDN);
    const csp = /Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com/lib/1/hosted/;");
    expect(csp).toContain("connect-src 'self';");
    expect(csp.match(/https?:\/\/[^\s;]+/g)).toEqual([
      "https://appsforoffice.microsoft.com/lib/1/hosted/",
    ]);
    expect(fs.existsSync(path.join(out, "office-js"))).toBe(false);
    // The page's own scripts and style sheet: hashed names that exist.
    const local = [
      ...scripts.slice(1),
      ...[...html.matchAll(/\shref="?([^"\s>]+)/g)].map((m) => m[1]),
    ];
    expect(local.length).toBe(3);
    for (const name of local) {
      expect(name).toMatch(HASHED);
      expect(fs.existsSync(path.join(out, name))).toBe(true);
    }
  });

  test("every bundle and style sheet has a content-hashed name, except the manifest's functions.js", () => {
    const unhashed = files(out).filter((f) => /\.(js|css)$/.test(f) && !HASHED.test(f));
    expect(unhashed).toEqual(["functions.js"]);
    const functionsHashed = files(out).find((f) => /^functions\.[0-9a-f]{8}\.js$/.test(f));
    expect(fs.readFileSync(path.join(out, "functions.js"), "utf8")).toBe(
      fs.readFileSync(path.join(out, functionsHashed!), "utf8")
    );
  });
});

describe("npm run package: what IT deploys", () => {
  function pack(env: NodeJS.ProcessEnv, args: string[]) {
    return spawnSync(process.execPath, [path.join(ROOT, "scripts", "package.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, ADDIN_ORIGIN: "", ...env },
      encoding: "utf8",
    });
  }

  test("holds the site, the production manifest, an nginx configuration and the guide, for the origin", () => {
    const dest = path.join(tmp, "package");
    const run = pack({ ADDIN_ORIGIN: ORIGIN }, ["--site", out, "--out", dest]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const folder = path.join(dest, `cs-coverage-${version}`);
    expect(files(path.join(folder, "site")).sort()).toEqual(files(out).sort());
    expect(fs.readFileSync(path.join(folder, "manifest.xml"), "utf8")).toBe(
      fs.readFileSync(path.join(out, "manifest.xml"), "utf8")
    );
    const guide = fs.readFileSync(path.join(folder, "ADMIN-GUIDE.md"), "utf8");
    expect(guide).not.toMatch(/\{\{|\}\}/);
    for (const fact of [
      `${ORIGIN}/taskpane.html`,
      PRODUCTION_ID,
      "Settings > Integrated apps",
      "24 hours",
      "SharePoint app catalog",
      "VersionOverrides",
      "Id never changes",
      "#NAME?",
      "Repair CS formulas",
    ])
      expect(`${fact}: ${guide.replace(/\s+/g, " ").includes(fact)}`).toBe(`${fact}: true`);
    const nginx = fs.readFileSync(path.join(folder, "nginx", "cs-coverage.conf"), "utf8");
    expect(nginx).toContain("location ^~ /cs/ {");
    expect(nginx).toContain("alias /var/www/cs-coverage/;");
    const listing = spawnSync("tar", ["-tzf", path.join(dest, `cs-coverage-${version}.tar.gz`)], {
      encoding: "utf8",
    });
    expect(listing.stdout).toContain(`cs-coverage-${version}/site/functions.json`);
    expect(listing.stdout).toContain(`cs-coverage-${version}/ADMIN-GUIDE.md`);
  });

  test.each([
    ["", /needs the origin users will load the add-in from/],
    ["http://addins.example.com/cs", /is not https/],
  ])("ADDIN_ORIGIN %j is refused in one line", (origin, message) => {
    const run = pack({ ADDIN_ORIGIN: origin }, ["--site", out, "--out", path.join(tmp, "no")]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(message)]);
    expect(fs.existsSync(path.join(tmp, "no"))).toBe(false);
  });

  test("a build for another origin is not packaged as this one", () => {
    const run = pack({ ADDIN_ORIGIN: "https://other.example.com" }, [
      "--site",
      out,
      "--out",
      path.join(tmp, "other"),
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("is not a production build for https://other.example.com");
  });
});

describe("a production build refuses an origin users cannot load it from", () => {
  test.each([
    ["http://addins.example.com/cs", "is not https"],
    ["https://localhost:8443/cs", "is this machine"],
  ])(
    "%s: exit 1 with one line",
    (origin, message) => {
      const run = webpack({ ADDIN_ORIGIN: origin }, path.join(tmp, "refused"));
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split("\n");
      expect(lines).toEqual([expect.stringContaining(message)]);
      expect(fs.existsSync(path.join(tmp, "refused"))).toBe(false);
    },
    120_000
  );
});

describe("served by the shipped nginx configuration", () => {
  let nginx: ChildProcess | undefined;
  let port = 0;
  const host = new URL(ORIGIN).host;

  /** GET through nginx on loopback, as Excel would from `url` under the origin. */
  function get(
    url: string,
    headers: Record<string, string> = {}
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    const { pathname } = new URL(url);
    return new Promise((resolve, reject) => {
      const req = http.get(
        { host: "127.0.0.1", port, path: pathname, headers: { Host: host, ...headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            })
          );
        }
      );
      req.on("error", reject);
    });
  }

  async function freePort(): Promise<number> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port: free } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return free;
  }

  beforeAll(async () => {
    if (!fs.existsSync(NGINX))
      throw new Error(
        `No nginx at ${NGINX}: install Debian's nginx (apt-get install nginx), as .ci/run does.`
      );
    const prefix = path.join(tmp, "nginx");
    fs.mkdirSync(prefix);
    port = await freePort();
    fs.writeFileSync(path.join(prefix, "cs-coverage.conf"), nginxLocation(ORIGIN, out));
    // A whole configuration of our own: no root-owned path is read or written.
    const temp = (name: string) => `${name}_temp_path ${path.join(prefix, name)};`;
    fs.writeFileSync(
      path.join(prefix, "nginx.conf"),
      [
        "daemon off;",
        "worker_processes 1;",
        `pid ${path.join(prefix, "nginx.pid")};`,
        `error_log ${path.join(prefix, "error.log")};`,
        "events { worker_connections 64; }",
        "http {",
        "  access_log off;",
        ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((name) => `  ${temp(name)}`),
        `  server { listen 127.0.0.1:${port}; server_name ${new URL(ORIGIN).hostname};`,
        `    include ${path.join(prefix, "cs-coverage.conf")}; }`,
        "}",
      ].join("\n")
    );
    const check = spawnSync(NGINX, ["-t", "-p", prefix, "-c", "nginx.conf", "-e", "error.log"], {
      encoding: "utf8",
    });
    if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.stderr}`);
    nginx = spawn(NGINX, ["-p", prefix, "-c", "nginx.conf", "-e", "error.log"], {
      stdio: "ignore",
    });
    for (let tries = 0; ; tries++) {
      try {
        await get(`${ORIGIN}/`);
        break;
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }, 60_000);

  afterAll(async () => {
    if (!nginx || nginx.exitCode !== null) return;
    const exited = new Promise((resolve) => nginx!.once("exit", resolve));
    nginx.kill("SIGQUIT");
    await exited;
  });

  test("every URL in the production manifest answers 200 with its type, revalidated on each load", async () => {
    const urls = [
      ...new Set([
        ...manifestUrls(fs.readFileSync(path.join(out, "manifest.xml"), "utf8")),
        `${ORIGIN}/manifest.xml`,
      ]),
    ];
    expect(urls).toEqual(
      expect.arrayContaining([
        `${ORIGIN}/taskpane.html`,
        `${ORIGIN}/functions.json`,
        `${ORIGIN}/functions.js`,
      ])
    );
    for (const url of urls) {
      const res = await get(url);
      const ext = path.extname(new URL(url).pathname);
      expect(
        `${url}: ${res.status} ${res.headers["content-type"]} ${res.headers["cache-control"]}`
      ).toBe(`${url}: 200 ${TYPES[ext]} no-cache`);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-frame-options"]).toBeUndefined();
      expect(res.body.equals(fs.readFileSync(fileOf(url)))).toBe(true);
    }
  });

  test("hashed bundles and style sheets are cached for a year", async () => {
    const hashed = files(out).filter((f) => HASHED.test(f));
    // taskpane and functions: two bundles, two style sheets.
    expect(hashed.length).toBe(4);
    for (const name of hashed) {
      const res = await get(`${ORIGIN}/${name}`);
      expect(
        `${name}: ${res.status} ${res.headers["content-type"]} ${res.headers["cache-control"]}`
      ).toBe(`${name}: 200 ${TYPES[path.extname(name)]} public, max-age=31536000, immutable`);
    }
  });

  test("every file of the build has its own type, never application/octet-stream", async () => {
    for (const name of files(out)) {
      const res = await get(`${ORIGIN}/${name.split(path.sep).join("/")}`);
      expect(`${name}: ${res.status} ${res.headers["content-type"]}`).toBe(
        `${name}: 200 ${TYPES[path.extname(name)]}`
      );
    }
  });

  test("functions.json answers a cross-origin request (Excel on the web), with CORS", async () => {
    const res = await get(`${ORIGIN}/functions.json`, {
      Origin: "https://excel.officeapps.live.com",
    });
    expect(res.status).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(res.body.toString("utf8")).functions.length).toBe(25);
  });

  test("a browser on another origin can read functions.json, and not the pages", async () => {
    // A blank page on another loopback port: a different origin to Chromium.
    const other = http.createServer((_req, res) =>
      res.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>other</title>")
    );
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      const read = (url: string) =>
        page.evaluate(async (target) => {
          try {
            const res = await fetch(target);
            return `${res.status} ${(await res.text()).length > 0}`;
          } catch (error) {
            return `refused: ${(error as Error).name}`;
          }
        }, url);
      const base = `http://127.0.0.1:${port}/cs`;
      expect(await read(`${base}/functions.json`)).toBe("200 true");
      // The control: without CORS the browser refuses, so the line above proves the header works.
      expect(await read(`${base}/taskpane.html`)).toBe("refused: TypeError");
    } finally {
      await browser.close();
      await new Promise((resolve) => other.close(resolve));
    }
  }, 60_000);

  test("a missing file is 404, not a page", async () => {
    expect((await get(`${ORIGIN}/no-such-file.js`)).status).toBe(404);
  });
});
