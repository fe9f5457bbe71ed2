/**
 * What a workbook stores: its scenarios (named assumption sets such as Base,
 * Upside, Lean) and which one is active, as one JSON text in the workbook's
 * settings:
 *
 *   {
 *     "format": "cs-coverage-workbook",
 *     "store_version": 1,
 *     "active": "Base",
 *     "scenarios": [{ "name": "Base", "assumptions": <an export file, format.ts> }, ...]
 *   }
 *
 * Each scenario is a whole export document, so it migrates, exports and
 * imports exactly like a file. Reading never throws and never drops what it
 * cannot use: an unreadable or newer store comes back with its original text,
 * so the task pane can offer it for export and keep it when the user replaces it.
 */
import { StoreMessages } from "./messages";
import { nameKey } from "../values";
import { exportAssumptions, importAssumptions } from "./format";
import { DEFAULT_PRESET, loadPreset } from "./presets";
import { forbiddenKeyProblems, Problem } from "./schema";
import { Assumptions } from "./types";

/** The workbook setting that holds the store (Excel: workbook.settings). */
export const STORE_SETTING = "cs-coverage.assumptions";
/**
 * Where an unreadable or newer store is moved when the user replaces it, so
 * applying new assumptions never destroys what the workbook held.
 */
export const KEPT_SETTING = "cs-coverage.kept-original";
export const STORE_FORMAT = "cs-coverage-workbook";
export const STORE_VERSION = 1;
export const DEFAULT_SCENARIO = "Base";
export const MAX_SCENARIOS = 20;
export const MAX_SCENARIO_NAME = 40;
/** Twenty scenarios of about 6 KB each fit many times over; more is not ours. */
export const MAX_STORE_CHARS = 2 * 1_048_576;

export interface Scenario {
  name: string;
  assumptions: Assumptions;
}

export interface WorkbookStore {
  /** The name of the scenario the CS functions use. */
  active: string;
  scenarios: Scenario[];
}

export type StoreRead =
  /** No settings: the default preset as scenario "Base". */
  | { status: "empty"; store: WorkbookStore }
  /** Read; `notes` say what was migrated from an older schema. */
  | { status: "ok"; store: WorkbookStore; notes: string[] }
  /** Cannot be used: every problem, and the original text to export. */
  | { status: "unreadable"; problems: Problem[]; original: string }
  /** Written by a newer CS Coverage: shown read-only, original kept. */
  | { status: "newer"; version: number; original: string; message: string };

export function defaultStore(): WorkbookStore {
  return {
    active: DEFAULT_SCENARIO,
    scenarios: [{ name: DEFAULT_SCENARIO, assumptions: loadPreset(DEFAULT_PRESET) }],
  };
}

/** The scenario in force (the store guarantees it exists). */
export function activeScenario(store: WorkbookStore): Scenario {
  return findScenario(store, store.active) ?? store.scenarios[0];
}

export function findScenario(store: WorkbookStore, name: string): Scenario | undefined {
  const wanted = nameKey(name);
  return store.scenarios.find((s) => nameKey(s.name) === wanted);
}

// ---------------------------------------------------------------------------
// Writing

/** The settings text for a store: deterministic, scenarios in the order the user made them. */
export function writeStore(store: WorkbookStore): string {
  const doc = {
    format: STORE_FORMAT,
    store_version: STORE_VERSION,
    active: activeScenario(store).name,
    scenarios: store.scenarios.map((s) => ({
      name: s.name,
      assumptions: JSON.parse(exportAssumptions(s.assumptions)) as unknown,
    })),
  };
  return JSON.stringify(doc);
}

// ---------------------------------------------------------------------------
// Reading

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Any stored value as text, so it can be kept and exported as it was. */
function asText(raw: unknown): string {
  if (typeof raw === "string") return raw;
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
}

/** Reads the stored setting (a string, or whatever another tool put there). Never throws. */
export function readStore(raw: unknown): StoreRead {
  if (raw === null || raw === undefined || raw === "")
    return { status: "empty", store: defaultStore() };
  const original = asText(raw);
  const unreadable = (problems: Problem[]): StoreRead => ({
    status: "unreadable",
    problems,
    original,
  });
  try {
    if (original.length > MAX_STORE_CHARS)
      return unreadable([
        { key: "store", message: StoreMessages.tooLarge(original.length, MAX_STORE_CHARS) },
      ]);
    let doc: unknown;
    try {
      doc = typeof raw === "string" ? JSON.parse(raw) : raw;
    } catch (error) {
      return unreadable([{ key: "store", message: StoreMessages.notJson(String(error)) }]);
    }
    if (!isObject(doc) || doc.format !== STORE_FORMAT)
      return unreadable([{ key: "store", message: StoreMessages.notAStore() }]);
    // Reserved names (__proto__, constructor) anywhere: refused, as an import refuses them.
    const reserved = forbiddenKeyProblems(doc, (path) => path.map(String).join("."));
    if (reserved.length > 0) return unreadable(reserved);
    const version = doc.store_version;
    if (typeof version !== "number" || !Number.isInteger(version) || version < 1)
      return unreadable([{ key: "store_version", message: StoreMessages.badVersion(version) }]);
    if (version > STORE_VERSION)
      return { status: "newer", version, original, message: StoreMessages.newerStore(version) };
    return readScenarios(doc, original);
  } catch (error) {
    return unreadable([{ key: "store", message: StoreMessages.notJson(String(error)) }]);
  }
}

