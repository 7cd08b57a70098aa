import type { Locator } from 'playwright-core';

/**
 * The app's date fields as a clerk uses them: the box shows its format as a placeholder
 * (`dd/mm/yyyy`, `mm/dd/yyyy`… the browser's locale decides), and takes the date typed in that order.
 */

async function pattern(field: Locator): Promise<string> {
  const format = await field.getAttribute('placeholder');
  if (!format || !/dd/.test(format) || !/mm/.test(format) || !/yyyy/.test(format)) {
    throw new Error(`Not a date field (placeholder "${format ?? ''}")`);
  }
  return format;
}

/** Types an ISO date into the field in the field's own order, then leaves it. */
export async function typeDate(field: Locator, date: string): Promise<void> {
  const [year, month, day] = date.split('-') as [string, string, string];
  const text = (await pattern(field)).replace('yyyy', year).replace('mm', month).replace('dd', day);
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(text);
  await field.blur();
}

/** The field's date as ISO `yyyy-mm-dd`, read back from what it shows ('' when it shows no date). */
export async function dateOf(field: Locator): Promise<string> {
  const format = await pattern(field);
  const shown = await field.inputValue();
  const at = (part: string) => shown.slice(format.indexOf(part), format.indexOf(part) + part.length);
  return shown.length === format.length ? `${at('yyyy')}-${at('mm')}-${at('dd')}` : '';
}
