/**
 * The task pane's words: the assumption form's field messages, the status
 * line and message bars of the editor and scenarios, and the Workbook
 * buttons (build a plan, repair, recalculate).
 */
import { fmt, plural, quoteList, show } from "../core/errors";
import type { SkippedRow } from "../plan/rows";

const EXPECTED_BY_KIND: Record<string, string> = {
  amount: 'an amount in dollars, such as 250000 or "$250k"',
  ceiling: 'an ARR amount such as "$4M", or "none" for no ceiling',
  ratio: 'a number of accounts per person, such as 30, or "none" when the role does not apply',
  days: "a whole number",
  months: "a whole number",
  percent: 'a percentage such as "95%" (or 0.95)',
  multiple: 'a multiple such as "1.5x" (or 1.5)',
  number: "a number",
  rate: 'an exchange rate above 0, such as 1.08 (or "none" to remove it)',
};

export const FormMessages = {
  expected: (kind: string, none = false) =>
    kind === "days" && none
      ? 'a whole number of days, or "none"'
      : (EXPECTED_BY_KIND[kind] ?? "a value"),
  unreadable: (key: string, text: string, expected: string) =>
    text.trim() === ""
      ? `${key} is empty; it needs ${expected}.`
      : `${key}: ${show(text)} is not ${expected}.`,
} as const;

export const PaneMessages = {
  outsideExcel: () =>
    "Not in Excel: this is a preview. Changes are kept in this page only, and there are no formulas to recalculate.",
  unreadable: () =>
    "This workbook's stored assumptions cannot be used, so every CS formula shows #N/A with the reason. The editor shows the tiered-2027 defaults: Apply saves them and keeps the stored text in the workbook as a backup; Export stored original saves a copy now.",
  presetNote: (preset: string) =>
    `Started from the ${preset} preset. Marked values differ from it.`,
  problems: (count: number) =>
    `${plural(count, "problem")} to fix before Apply; each is shown next to its value.`,
  notInPreset: (preset: string) => `Not in the ${preset} preset.`,
  presetValue: (preset: string, value: string) => `The ${preset} preset has ${value}.`,
  tiersReordered: () => "Tiers put in order of minimum ACV (not applied yet).",
  tiersInOrder: () => "The tiers are already in order of minimum ACV.",
  rateRemoved: (code: string) =>
    `Removed the ${code} rate (not applied yet): amounts in ${code} are left out of a plan until it has one.`,
  tierRemoved: (name: string) => `Tier ${name} removed (not applied yet).`,
  discarded: () => "Changes discarded: showing the assumptions in force.",
  reset: (preset: string) => `Reset to the ${preset} preset (not applied yet).`,
  applied: (scenario: string) => `Applied to scenario ${scenario}.`,
  recalculated: (count: number, where: "workbook" | "page") =>
    where === "page"
      ? "Outside Excel there are no formulas to recalculate."
      : PaneActionMessages.recalculated(count),
  originalKept: () =>
    "The unreadable text the workbook held is kept in its own setting (cs-coverage.kept-original).",
  saveFailed: (detail: string) => `Could not save the assumptions in the workbook: ${detail}`,
  applyFirst: () => "Apply or discard your changes first.",
  switched: (scenario: string) => `Scenario ${scenario} is active.`,
  newScenarioLabel: () => "Name of the new scenario (a copy of the one in force)",
  renameLabel: () => "New name for this scenario",
  scenarioAdded: (scenario: string) => `Scenario ${scenario} added and active.`,
  scenarioRenamed: (scenario: string) => `Scenario renamed to ${scenario}.`,
  scenarioRemoved: (scenario: string) => `Scenario ${scenario} removed.`,
  exported: (scenario: string, applied: boolean) =>
    applied
      ? `Exported the applied assumptions of ${scenario} (the edits have problems, so they were not exported).`
      : `Exported the assumptions of ${scenario} as shown.`,
  exportedOriginal: () => "Exported the stored text exactly as the workbook held it.",
  importFailed: (file: string) => `${file} was not imported; nothing changed:`,
  imported: (file: string) => `Imported ${file}. Check the values, then Apply.`,
  migrated: () => "The stored assumptions were read with these notes:",
  importNotes: () => "The file was read with these notes:",
  moreProblems: (count: number) => `…and ${plural(count, "more problem")}.`,
} as const;

