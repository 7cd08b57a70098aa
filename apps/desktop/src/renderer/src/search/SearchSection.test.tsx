import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HotelAvailabilityRow } from '@tripdesk/shared';
import { api } from '../api/client.ts';
import { useCurrentTrip } from '../trip-builder/current-trip-store.ts';
import { airportsRoute } from '../test/fake-airports.ts';
import { fakeServer, problem, readUrl } from '../test/fake-server.ts';
import { agent, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';
import { flightItem, heldTrip, hotelItem } from '../trips/trip-fixtures.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const ROW: HotelAvailabilityRow = {
  hotelId: 'htl_1',
  hotelName: 'Hotel Park Marylebone',
  city: 'London',
  roomTypeId: 'rmt_1',
  roomTypeName: 'Standard Queen',
  maxOccupancy: 2,
  available: 12,
  nightlyRate: usd(12_900),
  totalPrice: usd(38_700),
  stars: 4,
  amenities: ['wifi', 'breakfast', 'gym'],
  timezone: 'Europe/London',
  // 48 hours before 15:00 London time on the arrival day, 2026-12-05.
  cancellationPolicy: { refundable: true, freeUntil: '2026-12-03T15:00:00.000Z', fee: usd(12_900) },
  extras: [
    { code: 'breakfast', name: 'Breakfast (per guest per night)', price: usd(5_400), maxQuantity: 2 },
    {
      code: 'late_checkout',
      name: 'Late check-out until 14:00 (per room)',
      price: usd(4_000),
      maxQuantity: 1,
    },
  ],
};
const POLICY_WORDS = 'Free cancellation until Thu 3 Dec, 15:00 hotel time; then first night kept ($129.00)';

let params: { url: string; params: unknown; key: unknown }[] = [];
let interceptor: number;

beforeEach(() => {
  resetRenderer();
  useCurrentTrip.setState({ tripId: null, changing: null, attempt: null });
  params = [];
  interceptor = api.interceptors.request.use((config) => {
    const { path, query } = readUrl(config.url ?? '');
    params.push({ url: path, params: query, key: config.headers.get('Idempotency-Key') });
    return config;
  });
});
afterEach(() => api.interceptors.request.eject(interceptor));

function openSearch() {
  signInAs(agent);
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: agent })
    .on('GET', '/api/hotels', {
      status: 200,
      body: {
        items: [
          {
            id: 'htl_1',
            name: 'Hotel Park Marylebone',
            city: 'London',
            country: 'UK',
            timezone: 'Europe/London',
            amenities: [],
            roomTypeCount: 1,
            roomCount: 12,
          },
        ],
        total: 1,
      },
    })
    .on('GET', '/api/availability/hotels', { status: 200, body: { results: [ROW], total: 1 } });
  renderApp();
  return { server, user: userEvent.setup() };
}

async function searchLondon(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('City'), 'London');
  await user.clear(screen.getByLabelText('Check-in'));
  await user.type(screen.getByLabelText('Check-in'), '2026-12-05');
  await user.clear(screen.getByLabelText('Check-out'));
  await user.type(screen.getByLabelText('Check-out'), '2026-12-08');
  await user.click(screen.getByRole('button', { name: 'Search hotels' }));
  return screen.findByRole('table', { name: /Free rooms in London/ });
}

