/**
 * The --data loader's dates in other time zones: text, .csv and .xlsx dates
 * give the same serials in Los Angeles, Tokyo, Kiritimati, Pago Pago and UTC.
 * Apart from test/cli/data.test.ts because it starts a Node process per zone
 * (seconds): `npm test` runs it, `npm run test:unit` leaves it out.
 */
import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import ts from "typescript";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "cs-data-tz-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// 2026-01-15 = 2026-01-01 (46023) + 14.
const JAN_15_2026 = 46037;

describe("time-zone independence", () => {
  // Jest's sandbox does not pass a changed process.env.TZ to the clock, so the
  // loader is transpiled and run in child processes, one per zone.
  test("dates from text, .csv and .xlsx are the same serials in every zone", async () => {
    const out = path.join(dir, "tz");
    // The loader and every module it imports (followed through relative
    // imports, so a new import cannot break this test), transpiled with their folder layout.
    const pending = ["cli/data", "core/dates"];
    const done = new Set<string>();
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (done.has(name)) continue;
      done.add(name);
      const source = readFileSync(path.join(__dirname, "..", "..", "src", `${name}.ts`), "utf8");
      for (const [, spec] of source.matchAll(/from "(\.{1,2}\/[^"]+)"/g))
        pending.push(path.posix.join(path.posix.dirname(name), spec));
      mkdirSync(path.join(out, path.dirname(name)), { recursive: true });
      const js = ts.transpileModule(source, {
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target: ts.ScriptTarget.ES2020,
          esModuleInterop: true,
        },
      });
      writeFileSync(path.join(out, `${name}.js`), js.outputText);
    }
    const csv = path.join(dir, "tz.csv");
    writeFileSync(csv, "When\n2026-01-15\n1/15/2026\n2026-01-15T18:00:00Z\n1900-03-01\n");
    const xlsx = path.join(dir, "tz.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = new Date(Date.UTC(2026, 0, 15));
    ws.getCell("A2").value = new Date(Date.UTC(2026, 0, 15, 18));
    ws.getCell("A3").value = JAN_15_2026;
    ws.getCell("A3").numFmt = "m/d/yyyy";
    await wb.xlsx.writeFile(xlsx);
    const script = path.join(out, "run.js");
    writeFileSync(
      script,
      `const d = require("./cli/data"); const t = require("./core/dates");
      (async () => {
        const offset = new Date(2026, 0, 15).getTimezoneOffset();
        const csv = await d.loadSheet(${JSON.stringify(csv)});
        const xlsx = await d.loadSheet(${JSON.stringify(xlsx)});
        const more = [t.excelSerialFromYmd(2026, 1, 15), t.ymdFromExcelSerial(61), t.excelSerialFromDate(new Date(Date.UTC(2026, 0, 15)))];
        process.stdout.write(JSON.stringify({ offset, csv, xlsx, more }));
      })();`
    );
    const offsets = new Set<number>();
    for (const tz of [
      "America/Los_Angeles",
      "Asia/Tokyo",
      "Pacific/Kiritimati",
      "Pacific/Pago_Pago",
      "UTC",
    ]) {
      const env = {
        ...process.env,
        TZ: tz,
        NODE_PATH: path.join(__dirname, "..", "..", "node_modules"),
      };
      const result = JSON.parse(
        execFileSync(process.execPath, [script], { env, encoding: "utf8" })
      );
      offsets.add(result.offset);
      expect({ tz, csv: result.csv }).toEqual({
        tz,
        csv: [["When"], [JAN_15_2026], [JAN_15_2026], [JAN_15_2026 + 0.75], [61]],
      });
      expect({ tz, xlsx: result.xlsx }).toEqual({
        tz,
        xlsx: [[JAN_15_2026], [JAN_15_2026 + 0.75], [JAN_15_2026]],
      });
      expect({ tz, more: result.more }).toEqual({
        tz,
        more: [JAN_15_2026, { y: 1900, m: 3, d: 1 }, JAN_15_2026],
      });
    }
    expect(offsets.size).toBe(5); // the zones really differ (UTC-8, UTC+9, UTC+14, UTC-11, UTC)
  }, 30000);
});
