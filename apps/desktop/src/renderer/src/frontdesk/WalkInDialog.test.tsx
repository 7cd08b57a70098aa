import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, type HotelItem, type Trip } from '@tripdesk/shared';
import { fakeServer, problem } from '../test/fake-server.ts';
import { desk, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';
import { useDesk } from './desk-store.ts';
import { hotel, HOTEL_ID, stays, staysUrl, today } from './test-fixtures.ts';

beforeEach(() => {
  resetRenderer();
  useDesk.setState({ walkIn: null, adminHotelId: null });
});

const customer = { name: 'Walter Walk', email: 'walter@example.com' };

function walkInServer() {
  const stay: HotelItem = {
    id: 'itm_w',
    type: 'hotel',
    status: 'held',
    price: { amount: 41800, currency: 'USD' },
    holdExpiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    hotelId: HOTEL_ID,
    roomTypeId: 'rmt_dk',
    roomTypeName: 'Deluxe King',
    checkIn: today(),
    checkOut: addDays(today(), 2),
    rooms: 1,
    guests: 2,
  };
  let trip: Trip = {
    id: 'trp_w',
    status: 'open',
    customer,
    items: [],
    total: { amount: 0, currency: 'USD' },
    createdBy: desk.id,
    createdAt: new Date().toISOString(),
    events: [],
  };
  let declines = 1;
  const search = `/api/availability/hotels?hotelId=${HOTEL_ID}&checkIn=${today()}&checkOut=${addDays(today(), 2)}&guests=2&sort=price&limit=200`;
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: desk })
    .on('GET', `/api/hotels/${HOTEL_ID}`, { status: 200, body: hotel })
    .on('GET', staysUrl(), { status: 200, body: stays({}) })
    .on('POST', '/api/trips', () => ({ status: 201, body: trip }))
    .on('GET', '/api/trips/trp_w', () => ({ status: 200, body: trip }))
    .on('GET', search, {
      status: 200,
      body: {
        results: [
          {
            hotelId: HOTEL_ID,
            hotelName: hotel.name,
            city: 'Rome',
            roomTypeId: 'rmt_dk',
            roomTypeName: 'Deluxe King',
            maxOccupancy: 2,
            available: 3,
            nightlyRate: { amount: 20900, currency: 'USD' },
            totalPrice: { amount: 41800, currency: 'USD' },
          },
        ],
      },
    })
    .on('POST', '/api/trips/trp_w/items', () => {
      trip = { ...trip, status: 'held', items: [stay], total: stay.price };
      return { status: 201, body: stay };
    })
    .on('POST', '/api/trips/trp_w/pay', () => {
      if (declines-- > 0) {
        return problem(402, 'payment_declined', 'Your card has insufficient funds.', {
          declineCode: 'insufficient_funds',
        });
      }
      trip = {
        ...trip,
        status: 'confirmed',
        items: [{ ...stay, status: 'confirmed' }],
        payment: {
          transactionId: 'txn_1',
          invoiceNumber: 'INV-2026-000042',
          amount: stay.price,
          status: 'captured',
          gateway: 'local',
          paidAt: new Date().toISOString(),
        },
      };
      return { status: 200, body: trip };
    })
    .on('POST', '/api/trips/trp_w/items/itm_w/check-in', (r) => ({
      status: 200,
      body: {
        ...stay,
        status: 'checked_in',
        roomNumber: (r.body as { roomNumber?: string }).roomNumber ?? '412',
      },
    }));
  return server;
}

