import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AGENT, useTripdesk } from './fixtures.ts';
import { focusedName, tabTo } from './page-models/keyboard.ts';
import { HoldDialog, SearchPage } from './page-models/search-page.ts';
import { SeatMap } from './page-models/seat-map.ts';
import { SignInPage } from './page-models/sign-in-page.ts';
import { TripBuilderPanel } from './page-models/trip-builder-panel.ts';
import { shot } from './screenshots.ts';

/**
 * The basket beside Search on the laptop screens a desk has: at 1024 × 768 and 1366 × 768, with a
 * hotel, a flight and a car held, the current trip, every item in it and the Pay button stay on screen
 * while the clerk scrolls down long search results.
 */

const CUSTOMER = { name: 'Margaret Hamilton', email: 'margaret.hamilton@example.com' };

function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Where the element is, and whether all of it is inside the viewport. */
async function inView(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return (
    box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height
  );
}

describe('the basket stays in view on a laptop screen', () => {
  const run = useTripdesk();
  let page: Page;
  let search: SearchPage;
  let trip: TripBuilderPanel;
  const checkIn = dateIn(21);
  const checkOut = dateIn(24);

  beforeAll(async () => {
    page = await run.openPage();
    await page.setViewportSize({ width: 1024, height: 768 });
    search = new SearchPage(page);
    trip = new TripBuilderPanel(page);
  });

  it('holds a hotel, a flight and a car at 1024 px wide', async () => {
    await new SignInPage(page).signInAs(AGENT);
    await search.heading.waitFor();
    const hotels = await search.findHotels({ city: 'London', checkIn, checkOut, guests: 2 });
    await hotels
      .getByRole('button', { name: /^Hold / })
      .first()
      .click();
    const room = new HoldDialog(page, 'Hold a room');
    await room.customerName.fill(CUSTOMER.name);
    await room.customerEmail.fill(CUSTOMER.email);
    await room.field('Breakfast').fill('2');
    await room.field('Special requests (optional)').fill('Late arrival, around 23:00');
    await room.confirm('Open trip and hold room');

    await search.tab('Flights').click();
    const flights = await search.findFlights('JFK', 'LHR');
    await flights
      .getByRole('button', { name: /Choose seats on .*, Economy/ })
      .first()
      .click();
    const seats = new HoldDialog(page, /Choose seats/);
    await seats.field('Passenger 1 name').fill(CUSTOMER.name);
    const map = new SeatMap(seats.root, 'Economy');
    await map
      .seats(/^Seat \d+A, window, free$/)
      .first()
      .click();
    await seats.confirm('Hold seat');

    await search.tab('Cars').click();
    await search.rentalStation.selectOption('LHR-A');
    const cars = await search.findCars({ pickUp: checkIn, dropOff: checkOut });
    await cars
      .getByRole('button', { name: /^Hold car / })
      .first()
      .click();
    await new HoldDialog(page, 'Hold a car').confirm('Hold car');
    await expect.poll(() => trip.heldItems.count()).toBe(3);
  });

  for (const width of [1024, 1366]) {
    it(`keeps the trip, its three items and Pay on screen at ${width} × 768 while the results scroll`, async () => {
      await page.setViewportSize({ width, height: 768 });
      await search.tab('Hotels').click();
      const hotels = search.hotelResults('London');
      await hotels.waitFor();
      // Down to the last result: the page scrolls, far enough to take the top of the page away.
      const last = hotels.locator('tbody tr').last();
      await last.scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(150);
      expect(await inView(page, search.heading)).toBe(false);
      expect(await inView(page, last)).toBe(true);

      expect(await inView(page, trip.root.getByRole('heading', { name: 'Current trip' }))).toBe(true);
      expect(await inView(page, trip.root.getByText(CUSTOMER.name, { exact: true }))).toBe(true);
      const items = trip.root.getByRole('list', { name: 'Items of the trip' }).getByRole('listitem');
      const labels = await items.evaluateAll((els) =>
        els.filter((e) => e.hasAttribute('aria-label')).map((e) => e.getAttribute('aria-label')),
      );
      expect(labels.map((l) => l?.split(':')[0])).toEqual(['Hotel stay', 'Flight', 'Car rental']);
      for (const label of labels) {
        expect(await inView(page, trip.root.getByRole('listitem', { name: label ?? '' })), label ?? '').toBe(
          true,
        );
      }
      expect(await inView(page, trip.payButton)).toBe(true);
      expect(await inView(page, trip.payBy)).toBe(true);
      // Nothing inside the basket scrolls: what is listed is all there is to see.
      const innerScroll = await trip.root.evaluate((root) =>
        [root, ...root.querySelectorAll('*')].some(
          (e) =>
            e.scrollHeight > e.clientHeight + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowY),
        ),
      );
      expect(innerScroll).toBe(false);
      await shot(page, `basket-${width}`, { fullPage: false });
    });
  }

  it('pays, then cancels the car alone from the trip detail, by keyboard, after reading its refund', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await trip.payWith('Visa •••• 4242 (test)');
    await trip.paidHeading.waitFor();
    await trip.root.getByRole('button', { name: 'History and details' }).click();
    await page.getByRole('heading', { name: `Trip of ${CUSTOMER.name}` }).waitFor();
    const payment = page.getByRole('region', { name: 'Payment' });

    await page.getByRole('button', { name: /^Cancel item .* at LHR-A$/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Cancel car rental .* at LHR-A$/ });
    const figures = dialog.getByLabel('Refund', { exact: true });
    await figures.waitFor();
    // The keyboard is in the reason; the quote says what comes back and why, before anything is done.
    expect(await focusedName(page)).toBe('Reason (optional)');
    const words = (await figures.textContent()) ?? '';
    expect(words).toMatch(/^Refunded to the card\$[\d,]+\.\d\dKept\$[\d,]+\.\d\d/);
    expect(await dialog.getByText(/^Only this item is cancelled/).isVisible()).toBe(true);
    const refund = /^Refunded to the card(\$[\d,]+\.\d\d)/.exec(words)![1]!;
    await page.keyboard.type('Customer will take a taxi');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('dialog', { name: 'Item cancelled' }).count()).toBe(0);
    await shot(page, 'trip-cancel-item', { fullPage: false });
    await tabTo(page, /^Cancel item/);
    await page.keyboard.press('Enter');

    const done = page.getByRole('dialog', { name: 'Item cancelled' });
    await done.getByText(/^The item is cancelled\./).waitFor();
    expect(await done.textContent()).toContain(refund === '$0.00' ? 'Nothing is refunded' : refund);
    await page.keyboard.press('Enter');
    await done.waitFor({ state: 'detached' });
    const carRow = page.getByRole('row').filter({ hasText: 'LHR-A' });
    await carRow.getByText('Cancelled', { exact: true }).waitFor();
    await payment.getByText(/^Refund$/).waitFor();
    // What was paid, what came back, and what the trip keeps.
    const net = await payment
      .getByText('Net after refunds')
      .locator('xpath=following-sibling::dd[1]')
      .textContent();
    const paidLine = (await payment.getByText(/^\$[\d,]+\.\d\d on /).textContent()) ?? '';
    const cents = (text: string) => Number(/\$([\d,]+\.\d\d)/.exec(text)![1]!.replace(/[,.]/g, ''));
    expect(cents(net ?? '')).toBe(cents(paidLine) - cents(refund));
    // The rest of the trip stays sold.
    expect(await page.getByRole('button', { name: /^Cancel item Hotel / }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Cancel trip…' }).isVisible()).toBe(true);
  });

  it('logged no errors in the pages', () => {
    expect(run.errors).toEqual([]);
  });
});
