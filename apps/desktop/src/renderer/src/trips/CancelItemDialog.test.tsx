import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CancellationQuote, Trip } from '@tripdesk/shared';
import { fakeServer, problem, type Reply } from '../test/fake-server.ts';
import { agent, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';
import { useCurrentTrip } from '../trip-builder/current-trip-store.ts';
import { heldTrip, NOW, paidTrip } from './trip-fixtures.ts';
import { navigate } from '../shell/route.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const iso = (ms: number) => new Date(ms).toISOString();
const paid = paidTrip(heldTrip());
const hotel = paid.items.find((i) => i.type === 'hotel')!;
const HOTEL_CANCEL = 'Cancel item Hotel Park Marylebone · Standard Queen';
const FLIGHT_CANCEL = 'Cancel item BA16 JFK → LHR';
const HOTEL_DIALOG = 'Cancel hotel stay Hotel Park Marylebone · Standard Queen';

/** The hotel's quote: free until two days on, or (after it) a $50 fee kept. */
function hotelQuote(refund: number, freeUntil = iso(NOW + 2 * 86_400_000)): CancellationQuote {
  return {
    tripId: paid.id,
    at: iso(NOW),
    cancellable: true,
    items: [
      {
        itemId: hotel.id,
        type: 'hotel',
        status: 'confirmed',
        cancellable: true,
        price: hotel.price,
        refund: usd(refund),
        fee: usd(hotel.price.amount - refund),
        cancellationPolicy: {
          refundable: true,
          freeUntil,
          fee: usd(5000),
          description: 'Free cancellation until 48 hours before check-in',
        },
      },
    ],
    refund: usd(refund),
    fee: usd(hotel.price.amount - refund),
  };
}

/** The trip as the server answers the cancel: the hotel cancelled, its refund (the total is what was sold). */
const afterCancel = (refundStatus: 'succeeded' | 'pending' | 'failed' = 'succeeded'): Trip => ({
  ...paid,
  items: paid.items.map((i) => (i.id === hotel.id ? { ...i, status: 'cancelled' } : i)),
  refund: { amount: hotel.price, status: refundStatus },
});

beforeEach(() => {
  resetRenderer();
  useCurrentTrip.setState({ tripId: null, changing: null, attempt: null });
});

function openPaidTrip(quotes: () => Reply, cancelled: Reply = { status: 200, body: afterCancel() }) {
  signInAs(agent);
  let trip: Trip = paid;
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: agent })
    .on('GET', '/api/trips', () => ({ status: 200, body: { items: [trip] } }))
    .on('GET', `/api/trips/${paid.id}`, () => ({ status: 200, body: trip }))
    .on('GET', `/api/trips/${paid.id}/items/${hotel.id}/cancel-quote`, quotes)
    .on('POST', `/api/trips/${paid.id}/items/${hotel.id}/cancel`, () => {
      if (cancelled !== 'unreachable' && cancelled.status === 200) trip = cancelled.body as Trip;
      return cancelled;
    });
  navigate({ section: 'trips', tripId: paid.id });
  renderApp();
  return { server, user: userEvent.setup() };
}

const posts = (server: ReturnType<typeof fakeServer>) => server.requests.filter((r) => r.method === 'POST');

async function openDialog(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Trips' }));
  await user.click(await screen.findByRole('button', { name: HOTEL_CANCEL }));
  return screen.findByRole('dialog', { name: HOTEL_DIALOG });
}

