import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CarList, HotelAvailabilityResults, HotelDetail, HotelList, User } from '@tripdesk/shared';
import { addDays, todayIn } from '@tripdesk/shared';
import { ADMIN, AGENT, useTripdesk } from './fixtures.ts';
import { AppShell } from './page-models/app-shell.ts';
import { InventoryPage } from './page-models/inventory-page.ts';
import { pickAirport } from './page-models/airport-field.ts';
import { typeDate } from './page-models/date-field.ts';
import { SearchPage } from './page-models/search-page.ts';
import { UsersPage } from './page-models/users-page.ts';
import { shot } from './screenshots.ts';
import type { ServerApi } from './server-api.ts';

/**
 * The admin's inventory workspace against the real server with demo data: a room type added to a
 * demo hotel and then found by the availability search (the admin's own Search and the agent's API),
 * rooms that cannot be removed while sold, a flight created with its seat map, a car location with its
 * fleet, and a user given another role and disabled.
 */

// Each spec starts its own server on an empty data folder: these names are this spec's own.
const CITY = 'Lisbon';
const ROOM_TYPE = 'Azulejo Loft';
const FLIGHT = 'TD4711';
const LOCATION = { code: 'LIS-E2E', name: 'Lisbon Oriente Station', city: CITY };
const STAFF = {
  email: 'rosa.reception@demo.tripdesk.test',
  name: 'Rosa Reception',
  password: 'e2e-rosa-2026',
};

