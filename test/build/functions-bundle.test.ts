/**
 * The production functions bundle stays small: in the shared runtime it is
 * parsed before any CS function can register (the target is 60 KB; the
 * benchmark prints the size and the time to register). Bytes are not a
 * timing, so this one is a test. It once grew to 144 KB when the schema
 * library was imported on the functions' side by mistake.
 */
import * as fs from "fs";
import * as path from "path";
import { DIST, ensureBuilt } from "../browser/harness";

const LIMIT_BYTES = 60 * 1024;

test("dist/functions.js is at most 60 KB and carries no schema library", () => {
  ensureBuilt();
  const bundle = fs.readFileSync(path.join(DIST, "functions.js"), "utf8");
  expect(Buffer.byteLength(bundle)).toBeLessThanOrEqual(LIMIT_BYTES);
  // zod's own error texts: present only if the schema was bundled.
  expect(bundle).not.toMatch(/Invalid input: expected|ZodError/);
});
