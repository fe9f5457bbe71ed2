/**
 * `cs-coverage recalc IN.xlsx [-o OUT.xlsx | --in-place]`: recomputes the CS
 * formulas of a workbook, and the formulas that depend on them, and writes
 * their new cached values into the worksheet XML of only the cells whose
 * value changed. Every other zip part (charts, pivots, tables, names,
 * styles, comments, extension lists, spill metadata) is copied byte for
 * byte: it is never parsed for writing. docs/recalc.md has the whole story.
 *
 * Every other formula keeps the value Excel saved and is an input with that
 * value. A formula the engine cannot evaluate the way Excel would (a
 * function or name it does not know, a formula it cannot read, a spill that
 * would change size) keeps its saved value and is reported; an error that
 * comes from the engine's limits is never written over a result.
 */
import { promises as fs } from "fs";
import path from "path";
import { RawCellContent } from "hyperformula";
import { Assumptions } from "../core/assumptions/types";
import { STORE_SETTING } from "../core/assumptions/workbook-store";
import { excelSerialFromDate } from "../core/dates";
import { fmt } from "../core/errors";
import { Catalog } from "../engine/catalog";
import { excelStringLiterals, lowercaseExponents, splitFormula } from "../engine/formula-pieces";
import { EngineScalar } from "../engine/engine";
import { CellAt, LiveWorkbook, NamedFormula } from "../engine/live-workbook";
import { SPILL_SIZED_BEFORE } from "../engine/plugin";
import { fromFileFormula, hasCsCall } from "../plan/file-formulas";
import {
  columnLetters,
  columnNumber,
  parseRange,
  quoteSheetNames,
  slideFormula,
  stripFunctionPrefixes,
} from "./workbook/formula-text";
import {
  DefinedName,
  openWorkbookPackage,
  PivotTable,
  WorkbookPackage,
  WorkbookRefusal,
  WorkbookSheet,
} from "./workbook/package";
import {
  a1,
  applyEdits,
  CachedValue,
  CellXml,
  patchedCell,
  scanCells,
  SheetXmlError,
} from "./workbook/sheet-xml";
import { ExcelTable, rewriteStructuredRefs, StructuredRefError } from "./workbook/structured-refs";

export class RecalcError extends Error {
  constructor(
    message: string,
    readonly detail?: string
  ) {
    super(message);
  }
}

export interface KeptFormula {
  /** "Sheet1!B5" */
  cell: string;
  reason: string;
}

export interface RecalcResult {
  /** CS formulas computed. */
  csFormulas: number;
  /** Other formulas computed because they depend on CS results. */
  otherFormulas: number;
  /** Cells whose cached value was written (the rest already held the right value). */
  changedCells: number;
  /** Formulas of ours that kept their saved value, with why. */
  kept: KeptFormula[];
  /** Pivot tables whose source holds a changed cell: "Sheet: PivotTable1 (from Data!A1:D9)". */
  stalePivots: string[];
  output: string;
  /** How the output was chosen: -o, beside the input, or over it (--in-place). */
  placement: "output" | "beside" | "in-place";
}

/** Errors that come from the engine's limits, never from Excel: never written. */
const ENGINE_LIMIT_ERRORS = new Set(["#NAME?", "#ERROR!", "#CYCLE!", "#LIC!", "#SPILL!"]);
/** Error codes the engine reads as errors when a cell holds them. */
const ENGINE_ERROR_INPUTS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
]);
const EXCEL_ERRORS = new Set([
  ...ENGINE_ERROR_INPUTS,
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#PYTHON!",
]);

/**
 * Functions whose answer depends on the locale the file was saved in: TEXT
 * reads its format, VALUE and DATEVALUE their text, in the user's locale
 * (a file saved in German Excel holds VALUE("1,500") for 1.5), the engine in en-US.
 */