describe('Walk-in', () => {
  it('opens a trip, holds a room for tonight, takes the payment and checks the guest in', async () => {
    signInAs(desk);
    const server = walkInServer();
    renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Walk-in' }));
    const dialog = screen.getByRole('dialog', { name: 'Walk-in at Wren Pantheon Hotel' });

    // Guest: the client catches an obvious mistake before anything is sent.
    await user.type(within(dialog).getByLabelText('Guest name'), customer.name);
    await user.type(within(dialog).getByLabelText('Email'), 'walter@');
    await user.click(within(dialog).getByRole('button', { name: 'Continue to rooms' }));
    expect(within(dialog).getByText(/Enter an email address for the invoice/)).toBeVisible();
    expect(server.requests.some((r) => r.method === 'POST')).toBe(false);
    await user.clear(within(dialog).getByLabelText('Email'));
    await user.type(within(dialog).getByLabelText('Email'), customer.email);
    await user.click(within(dialog).getByRole('button', { name: 'Continue to rooms' }));

    // Room: tonight is fixed; at most 90 nights, the field says so; two nights, two guests.
    const leaves = await within(dialog).findByLabelText('Leaves (check-out day)');
    await user.clear(leaves);
    await user.type(leaves, addDays(today(), 91));
    await user.tab();
    expect(within(dialog).getByText(/^Choose \S+ or earlier\.$/)).toBeVisible();
    await user.clear(leaves);
    await user.type(leaves, addDays(today(), 2));
    await user.selectOptions(within(dialog).getByLabelText('Guests in the room'), '2');
    await user.click(await within(dialog).findByRole('button', { name: 'Hold a Deluxe King' }));

    // Payment: a decline says why, keeps the hold, and the next card goes through.
    const card = await within(dialog).findByLabelText('Card');
    await user.selectOptions(card, 'Visa test card (insufficient funds)');
    await user.click(within(dialog).getByRole('button', { name: 'Take payment of $418.00' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The card was declined: there are not enough funds on the card. Nothing was charged; the room stays held. Ask for another card.',
    );
    await user.selectOptions(card, 'Visa test card (approved)');
    await user.click(within(dialog).getByRole('button', { name: 'Take payment of $418.00' }));

    // Check-in.
    expect(await within(dialog).findByText(/^Paid \$418\.00, invoice INV-2026-000042/)).toBeVisible();
    await user.selectOptions(within(dialog).getByLabelText('Room'), 'Room 413');
    await user.click(within(dialog).getByRole('button', { name: 'Check in' }));
    expect(await screen.findByText('Walk-in Walter Walk paid and checked in to room 413.')).toBeVisible();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(useDesk.getState().walkIn).toBeNull();

    const posts = server.requests.filter((r) => r.method === 'POST').map((r) => [r.url, r.body]);
    expect(posts).toEqual([
      ['/api/trips', { customer }],
      [
        '/api/trips/trp_w/items',
        {
          type: 'hotel',
          roomTypeId: 'rmt_dk',
          checkIn: today(),
          checkOut: addDays(today(), 2),
          rooms: 1,
          guests: 2,
        },
      ],
      ['/api/trips/trp_w/pay', { paymentMethodId: 'pm_card_visa_chargeDeclinedInsufficientFunds' }],
      ['/api/trips/trp_w/pay', { paymentMethodId: 'pm_card_visa' }],
      ['/api/trips/trp_w/items/itm_w/check-in', { roomNumber: '413' }],
    ]);
  });

  it('keeps a walk-in in progress when the dialog closes, and gives the room back when abandoned', async () => {
    signInAs(desk);
    const server = walkInServer();
    server.on('DELETE', '/api/trips/trp_w/items/itm_w', { status: 204 });
    renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Walk-in' }));
    await user.type(screen.getByLabelText('Guest name'), customer.name);
    await user.type(screen.getByLabelText('Email'), customer.email);
    await user.click(screen.getByRole('button', { name: 'Continue to rooms' }));
    await user.selectOptions(await screen.findByLabelText('Guests in the room'), '2');
    const leaves = screen.getByLabelText('Leaves (check-out day)');
    await user.clear(leaves);
    await user.type(leaves, addDays(today(), 2));
    await user.click(await screen.findByRole('button', { name: 'Hold a Deluxe King' }));
    await screen.findByLabelText('Card');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Resume walk-in' }));
    expect(await screen.findByLabelText('Card')).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Abandon walk-in' }));
    await screen.findByRole('button', { name: 'Walk-in' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(
      server.requests.some((r) => r.method === 'DELETE' && r.url === '/api/trips/trp_w/items/itm_w'),
    ).toBe(true);
  });
});