describe('hotel search', () => {
  it('says what is wrong with the dates beside the fields, before asking the server', async () => {
    const { server, user } = openSearch();
    await user.type(await screen.findByLabelText('City'), 'London');
    await user.clear(screen.getByLabelText('Check-in'));
    await user.type(screen.getByLabelText('Check-in'), '2026-12-08');
    await user.clear(screen.getByLabelText('Check-out'));
    await user.type(screen.getByLabelText('Check-out'), '2026-12-05');
    await user.click(screen.getByRole('button', { name: 'Search hotels' }));
    const checkOut = screen.getByLabelText('Check-out');
    expect(checkOut.getAttribute('aria-invalid')).toBe('true');
    // The error first, then the date field's format: check-out starts the day after check-in.
    expect(checkOut).toHaveAccessibleDescription('Choose 12/09/2026 or later. mm/dd/yyyy');
    expect(document.activeElement).toBe(checkOut);
    expect(server.requests.some((r) => readUrl(r.url).path === '/api/availability/hotels')).toBe(false);
  });

  it('searches with the form’s values and lists the rooms with their prices', async () => {
    const { user } = openSearch();
    const table = await searchLondon(user);
    expect(params.find((p) => p.url === '/api/availability/hotels')?.params).toMatchObject({
      city: 'London',
      checkIn: '2026-12-05',
      checkOut: '2026-12-08',
      guests: '2',
      rooms: '1',
    });
    const cells = within(table).getAllByRole('row')[1]!.querySelectorAll('td');
    expect([...cells].map((c) => c.textContent)).toEqual([
      'Hotel Park Marylebone ★★★★Standard Queen · Londonwifibreakfastgym',
      '2',
      '12',
      '$129.00',
      '$387.00',
      POLICY_WORDS,
      'Hold',
    ]);
    // The extras are the same for every room of the search: said once, with their prices for the stay.
    expect(
      screen.getByText('Extras with every offer: Breakfast $54.00 · Late check-out until 14:00 $40.00'),
    ).toBeVisible();
    // Stars read as a number; amenities as a list.
    expect(within(table).getByRole('img', { name: '4 stars' })).toBeVisible();
    const amenities = within(table).getByRole('list', { name: 'Amenities' });
    expect(
      within(amenities)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['wifi', 'breakfast', 'gym']);
    expect(
      within(table).getByRole('button', { name: 'Hold Standard Queen at Hotel Park Marylebone' }),
    ).toBeVisible();
  });

  it('filters by nightly rate, stars and amenities and sorts, by keyboard, and says so when none match', async () => {
    const { server, user } = openSearch();
    await user.type(await screen.findByLabelText('City'), 'London');
    await user.type(screen.getByLabelText('Per night from (USD)'), 'abc');
    await user.click(screen.getByRole('button', { name: 'Search hotels' }));
    const from = screen.getByLabelText('Per night from (USD)');
    expect(from.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(from);
    expect(server.requests.some((r) => readUrl(r.url).path === '/api/availability/hotels')).toBe(false);

    await user.clear(from);
    await user.type(from, '100');
    await user.type(screen.getByLabelText('Per night up to (USD)'), '250.50');
    await user.selectOptions(screen.getByLabelText('Stars'), '4 stars or more');
    const filters = screen.getByRole('group', { name: 'Hotel filters' });
    // Tab to an amenity and tick it with Space, as a desk clerk would.
    within(filters).getByRole('checkbox', { name: 'gym' }).focus();
    await user.keyboard(' ');
    await user.click(within(filters).getByRole('checkbox', { name: 'wifi' }));
    await user.selectOptions(screen.getByLabelText('Sort'), 'Most stars first');
    await user.click(screen.getByRole('button', { name: 'Search hotels' }));
    await screen.findByRole('table', { name: /Free rooms in London/ });
    const hotelSearches = () => params.filter((p) => p.url === '/api/availability/hotels');
    expect(hotelSearches().at(-1)?.params).toMatchObject({
      city: 'London',
      minNightlyRate: '10000',
      maxNightlyRate: '25050',
      stars: '4',
      amenities: 'gym,wifi',
      sort: 'stars',
    });

    // Sort and the ticks apply at once to the results on screen.
    server.on('GET', '/api/availability/hotels', { status: 200, body: { results: [], total: 0 } });
    await user.selectOptions(screen.getByLabelText('Sort'), 'Hotel name');
    await waitFor(() => expect(hotelSearches().at(-1)?.params).toMatchObject({ sort: 'name' }));
    await user.click(within(filters).getByRole('checkbox', { name: 'gym' }));
    await waitFor(() => expect(hotelSearches().at(-1)?.params).toMatchObject({ amenities: 'wifi' }));
    expect(await screen.findByText(/that match the filters/)).toHaveTextContent(
      'Loosen the price, stars or amenities, or try other dates.',
    );
  });

  it('holds a room on a new trip for the customer, checking the customer’s details first', async () => {
    const trip = heldTrip({ items: [], status: 'open', total: usd(0) });
    const { server, user } = openSearch();
    server
      .on('POST', '/api/trips', { status: 201, body: trip })
      .on('POST', '/api/trips/trp_1/items', { status: 201, body: hotelItem() })
      .on('GET', '/api/trips/trp_1', { status: 200, body: heldTrip({ items: [hotelItem()] }) });
    const table = await searchLondon(user);
    await user.click(
      within(table).getByRole('button', { name: 'Hold Standard Queen at Hotel Park Marylebone' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Hold a room' });
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Customer name'));
    // The terms before the hold: the policy in words, each extra's price for this stay.
    expect(within(dialog).getByText(POLICY_WORDS)).toBeVisible();
    expect(within(dialog).getByText('$54.00 each, per guest, every night')).toBeVisible();
    expect(within(dialog).getByText('$40.00 each, per room')).toBeVisible();

    await user.type(within(dialog).getByLabelText('Customer name'), 'Grace Hopper');
    await user.type(within(dialog).getByLabelText('Customer email'), 'grace@');
    await user.click(within(dialog).getByRole('button', { name: 'Open trip and hold room' }));
    const email = within(dialog).getByLabelText('Customer email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(
      within(dialog).getByText('Enter the customer’s email address, e.g. name@example.com.'),
    ).toBeVisible();
    expect(server.requests.some((r) => r.method === 'POST')).toBe(false);

    await user.type(email, 'example.com');
    await user.clear(within(dialog).getByLabelText('Breakfast'));
    await user.type(within(dialog).getByLabelText('Breakfast'), '2');
    expect(within(dialog).getByText('Extras add', { exact: false })).toHaveTextContent('Extras add $108.00');
    await user.type(within(dialog).getByLabelText('Special requests (optional)'), 'Quiet room');
    await user.keyboard('{Escape}');
    // Escape closes; open again: the form starts afresh.
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(
      within(table).getByRole('button', { name: 'Hold Standard Queen at Hotel Park Marylebone' }),
    );
    const again = await screen.findByRole('dialog', { name: 'Hold a room' });
    await user.type(within(again).getByLabelText('Customer name'), 'Grace Hopper');
    await user.type(within(again).getByLabelText('Customer email'), 'grace@example.com{Enter}');

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => [r.url, r.body])).toEqual([
      ['/api/trips', { customer: { name: 'Grace Hopper', email: 'grace@example.com' } }],
      [
        '/api/trips/trp_1/items',
        {
          type: 'hotel',
          roomTypeId: 'rmt_1',
          checkIn: '2026-12-05',
          checkOut: '2026-12-08',
          rooms: 1,
          guests: 2,
        },
      ],
    ]);
    expect(params.filter((p) => p.url.startsWith('/api/trips') && p.key).length).toBe(2);
    expect(useCurrentTrip.getState().tripId).toBe('trp_1');
    const builder = screen.getByRole('complementary', { name: 'Current trip' });
    expect(await within(builder).findByText('Hotel Park Marylebone · Standard Queen')).toBeVisible();
    expect(screen.getByText('Held Standard Queen at Hotel Park Marylebone on the trip.')).toBeVisible();
  });

  it('says in words when the room was sold meanwhile, and keeps the dialog open', async () => {
    useCurrentTrip.getState().open('trp_1');
    const { server, user } = openSearch();
    server
      .on('GET', '/api/trips/trp_1', { status: 200, body: heldTrip({ items: [flightItem()] }) })
      .on('POST', '/api/trips/trp_1/items', problem(409, 'sold_out', 'No rooms left.'));
    const table = await searchLondon(user);
    await user.click(
      within(table).getByRole('button', { name: 'Hold Standard Queen at Hotel Park Marylebone' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Hold a room' });
    // The trip is open already: no customer to ask for.
    expect(within(dialog).queryByLabelText('Customer name')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Hold room' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Not enough left to book for those dates. Pick other dates or another option.',
    );
    expect(server.requests.filter((r) => r.url === '/api/trips').length).toBe(0);
  });
});

describe('flight search', () => {
  it('asks for each passenger’s name before holding seats', async () => {
    useCurrentTrip.getState().open('trp_1');
    const { server, user } = openSearch();
    server
      .on('GET', '/api/trips/trp_1', { status: 200, body: heldTrip({ items: [hotelItem()] }) })
      .on('GET', '/api/availability/flights', {
        status: 200,
        body: {
          results: [
            {
              flightId: 'flt_1',
              flightNumber: 'BA16',
              from: 'JFK',
              to: 'LHR',
              departureAt: '2026-12-05T06:45:00-05:00',
              arrivalAt: '2026-12-05T19:10:00+00:00',
              fareClass: 'Y',
              fareClassName: 'Economy',
              available: 100,
              price: usd(48_300),
              totalPrice: usd(96_600),
            },
          ],
        },
      })
      .on('GET', '/api/flights/flt_1/seats', {
        status: 200,
        body: {
          seats: [
            { seat: '30A', fareClass: 'Y', status: 'available' },
            { seat: '30B', fareClass: 'Y', status: 'held' },
            { seat: '30C', fareClass: 'Y', status: 'available' },
            { seat: '1A', fareClass: 'J', status: 'available' },
          ],
        },
      })
      .on('GET', '/api/airports', airportsRoute)
      .on('POST', '/api/trips/trp_1/items', { status: 201, body: flightItem() });
    await user.click(await screen.findByRole('tab', { name: 'Flights' }));
    await user.type(screen.getByLabelText('From (airport or city)'), 'new york');
    await screen.findByRole('option', { name: /JFK/ });
    await user.keyboard('{Enter}');
    await user.type(screen.getByLabelText('To (airport or city)'), 'lhr');
    await screen.findByRole('option', { name: /LHR/ });
    await user.keyboard('{Enter}');
    await user.clear(screen.getByLabelText('Passengers'));
    await user.type(screen.getByLabelText('Passengers'), '2{Enter}');
    const table = await screen.findByRole('table', { name: /Flights from JFK to LHR/ });
    // Local times at each airport.
    const row = within(table).getByRole('row', { name: /BA16/ });
    expect(within(row).getAllByRole('cell')[1]!.textContent).toBe('06:45 JFKSat, Dec 5');
    expect(within(row).getAllByRole('cell')[2]!.textContent).toBe('19:10 LHRSat, Dec 5');
    await user.click(within(table).getByRole('button', { name: 'Choose seats on BA16, Economy' }));
    const dialog = await screen.findByRole('dialog', { name: /Choose seats · BA16 JFK → LHR/ });
    const map = await within(dialog).findByRole('grid', { name: 'Seat map, Economy' });
    expect(within(map).queryByRole('button', { name: /Seat 1A/ })).toBeNull();
    await user.click(within(map).getByRole('button', { name: 'Seat 30C, window, free' }));
    await user.type(within(dialog).getByLabelText('Passenger 1 name'), 'Grace Hopper');
    await user.click(within(dialog).getByRole('button', { name: 'Hold seats' }));
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'Enter the name of passenger 2, as on their passport.',
    );
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Passenger 2 name'));

    await user.type(within(dialog).getByLabelText('Passenger 2 name'), 'Alan Turing{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({
      type: 'flight',
      flightId: 'flt_1',
      fareClass: 'Y',
      passengers: [{ name: 'Grace Hopper', seat: '30C' }, { name: 'Alan Turing' }],
    });
  });
});

describe('car search', () => {
  it('moves drop-off along when pick-up is moved past it, keeping the rental days', async () => {
    const { server, user } = openSearch();
    server.on('GET', '/api/car-locations', { status: 200, body: { items: [] } });
    await user.click(await screen.findByRole('tab', { name: 'Cars' }));
    // Tomorrow to the day after next: two days.
    expect(screen.getByLabelText('Drop-off')).toHaveValue('11/24/2026');
    await user.clear(screen.getByLabelText('Pick-up'));
    await user.type(screen.getByLabelText('Pick-up'), '12/10/2026');
    await user.tab();
    expect(screen.getByLabelText('Drop-off')).toHaveValue('12/12/2026');
  });
});

describe('search shortcuts', () => {
  it('opens Flights on Alt+2 with the keyboard in the first empty field, and Hotels on Alt+1 at its search button', async () => {
    const { server, user } = openSearch();
    server.on('GET', '/api/airports', airportsRoute);
    server.on('GET', '/api/car-locations', { status: 200, body: { items: [] } });
    await screen.findByRole('tab', { name: 'Hotels' });
    await user.keyboard('{Alt>}2{/Alt}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('From (airport or city)')));
    expect(screen.getByRole('tab', { name: 'Flights' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Flights' })).toHaveAttribute('aria-keyshortcuts', 'Alt+2');

    // A hotel search the trip filled in searches on Enter.
    await user.keyboard('{Alt>}1{/Alt}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('City')));
    await user.keyboard('London');
    await user.keyboard('{Alt>}3{/Alt}');
    await user.keyboard('{Alt>}1{/Alt}');
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Search hotels' })),
    );
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('table', { name: /Free rooms in London/ })).toBeVisible();
  });
});
