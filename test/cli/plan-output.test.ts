/**
 * Where the plan is written (exit 2 and one line when it cannot be, exit 0
 * only with the file there), and --preset / --set on plan as on eval.
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { PlanError, writeError } from "../../src/cli/plan";
import { runCli as run } from "../helpers/cli";

let dir: string;
let input: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-plan-output-"));
  input = path.join(dir, "export.csv");
  // 300,000 is Strategic under every preset; 12 of them need 12/11 CSMs by default.
  await fs.writeFile(
    input,
    ["Account,ACV", ...Array.from({ length: 12 }, (_, i) => `A${i},300000`)].join("\n")
  );
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false
  );

describe("writing the plan", () => {
  test("into a folder that does not exist: exit 2, one line naming the folder, no file", async () => {
    const output = path.join(dir, "missing", "deeper", "plan.xlsx");
    const r = await run("plan", input, "-o", output);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([
      `cs-coverage: -o ${output}: the folder ${path.dirname(output)} does not exist; create it first`,
    ]);
    expect(await exists(path.dirname(output))).toBe(false);
  });

  test("under a path that is a file, or onto a folder: exit 2 with one line", async () => {
    const file = path.join(dir, "a-file");
    await fs.writeFile(file, "x");
    const under = await run("plan", input, "-o", path.join(file, "plan.xlsx"));
    expect(under.code).toBe(2);
    expect(under.err).toEqual([
      `cs-coverage: -o ${path.join(file, "plan.xlsx")}: ${file} is a file, not a folder`,
    ]);
    const folder = path.join(dir, "folder.xlsx");
    await fs.mkdir(folder);
    const onto = await run("plan", input, "-o", folder);
    expect(onto.code).toBe(2);
    expect(onto.err[0]).toMatch(/that is a folder/);
  });

  test("exit 0 comes with the file written, and no temporary file left beside it", async () => {
    const output = path.join(dir, "ok.xlsx");
    const r = await run("plan", input, "-o", output, "--json");
    expect(r.code).toBe(0);
    expect((await fs.stat(output)).size).toBeGreaterThan(1000);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  test("read-only, locked and full: each file-system refusal is one line that says what to do", () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    const message = (code: string) => {
      const e = writeError("out/plan.xlsx", err(code));
      expect(e).toBeInstanceOf(PlanError);
      return e.message;
    };
    expect(message("EACCES")).toMatch(
      /^-o out\/plan\.xlsx: cannot write there \(EACCES.*read-only/
    );
    expect(message("EROFS")).toMatch(/read-only/);
    expect(message("EBUSY")).toMatch(/open in another program such as Excel; close it/);
    expect(message("EPERM")).toMatch(/open in another program/);
    expect(message("ENOSPC")).toMatch(/disk is full/);
    // Anything else is not about the file: it stays the error it was (exit 1, not a made-up reason).
    expect(writeError("x.xlsx", err("EINVAL"))).not.toBeInstanceOf(PlanError);
  });
});

describe("plan takes --preset and --set as eval does", () => {
  test("--set tier.Strategic.csm_ratio=12 changes the CSMs: 12 accounts / 12", async () => {
    const base = await run("plan", input, "-o", path.join(dir, "p1.xlsx"), "--json");
    expect(JSON.parse(base.out[0]).total.csms).toBeCloseTo(12 / 11, 12);
    const set = await run(
      "plan",
      input,
      "-o",
      path.join(dir, "p2.xlsx"),
      "--json",
      "--set",
      "tier.Strategic.csm_ratio=12"
    );
    expect(set.code).toBe(0);
    expect(JSON.parse(set.out[0]).total.csms).toBe(1);
  });

  test("--preset vitally-2024: Strategic at 1:10 (MODEL.md §1)", async () => {
    const r = await run(
      "plan",
      input,
      "-o",
      path.join(dir, "p3.xlsx"),
      "--json",
      "--preset",
      "vitally-2024"
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out[0]).total.csms).toBeCloseTo(12 / 10, 12);
  });

  test("an unknown key or a preset together with --assumptions: exit 2, one line", async () => {
    const bad = await run("plan", input, "-o", path.join(dir, "p4.xlsx"), "--set", "tier.X.y=1");
    expect(bad.code).toBe(2);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toMatch(/no assumption named/);
    const both = await run(
      "plan",
      input,
      "-o",
      path.join(dir, "p5.xlsx"),
      "--preset",
      "vitally-2024",
      "--assumptions",
      "a.json"
    );
    expect(both.code).toBe(2);
    expect(both.err[0]).toMatch(/use one of them/);
  });
});