export const PaneActionMessages = {
  building: () => "Reading the selected export…",
  writingAccounts: (done: number, total: number) =>
    `Writing accounts: ${fmt(done)} of ${fmt(total)}…`,
  repairing: () => "Looking for CS formulas Excel did not bind…",
  recalculating: () => "Recalculating…",
  /** Progress of Repair or Recalculate, which go through every sheet a chunk of rows at a time. */
  rowsLookedAt: (which: "repair" | "recalculate", done: number, total: number) =>
    `${which === "repair" ? "Repairing" : "Recalculating"}: ${fmt(done)} of ${fmt(total)} rows looked at…`,
  recalculated: (count: number) =>
    count === 0
      ? "There are no CS formulas in this workbook yet."
      : `Recalculated ${plural(count, "CS formula")}.`,
  failed: (job: "build" | "repair" | "recalculate", detail: string) =>
    `${job === "build" ? "Could not build the coverage plan" : job === "repair" ? "Could not repair the CS formulas" : "Could not recalculate"}: ${detail}`,
  replaceSheets: (sheets: readonly string[]) =>
    `This workbook already has ${sheets.join(", ")}. Building again replaces ${sheets.length === 1 ? "that sheet" : "those sheets"}, including anything typed on ${sheets.length === 1 ? "it" : "them"}. Replace?`,
  notReplaced: () => "Nothing changed: the existing plan sheets were kept.",
  stopped: (kept: readonly string[]) =>
    kept.length === 0
      ? "Build cancelled: the sheets it had added were removed, so the workbook is as it was."
      : `Build cancelled: the sheets it had added were removed and the earlier ${kept.join(", ")} ${kept.length === 1 ? "is" : "are"} back as ${kept.length === 1 ? "it was" : "they were"}.`,
  /** The new plan is written but the earlier sheets could not be deleted. */
  earlierKept: (hidden: readonly string[]) =>
    `the earlier plan's sheets could not be deleted and are still in the workbook, hidden, as ${quoteList(hidden)}; delete them when convenient`,
  /** A Cancel or a failure whose undo failed too: where the earlier plan is. */
  notRestored: (renamed: readonly (readonly [string, string])[], detail: string) =>
    renamed.length === 0
      ? `the build stopped and the sheets it had added could not all be removed (${detail}); delete any CS sheet it left`
      : `the build stopped and the earlier plan could not be put back (${detail}); it is hidden in the workbook as ${renamed.map(([aside, name]) => `${JSON.stringify(aside)} (was ${name})`).join(", ")}: unhide and rename ${renamed.length === 1 ? "it" : "them"}`,
  cancelling: () => "Cancelling after the current chunk of rows…",
  acvColumnLabel: () => "ACV column",
  mrrColumnLabel: () => "Monthly column (x12)",
  moreSkipped: (count: number, onSheet: boolean) =>
    `…and ${plural(count, "more row")}${onSheet ? " (all on the CS Skipped rows sheet)" : ""}.`,
  storedAssumptionsUnusable: () =>
    "The workbook's stored assumptions cannot be used, so every CS formula would show #N/A. Apply assumptions first (or export the stored original), then build the plan.",
  /** Task pane: the question asked when the ACV column is ambiguous. */
  askAcvColumn: (candidates: readonly string[]) =>
    `Which column holds the ACV? Candidates: ${quoteList(candidates)}.`,
  askMrr: (column: string) =>
    `The only recurring-revenue column is ${JSON.stringify(column)} (monthly). Plan on it multiplied by 12?`,
  cancelled: () => "Build cancelled: no ACV column was chosen.",
  selectionTooSmall: () =>
    "Select the CRM export first (its header row and at least one account row), then Build coverage plan.",
  built: (accounts: number, skipped: number) =>
    `Coverage plan built from ${plural(accounts, "account")}` +
    (skipped > 0 ? `; ${plural(skipped, "row")} left out (see the CS Skipped rows sheet).` : "."),
  repaired: (count: number) =>
    count === 0
      ? "No CS formula needed repair."
      : `Re-entered ${plural(count, "CS formula")} so Excel binds them to the add-in.`,
  askTcv: (column: string, term: string | null) =>
    term !== null
      ? `The only amount column is ${JSON.stringify(column)}, a whole contract's value. Plan on ${JSON.stringify(column)} x 12 / ${JSON.stringify(term)} (months) as ACV?`
      : `The only amount column is ${JSON.stringify(column)}, a whole contract's value, and there is no term column. Plan on it as ACV only if every contract runs 12 months. Use it as it is?`,
} as const;