describe('the admin keeps the inventory, against the real server', () => {
  const run = useTripdesk();
  let page: Page;
  let shell: AppShell;
  let inventory: InventoryPage;
  let admin: ServerApi;
  let agent: ServerApi;
  let hotel: HotelDetail;
  const stay = { checkIn: '', checkOut: '' };

  beforeAll(async () => {
    admin = await run.api(ADMIN);
    agent = await run.api(AGENT);
    // The first demo hotel of the city, whichever the seed made it.
    const lisbon = await admin.get<HotelList>(`/api/hotels?city=${CITY}`);
    hotel = await admin.hotel(lisbon.items[0]!.id);
    const today = todayIn(hotel.timezone, new Date());
    stay.checkIn = addDays(today, 10);
    stay.checkOut = addDays(today, 12);

    page = await run.openSignedIn(ADMIN);
    shell = new AppShell(page);
    inventory = new InventoryPage(page);
  });

  it('finds a demo hotel by city and opens its room types', async () => {
    await shell.goTo('Inventory');
    await inventory.hotels.waitFor();
    await inventory.findHotels(CITY);
    await expect.poll(async () => (await inventory.listedCities()).every((c) => c === CITY)).toBe(true);
    await inventory.openHotel(hotel.name);
    await inventory.roomTypes(hotel.name).waitFor();
    expect(await inventory.roomTypes(hotel.name).locator('tbody tr').count()).toBe(hotel.roomTypes.length);
  });

  it('adds a room type, with the server’s refusal of a taken room number shown beside the field', async () => {
    const taken = hotel.roomTypes[0]!.roomNumbers[0]!;
    const form = await inventory.fillNewRoomType(hotel.name, {
      name: ROOM_TYPE,
      sleeps: '3',
      nightlyRate: '189.00',
      roomNumbers: `901-905, ${taken}`,
    });
    await form.getByRole('button', { name: 'Create room type' }).click();
    await form.getByText(`Already in the hotel: ${taken}.`).waitFor();
    expect(await form.getByLabel('Room numbers').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'admin-room-type-error');

    await form.getByLabel('Room numbers').fill('901-905');
    await form.getByText('5 rooms: 901–905').waitFor();
    await form.getByRole('button', { name: 'Create room type' }).click();
    await page
      .getByText(`Created ${ROOM_TYPE}: 5 rooms at $189.00 a night. It is on sale from now.`)
      .waitFor();
    expect(await inventory.roomType(ROOM_TYPE).getByRole('cell').allTextContents()).toEqual([
      '3',
      '$189.00',
      '5',
      'None',
      '901–905',
      'EditChange rooms OverbookingRetire',
    ]);
    await shot(page, 'admin-hotel');
  });

  it('finds the new room type through the availability search', async () => {
    // As the agent would, through the API…
    const found = await agent.get<HotelAvailabilityResults>(
      `/api/availability/hotels?city=${CITY}&checkIn=${stay.checkIn}&checkOut=${stay.checkOut}&guests=3`,
    );
    expect(found.results.find((r) => r.roomTypeName === ROOM_TYPE)).toMatchObject({
      hotelId: hotel.id,
      available: 5,
      nightlyRate: { amount: 18900, currency: 'USD' },
      totalPrice: { amount: 37800, currency: 'USD' },
    });
    // …and in the admin's own Search.
    await shell.goTo('Search');
    const results = await new SearchPage(page).findHotels({ city: CITY, ...stay, guests: 3 });
    await results.getByRole('button', { name: `Hold ${ROOM_TYPE} at ${hotel.name}` }).waitFor();
    await shot(page, 'admin-room-type-found');
  });

  it('says in words why rooms cannot be removed while they are sold', async () => {
    // The agent sells all five rooms of the new type for two nights.
    const roomType = (await admin.hotel(hotel.id)).roomTypes.find((t) => t.name === ROOM_TYPE)!;
    const trip = await agent.post<{ id: string }>('/api/trips', {
      customer: { name: 'Tour Group', email: 'tour.group@example.com' },
    });
    await agent.post(`/api/trips/${trip.id}/items`, {
      type: 'hotel',
      roomTypeId: roomType.id,
      checkIn: stay.checkIn,
      checkOut: stay.checkOut,
      rooms: 5,
      guests: 2,
    });
    await agent.post(`/api/trips/${trip.id}/pay`, { paymentMethodId: 'pm_card_visa' });

    await shell.goTo('Inventory');
    await inventory.findHotels(CITY);
    await inventory.openHotel(hotel.name);
    const dialog = await inventory.openRoomChange(ROOM_TYPE);
    await dialog.getByLabel('Remove rooms').fill('905');
    await dialog.getByRole('button', { name: 'Save rooms' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /^Those rooms cannot be removed: rooms of this type are held or sold on the night of .+ \(5 in use\), and fewer would remain\./,
    );
    await shot(page, 'admin-rooms-in-use');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await admin.hotel(hotel.id)).roomTypes.find((t) => t.name === ROOM_TYPE)?.capacity).toBe(5);

    // Adding rooms is always possible.
    await inventory.openRoomChange(ROOM_TYPE);
    await dialog.getByLabel('Add rooms').fill('906-907');
    await dialog.getByRole('button', { name: 'Save rooms' }).click();
    await page.getByText(`${ROOM_TYPE}: added 906–907.`).waitFor();
  });

  it('creates a flight with two fare classes and shows its seat map', async () => {
    await shell.goTo('Inventory');
    await inventory.tab('Flights').click();
    // An airport the desk does not fly to yet, then a flight to it.
    await page.getByRole('button', { name: 'New airport' }).click();
    const airport = page.getByRole('form', { name: 'New airport' });
    await airport.getByLabel('IATA code').fill('ZRH');
    await airport.getByLabel('Name').fill('Zürich Kloten');
    await airport.getByLabel('City').fill('Zürich');
    await airport.getByLabel('Country').fill('CH');
    await airport.getByLabel('Time zone').fill('Europe/Zurich');
    await airport.getByRole('button', { name: 'Add airport' }).click();
    await page.getByText('Airport ZRH (Zürich, Europe/Zurich) added: flights can now fly there.').waitFor();

    const form = await inventory.openNewFlight();
    const date = addDays(todayIn('Europe/Lisbon', new Date()), 20);
    await form.getByLabel('Flight number').fill(FLIGHT);
    await pickAirport(form.getByLabel('From (airport or city)'), 'lisbon', 'LIS');
    // Without its accent: "zur" finds Zürich.
    await pickAirport(form.getByLabel('To (airport or city)'), 'zur', 'ZRH');
    await typeDate(form.getByLabel('Departs (date)'), date);
    await form.getByLabel('Departs (time)').fill('10:30');
    await typeDate(form.getByLabel('Arrives (date)'), date);
    await form.getByLabel('Arrives (time)').fill('14:15');
    await form.getByText('ZRH local time, Europe/Zurich').waitFor();
    await form.getByLabel('Fare class 1 seat price', { exact: true }).fill('1450');
    await form.getByLabel('Fare class 1 rows').fill('1-4');
    await form.getByLabel('Fare class 1 seat letters').fill('ACDF');
    await form.getByLabel('Fare class 2 seat price', { exact: true }).fill('389.90');
    await form.getByLabel('Fare class 2 rows').fill('10-30');
    await form.getByLabel('Fare class 2 seat letters').fill('A-F');
    await form.getByText('126 seats, 10A–30F').waitFor();
    await form.getByRole('button', { name: 'Create flight' }).click();
    await page.getByText('Flight created. Its seats are on sale from now.').waitFor();

    const seatMap = inventory.seatMap(FLIGHT);
    await seatMap.waitFor();
    expect(await seatMap.getByText(/^\d+[A-F] (Business|Economy) free$/).count()).toBe(16 + 126);

    // The agent holds two seats; the seat map says so when the flight is opened again.
    const flights = await agent.get<{ results: { flightId: string; flightNumber: string }[] }>(
      `/api/availability/flights?from=LIS&to=ZRH&date=${date}`,
    );
    const flightId = flights.results.find((r) => r.flightNumber === FLIGHT)!.flightId;
    const trip = await agent.post<{ id: string }>('/api/trips', {
      customer: { name: 'Seat Holder', email: 'seat.holder@example.com' },
    });
    await agent.post(`/api/trips/${trip.id}/items`, {
      type: 'flight',
      flightId,
      fareClass: 'Y',
      passengers: [
        { name: 'Seat Holder', seat: '12A' },
        { name: 'Seat Companion', seat: '12B' },
      ],
    });
    await inventory.findFlights('LIS', 'ZRH', date);
    await page.getByRole('table', { name: 'Flights found' }).waitFor();
    // Found by airports picked from the lookup, as the agent's search picks them.
    expect(await inventory.flightSearch.getByLabel('To', { exact: true }).inputValue()).toBe('ZRH · Zürich');
    await shot(page, 'admin-flights-found');
    await inventory.openSeatMap(FLIGHT);
    await seatMap.getByText('12A Economy held').waitFor();
    await seatMap.getByText('12B Economy held').waitFor();
    const economy = page.getByRole('row', { name: /^Economy/ });
    expect((await economy.getByRole('cell').allTextContents()).slice(0, 5)).toEqual([
      '$389.90',
      '126',
      '2',
      '0',
      '124',
    ]);
    await shot(page, 'admin-flight');
  });

  it('creates a car location, adds a car to its fleet and removes it', async () => {
    await inventory.tab('Car locations').click();
    await inventory.createCarLocation({ ...LOCATION, code: LOCATION.code.toLowerCase() });
    await page.getByText(`Location ${LOCATION.code} created. Add its cars.`).waitFor();
    await page.getByText('No cars here yet, so nothing can be rented.').waitFor();

    for (const [plate, model, dailyRate] of [
      ['LX-11-AA', 'Renault Clio', '41.00'],
      ['LX-22-BB', 'Peugeot 208', '43.50'],
    ] as const) {
      await inventory.addCar(LOCATION.code, { plate, category: 'ECMR', model, dailyRate });
      await page.getByText(`Added ${model} (${plate}) to ECMR.`).waitFor();
    }
    await page.getByText(/ECMR · 2 cars · rents from \$41\.00 a day/).waitFor();
    await shot(page, 'admin-fleet');

    await inventory.removeCar({ model: 'Peugeot 208', plate: 'LX-22-BB' });
    await page.getByText('Removed Peugeot 208 (LX-22-BB).').waitFor();
    const fleet = await admin.get<CarList>(`/api/car-locations/${LOCATION.code}/cars`);
    expect(fleet.items.map((c) => c.plate)).toEqual(['LX-11-AA']);
  });

  it('gives a user another role at a hotel, then disables them', async () => {
    const rosa = await admin.post<User>('/api/users', { ...STAFF, role: 'agent' });
    const users = new UsersPage(page);
    await shell.goTo('Users');
    const row = users.row(STAFF.name);
    await users.changeRole(STAFF.name, 'Front desk', hotel.name);
    await page.getByText(`${STAFF.name} is now Front desk at ${hotel.name}, ${hotel.city}.`).waitFor();
    await row.getByText(`${hotel.name}, ${hotel.city}`).waitFor();

    await users.disable(STAFF.name);
    await page.getByText(`${STAFF.name} is disabled and signed out.`).waitFor();
    await row.getByText('disabled').waitFor();
    await shot(page, 'admin-users');

    const accounts = await admin.get<{ items: User[] }>('/api/users');
    expect(accounts.items.find((u) => u.id === rosa.id)).toMatchObject({
      role: 'frontdesk',
      hotelId: hotel.id,
      disabled: true,
    });
    const login = await fetch(`${run.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: STAFF.email, password: STAFF.password }),
    });
    expect(login.status).toBe(401);
  });

  it('logged no errors in the page', () => {
    expect(run.errors).toEqual([]);
  });
});
