import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CarList, HotelAvailabilityResults, HotelDetail, HotelList, User } from '@tripdesk/shared';
import { addDays, todayIn } from '@tripdesk/shared';
import { ServerApi } from './server-api.ts';
import { startTripdeskServer, type TripdeskServer } from './tripdesk-server.ts';
import { launchChromium, prepareRun, SCREENSHOTS as screenshots } from './browser.ts';

/**
 * The admin's inventory workspace against the real server with demo data: a room type added to a
 * demo hotel and then found by the availability search (the admin's own Search and the agent's API),
 * rooms that cannot be removed while sold, a flight created with its seat map, a car location with its
 * fleet, and a user given another role and disabled.
 */

const ADMIN = { email: 'admin@demo.tripdesk.test', password: 'demo-admin-2026', name: 'Alex Admin' };
const AGENT = { email: 'agent@demo.tripdesk.test', password: 'demo-agent-2026', name: 'Ana Agent' };
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

const KEPT = new Set(['admin-hotel', 'admin-flight']);
const shot = (page: Page, name: string) =>
  page.screenshot({
    path: resolve(screenshots, `${name}${KEPT.has(name) ? '' : '.tmp'}.png`),
    fullPage: true,
  });

describe('the admin keeps the inventory, against the real server', () => {
  let server: TripdeskServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const errors: string[] = [];
  let admin: ServerApi;
  let agent: ServerApi;
  let hotel: HotelDetail;
  const stay = { checkIn: '', checkOut: '' };

  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await page?.screenshot({ path: resolve(screenshots, `failed-${name}.tmp.png`), fullPage: true });
    });
  });

  beforeAll(async () => {
    prepareRun();
    server = await startTripdeskServer();
    admin = await ServerApi.signIn(server.url, ADMIN.email, ADMIN.password);
    agent = await ServerApi.signIn(server.url, AGENT.email, AGENT.password);
    // The first demo hotel of the city, whichever the seed made it.
    const lisbon = await admin.get<HotelList>(`/api/hotels?city=${CITY}`);
    hotel = await admin.hotel(lisbon.items[0]!.id);
    const today = todayIn(hotel.timezone, new Date());
    stay.checkIn = addDays(today, 10);
    stay.checkOut = addDays(today, 12);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // A step that cannot happen fails with its locator well before the test's own time limit.
    page.setDefaultTimeout(10_000);
    page.on('console', (message) => {
      // Refusals (400, 409) are logged by Chromium as failed resources: expected here.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        errors.push(message.text());
      }
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(ADMIN.name).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();

  it('finds a demo hotel by city and opens its room types', async () => {
    await nav('Inventory');
    await page.getByRole('table', { name: 'Hotels' }).waitFor();
    await page.getByRole('search', { name: 'Hotels' }).getByLabel('City').fill(CITY);
    await page.getByRole('button', { name: 'Find hotels' }).click();
    await expect
      .poll(async () =>
        (
          await page.getByRole('table', { name: 'Hotels' }).locator('tbody td:nth-child(2)').allTextContents()
        ).every((c) => c === CITY),
      )
      .toBe(true);
    await page.getByRole('button', { name: hotel.name, exact: true }).click();
    await page.getByRole('table', { name: `Room types of ${hotel.name}` }).waitFor();
    expect(
      await page
        .getByRole('table', { name: `Room types of ${hotel.name}` })
        .locator('tbody tr')
        .count(),
    ).toBe(hotel.roomTypes.length);
  });

  it('adds a room type, with the server’s refusal of a taken room number shown beside the field', async () => {
    await page.getByRole('button', { name: 'New room type' }).click();
    const form = page.getByRole('form', { name: `New room type at ${hotel.name}` });
    await form.getByLabel('Name').fill(ROOM_TYPE);
    await form.getByLabel('Sleeps (guests per room)').fill('3');
    await form.getByLabel('Nightly rate', { exact: true }).fill('189.00');
    const taken = hotel.roomTypes[0]!.roomNumbers[0]!;
    await form.getByLabel('Room numbers').fill(`901-905, ${taken}`);
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
    const row = page.getByRole('row', { name: new RegExp(`^${ROOM_TYPE}`) });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      '3',
      '$189.00',
      '5',
      '901–905',
      'Change rooms',
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
    await nav('Search');
    const search = page.getByRole('form', { name: 'Hotel search' });
    await search.getByLabel('City').fill(CITY);
    await search.getByLabel('Check-in').fill(stay.checkIn);
    await search.getByLabel('Check-out').fill(stay.checkOut);
    await search.getByLabel('Guests per room').fill('3');
    await page.getByRole('button', { name: 'Search hotels' }).click();
    const results = page.getByRole('table', { name: new RegExp(`Free rooms in ${CITY}`) });
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

    await nav('Inventory');
    await page.getByRole('search', { name: 'Hotels' }).getByLabel('City').fill(CITY);
    await page.getByRole('button', { name: 'Find hotels' }).click();
    await page.getByRole('button', { name: hotel.name, exact: true }).click();
    await page.getByRole('button', { name: `Change rooms of ${ROOM_TYPE}` }).click();
    const dialog = page.getByRole('dialog', { name: `Rooms of ${ROOM_TYPE}` });
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
    await page.getByRole('button', { name: `Change rooms of ${ROOM_TYPE}` }).click();
    await dialog.getByLabel('Add rooms').fill('906-907');
    await dialog.getByRole('button', { name: 'Save rooms' }).click();
    await page.getByText(`${ROOM_TYPE}: added 906–907.`).waitFor();
  });

  it('creates a flight with two fare classes and shows its seat map', async () => {
    await nav('Inventory');
    await page.getByRole('tab', { name: 'Flights' }).click();
    await page.getByRole('button', { name: 'New flight' }).click();
    const form = page.getByRole('form', { name: 'New flight' });
    const date = addDays(todayIn('Europe/Lisbon', new Date()), 20);
    await form.getByLabel('Flight number').fill(FLIGHT);
    await form.getByLabel('From (airport)').fill('LIS');
    await form.getByLabel('To (airport)').fill('JFK');
    await form.getByLabel('Departs (local time)').fill(`${date}T10:30`);
    await form.getByLabel('Origin UTC offset').fill('+00:00');
    await form.getByLabel('Arrives (local time)').fill(`${date}T13:45`);
    await form.getByLabel('Destination UTC offset').fill('-05:00');
    await form.getByLabel('Fare class 1 seat price', { exact: true }).fill('1450');
    await form.getByLabel('Fare class 1 rows').fill('1-4');
    await form.getByLabel('Fare class 1 seat letters').fill('ACDF');
    await form.getByLabel('Fare class 2 seat price', { exact: true }).fill('389.90');
    await form.getByLabel('Fare class 2 rows').fill('10-30');
    await form.getByLabel('Fare class 2 seat letters').fill('A-F');
    await form.getByText('126 seats, 10A–30F').waitFor();
    await form.getByRole('button', { name: 'Create flight' }).click();
    await page.getByText('Flight created. Its seats are on sale from now.').waitFor();

    const seatMap = page.getByRole('table', { name: `Seats of ${FLIGHT}` });
    await seatMap.waitFor();
    expect(await seatMap.getByText(/^\d+[A-F] (Business|Economy) free$/).count()).toBe(16 + 126);

    // The agent holds two seats; the seat map says so when the flight is opened again.
    const flights = await agent.get<{ results: { flightId: string; flightNumber: string }[] }>(
      `/api/availability/flights?from=LIS&to=JFK&date=${date}`,
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
    await page.getByRole('button', { name: '← Flights' }).click();
    await page.getByLabel('From', { exact: true }).fill('LIS');
    await page.getByLabel('To', { exact: true }).fill('JFK');
    await page.getByLabel('Departure date').fill(date);
    await page.getByRole('button', { name: 'Find flights' }).click();
    await page.getByRole('button', { name: `Seat map of ${FLIGHT}` }).click();
    await seatMap.getByText('12A Economy held').waitFor();
    await seatMap.getByText('12B Economy held').waitFor();
    const economy = page.getByRole('row', { name: /^Economy/ });
    expect(await economy.getByRole('cell').allTextContents()).toEqual(['$389.90', '126', '2', '0', '124']);
    await shot(page, 'admin-flight');
  });

  it('creates a car location, adds a car to its fleet and removes it', async () => {
    await page.getByRole('tab', { name: 'Car locations' }).click();
    await page.getByRole('button', { name: 'New location' }).click();
    const form = page.getByRole('form', { name: 'New car location' });
    await form.getByLabel('Code').fill(LOCATION.code.toLowerCase());
    await form.getByLabel('Name').fill(LOCATION.name);
    await form.getByLabel('City').fill(LOCATION.city);
    await form.getByRole('button', { name: 'Create location' }).click();
    await page.getByText(`Location ${LOCATION.code} created. Add its cars.`).waitFor();
    await page.getByText('No cars here yet, so nothing can be rented.').waitFor();

    for (const [plate, model, rate] of [
      ['LX-11-AA', 'Renault Clio', '41.00'],
      ['LX-22-BB', 'Peugeot 208', '43.50'],
    ] as const) {
      await page.getByRole('button', { name: 'Add car' }).click();
      const car = page.getByRole('form', { name: `Add a car at ${LOCATION.code}` });
      await car.getByLabel('Plate').fill(plate);
      await car.getByLabel('Category').fill('ECMR');
      await car.getByLabel('Model').fill(model);
      await car.getByLabel('Daily rate', { exact: true }).fill(rate);
      await car.getByRole('button', { name: 'Add car' }).click();
      await page.getByText(`Added ${model} (${plate}) to ECMR.`).waitFor();
    }
    await page.getByText(/ECMR · 2 cars · rents from \$41\.00 a day/).waitFor();
    await shot(page, 'admin-fleet');

    await page.getByRole('button', { name: 'Remove Peugeot 208 LX-22-BB' }).click();
    await page
      .getByRole('dialog', { name: 'Remove LX-22-BB?' })
      .getByRole('button', { name: 'Remove car' })
      .click();
    await page.getByText('Removed Peugeot 208 (LX-22-BB).').waitFor();
    const fleet = await admin.get<CarList>(`/api/car-locations/${LOCATION.code}/cars`);
    expect(fleet.items.map((c) => c.plate)).toEqual(['LX-11-AA']);
  });

  it('gives a user another role at a hotel, then disables them', async () => {
    const rosa = await admin.post<User>('/api/users', { ...STAFF, role: 'agent' });
    await nav('Users');
    const row = page.getByRole('row', { name: new RegExp(STAFF.name) });
    await row.getByRole('button', { name: 'Change role' }).click();
    const dialog = page.getByRole('dialog', { name: `Role of ${STAFF.name}` });
    await dialog.getByLabel('Role').selectOption({ label: 'Front desk' });
    await dialog.getByRole('option', { name: hotel.name }).waitFor({ state: 'attached' });
    await dialog.getByLabel('Hotel').selectOption({ label: hotel.name });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`${STAFF.name} is now Front desk at ${hotel.name}, ${hotel.city}.`).waitFor();
    await row.getByText(`${hotel.name}, ${hotel.city}`).waitFor();

    await page.getByRole('button', { name: `Disable ${STAFF.name}` }).click();
    await page
      .getByRole('dialog', { name: `Disable ${STAFF.name}?` })
      .getByRole('button', { name: 'Disable account' })
      .click();
    await page.getByText(`${STAFF.name} is disabled and signed out.`).waitFor();
    await row.getByText('disabled').waitFor();
    await shot(page, 'admin-users');

    const users = await admin.get<{ items: User[] }>('/api/users');
    expect(users.items.find((u) => u.id === rosa.id)).toMatchObject({
      role: 'frontdesk',
      hotelId: hotel.id,
      disabled: true,
    });
    const login = await fetch(`${server!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: STAFF.email, password: STAFF.password }),
    });
    expect(login.status).toBe(401);
  });

  it('logged no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
