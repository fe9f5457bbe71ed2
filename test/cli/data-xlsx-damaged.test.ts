/**
 * The streamed .xlsx reader on damaged files: 150 copies of one workbook with
 * a few bytes changed are each refused in one line or read unchanged, never
 * read as something else. Apart from test/cli/data-xlsx-stream.test.ts
 * because it reads 150 workbooks (seconds): `npm test` runs it, `npm run
 * test:unit` leaves it out.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { DataFileError, loadSheet } from "../../src/cli/data";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "cs-coverage-xlsx-damaged-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("streamed .xlsx: damaged files", () => {
  test("damaged copies of a workbook are refused with one line or read unchanged, never read otherwise", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("A");
    for (let i = 0; i < 200; i++) {
      sheet.addRow([`n${i}`, i, new Date(Date.UTC(2026, 0, 1 + i)), i % 2 === 0]);
    }
    const p = path.join(dir, "base.xlsx");
    await book.xlsx.writeFile(p);
    const original = readFileSync(p);
    const expected = await loadSheet(p);
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const outcomes = new Set<string>();
    for (let k = 0; k < 150; k++) {
      const bytes = Buffer.from(original);
      const flips = 1 + Math.floor(next() * 4);
      for (let j = 0; j < flips; j++) {
        bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      }
      const damaged = path.join(dir, `damaged-${k}.xlsx`);
      writeFileSync(damaged, bytes);
      try {
        expect(await loadSheet(damaged)).toEqual(expected);
        outcomes.add("read unchanged");
      } catch (error) {
        expect(error).toBeInstanceOf(DataFileError);
        expect((error as Error).message).toMatch(
          /^\S*damaged-\d+\.xlsx: (not a readable \.xlsx workbook \(not a valid Excel file\)|the workbook has no worksheet \(is it an Excel workbook\?\))$/
        );
        outcomes.add("refused");
      }
    }
    expect(outcomes).toEqual(new Set(["read unchanged", "refused"]));
  }, 60000);
});
