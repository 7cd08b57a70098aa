import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FlightItem, Trip } from '@tripdesk/shared';
import { AGENT, useTripdesk } from './fixtures.ts';
import { dateOf } from './page-models/date-field.ts';
import { focusedName } from './page-models/keyboard.ts';
import { HoldDialog, SearchPage } from './page-models/search-page.ts';
import { SignInPage } from './page-models/sign-in-page.ts';
import { TripBuilderPanel } from './page-models/trip-builder-panel.ts';
import { shot } from './screenshots.ts';

/**
 * A round trip sold as an agency desk sells one: New York to London and back in one search, the
 * outbound and the return held on the same trip for the same two travellers, one payment deadline;
 * then the hotel and the car searches offer the nights between the two flights.
 */

function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The caption of the table the focused element is in: which list the keyboard is in. */
function focusedTable(page: Page): Promise<string> {
  return page.evaluate(
    () => document.activeElement?.closest('table')?.querySelector('caption')?.textContent ?? '',
  );
}

describe('a round trip in one search', () => {
  const run = useTripdesk();
  let page: Page;
  let search: SearchPage;
  let trip: TripBuilderPanel;
  const out = dateIn(20);
  const home = dateIn(27);

  beforeAll(async () => {
    page = await run.openPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    search = new SearchPage(page);
    trip = new TripBuilderPanel(page);
    await new SignInPage(page).signInAs(AGENT);
    await search.heading.waitFor();
  });

  it('opens the trip for two travellers in the basket', async () => {
    const form = trip.root.getByRole('form', { name: 'New trip' });
    await form.getByLabel('Customer name').fill('Ruth Lee');
    await form.getByLabel('Customer email').fill('ruth.lee@example.com');
    await form.getByLabel('Lead traveller name').press('Enter');
    await page.keyboard.type('Sam Lee');
    await form.getByRole('button', { name: 'Open trip' }).click();
    await trip.root.getByRole('region', { name: 'Travellers (2)' }).waitFor();
  });

  it('searches New York to London out and back at once: two lists, each with its route and day', async () => {
    await search.tab('Flights').click();
    // A round trip unless the agent says one-way; two travellers, two seats.
    expect(await search.tripType('Round trip').isChecked()).toBe(true);
    expect(await search.flightForm.getByLabel('Passengers').inputValue()).toBe('2');
    const { outbound, back } = await search.findRoundTrip('JFK', 'LHR', { date: out, returnDate: home });
    await outbound.waitFor();
    await back.waitFor();
    expect(await page.getByRole('heading', { name: /^Outbound JFK → LHR/ }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: /^Return LHR → JFK/ }).isVisible()).toBe(true);
    // The same columns and terms in both.
    for (const table of [outbound, back]) {
      expect(await table.locator('thead th').allTextContents()).toEqual([
        'Flight',
        'Departs (local)',
        'Arrives (local)',
        'Fare class',
        'Free',
        'Per seat',
        'Total × 2',
        'Terms',
        'Seats',
      ]);
    }
    // The return leaves London on its own day.
    expect(await back.getByRole('row').nth(1).getByRole('cell').nth(1).textContent()).toMatch(
      /^\d\d:\d\d LHR/,
    );
    // The return date cannot come before the departure.
    expect(await dateOf(search.returnDate)).toBe(home);
    await shot(page, 'agent-round-trip', { fullPage: false });
    await page.getByRole('heading', { name: /^Return LHR → JFK/ }).scrollIntoViewIfNeeded();
    await shot(page, 'agent-round-trip-return', { fullPage: false });
  });

  it('holds the outbound, and the keyboard is in the return list for the return', async () => {
    const outbound = page.getByRole('table', { name: /Flights from JFK to LHR/ });
    await outbound
      .getByRole('button', { name: /Choose seats on .*, Economy/ })
      .first()
      .click();
    const seats = new HoldDialog(page, /Choose seats · .* \(outbound\)$/);
    await seats.root.waitFor();
    expect(await seats.field('Passenger 1').locator('option:checked').textContent()).toBe('Ruth Lee');
    expect(await seats.field('Passenger 2').locator('option:checked').textContent()).toBe('Sam Lee');
    await seats.confirm('Hold seats');
    await expect.poll(() => trip.heldItems.count()).toBe(1);
    // Focus is on the return list's first fare; Enter opens its seats.
    await expect.poll(() => focusedTable(page)).toMatch(/^Flights from LHR to JFK/);
    expect(await focusedName(page)).toMatch(/^Choose seats on /);
    await page
      .getByRole('status')
      .filter({ hasText: /^Held outbound / })
      .waitFor();
    expect(
      await page
        .getByRole('status')
        .filter({ hasText: /^Held outbound / })
        .textContent(),
    ).toMatch(/^Held outbound \w+ JFK → LHR on the trip\. Now the return, LHR → JFK on .+\.$/);
    // Economy is not always first: the keyboard moves to the return's first Economy fare.
    for (let i = 0; i < 8 && !/, Economy$/.test(await focusedName(page)); i++)
      await page.keyboard.press('Tab');
    expect(await focusedName(page)).toMatch(/, Economy$/);
    await page.keyboard.press('Enter');
    const back = new HoldDialog(page, /Choose seats · .* LHR → JFK \(return\)$/);
    await back.root.waitFor();
    // The same passengers as the outbound, without choosing them again.
    expect(await back.root.getByText(/^As on \w+ JFK → LHR, in the same order\.$/).isVisible()).toBe(true);
    expect(await back.field('Passenger 1').locator('option:checked').textContent()).toBe('Ruth Lee');
    expect(await back.field('Passenger 2').locator('option:checked').textContent()).toBe('Sam Lee');
    await shot(page, 'agent-round-trip-return-seats');
    await back.confirm('Hold seats');
    await expect.poll(() => trip.heldItems.count()).toBe(2);
    // Each list marks the fare the trip holds.
    expect(await page.getByText('On the trip', { exact: true }).count()).toBe(2);
    await shot(page, 'agent-round-trip-held', { fullPage: false });
  });

  it('is one trip: two flights in opposite directions, the same passengers, one deadline', async () => {
    const api = await run.api(AGENT);
    const { items } = await api.call<{ items: Trip[] }>('GET', '/api/trips?limit=1');
    const sold = await api.call<Trip>('GET', `/api/trips/${items[0]!.id}`);
    expect(sold.customer.name).toBe('Ruth Lee');
    const flights = sold.items.filter((i): i is FlightItem => i.type === 'flight');
    expect(flights).toHaveLength(2);
    const [there, back] = flights.sort((a, b) => Date.parse(a.departureAt!) - Date.parse(b.departureAt!));
    expect([there!.from, there!.to, back!.from, back!.to]).toEqual(['JFK', 'LHR', 'LHR', 'JFK']);
    expect(there!.departureAt!.slice(0, 10)).toBe(out);
    expect(back!.departureAt!.slice(0, 10)).toBe(home);
    const who = (f: FlightItem) => f.passengers.map((p) => p.travellerId);
    expect(who(there!)).toEqual((sold.travellers ?? []).map((t) => t.id));
    expect(who(back!)).toEqual(who(there!));
    expect(flights.every((f) => f.status === 'held')).toBe(true);
    // One deadline: the trip's is the first hold's end, and the basket says that one.
    const ends = flights.map((f) => Date.parse(f.holdExpiresAt!));
    expect(Date.parse(sold.holdExpiresAt!)).toBe(Math.min(...ends));
    expect(await trip.payBy.count()).toBe(1);
    const payBy = await page.evaluate(
      (at) =>
        new Intl.DateTimeFormat(undefined, {
          hour: '2-digit',
          minute: '2-digit',
          timeZoneName: 'short',
        }).format(Date.parse(at)),
      sold.holdExpiresAt!,
    );
    expect(await trip.payBy.textContent()).toContain(`Pay by ${payBy}`);
  });

  it('offers the hotel and the car for the nights between the two flights', async () => {
    const api = await run.api(AGENT);
    const { items } = await api.call<{ items: Trip[] }>('GET', '/api/trips?limit=1');
    const flights = items[0]!.items.filter((i): i is FlightItem => i.type === 'flight');
    const there = flights.find((f) => f.from === 'JFK')!;
    const back = flights.find((f) => f.from === 'LHR')!;
    await search.tab('Hotels').click();
    await expect.poll(() => search.hotelForm.getByLabel('City').inputValue()).toBe('London');
    expect(await dateOf(search.hotelForm.getByLabel('Check-in'))).toBe(there.arrivalAt!.slice(0, 10));
    expect(await dateOf(search.hotelForm.getByLabel('Check-out'))).toBe(back.departureAt!.slice(0, 10));
    await search.tab('Cars').click();
    await expect.poll(() => search.rentalStation.inputValue()).toMatch(/^LHR/);
    expect(await dateOf(search.pickUp)).toBe(there.arrivalAt!.slice(0, 10));
    expect(await dateOf(search.dropOff)).toBe(back.departureAt!.slice(0, 10));
  });

  it('logged no errors in the browser', () => {
    expect(run.errors).toEqual([]);
  });
});
