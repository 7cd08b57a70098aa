import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CancellationQuote, Trip } from '@tripdesk/shared';
import { api } from '../api/client.ts';
import { fakeServer, problem, readUrl } from '../test/fake-server.ts';
import { admin, agent, desk, renderApp, resetRenderer, SERVER, signInAs } from '../test/render-app.tsx';
import { useCurrentTrip } from '../trip-builder/current-trip-store.ts';
import { heldTrip, paidTrip } from './trip-fixtures.ts';
import { navigate } from '../shell/route.ts';
import { formatInstant, formatLongDate } from '../ui/formats.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const paid = {
  ...paidTrip(
    heldTrip({ customer: { name: 'Grace Hopper', email: 'grace@example.com', phone: '+44 20 7946 0000' } }),
  ),
  travelStart: '2026-12-05',
  travelEnd: '2026-12-08',
  destination: 'London',
};
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
    .on('GET', '/api/trips', () => ({ status: 200, body: { items: trips, total: trips.length } }))
    .on('GET', `/api/trips/${paid.id}`, { status: 200, body: paid })
    .on('GET', `/api/trips/${open.id}`, { status: 200, body: trips.find((t) => t.id === open.id) ?? open });
  renderApp();
  return { server, user: userEvent.setup() };
}

async function toTrips(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Trips' }));
  return screen.findByRole('table', { name: 'Trips' });
}

