/**
 * The accounts of a plan built in an earlier session, read back from its CS
 * Accounts sheet when the pane opens, so the impact of a draft shows before
 * Apply without building again. Only the builder's CS ACV column is read
 * (the amounts the plan's formulas use), a chunk of rows at a time within
 * Excel on the web's limits.
 */
import { SHEETS } from "../plan/layout";
import { readRowChunks } from "./excel-limits";

/** The builder's CS ACV header: "CS ACV", "CS ACV in EUR", "CS ACV (MRR x 12)", "CS ACV (TCV x 12 / term)". */
const CS_ACV_HEADER = /^CS ACV(?: in ([A-Z]{3}))?(?: \((?:MRR x 12|TCV x 12 \/ term)\))?$/;

/**
 * The column of the CS ACV header in a header row, when it is in the plan
 * currency (a plan built in another currency says nothing about this one);
 * the last such column, since the builder's columns follow the export's.
 */
export function csAcvColumn(headers: readonly unknown[], currency: string): number | null {
  for (let c = headers.length - 1; c >= 0; c--) {
    const match = CS_ACV_HEADER.exec(String(headers[c] ?? "").trim());
    if (match) return (match[1] ?? "USD") === currency ? c : null;
  }
  return null;
}

/**
 * The ACVs of the plan in the workbook (its CS Accounts sheet), or null when
 * there is no plan, no CS ACV column in the plan currency, or no account.
 * Blank and non-number cells are not accounts (the plan never writes them).
 */
export async function readPlanAccounts(
  context: Excel.RequestContext,
  currency: string
): Promise<Float64Array | null> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(SHEETS.accounts);
  sheet.load("name");
  await context.sync();
  if (sheet.isNullObject) return null;
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowCount, columnCount");
  await context.sync();
  if (used.isNullObject || used.rowCount < 2) return null;
  const header = used.getCell(0, 0).getResizedRange(0, used.columnCount - 1);
  header.load("values");
  await context.sync();
  const column = csAcvColumn(header.values[0] ?? [], currency);
  if (column === null) return null;
  const acvs: number[] = [];
  await readRowChunks(
    context,
    {
      rows: used.rowCount - 1,
      cols: 1,
      range: (start, count) => used.getCell(1 + start, column).getResizedRange(count - 1, 0),
    },
    ["values"],
    (_start, [values]) => {
      for (const [value] of values)
        if (typeof value === "number" && Number.isFinite(value)) acvs.push(value);
    }
  );
  return acvs.length > 0 ? Float64Array.from(acvs) : null;
}
