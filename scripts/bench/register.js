"use strict";
/** The production functions bundle in Chromium: the time to register every function. */
// performance is a node global too (URL is declared in eslint.config.mjs); window, document and fetch are used only in the page.
/* global performance, window, document, fetch */
const fs = require("fs");
const http = require("http");
const path = require("path");
const { fail } = require("./cli");
const { ROOT, BUNDLE, CHROMIUM } = require("./paths");

async function registerTime(quick) {
  if (!fs.existsSync(BUNDLE))
    fail(`${path.relative(ROOT, BUNDLE)} is missing: run npm run build (or drop --no-build).`);
  if (!fs.existsSync(CHROMIUM))
    fail(
      `no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium), as .ci/run does.`
    );
  const { chromium } = require("playwright-core");
  const expected = JSON.parse(fs.readFileSync(path.join(ROOT, "dist", "functions.json"), "utf8"))
    .functions.length;
  const page = `<!doctype html><meta charset="utf-8"><title>bench</title>`;
  const server = http.createServer((req, res) => {
    if (req.url === "/functions.js") {
      res.writeHead(200, { "Content-Type": "text/javascript" });
      fs.createReadStream(BUNDLE).pipe(res);
    } else {
      res.writeHead(200, { "Content-Type": "text/html" }).end(page);
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
    ],
  });
  const times = [];
  const blocked = [];
  try {
    for (let run = 0; run < (quick ? 1 : 9); run++) {
      // A fresh context each time: a cold page, no code cache from the run before.
      const context = await browser.newContext();
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === "127.0.0.1") return route.continue();
        blocked.push(url.href);
        return route.abort("blockedbyclient");
      });
      const tab = await context.newPage();
      await tab.addInitScript(() => {
        const stub = { calls: 0, last: 0 };
        window.__bench = stub;
        class StubError extends Error {
          constructor(code, message) {
            super(message);
            this.code = code;
          }
        }
        window.CustomFunctions = {
          associate() {
            stub.calls++;
            stub.last = performance.now();
          },
          Error: StubError,
          ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!" },
        };
        window.Office = { onReady: () => Promise.resolve({ host: "Excel" }), context: {} };
      });
      await tab.goto(`${origin}/`);
      const measured = await tab.evaluate(async () => {
        // The bytes are fetched first, so the clock covers parsing, compiling and running the bundle.
        const code = await (await fetch("/functions.js")).text();
        const script = document.createElement("script");
        script.textContent = `${code}\n//# sourceURL=functions.js`;
        const start = performance.now();
        document.head.appendChild(script);
        return { calls: window.__bench.calls, ms: window.__bench.last - start };
      });
      if (measured.calls !== expected)
        fail(
          `functions.js made ${measured.calls} CustomFunctions.associate calls; functions.json lists ${expected}.`
        );
      times.push(measured.ms);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (blocked.length > 0) fail(`the page tried to leave 127.0.0.1: ${blocked.join(", ")}`);
  times.sort((a, b) => a - b);
  return {
    ms: times[Math.floor(times.length / 2)],
    functions: expected,
    runs: times.length,
    browser: browser.version(),
  };
}

module.exports = { registerTime };
