/**
 * The workbook's stored assumptions, through Excel's workbook settings
 * (ExcelApi 1.4): they travel inside the .xlsx, so whoever opens the file
 * gets the same assumptions. Written only on an explicit Apply, because
 * changing settings can clear Excel's undo stack.
 */
import { KEPT_SETTING, STORE_SETTING } from "../core/assumptions/workbook-store";

/** The stored value (usually the store's JSON text), or null when there is none. */
export async function readStoredSetting(context: Excel.RequestContext): Promise<unknown> {
  const item = context.workbook.settings.getItemOrNullObject(STORE_SETTING);
  item.load("value");
  await context.sync();
  return item.isNullObject ? null : (item.value as unknown);
}

/**
 * Saves the store. `keepOriginal` is what the workbook held when it could not
 * be read: it goes to a second setting first, in the same batch, so
 * replacing an unreadable store never destroys it.
 */
export async function writeStoredSetting(
  context: Excel.RequestContext,
  text: string,
  keepOriginal: string | null
): Promise<void> {
  const settings = context.workbook.settings;
  if (keepOriginal !== null) settings.add(KEPT_SETTING, keepOriginal);
  settings.add(STORE_SETTING, text);
  await context.sync();
}
