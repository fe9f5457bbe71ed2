/**
 * The catalog: what the metadata generator reads from the functions' JSDoc
 * (Excel's functions.json) plus which JavaScript function implements each id.
 * It is the one declaration of every CS function that Excel, the engine and
 * the reference docs all read.
 */
export interface CatalogParameter {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: "scalar" | "matrix";
  optional?: boolean;
}

export interface CatalogFunction {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: CatalogParameter[];
  result: { dimensionality?: "scalar" | "matrix"; type?: string };
}

/** A worked example from a function's JSDoc: `@example =CS.TIER("$80,000") -> "Mid-Market"`. */
export interface CatalogExample {
  formula: string;
  /** The result as JSON text (a string, number, boolean or array of rows), or an Excel error code such as "#N/A". */
  result: string;
}

export interface Catalog {
  /** Excel's functions.json, as generated. */
  metadata: { functions: CatalogFunction[] };
  /** Function id -> the exported JavaScript function that implements it. */
  associate: { id: string; functionName: string }[];
  /** Function id -> its worked examples, for the reference docs (tested through the engine). */
  examples: Record<string, CatalogExample[]>;
}

/** Checks the shape of a catalog read from disk, so a stale or broken build says so. */
export function parseCatalog(json: unknown): Catalog {
  const catalog = json as Partial<Catalog> | null;
  if (
    !catalog ||
    !Array.isArray(catalog.metadata?.functions) ||
    !Array.isArray(catalog.associate) ||
    typeof catalog.examples !== "object" ||
    catalog.metadata.functions.length === 0
  ) {
    throw new Error("The function catalog is missing or broken; run `npm run build:cli`.");
  }
  return catalog as Catalog;
}