/** A quoted header or value as the shared messages write it (JSON), escapes included. */
const QUOTED = String.raw`"(?:[^"\\]|\\.)*"`;

/**
 * The planning messages are shared with the command line and name its
 * options; in the pane the same choice is a Build option, an assumption, or
 * an answer to the pane's own question. Ordered: the longer phrasings first.
 */
const PANE_WORDS: readonly (readonly [RegExp, string])[] = [
  [/\buse --all-statuses\b/g, 'tick "Include non-customers" under Build options'],
  [/\bwith --all-statuses\b/g, 'with "Include non-customers" under Build options'],
  [/\bplan with --rows-are-accounts\b/g, 'tick "Keep contract rows separate" under Build options'],
  [
    /\bset one with --set fx\.([A-Z]{3})=<([A-Z]{3}) per 1 [A-Z]{3}> \(fx\.[A-Z]{3} in the task pane\)/g,
    'set one under Assumptions > "Currency and exchange rates" (how many $2 1 $1 buys)',
  ],
  [
    / with --acv-column and their rates \(--set fx\.([A-Z]{3})=<([A-Z]{3}) per 1 [A-Z]{3}>\)/g,
    ' (select the export without the converted column, so the pane asks which to use) with their rates under Assumptions > "Currency and exchange rates"',
  ],
  [/\bthen run again\b/g, "then build again"],
  [
    /\. Name the ACV column with --acv-column$/,
    '. Select the export with its header row, or head its ACV column "ACV" or "ARR" in the sheet, then build again',
  ],
  [
    new RegExp(String.raw`\b(choose one|confirm) with --acv-column(?: ${QUOTED})?`, "g"),
    "$1 when the pane asks",
  ],
  [new RegExp(String.raw`--acv-column (${QUOTED})`, "g"), "$1"],
];

/** A shared planning message in the pane's words: no command-line option named. */
export function inPaneWords(message: string): string {
  return PANE_WORDS.reduce((text, [pattern, words]) => text.replace(pattern, words), message);
}

/**
 * The heading skipped rows are grouped under: their reason without what
 * differs from row to row (the row's ACV, listed after it; an end date; the
 * row it repeats), in the pane's words. A status left out is its own group.
 */
export function skippedGroup(row: SkippedRow): string {
  switch (row.kind) {
    case "blank":
      return "The ACV is blank";
    case "negative":
      return "The ACV is negative (a credit note or refund?)";
    case "duplicate":
      return "The same as an earlier row in every column: counted once (an export that repeats a line?)";
  }
  const shown = row.value === null ? "blank" : JSON.stringify(row.value);
  let reason = row.reason.startsWith(`${shown} `)
    ? `the ACV${row.reason.slice(shown.length)}`
    : row.reason;
  if (/^the ACV is not an amount\b/.test(reason)) return "The ACV is not an amount";
  if (reason.startsWith(`the cell holds ${shown} `))
    reason = `the cell holds a number ${reason.slice(`the cell holds ${shown} `.length)}`;
  if (row.kind === "ended")
    reason = reason.replace(/ is \d{4}-\d{2}-\d{2}, before /, " is before ");
  return inPaneWords(reason).replace(/^./, (first) => first.toUpperCase());
}
