import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Trip } from '@tripdesk/shared';
import { api } from '../api/client.ts';
import { forgetServerClock } from '../live/server-clock.ts';
import { fakeServer, problem, type Reply } from '../test/fake-server.ts';
import { agent, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';
import { carItem, flightItem, heldTrip, NOW, paidTrip } from '../trips/trip-fixtures.ts';
import { useCurrentTrip } from './current-trip-store.ts';
import { HOLD_LOST_WORDS } from './HoldCountdown.tsx';

/** Idempotency-Key of every request, in order. */
let keys: { url: string; key: unknown }[] = [];
let interceptor: number;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: NOW });
  forgetServerClock();
  resetRenderer();
  useCurrentTrip.setState({ tripId: null, changing: null, attempt: null });
  keys = [];
  interceptor = api.interceptors.request.use((config) => {
    keys.push({ url: config.url ?? '', key: config.headers.get('Idempotency-Key') });
    return config;
  });
});
afterEach(() => {
  api.interceptors.request.eject(interceptor);
  vi.useRealTimers();
});

function openTrip(trip: Trip) {
  signInAs(agent);
  useCurrentTrip.getState().open(trip.id);
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: agent })
    .on('GET', `/api/trips/${trip.id}`, () => ({ status: 200, body: trip }));
  renderApp();
  return server;
}

