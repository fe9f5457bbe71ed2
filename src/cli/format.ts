/**
 * How evaluated values are printed: --json gives one JSON value per line
 * (CLI.md), plain output reads like Excel's array constants.
 */
import { EngineScalar, EngineValue } from "../engine/engine";

function isError(value: EngineScalar): value is { error: string; message: string } {
  return typeof value === "object" && value !== null;
}

export function toJson(value: EngineValue): string {
  return JSON.stringify(value);
}

function plainScalar(value: EngineScalar, inArray: boolean): string {
  if (value === null) return "";
  if (isError(value)) return value.error;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return inArray ? JSON.stringify(value) : value;
  return String(value);
}

/** One line: a value, or an array as {a,b;c,d}; error messages follow in brackets. */
export function toPlain(value: EngineValue): string {
  const cells = Array.isArray(value) ? value.flat() : [value];
  const messages = cells
    .filter(isError)
    .map((e) => e.message)
    .filter((m) => m !== "");
  const unique = [...new Set(messages)];
  const text = Array.isArray(value)
    ? `{${value.map((row) => row.map((cell) => plainScalar(cell, true)).join(",")).join(";")}}`
    : plainScalar(value, false);
  return unique.length > 0 ? `${text} (${unique.join(" | ")})` : text;
}
