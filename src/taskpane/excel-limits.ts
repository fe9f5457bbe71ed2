/**
 * Keeping every Office.js batch inside Excel's limits. Microsoft's "Resource
 * limits and performance optimization for Office Add-ins" (section "Excel
 * add-ins", learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins)
 * gives two: Excel on the web refuses a request or a response over 5 MB
 * (RichApi.Error RequestPayloadSizeLimitExceeded or
 * ResponsePayloadSizeLimitExceeded), and a range read is limited to
 * 5,000,000 cells (RangeExceedsLimit). A workbook can hold 1,048,576 rows,
 * so the pane reads and writes big ranges a chunk of rows at a time, one
 * context.sync per chunk, and sizes the chunks by what they carry.
 */

/** What one batch may carry, well under 5 MB: the payload also holds each operation's envelope. */
export const PAYLOAD_BUDGET_BYTES = 2_000_000;
/** Cells per read at most, well under the 5,000,000 of the limit. */
export const READ_BUDGET_CELLS = 200_000;
/** Cells of the first read of an area, before any row has been measured. */
export const FIRST_READ_CELLS = 20_000;

/** The UTF-8 length of a text, counted without encoding it (a few MB per chunk, many times over). */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2; // a surrogate pair: 4 bytes for its 2 code units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** The bytes Office.js sends or receives for a value: its JSON, in UTF-8. */
export function payloadBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value ?? null));
}

/** Whether Excel refused a batch for its size (so a smaller one may pass). */
export function isPayloadLimitError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === "RequestPayloadSizeLimitExceeded" ||
    code === "ResponsePayloadSizeLimitExceeded" ||
    code === "RangeExceedsLimit"
  );
}

export interface RowsArea {
  /** Rows and columns of the area. */
  rows: number;
  cols: number;
  /** The range of `count` rows of the area from its row `start` (0-based). */
  range(start: number, count: number): Excel.Range;
}

export type GridProperty = "formulas" | "values" | "numberFormat";

/**
 * Reads an area's properties a chunk of rows at a time, one sync each, and
 * hands each chunk to `onChunk` (its first row, then each property's grid)
 * before reading the next, so a million rows are never held at once. The
 * first chunk holds FIRST_READ_CELLS cells; each next one is sized from
 * the bytes per row just read to carry about PAYLOAD_BUDGET_BYTES (long text
 * makes rows heavy); a chunk Excel still refuses for its size is halved and
 * read again, down to one row.
 */
export async function readRowChunks(
  context: Excel.RequestContext,
  area: RowsArea,
  properties: readonly GridProperty[],
  onChunk: (start: number, grids: unknown[][][]) => Promise<void> | void
): Promise<void> {
  const cellsPerRow = Math.max(1, area.cols * properties.length);
  const maxRows = Math.max(1, Math.floor(READ_BUDGET_CELLS / cellsPerRow));
  let rows = Math.max(1, Math.min(maxRows, Math.floor(FIRST_READ_CELLS / cellsPerRow)));
  let start = 0;
  while (start < area.rows) {
    const count = Math.min(rows, area.rows - start);
    const range = area.range(start, count);
    range.load(properties.join(","));
    try {
      // One sync per chunk on purpose: the whole area in one would exceed Excel's limits.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      if (!isPayloadLimitError(error) || count === 1) throw error;
      rows = Math.max(1, Math.floor(count / 2));
      continue;
    }
    const grids = properties.map((property) => range[property] as unknown[][]);
    const perRow = payloadBytes(grids) / count;
    rows = Math.max(1, Math.min(maxRows, Math.floor(PAYLOAD_BUDGET_BYTES / Math.max(1, perRow))));
    await onChunk(start, grids);
    start += count;
  }
}

/**
 * Queues writes and syncs whenever the next one would take the batch past
 * PAYLOAD_BUDGET_BYTES; `flush` sends the rest. One write bigger than the
 * budget is the caller's to split (see `splitByBytes`).
 */
export class WriteBatch {
  private bytes = 0;
  constructor(private readonly context: Excel.RequestContext) {}

  async add(bytes: number, queue: () => void): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > PAYLOAD_BUDGET_BYTES) await this.flush();
    queue();
    this.bytes += bytes;
  }

  async flush(): Promise<void> {
    if (this.bytes === 0) return;
    this.bytes = 0;
    await this.context.sync();
  }
}

/** Consecutive pieces of `items`, each at most `budget` bytes as JSON (an item over it alone in its piece). */
export function splitByBytes<T>(
  items: readonly T[],
  budget = PAYLOAD_BUDGET_BYTES
): { offset: number; items: T[]; bytes: number }[] {
  const pieces: { offset: number; items: T[]; bytes: number }[] = [];
  let current: { offset: number; items: T[]; bytes: number } | null = null;
  items.forEach((item, i) => {
    // Each item as a one-element row of a 2-D array: ["…"], plus its comma.
    const bytes = payloadBytes(item) + 3;
    if (current === null || (current.items.length > 0 && current.bytes + bytes > budget)) {
      current = { offset: i, items: [], bytes: 2 };
      pieces.push(current);
    }
    current.items.push(item);
    current.bytes += bytes;
  });
  return pieces;
}
