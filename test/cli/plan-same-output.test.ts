/**
 * The plan workbook's content, pinned: what every cell of every sheet holds
 * (its formula, its cached value and its type), from a fixed seeded export
 * with the mess the speed work must not disturb (texts that need escaping,
 * a repeated line, contract rows of one account, blanks and junk). The digest
 * was taken from the plan written before the speed work on the writer and
 * the reader; the cells checked one by one below were worked out by hand from
 * the export's lines and MODEL.md §1. Styles are left out of the digest
 * (number formats may change without changing a value).
 */
import { createHash } from "crypto";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import JSZip from "jszip";
import { planInProcess } from "../helpers/cli";
const { makeCsv } = require("../../scripts/make-sample-export") as {
  makeCsv: (rows: number) => string;
};

interface Cell {
  type: string;
  formula: string | null;
  value: string | null;
}

const decode = (xml: string) =>
  xml
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&")
    // Excel's escape of characters XML cannot hold (and of "_x" itself, as _x005F_x).
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Every cell of a sheet's XML by address; shared strings resolved, so a string is a string however it is stored. */
function cellsOf(xml: string, shared: string[]): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const cell = /<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/g;
  for (let m = cell.exec(xml); m !== null; m = cell.exec(xml)) {
    const [, ref, attributes, body = ""] = m;
    const t = /\bt="(\w+)"/.exec(attributes)?.[1] ?? "n";
    const f = /<f[^>]*>(.*?)<\/f>|<f[^>]*\/>/.exec(body);
    const v = /<v>(.*?)<\/v>/.exec(body)?.[1];
    const inline = body.match(/<t[^>]*>(.*?)<\/t>/g);
    let value: string | null = v === undefined ? null : decode(v);
    let type = t;
    if (t === "s" && value !== null) {
      value = shared[Number(value)];
      type = "string";
    } else if (t === "inlineStr") {
      value = (inline ?? []).map((run) => decode(run.replace(/<[^>]+>/g, ""))).join("");
      type = "string";
    }
    cells.set(ref, { type, formula: f === null ? null : decode(f[1] ?? ""), value });
  }
  return cells;
}

async function sheetsOf(file: string): Promise<Map<string, Map<string, Cell>>> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const sst = (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
  const shared = (sst.match(/<si>.*?<\/si>/g) ?? []).map((si) =>
    (si.match(/<t[^>]*>(.*?)<\/t>/g) ?? []).map((t) => decode(t.replace(/<[^>]+>/g, ""))).join("")
  );
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const sheets = new Map<string, Map<string, Cell>>();
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="(\w+)"/g)) {
    const target = new RegExp(
      `Id="${m[2]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${m[2]}"`
    ).exec(rels)!;
    const part = `xl/${(target[1] ?? target[2]).replace(/^\/?xl\//, "")}`;
    sheets.set(decode(m[1]), cellsOf(await zip.file(part)!.async("string"), shared));
  }
  return sheets;
}

function digest(sheets: Map<string, Map<string, Cell>>): string {
  const hash = createHash("sha256");
  for (const [name, cells] of sheets) {
    hash.update(`#${name}\n`);
    for (const [ref, c] of cells) hash.update(`${ref}\t${c.type}\t${c.formula}\t${c.value}\n`);
  }
  return hash.digest("hex");
}

let dir: string;
let sheets: Map<string, Map<string, Cell>>;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-plan-same-"));
  const lines = makeCsv(3000).trimEnd().split("\r\n");
  // Row 3002: line 2 again (a repeated line); row 3003: a second contract of account 001000004;
  // then texts that need escaping in XML, and a text that looks like Excel's _xHHHH_ escape.
  lines.push(
    lines[1],
    "001000004,Vertex Analytics LLC,Alex Romero,Financial Services,0,1000,2026-09-01,United States",
    '009000001,"Tom & Jerry <""Co"">",Avery Chen,Retail,0,$80k,2026-10-01,Canada',
    "009000002,Name_x0041_here,Avery Chen,Retail,0,300000,,Canada",
    "009000003, Spaced Co ,Avery Chen,Retail,0,see contract,,Canada"
  );
  const file = path.join(dir, "export.csv");
  await fs.writeFile(file, `${lines.join("\r\n")}\r\n`);
  const output = path.join(dir, "plan.xlsx");
  await planInProcess(file, output);
  sheets = await sheetsOf(output);
}, 60_000);
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

test("cells worked out by hand from the export", () => {
  const accounts = sheets.get("CS Accounts")!;
  const at = (ref: string) => accounts.get(ref);
  // Header: the export's 8 columns, the ACV read, CS Rows (an account combines two rows), CS Last touch, the CS columns.
  expect(at("I1")?.value).toBe("CS ACV");
  expect(at("J1")?.value).toBe("CS Rows");
  expect(at("K1")?.value).toBe("CS Last touch");
  // Line 2: 001000001,North Analytics Ltd,Drew Kowalski,Retail,8084000,26100,2026-06-01,United Kingdom.
  expect(at("A2")).toEqual({ type: "string", formula: null, value: "001000001" });
  expect(at("B2")).toEqual({ type: "string", formula: null, value: "North Analytics Ltd" });
  expect(at("E2")).toEqual({ type: "n", formula: null, value: "8084000" });
  expect(at("I2")).toEqual({ type: "n", formula: null, value: "26100" });
  // 2026-06-01 is serial 46174 (2026-01-01 is 46023, plus 151 days).
  expect(at("K2")).toEqual({ type: "n", formula: null, value: "46174" });
  // 26,100 is at least 15,000 and under 50,000: Pooled, segment Mid-Market (MODEL.md §1).
  expect(at("L2")).toEqual({ type: "str", formula: "_xldudf_CS_TIER(I2)", value: "Pooled" });
  expect(at("M2")).toEqual({ type: "str", formula: "_xldudf_CS_SEGMENT(L2)", value: "Mid-Market" });
  expect(at("N2")).toEqual({
    type: "str",
    formula: "_xldudf_CS_COVERAGE_MODEL(L2)",
    value: "Pooled CSM (vertical pod)",
  });
  // Line 5 (account 001000004, ACV 188300) and its second contract of 1000: one account of 189,300, 2 rows, Enterprise.
  expect(at("A5")?.value).toBe("001000004");
  expect(at("I5")?.value).toBe("189300");
  expect(at("J5")?.value).toBe("2");
  expect(at("L5")?.value).toBe("Enterprise");
  const texts = [...accounts.values()].map((c) => c.value);
  expect(texts).toContain('Tom & Jerry <"Co">');
  expect(texts).toContain("Name_x0041_here");
  // The repeated line and "see contract" are left out, each on the CS Skipped rows sheet with its row number.
  const skipped = [...sheets.get("CS Skipped rows")!.entries()];
  const rowOf = (n: number) =>
    skipped.find(([ref, c]) => ref.startsWith("A") && c.value === String(n));
  expect(rowOf(3002)).toBeDefined();
  expect(rowOf(3006)).toBeDefined();
});

test("every cell of every sheet is what the plan held before the speed work", () => {
  expect([...sheets.keys()]).toEqual([
    "CS Plan",
    "CS Accounts",
    "CS Books",
    "CS Assumptions",
    "CS Skipped rows",
  ]);
  expect(digest(sheets)).toBe("c6fa2e4f1fa54c5afe52ee31ea35c7040e0026245c9348ac4a87ae6a445e8160");
});
