/**
 * The built command (npm run build:cli) checksums its zip entries with Node's
 * zlib.crc32 (src/cli/native-crc32.ts): it finds the crc-32 package archiver
 * uses and swaps in the native checksum, and every entry of a plan it writes
 * checks out. Each in its own Node process, as a user runs the command.
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import JSZip from "jszip";
import { spawnSync } from "child_process";
import { spawnCli } from "../helpers/cli";

describe("native CRC-32 in the built command", () => {
  // In its own process: under Jest, ExcelJS's dependencies come from Jest's
  // module registry, not Node's, and are not swapped.
  test("the built command finds archiver's crc-32 and swaps in the native checksum", () => {
    const lib = path.resolve(__dirname, "..", "..", "lib", "cli", "native-crc32.js");
    const script = `process.stdout.write(String(require(${JSON.stringify(lib)}).useNativeCrc32()))`;
    const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect(result.stdout).toBe("true");
  });

  test("a plan written by the built command: every zip entry's stored checksum matches its content", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cs-crc-"));
    try {
      const input = path.join(dir, "export.csv");
      const lines = Array.from({ length: 3000 }, (_, i) => `Acct ${i},${(i * 7919) % 400_000}`);
      await fs.writeFile(input, ["Account,ACV", ...lines].join("\n"));
      const output = path.join(dir, "plan.xlsx");
      expect(spawnCli(["plan", input, "-o", output], dir).status).toBe(0);
      const zip = await JSZip.loadAsync(await fs.readFile(output), { checkCRC32: true });
      const accounts = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
      expect(accounts).toContain("Acct 2999");
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
