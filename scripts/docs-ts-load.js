/**
 * Loads a TypeScript module of src/ in plain node, for `npm run docs` and the
 * webpack build's functions.html: each file is transpiled with the
 * TypeScript the repository already has (no type check here: `npm run
 * typecheck` does that), relative imports of .ts files are loaded the same
 * way, everything else with node's own require. Nothing global is changed.
 */
"use strict";
const fs = require("fs");
const Module = require("module");
const path = require("path");
const ts = require("typescript");

const COMPILER_OPTIONS = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2020,
  esModuleInterop: true,
  resolveJsonModule: true,
};

function tsFileFor(request, fromDir) {
  if (!request.startsWith(".")) return null;
  const base = path.resolve(fromDir, request);
  for (const candidate of [base, `${base}.ts`, path.join(base, "index.ts")]) {
    if (candidate.endsWith(".ts") && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** Returns the exports of a .ts file (absolute path); modules are cached in `cache`. */
function loadTs(file, cache = new Map()) {
  const cached = cache.get(file);
  if (cached) return cached.exports;
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  cache.set(file, mod);
  const { outputText } = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    compilerOptions: COMPILER_OPTIONS,
    fileName: file,
  });
  const dir = path.dirname(file);
  const localRequire = (request) => {
    const tsFile = tsFileFor(request, dir);
    return tsFile ? loadTs(tsFile, cache) : mod.require(request);
  };
  const body = new Function("exports", "require", "module", "__filename", "__dirname", outputText);
  body.call(mod.exports, mod.exports, localRequire, mod, file, dir);
  mod.loaded = true;
  return mod.exports;
}

/** src/docs/sources.ts, freshly loaded (a rebuild sees edits to the renderer too). */
function loadDocs() {
  return loadTs(path.join(__dirname, "..", "src", "docs", "sources.ts"));
}

module.exports = { loadTs, loadDocs };
