/**
 * The origin the add-in is served from, and what the build derives from it:
 * the manifest (every URL, its Id and Version) and functions.json (each
 * function's helpUrl and the error-input flag). Pure functions, used by
 * webpack.config.js (through scripts/addin-webpack.js) and by the tests.
 *
 *   no ADDIN_ORIGIN                 development: https://localhost:3000, the dev Id
 *   ADDIN_ORIGIN=https://host/path  production: every URL under it, the production Id
 */
"use strict";

/** The dev server's origin (webpack serve, `npm start`); manifest.xml is written for it. */
const DEV_ORIGIN = "https://localhost:3000";

/**
 * The production add-in's Id. It must never change: Office keys a workbook's
 * stored settings (its assumptions) by the add-in Id, so a new Id would make
 * every workbook's assumptions invisible to the add-in. The development
 * manifest keeps its own Id so a developer's sideloaded copy never shadows
 * the one IT deployed.
 */
const PRODUCTION_ID = "0009d6a2-10d1-4dd7-a6a4-5b00dd86f649";

/** Host names that only ever mean "this machine": never a production origin. */
const LOOPBACK = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/**
 * Checks ADDIN_ORIGIN and returns it without a trailing slash. Throws an
 * Error with one line that says what is wrong and what is expected.
 */
function parseOrigin(raw) {
  const expected = "expected an https URL such as https://addins.example.com/cs";
  const text = String(raw ?? "").trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`ADDIN_ORIGIN "${text}" is not a URL: ${expected}`);
  }
  if (url.protocol !== "https:")
    throw new Error(
      `ADDIN_ORIGIN "${text}" is not https: Office loads add-ins only over https; ${expected}`
    );
  if (LOOPBACK.test(url.hostname))
    throw new Error(
      `ADDIN_ORIGIN "${text}" is this machine, not a server users can reach; ${expected} (development uses npm start)`
    );
  if (url.username || url.password || url.search || url.hash)
    throw new Error(`ADDIN_ORIGIN "${text}" has a user, query or fragment; ${expected}`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** "1.2.3" (package.json) -> "1.2.3.0" (the manifest's four-part Version). */
function manifestVersion(packageVersion) {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(String(packageVersion));
  if (!match) throw new Error(`package.json version "${packageVersion}" is not MAJOR.MINOR.PATCH`);
  return `${match[1]}.${match[2]}.${match[3]}.0`;
}

/** Replaces one element's text; throws if the element is not there exactly once. */
function replaceElement(xml, name, value) {
  const pattern = new RegExp(`<${name}>[^<]*</${name}>`, "g");
  const found = xml.match(pattern) ?? [];
  if (found.length !== 1)
    throw new Error(`manifest.xml: expected one <${name}>, found ${found.length}`);
  return xml.replace(pattern, `<${name}>${value}</${name}>`);
}

/**
 * The manifest for `origin`: every occurrence of the dev origin replaced
 * (Microsoft's template replaces only the first match of each), the Id
 * (production Id unless the origin is the dev one) and the Version from
 * package.json. Throws if any "localhost" is left.
 */
function manifestFor(xml, { origin, version }) {
  const production = origin !== DEV_ORIGIN;
  let out = xml.split(`${DEV_ORIGIN}/`).join(`${origin}/`);
  out = replaceElement(out, "Version", manifestVersion(version));
  if (production) out = replaceElement(out, "Id", PRODUCTION_ID);
  if (production && /localhost/i.test(out.replace(/<!--[\s\S]*?-->/g, "")))
    throw new Error(
      `manifest.xml: a localhost URL is left after replacing ${DEV_ORIGIN}/ (write every URL under it)`
    );
  return out;
}

/** The page every helpUrl lands on, at the function's anchor (src/docs/reference.ts anchorOf). */
function helpUrlFor(origin, id) {
  return `${origin}/functions.html#${String(id).toLowerCase()}`;
}

/**
 * functions.json as Excel gets it, from the generator's output:
 * - helpUrl of each function from its id, under the origin (no hand-typed
 *   @helpurl in the JSDoc, so no URL to forget when the origin changes);
 * - allowErrorForDataTypeAny: true, so that Excel passes an error value in an
 *   input cell (#DIV/0!, #N/A) into the function, which then answers per cell
 *   instead of Excel returning the error without calling it. Microsoft's
 *   "Manually create JSON metadata for custom functions" (Metadata reference,
 *   allowErrorForDataTypeAny) makes it a top-level property, not a parameter
 *   or options property, and it applies to every parameter of type any or
 *   any[][] (all of ours: test/build/production-build.test.ts checks that).
 */
function finishMetadata(json, origin) {
  const metadata = JSON.parse(json);
  if (!metadata || !Array.isArray(metadata.functions) || metadata.functions.length === 0)
    throw new Error("functions.json: no functions in the generated metadata");
  const { functions, ...rest } = metadata;
  const finished = {
    ...rest,
    allowErrorForDataTypeAny: true,
    functions: functions.map((fn) => ({ ...fn, helpUrl: helpUrlFor(origin, fn.id) })),
  };
  return `${JSON.stringify(finished, null, 2)}\n`;
}

/** The shipped nginx template (deploy/nginx/), filled in for an origin and the folder that holds dist/'s files. */
function nginxLocation(origin, folder) {
  const fs = require("fs");
  const path = require("path");
  const template = fs.readFileSync(
    path.join(__dirname, "..", "deploy", "nginx", "cs-coverage.conf.template"),
    "utf8"
  );
  const urlPath = `${new URL(origin).pathname.replace(/\/+$/, "")}/`;
  const dir = `${path.resolve(folder)}/`;
  if (/[\s;{}"']/.test(urlPath + dir))
    throw new Error(
      `nginx: the path ${urlPath} or folder ${dir} has a space, quote, brace or semicolon`
    );
  return template
    .split("__ORIGIN__")
    .join(origin)
    .split("__PATH__")
    .join(urlPath)
    .split("__DIR__")
    .join(dir);
}

module.exports = {
  nginxLocation,
  DEV_ORIGIN,
  PRODUCTION_ID,
  parseOrigin,
  manifestVersion,
  manifestFor,
  helpUrlFor,
  finishMetadata,
};