function readScenarios(doc: Record<string, unknown>, original: string): StoreRead {
  const problems: Problem[] = [];
  const notes: string[] = [];
  const list = doc.scenarios;
  if (!Array.isArray(list) || list.length === 0)
    return {
      status: "unreadable",
      problems: [{ key: "scenarios", message: StoreMessages.noScenarios() }],
      original,
    };
  if (list.length > MAX_SCENARIOS)
    problems.push({
      key: "scenarios",
      message: StoreMessages.tooManyScenarios(list.length, MAX_SCENARIOS),
    });
  const scenarios: Scenario[] = [];
  for (const [i, item] of list.slice(0, MAX_SCENARIOS).entries()) {
    const label = isObject(item) && typeof item.name === "string" ? item.name : `#${i + 1}`;
    const nameProblem = isObject(item)
      ? scenarioNameProblem(item.name, scenarios)
      : StoreMessages.notAScenario();
    if (nameProblem) problems.push({ key: `scenario.${label}`, message: nameProblem });
    if (!isObject(item)) continue;
    const result = importAssumptions(JSON.stringify(item.assumptions ?? null));
    if (result.ok) {
      if (!nameProblem)
        scenarios.push({ name: (item.name as string).trim(), assumptions: result.assumptions });
      for (const w of result.warnings) notes.push(`Scenario ${label}: ${w.message}`);
    } else if (result.newerVersion !== undefined) {
      return {
        status: "newer",
        version: result.newerVersion,
        original,
        message: StoreMessages.newerScenario(label, result.newerVersion),
      };
    } else {
      for (const p of result.problems)
        problems.push({
          key: `scenario.${label}.${p.key}`,
          message: `Scenario ${label}: ${p.message}`,
        });
    }
  }
  if (problems.length > 0) return { status: "unreadable", problems, original };
  const store: WorkbookStore = { active: scenarios[0].name, scenarios };
  const active = typeof doc.active === "string" ? findScenario(store, doc.active) : undefined;
  if (active) store.active = active.name;
  else notes.push(StoreMessages.activeMissing(doc.active, scenarios[0].name));
  return { status: "ok", store, notes };
}

// ---------------------------------------------------------------------------
// Scenarios

/** Why a name cannot be a new scenario's name, or null when it can. */
export function scenarioNameProblem(
  name: unknown,
  others: readonly Scenario[],
  except?: Scenario
): string | null {
  if (typeof name !== "string" || name.trim() === "") return StoreMessages.blankScenarioName();
  const trimmed = name.trim();
  if (trimmed.length > MAX_SCENARIO_NAME) return StoreMessages.longScenarioName(MAX_SCENARIO_NAME);
  const clash = others.find((s) => s !== except && nameKey(s.name) === nameKey(trimmed));
  return clash ? StoreMessages.scenarioExists(clash.name) : null;
}

export type StoreChange = { ok: true; store: WorkbookStore } | { ok: false; message: string };

/** Adds a scenario (a copy of `from`) and makes it active. */
export function addScenario(store: WorkbookStore, name: string, from: Assumptions): StoreChange {
  if (store.scenarios.length >= MAX_SCENARIOS)
    return {
      ok: false,
      message: StoreMessages.tooManyScenarios(store.scenarios.length + 1, MAX_SCENARIOS),
    };
  const problem = scenarioNameProblem(name, store.scenarios);
  if (problem) return { ok: false, message: problem };
  const scenario = { name: name.trim(), assumptions: structuredClone(from) };
  return { ok: true, store: { active: scenario.name, scenarios: [...store.scenarios, scenario] } };
}

export function renameScenario(store: WorkbookStore, from: string, to: string): StoreChange {
  const scenario = findScenario(store, from);
  if (!scenario) return { ok: false, message: StoreMessages.noSuchScenario(from) };
  const problem = scenarioNameProblem(to, store.scenarios, scenario);
  if (problem) return { ok: false, message: problem };
  const renamed = { ...scenario, name: to.trim() };
  return {
    ok: true,
    store: {
      active: store.active === scenario.name ? renamed.name : store.active,
      scenarios: store.scenarios.map((s) => (s === scenario ? renamed : s)),
    },
  };
}

/** Removes a scenario; the last one cannot go. The active one falls back to the first left. */
export function removeScenario(store: WorkbookStore, name: string): StoreChange {
  const scenario = findScenario(store, name);
  if (!scenario) return { ok: false, message: StoreMessages.noSuchScenario(name) };
  if (store.scenarios.length === 1)
    return { ok: false, message: StoreMessages.lastScenario(scenario.name) };
  const scenarios = store.scenarios.filter((s) => s !== scenario);
  const active = store.active === scenario.name ? scenarios[0].name : store.active;
  return { ok: true, store: { active, scenarios } };
}

export function activateScenario(store: WorkbookStore, name: string): StoreChange {
  const scenario = findScenario(store, name);
  if (!scenario) return { ok: false, message: StoreMessages.noSuchScenario(name) };
  return { ok: true, store: { ...store, active: scenario.name } };
}

/** The store with one scenario's assumptions replaced. */
export function replaceAssumptions(
  store: WorkbookStore,
  name: string,
  assumptions: Assumptions
): StoreChange {
  const scenario = findScenario(store, name);
  if (!scenario) return { ok: false, message: StoreMessages.noSuchScenario(name) };
  return {
    ok: true,
    store: {
      ...store,
      scenarios: store.scenarios.map((s) => (s === scenario ? { name: s.name, assumptions } : s)),
    },
  };
}
