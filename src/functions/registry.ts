/**
 * Every CS function implementation by its JavaScript name, for hosts other
 * than Excel (the cs-coverage engine). Excel binds the same functions by the
 * associate calls the metadata plugin adds. The family files are listed once,
 * in families.json, for the metadata generator; a test keeps the two in step.
 */
import * as comp from "./comp";
import * as headcount from "./headcount";
import * as segmentation from "./segmentation";

export type CsImplementation = (...args: unknown[]) => unknown;

export const implementations: Readonly<Record<string, CsImplementation>> = Object.freeze(
  Object.fromEntries(
    Object.entries({ ...segmentation, ...headcount, ...comp }).filter(
      (entry): entry is [string, CsImplementation] => typeof entry[1] === "function"
    )
  )
);
