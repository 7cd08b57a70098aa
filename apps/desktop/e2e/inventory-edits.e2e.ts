import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  CarAvailabilityResults,
  Flight,
  FlightAvailabilityResults,
  FlightDetail,
  HotelAvailabilityResults,
  HotelDetail,
  HotelList,
  RoomType,
} from '@tripdesk/shared';
import { addDays, todayIn } from '@tripdesk/shared';
import { ADMIN, AGENT, useTripdesk } from './fixtures.ts';
import { AppShell } from './page-models/app-shell.ts';
import { pickAirport } from './page-models/airport-field.ts';
import { FrontDeskPage } from './page-models/front-desk-page.ts';
import { InventoryPage } from './page-models/inventory-page.ts';
import { typeDate } from './page-models/date-field.ts';
import { shot } from './screenshots.ts';
import type { ServerApi } from './server-api.ts';

/**
 * Issue 14 in the admin's hands, against the real server with demo data: a demo hotel edited, one of
 * its room types retired (gone from the agent's search), two rooms taken out of order for nights (the
 * search counts two rooms fewer, the desk's room chart shows them), a car category closed for days (gone
 * from the car search), and a flight's fare price edited and a fare class closed for its departure date
 * (gone from the flight search).
 */

const CITY = 'Lisbon';
const LOCATION = { code: 'FAO-E2E', name: 'Faro Airport', city: 'Faro' };
const FLIGHT = 'TD941';

