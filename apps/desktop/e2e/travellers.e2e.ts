import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CarItem, FlightItem, HotelItem, Trip } from '@tripdesk/shared';
import { DeskCounter } from './desk-counter.ts';
import { AGENT, useTripdesk } from './fixtures.ts';
import { HoldDialog, SearchPage } from './page-models/search-page.ts';
import { SignInPage } from './page-models/sign-in-page.ts';
import { TripBuilderPanel } from './page-models/trip-builder-panel.ts';
import { shot } from './screenshots.ts';

/**
 * A family of two adults and a child of 7, typed once in the basket: the flight's seats pick them
 * without a name typed, the hotel search counts three guests and lands in the flight's city on its
 * arrival day, the car search starts at the arrival airport's station, and the driver is chosen from
 * the list. Every key pressed and every click is counted, beside what the same sale typed before.
 */

describe('travellers typed once for every item', () => {
  const run = useTripdesk();
  let page: Page;
  let search: SearchPage;
  let trip: TripBuilderPanel;
  let desk: DeskCounter;
  /** What the same steps typed before: each passenger's name, the guests, the car and hotel search fields. */
  let typedBefore = 0;

  beforeAll(async () => {
    page = await run.openPage();
    desk = new DeskCounter(page);
    search = new SearchPage(page);
    trip = new TripBuilderPanel(page);
    await new SignInPage(page).signInAs(AGENT);
    await search.heading.waitFor();
  });

  it('takes the family once in the basket: the lead is the customer, Enter adds a row', async () => {
    const form = trip.root.getByRole('form', { name: 'New trip' });
    await desk.type(form.getByLabel('Customer name'), 'Ann Lee');
    await desk.type(form.getByLabel('Customer email'), 'ann.lee@example.com');
    expect(await form.getByLabel('Lead traveller name').inputValue()).toBe('Ann Lee');
    await desk.click(form.getByLabel('Lead traveller name'));
    await desk.press('Enter');
    await page.keyboard.type('Bo Lee');
    desk.keys += 'Bo Lee'.length;
    await desk.press('Enter');
    await page.keyboard.type('Cy Lee');
    desk.keys += 'Cy Lee'.length;
    await desk.choose(form.getByLabel('Traveller 3 type'), 'child');
    // Choosing "child" puts the keyboard in the age.
    await page.keyboard.type('7');
    desk.keys += 1;
    await shot(page, 'travellers-new-trip');
    await desk.click(form.getByRole('button', { name: 'Open trip' }));
    const panel = trip.root.getByRole('region', { name: 'Travellers (3)' });
    await panel.waitFor();
    expect(await panel.getByRole('listitem').allTextContents()).toEqual([
      'Ann Leelead',
      'Bo Lee',
      'Cy Lee, child 7',
    ]);
    // Before, the customer's name and email were typed in the first hold dialog just the same.
  });

  it('holds three seats for them without a name typed', async () => {
    await desk.click(search.tab('Flights'));
    expect(await search.flightForm.getByLabel('Passengers').inputValue()).toBe('3');
    typedBefore += 2; // select the passenger count and type 3
    // Each airport: its code typed, the first match taken with Enter.
    for (const [label, code] of [
      ['From (airport or city)', 'JFK'],
      ['To (airport or city)', 'LHR'],
    ] as const) {
      const field = search.flightForm.getByLabel(label);
      await desk.type(field, code);
      await page.getByRole('option', { name: new RegExp(`^${code}`) }).waitFor();
      await desk.press('Enter');
    }
    await desk.press('Enter');
    const flights = page.getByRole('table', { name: /Flights from JFK to LHR/ });
    await desk.click(flights.getByRole('button', { name: /Choose seats on .*, Economy/ }).first());
    const seats = new HoldDialog(page, /Choose seats/);
    await seats.root.waitFor();
    const picked = await Promise.all(
      [1, 2, 3].map((n) => seats.field(`Passenger ${n}`).locator('option:checked').textContent()),
    );
    expect(picked).toEqual(['Ann Lee', 'Bo Lee', 'Cy Lee, child 7']);
    typedBefore += 'Ann Lee'.length + 'Bo Lee'.length + 'Cy Lee'.length + 2; // names and two Tabs
    await shot(page, 'travellers-flight-hold');
    await desk.click(seats.root.getByRole('button', { name: 'Hold seats' }));
    await seats.root.waitFor({ state: 'detached' });
    await expect.poll(() => trip.heldItems.count()).toBe(1);
  });

  it('searches the hotel in London for three, from the day the flight lands', async () => {
    await desk.click(search.tab('Hotels'));
    await expect.poll(() => search.hotelForm.getByLabel('City').inputValue()).toBe('London');
    expect(await search.hotelForm.getByLabel('Guests per room').inputValue()).toBe('3');
    typedBefore += 'London'.length + 2 + 8 + 8; // the city, the guests, both dates (digits)
    await desk.click(page.getByRole('button', { name: 'Search hotels' }));
    const hotels = search.hotelResults('London');
    await desk.click(hotels.getByRole('button', { name: /^Hold / }).first());
    const room = new HoldDialog(page, 'Hold a room');
    await expect.poll(async () => (await room.root.textContent()) ?? '').toMatch(/3 guests per room/);
    await desk.click(room.root.getByRole('button', { name: 'Hold room' }));
    await room.root.waitFor({ state: 'detached' });
    await expect.poll(() => trip.heldItems.count()).toBe(2);
  });

  it('rents the car at the arrival airport with Bo Lee as the driver', async () => {
    await desk.click(search.tab('Cars'));
    await expect.poll(() => search.rentalStation.inputValue()).toMatch(/^LHR/);
    typedBefore += 2 + 8 + 8; // the station, both dates
    await desk.click(page.getByRole('button', { name: 'Search cars' }));
    await search.carResults.waitFor();
    await desk.click(search.carResults.getByRole('button', { name: /^Hold car / }).first());
    const car = new HoldDialog(page, 'Hold a car');
    const driver = car.root.getByLabel('Driver', { exact: true });
    expect(await driver.locator('option:checked').textContent()).toBe('Ann Lee');
    await desk.choose(driver, { label: 'Bo Lee' });
    await shot(page, 'travellers-car-driver');
    await desk.click(car.root.getByRole('button', { name: 'Hold car' }));
    await car.root.waitFor({ state: 'detached' });
    await expect.poll(() => trip.heldItems.count()).toBe(3);
    await shot(page, 'travellers-basket');
  });

  it('sold them as the server records it, and counts what was saved', async () => {
    const api = await run.api(AGENT);
    const { items } = await api.call<{ items: Trip[] }>('GET', '/api/trips?limit=1');
    const sold = items[0]!;
    const byId = new Map((sold.travellers ?? []).map((t) => [t.id, t.name]));
    const flight = sold.items.find((i): i is FlightItem => i.type === 'flight')!;
    const hotel = sold.items.find((i): i is HotelItem => i.type === 'hotel')!;
    const car = sold.items.find((i): i is CarItem => i.type === 'car')!;
    expect(flight.passengers.map((p) => byId.get(p.travellerId!))).toEqual(['Ann Lee', 'Bo Lee', 'Cy Lee']);
    expect(hotel.guests).toBe(3);
    expect(hotel.checkIn).toBe(flight.arrivalAt!.slice(0, 10));
    expect(car).toMatchObject({ driver: 'Bo Lee', pickUp: hotel.checkIn });
    expect(car.locationCode).toMatch(/^LHR/);
    // Typed once: the family (Bo Lee, Cy Lee, the age, two Enters) costs fewer keys than the names,
    // counts, places and dates the same sale typed item by item.
    const familyKeys = 'Bo Lee'.length + 'Cy Lee'.length + 1 + 2;
    console.log(
      `travellers sale: ${desk.keys} keystrokes, ${desk.clicks} clicks; ` +
        `the family cost ${familyKeys} keys once, the items took ${typedBefore} keys fewer than before`,
    );
    expect(typedBefore).toBeGreaterThan(familyKeys);
  });

  it('records Bo Lee’s birth and passport behind his Docs, then prints the terms as sold on the receipt', async () => {
    const panel = trip.root.getByRole('region', { name: 'Travellers (3)' });
    await panel.getByRole('button', { name: 'Edit travellers' }).click();
    await panel.getByRole('button', { name: 'Documents of traveller 2 (Bo Lee)' }).click();
    const papers = panel.getByRole('group', { name: 'Documents of traveller 2' });
    // The keyboard is in the date of birth: typed in ISO, then the passport, Tab from field to field.
    await page.keyboard.type('1984-02-03');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('x1234567q');
    await page.keyboard.press('Tab');
    await page.keyboard.type('gb');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2031-05-01');
    expect(await papers.getByLabel('Number').inputValue()).toBe('X1234567Q');
    await shot(page, 'travellers-documents');
    await panel.getByRole('button', { name: 'Save travellers' }).click();
    await panel.getByRole('button', { name: 'Edit travellers' }).waitFor();
    expect(await panel.getByRole('listitem').nth(1).textContent()).toMatch(
      /^Bo Leeborn .+1984 · Passport GB X1234567Q, expires .+2031$/,
    );
    await shot(page, 'travellers-documents-saved');

    await trip.payWith('Visa •••• 4242 (test)');
    await trip.paidHeading.waitFor();
    const receipt = await trip.openReceipt('Ann Lee');
    await expect.poll(() => receipt.text(), { timeout: 10_000 }).toContain('Ann Lee');
    const invoice = await receipt.text();
    // Each line says its terms as the server wrote them at sale: the flight's, the stay's, the car's.
    expect(invoice).toMatch(/Cancellation: Non-refundable fare\./);
    expect(invoice).toMatch(
      /Cancellation: Free cancellation until 48 hours before check-in .+ Free until .+ UTC; then a \$[\d,.]+ fee\./,
    );
    expect(invoice).toMatch(/Cancellation: Free cancellation until pick-up; .+ Free until .+ 00:00 UTC\./);
    await shot(page, 'travellers-receipt');
  });

  it('quotes a Premium Economy fee on the fare and the bags chosen, as the hold will write it', async () => {
    await page.keyboard.press('Escape');
    await search.tab('Flights').click();
    const flights = page.getByRole('table', { name: /Flights from JFK to LHR/ });
    await flights.waitFor();
    await flights
      .getByRole('button', { name: /Choose seats on .*, Premium Economy/ })
      .first()
      .click();
    const seats = new HoldDialog(page, /Choose seats/);
    await seats.root.waitFor();
    const before = await seats.terms();
    expect(before).toMatch(/^50% refundable \(\$[\d,.]+ fee\) · extras chosen add to the fee$/);
    await seats.field('Extra checked bag, 23 kg').fill('3');
    await expect.poll(() => seats.terms()).toMatch(/· fee on the fare and extras$/);
    // Half of the price with the bags: the figure the hold writes and a cancellation keeps.
    const price = /\$([\d,]+\.\d\d) with extras/.exec((await seats.root.textContent())!)![1]!;
    const fee = /\(\$([\d,]+\.\d\d) fee\)/.exec(await seats.terms())![1]!;
    const cents = (text: string) => Math.round(Number(text.replace(/,/g, '')) * 100);
    expect(cents(fee)).toBe(cents(price) - Math.floor(cents(price) / 2));
    await shot(page, 'travellers-premium-fee');
    await page.keyboard.press('Escape');
  });
});
