/**
 * A headless spreadsheet that evaluates CS formulas: HyperFormula (a real,
 * Excel-compatible formula engine) with the CS functions registered from the
 * catalog, over one sheet of data.
 */
import {
  CellError,
  ConfigParams,
  DetailedCellError,
  EmptyValue,
  HyperFormula,
  SerializedNamedExpression,
} from "hyperformula";
import { Assumptions } from "../core/assumptions/types";
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from "../core/values";
import { useAssumptions } from "../functions/host";
import { Catalog } from "./catalog";
import { excelStringLiterals, lowercaseExponents } from "./formula-pieces";
import { excelErrorCode, registerCsFunctions } from "./plugin";

export type EngineScalar = number | string | boolean | null | EngineError;
export type EngineValue = EngineScalar | EngineScalar[][];

export interface EngineError {
  error: string;
  message: string;
}

export type SheetInput = (number | string | boolean | null)[][];

export interface EngineOptions {
  catalog: Catalog;
  assumptions: Assumptions;
  /** The data sheet the formulas see (already typed; text is stored as text). */
  sheet?: SheetInput;
  /** Its name, for formulas that name it (Accounts!B2:B9); "Data" by default. */
  sheetName?: string;
}

export const DATA_SHEET = "Data";

function toEngineError(error: DetailedCellError | CellError): EngineError {
  const code = error instanceof DetailedCellError ? error.value : excelErrorCode(error.type);
  return { error: code, message: error.message ?? "" };
}

/** A value HyperFormula holds, exactly as held (errors keep their message; a blank is null). */
export function toExactScalar(value: unknown): EngineScalar {
  if (value instanceof DetailedCellError || value instanceof CellError) return toEngineError(value);
  if (value === undefined || value === null || value === EmptyValue) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  return { error: "#VALUE!", message: "The engine returned a value it cannot show." };
}

/** A value HyperFormula computed -> what the CLI prints or writes (errors keep their message). */
export function toScalar(value: unknown): EngineScalar {
  const exact = toExactScalar(value);
  // Excel keeps 15 significant digits; so do we, so 0.45 + 0.34 + 0.18 shows as 0.97.
  return typeof exact === "number" ? Number(exact.toPrecision(15)) + 0 : exact;
}

/**
 * HyperFormula set up as Microsoft Excel (en-US) behaves, following
 * HyperFormula's guide "Compatibility with Microsoft Excel", setting by
 * setting. Two settings differ from the guide, on purpose:
 * - smartRounding off: the engine's 10-digit output rounding would hide
 *   digits Excel shows; numbers are shown with Excel's 15 significant digits
 *   instead (toScalar).
 * - evaluateNullToZero off: a CS function's blank result (Excel shows the
 *   empty text "" it returns) would become 0. The price is that `=A5` of an
 *   empty cell is blank here where Excel shows 0; recalc never recomputes
 *   such a formula unless it depends on a CS result.
 * Excel's sheet size, not the engine's default of 40,000 rows: exports are bigger.
 */
export const EXCEL_COMPATIBLE_CONFIG: Partial<ConfigParams> = {
  licenseKey: "gpl-v3",
  // String comparison: case-insensitive, accent-sensitive, punctuation counts.
  caseSensitive: false,
  accentSensitive: true,
  ignorePunctuation: false,
  localeLang: "en-US",
  // Criteria (SUMIF, COUNTIF...): wildcards, no regular expressions, whole cells.
  useWildcards: true,
  useRegularExpressions: false,
  matchWholeCell: true,
  useArrayArithmetic: true,
  ignoreWhiteSpace: "any",
  evaluateNullToZero: false,
  // The 1900 date system with Lotus's leap-year bug: serial 60 is 29 Feb 1900, 61 is 1 Mar 1900.
  leapYear1900: true,
  nullDate: { year: 1899, month: 12, day: 31 },
  smartRounding: false,
  // en-US separators and the text Excel reads as a date, time or amount.
  functionArgSeparator: ",",
  decimalSeparator: ".",
  thousandSeparator: "",
  arrayColumnSeparator: ",",
  arrayRowSeparator: ";",
  dateFormats: ["MM/DD/YYYY", "MM/DD/YY", "YYYY/MM/DD"],
  timeFormats: ["hh:mm", "hh:mm:ss.sss"],
  currencySymbol: ["$", "USD"],
  nullYear: 30,
  maxRows: EXCEL_MAX_ROWS,
  maxColumns: EXCEL_MAX_COLUMNS,
};

