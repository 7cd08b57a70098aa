import type { Locator } from 'playwright-core';

/**
 * An airport field as a clerk uses it: types part of a code, city or name, moves down the list with the
 * arrow keys to the airport wanted and takes it with Enter.
 */
export async function pickAirport(field: Locator, typed: string, code: string): Promise<void> {
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(typed);
  const listId = await field.getAttribute('aria-controls');
  const list = field.page().locator(`[id="${listId}"]`);
  await list.getByRole('option', { name: new RegExp(`^${code}`) }).waitFor();
  for (let i = 0; i < 10; i++) {
    if ((await field.getAttribute('aria-activedescendant')) === `${listId}-${code}`) break;
    await field.press('ArrowDown');
  }
  await field.press('Enter');
  await list.waitFor({ state: 'hidden' });
}
