/**
 * Where the reference is rendered from: the catalog generated from the
 * functions' JSDoc, plus FUNCTIONS.md and MODEL.md (../shared/domain) for the
 * order and the MODEL.md sections when they are there. Used by `npm run docs`
 * (scripts/docs.js), the webpack build (functions.html) and the tests.
 */
import { existsSync, readFileSync } from "fs";
import path from "path";
import type { Catalog } from "../engine/catalog";
import { familyFiles, generateCatalog, ROOT } from "../engine/generate-catalog";
import { Contract, parseContract, renderHtml, renderMarkdown } from "./reference";

/** The domain documents; CS_DOMAIN_DIR overrides where they are looked for. */
export function domainDir(): string {
  return process.env.CS_DOMAIN_DIR ?? path.resolve(ROOT, "../shared/domain");
}

export const MARKDOWN_FILE = path.join(ROOT, "docs", "functions.md");
export const STYLESHEET_FILE = path.join(ROOT, "src", "docs", "functions.css");

function readIfPresent(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

/** FUNCTIONS.md (+ MODEL.md's headings), or undefined when FUNCTIONS.md is not there. */
export function readContract(dir: string = domainDir()): Contract | undefined {
  const functions = readIfPresent(path.join(dir, "FUNCTIONS.md"));
  if (functions === undefined) return undefined;
  return parseContract(functions, readIfPresent(path.join(dir, "MODEL.md")));
}

export interface Reference {
  markdown: string;
  html: string;
  css: string;
  /** Every file the reference was read from (the webpack build watches them). */
  inputs: string[];
}

export async function buildReference(catalog?: Catalog): Promise<Reference> {
  const source = catalog ?? (await generateCatalog());
  const contract = readContract();
  const dir = domainDir();
  return {
    markdown: renderMarkdown(source, contract),
    html: renderHtml(source, contract),
    css: readFileSync(STYLESHEET_FILE, "utf8"),
    inputs: [
      ...familyFiles(),
      path.join(ROOT, "src", "functions", "families.json"),
      STYLESHEET_FILE,
      path.join(dir, "FUNCTIONS.md"),
      path.join(dir, "MODEL.md"),
    ],
  };
}