const DIFFERENT_IN_ENGINE = /(?:^|[^A-Za-z0-9_.])(TEXT|VALUE|DATEVALUE)\(/i;

function localeReason(name: string): string {
  return name.toUpperCase() === "TEXT"
    ? "TEXT formats in the locale the file was saved in, which the engine cannot know"
    : `${name.toUpperCase()} reads text in the locale the file was saved in, which the engine cannot know`;
}

interface FileCell {
  sheet: string;
  xml: CellXml;
  saved: CachedValue;
  /** The formula as the file holds it (a shared formula slid to this cell). */
  formula?: string;
  /** The formula as the engine reads it, or why it cannot. */
  engineFormula?: string;
  untranslatable?: string;
  /** Why the engine's answer would not be Excel's (a function it computes differently). */
  unreliable?: string;
  isCs: boolean;
  /** An array formula's (or spill's) range, 1-based. */
  array?: Area;
}

/** A block of cells, 1-based and inclusive. */
interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The cells a formula fills: its array or spill range, else its own cell. */
function areaOf(cell: FileCell): Area {
  return (
    cell.array ?? {
      top: cell.xml.row,
      left: cell.xml.col,
      bottom: cell.xml.row,
      right: cell.xml.col,
    }
  );
}

/** Each cell of an area, row by row, as 1-based [row, column]. */
function* cellsIn(area: Area): Generator<[number, number]> {
  for (let r = area.top; r <= area.bottom; r++)
    for (let c = area.left; c <= area.right; c++) yield [r, c];
}

interface SheetState {
  name: string;
  part: string;
  text: string;
  cells: Map<string, FileCell>;
}

const key = (row: number, col: number) => `${row}:${col}`;

function isoToSerial(text: string): number | string {
  const date = new Date(
    text.length <= 10 ? `${text}T00:00:00Z` : text.endsWith("Z") ? text : `${text}Z`
  );
  return Number.isNaN(date.getTime()) ? text : excelSerialFromDate(date);
}

function savedValue(cell: CellXml, strings: readonly string[]): CachedValue {
  const v = cell.value;
  switch (cell.type) {
    case "s": {
      const s = v === undefined ? undefined : strings[Number(v)];
      return s ?? null;
    }
    case "str":
      return v ?? "";
    case "inlineStr":
      return cell.inline ?? v ?? "";
    case "b":
      return v === undefined ? null : v.trim() === "1" || v.trim().toLowerCase() === "true";
    case "e":
      return v === undefined ? null : { error: v.trim() };
    case "d":
      return v === undefined ? null : isoToSerial(v.trim());
    default: {
      if (v === undefined || v.trim() === "") return null;
      const n = Number(v);
      return Number.isFinite(n) ? n : v;
    }
  }
}

/** A saved value as the engine must receive it (text behind ' so it stays text). */
function engineInput(value: CachedValue): RawCellContent {
  if (value === null) return null;
  if (typeof value === "string") return `'${value}`;
  if (typeof value === "object")
    return ENGINE_ERROR_INPUTS.has(value.error) ? value.error : `'${value.error}`;
  return value;
}

function sameValue(a: CachedValue, b: CachedValue): boolean {
  if (a === null || b === null) return a === b || a === "" || b === "";
  if (typeof a === "number" && typeof b === "number")
    return a === b || Number(a.toPrecision(15)) === Number(b.toPrecision(15));
  if (typeof a === "object" && typeof b === "object") return a.error === b.error;
  return a === b;
}

function toCached(value: EngineScalar): CachedValue {
  if (value !== null && typeof value === "object") return { error: value.error };
  return value;
}

interface FormulaContext {
  tables: readonly ExcelTable[];
  /** Each sheet's (lower-case name) spilled and array formulas by their anchor cell ("row:col"). */
  spills: ReadonlyMap<string, ReadonlyMap<string, Area>>;
}

const ANCHOR_ARRAY =
  /(?<![\p{L}\p{N}_.])ANCHORARRAY\(\s*(?:('(?:[^']|'')+'|[\p{L}\p{N}_.]+)!)?\$?([A-Za-z]{1,3})\$?(\d{1,7})\s*\)/giu;

/**
 * A spill reference (A2#, which Excel saves as _xlfn.ANCHORARRAY(A2)) as the
 * range the spill fills in the file. recalc never lets a spill change size,
 * so that range is the one Excel reads. One whose cell holds no spill is
 * left as it is (the engine lacks the function, so it is kept).
 */
function spillReferences(formula: string, spills: FormulaContext["spills"], sheet: string): string {
  if (!/ANCHORARRAY\(/i.test(formula)) return formula;
  // Only in code: never inside a "string".
  const inText: [number, number][] = [];
  let at = 0;
  for (const piece of splitFormula(formula)) {
    if (piece.kind === "string") inText.push([at, at + piece.text.length]);
    at += piece.text.length;
  }
  return formula.replace(
    ANCHOR_ARRAY,
    (match, quoted: string | undefined, letters: string, digits: string, offset: number) => {
      if (inText.some(([start, end]) => offset >= start && offset < end)) return match;
      const target =
        quoted === undefined
          ? sheet
          : quoted.startsWith("'")
            ? quoted.slice(1, -1).replace(/''/g, "'")
            : quoted;
      const area = spills
        .get(target.toLowerCase())
        ?.get(key(Number(digits), columnNumber(letters)));
      if (area === undefined) return match;
      const corner = (r: number, c: number) => `$${columnLetters(c)}$${r}`;
      return `'${target.replace(/'/g, "''")}'!${corner(area.top, area.left)}:${corner(area.bottom, area.right)}`;
    }
  );
}

/** The formula text for the engine: CS names, future-function prefixes, table references, quotes in text. */
function engineFormula(
  formula: string,
  context: FormulaContext,
  sheet: string,
  row: number,
  col: number
): string {
  const named = quoteSheetNames(
    spillReferences(
      lowercaseExponents(stripFunctionPrefixes(fromFileFormula(formula))),
      context.spills,
      sheet
    )
  );
  return `=${excelStringLiterals(rewriteStructuredRefs(named, context.tables, sheet, row, col))}`;
}

async function readSheets(
  pkg: WorkbookPackage
): Promise<{ states: SheetState[]; context: FormulaContext }> {
  const states: SheetState[] = [];
  const read: { sheet: WorkbookSheet & { part: string }; text: string; scanned: CellXml[] }[] = [];
  const spills = new Map<string, Map<string, Area>>();
  for (const sheet of pkg.sheets) {
    if (sheet.part === undefined) continue;
    const text = await pkg.zip.file(sheet.part)!.async("string");
    let scanned: CellXml[];
    try {
      scanned = scanCells(text);
    } catch (error) {
      if (error instanceof SheetXmlError)
        throw new WorkbookRefusal(`its sheet "${sheet.name}" cannot be read: ${error.message}`);
      throw error;
    }
    read.push({ sheet: { ...sheet, part: sheet.part }, text, scanned });
    const anchors = new Map<string, Area>();
    for (const c of scanned)
      if (c.formula?.kind === "array" && c.formula.ref !== undefined) {
        const area = parseRange(c.formula.ref);
        if (area) anchors.set(key(c.row, c.col), area);
      }
    spills.set(sheet.name.toLowerCase(), anchors);
  }
  const context: FormulaContext = { tables: pkg.tables, spills };
  for (const { sheet, text, scanned } of read) {
    const masters = new Map<string, CellXml>();
    for (const c of scanned)
      if (c.formula?.kind === "shared" && c.formula.ref !== undefined && c.formula.si !== undefined)
        masters.set(c.formula.si, c);
    const cells = new Map<string, FileCell>();
    for (const xml of scanned) {
      const cell: FileCell = {
        sheet: sheet.name,
        xml,
        saved: savedValue(xml, pkg.sharedStrings),
        isCs: false,
      };
      const f = xml.formula;
      if (f && f.kind !== "dataTable") {
        let text: string | undefined = f.text;
        if (f.kind === "shared" && (f.ref === undefined || f.text === "")) {
          const master = f.si === undefined ? undefined : masters.get(f.si);
          text = master?.formula
            ? slideFormula(master.formula.text, xml.row - master.row, xml.col - master.col)
            : undefined;
          if (text === undefined) cell.untranslatable = "its shared formula cannot be found";
        }
        if (text !== undefined && text.trim() !== "") {
          cell.formula = text;
          cell.isCs = hasCsCall(text);
          try {
            cell.engineFormula = engineFormula(text, context, sheet.name, xml.row, xml.col);
            const localeDependent = DIFFERENT_IN_ENGINE.exec(cell.engineFormula);
            if (localeDependent) cell.unreliable = localeReason(localeDependent[1]);
          } catch (error) {
            if (!(error instanceof StructuredRefError)) throw error;
            cell.untranslatable = error.message;
          }
        }
        if (f.kind === "array" && f.ref !== undefined) {
          const area = parseRange(f.ref);
          if (area && (area.bottom > area.top || area.right > area.left)) cell.array = area;
        }
      }
      cells.set(key(xml.row, xml.col), cell);
    }
    states.push({ name: sheet.name, part: sheet.part, text, cells });
  }
  return { states, context };
}

/** A defined name of Excel's own: print areas, filter ranges, and the hidden placeholders of newer functions. */
function isExcelOwnName(name: string): boolean {
  return /^_xl(nm|fn|pm|ws)\./i.test(name);
}

function namedFormulas(
  pkg: WorkbookPackage,
  context: FormulaContext
): {
  names: NamedFormula[];
  unreadable: NamedFormula[];
} {
  const names: NamedFormula[] = [];
  const unreadable: NamedFormula[] = [];
  for (const name of pkg.names) {
    // Excel's own names (print areas, filter ranges) and hidden _xl names are not for formulas.
    if (isExcelOwnName(name.name) || name.formula.trim() === "") continue;
    try {
      const expression = engineFormula(name.formula, context, name.sheet ?? "", 0, 0);
      names.push({ name: name.name, expression, ...(name.sheet ? { sheet: name.sheet } : {}) });
    } catch (error) {
      if (!(error instanceof StructuredRefError)) throw error;
      unreadable.push({
        name: name.name,
        expression: "",
        ...(name.sheet ? { sheet: name.sheet } : {}),
      });
    }
  }
  return { names, unreadable };
}

/**
 * Defined names that call a CS function, in their own formula or through
 * another name ("sheet|name" keys, sheet "" for a workbook name). A name is
 * looked up as Excel does: the sheet's own name first, then the workbook's.
 */
function csNames(defined: ReadonlyMap<string, DefinedName>): Set<string> {
  const found = new Set<string>();
  for (const [k, n] of defined) if (hasCsCall(n.formula)) found.add(k);
  for (let grew = true; grew;) {
    grew = false;
    for (const [k, n] of defined) {
      if (found.has(k)) continue;
      if (mentionedNames(n.formula).some((m) => usesCsName(found, defined, m, n.sheet))) {
        found.add(k);
        grew = true;
      }
    }
  }
  return found;
}

function usesCsName(
  found: ReadonlySet<string>,
  defined: ReadonlyMap<string, unknown>,
  name: string,
  sheet: string | undefined
): boolean {
  const own = sheet === undefined ? undefined : nameKey(name, sheet);
  if (own !== undefined && defined.has(own)) return found.has(own);
  return found.has(nameKey(name, undefined));
}

/**
 * A formula that calls a CS function through a defined name (`=NeedCSMs`,
 * where NeedCSMs is `_xldudf_CS_REQUIRED_CSMS(Accounts[ACV])`) is a CS formula
 * too: the engine's dependents of CS cells cannot see it, so it would keep
 * Excel's old value unnoticed.
 */
function markCsThroughNames(states: SheetState[], pkg: WorkbookPackage): void {
  const defined = new Map(
    pkg.names
      .filter((n) => !isExcelOwnName(n.name))
      .map((n) => [nameKey(n.name, n.sheet), n] as const)
  );
  const found = csNames(defined);
  if (found.size === 0) return;
  const sheetNamed = new Map(pkg.sheets.map((s) => [s.name.toLowerCase(), s.name] as const));
  for (const state of states)
    for (const cell of state.cells.values())
      if (
        !cell.isCs &&
        cell.formula !== undefined &&
        (mentionedNames(cell.formula).some((m) => usesCsName(found, defined, m, state.name)) ||
          sheetQualifiedNames(cell.formula).some(({ sheet, name }) => {
            const exact = sheetNamed.get(sheet.toLowerCase());
            return exact !== undefined && found.has(nameKey(name, exact));
          }))
      )
        cell.isCs = true;
}

/** Names written with their sheet (`Summary!LocalNeed`, `'Q3 ''plan'''!LocalNeed`), not cell references. */
function sheetQualifiedNames(formula: string): { sheet: string; name: string }[] {
  const found: { sheet: string; name: string }[] = [];
  const NAME = /^!([\p{L}_\\][\p{L}\p{M}\p{N}_.\\]*)(?![\p{L}\p{M}\p{N}_.\\(])/u;
  const isCell = (text: string) => /^[A-Za-z]{1,3}\d+$|^[Rr]\d*[Cc]\d*$/.test(text);
  const pieces = splitFormula(formula);
  pieces.forEach((piece, i) => {
    const next = pieces[i + 1];
    if (piece.kind === "sheet" && next?.kind === "code") {
      const m = NAME.exec(next.text);
      if (m && !isCell(m[1]))
        found.push({ sheet: piece.text.slice(1, -1).replace(/''/g, "'"), name: m[1] });
    }
    if (piece.kind !== "code") return;
    for (const m of piece.text.matchAll(
      /(?<![\p{L}\p{N}_.$\\])([\p{L}_][\p{L}\p{M}\p{N}_.]*)!([\p{L}_\\][\p{L}\p{M}\p{N}_.\\]*)(?![\p{L}\p{M}\p{N}_.\\(])/gu
    ))
      if (!isCell(m[2])) found.push({ sheet: m[1], name: m[2] });
  });
  return found;
}

/** Function calls in a formula's code (not in text or sheet names), as written. */
function calledFunctions(formula: string): string[] {
  const found: string[] = [];
  for (const piece of splitFormula(formula))
    if (piece.kind === "code")
      for (const m of piece.text.matchAll(
        /(?<![\p{L}\p{N}_.$\\])([\p{L}_\\][\p{L}\p{M}\p{N}_.\\]*)\s*\(/gu
      ))
        found.push(m[1]);
  return found;
}

/** Names a formula's code mentions (identifiers that are not calls, sheets or table names), lower case. */
function mentionedNames(formula: string): string[] {
  const found: string[] = [];
  for (const piece of splitFormula(formula))
    if (piece.kind === "code")
      for (const m of piece.text.matchAll(
        /(?<![\p{L}\p{N}_.$\\!])([\p{L}_\\][\p{L}\p{M}\p{N}_.\\]*)(?![\p{L}\p{M}\p{N}_.\\(!])/gu
      ))
        found.push(m[1].toLowerCase());
  return found;
}

/**
 * What in a formula the engine cannot compute as Excel does, though the
 * formula may still give a value there: a function the engine lacks (LET,
 * the @ of _xlfn.SINGLE, a VBA function, another add-in's), or a defined
 * name it cannot compute. Under IFERROR, or as an input a CS function
 * reports as #VALUE!, that would be a plausible wrong value.
 */
class EngineGaps {
  private readonly functions: Set<string>;
  /** "sheet|name" (sheet "" for a workbook name) -> why the engine cannot compute it, or "" when it can. */
  private readonly badNames = new Map<string, string>();

  constructor(
    private readonly engine: LiveWorkbook,
    private readonly names: readonly NamedFormula[],
    unreadable: readonly NamedFormula[]
  ) {
    this.functions = engine.functionNames();
    for (const name of unreadable)
      this.badNames.set(nameKey(name.name, name.sheet), "whose table reference cannot be resolved");
  }

  /** Call after the engine's cells change: a name's value may come from them. */
  refreshNames(): void {
    const skipped = new Set(this.engine.skippedNames.map((n) => n.toLowerCase()));
    for (const name of this.names)
      this.badNames.set(nameKey(name.name, name.sheet), this.nameGap(name, skipped) ?? "");
  }

  private nameGap(name: NamedFormula, skipped: ReadonlySet<string>): string | undefined {
    if (skipped.has(name.name.toLowerCase()))
      return "which the engine cannot hold (a name outside Latin letters, or of a sheet it lacks)";
    const external = externalReference(name.expression);
    if (external !== undefined) return `which reads another workbook (${external})`;
    const missing = this.missingFunction(name.expression);
    if (missing !== undefined) return `which calls ${missing}, a function the engine lacks`;
    const value = this.engine.namedValue(name.name, name.sheet);
    if (value === null || typeof value !== "object") return undefined;
    if (!ENGINE_LIMIT_ERRORS.has(value.error) && EXCEL_ERRORS.has(value.error)) return undefined;
    return /(?:^|[^\p{L}\p{N}_.])OFFSET\(/iu.test(name.expression)
      ? "which the engine cannot compute (an OFFSET whose size is computed)"
      : `which the engine cannot compute (it gives ${value.error})`;
  }

  missingFunction(formula: string): string | undefined {
    return calledFunctions(formula).find((f) => !this.functions.has(f.toUpperCase()));
  }

  /** Why a formula on `sheet` cannot be computed by the engine as Excel does, if so. */
  reason(formula: string, sheet: string): string | undefined {
    const external = externalReference(formula);
    if (external !== undefined)
      return `it reads another workbook (the external link ${external}), which recalc cannot open`;
    const across = threeDReference(formula);
    if (across !== undefined) return `the engine cannot read a reference across sheets (${across})`;
    const missing = this.missingFunction(formula);
    if (missing !== undefined) return `the engine has no function ${missing}`;
    for (const q of sheetQualifiedNames(formula)) {
      const named = this.names.find(
        (n) =>
          n.name.toLowerCase() === q.name.toLowerCase() &&
          n.sheet?.toLowerCase() === q.sheet.toLowerCase()
      );
      if (named !== undefined)
        return `it uses the name ${named.name} written with its sheet (${named.sheet}!${named.name}), which the engine cannot read`;
    }
    for (const name of mentionedNames(formula)) {
      const gap =
        this.badNames.get(nameKey(name, sheet)) ?? this.badNames.get(nameKey(name, undefined));
      if (gap !== undefined && gap !== "") {
        const written = this.names.find((n) => n.name.toLowerCase() === name)?.name ?? name;
        return `it uses the name ${written}, ${gap}`;
      }
    }
    return undefined;
  }
}

/** A 3-D reference across sheets (Jan:Mar!B2, 'Q1 Jan:Q1 Mar'!B2:B9) as written, if any. */
function threeDReference(formula: string): string | undefined {
  const pieces = splitFormula(formula);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    const next = pieces[i + 1];
    if (piece.kind === "sheet" && /^'(?:[^':]|'')+:(?:[^']|'')+'$/.test(piece.text)) {
      const ref = next?.kind === "code" ? /^![$A-Za-z0-9:]+/.exec(next.text) : null;
      if (ref) return piece.text + ref[0];
    }
    if (piece.kind !== "code") continue;
    const m =
      /(?<![\p{L}\p{N}_.$\\])[\p{L}_\\][\p{L}\p{N}_.\\]*:[\p{L}_\\][\p{L}\p{N}_.\\]*![$A-Za-z0-9:]+/u.exec(
        piece.text
      );
    if (m) return m[0];
  }
  return undefined;
}

/** An external-workbook reference ([1]Sheet1!A1, '[1]My Sheet'!A1, [1]!Name) as written, if any. */
function externalReference(formula: string): string | undefined {
  const pieces = splitFormula(formula);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    const next = pieces[i + 1];
    if (piece.kind === "sheet" && /^'\[\d+\]/.test(piece.text)) {
      const ref = next?.kind === "code" ? (/^![$A-Za-z0-9:]*/.exec(next.text)?.[0] ?? "") : "";
      return piece.text + ref;
    }
    if (piece.kind !== "bracket" || !/^\[\d+\]$/.test(piece.text)) continue;
    if (next?.kind === "code") {
      const ref = /^[\p{L}\p{N}_.]*![$A-Za-z0-9_.:]*/u.exec(next.text);
      if (ref) return piece.text + ref[0];
    }
  }
  return undefined;
}

function nameKey(name: string, sheet: string | undefined): string {
  return `${sheet ?? ""}|${name.toLowerCase()}`;
}

/** The engine's sheets: values as saved, formulas as the engine reads them, spill areas empty. */
function engineContent(states: readonly SheetState[]): Map<string, RawCellContent[][]> {
  const content = new Map<string, RawCellContent[][]>();
  for (const state of states) {
    const rows: RawCellContent[][] = [];
    const put = (row: number, col: number, value: RawCellContent) => {
      while (rows.length < row) rows.push([]);
      const line = rows[row - 1];
      while (line.length < col - 1) line.push(null);
      line[col - 1] = value;
    };
    for (const cell of state.cells.values())
      put(cell.xml.row, cell.xml.col, cell.engineFormula ?? engineInput(cell.saved));
    for (const cell of state.cells.values()) {
      if (!cell.array || cell.engineFormula === undefined) continue;
      for (const [r, c] of cellsIn(cell.array))
        if (r !== cell.xml.row || c !== cell.xml.col) {
          if (rows[r - 1] !== undefined && c - 1 < rows[r - 1].length) rows[r - 1][c - 1] = null;
        }
    }
    content.set(state.name, rows);
  }
  return content;
}

interface Ours {
  cell: FileCell;
  at: CellAt;
}

/** The saved values of a formula's cells, to put back in the engine when it is not ours or is kept. */
function savedContents(
  cell: FileCell,
  state: SheetState
): { at: CellAt; content: RawCellContent }[] {
  const out: { at: CellAt; content: RawCellContent }[] = [];
  for (const [r, c] of cellsIn(areaOf(cell))) {
    const saved = state.cells.get(key(r, c))?.saved ?? null;
    out.push({ at: { sheet: state.name, row: r - 1, col: c - 1 }, content: engineInput(saved) });
  }
  return out;
}

/** Why the engine's value for one of our formulas cannot be written, if it cannot. */
function limitReason(engine: LiveWorkbook, cell: FileCell, state: SheetState): string | undefined {
  const area = areaOf(cell);
  for (const [r, c] of cellsIn(area)) {
    const value = engine.value({ sheet: state.name, row: r - 1, col: c - 1 });
    if (value === null || typeof value !== "object") continue;
    const saved = state.cells.get(key(r, c))?.saved;
    // A #SPILL! over a FILTER, UNIQUE or SORT: the engine sized the spill from their input and
    // found other cells there, where Excel's smaller result fits.
    const sizedFromInput =
      value.error === "#SPILL!" &&
      cell.engineFormula !== undefined &&
      /(?:^|[^\p{L}\p{N}_.])(?:FILTER|UNIQUE|SORT|SORTBY)\(/iu.test(cell.engineFormula);
    if (value.message?.includes(SPILL_SIZED_BEFORE) || sizedFromInput)
      return "the engine cannot size its spill as Excel does (it fixes a spill's size before computing, and cannot know it here: a FILTER, UNIQUE or SORT argument, or a part read from a cell)";
    if (saved && typeof saved === "object" && saved.error === value.error) continue;
    if (ENGINE_LIMIT_ERRORS.has(value.error) || !EXCEL_ERRORS.has(value.error)) {
      const message = value.message ? `: ${value.message}` : "";
      return `the engine gives ${value.error}${message}`;
    }
  }
  if (cell.array) {
    // A spill that would grow: Excel would move its edge, which a patch cannot do.
    const right = { sheet: state.name, row: area.top - 1, col: area.right };
    const below = { sheet: state.name, row: area.bottom, col: area.left - 1 };
    for (const at of [right, below])
      if (!state.cells.has(key(at.row + 1, at.col + 1)) && engine.isPartOfArray(at))
        return "its spill would change size; recalculate it in Excel";
    for (const [r, c] of cellsIn(area))
      if (!engine.isPartOfArray({ sheet: state.name, row: r - 1, col: c - 1 }))
        return "its spill would change size; recalculate it in Excel";
    for (const [r, c] of cellsIn(area))
      if (
        !state.cells.has(key(r, c)) &&
        engine.value({ sheet: state.name, row: r - 1, col: c - 1 }) !== null
      )
        return "its spill covers cells the file does not hold; recalculate it in Excel";
  }
  return undefined;
}

/** Whether the task pane saved its assumptions in the workbook's settings (an add-in part). */
async function holdsAssumptionStore(pkg: WorkbookPackage): Promise<boolean> {
  for (const name of Object.keys(pkg.zip.files)) {
    if (!/^xl\/webextensions\/[^/]+\.xml$/i.test(name)) continue;
    if ((await pkg.zip.file(name)!.async("string")).includes(STORE_SETTING)) return true;
  }
  return false;
}

async function readInput(file: string): Promise<Buffer> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== ".xlsx" && ext !== ".xlsm")
    throw new RecalcError(
      ext === ".xls" || ext === ".xlsb"
        ? `${file}: recalc reads .xlsx workbooks; save this ${ext} as an Excel Workbook (.xlsx) first`
        : `${file}: recalc reads .xlsx workbooks`
    );
  try {
    return await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RecalcError(
      code === "ENOENT" ? `${file}: file not found` : `${file}: cannot be read (${code})`
    );
  }
}

/** Where the result goes: -o, over the input with --in-place, or beside it (NAME.recalc.xlsx). */
export function outputFor(
  input: string,
  options: { output?: string; inPlace?: boolean }
): { output: string; placement: RecalcResult["placement"] } {
  if (options.inPlace && options.output !== undefined)
    throw new RecalcError("-o and --in-place both say where to write; use one of them");
  if (options.inPlace) return { output: input, placement: "in-place" };
  if (options.output !== undefined) {
    if (path.resolve(options.output) === path.resolve(input))
      throw new RecalcError(
        `-o ${options.output} is the input itself; use --in-place to overwrite it`
      );
    return { output: options.output, placement: "output" };
  }
  const ext = path.extname(input);
  return {
    output: path.join(path.dirname(input), `${path.basename(input, ext)}.recalc${ext}`),
    placement: "beside",
  };
}

async function writeAtomically(output: string, bytes: Buffer): Promise<void> {
  const temporary = path.join(path.dirname(output), `.${path.basename(output)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, output);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RecalcError(`${output}: cannot write there (${code ?? (error as Error).message})`);
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

export async function recalcWorkbook(
  file: string,
  options: { output?: string; inPlace?: boolean; assumptionsGiven?: boolean },
  assumptions: Assumptions,
  catalog: Catalog
): Promise<RecalcResult> {
  const { output, placement } = outputFor(file, options);
  const bytes = await readInput(file);
  try {
    return await recalcPackage(
      bytes,
      file,
      output,
      placement,
      assumptions,
      catalog,
      options.assumptionsGiven === true
    );
  } catch (error) {
    if (error instanceof WorkbookRefusal)
      throw new RecalcError(`${file}: ${error.message}`, error.detail);
    throw error;
  }
}

async function recalcPackage(
  bytes: Buffer,
  file: string,
  output: string,
  placement: RecalcResult["placement"],
  assumptions: Assumptions,
  catalog: Catalog,
  assumptionsGiven: boolean
): Promise<RecalcResult> {
  const pkg = await openWorkbookPackage(bytes);
  if (!assumptionsGiven && (await holdsAssumptionStore(pkg)))
    throw new WorkbookRefusal(
      `stores its own assumptions (the task pane's scenarios, setting ${STORE_SETTING}), which recalc does not read; computing with the defaults could change every CS result. Export the scenario from the task pane and pass it with --assumptions FILE.json (or pass the defaults deliberately: cs-coverage assumptions --json > defaults.json)`
    );
  if (pkg.date1904)
    throw new WorkbookRefusal(
      "uses the 1904 date system (Excel for Mac's old default); the CS date functions read 1900-system dates, so its dates would be off by four years. In Excel, clear File > Options > Advanced > Use 1904 date system and check the dates"
    );
  const { states, context } = await readSheets(pkg);
  markCsThroughNames(states, pkg);
  const csCells = states.flatMap((s) => [...s.cells.values()].filter((c) => c.isCs));
  if (csCells.length === 0) throw new RecalcError(`${file}: has no CS formulas to recalculate`);

  const definedNames = namedFormulas(pkg, context);
  const engine = new LiveWorkbook({
    catalog,
    assumptions,
    sheets: pkg.sheets.filter((s) => s.part !== undefined).map((s) => s.name),
    names: definedNames.names,
  });
  const gaps = new EngineGaps(engine, definedNames.names, definedNames.unreadable);
  const kept: KeptFormula[] = [];
  const edits = new Map<SheetState, { start: number; end: number; text: string }[]>();
  let ours: Ours[] = [];
  const changed: { sheet: string; row: number; col: number }[] = [];
  try {
    engine.setSheets(engineContent(states));
    const byName = new Map(states.map((s) => [s.name, s]));
    const at = (c: FileCell): CellAt => ({
      sheet: c.sheet,
      row: c.xml.row - 1,
      col: c.xml.col - 1,
    });
    // Ours: the CS formulas and every formula that depends on one.
    const ourKeys = new Set(csCells.map((c) => `${c.sheet}!${key(c.xml.row, c.xml.col)}`));
    for (const d of engine.dependents(csCells.map(at)))
      ourKeys.add(`${d.sheet}!${key(d.row + 1, d.col + 1)}`);
    const others: { at: CellAt; content: RawCellContent }[] = [];
    for (const state of states)
      for (const cell of state.cells.values()) {
        if (cell.formula === undefined) continue;
        if (ourKeys.has(`${state.name}!${key(cell.xml.row, cell.xml.col)}`))
          ours.push({ cell, at: at(cell) });
        else if (cell.engineFormula !== undefined) others.push(...savedContents(cell, state));
      }
    // Everything else is an input with the value Excel saved.
    engine.setCells(others);
    // A formula of ours the engine cannot evaluate as Excel would keeps its saved value; what
    // depends on it then reads that value. Repeat until nothing more is set aside.
    for (let round = 0; round < 20; round++) {
      gaps.refreshNames();
      const putBack: { at: CellAt; content: RawCellContent }[] = [];
      const remaining: Ours[] = [];
      for (const item of ours) {
        const state = byName.get(item.cell.sheet)!;
        const reason =
          item.cell.engineFormula === undefined
            ? (item.cell.untranslatable ?? "the engine cannot read it")
            : (item.cell.unreliable ??
              gaps.reason(item.cell.engineFormula, item.cell.sheet) ??
              limitReason(engine, item.cell, state));
        if (reason === undefined) {
          remaining.push(item);
          continue;
        }
        kept.push({
          cell: `${item.cell.sheet}!${a1(item.cell.xml.row, item.cell.xml.col)}`,
          reason,
        });
        if (item.cell.engineFormula !== undefined) putBack.push(...savedContents(item.cell, state));
      }
      ours = remaining;
      if (putBack.length === 0) break;
      engine.setCells(putBack);
    }
    for (const { cell } of ours) {
      const state = byName.get(cell.sheet)!;
      for (const [r, c] of cellsIn(areaOf(cell))) {
        const target = state.cells.get(key(r, c));
        if (target === undefined) continue; // blank in the engine too (checked in limitReason)
        const value = toCached(engine.value({ sheet: state.name, row: r - 1, col: c - 1 }));
        if (sameValue(value, target.saved)) continue;
        changed.push({ sheet: state.name, row: r, col: c });
        if (!edits.has(state)) edits.set(state, []);
        edits.get(state)!.push({
          start: target.xml.start,
          end: target.xml.end,
          text: patchedCell(state.text, target.xml, value),
        });
      }
    }
  } finally {
    engine.destroy();
  }
  let changedCells = 0;
  for (const [state, list] of edits) {
    changedCells += list.length;
    pkg.zip.file(state.part, applyEdits(state.text, list));
  }
  const written = await pkg.zip.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
  await writeAtomically(output, written);
  const computed = ours.length;
  const csComputed = ours.filter((o) => o.cell.isCs).length;
  return {
    csFormulas: csComputed,
    otherFormulas: computed - csComputed,
    changedCells,
    kept,
    stalePivots: stalePivots(pkg, changed),
    output,
    placement,
  };
}

/** Where a pivot table's cache was read from: a sheet's range, a table, or a defined name's range. */
function pivotSource(
  pkg: WorkbookPackage,
  source: NonNullable<PivotTable["source"]>
): { sheet: string; area: Area } | undefined {
  if (source.sheet !== undefined && source.ref !== undefined) {
    const area = parseRange(source.ref.replace(/\$/g, ""));
    return area ? { sheet: source.sheet, area } : undefined;
  }
  if (source.name === undefined) return undefined;
  const wanted = source.name.toLowerCase();
  const table = pkg.tables.find((t) => t.name.toLowerCase() === wanted);
  if (table) return { sheet: table.sheet, area: table };
  const name = pkg.names.find((n) => n.name.toLowerCase() === wanted && n.sheet === undefined);
  const m = name
    ? /^(?:'((?:[^']|'')+)'|([^'!]+))!([$A-Za-z0-9:]+)$/.exec(name.formula.trim())
    : null;
  if (!m) return undefined;
  const area = parseRange(m[3].replace(/\$/g, ""));
  return area ? { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], area } : undefined;
}

