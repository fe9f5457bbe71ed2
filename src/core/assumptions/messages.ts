/**
 * Messages about the workbook's stored assumptions and scenarios: for the
 * task pane's banners, and for every CS function while they cannot be used.
 */
import { fmt, show } from "../errors";

/** How long CS functions wait for the pane's page to read the workbook's assumptions. */
export const loadTimeoutSeconds = 30;

export const StoreMessages = {
  tooLarge: (chars: number, max: number) =>
    `The stored assumptions are ${fmt(chars)} characters, more than the ${fmt(max)} CS Coverage reads; another tool may have written them.`,
  notJson: (detail: string) =>
    `The stored assumptions are not valid JSON (${detail.replace(/^SyntaxError: /, "")}).`,
  notAStore: () =>
    `The workbook setting holds something other than CS Coverage assumptions (no "format": "cs-coverage-workbook").`,
  badVersion: (version: unknown) =>
    `The stored assumptions have store_version ${show(version)}; it must be a whole number from 1.`,
  newerStore: (version: number) =>
    `These assumptions were saved by a newer CS Coverage (store version ${version}). They are shown read-only and the CS functions do not use them until the add-in is updated; export them to keep a copy.`,
  newerScenario: (scenario: string, version: number) =>
    `Scenario ${scenario} was saved by a newer CS Coverage (schema version ${version}). The workbook's assumptions are shown read-only and the CS functions do not use them until the add-in is updated; export them to keep a copy.`,
  noScenarios: () => `The stored assumptions have no scenarios; there must be at least one.`,
  tooManyScenarios: (count: number, max: number) =>
    `There would be ${count} scenarios; a workbook holds at most ${max}. Remove one first.`,
  notAScenario: () => `A stored scenario is not an object with a name and assumptions.`,
  activeMissing: (active: unknown, first: string) =>
    `The active scenario ${show(active)} is not among the stored scenarios, so ${first} is active.`,
  blankScenarioName: () => `Give the scenario a name.`,
  longScenarioName: (max: number) => `A scenario name has at most ${max} characters.`,
  scenarioExists: (name: string) =>
    `There is already a scenario named ${JSON.stringify(name)} (names match ignoring case); choose another name.`,
  noSuchScenario: (name: string) => `There is no scenario named ${JSON.stringify(name)}.`,
  lastScenario: (name: string) =>
    `${name} is the only scenario; a workbook always has one. Add another before removing it.`,
  /** What every CS function shows while the workbook's assumptions cannot be used. */
  functionsWaiting: (reason: string) =>
    `CS Coverage cannot use this workbook's assumptions: ${reason} Open the CS Coverage pane to export or replace them.`,
  loadTimedOut: (seconds: number) =>
    `the task-pane page did not load them within ${seconds} seconds.`,
  badRuntimeAssumptions: (detail: string) =>
    `The assumptions sent to the functions were not used (${detail}); they go on with the last good assumptions.`,
} as const;