/** Excel's TRUE and FALSE keywords: HyperFormula has only the functions TRUE() and FALSE(). */
export const EXCEL_CONSTANTS: SerializedNamedExpression[] = [
  { name: "TRUE", expression: "=TRUE()" },
  { name: "FALSE", expression: "=FALSE()" },
];

/**
 * Excel in languages with a decimal comma shows formulas with ";" between
 * arguments (=CS.VARIABLE_PAYOUT(0,95; 1,12; 0,9)); the engine reads them as
 * English Excel stores them. A ";" outside text and array constants (where
 * it separates rows) is that case.
 */
function separatorHint(formula: string): string {
  let quoted = false;
  let braces = 0;
  for (const ch of formula) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === "{") braces++;
    else if (ch === "}") braces = Math.max(0, braces - 1);
    else if (ch === ";" && braces === 0)
      return "Write it as English Excel does: commas between arguments and a point in decimals (=CS.VARIABLE_PAYOUT(0.95, 1.12, 0.9), not =CS.VARIABLE_PAYOUT(0,95; 1,12; 0,9))";
  }
  return "";
}

export class CsEngine {
  private readonly hf: HyperFormula;
  private readonly sheetId: number;

  constructor(options: EngineOptions) {
    registerCsFunctions(options.catalog);
    useAssumptions(options.assumptions);
    const name = options.sheetName ?? DATA_SHEET;
    this.hf = HyperFormula.buildFromSheets(
      { [name]: options.sheet ?? [] },
      EXCEL_COMPATIBLE_CONFIG,
      EXCEL_CONSTANTS
    );
    const id = this.hf.getSheetId(name);
    if (id === undefined) throw new Error("The data sheet was not created.");
    this.sheetId = id;
  }

  /** Evaluates one formula ("=CS.TIER(A2)") against the data sheet. */
  evaluate(formula: string): EngineValue {
    const trimmed = excelStringLiterals(lowercaseExponents(formula.trim()));
    const text = trimmed.startsWith("=") ? trimmed : `=${trimmed}`;
    let value: unknown;
    try {
      value = this.hf.calculateFormula(text, this.sheetId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const hint = separatorHint(text);
      return {
        error: "#ERROR!",
        message: `The formula could not be read: ${message}${hint === "" ? "" : `. ${hint}`}`,
      };
    }
    if (Array.isArray(value)) return value.map((row: unknown[]) => row.map(toScalar));
    return toScalar(value);
  }

  destroy(): void {
    this.hf.destroy();
  }
}

/** Sheets by name, each a grid of HyperFormula input ("=..." formulas; text already quoted). */
export type WorkbookInput = Record<string, SheetInput>;

/**
 * A whole workbook in the engine: several named sheets whose formulas refer
 * to each other ('CS Accounts'!$F$2:$F$101), spills included. Used to compute
 * the cached values written with a plan or by recalc.
 */
export class CsWorkbookEngine {
  private readonly hf: HyperFormula;

  constructor(options: { catalog: Catalog; assumptions: Assumptions; sheets: WorkbookInput }) {
    registerCsFunctions(options.catalog);
    useAssumptions(options.assumptions);
    this.hf = HyperFormula.buildFromSheets(
      options.sheets,
      EXCEL_COMPATIBLE_CONFIG,
      EXCEL_CONSTANTS
    );
  }

  private sheetId(sheet: string): number {
    const id = this.hf.getSheetId(sheet);
    if (id === undefined) throw new Error(`The engine has no sheet ${sheet}.`);
    return id;
  }

  /** The value of one cell (0-based). */
  value(sheet: string, row: number, col: number): EngineScalar {
    return toScalar(this.hf.getCellValue({ sheet: this.sheetId(sheet), row, col }));
  }

  /** The values of a block of cells (0-based top-left corner). */
  values(sheet: string, row: number, col: number, rows: number, cols: number): EngineScalar[][] {
    const id = this.sheetId(sheet);
    const raw = this.hf.getRangeValues({
      start: { sheet: id, row, col },
      end: { sheet: id, row: row + rows - 1, col: col + cols - 1 },
    });
    return raw.map((line) => line.map(toScalar));
  }

  destroy(): void {
    this.hf.destroy();
  }
}
