/**
 * Generates the catalog from the functions' JSDoc with Microsoft's
 * custom-functions-metadata, the same generator the webpack plugin runs for
 * Excel. Used at build time (npm run build:cli) and by tests; never at run
 * time, since the generator is a development dependency.
 */
import { readFileSync } from "fs";
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { Catalog, parseCatalog } from "./catalog";

export const ROOT = path.resolve(__dirname, "../..");

export function familyFiles(): string[] {
  const list = JSON.parse(
    readFileSync(path.join(ROOT, "src/functions/families.json"), "utf8")
  ) as string[];
  return list.map((file) => path.join(ROOT, file));
}

export async function generateCatalog(files: string[] = familyFiles()): Promise<Catalog> {
  const result = await generateCustomFunctionsMetadata(files, false);
  // The generator reports problems in `errors` and does not throw: fail loudly here.
  if (result.errors.length > 0)
    throw new Error(`Function metadata errors:\n${result.errors.join("\n")}`);
  return parseCatalog({
    metadata: JSON.parse(result.metadataJson),
    associate: result.associate.map(({ id, functionName }) => ({ id, functionName })),
  });
}
