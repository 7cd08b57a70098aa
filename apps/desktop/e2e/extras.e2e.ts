import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, type HotelDetail, type Trip } from '@tripdesk/shared';
import { ADMIN, AGENT, DESK, useTripdesk } from './fixtures.ts';
import { AppShell } from './page-models/app-shell.ts';
import { InventoryPage } from './page-models/inventory-page.ts';
import { HoldDialog, SearchPage } from './page-models/search-page.ts';
import { SignInPage } from './page-models/sign-in-page.ts';
import { shot } from './screenshots.ts';
import { hotelToday } from './server-api.ts';

/**
 * A hotel's own extras and taxes: the admin replaces the built-in extras with the hotel's (a spa pass per
 * guest) and adds a city tax per guest per night in Inventory; the agent's search shows both with their
 * prices, and the hold prices the extra chosen and adds the tax.
 */
describe('a hotel’s own extras and taxes, set by the admin, sold by the agent', () => {
  const run = useTripdesk();
  let hotel: HotelDetail;
  let checkIn: string;

  beforeAll(async () => {
    const agent = await run.api(AGENT);
    const desk = await run.api(DESK);
    hotel = await agent.hotel(desk.user.hotelId!);
    checkIn = addDays(hotelToday(hotel), 12);
  });

  it('replaces the built-in extras with the hotel’s own in Inventory', async () => {
    const page: Page = await run.openPage();
    await new SignInPage(page).signInAs(ADMIN);
    await new AppShell(page).goTo('Inventory');
    const inventory = new InventoryPage(page);
    await inventory.findHotels(hotel.city);
    await inventory.openHotel(hotel.name);
    const editor = page.getByRole('form', { name: `Extras sold with ${hotel.name}` });
    await editor.getByRole('table').waitFor();
    // Breakfast stays; late check-out goes; a spa pass per guest comes.
    await editor.getByRole('button', { name: /^Remove Late check-out/ }).click();
    await editor.getByRole('button', { name: 'Add extra' }).click();
    await editor.getByLabel('Extra 2 code').fill('spa');
    await editor.getByLabel('Extra 2 name').fill('Spa pass');
    await editor.getByLabel('Extra 2: one unit is').selectOption({ label: 'per guest, once' });
    await editor.getByLabel('Extra 2 price').fill('35');
    await shot(page, 'admin-hotel-extras');
    await editor.getByRole('button', { name: 'Save extras' }).click();
    await editor.getByText('Saved: 2 extras on sale from now.').waitFor();
    const api = await run.api(ADMIN);
    const saved = await api.get<{ custom: boolean; items: { code: string }[] }>(
      `/api/hotels/${hotel.id}/extras`,
    );
    expect(saved.custom).toBe(true);
    expect(saved.items.map((e) => e.code)).toEqual(['breakfast', 'spa']);

    const taxes = page.getByRole('form', { name: `Taxes and fees of ${hotel.name}` });
    await taxes.getByRole('button', { name: 'Add tax or fee' }).click();
    await taxes.getByLabel('Tax 1 code').fill('city_tax');
    await taxes.getByLabel('Tax 1 name').fill('City tax');
    await taxes.getByLabel('Tax 1 kind').selectOption({ label: 'Fixed fee' });
    await taxes.getByLabel('Tax 1 fee').fill('3.50');
    await taxes.getByLabel('Tax 1 counts').selectOption({ label: 'per guest per night' });
    await shot(page, 'admin-hotel-taxes');
    await taxes.getByRole('button', { name: 'Save taxes' }).click();
    await taxes.getByText('Saved: 1 tax or fee, quoted from now on.').waitFor();
  });

  it('offers them in the agent’s search and prices the one chosen on the hold', async () => {
    const page: Page = await run.openPage();
    await new SignInPage(page).signInAs(AGENT);
    const search = new SearchPage(page);
    await search.heading.waitFor();
    const results = await search.findHotels({
      city: hotel.city,
      checkIn,
      checkOut: addDays(checkIn, 2),
      guests: 2,
    });
    const row = results.getByRole('row').filter({ hasText: hotel.name }).first();
    await row.getByText(/Spa pass/).waitFor();
    // Two guests, two nights: 4 × $3.50, said before the hold.
    await row.getByText('+ $14.00 taxes and fees (City tax $14.00)').waitFor();
    await row.getByRole('button', { name: /^Hold / }).click();
    const dialog = new HoldDialog(page, 'Hold a room');
    await dialog.root.getByLabel('Customer name').fill('Sara Spa');
    await dialog.root.getByLabel('Customer email').fill('sara@example.com');
    await dialog.root.getByLabel('Spa pass').fill('2');
    await dialog.root.getByText(/\$35\.00 each, per guest/).waitFor();
    await shot(page, 'agent-hold-hotel-extras');
    await dialog.confirm('Open trip and hold room');
    const agent = await run.api(AGENT);
    const { items } = await agent.get<{ items: Trip[] }>('/api/trips?limit=1');
    const stay = items[0]!.items[0]!;
    expect(stay.extras).toEqual([
      { code: 'spa', name: 'Spa pass', price: { amount: 3500, currency: stay.price.currency }, quantity: 2 },
    ]);
    expect(stay.taxes).toEqual([
      {
        code: 'city_tax',
        name: 'City tax',
        amount: { amount: 1400, currency: stay.price.currency },
        included: false,
      },
    ]);
  });

  it('logged no errors in the browser', () => {
    expect(run.errors).toEqual([]);
  });
});