const builder = () => screen.getByRole('complementary', { name: 'Current trip' });
const tick = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('the trip builder', () => {
  it('shows each held item with its countdown, extras and requests, the total and the deadline', async () => {
    openTrip(heldTrip());
    const items = await within(builder()).findAllByRole('listitem');
    const cards = items.filter((li) => li.getAttribute('aria-label'));
    expect(cards.map((li) => li.getAttribute('aria-label'))).toEqual([
      'Hotel stay: Hotel Park Marylebone · Standard Queen',
      'Flight: BA16 JFK → LHR',
      'Car rental: Economy 2/4 door · manual · air conditioning at LHR-A',
    ]);
    expect(
      within(builder())
        .getAllByRole('timer')
        .map((t) => t.textContent),
    ).toEqual(['30:00 left', '29:50 left', '29:40 left']);
    expect(within(cards[0]!).getByText(/Breakfast \(per guest per night\) × 2/).textContent).toContain(
      '$108.00',
    );
    expect(within(cards[0]!).getByText('Special requests: Quiet room')).toBeVisible();
    expect(within(cards[1]!).getByText(/Grace Hopper \(seat 33A\)/)).toBeVisible();
    expect(within(builder()).getByText('$1,107.00')).toBeVisible();
    expect(builder().querySelector('.trip-deadline')?.textContent).toMatch(/Pay by .* \(29:40 left\)$/);
    expect(within(builder()).getByRole('button', { name: 'Pay $1,107.00' })).toBeVisible();

    tick(60_000);
    expect(within(builder()).getAllByRole('timer')[0]!.textContent).toBe('29:00 left');
  });

  it('warns in a banner at five minutes and alerts once at one minute, saying what happens', async () => {
    const trip = heldTrip({ items: [carItem({ holdExpiresAt: new Date(NOW + 301_000).toISOString() })] });
    openTrip(trip);
    await within(builder()).findByRole('timer');
    // The polite live region is there, empty, before the warning arrives in it.
    const status = builder().querySelector<HTMLElement>('.hold-warning-live')!;
    expect(status).toHaveAttribute('role', 'status');
    expect(status).toBeEmptyDOMElement();
    expect(within(builder()).queryByText(/Holds end in/)).toBeNull();

    tick(1000);
    expect(status).toHaveTextContent(/^Holds end in 5:00 — pay now or they go back to inventory/);
    // What is read out says the stage, not every second: it stays while the minutes tick on screen.
    const spoken = status.querySelector('.visually-hidden')?.textContent;
    expect(spoken).toMatch(
      /^Holds end in less than 5 minutes, at .* — pay now or they go back to inventory\.$/,
    );
    tick(1000);
    expect(status).toHaveTextContent(/^Holds end in 4:59 — /);
    expect(status.querySelector('.visually-hidden')?.textContent).toBe(spoken);
    expect(within(builder()).queryByRole('alert')).toBeNull();

    tick(239_000);
    const alert = within(builder()).getByRole('alert');
    expect(alert).toHaveTextContent(/^Holds end in 1:00 — pay now or they go back to inventory/);
    expect(alert.querySelector('.hold-warning-urgent')).not.toBeNull();
    expect(status).toBeEmptyDOMElement();
    tick(30_000);
    // The same alert, not a new one each second: announced once.
    expect(within(builder()).getByRole('alert')).toBe(alert);
    expect(alert).toHaveTextContent(/^Holds end in 0:30 — /);

    tick(30_000);
    expect(within(builder()).queryByRole('alert')).toBeNull();
    expect(within(builder()).getByText(HOLD_LOST_WORDS)).toBeVisible();
  });

  it('shows a hold that runs out on screen as lost at once, asks the server again, and refuses to pay', async () => {
    const trip = heldTrip({ items: [carItem({ holdExpiresAt: new Date(NOW + 5000).toISOString() })] });
    const server = openTrip(trip);
    await within(builder()).findByRole('timer');
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    await user.selectOptions(within(builder()).getByLabelText('Payment method'), 'Visa •••• 4242 (test)');
    const fetchesBefore = server.requests.filter((r) => r.url === '/api/trips/trp_1').length;

    tick(5000);
    expect(within(builder()).getByText(HOLD_LOST_WORDS)).toBeVisible();
    expect(within(builder()).queryByRole('timer')).toBeNull();
    const pay = within(builder()).getByRole('button', { name: /^Pay/ });
    expect(pay.getAttribute('aria-disabled')).toBe('true');
    const reason = document.getElementById(pay.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toMatch(/^Every hold on this trip ran out and went back to inventory\./);
    expect(within(builder()).getByText('Expired')).toBeVisible();
    // Not a DOM change, and the page's intervals are faked: vitest's own polling watches the requests.
    await vi.waitFor(() =>
      expect(server.requests.filter((r) => r.url === '/api/trips/trp_1').length).toBeGreaterThan(
        fetchesBefore,
      ),
    );

    await user.click(pay);
    expect(server.requests.some((r) => r.url.endsWith('/pay'))).toBe(false);
  });

  it('says a decline in words and keeps the holds; a retry resends its key, a new attempt gets a new one', async () => {
    const trip = heldTrip();
    const answers: Reply[] = [
      'unreachable',
      problem(402, 'payment_declined', 'The card was declined.', { declineCode: 'insufficient_funds' }),
      { status: 200, body: paidTrip(trip) },
    ];
    const server = openTrip(trip).on('POST', '/api/trips/trp_1/pay', () => answers.shift()!);
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    const method = await within(builder()).findByLabelText('Payment method');

    // Pay asks for a method first, and sends nothing.
    await user.click(within(builder()).getByRole('button', { name: 'Pay $1,107.00' }));
    expect(within(builder()).getByText('Choose how the customer pays.')).toBeVisible();

    await user.selectOptions(method, 'Card with insufficient funds (test)');
    await user.click(within(builder()).getByRole('button', { name: 'Pay $1,107.00' }));
    expect((await within(builder()).findByRole('alert')).textContent).toMatch(
      /may or may not have gone through: “Retry payment” asks again without charging twice\.$/,
    );

    await user.click(within(builder()).getByRole('button', { name: 'Retry payment' }));
    await waitFor(() =>
      expect(within(builder()).getByRole('alert').textContent).toMatch(
        /^Declined: insufficient funds\. Ask for another card\. The holds are kept until /,
      ),
    );
    expect(within(builder()).getAllByRole('timer')).toHaveLength(3);

    await user.selectOptions(method, 'Visa •••• 4242 (test)');
    await user.click(within(builder()).getByRole('button', { name: 'Pay $1,107.00' }));
    const heading = await within(builder()).findByRole('heading', { name: 'Paid · invoice INV-2026-000001' });
    await waitFor(() => expect(document.activeElement).toBe(heading));

    const pays = keys.filter((k) => k.url === '/api/trips/trp_1/pay').map((k) => k.key);
    expect(pays).toHaveLength(3);
    expect(pays[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(pays[1]).toBe(pays[0]);
    expect(pays[2]).not.toBe(pays[1]);
    expect(server.requests.filter((r) => r.url.endsWith('/pay')).map((r) => r.body)).toEqual([
      { paymentMethodId: 'pm_card_visa_chargeDeclinedInsufficientFunds' },
      { paymentMethodId: 'pm_card_visa_chargeDeclinedInsufficientFunds' },
      { paymentMethodId: 'pm_card_visa' },
    ]);
    expect(within(builder()).getByRole('button', { name: 'Receipt' })).toBeVisible();
    expect(within(builder()).queryAllByRole('timer')).toHaveLength(0);
  });

  it('adds a car to a paid trip on request only, then charges the car alone and shows its own invoice', async () => {
    const sold = paidTrip(heldTrip({ items: [flightItem()] }));
    const car = carItem({ holdExpiresAt: new Date(NOW + 1_800_000).toISOString() });
    const withCar: Trip = {
      ...sold,
      items: [...sold.items, car],
      total: { amount: sold.total.amount + car.price.amount, currency: 'USD' },
      amountDue: car.price,
      holdExpiresAt: car.holdExpiresAt,
      payments: [{ ...sold.payment!, itemIds: [sold.items[0]!.id] }],
    };
    const second = {
      ...sold.payment!,
      transactionId: 'txn_2',
      invoiceNumber: 'INV-2026-000002',
      amount: car.price,
    };
    const paidCar: Trip = {
      ...withCar,
      items: [sold.items[0]!, { ...car, status: 'confirmed', holdExpiresAt: undefined }],
      amountDue: undefined,
      holdExpiresAt: undefined,
      payment: second,
      payments: [withCar.payments![0]!, { ...second, itemIds: [car.id] }],
    };
    let shown: Trip = sold;
    signInAs(agent);
    useCurrentTrip.getState().open(sold.id);
    const server = fakeServer()
      .on('GET', '/api/me', { status: 200, body: agent })
      .on('GET', `/api/trips/${sold.id}`, () => ({ status: 200, body: shown }))
      .on('POST', `/api/trips/${sold.id}/pay`, { status: 200, body: paidCar });
    const { queryClient } = renderApp();
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });

    // A paid trip in the basket takes nothing more until the desk says so.
    await within(builder()).findByRole('heading', { name: 'Paid · invoice INV-2026-000001' });
    expect(useCurrentTrip.getState().extending).toBe(false);
    await user.click(within(builder()).getByRole('button', { name: 'Add to this trip' }));
    expect(useCurrentTrip.getState()).toMatchObject({ tripId: sold.id, extending: true });

    // The car is held on it (as the server would answer): only the car is to pay, against its own deadline.
    shown = withCar;
    await act(() => queryClient.invalidateQueries());
    expect(await within(builder()).findByText(/Paying now charges only the item added since/)).toBeVisible();
    expect(
      within(builder())
        .getAllByRole('timer')
        .map((t) => t.textContent),
    ).toEqual(['30:00 left']);
    await user.selectOptions(within(builder()).getByLabelText('Payment method'), 'Visa •••• 4242 (test)');
    await user.click(within(builder()).getByRole('button', { name: 'Pay $129.00' }));
    const heading = await within(builder()).findByRole('heading', { name: 'Paid · invoice INV-2026-000002' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(
      within(builder()).getByText(/paid on .* for the item added\. Every item is confirmed\./),
    ).toBeVisible();
    expect(server.requests.filter((r) => r.url.endsWith('/pay'))).toHaveLength(1);
  });

  it('pays on Ctrl+Enter from the payment method list, reached with Alt+P', async () => {
    const trip = heldTrip();
    const server = openTrip(trip).on('POST', '/api/trips/trp_1/pay', { status: 200, body: paidTrip(trip) });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    const method = await within(builder()).findByLabelText('Payment method');
    await user.selectOptions(method, 'Visa •••• 4242 (test)');
    // Alt+P puts the keyboard in the payment method from anywhere.
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('{Alt>}p{/Alt}');
    expect(document.activeElement).toBe(method);
    await user.keyboard('{Control>}{Enter}{/Control}');
    await within(builder()).findByRole('heading', { name: 'Paid · invoice INV-2026-000001' });
    expect(server.requests.filter((r) => r.url.endsWith('/pay')).map((r) => r.body)).toEqual([
      { paymentMethodId: 'pm_card_visa' },
    ]);
  });

  it('sells the rest when the clerk chooses to, after one hold was lost', async () => {
    const trip = heldTrip({
      items: [carItem({ id: 'itm_gone', status: 'expired', holdExpiresAt: undefined }), carItem()],
    });
    openTrip(trip);
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    await user.selectOptions(
      await within(builder()).findByLabelText('Payment method'),
      'Visa •••• 4242 (test)',
    );
    const pay = within(builder()).getByRole('button', { name: 'Pay $129.00' });
    expect(pay.getAttribute('aria-disabled')).toBe('true');
    expect(within(builder()).getByText(/^The hold on .* ran out: it is no longer reserved\./)).toBeVisible();
    await user.click(within(builder()).getByLabelText('Sell the rest without the lost item'));
    expect(pay.getAttribute('aria-disabled')).toBeNull();
  });

  it('says so when the trip is gone, and offers a new one', async () => {
    signInAs(agent);
    useCurrentTrip.getState().open('trp_gone');
    fakeServer()
      .on('GET', '/api/me', { status: 200, body: agent })
      .on('GET', '/api/trips/trp_gone', problem(404, 'not_found', 'Trip not found.'));
    renderApp();
    expect((await screen.findByRole('alert')).textContent).toContain('This trip is no longer there');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Start a new trip' }));
    expect(await within(builder()).findByText(/No trip in progress/)).toBeVisible();
  });

  it('holds a lapsed trip again from the basket, says per item what happened, and counts down afresh', async () => {
    const lapsed = heldTrip({
      status: 'expired',
      items: [
        flightItem({ status: 'expired', holdExpiresAt: undefined }),
        carItem({ status: 'expired', holdExpiresAt: undefined }),
      ],
    });
    const newFlight = flightItem({
      id: 'itm_flight2',
      passengers: [{ name: 'Grace Hopper', seat: '34C' }],
      seats: ['34C'],
      holdExpiresAt: new Date(NOW + 1_800_000).toISOString(),
    });
    const heldAgain = heldTrip({
      items: [
        flightItem({ status: 'expired', holdExpiresAt: undefined, heldAgainAs: 'itm_flight2' }),
        carItem({ status: 'expired', holdExpiresAt: undefined }),
        newFlight,
      ],
    });
    const server = openTrip(lapsed).on('POST', '/api/trips/trp_1/hold-again', () => ({
      status: 200,
      body: {
        trip: heldAgain,
        items: [
          {
            itemId: 'itm_flight',
            type: 'flight',
            outcome: 'changed',
            newItemId: 'itm_flight2',
            message: 'Seat 33A was taken; 34C held instead.',
          },
          {
            itemId: 'itm_car',
            type: 'car',
            outcome: 'unavailable',
            message: 'The car (ECMR at LHR-A): Not enough cars of this category left on 2026-12-05.',
          },
        ],
      },
    }));
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    const pay = await within(builder()).findByRole('button', { name: /^Pay/ });
    const reason = document.getElementById(pay.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toMatch(/press Hold again to hold the same items in this trip\.$/);

    await user.click(within(builder()).getByRole('button', { name: 'Hold again' }));
    const list = await within(builder()).findByRole('list', { name: 'Hold again: each item' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Held, changed (flight): Seat 33A was taken; 34C held instead.',
      'Not held (car rental): The car (ECMR at LHR-A): Not enough cars of this category left on 2026-12-05.',
    ]);
    expect(within(builder()).getByText('Held again with a new deadline.')).toBeVisible();
    // The replaced flight is gone from the basket; the new one counts down; the car is still lost.
    const cards = within(builder())
      .getAllByRole('listitem')
      .filter((li) => li.getAttribute('aria-label'));
    expect(cards.map((li) => li.getAttribute('aria-label'))).toEqual([
      'Car rental: Economy 2/4 door · manual · air conditioning at LHR-A',
      'Flight: BA16 JFK → LHR',
    ]);
    expect(
      within(builder())
        .getAllByRole('timer')
        .map((t) => t.textContent),
    ).toEqual(['30:00 left']);
    expect(within(cards[1]!).getByText(/Grace Hopper \(seat 34C\)/)).toBeVisible();
    const hold = keys.filter((k) => k.url === '/api/trips/trp_1/hold-again');
    expect(hold).toHaveLength(1);
    expect(hold[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.requests.filter((r) => r.url.endsWith('/hold-again'))).toHaveLength(1);
  });
});
