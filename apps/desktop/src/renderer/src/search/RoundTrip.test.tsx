import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type {
  AddFlightItemRequest,
  FlightAvailabilityRow,
  FlightItem,
  Traveller,
  Trip,
} from '@tripdesk/shared';
import { useCurrentTrip } from '../trip-builder/current-trip-store.ts';
import { airportsRoute } from '../test/fake-airports.ts';
import { fakeServer, readUrl, type SeenRequest } from '../test/fake-server.ts';
import { agent, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';
import { flightItem, heldTrip, hotelItem, NOW } from '../trips/trip-fixtures.ts';
import { useSearch } from './search-store.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const at = (seconds: number) => new Date(NOW + seconds * 1000).toISOString();
const FAMILY: Traveller[] = [
  { id: 'trv_ann', name: 'Ann Lee', kind: 'adult', lead: true },
  { id: 'trv_bo', name: 'Bo Lee', kind: 'adult', lead: false },
];

function row(over: Partial<FlightAvailabilityRow>): FlightAvailabilityRow {
  return {
    flightId: 'flt_out',
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
    ...over,
  };
}
const OUT = row({});
const BACK = row({
  flightId: 'flt_back',
  flightNumber: 'BA17',
  from: 'LHR',
  to: 'JFK',
  departureAt: '2026-12-12T09:20:00+00:00',
  arrivalAt: '2026-12-12T11:45:00-05:00',
});

/** Each direction's fares: JFK→LHR the outbound, LHR→JFK the return. */
function flights(request: SeenRequest) {
  const { from } = readUrl(request.url).query;
  return { status: 200, body: { results: from === 'JFK' ? [OUT] : from === 'LHR' ? [BACK] : [], total: 1 } };
}

beforeEach(() => {
  resetRenderer();
  useCurrentTrip.setState({ tripId: null, changing: null, attempt: null });
});

/**
 * The agent's search beside a trip that the fake server keeps: every flight held is added to it,
 * with its own hold of 30 minutes from when it was held (the outbound first, the return 40 s later).
 */
function start(initial: Trip) {
  signInAs(agent);
  useCurrentTrip.getState().open(initial.id);
  let trip = initial;
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: agent })
    .on('GET', '/api/hotels', { status: 200, body: { items: [], total: 0 } })
    .on('GET', '/api/car-locations', {
      status: 200,
      body: { items: [{ code: 'LHR-A', name: 'Heathrow T5', city: 'London', fleets: [] }] },
    })
    .on('GET', '/api/airports', airportsRoute)
    .on('GET', '/api/availability/flights', flights)
    .on('GET', '/api/flights/flt_out/seats', { status: 200, body: { seats: [] } })
    .on('GET', '/api/flights/flt_back/seats', { status: 200, body: { seats: [] } })
    .on('GET', `/api/trips/${initial.id}`, () => ({ status: 200, body: trip }))
    .on('POST', `/api/trips/${initial.id}/items`, (request) => {
      const body = request.body as AddFlightItemRequest;
      const offer = body.flightId === OUT.flightId ? OUT : BACK;
      const n = trip.items.length;
      const item: FlightItem = flightItem({
        id: `itm_${n}`,
        flightId: offer.flightId,
        flightNumber: offer.flightNumber,
        from: offer.from,
        to: offer.to,
        departureAt: offer.departureAt,
        arrivalAt: offer.arrivalAt,
        holdExpiresAt: at(1800 + 40 * n),
        passengers: body.passengers.map((p) => ({
          name: FAMILY.find((t) => t.id === p.travellerId)?.name ?? p.name ?? '',
          ...(p.travellerId ? { travellerId: p.travellerId } : {}),
        })),
        seats: [],
      });
      const items = [...trip.items, item];
      trip = { ...trip, status: 'held', items, holdExpiresAt: items[0]!.holdExpiresAt };
      return { status: 201, body: item };
    });
  renderApp();
  return { server, user: userEvent.setup(), trip: () => trip };
}

const openTrip = (over: Partial<Trip> = {}) =>
  heldTrip({ id: 'trp_1', items: [], status: 'open', travellers: FAMILY, holdExpiresAt: undefined, ...over });

async function pickRoute(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('From (airport or city)'), 'jfk');
  await screen.findByRole('option', { name: /JFK/ });
  await user.keyboard('{Enter}');
  await user.type(screen.getByLabelText('To (airport or city)'), 'lhr');
  await screen.findByRole('option', { name: /LHR/ });
  await user.keyboard('{Enter}');
}

