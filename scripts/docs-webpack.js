/**
 * The webpack side of the function reference: emits functions.html (the
 * page every function's helpUrl points at) and its stylesheet functions.css
 * into dist/, rendered by src/docs/reference.ts (compiled into lib/ by
 * `npm run build:cli`, which `npm run build` runs first) from the same
 * catalog as docs/functions.md. It is an asset of its own, in no bundle: it carries no
 * script, and nothing in the functions or task-pane code imports it.
 */
"use strict";
const fs = require("fs");
const { loadDocs } = require("./docs-lib");

const NAME = "FunctionsPagePlugin";

class FunctionsPagePlugin {
  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        async () => {
          try {
            const reference = await loadDocs().buildReference();
            for (const file of reference.inputs)
              (fs.existsSync(file)
                ? compilation.fileDependencies
                : compilation.missingDependencies
              ).add(file);
            // Emitted as rendered (and tested): not minimized, no source map.
            const info = { minimized: true };
            compilation.emitAsset("functions.html", new sources.RawSource(reference.html), info);
            compilation.emitAsset("functions.css", new sources.RawSource(reference.css), info);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            compilation.errors.push(new WebpackError(`functions.html: ${message}`));
          }
        }
      );
    });
  }
}

module.exports = { FunctionsPagePlugin };
