import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FlightDetail, FlightItem, Trip } from '@tripdesk/shared';
import { fakeServer } from '../test/fake-server.ts';
import { agent, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';
import { useCurrentTrip } from '../trip-builder/current-trip-store.ts';
import { navigate } from '../shell/route.ts';
import { flightItem, heldTrip, paidTrip } from './trip-fixtures.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const paid = paidTrip(heldTrip());
const flight = paid.items.find((i) => i.type === 'flight')! as FlightItem;
const row = (flightId: string, flightNumber: string, departureAt: string, arrivalAt: string) => ({
  flightId,
  flightNumber,
  from: 'JFK',
  to: 'LHR',
  departureAt,
  arrivalAt,
  fareClass: 'Y',
  fareClassName: 'Economy',
  available: 40,
  price: usd(41_000),
});
const fareClasses = (flightId: string): FlightDetail => ({
  id: flightId,
  flightNumber: flightId === 'flt_1' ? 'BA16' : 'BA178',
  from: 'JFK',
  to: 'LHR',
  departureAt: '2026-12-05T11:45:00.000Z',
  arrivalAt: '2026-12-05T19:10:00.000Z',
  fareClasses: [
    {
      code: 'Y',
      name: 'Economy',
      price: usd(flightId === 'flt_1' ? 48_300 : 41_000),
      capacity: 2,
      seats: ['33A', '34A'],
      held: 0,
      booked: 1,
      available: 1,
    },
  ],
});

beforeEach(() => {
  resetRenderer();
  useCurrentTrip.setState({ tripId: null, changing: null, attempt: null });
});

function openPaidTrip() {
  signInAs(agent);
  const changedItem = flightItem({
    status: 'confirmed',
    holdExpiresAt: undefined,
    flightId: 'flt_2',
    flightNumber: 'BA178',
    passengers: [{ name: 'Grace B. Hopper', seat: '34A' }],
    seats: ['34A'],
    price: usd(41_000),
  });
  const after: Trip = { ...paid, items: paid.items.map((i) => (i.id === flight.id ? changedItem : i)) };
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: agent })
    .on('GET', `/api/trips/${paid.id}`, { status: 200, body: paid })
    .on('GET', '/api/flights/flt_1', { status: 200, body: fareClasses('flt_1') })
    .on('GET', '/api/flights/flt_2', { status: 200, body: fareClasses('flt_2') })
    .on('GET', '/api/flights/flt_1/seats', {
      status: 200,
      body: { seats: [{ seat: '33A', fareClass: 'Y', status: 'booked' }] },
    })
    .on('GET', '/api/flights/flt_2/seats', {
      status: 200,
      body: { seats: [{ seat: '34A', fareClass: 'Y', status: 'available' }] },
    })
    .on('GET', '/api/availability/flights', {
      status: 200,
      body: {
        results: [
          row('flt_1', 'BA16', '2026-12-05T11:45:00.000Z', '2026-12-05T19:10:00.000Z'),
          row('flt_2', 'BA178', '2026-12-05T18:30:00.000Z', '2026-12-06T06:40:00.000Z'),
          {
            ...row('flt_2', 'BA178', '2026-12-05T18:30:00.000Z', '2026-12-06T06:40:00.000Z'),
            fareClass: 'J',
          },
        ],
      },
    })
    .on('POST', `/api/trips/${paid.id}/items/${flight.id}/change`, {
      status: 200,
      body: {
        trip: after,
        item: changedItem,
        previousPrice: flight.price,
        refund: { amount: usd(7_300), status: 'succeeded' },
      },
    });
  navigate({ section: 'trips', tripId: paid.id });
  renderApp();
  return { server, user: userEvent.setup() };
}

describe('changing a sold flight', () => {
  it('lists the other flights of the route that day, moves to one with corrected names, and sends only what changed', async () => {
    const { server, user } = openPaidTrip();
    await user.click(await screen.findByRole('button', { name: 'Change BA16 JFK → LHR' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change flight: BA16 JFK → LHR' });
    const select = within(dialog).getByLabelText('Flight');
    await within(select).findByRole('option', { name: /^BA178 · departs / });
    // One option per flight (the search answers per fare class), the flight as sold first.
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      expect.stringMatching(/^BA16 \(as sold\) · departs /),
      expect.stringMatching(/^BA178 · departs .+ · arrives /),
    ]);
    expect(within(dialog).getByLabelText('Flights JFK → LHR on')).toBeVisible();
    expect(
      await within(dialog).findByRole('option', { name: 'Economy (Y) · $483.00 a seat · 1 free' }),
    ).toBeVisible();

    await user.selectOptions(select, 'flt_2');
    // The fare classes and seat map are the chosen flight's.
    expect(
      await within(dialog).findByRole('option', { name: 'Economy (Y) · $410.00 a seat · 1 free' }),
    ).toBeVisible();
    const name = within(dialog).getByLabelText('Passenger 1');
    expect(name).toHaveValue('Grace Hopper');
    await user.clear(name);
    await user.type(name, 'Grace B. Hopper');
    await user.click(within(dialog).getByRole('button', { name: 'Change item' }));

    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.body)).toEqual([
      { type: 'flight', flightId: 'flt_2', passengerNames: ['Grace B. Hopper'] },
    ]);
    expect(await screen.findByText(/refunded/i)).toBeVisible();
  });

  it('corrects a name alone without a card, even when one is chosen', async () => {
    const { server, user } = openPaidTrip();
    await user.click(await screen.findByRole('button', { name: 'Change BA16 JFK → LHR' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change flight: BA16 JFK → LHR' });
    await user.selectOptions(
      within(dialog).getByLabelText('If it costs more, charge the difference to'),
      'pm_card_visa',
    );
    await user.type(within(dialog).getByLabelText('Passenger 1'), ' Jr');
    await user.click(within(dialog).getByRole('button', { name: 'Change item' }));
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { type: 'flight', passengerNames: ['Grace Hopper Jr'] },
    ]);
  });
});