/**
 * Pivot tables whose source holds a cell recalc changed: Excel does not
 * refresh a pivot's cache on open, so they show the old figures until
 * refreshed. One whose source cannot be placed is named too (it may).
 */
function stalePivots(
  pkg: WorkbookPackage,
  changed: readonly { sheet: string; row: number; col: number }[]
): string[] {
  if (changed.length === 0) return [];
  const out: string[] = [];
  for (const pivot of pkg.pivotTables) {
    if (pivot.source === undefined) continue; // not from a worksheet (an external source)
    const from = pivotSource(pkg, pivot.source);
    const inside =
      from === undefined ||
      changed.some(
        (c) =>
          c.sheet.toLowerCase() === from.sheet.toLowerCase() &&
          c.row >= from.area.top &&
          c.row <= from.area.bottom &&
          c.col >= from.area.left &&
          c.col <= from.area.right
      );
    if (!inside) continue;
    const described =
      pivot.source.sheet !== undefined && pivot.source.ref !== undefined
        ? `${pivot.source.sheet}!${pivot.source.ref}`
        : (pivot.source.name ?? "?");
    out.push(`${pivot.sheet}: ${pivot.name} (from ${described})`);
  }
  return out;
}

const KEPT_SHOWN = 10;

export function renderRecalc(result: RecalcResult): string[] {
  const where =
    result.placement === "beside"
      ? `wrote ${result.output} (beside the input, which is unchanged; -o names another file, --in-place overwrites the input)`
      : result.placement === "in-place"
        ? `updated ${result.output} in place`
        : `wrote ${result.output}`;
  const lines = [
    `Recalculated ${fmt(result.csFormulas)} CS formulas and ${fmt(result.otherFormulas)} formulas that use them; ${fmt(result.changedCells)} cells changed; ${where}`,
  ];
  if (result.stalePivots.length > 0) {
    lines.push(
      `${fmt(result.stalePivots.length)} pivot tables summarise cells that changed and still show the old figures (a pivot keeps its own copy of its source); refresh them in Excel (Data > Refresh All):`
    );
    for (const p of result.stalePivots) lines.push(`  ${p}`);
  }
  if (result.kept.length > 0) {
    lines.push(
      `${fmt(result.kept.length)} formulas kept the value Excel saved (recalculate them in Excel):`
    );
    for (const k of result.kept.slice(0, KEPT_SHOWN)) lines.push(`  ${k.cell}: ${k.reason}`);
    if (result.kept.length > KEPT_SHOWN)
      lines.push(`  … and ${fmt(result.kept.length - KEPT_SHOWN)} more`);
  }
  return lines;
}
