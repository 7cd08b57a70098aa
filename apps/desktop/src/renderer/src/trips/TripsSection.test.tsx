import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CancellationQuote, Trip } from '@tripdesk/shared';
import { api } from '../api/client.ts';
import { fakeServer, problem, readUrl } from '../test/fake-server.ts';
import { agent, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';
import { useCurrentTrip } from '../trip-builder/current-trip-store.ts';
import { heldTrip, paidTrip } from './trip-fixtures.ts';
import { useTripsScreen } from './trips-screen-store.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const paid = paidTrip(
  heldTrip({ customer: { name: 'Grace Hopper', email: 'grace@example.com', phone: '+44 20 7946 0000' } }),
);
const open = heldTrip({ id: 'trp_2', customer: { name: 'Alan Turing', email: 'alan@example.com' } });

let listParams: unknown[] = [];
let interceptor: number;
beforeEach(() => {
  resetRenderer();
  useCurrentTrip.setState({ tripId: null, changing: null, attempt: null });
  listParams = [];
  interceptor = api.interceptors.request.use((config) => {
    const { path, query } = readUrl(config.url ?? '');
    if (path === '/api/trips') listParams.push(query);
    return config;
  });
});
afterEach(() => api.interceptors.request.eject(interceptor));

function openTrips(trips: Trip[] = [paid, open]) {
  signInAs(agent);
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: agent })
    .on('GET', '/api/trips', () => ({ status: 200, body: { items: trips } }))
    .on('GET', `/api/trips/${paid.id}`, { status: 200, body: paid })
    .on('GET', `/api/trips/${open.id}`, { status: 200, body: open });
  renderApp();
  return { server, user: userEvent.setup() };
}

async function toTrips(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Trips' }));
  return screen.findByRole('table', { name: 'Trips' });
}

describe('Trips', () => {
  it('lists the trips the clerk may see, searches them and filters by status', async () => {
    const { user } = openTrips();
    const table = await toTrips(user);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => [...r.querySelectorAll('td')].slice(0, 4).map((c) => c.textContent))).toEqual([
      ['Grace Hoppergrace@example.com', 'Paid', 'Hotel stay, Flight, Car rental', '$1,107.00'],
      [
        'Alan Turingalan@example.com',
        'Held, awaiting payment',
        'Hotel stay, Flight, Car rental',
        '$1,107.00',
      ],
    ]);
    await user.type(screen.getByLabelText('Search'), 'grace');
    await user.selectOptions(screen.getByLabelText('Status'), 'Paid');
    await waitFor(() => expect(listParams.at(-1)).toEqual({ status: 'confirmed', q: 'grace' }));
  });

  it('says when nothing matches', async () => {
    const { user } = openTrips([]);
    await user.click(await screen.findByRole('button', { name: 'Trips' }));
    expect(
      await screen.findByText('No trips yet. Trips appear here once a first item is held for a customer.'),
    ).toBeVisible();
    await user.selectOptions(screen.getByLabelText('Status'), 'Cancelled');
    expect(await screen.findByText(/^No trip matches\./)).toBeVisible();
  });

  it('opens a trip with its items, payment and history', async () => {
    const { user } = openTrips();
    const table = await toTrips(user);
    await user.click(within(table).getByRole('button', { name: 'Open the trip of Grace Hopper, Paid' }));
    expect(await screen.findByRole('heading', { name: 'Trip of Grace Hopper' })).toBeVisible();
    expect(screen.getByText('+44 20 7946 0000')).toBeVisible();
    expect(screen.getByText('INV-2026-000001')).toBeVisible();
    const history = screen.getByRole('list', { name: 'History, oldest first' });
    expect(
      within(history)
        .getAllByRole('listitem')
        .map((li) => li.querySelector('.timeline-what')?.textContent),
    ).toEqual([
      'Trip opened',
      'Hotel stay Hotel Park Marylebone · Standard Queen held',
      'Trip on hold (Open → Held, awaiting payment)',
    ]);
    expect(within(history).getAllByText('by you')).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: '← All trips' }));
    expect(await screen.findByRole('table', { name: 'Trips' })).toBeVisible();
  });

  it('carries an open trip back to the trip builder to continue selling', async () => {
    const { user } = openTrips();
    const table = await toTrips(user);
    await user.click(within(table).getByRole('button', { name: /^Open the trip of Alan Turing/ }));
    await user.click(await screen.findByRole('button', { name: 'Continue selling' }));
    expect(useCurrentTrip.getState().tripId).toBe('trp_2');
    const builder = await screen.findByRole('complementary', { name: 'Current trip' });
    expect(await within(builder).findByText('Alan Turing')).toBeVisible();
  });
});

describe('cancelling a trip', () => {
  const quote: CancellationQuote = {
    tripId: paid.id,
    at: '2026-11-21T10:00:00.000Z',
    cancellable: true,
    items: paid.items.map((i) => ({
      itemId: i.id,
      type: i.type,
      status: i.status,
      cancellable: true,
      price: i.price,
      refund: i.type === 'flight' ? usd(0) : i.price,
      fee: i.type === 'flight' ? i.price : usd(0),
      cancellationPolicy: {
        refundable: i.type !== 'flight',
        description: i.type === 'flight' ? 'Non-refundable fare.' : 'Free cancellation until pick-up.',
      },
    })),
    refund: usd(62_400),
    fee: usd(48_300),
  };

  it('shows the refund the policies give before confirming, then what was refunded', async () => {
    const { server, user } = openTrips();
    useTripsScreen.getState().show(paid.id);
    server
      .on('GET', `/api/trips/${paid.id}/cancel-quote`, { status: 200, body: quote })
      .on('POST', `/api/trips/${paid.id}/cancel`, {
        status: 200,
        body: { ...paid, status: 'cancelled', refund: { amount: usd(62_400), status: 'succeeded' } },
      });
    await user.click(await screen.findByRole('button', { name: 'Trips' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel trip…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel the trip of Grace Hopper' });
    const table = await within(dialog).findByRole('table', { name: 'Refund by item' });
    expect(within(table).getByText('Non-refundable')).toBeVisible();
    expect(within(table).getByRole('row', { name: /Refunded to the card/ }).textContent).toContain('$624.00');
    await user.type(within(dialog).getByLabelText('Reason (optional)'), 'Customer is ill');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel trip and refund $624.00' }));
    expect(
      await screen.findByText('The trip is cancelled. $624.00 is refunded to the card (succeeded).'),
    ).toBeVisible();
    const post = server.requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({ reason: 'Customer is ill' });
  });

  it('shows the terms when the server cannot quote, and says when it cannot cancel', async () => {
    const { server, user } = openTrips();
    useTripsScreen.getState().show(paid.id);
    server
      .on(
        'GET',
        `/api/trips/${paid.id}/cancel-quote`,
        problem(404, 'not_found', `There is no GET /trips/${paid.id}/cancel-quote in this API.`),
      )
      .on(
        'POST',
        `/api/trips/${paid.id}/cancel`,
        problem(404, 'not_found', `There is no POST /trips/${paid.id}/cancel in this API.`),
      );
    await user.click(await screen.findByRole('button', { name: 'Trips' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel trip…' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(/This server cannot quote the refund before cancelling/),
    ).toBeVisible();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel trip' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'This server does not offer that yet. Ask your administrator to update it.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Keep the trip' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
