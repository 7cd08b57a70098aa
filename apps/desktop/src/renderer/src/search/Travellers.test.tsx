import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Traveller, Trip } from '@tripdesk/shared';
import { useCurrentTrip } from '../trip-builder/current-trip-store.ts';
import { airportsRoute } from '../test/fake-airports.ts';
import { fakeServer } from '../test/fake-server.ts';
import { agent, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';
import { carItem, flightItem, heldTrip } from '../trips/trip-fixtures.ts';
import { useSearch } from './search-store.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const FAMILY: Traveller[] = [
  { id: 'trv_ann', name: 'Ann Lee', kind: 'adult', lead: true, email: 'ann@example.test' },
  { id: 'trv_bo', name: 'Bo Lee', kind: 'adult', lead: false },
  { id: 'trv_cy', name: 'Cy Lee', kind: 'child', age: 7, lead: false },
];
const openTrip = (over: Partial<Trip> = {}) =>
  heldTrip({ id: 'trp_1', items: [], status: 'open', travellers: FAMILY, ...over });

afterEach(() => vi.useRealTimers());
beforeEach(() => {
  resetRenderer();
  useCurrentTrip.setState({ tripId: null, changing: null, attempt: null });
});

function start(trip: Trip | null) {
  signInAs(agent);
  if (trip) useCurrentTrip.getState().open(trip.id);
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: agent })
    .on('GET', '/api/hotels', { status: 200, body: { items: [], total: 0 } })
    .on('GET', '/api/car-locations', {
      status: 200,
      body: { items: [{ code: 'LHR-A', name: 'Heathrow T5', city: 'London', fleets: [] }] },
    });
  if (trip) server.on('GET', `/api/trips/${trip.id}`, { status: 200, body: trip });
  renderApp();
  return { server, user: userEvent.setup() };
}

const basket = () => screen.getByRole('complementary', { name: 'Current trip' });

