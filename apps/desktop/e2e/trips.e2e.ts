import type { Page } from 'playwright-core';
import type { HotelDetail, HotelList, Trip } from '@tripdesk/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, AGENT, useTripdesk } from './fixtures.ts';
import { AppShell } from './page-models/app-shell.ts';
import { SearchPage } from './page-models/search-page.ts';
import { SignInPage } from './page-models/sign-in-page.ts';
import { TripsPage } from './page-models/trips-page.ts';
import { shot } from './screenshots.ts';

/**
 * Finding a trip and moving between screens by address: the agent finds a sold trip by its invoice
 * number, its destination and its dates; Back and Forward move between Search, Trips and the trip; and a
 * trip's address opened in a fresh window shows the trip after sign-in.
 */

/** `YYYY-MM-DD`, `days` after today in UTC (the dates are built from today: the spec runs on any day). */
function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('finding trips and their addresses, against the real server', () => {
  const run = useTripdesk();
  let page: Page;
  let shell: AppShell;
  let trips: TripsPage;
  let sold: Trip;

  beforeAll(async () => {
    // A paid London stay three weeks out, sold by the agent, and an open trip beside it.
    const admin = await run.api(ADMIN);
    const london = await admin.get<HotelList>('/api/hotels?city=London');
    const hotel = await admin.get<HotelDetail>(`/api/hotels/${london.items[0]!.id}`);
    const agent = await run.api(AGENT);
    ({ trip: sold } = await agent.bookStay('Katherine Johnson', hotel.roomTypes[0]!.id, dateIn(21), 2));
    await agent.post('/api/trips', { customer: { name: 'Dorothy Vaughan', email: 'dorothy@example.com' } });
    page = await run.openSignedIn(AGENT);
    shell = new AppShell(page);
    trips = new TripsPage(page);
  });

  it('finds the trip by invoice number, with its travel dates and destination', async () => {
    await new SearchPage(page).heading.waitFor();
    expect(new URL(page.url()).hash).toBe('#/search');
    await shell.goTo('Trips');
    await trips.table.waitFor();
    expect(new URL(page.url()).hash).toBe('#/trips');
    const invoice = sold.payment!.invoiceNumber;
    await trips.searchFor(invoice);
    await expect.poll(() => trips.customers()).toEqual(['Katherine Johnson']);
    const row = trips.rows.first();
    expect(await row.textContent()).toContain(invoice);
    expect(await row.locator('td').nth(3).textContent()).toBe(hotelCity(sold));
    expect(await row.locator('td').nth(2).textContent()).not.toBe('—');
    expect(await trips.pager.textContent()).toContain('1–1 of 1');
    await shot(page, 'trips-found-by-invoice');
  });

  it('filters by destination and dates, and says when nothing matches', async () => {
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await trips.destination.fill('nowhere-city');
    await page.getByText(/^No trip matches\./).waitFor();
    await trips.destination.fill(hotelCity(sold).slice(0, 4));
    await trips.travelFrom.fill(dateIn(22));
    await expect.poll(() => trips.customers()).toEqual(['Katherine Johnson']);
    await trips.travelFrom.fill(dateIn(40));
    await page.getByText(/^No trip matches\./).waitFor();
    await shot(page, 'trips-no-match');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => trips.customers()).toEqual(['Dorothy Vaughan', 'Katherine Johnson']);
  });

  it('moves between Search, Trips and a trip with Back and Forward', async () => {
    await shell.goTo('Search');
    await new SearchPage(page).heading.waitFor();
    await shell.goTo('Trips');
    await trips.open('Katherine Johnson', 'Paid');
    await trips.detailHeading('Katherine Johnson').waitFor();
    expect(new URL(page.url()).hash).toBe(`#/trips/${sold.id}`);
    await page.goBack();
    await trips.table.waitFor();
    expect(new URL(page.url()).hash).toBe('#/trips');
    await page.goBack();
    await new SearchPage(page).heading.waitFor();
    expect(new URL(page.url()).hash).toBe('#/search');
    await page.goForward();
    await trips.table.waitFor();
    expect(await shell.section('Trips').getAttribute('aria-current')).toBe('page');
  });

  it('opens a trip from its address in a fresh window, after sign-in', async () => {
    const fresh = await run.openPage();
    await fresh.goto(`/#/trips/${sold.id}`);
    const signIn = new SignInPage(fresh);
    await signIn.heading.waitFor();
    await signIn.submit(AGENT.email, AGENT.password);
    const detail = new TripsPage(fresh);
    await detail.detailHeading('Katherine Johnson').waitFor();
    await detail.copyLink.waitFor();
    expect(new URL(fresh.url()).hash).toBe(`#/trips/${sold.id}`);
    await shot(fresh, 'trip-opened-from-link');
  });

  it('logged no errors in any page', () => {
    expect(run.errors).toEqual([]);
  });
});

function hotelCity(trip: Trip): string {
  const stay = trip.items.find((i) => i.type === 'hotel');
  return stay && 'hotelCity' in stay && stay.hotelCity ? stay.hotelCity : 'London';
}
