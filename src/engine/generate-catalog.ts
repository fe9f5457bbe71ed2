/**
 * Generates the catalog from the functions' JSDoc with Microsoft's
 * custom-functions-metadata, the same generator the webpack plugin runs for
 * Excel. Used at build time (npm run build:cli) and by tests; never at run
 * time, since the generator is a development dependency.
 */
import { readFileSync } from "fs";
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import ts from "typescript";
import { Catalog, CatalogExample, parseCatalog } from "./catalog";

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
    examples: readExamples(files),
  });
}

function tagText(tag: ts.JSDocTag): string {
  const comment = tag.comment;
  if (typeof comment === "string") return comment.trim();
  return (comment ?? [])
    .map((part) => part.text)
    .join("")
    .trim();
}

/**
 * Reads `@example FORMULA -> RESULT` tags from the JSDoc of each
 * @customfunction (the metadata generator ignores them), keyed by function id.
 */
export function readExamples(files: string[]): Record<string, CatalogExample[]> {
  const examples: Record<string, CatalogExample[]> = {};
  for (const file of files) {
    const source = ts.createSourceFile(
      file,
      readFileSync(file, "utf8"),
      ts.ScriptTarget.ES2020,
      true
    );
    source.forEachChild((node) => {
      if (!ts.isFunctionDeclaration(node)) return;
      const tags = ts.getJSDocTags(node);
      const marker = tags.find((tag) => tag.tagName.text.toLowerCase() === "customfunction");
      if (!marker) return;
      const id = (tagText(marker).split(/\s+/)[0] || node.name?.text || "").toUpperCase();
      const found = tags
        .filter((tag) => tag.tagName.text === "example")
        .map((tag) => {
          const text = tagText(tag).replace(/\s+/g, " ");
          const at = text.lastIndexOf(" -> ");
          if (at < 0) throw new Error(`${id}: @example needs "FORMULA -> RESULT": ${text}`);
          return { formula: text.slice(0, at).trim(), result: text.slice(at + 4).trim() };
        });
      if (found.length > 0) examples[id] = found;
    });
  }
  return examples;
}
