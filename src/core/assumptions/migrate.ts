/**
 * Bringing an export file written by an older version of the schema up to
 * the current one, one version at a time: MIGRATIONS[n] turns a version-n
 * document into a version n+1 document (the whole document, envelope and
 * assumptions, as parsed JSON, before validation).
 *
 * Version 1 is the first and current version, so the chain is empty today:
 * a version-1 file passes through unchanged. When version 2 comes, add
 * MIGRATIONS[1] and raise SCHEMA_VERSION in schema.ts; a version-1 file is
 * then migrated, validated against version 2, and the import says so in a
 * warning. There is no version 0: a file without a schema_version is refused
 * (see format.ts), never guessed at.
 */
import { SCHEMA_VERSION } from "./schema";

export type JsonDocument = Record<string, unknown>;

/** Turns a document of version n into one of version n + 1 (pure: returns a new object). */
export type Migration = (doc: JsonDocument) => JsonDocument;

/** The released migrations, keyed by the version they start from. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrationResult =
  { ok: true; doc: JsonDocument; steps: number[] } | { ok: false; message: string };

/**
 * Runs the chain from `from` up to `to` (the current version by default).
 * `migrations` and `to` are parameters so the mechanism can be tested with a
 * chain of its own.
 */
export function migrate(
  doc: JsonDocument,
  from: number,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  to: number = SCHEMA_VERSION
): MigrationResult {
  if (!Number.isInteger(from) || from < 1 || from > to)
    return { ok: false, message: `schema version ${from} cannot be migrated to ${to}.` };
  let current = doc;
  const steps: number[] = [];
  for (let version = from; version < to; version++) {
    const step = Object.prototype.hasOwnProperty.call(migrations, version)
      ? migrations[version]
      : undefined;
    if (!step)
      return {
        ok: false,
        message: `there is no migration from schema version ${version} to ${version + 1}.`,
      };
    current = { ...step(current), schema_version: version + 1 };
    steps.push(version);
  }
  return { ok: true, doc: current, steps };
}
