/**
 * The webpack side of scripts/addin-origin.js: after the bundles, pages and
 * copies are emitted, it
 * - writes manifest.xml for the build's origin (every URL, Id, Version);
 * - finishes functions.json (helpUrl from each id, allowErrorForDataTypeAny);
 * - when `hashed`, renames the style sheets to content-hashed names and points
 *   the pages at them (the JS bundles get theirs from output.filename), and
 *   emits functions.js under its plain name too: the manifest's
 *   Functions.Script.Url names it, and a manifest URL must not change with
 *   each release (IT would have to redeploy the manifest);
 * - for a production origin, fails the build if "localhost" is left in any
 *   page, manifest or metadata.
 */
"use strict";
const crypto = require("crypto");
const { finishMetadata, manifestFor } = require("./addin-origin");

const NAME = "AddinOriginPlugin";
/** Copied and generated style sheets that the pages link by name. */
const STYLE_SHEETS = [
  { file: "taskpane.css", pages: ["taskpane.html"] },
  { file: "functions.css", pages: ["functions.html"] },
];

function contentHash(text) {
  return crypto.createHash("sha256").update(text).digest("hex").slice(0, 8);
}

class AddinOriginPlugin {
  /** @param {{ origin: string, production: boolean, version: string, hashed: boolean }} options */
  constructor(options) {
    this.options = options;
  }

  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    const { origin, production, version, hashed } = this.options;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      const text = (name) => compilation.getAsset(name).source.source().toString();
      const replace = (name, content) =>
        compilation.updateAsset(name, new sources.RawSource(content));
      const fail = (error) => {
        const message = error instanceof Error ? error.message : String(error);
        compilation.errors.push(new WebpackError(`${NAME}: ${message}`));
      };
      /** Style sheet -> its hashed name, set before source maps are made so each map is named after its file. */
      const renamed = new Map();

      compilation.hooks.processAssets.tap(
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          if (!hashed) return;
          try {
            for (const { file } of STYLE_SHEETS) {
              if (!compilation.getAsset(file)) throw new Error(`${file} was not emitted`);
              const hashedName = file.replace(/\.css$/, `.${contentHash(text(file))}.css`);
              compilation.renameAsset(file, hashedName);
              renamed.set(file, hashedName);
            }
          } catch (error) {
            fail(error);
          }
        }
      );

      compilation.hooks.processAssets.tap(
        // After HtmlWebpackPlugin (OPTIMIZE_INLINE) and after webpack's real
        // content hashes (OPTIMIZE_HASH) have settled the bundles' names.
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_HASH + 1 },
        () => {
          try {
            for (const name of ["manifest.xml", "functions.json"]) {
              if (!compilation.getAsset(name)) throw new Error(`${name} was not emitted`);
            }
            replace("manifest.xml", manifestFor(text("manifest.xml"), { origin, version }));
            replace("functions.json", finishMetadata(text("functions.json"), origin));

            for (const { file, pages } of STYLE_SHEETS) {
              const hashedName = renamed.get(file);
              if (!hashedName) continue;
              // Quoted or not: HtmlWebpackPlugin's minifier drops the quotes.
              const link = new RegExp(
                `(\\bhref=["']?)${file.replace(".", "\\.")}(?=["'\\s/>])`,
                "g"
              );
              for (const page of pages) {
                const html = text(page);
                if (html.search(link) < 0) throw new Error(`${page} does not link ${file}`);
                replace(page, html.replace(link, `$1${hashedName}`));
              }
            }
            if (hashed) {
              const chunk = [...compilation.chunks].find((c) => c.name === "functions");
              const script = chunk && [...chunk.files].find((f) => f.endsWith(".js"));
              if (!script) throw new Error("no functions bundle to publish as functions.js");
              compilation.emitAsset("functions.js", compilation.getAsset(script).source, {
                minimized: true,
              });
            }

            if (production) {
              const leftovers = compilation
                .getAssets()
                .filter(({ name }) => /\.(html|json|xml)$/.test(name))
                .filter(({ source }) => /localhost/i.test(source.source().toString()))
                .map(({ name }) => name);
              if (leftovers.length > 0)
                throw new Error(
                  `"localhost" is left in ${leftovers.join(", ")} of a production build`
                );
            }
          } catch (error) {
            fail(error);
          }
        }
      );
    });
  }
}

module.exports = { AddinOriginPlugin };