describe('travellers typed once', () => {
  it('opens a trip with the family from the basket: the lead is the customer, Enter adds a row', async () => {
    const { server, user } = start(null);
    server.on('GET', '/api/trips/trp_1', { status: 200, body: openTrip() });
    server.on('POST', '/api/trips', (req) => ({
      status: 201,
      body: openTrip({ travellers: FAMILY, customer: (req.body as { customer: Trip['customer'] }).customer }),
    }));
    const form = await within(basket()).findByRole('form', { name: 'New trip' });
    await user.type(within(form).getByLabelText('Customer name'), 'Ann Lee');
    await user.type(within(form).getByLabelText('Customer email'), 'ann@example.test');
    // The lead traveller took the customer's name as it was typed.
    expect(within(form).getByLabelText('Lead traveller name')).toHaveValue('Ann Lee');
    await user.click(within(form).getByLabelText('Lead traveller name'));
    await user.keyboard('{End}{Enter}');
    expect(within(form).getByLabelText('Traveller 2 name')).toHaveFocus();
    await user.keyboard('Bo Lee{Enter}Cy Lee');
    await user.selectOptions(within(form).getByLabelText('Traveller 3 type'), 'child');
    await user.click(within(form).getByRole('button', { name: 'Open trip' }));
    expect(within(form).getByRole('alert').textContent).toBe('Enter Cy Lee’s age (2 to 11 for a child).');
    expect(server.requests.some((r) => r.method === 'POST')).toBe(false);

    await user.type(within(form).getByLabelText('Traveller 3 age'), '7');
    await user.click(within(form).getByRole('button', { name: 'Open trip' }));
    await waitFor(() => expect(useCurrentTrip.getState().tripId).toBe('trp_1'));
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({
      customer: { name: 'Ann Lee', email: 'ann@example.test' },
      travellers: [
        { name: 'Ann Lee', kind: 'adult', email: 'ann@example.test' },
        { name: 'Bo Lee', kind: 'adult' },
        { name: 'Cy Lee', kind: 'child', age: 7 },
      ],
    });
    const panel = await within(basket()).findByRole('region', { name: 'Travellers (3)' });
    expect(
      within(panel)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Ann Leelead', 'Bo Lee', 'Cy Lee, child 7']);
  });

  it('edits the travellers of an open trip, keeping their ids', async () => {
    const trip = openTrip({ travellers: undefined });
    const { server, user } = start(trip);
    server.on('PATCH', '/api/trips/trp_1/travellers', { status: 200, body: openTrip() });
    const panel = await within(basket()).findByRole('region', { name: 'Travellers' });
    await user.click(within(panel).getByRole('button', { name: 'Add travellers' }));
    // A trip without travellers offers its customer as the lead.
    expect(within(panel).getByLabelText('Lead traveller name')).toHaveValue(trip.customer.name);
    await user.click(within(panel).getByRole('button', { name: 'Add child' }));
    await user.keyboard('Kid');
    await user.type(within(panel).getByLabelText('Traveller 2 age'), '4');
    await user.click(within(panel).getByRole('button', { name: 'Save travellers' }));
    await within(basket()).findByRole('region', { name: 'Travellers (3)' });
    expect(server.requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      travellers: [
        { name: trip.customer.name, kind: 'adult', email: trip.customer.email },
        { name: 'Kid', kind: 'child', age: 4 },
      ],
    });
  });

  it('takes a date of birth and a passport behind a row’s Docs, checks them, and lists them', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-11-21T10:00:00Z') });
    const saved = FAMILY.map((t) =>
      t.id === 'trv_bo'
        ? {
            ...t,
            dateOfBirth: '1984-02-03',
            document: { type: 'passport' as const, number: 'X1234567Q', country: 'GB', expiry: '2031-05-01' },
          }
        : t,
    );
    const { server, user } = start(openTrip());
    server.on('PATCH', '/api/trips/trp_1/travellers', { status: 200, body: openTrip({ travellers: saved }) });
    const panel = await within(basket()).findByRole('region', { name: 'Travellers (3)' });
    await user.click(within(panel).getByRole('button', { name: 'Edit travellers' }));
    // Closed until asked for: the rows read as before.
    expect(within(panel).queryByLabelText('Date of birth')).toBeNull();
    const docs = within(panel).getByRole('button', { name: 'Documents of traveller 2 (Bo Lee)' });
    expect(docs).toHaveAttribute('aria-expanded', 'false');
    await user.click(docs);
    expect(docs).toHaveAttribute('aria-expanded', 'true');
    const papers = within(panel).getByRole('group', { name: 'Documents of traveller 2' });
    // The keyboard is in the date of birth; a birth after today is refused before anything is sent.
    expect(within(papers).getByLabelText('Date of birth')).toHaveFocus();
    await user.keyboard('2026-12-24');
    await user.type(within(papers).getByLabelText('Number'), 'x1234567q');
    await user.type(within(papers).getByLabelText('Country'), 'gb');
    await user.type(within(papers).getByLabelText('Expires'), '2031-05-01');
    await user.click(within(panel).getByRole('button', { name: 'Save travellers' }));
    expect(within(panel).getByRole('alert').textContent).toBe('Correct Bo Lee’s date of birth, or clear it.');
    expect(server.requests.some((r) => r.method === 'PATCH')).toBe(false);

    const dob = within(papers).getByLabelText('Date of birth');
    await user.clear(dob);
    await user.type(dob, '1984-02-03');
    await user.click(within(panel).getByRole('button', { name: 'Save travellers' }));
    await waitFor(() => expect(server.requests.some((r) => r.method === 'PATCH')).toBe(true));
    expect(server.requests.find((r) => r.method === 'PATCH')?.body).toMatchObject({
      travellers: [
        { id: 'trv_ann', name: 'Ann Lee' },
        {
          id: 'trv_bo',
          name: 'Bo Lee',
          dateOfBirth: '1984-02-03',
          document: { type: 'passport', number: 'X1234567Q', country: 'GB', expiry: '2031-05-01' },
        },
        { id: 'trv_cy', name: 'Cy Lee', age: 7 },
      ],
    });
    const list = await within(panel).findByRole('list');
    expect(within(list).getAllByRole('listitem')[1]!.textContent).toMatch(
      /^Bo Leeborn .*1984 · Passport GB X1234567Q, expires .*2031$/,
    );
  });

  it('fills the flight’s passengers from the travellers in order, with no name typed', async () => {
    const { server, user } = start(openTrip());
    server
      .on('GET', '/api/availability/flights', {
        status: 200,
        body: {
          results: [
            {
              flightId: 'flt_1',
              flightNumber: 'BA16',
              from: 'JFK',
              to: 'LHR',
              departureAt: '2026-12-05T11:45:00.000Z',
              arrivalAt: '2026-12-05T19:10:00.000Z',
              fareClass: 'Y',
              fareClassName: 'Economy',
              available: 100,
              price: usd(48_300),
              totalPrice: usd(144_900),
            },
          ],
        },
      })
      .on('GET', '/api/airports', airportsRoute)
      .on('GET', '/api/flights/flt_1/seats', {
        status: 200,
        body: { seats: ['30A', '30B', '30C'].map((seat) => ({ seat, fareClass: 'Y', status: 'available' })) },
      })
      .on('POST', '/api/trips/trp_1/items', {
        status: 201,
        body: flightItem({ arrivalAt: '2026-12-05T19:10:00.000Z' }),
      });
    await user.click(await screen.findByRole('tab', { name: 'Flights' }));
    // Three travellers: three passengers, without typing it.
    expect(screen.getByLabelText('Passengers')).toHaveValue(3);
    await user.type(screen.getByLabelText('From (airport or city)'), 'jfk');
    await screen.findByRole('option', { name: /JFK/ });
    await user.keyboard('{Enter}');
    await user.type(screen.getByLabelText('To (airport or city)'), 'lhr');
    await screen.findByRole('option', { name: /LHR/ });
    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Search flights' }));
    const table = await screen.findByRole('table', { name: /Flights from JFK to LHR/ });
    await user.click(within(table).getByRole('button', { name: 'Choose seats on BA16, Economy' }));
    const dialog = await screen.findByRole('dialog', { name: /Choose seats/ });
    expect(within(dialog).getByLabelText('Passenger 1')).toHaveValue('trv_ann');
    expect(within(dialog).getByLabelText('Passenger 3')).toHaveValue('trv_cy');
    expect(within(dialog).queryByLabelText('Passenger 1 name')).toBeNull();
    // Someone else in the last seat is typed; the same traveller twice is refused.
    await user.selectOptions(within(dialog).getByLabelText('Passenger 3'), 'trv_bo');
    await user.click(within(dialog).getByRole('button', { name: 'Hold seats' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Passenger 3 is already passenger 2.');
    await user.selectOptions(within(dialog).getByLabelText('Passenger 3'), 'trv_cy');
    const map = await within(dialog).findByRole('grid', { name: 'Seat map, Economy' });
    await user.click(within(map).getByRole('button', { name: /Seat 30A/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Hold seats' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      passengers: [
        { travellerId: 'trv_ann', seat: '30A' },
        { travellerId: 'trv_bo' },
        { travellerId: 'trv_cy' },
      ],
    });
    // The hotel and car searches now start where and when the flight lands: London, LHR-A, 5 Dec.
    await waitFor(() => expect(useSearch.getState().carDraft?.location).toBe('LHR-A'));
    expect(useSearch.getState().carDraft).toMatchObject({ pickUp: '2026-12-05' });
    expect(useSearch.getState().hotelDraft).toMatchObject({
      city: 'London',
      checkIn: '2026-12-05',
      guests: '3',
    });
  });

  it('counts the hotel’s guests from the travellers and names the car’s driver from them', async () => {
    const { server, user } = start(openTrip());
    // Once the trip is there: its two adults and the child.
    await waitFor(() => expect(screen.getByLabelText('Guests per room')).toHaveValue(3));
    server
      .on('GET', '/api/availability/cars', {
        status: 200,
        body: {
          results: [
            {
              locationCode: 'LHR-A',
              category: 'ECMR',
              available: 3,
              dailyRate: usd(4300),
              totalPrice: usd(12_900),
            },
          ],
          total: 1,
        },
      })
      .on('POST', '/api/trips/trp_1/items', { status: 201, body: carItem() });
    await user.click(screen.getByRole('tab', { name: 'Cars' }));
    await user.selectOptions(await screen.findByLabelText('Rental station'), 'LHR-A');
    await user.click(screen.getByRole('button', { name: 'Search cars' }));
    await user.click(await screen.findByRole('button', { name: /Hold car ECMR/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Hold a car' });
    const driver = within(dialog).getByLabelText('Driver');
    expect(driver).toHaveValue('trv_ann');
    expect(
      within(driver)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Ann Lee', 'Bo Lee', 'Named at the rental desk']);
    await user.selectOptions(driver, 'trv_bo');
    await user.click(within(dialog).getByRole('button', { name: 'Hold car' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      type: 'car',
      driverTravellerId: 'trv_bo',
    });
  });

  it('quotes a W fare’s fee on the fare and the extras chosen, and warns of a passport that runs out first', async () => {
    const papers = FAMILY.map((t) =>
      t.id === 'trv_bo'
        ? {
            ...t,
            document: { type: 'passport' as const, number: 'X1234567Q', country: 'GB', expiry: '2026-12-01' },
          }
        : t,
    );
    const { server, user } = start(openTrip({ travellers: papers }));
    server
      .on('GET', '/api/availability/flights', {
        status: 200,
        body: {
          results: [
            {
              flightId: 'flt_1',
              flightNumber: 'BA16',
              from: 'JFK',
              to: 'LHR',
              departureAt: '2026-12-05T11:45:00.000Z',
              arrivalAt: '2026-12-05T19:10:00.000Z',
              fareClass: 'W',
              fareClassName: 'Premium',
              available: 10,
              price: usd(40_000),
              totalPrice: usd(120_000),
              cancellationPolicy: {
                refundable: true,
                fee: usd(60_000),
                feePercent: 50,
                description: 'Half the price, extras included, is refunded on cancellation.',
              },
              extras: [
                { code: 'extra_bag', name: 'Extra checked bag', price: usd(4500), maxQuantity: 3 },
                { code: 'travel_insurance', name: 'Travel insurance', price: usd(2900), maxQuantity: 3 },
              ],
            },
          ],
        },
      })
      .on('GET', '/api/airports', airportsRoute)
      .on('GET', '/api/flights/flt_1/seats', { status: 200, body: { seats: [] } })
      .on('POST', '/api/trips/trp_1/items', { status: 201, body: flightItem() });
    await user.click(await screen.findByRole('tab', { name: 'Flights' }));
    await user.type(screen.getByLabelText('From (airport or city)'), 'jfk');
    await screen.findByRole('option', { name: /JFK/ });
    await user.keyboard('{Enter}');
    await user.type(screen.getByLabelText('To (airport or city)'), 'lhr');
    await screen.findByRole('option', { name: /LHR/ });
    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Search flights' }));
    const table = await screen.findByRole('table', { name: /Flights from JFK to LHR/ });
    await user.click(within(table).getByRole('button', { name: 'Choose seats on BA16, Premium' }));
    const dialog = await screen.findByRole('dialog', { name: /Choose seats/ });
    const terms = () =>
      within(dialog)
        .getByText(/refundable/)
        .closest('dd')!.textContent;
    expect(terms()).toBe('50% refundable ($600.00 fee) · extras chosen add to the fee');

    // Two bags: the fee the hold will write, half of the fare and the bags.
    const bags = within(dialog).getByLabelText('Extra checked bag, 23 kg');
    await user.clear(bags);
    await user.type(bags, '2');
    expect(terms()).toBe('50% refundable ($645.00 fee) · fee on the fare and extras');
    // Said beside the extras too: the summary may be scrolled out of sight.
    expect(within(dialog).getByText(/^Extras add/).textContent).toBe(
      'Extras add $90.00 · cancellation fee now $645.00',
    );
    expect(
      within(dialog)
        .getByText(/with extras/)
        .closest('dd')!.textContent,
    ).toBe('$1,290.00 with extras ($1,200.00 fare, $400.00 a seat, $90.00 extras)');

    // Bo Lee's passport runs out before the flight: said, and the seats are held all the same.
    expect(within(dialog).getByRole('status').textContent).toMatch(
      /^Bo Lee’s passport expires on Tue, 1 Dec 2026, before this flight on Sat, 5 Dec 2026\./,
    );
    await user.selectOptions(within(dialog).getByLabelText('Passenger 2'), '');
    expect(within(dialog).queryByText(/passport expires/)).toBeNull();
    await user.selectOptions(within(dialog).getByLabelText('Passenger 2'), 'trv_bo');
    await user.click(within(dialog).getByRole('button', { name: 'Hold seats' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      fareClass: 'W',
      extras: [{ code: 'extra_bag', quantity: 2 }],
    });
  });
});
