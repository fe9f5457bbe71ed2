/**
 * A workbook for the pane's builder to write into: the limit-enforcing fake
 * of fake-excel.js holding an export on a sheet named Export (selected), and
 * recorders for the sheets the builder adds, whose writes count on the same
 * batches, so a batch over Excel on the web's limits fails. Used by
 * build-plan.test.ts and build-plan-large.test.ts.
 */
import { FakeWorkbook, jsonBytes } from "./fake-excel";
import { asFirstBuild } from "./first-build";

export interface RangeWrite {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
  values?: unknown;
  formulas?: unknown;
  numberFormat?: unknown;
  syncsBefore: number;
}

export interface Recorder {
  context: Excel.RequestContext;
  writes: RangeWrite[];
  deleted: string[];
  added: string[];
  tables: { sheet: string; address: string; hasHeaders: boolean; name?: string }[];
  charts: { sheet: string; type: string; title?: string; position?: string; series: number }[];
  activated: string[];
  syncs: () => number;
}

/**
 * A workbook whose selection holds `rows` (as Excel gives them: "" for a
 * blank) on a sheet named Export, in the limit-enforcing fake of
 * fake-excel.js; the sheets the builder adds are recorders whose writes
 * count on the same batches, so a batch over Excel on the web's limits fails.
 */
export function recordingExcel(
  rows: unknown[][],
  options: {
    hiddenRows?: number[];
    merges?: { row: number; col: number; rows: number; cols: number }[];
  } = {}
): Recorder & { book: FakeWorkbook } {
  const book = new FakeWorkbook([{ name: "Export", formulas: rows, ...options }], {
    selection: { sheet: "Export", row: 0, col: 0, rows: rows.length, cols: rows[0].length },
  });
  const syncs = () => book.stats.syncs;
  const r: Recorder & { book: FakeWorkbook } = {
    book,
    context: book.context,
    writes: [],
    deleted: [],
    added: [],
    tables: [],
    charts: [],
    activated: [],
    syncs,
  };
  const sheet = (name: string) => {
    const range = (row: number, col: number, rows: number, cols: number) => {
      const write: RangeWrite = { sheet: name, row, col, rows, cols, syncsBefore: syncs() };
      r.writes.push(write);
      book.request(0);
      return {
        set values(v: unknown) {
          write.values = v;
          book.request(jsonBytes(v));
        },
        set formulas(v: unknown) {
          write.formulas = v;
          book.request(jsonBytes(v));
        },
        set numberFormat(v: unknown) {
          write.numberFormat = v;
          book.request(jsonBytes(v));
        },
        format: { font: {}, fill: {} },
      };
    };
    return {
      getRangeByIndexes: range,
      getRange: () => ({ format: {} }),
      tables: {
        add: (address: string, hasHeaders: boolean) => {
          const table: Recorder["tables"][number] = { sheet: name, address, hasHeaders };
          r.tables.push(table);
          return table;
        },
      },
      charts: {
        add: (type: string) => {
          const chart: Recorder["charts"][number] & Record<string, unknown> = {
            sheet: name,
            type,
            series: 0,
          };
          r.charts.push(chart);
          return {
            title: {
              set text(t: string) {
                chart.title = t;
              },
            },
            series: { getItemAt: () => ({ setXAxisValues: () => chart.series++ }) },
            setPosition: (at: string) => (chart.position = at),
          };
        },
      },
      activate: () => r.activated.push(name),
    };
  };
  asFirstBuild(
    book,
    (name) => {
      r.added.push(name);
      return sheet(name);
    },
    (name) => r.deleted.push(name)
  );
  return r;
}
