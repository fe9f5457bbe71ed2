#!/usr/bin/env node
/**
 * npm run package: what an IT admin needs to deploy the add-in, for the
 * origin in ADDIN_ORIGIN, in package/cs-coverage-VERSION/ and a .tar.gz of it:
 *   site/                   the production build (webpack, office.js from Microsoft's CDN)
 *   manifest.xml            the production manifest (also site/manifest.xml)
 *   nginx/cs-coverage.conf  deploy/nginx's configuration for that origin
 *   ADMIN-GUIDE.md          deploy/ADMIN-GUIDE.md for that origin, version and Id
 *
 *   ADDIN_ORIGIN=https://addins.example.com/cs npm run package
 *   node scripts/package.js --site DIR --out DIR   (assemble from a build already made; tests)
 */
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { parseArgs } = require("util");
const { PRODUCTION_ID, nginxLocation, parseOrigin } = require("./addin-origin");

const ROOT = path.resolve(__dirname, "..");
/** Where the nginx configuration expects site/ until the admin edits its alias line. */
const SERVER_FOLDER = "/var/www/cs-coverage";

function fill(template, values) {
  return Object.entries(values).reduce(
    (text, [key, value]) => text.split(key).join(value),
    template
  );
}

function assemble({ origin, site, out, version }) {
  const name = `cs-coverage-${version}`;
  const folder = path.join(out, name);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(path.join(folder, "nginx"), { recursive: true });
  fs.cpSync(site, path.join(folder, "site"), { recursive: true });
  fs.copyFileSync(path.join(site, "manifest.xml"), path.join(folder, "manifest.xml"));
  fs.writeFileSync(
    path.join(folder, "nginx", "cs-coverage.conf"),
    nginxLocation(origin, SERVER_FOLDER)
  );
  const guide = fs.readFileSync(path.join(ROOT, "deploy", "ADMIN-GUIDE.md"), "utf8");
  fs.writeFileSync(
    path.join(folder, "ADMIN-GUIDE.md"),
    fill(guide, { "{{ORIGIN}}": origin, "{{VERSION}}": version, "{{ID}}": PRODUCTION_ID })
  );
  const archive = path.join(out, `${name}.tar.gz`);
  const tar = spawnSync("tar", ["-czf", archive, "-C", out, name], { stdio: "inherit" });
  if (tar.status !== 0)
    throw new Error(`tar failed (exit ${tar.status}); the folder ${folder} is complete`);
  return { folder, archive };
}

function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { site: { type: "string" }, out: { type: "string" } },
  });
  let origin;
  try {
    origin = parseOrigin(process.env.ADDIN_ORIGIN);
  } catch (error) {
    console.error(
      process.env.ADDIN_ORIGIN
        ? error.message
        : "npm run package needs the origin users will load the add-in from: ADDIN_ORIGIN=https://addins.example.com/cs npm run package"
    );
    return 1;
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const out = path.resolve(values.out ?? path.join(ROOT, "package"));
  let site = values.site && path.resolve(values.site);
  if (!site) {
    site = path.join(out, "build");
    // npm run build: the command and docs renderer (lib/), then webpack into `site`.
    const build = spawnSync("npm", ["run", "build", "--", "--output-path", site], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, ADDIN_ORIGIN: origin },
    });
    if (build.status !== 0) return 1;
  }
  const manifest = fs.readFileSync(path.join(site, "manifest.xml"), "utf8");
  if (
    !manifest.includes(`${origin}/taskpane.html`) ||
    !manifest.includes(`<Id>${PRODUCTION_ID}</Id>`)
  ) {
    console.error(
      `${site} is not a production build for ${origin}: build it with ADDIN_ORIGIN=${origin}`
    );
    return 1;
  }
  const { folder, archive } = assemble({ origin, site, out, version });
  if (!values.site) fs.rmSync(site, { recursive: true, force: true });
  console.log(
    `CS Coverage ${version} for ${origin}:\n  ${folder}\n  ${archive}\nNext: ${path.join(folder, "ADMIN-GUIDE.md")}`
  );
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { assemble, main };