const searches = (server: { requests: SeenRequest[] }) =>
  server.requests
    .filter((r) => readUrl(r.url).path === '/api/availability/flights')
    .map((r) => {
      const { from, to, date, passengers } = readUrl(r.url).query;
      return { from, to, date, passengers };
    });

describe('round trip or one-way in the agent’s flight search', () => {
  it('searches the outbound and the return at once and lists each under its route and day', async () => {
    const { server, user } = start(openTrip());
    await user.click(await screen.findByRole('tab', { name: 'Flights' }));
    // A round trip unless said otherwise: tomorrow, back a week later; the two travellers fly.
    const trip = screen.getByRole('radiogroup', { name: 'Trip' });
    expect(within(trip).getByRole('radio', { name: 'Round trip' })).toBeChecked();
    expect(screen.getByLabelText('Departure date')).toHaveValue('11/22/2026');
    expect(screen.getByLabelText('Return date')).toHaveValue('11/29/2026');
    await waitFor(() => expect(screen.getByLabelText('Passengers')).toHaveValue(2));
    await pickRoute(user);
    await user.clear(screen.getByLabelText('Departure date'));
    await user.type(screen.getByLabelText('Departure date'), '12/05/2026');
    await user.clear(screen.getByLabelText('Return date'));
    await user.type(screen.getByLabelText('Return date'), '12/12/2026{Enter}');

    const outbound = await screen.findByRole('region', {
      name: 'Outbound JFK → LHR Sat, Dec 5, 2026 · 1 fare',
    });
    const back = await screen.findByRole('region', { name: 'Return LHR → JFK Sat, Dec 12, 2026 · 1 fare' });
    expect(
      within(outbound).getByRole('table', { name: 'Flights from JFK to LHR on Sat, Dec 5, 2026' }),
    ).toBeVisible();
    const backRow = within(back).getByRole('row', { name: /BA17/ });
    expect(within(backRow).getAllByRole('cell')[1]!.textContent).toBe('09:20 LHRSat, Dec 12');
    expect(within(backRow).getByRole('button', { name: 'Choose seats on BA17, Economy' })).toBeVisible();
    expect(searches(server)).toEqual([
      { from: 'JFK', to: 'LHR', date: '2026-12-05', passengers: '2' },
      { from: 'LHR', to: 'JFK', date: '2026-12-12', passengers: '2' },
    ]);
    expect(screen.getByText('1 outbound fare and 1 return fare with free seats.')).toBeInTheDocument();
  });

  it('keeps the return on or after the departure, and one-way searches one list', async () => {
    const { server, user } = start(openTrip());
    await user.click(await screen.findByRole('tab', { name: 'Flights' }));
    await pickRoute(user);
    // Departure moved past the return: the return moves along, the trip keeps its seven days.
    await user.clear(screen.getByLabelText('Departure date'));
    await user.type(screen.getByLabelText('Departure date'), '12/20/2026');
    await user.tab();
    expect(screen.getByLabelText('Return date')).toHaveValue('12/27/2026');
    // The return may not leave before the outbound.
    await user.clear(screen.getByLabelText('Return date'));
    await user.type(screen.getByLabelText('Return date'), '12/19/2026');
    await user.click(screen.getByRole('button', { name: 'Search flights' }));
    expect(screen.getByLabelText('Return date')).toHaveAccessibleDescription(
      'Choose 12/20/2026 or later. mm/dd/yyyy',
    );
    expect(screen.getByLabelText('Return date')).toHaveFocus();
    expect(searches(server)).toEqual([]);

    // One-way, by keyboard: the return date goes, one list comes.
    await user.click(screen.getByRole('radio', { name: 'Round trip' }));
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('radio', { name: 'One-way' })).toBeChecked();
    expect(screen.queryByLabelText('Return date')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Search flights' }));
    await screen.findByRole('table', { name: /Flights from JFK to LHR/ });
    expect(screen.queryByRole('region', { name: /^Outbound/ })).toBeNull();
    expect(screen.queryByRole('table', { name: /Flights from LHR to JFK/ })).toBeNull();
    expect(searches(server)).toEqual([{ from: 'JFK', to: 'LHR', date: '2026-12-20', passengers: '2' }]);

    // Back to a round trip: the return date the form had comes back with it.
    await user.click(screen.getByRole('radio', { name: 'Round trip' }));
    expect(screen.getByLabelText('Return date')).toHaveValue('12/27/2026');
  });

  it('flies out on the stay’s check-in and back on its check-out when the trip has one', async () => {
    const { user } = start(openTrip({ status: 'held', items: [hotelItem()] }));
    await waitFor(() => expect(useCurrentTrip.getState().tripId).toBe('trp_1'));
    await screen.findByRole('listitem', { name: /^Hotel stay/ });
    await user.click(screen.getByRole('tab', { name: 'Flights' }));
    expect(screen.getByLabelText('Departure date')).toHaveValue('12/05/2026');
    expect(screen.getByLabelText('Return date')).toHaveValue('12/08/2026');
  });

  it('holds the outbound and then the return on the same trip, the same passengers, one deadline', async () => {
    const { server, user, trip } = start(openTrip());
    await user.click(await screen.findByRole('tab', { name: 'Flights' }));
    await pickRoute(user);
    await user.clear(screen.getByLabelText('Departure date'));
    await user.type(screen.getByLabelText('Departure date'), '12/05/2026');
    await user.clear(screen.getByLabelText('Return date'));
    await user.type(screen.getByLabelText('Return date'), '12/12/2026{Enter}');
    const outbound = await screen.findByRole('table', { name: /Flights from JFK to LHR/ });
    await user.click(within(outbound).getByRole('button', { name: 'Choose seats on BA16, Economy' }));
    const out = await screen.findByRole('dialog', { name: 'Choose seats · BA16 JFK → LHR (outbound)' });
    // Bo flies first this time: the return will seat them the same way.
    await user.selectOptions(within(out).getByLabelText('Passenger 1'), 'trv_bo');
    await user.selectOptions(within(out).getByLabelText('Passenger 2'), 'trv_ann');
    await user.click(within(out).getByRole('button', { name: 'Hold seats' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // The keyboard is on the return's first fare, and the desk is told what comes next.
    const back = screen.getByRole('table', { name: /Flights from LHR to JFK/ });
    await waitFor(() =>
      expect(within(back).getByRole('button', { name: 'Choose seats on BA17, Economy' })).toHaveFocus(),
    );
    expect(
      screen.getByText(
        'Held outbound BA16 JFK → LHR on the trip. Now the return, LHR → JFK on Sat, Dec 12, 2026.',
      ),
    ).toBeVisible();
    // The outbound list marks the fare on the trip.
    await within(outbound).findByText('On the trip');

    await user.keyboard('{Enter}');
    const ret = await screen.findByRole('dialog', { name: 'Choose seats · BA17 LHR → JFK (return)' });
    expect(within(ret).getByText('As on BA16 JFK → LHR, in the same order.')).toBeVisible();
    expect(within(ret).getByLabelText('Passenger 1')).toHaveValue('trv_bo');
    expect(within(ret).getByLabelText('Passenger 2')).toHaveValue('trv_ann');
    await user.click(within(ret).getByRole('button', { name: 'Hold seats' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const posts = server.requests.filter((r) => r.method === 'POST').map((r) => r.body);
    expect(posts).toEqual([
      {
        type: 'flight',
        flightId: 'flt_out',
        fareClass: 'Y',
        passengers: [{ travellerId: 'trv_bo' }, { travellerId: 'trv_ann' }],
      },
      {
        type: 'flight',
        flightId: 'flt_back',
        fareClass: 'Y',
        passengers: [{ travellerId: 'trv_bo' }, { travellerId: 'trv_ann' }],
      },
    ]);
    expect(server.requests.some((r) => r.method === 'POST' && r.url === '/api/trips')).toBe(false);
    // One deadline in the basket: the outbound's, held first, not the return's 40 s later.
    const basket = screen.getByRole('complementary', { name: 'Current trip' });
    await within(basket).findByRole('listitem', { name: 'Flight: BA17 LHR → JFK' });
    expect(within(basket).getAllByText(/^Pay by /)).toHaveLength(1);
    expect(within(basket).getByText(/\(30:00 left\)|\(29:\d\d left\)/)).toBeVisible();
    expect(trip().holdExpiresAt).toBe(at(1800));

    // The stay and the car: from landing in London to the return's day.
    await waitFor(() =>
      expect(useSearch.getState().hotelDraft).toMatchObject({
        city: 'London',
        checkIn: '2026-12-05',
        checkOut: '2026-12-12',
        guests: '2',
      }),
    );
    expect(useSearch.getState().carDraft).toMatchObject({
      location: 'LHR-A',
      pickUp: '2026-12-05',
      dropOff: '2026-12-12',
    });
  });
});
