/**
 * The workbook collections the pane's builder reads before a first build,
 * installed on a FakeWorkbook whose added sheets are the caller's recorders:
 * only the export's sheet exists, there is no earlier plan to put aside and no
 * accounts table. (A rebuild, with an earlier plan put aside and restored, is
 * tested in Chromium against the recording stand-in office.js.)
 */
import { FakeWorkbook } from "./fake-excel";

export function asFirstBuild(
  book: FakeWorkbook,
  addSheet: (name: string) => unknown,
  onDelete: (name: string) => void = () => undefined
): void {
  const mock = book.context as unknown as {
    workbook: { worksheets: Record<string, unknown>; tables: Record<string, unknown> };
  };
  mock.workbook.worksheets = {
    load: () => book.request(0),
    items: [{ name: "Export", visibility: "Visible", position: 0 }],
    getActiveWorksheet: () => ({ name: "Export", load: () => book.request(0) }),
    getItem: (name: string) => ({ delete: () => onDelete(name) }),
    add: addSheet,
  };
  mock.workbook.tables = {
    getItemOrNullObject: () => ({ isNullObject: true, load: () => book.request(0) }),
  };
}