describe('Trips', () => {
  it('lists the trips with travel dates and destination, searches them and filters by status', async () => {
    const { user } = openTrips();
    const table = await toTrips(user);
    const rows = within(table).getAllByRole('row').slice(1);
    const cells = (r: HTMLElement) =>
      [...r.querySelectorAll('td')].slice(0, 4).map((c) => c.textContent?.replace(/\s+/g, ' '));
    expect(rows.map(cells)).toEqual([
      ['Grace Hoppergrace@example.com', 'Paid', 'Dec 5 – 8, 2026', 'London'],
      ['Alan Turingalan@example.com', 'Held, awaiting payment', '—', '—'],
    ]);
    expect(within(rows[0]!).getByText('INV-2026-000001')).toBeVisible();
    expect(screen.getByRole('navigation', { name: 'Pages of trips' })).toHaveTextContent('1–2 of 2');
    await user.type(screen.getByLabelText('Search'), 'grace');
    await user.selectOptions(screen.getByLabelText('Status'), 'Paid');
    await waitFor(() =>
      expect(listParams.at(-1)).toEqual({ status: 'confirmed', q: 'grace', limit: '50', offset: '0' }),
    );
  });

  it('filters by travel dates, destination, several statuses and who sold it', async () => {
    const { user } = openTrips();
    await toTrips(user);
    await user.type(screen.getByLabelText('Travelling from'), '2026-12-01');
    // The end of the period cannot come before its start: the field names the first day it takes.
    await user.type(screen.getByLabelText('Travelling to'), '2026-11-30');
    await user.tab();
    expect(screen.getByText('Choose 12/01/2026 or later.')).toBeVisible();
    await user.clear(screen.getByLabelText('Travelling to'));
    await user.type(screen.getByLabelText('Travelling to'), '2026-12-31');
    await user.type(screen.getByLabelText('Destination'), 'lis');
    await user.selectOptions(screen.getByLabelText('Status'), 'Active (held or paid)');
    await user.selectOptions(screen.getByLabelText('Sold by'), 'Me');
    await waitFor(() =>
      expect(listParams.at(-1)).toEqual({
        status: 'held,confirmed',
        travelFrom: '2026-12-01',
        travelTo: '2026-12-31',
        destination: 'lis',
        soldBy: agent.id,
        limit: '50',
        offset: '0',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByLabelText('Destination')).toHaveValue('');
    expect(screen.getByLabelText('Travelling from')).toHaveValue('');
    expect(screen.getByLabelText('Status')).toHaveValue('');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });

  it('lets an admin pick any seller, and shows a front desk no seller filter', async () => {
    signInAs(admin);
    fakeServer()
      .on('GET', '/api/me', { status: 200, body: admin })
      .on('GET', '/api/users', { status: 200, body: { items: [admin, agent, desk] } })
      .on('GET', '/api/trips', { status: 200, body: { items: [paid], total: 1 } });
    const view = renderApp();
    const user = userEvent.setup();
    await toTrips(user);
    const seller = screen.getByLabelText('Sold by');
    await within(seller).findByRole('option', { name: agent.name });
    await user.selectOptions(seller, agent.name);
    await waitFor(() => expect(listParams.at(-1)).toMatchObject({ soldBy: agent.id }));
    view.unmount();

    resetRenderer();
    signInAs(desk);
    fakeServer()
      .on('GET', '/api/me', { status: 200, body: desk })
      .on('GET', '/api/trips', { status: 200, body: { items: [paid], total: 1 } });
    renderApp();
    await toTrips(user);
    expect(screen.queryByLabelText('Sold by')).toBeNull();
  });

  it('pages through the server’s trips: 1–50 of 120, next, previous', async () => {
    signInAs(agent);
    const page = Array.from({ length: 50 }, (_, n) =>
      heldTrip({ id: `trp_p${n}`, customer: { name: `Customer ${n}`, email: `c${n}@example.com` } }),
    );
    fakeServer()
      .on('GET', '/api/me', { status: 200, body: agent })
      .on('GET', '/api/trips', { status: 200, body: { items: page, total: 120 } });
    renderApp();
    const user = userEvent.setup();
    await toTrips(user);
    const pager = screen.getByRole('navigation', { name: 'Pages of trips' });
    expect(pager).toHaveTextContent('1–50 of 120');
    expect(within(pager).getByRole('button', { name: '‹ Previous' })).toBeDisabled();
    await user.click(within(pager).getByRole('button', { name: 'Next ›' }));
    await waitFor(() => expect(pager).toHaveTextContent('51–100 of 120'));
    expect(listParams.at(-1)).toEqual({ limit: '50', offset: '50' });
    await user.click(within(pager).getByRole('button', { name: '‹ Previous' }));
    await waitFor(() => expect(pager).toHaveTextContent('1–50 of 120'));
  });

  it('puts the cursor in the search box on "/", and Enter searches at once', async () => {
    const { user } = openTrips();
    await toTrips(user);
    const search = screen.getByLabelText('Search');
    await user.keyboard('/');
    expect(search).toHaveFocus();
    expect(search).toHaveValue('');
    await user.keyboard('INV-2026-000001{Enter}');
    expect(listParams.at(-1)).toEqual({ q: 'INV-2026-000001', limit: '50', offset: '0' });
  });

  it('says when the server cannot list the trips, and tries again', async () => {
    const { server, user } = openTrips();
    server.on('GET', '/api/trips', problem(503, 'service_unavailable', 'The payments store is down.'));
    await user.click(await screen.findByRole('button', { name: 'Trips' }));
    expect(await screen.findByText(/The server is busy or part of it is down/)).toBeVisible();
    server.on('GET', '/api/trips', { status: 200, body: { items: [paid], total: 1 } });
    await user.click(screen.getByRole('button', { name: /Try again/ }));
    expect(await screen.findByRole('table', { name: 'Trips' })).toBeVisible();
  });

  it('opens a trip from the address, and copies its link', async () => {
    navigate({ section: 'trips', tripId: paid.id });
    const { user } = openTrips();
    expect(await screen.findByRole('heading', { name: 'Trip of Grace Hopper' })).toBeVisible();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith(`${SERVER}/#/trips/${paid.id}`);
    expect(await screen.findByText('Link copied')).toBeVisible();
    // A window that refuses the clipboard shows the link, selected, for Ctrl+C.
    writeText.mockImplementation(() => Promise.reject(new Error('denied')));
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await screen.findByRole('textbox', { name: 'Link to this trip' })).toHaveValue(
      `${SERVER}/#/trips/${paid.id}`,
    );
    await user.click(screen.getByRole('button', { name: '← All trips' }));
    expect(window.location.hash).toBe('#/trips');
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

  it('names the trip’s travellers beside its customer, the lead first, with their papers', async () => {
    const { user } = openTrips([
      paid,
      {
        ...open,
        travellers: [
          {
            id: 'trv_a',
            name: 'Alan Turing',
            kind: 'adult',
            lead: true,
            dateOfBirth: '1912-06-23',
            document: { type: 'passport', number: 'X1234567Q', country: 'GB', expiry: '2031-05-01' },
          },
          { id: 'trv_b', name: 'Ada Turing', kind: 'child', age: 9, lead: false },
        ],
      },
    ]);
    const table = await toTrips(user);
    await user.click(within(table).getByRole('link', { name: /Open the trip of Alan Turing/ }));
    const list = await screen.findByRole('list', { name: 'Travellers' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      `Alan Turing (lead)born ${formatLongDate('1912-06-23')} · Passport GB X1234567Q, expires ${formatLongDate('2031-05-01')}`,
      'Ada Turing, child 9',
    ]);
  });

  it('words each item’s terms as sold, as the receipt does', async () => {
    const policy = {
      refundable: true,
      freeUntil: '2026-12-03T15:00:00.000Z',
      fee: usd(24_000),
      description: 'Free cancellation until 48 hours before check-in; after that the first night is charged.',
    };
    const sold = { ...paid, items: paid.items.map((i) => ({ ...i, cancellationPolicy: policy })) };
    signInAs(agent);
    fakeServer()
      .on('GET', '/api/me', { status: 200, body: agent })
      .on('GET', `/api/trips/${paid.id}`, { status: 200, body: sold });
    navigate({ section: 'trips', tripId: paid.id });
    renderApp();
    expect(
      await screen.findAllByText(
        `Terms: Free cancellation until 48 hours before check-in; after that the first night is charged. ` +
          `Free until ${formatInstant(policy.freeUntil)}; then a $240.00 fee.`,
      ),
    ).toHaveLength(sold.items.length);
  });

  it('opens a trip with its items, payment and history', async () => {
    const { user } = openTrips();
    const table = await toTrips(user);
    await user.click(within(table).getByRole('link', { name: 'Open the trip of Grace Hopper, Paid' }));
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

  it('returns to the trip left open when the Trips tab is chosen again, and to the list from it', async () => {
    const { user } = openTrips();
    const table = await toTrips(user);
    await user.click(within(table).getByRole('link', { name: 'Open the trip of Grace Hopper, Paid' }));
    expect(await screen.findByRole('heading', { name: 'Trip of Grace Hopper' })).toBeVisible();
    expect(window.location.hash).toBe(`#/trips/${paid.id}`);
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(window.location.hash).toBe('#/search'));
    await user.click(screen.getByRole('button', { name: 'Trips' }));
    expect(await screen.findByRole('heading', { name: 'Trip of Grace Hopper' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: '← All trips' }));
    expect(await screen.findByRole('table', { name: 'Trips' })).toBeVisible();
    expect(window.location.hash).toBe('#/trips');
  });

  it('carries an open trip back to the trip builder to continue selling', async () => {
    const { user } = openTrips();
    const table = await toTrips(user);
    await user.click(within(table).getByRole('link', { name: /^Open the trip of Alan Turing/ }));
    await user.click(await screen.findByRole('button', { name: 'Continue selling' }));
    expect(useCurrentTrip.getState().tripId).toBe('trp_2');
    const builder = await screen.findByRole('complementary', { name: 'Current trip' });
    expect(await within(builder).findByText('Alan Turing')).toBeVisible();
  });

  it('lists each payment of a trip paid twice with its receipt, and adds to a paid trip from it', async () => {
    const [stay] = paid.items;
    const twice: Trip = {
      ...paid,
      payments: [
        { ...paid.payment!, itemIds: paid.items.filter((i) => i !== stay).map((i) => i.id) },
        {
          ...paid.payment!,
          invoiceNumber: 'INV-2026-000007',
          transactionId: 'txn_7',
          amount: stay!.price,
          itemIds: [stay!.id],
        },
      ],
    };
    signInAs(agent);
    const server = fakeServer()
      .on('GET', '/api/me', { status: 200, body: agent })
      .on('GET', `/api/trips/${paid.id}`, { status: 200, body: twice })
      .on('GET', `/api/trips/${paid.id}/receipt.html`, {
        status: 200,
        body: '<html><body>INV-2026-000007</body></html>',
      });
    navigate({ section: 'trips', tripId: paid.id });
    renderApp();
    const user = userEvent.setup();
    const money = await screen.findByRole('region', { name: 'Payment' });
    expect(within(money).getByText('Sale paid')).toBeVisible();
    expect(within(money).getByText('Added items paid')).toBeVisible();
    expect(within(money).getByText(/for Hotel stay: Hotel Park Marylebone · Standard Queen/)).toBeVisible();
    const receipts = within(money).getAllByRole('button', { name: 'Receipt' });
    expect(receipts).toHaveLength(2);
    await user.click(receipts[1]!);
    await waitFor(() =>
      expect(server.requests.map((r) => r.url)).toContain(
        `/api/trips/${paid.id}/receipt.html?invoice=INV-2026-000007`,
      ),
    );
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Add to this trip' }));
    expect(useCurrentTrip.getState()).toMatchObject({ tripId: paid.id, extending: true });
    await waitFor(() => expect(window.location.hash).toBe('#/search'));
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
    navigate({ section: 'trips', tripId: paid.id });
    server
      .on('GET', `/api/trips/${paid.id}/cancel-quote`, { status: 200, body: quote })
      .on('POST', `/api/trips/${paid.id}/cancel`, {
        status: 200,
        body: { ...paid, status: 'cancelled', refund: { amount: usd(62_400), status: 'succeeded' } },
      });
    await user.click(await screen.findByRole('button', { name: 'Cancel trip…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel the trip of Grace Hopper' });
    const table = await within(dialog).findByRole('table', { name: 'Refund by item' });
    expect(within(table).getByText('Non-refundable: the whole price is kept.')).toBeVisible();
    expect(within(table).getByRole('row', { name: /Refunded to the card/ }).textContent).toContain('$624.00');
    await user.type(within(dialog).getByLabelText('Reason (optional)'), 'Customer is ill');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel trip and refund $624.00' }));
    expect(
      await screen.findByText('The trip is cancelled. $624.00 is refunded to the card (succeeded).'),
    ).toBeVisible();
    // The keyboard follows to the outcome's one button.
    expect(screen.getByRole('button', { name: 'Done' })).toHaveFocus();
    const post = server.requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({ reason: 'Customer is ill' });
  });

  it('shows the terms when the server cannot quote, and says when it cannot cancel', async () => {
    const { server, user } = openTrips();
    navigate({ section: 'trips', tripId: paid.id });
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
