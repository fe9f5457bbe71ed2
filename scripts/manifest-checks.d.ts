/** Types for scripts/manifest-checks.js (plain JavaScript so the validate script runs it with node). */

export const NS: { app: string; ov: string; bt: string; xsi: string };

/** An xmldom Document; typed loosely so tests need not depend on xmldom's types. */
export type ManifestDocument = Document;

export function parseManifest(xml: string): ManifestDocument;
export function checkRuntimes(doc: ManifestDocument): string[];
export function checkResids(doc: ManifestDocument): string[];
export function checkIcons(doc: ManifestDocument, root?: string): string[];
export function checkUrls(doc: ManifestDocument): string[];
export function checkManifest(xml: string, root?: string): string[];
export function manifestUrls(doc: ManifestDocument): { url: string; where: string }[];
export function originOf(doc: ManifestDocument): string | null;
export function iconReferences(
  doc: ManifestDocument
): { url: string; size: number; where: string }[];
export function pngSize(bytes: Buffer): { width: number; height: number } | null;
export function stripRuntimes(xml: string): string;