describe('the admin edits, retires, takes rooms out of order and stops sales, against the real server', () => {
  const run = useTripdesk();
  let page: Page;
  let inventory: InventoryPage;
  let admin: ServerApi;
  let agent: ServerApi;
  let hotel: HotelDetail;
  let retiring: RoomType;
  let kept: RoomType;
  const nights = { first: '', back: '' };

  const freeRooms = async (roomTypeId: string) => {
    const found = await agent.get<HotelAvailabilityResults>(
      `/api/availability/hotels?city=${CITY}&checkIn=${nights.first}&checkOut=${nights.back}`,
    );
    return found.results.find((r) => r.roomTypeId === roomTypeId)?.available;
  };

  beforeAll(async () => {
    admin = await run.api(ADMIN);
    agent = await run.api(AGENT);
    const lisbon = await admin.get<HotelList>(`/api/hotels?city=${CITY}`);
    hotel = await admin.hotel(lisbon.items[0]!.id);
    kept = hotel.roomTypes[0]!;
    retiring = hotel.roomTypes[hotel.roomTypes.length - 1]!;
    const today = todayIn(hotel.timezone, new Date());
    nights.first = addDays(today, 20);
    nights.back = addDays(today, 22);
    await admin.post('/api/car-locations', LOCATION);
    for (const plate of ['FA-01-AA', 'FA-02-BB']) {
      await admin.post(`/api/car-locations/${LOCATION.code}/cars`, {
        plate,
        category: 'ECMR',
        model: 'Renault Clio',
        dailyRate: { amount: 3900, currency: 'EUR' },
      });
    }

    page = await run.openSignedIn(ADMIN);
    inventory = new InventoryPage(page);
    await new AppShell(page).goTo('Inventory');
    await inventory.hotels.waitFor();
    await inventory.findHotels(CITY);
    await inventory.openHotel(hotel.name);
    await inventory.roomTypes(hotel.name).waitFor();
  });

  it('edits the hotel’s name and contact', async () => {
    await page.getByRole('button', { name: 'Edit hotel' }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${hotel.name}` });
    await dialog.getByLabel('Name').fill(`${hotel.name} Riverside`);
    await dialog.getByLabel('Phone (optional)').fill('+351 21 555 0100');
    await dialog.getByLabel('Email (optional)').fill('desk@riverside.example');
    await shot(page, 'inventory-edit-hotel');
    await dialog.getByRole('button', { name: 'Save hotel' }).click();
    await page.getByText(`Saved ${hotel.name} Riverside.`).waitFor();
    expect(await admin.hotel(hotel.id)).toMatchObject({
      name: `${hotel.name} Riverside`,
      phone: '+351 21 555 0100',
      email: 'desk@riverside.example',
    });
    hotel = { ...hotel, name: `${hotel.name} Riverside` };
  });

  it('retires a room type: the agent’s search no longer finds it', async () => {
    expect(await freeRooms(retiring.id)).toBeGreaterThan(0);
    await page.getByRole('button', { name: `Retire ${retiring.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Retire ${retiring.name}?` });
    await dialog.getByText('leaves the agents’ search and takes no new bookings', { exact: false }).waitFor();
    await shot(page, 'inventory-retire-room-type');
    await dialog.getByRole('button', { name: 'Retire room type' }).click();
    await page.getByText(`${retiring.name} is retired: it is no longer searched nor sold.`).waitFor();
    await inventory.roomType(retiring.name).getByText('Retired').waitFor();
    expect(await freeRooms(retiring.id)).toBeUndefined();
  });

  it('takes two rooms out of order for two nights: the search counts two rooms fewer', async () => {
    const before = (await freeRooms(kept.id))!;
    const [a, b] = kept.roomNumbers;
    const panel = page.getByRole('region', { name: 'Rooms out of order' });
    await panel.getByLabel('Rooms', { exact: true }).fill(`${a}, ${b}`);
    await typeDate(panel.getByLabel('First night'), nights.first);
    await typeDate(panel.getByLabel('Back in order'), nights.back);
    await panel.getByLabel('Reason (optional)').fill('Bathroom works');
    await panel.getByRole('button', { name: 'Take out of order' }).click();
    await panel.getByText(/^Out of order: room/).waitFor();
    await panel.getByRole('row', { name: new RegExp(`^${a} `) }).waitFor();
    await panel.getByRole('row', { name: new RegExp(`^${b} `) }).waitFor();
    await shot(page, 'inventory-out-of-order');
    expect(await freeRooms(kept.id)).toBe(before - 2);
  });

  it('closes a car category for days: the car search leaves it out on those days', async () => {
    const search = (pickUp: string, dropOff: string) =>
      agent.get<CarAvailabilityResults>(
        `/api/availability/cars?location=${LOCATION.code}&pickUp=${pickUp}&dropOff=${dropOff}`,
      );
    expect((await search(nights.first, nights.back)).results).toHaveLength(1);
    await inventory.tab('Car locations').click();
    await page.getByRole('button', { name: `Open ${LOCATION.code}, ${LOCATION.name}` }).click();
    const panel = page.getByRole('region', { name: 'Categories closed to sale' });
    await panel.getByLabel('Category').selectOption('ECMR');
    await typeDate(panel.getByLabel('First day'), nights.first);
    await typeDate(panel.getByLabel('Reopens'), nights.back);
    await panel.getByLabel('Reason (optional)').fill('Fleet service');
    await panel.getByRole('button', { name: 'Close to sale' }).click();
    await panel.getByText(/^ECMR is closed to sale/).waitFor();
    await panel.getByRole('row', { name: /^ECMR/ }).waitFor();
    await shot(page, 'inventory-car-closure');
    expect((await search(nights.first, nights.back)).results).toEqual([]);
    expect((await search(nights.back, addDays(nights.back, 1))).results).toHaveLength(1);
  });

  it('edits a flight’s fare price and closes a fare class for its departure date: search leaves it out', async () => {
    const today = todayIn('Europe/Lisbon', new Date());
    const created = await admin.post<Flight>('/api/flights', {
      flightNumber: FLIGHT,
      from: 'LIS',
      to: 'MAD',
      departureAt: `${addDays(today, 25)}T09:00:00Z`,
      arrivalAt: `${addDays(today, 25)}T12:30:00Z`,
      fareClasses: [
        { code: 'J', name: 'Business', price: { amount: 98000, currency: 'EUR' }, seats: ['1A', '1C'] },
        {
          code: 'Y',
          name: 'Economy',
          price: { amount: 21900, currency: 'EUR' },
          seats: ['10A', '10B', '10C', '11A', '11B', '11C'],
        },
      ],
    });
    const date = created.departureDate!;
    const found = async () =>
      (
        await agent.get<FlightAvailabilityResults>(`/api/availability/flights?from=LIS&to=MAD&date=${date}`)
      ).results
        .filter((r) => r.flightNumber === FLIGHT)
        .map((r) => r.fareClass)
        .sort();
    expect(await found()).toEqual(['J', 'Y']);

    await new AppShell(page).goTo('Inventory');
    await inventory.tab('Flights').click();
    await pickAirport(inventory.flightSearch.getByLabel('From', { exact: true }), 'LIS', 'LIS');
    await pickAirport(inventory.flightSearch.getByLabel('To', { exact: true }), 'MAD', 'MAD');
    await typeDate(inventory.flightSearch.getByLabel('Departure date'), date);
    await page.getByRole('button', { name: 'Find flights' }).click();
    await inventory.openSeatMap(FLIGHT);
    await page.getByRole('table', { name: `Fare classes of ${FLIGHT}` }).waitFor();

    await page.getByRole('button', { name: 'Edit Economy (Y)' }).click();
    const dialog = page.getByRole('dialog', { name: `Edit Economy (Y) of ${FLIGHT}` });
    await dialog.getByText('seats already sold keep the price they were sold at', { exact: false }).waitFor();
    await dialog.getByLabel('Seat price', { exact: true }).fill('199');
    await dialog.getByLabel('Add rows').fill('12');
    await dialog.getByLabel('Seat letters to add').fill('A-C');
    await dialog.getByText('3 seats, 12A–12C').waitFor();
    await shot(page, 'inventory-edit-fare-class');
    await dialog.getByRole('button', { name: 'Save fare class' }).click();
    await page.getByText('Saved Economy: €199.00 a seat for new sales, 9 seats.').waitFor();
    const economy = (await admin.get<FlightDetail>(`/api/flights/${created.id}`)).fareClasses.find(
      (c) => c.code === 'Y',
    )!;
    expect(economy.price).toEqual({ amount: 19900, currency: 'EUR' });
    expect(economy.capacity).toBe(9);

    const panel = page.getByRole('region', { name: 'Fare classes closed to sale' });
    await panel.getByLabel('Fare class', { exact: true }).selectOption('Y');
    await typeDate(panel.getByLabel('First day'), date);
    await typeDate(panel.getByLabel('Reopens'), addDays(date, 1));
    await panel.getByLabel('Reason (optional)').fill('Group block');
    await panel.getByRole('button', { name: 'Close to sale' }).click();
    await panel.getByText(/^Economy \(Y\) is closed to sale/).waitFor();
    await panel.getByRole('row', { name: /^Economy/ }).waitFor();
    await shot(page, 'inventory-flight-edits');
    expect(await found()).toEqual(['J']);
  });

  it('shows the rooms out of order on the desk’s room chart, with the reason', async () => {
    const [a] = kept.roomNumbers;
    await new AppShell(page).goTo('Front desk');
    const desk = new FrontDeskPage(page);
    await desk.chooseHotel(hotel.name);
    const grid = await desk.openRoomChart(hotel.name);
    // The chart opens on today; two weeks later, the nights out of order are in view.
    await page.getByRole('button', { name: 'Week later ›' }).click();
    await page.getByRole('button', { name: 'Week later ›' }).click();
    const night = grid.getByRole('gridcell', {
      name: new RegExp(`^Room ${a}, .*: Out of order: Bathroom works`),
    });
    await night.first().waitFor();
    expect(await night.count()).toBe(2);
    await night.first().scrollIntoViewIfNeeded();
    await shot(page, 'frontdesk-room-chart-out-of-order');
  });
});
