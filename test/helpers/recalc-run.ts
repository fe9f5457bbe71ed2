/** Runs the command line in-process, and the shared OOXML validator on a file. */
import { spawnSync } from "child_process";
import path from "path";

export const VALIDATE_XLSX = path.resolve(__dirname, "../../../shared/schemas/ooxml/validate-xlsx");

export { runCliWith as run } from "./cli";

/** validate-xlsx's verdict and its ERROR lines. */
export function validate(file: string): { ok: boolean; errors: string[]; report: string } {
  const r = spawnSync(VALIDATE_XLSX, [file], { encoding: "utf8" });
  const report = `${r.stdout}\n${r.stderr}`;
  return {
    ok: r.status === 0,
    errors: report.split("\n").filter((l) => /^\s*ERROR /.test(l)),
    report,
  };
}
