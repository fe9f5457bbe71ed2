/** Types for scripts/addin-origin.js (plain JavaScript so webpack.config.js requires it directly). */

export const DEV_ORIGIN: string;
export const PRODUCTION_ID: string;
export function parseOrigin(raw: string | undefined): string;
export function manifestVersion(packageVersion: string): string;
export function manifestFor(xml: string, options: { origin: string; version: string }): string;
export function helpUrlFor(origin: string, id: string): string;
export function finishMetadata(json: string, origin: string): string;
export function nginxLocation(origin: string, folder: string): string;
