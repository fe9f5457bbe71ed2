/** Types of fake-excel.js (plain JavaScript, so the browser tests can load it too). */

export interface FakeSheetSpec {
  name: string;
  /** The cells as Range.formulas gives them: a constant is its own formula. */
  formulas: unknown[][];
  /** Range.values; without it a formula cell shows 0. */
  values?: unknown[][];
  /** Range.numberFormat; "General" where not given. */
  numberFormats?: string[][];
  /** 0-based indexes of hidden rows (filtered out, collapsed, hidden by hand): Range.rowHidden and getVisibleView. */
  hiddenRows?: number[];
  /** Merged areas, 0-based: Range.getMergedAreasOrNullObject. */
  merges?: { row: number; col: number; rows: number; cols: number }[];
}

export interface FakeWrite {
  sheet: string;
  kind: "values" | "formulas";
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface FakeStats {
  syncs: number;
  largestRequest: number;
  largestResponse: number;
  /** The most cells read in one sync. */
  largestRead: number;
  /** The error codes of refused syncs, in order. */
  refused: string[];
  /** The writes applied, in order. */
  writes: FakeWrite[];
}

export interface FakeLimits {
  payloadBytes: number;
  readCells: number;
  envelopeBytes: number;
}

export class FakeWorkbook {
  constructor(
    sheets: Record<string, unknown[][]> | FakeSheetSpec[],
    options?: {
      limits?: Partial<FakeLimits>;
      /** Workbook settings, key -> value. */
      settings?: Record<string, unknown>;
      /** What getSelectedRange gives (0-based). */
      selection?: { sheet: string; row: number; col: number; rows: number; cols: number };
    }
  );
  /** Counts an operation of `bytes` on the next request (for stand-ins of what the fake does not model). */
  request(bytes: number): void;
  context: Excel.RequestContext;
  stats: FakeStats;
  settings: Record<string, unknown>;
  limits: FakeLimits;
  sheet(name: string): { name: string; formulas: unknown[][]; values: unknown[][] | null };
}

export const LIMITS: FakeLimits;
export function jsonBytes(value: unknown): number;