describe('cancelling one item of a paid trip', () => {
  it('offers it on each sold item, shows the quote in words, and cancels from the confirm button only', async () => {
    const { server, user } = openPaidTrip(() => ({ status: 200, body: hotelQuote(hotel.price.amount) }));
    await user.click(await screen.findByRole('button', { name: 'Trips' }));
    expect(await screen.findByRole('button', { name: FLIGHT_CANCEL })).toBeVisible();
    const dialog = await openDialog(user);

    // The reason has the keyboard; the quote says what comes back, what is kept and why.
    const reason = within(dialog).getByLabelText('Reason (optional)');
    expect(reason).toHaveFocus();
    const figures = await within(dialog).findByLabelText('Refund');
    expect(figures).toHaveTextContent('Refunded to the card$495.00');
    expect(figures).toHaveTextContent(/Kept\$0\.00Free cancellation until .*: refunded in full\./);
    // The terms as sold, as the server wrote them on the item (the receipt's words): not re-derived here.
    expect(
      within(dialog).getByText(
        /^Sold as: Free cancellation until 48 hours before check-in\. Free until .+; then a \$50\.00 fee\.$/,
      ),
    ).toBeVisible();
    expect(within(dialog).getByText(/^Only this item is cancelled/)).toBeVisible();

    // Enter in the reason writes a new line; it never cancels.
    await user.type(reason, 'Customer is ill{Enter}');
    expect(posts(server)).toHaveLength(0);

    const confirm = within(dialog).getByRole('button', { name: 'Cancel item and refund $495.00' });
    confirm.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('The item is cancelled. $495.00 is refunded to the card.')).toBeVisible();
    expect(posts(server).map((r) => r.body)).toEqual([{ reason: 'Customer is ill' }]);

    // The keyboard moves to Done with the outcome.
    expect(screen.getByRole('button', { name: 'Done' })).toHaveFocus();
    await user.keyboard('{Enter}');
    // The detail shows the item cancelled, the new total and the refund line.
    const row = (await screen.findByText('Hotel Park Marylebone · Standard Queen')).closest('tr')!;
    expect(within(row).getByText('Cancelled')).toBeVisible();
    expect(within(row).queryByRole('button', { name: HOTEL_CANCEL })).toBeNull();
    const money = screen.getByRole('region', { name: 'Payment' });
    expect(money).toHaveTextContent('Refund$495.00 (succeeded)');
    expect(money).toHaveTextContent('Net after refunds$612.00');
    expect(screen.getByRole('button', { name: FLIGHT_CANCEL })).toBeVisible();
  });

  it('explains a fee kept after free cancellation ended, and a non-refundable item', async () => {
    const ended = iso(NOW - 3600_000);
    const { user } = openPaidTrip(() => ({ status: 200, body: hotelQuote(44_500, ended) }));
    const dialog = await openDialog(user);
    const figures = await within(dialog).findByLabelText('Refund');
    expect(figures).toHaveTextContent('Refunded to the card$445.00');
    expect(figures).toHaveTextContent(
      /Kept\$50\.00Free cancellation ended .*: a cancellation fee of \$50\.00 is kept\./,
    );
    expect(within(dialog).getByRole('button', { name: 'Cancel item and refund $445.00' })).toBeVisible();
  });

  it('stops when the refund changed since it was shown, and cancels once confirmed again', async () => {
    let asked = 0;
    const { server, user } = openPaidTrip(() => {
      asked += 1;
      // The first quote is free; by the time the clerk confirms, free cancellation has ended.
      return { status: 200, body: asked === 1 ? hotelQuote(49_500) : hotelQuote(44_500, iso(NOW - 1000)) };
    });
    const dialog = await openDialog(user);
    await user.click(await within(dialog).findByRole('button', { name: 'Cancel item and refund $495.00' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The refund changed since it was quoted: $495.00 then, $445.00 now. Nothing was cancelled: check the new figures and confirm again.',
    );
    expect(posts(server)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel item and refund $445.00' }));
    await waitFor(() => expect(posts(server)).toHaveLength(1));
  });

  it('says an item already cancelled cannot be, and what to do when the server refuses', async () => {
    const gone: CancellationQuote = {
      ...hotelQuote(0),
      cancellable: false,
      items: [
        {
          ...hotelQuote(0).items[0]!,
          status: 'cancelled',
          cancellable: false,
          reason: 'The item is cancelled.',
        },
      ],
    };
    const { server, user } = openPaidTrip(() => ({ status: 200, body: gone }));
    const dialog = await openDialog(user);
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'This item cannot be cancelled now: The item is cancelled.',
    );
    const confirm = within(dialog).getByRole('button', { name: 'Cancel item, refund nothing' });
    expect(confirm).toHaveAttribute('aria-disabled', 'true');
    await user.click(confirm);
    expect(posts(server)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Keep the item' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a refusal with what to do, and a refund the gateway has not confirmed', async () => {
    const { server, user } = openPaidTrip(
      () => ({ status: 200, body: hotelQuote(49_500) }),
      problem(
        409,
        'invalid_transition',
        'A payment of this trip is being processed; cancel once it has finished.',
      ),
    );
    const dialog = await openDialog(user);
    await user.click(await within(dialog).findByRole('button', { name: 'Cancel item and refund $495.00' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Not cancelled: A payment of this trip is being processed; cancel once it has finished. The trip has been reloaded: check the item’s status.',
    );

    server.on('POST', `/api/trips/${paid.id}/items/${hotel.id}/cancel`, {
      status: 200,
      body: afterCancel('pending'),
    });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel item and refund $495.00' }));
    expect(
      await screen.findByText(
        'The item is cancelled. The refund of $495.00 is waiting for the card gateway: the server asks it again until it confirms, and the trip shows it then.',
      ),
    ).toBeVisible();
  });

  it('is not offered on a trip that is not paid', async () => {
    signInAs(agent);
    const held = heldTrip();
    fakeServer()
      .on('GET', '/api/me', { status: 200, body: agent })
      .on('GET', '/api/trips', { status: 200, body: { items: [held] } })
      .on('GET', `/api/trips/${held.id}`, { status: 200, body: held });
    navigate({ section: 'trips', tripId: held.id });
    renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Trips' }));
    expect(await screen.findByRole('button', { name: 'Cancel trip…' })).toBeVisible();
    expect(screen.queryByRole('button', { name: /^Cancel item/ })).toBeNull();
  });
});
