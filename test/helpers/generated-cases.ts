/**
 * Where property tests record how many cases they generated, so the summary
 * reporter can print the total for the whole run. The reporter names a file
 * under os.tmpdir() for its run (CS_COVERAGE_CASES_FILE, set before any test
 * worker starts, so workers inherit it); each test appends one line.
 */
import { appendFileSync } from "fs";

/** The one seed every property test uses, so a failure reproduces exactly. */
export const PROPERTY_SEED = 20261122;

export function recordGeneratedCases(count: number): void {
  const file = process.env.CS_COVERAGE_CASES_FILE;
  if (file) appendFileSync(file, `${count}\n`);
}
