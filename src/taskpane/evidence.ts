/**
 * The evidence shown with the question "which column holds the ACV?": for
 * each candidate, its column letter, a few values as the export has them,
 * how many account rows fill it, and the total it would plan on. No DOM.
 */
import { columnLetter } from "../plan/layout";
import { ExportCell } from "../plan/columns";
import { parseAmount } from "../core/values";

export interface ColumnEvidence {
  header: string;
  column: string;
  samples: string[];
  filled: number;
  rows: number;
  total: number;
}

const SAMPLES = 3;

/** Evidence for each candidate header, found in the first row that names them all. */
export function columnEvidence(
  rows: readonly ExportCell[][],
  candidates: readonly string[]
): ColumnEvidence[] {
  const norm = (v: ExportCell) => (typeof v === "string" ? v.trim() : String(v ?? "").trim());
  const headerRow = rows.findIndex((row) =>
    candidates.every((c) => row.some((cell) => norm(cell) === c.trim()))
  );
  if (headerRow < 0) return [];
  const header = rows[headerRow];
  return candidates.map((candidate) => {
    const col = header.findIndex((cell) => norm(cell) === candidate.trim());
    const samples: string[] = [];
    let filled = 0;
    let total = 0;
    let count = 0;
    for (let r = headerRow + 1; r < rows.length; r++) {
      const row = rows[r];
      if (row.every((c) => c === null || norm(c) === "")) continue;
      count++;
      const cell = row[col] ?? null;
      if (cell === null || norm(cell) === "") continue;
      filled++;
      if (samples.length < SAMPLES) samples.push(norm(cell));
      const amount = parseAmount(cell);
      if (typeof amount === "number" && Number.isFinite(amount)) total += amount;
    }
    return { header: candidate, column: columnLetter(col), samples, filled, rows: count, total };
  });
}
