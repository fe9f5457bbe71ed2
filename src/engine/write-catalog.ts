/**
 * Build step: writes the catalog beside the compiled command line
 * (lib/functions-catalog.json), from the same JSDoc Excel's functions.json
 * comes from. Exits non-zero on any metadata error, unlike the generator's CLI.
 */
import { writeFileSync } from "fs";
import path from "path";
import { generateCatalog, ROOT } from "./generate-catalog";

generateCatalog()
  .then((catalog) => {
    const file = path.join(ROOT, "lib", "functions-catalog.json");
    writeFileSync(file, `${JSON.stringify(catalog, null, 2)}\n`);
    process.stdout.write(
      `wrote ${path.relative(ROOT, file)} (${catalog.metadata.functions.length} functions)\n`
    );
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
