/**
 * Every CS function implementation by its JavaScript name, for hosts other
 * than Excel (the cs-coverage engine). Excel binds the same functions by the
 * associate calls the metadata plugin adds. The family files are listed once,
 * in families.json, for the metadata generator; a test keeps the two in step.
 */
import * as books from "./books";
import * as capacity from "./capacity";
import * as comp from "./comp";
import * as headcount from "./headcount";
import * as planning from "./planning";
import * as quality from "./quality";
import * as assumptions from "./assumptions";
import * as segmentation from "./segmentation";
import * as targets from "./targets";

export type CsImplementation = (...args: unknown[]) => unknown;

export const implementations: Readonly<Record<string, CsImplementation>> = Object.freeze(
  Object.fromEntries(
    Object.entries({
      ...segmentation,
      ...headcount,
      ...capacity,
      ...books,
      ...planning,
      ...targets,
      ...comp,
      ...quality,
      ...assumptions,
    }).filter((entry): entry is [string, CsImplementation] => typeof entry[1] === "function")
  )
);
