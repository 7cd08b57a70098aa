import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FlightAvailabilityResults, HotelDetail, HotelList } from '@tripdesk/shared';
import { addDays, dayOfWeek, eachDate, todayIn } from '@tripdesk/shared';
import { ADMIN, AGENT, DESK, useTripdesk } from './fixtures.ts';
import { AppShell } from './page-models/app-shell.ts';
import { pickAirport } from './page-models/airport-field.ts';
import { typeDate } from './page-models/date-field.ts';
import { FrontDeskPage } from './page-models/front-desk-page.ts';
import { InventoryPage } from './page-models/inventory-page.ts';
import { SignInPage } from './page-models/sign-in-page.ts';
import { shot } from './screenshots.ts';
import { hotelToday, type ServerApi } from './server-api.ts';

/**
 * Overbooking and recurring flight schedules in the admin's workspace, against the real server with demo
 * data: a room type given an allowance of rooms sold beyond its rooms, and a weekly schedule made into
 * flights that an agent then finds.
 */

const FLIGHT = 'TD816';

describe('the admin sets overbooking and a weekly flight schedule, against the real server', () => {
  const run = useTripdesk();
  let page: Page;
  let inventory: InventoryPage;
  let admin: ServerApi;
  let agent: ServerApi;
  let hotel: HotelDetail;

  beforeAll(async () => {
    admin = await run.api(ADMIN);
    agent = await run.api(AGENT);
    const lisbon = await admin.get<HotelList>('/api/hotels?city=Lisbon');
    hotel = await admin.hotel(lisbon.items[0]!.id);
    page = await run.openSignedIn(ADMIN);
    inventory = new InventoryPage(page);
    await new AppShell(page).goTo('Inventory');
  });

  it('sets a room type’s overbooking allowance in the hotel’s view', async () => {
    const roomType = hotel.roomTypes[0]!;
    await inventory.hotels.waitFor();
    await inventory.findHotels('Lisbon');
    await inventory.openHotel(hotel.name);
    await inventory.roomTypes(hotel.name).waitFor();
    await page.getByRole('button', { name: `Overbooking of ${roomType.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Overbooking of ${roomType.name}` });
    const field = dialog.getByLabel('Rooms sold beyond the physical rooms, a night');
    await field.fill('2');
    await field.press('Enter');
    await page
      .getByText(
        `${roomType.name}: up to ${roomType.capacity + 2} rooms are sold a night (${roomType.capacity} rooms + 2 overbooked).`,
      )
      .waitFor();
    expect(await inventory.roomType(roomType.name).getByRole('cell', { name: '+2' }).count()).toBe(1);
    await shot(page, 'admin-overbooking');
    const after = await admin.hotel(hotel.id);
    expect(after.roomTypes.find((t) => t.id === roomType.id)?.overbookingAllowance).toBe(2);
  });

  it('creates a Mon/Wed/Fri schedule as one, and the agent finds one of its flights', async () => {
    const first = addDays(todayIn('UTC', new Date()), 21);
    const last = addDays(first, 41);
    await inventory.tab('Flights').click();
    await page.getByRole('button', { name: 'Schedules' }).click();
    await page.getByRole('button', { name: 'New schedule' }).click();
    const form = page.getByRole('form', { name: 'New flight schedule' });
    await form.getByLabel('Flight number').fill(FLIGHT);
    await pickAirport(form.getByLabel('From (airport or city)'), 'new york', 'JFK');
    await pickAirport(form.getByLabel('To (airport or city)'), 'lhr', 'LHR');
    await form.getByLabel('Departs (local time)').fill('06:45');
    await form.getByLabel('Arrives (local time)').fill('19:10');
    // The days by keyboard: Space ticks the focused box.
    for (const day of ['Mon', 'Wed', 'Fri']) {
      await form.getByLabel(day, { exact: true }).focus();
      await page.keyboard.press('Space');
    }
    await typeDate(form.getByLabel('First date'), first);
    await typeDate(form.getByLabel('Last date'), last);
    await form.getByLabel('Fare class 1 seat price', { exact: true }).fill('1450.00');
    await form.getByLabel('Fare class 2 seat price', { exact: true }).fill('389.00');
    await shot(page, 'admin-flight-schedule-form');
    await form.getByRole('button', { name: 'Create schedule' }).click();

    const dates = eachDate(first, addDays(last, 1)).filter((d) =>
      ['mon', 'wed', 'fri'].includes(dayOfWeek(d)),
    );
    await page.getByText(`${FLIGHT} JFK → LHR: ${dates.length} flights made, on sale from now.`).waitFor();
    const row = page.getByRole('row', { name: new RegExp(`^${FLIGHT}`) });
    // The list is asked again after the save: wait for the schedule's row rather than count at once.
    await row.getByRole('cell', { name: 'Mon Wed Fri' }).waitFor();
    expect(await row.getByRole('cell', { name: 'Mon Wed Fri' }).count()).toBe(1);
    await shot(page, 'admin-flight-schedules');

    const found = await agent.get<FlightAvailabilityResults>(
      `/api/availability/flights?from=JFK&to=LHR&date=${dates[1]}&passengers=1`,
    );
    const ours = found.results.filter((r) => r.flightNumber === FLIGHT);
    expect(ours.map((r) => r.fareClass).sort()).toEqual(['J', 'Y']);
    expect(ours[0]!.departureAt).toMatch(new RegExp(`^${dates[1]}T06:45:00-0[45]:00$`));
  });

  it('shows the desk an overbooked night on the room chart and walks the guest there is no room for', async () => {
    const deskApi = await run.api(DESK);
    const deskHotel = await admin.hotel(deskApi.user.hotelId!);
    const type = [...deskHotel.roomTypes].sort((a, b) => a.capacity - b.capacity)[0]!;
    await admin.call('PUT', `/api/hotels/${deskHotel.id}/room-types/${type.id}/overbooking`, {
      allowance: 1,
    });
    const today = hotelToday(deskHotel);
    const guests = Array.from(
      { length: type.capacity + 1 },
      (_, i) => `Guest ${String.fromCharCode(65 + i)} Walkley`,
    );
    const sold = [];
    for (const guest of guests) sold.push(await agent.bookStay(guest, type.id, today, 2));
    // Every room of the type taken by the first guests: the last has none.
    for (const { trip, item } of sold.slice(0, -1)) {
      await deskApi.post(`/api/trips/${trip.id}/items/${item.id}/check-in`, {});
    }
    const last = guests.at(-1)!;

    const deskPage = await run.openPage();
    await new SignInPage(deskPage).signInAs(DESK);
    const desk = new FrontDeskPage(deskPage);
    await desk.heading(deskHotel.name).waitFor();
    const grid = await desk.openRoomChart(deskHotel.name);
    await grid
      .getByRole('gridcell', { name: new RegExp(`^${type.name}, .*: overbooked by 1$`) })
      .first()
      .waitFor();
    await deskPage
      .getByRole('list', { name: 'Overbooked nights' })
      .getByText(/overbooked by 1/)
      .first()
      .waitFor();
    await shot(deskPage, 'frontdesk-overbooked-chart');

    await deskPage.getByRole('tab', { name: 'Arrivals, in-house, departures' }).click();
    const { dialog, confirm } = await desk.openCheckIn(last);
    await confirm.click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByRole('button', { name: 'Walk to another hotel…' }).click();
    const form = deskPage.getByRole('form', { name: `Walk ${last}` });
    await deskPage.keyboard.type('Hotel Bristol, Rua do Carmo 2');
    await form.getByLabel('Note (optional)').fill('Two nights and the taxi paid by us');
    await shot(deskPage, 'frontdesk-walk');
    await form.getByRole('button', { name: 'Walk guest' }).click();
    await deskPage
      .getByText(
        new RegExp(
          `^${last} walked to Hotel Bristol, Rua do Carmo 2; the stay is cancelled here and .+ is refunded\\.$`,
        ),
      )
      .waitFor();
    const walked = await agent.item(sold.at(-1)!.trip.id, sold.at(-1)!.item.id);
    expect(walked).toMatchObject({
      status: 'cancelled',
      walked: { hotel: 'Hotel Bristol, Rua do Carmo 2', refund: 'full' },
    });
  });
});
