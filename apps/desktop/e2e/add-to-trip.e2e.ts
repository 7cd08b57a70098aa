import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, type HotelDetail, type RoomType, type Trip } from '@tripdesk/shared';
import { AGENT, DESK, useTripdesk } from './fixtures.ts';
import { HoldDialog, SearchPage } from './page-models/search-page.ts';
import { SignInPage } from './page-models/sign-in-page.ts';
import { TripBuilderPanel } from './page-models/trip-builder-panel.ts';
import { shot } from './screenshots.ts';
import { hotelToday, type ServerApi } from './server-api.ts';

/**
 * A customer who paid for a stay comes back for a car: the agent opens the paid trip, presses "Add to
 * this trip", holds a car, and pays for the car alone, which gets its own invoice and receipt.
 */
describe('adding a car to a paid trip', () => {
  const run = useTripdesk();
  let page: Page;
  let agent: ServerApi;
  let sold: Trip;
  let checkIn: string;

  beforeAll(async () => {
    agent = await run.api(AGENT);
    const desk = await run.api(DESK);
    const hotel: HotelDetail = await agent.hotel(desk.user.hotelId!);
    checkIn = addDays(hotelToday(hotel), 10);
    ({ trip: sold } = await agent.bookStay('Maya Return', (hotel.roomTypes[0] as RoomType).id, checkIn, 3));
    page = await run.openPage();
    await new SignInPage(page).signInAs(AGENT);
    await new SearchPage(page).heading.waitFor();
  });

  it('opens the paid trip from its link and adds to it only when asked', async () => {
    await page.evaluate((id) => (window.location.hash = `#/trips/${id}`), sold.id);
    await page.getByRole('heading', { name: 'Trip of Maya Return' }).waitFor();
    await page.getByRole('button', { name: 'Add to this trip' }).click();
    const search = new SearchPage(page);
    await search.heading.waitFor();
    const trip = new TripBuilderPanel(page);
    await trip.root.getByRole('heading', { name: /^Paid · invoice / }).waitFor();
    expect(
      await trip.root.getByText('Search and hold: what is held now is added to this trip.').count(),
    ).toBe(1);
  });

  it('holds a car on it, says so in the hold dialog, and pays for the car alone', async () => {
    const search = new SearchPage(page);
    const trip = new TripBuilderPanel(page);
    await search.tab('Cars').click();
    const station = await search.rentalStation.locator('option').nth(1).getAttribute('value');
    const results = await search.findCarsAt(station!, { pickUp: checkIn, dropOff: addDays(checkIn, 3) });
    await results
      .getByRole('button', { name: /^Hold car / })
      .first()
      .click();
    const dialog = new HoldDialog(page, 'Hold a car');
    await dialog.root.getByText(/Added to the paid trip of Maya Return/).waitFor();
    // No customer asked for: it is this customer's trip.
    expect(await dialog.root.getByLabel('Customer name').count()).toBe(0);
    await dialog.confirm('Hold car');
    await trip.root.getByText('The sale is paid. Paying now charges only the item added since.').waitFor();
    expect(await trip.timers.count()).toBe(1);
    await shot(page, 'agent-add-to-paid-trip');
    const car = (await agent.get<Trip>(`/api/trips/${sold.id}`)).amountDue!;
    await trip.payWith('Visa •••• 4242 (test)');
    await trip.root.getByRole('heading', { name: /^Paid · invoice / }).waitFor();
    const after = await agent.get<Trip>(`/api/trips/${sold.id}`);
    expect(after.status).toBe('confirmed');
    expect(after.payments!.map((p) => p.amount)).toEqual([sold.payment!.amount, car]);
    expect(await trip.paidHeading.textContent()).toBe(`Paid · invoice ${after.payments![1]!.invoiceNumber}`);
  });

  it('lists both payments on the trip page, each with its own receipt', async () => {
    await page.evaluate((id) => (window.location.hash = `#/trips/${id}`), sold.id);
    const money = page.getByRole('region', { name: 'Payment' });
    await money.getByText('Added items paid').waitFor();
    expect(await money.getByText('Sale paid').count()).toBe(1);
    expect(await money.getByRole('button', { name: 'Receipt' }).count()).toBe(2);
    await shot(page, 'trip-paid-twice');
    await money.getByRole('button', { name: 'Receipt' }).nth(1).click();
    const frame = page.frameLocator('iframe');
    // The car's invoice lists the car alone: the stay is on the sale's.
    await frame.getByText(/^Car \w+ at /).waitFor();
    expect(await frame.getByText(/Hotel|Deluxe|Room/).count()).toBe(0);
  });

  it('logged no errors in the browser', () => {
    expect(run.errors).toEqual([]);
  });
});
