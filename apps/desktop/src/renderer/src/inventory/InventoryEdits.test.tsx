import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HotelDetail, HotelSummary, RoomType } from '@tripdesk/shared';
import { fakeServer, problem } from '../test/fake-server.ts';
import { admin, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';

// Noon in Rome on 1 Dec 2026: the forms' dates start on the desk's today.
const NOW = Date.parse('2026-12-01T11:00:00Z');
beforeEach(() => {
  resetRenderer();
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});
afterEach(() => vi.useRealTimers());

const deluxe: RoomType = {
  id: 'rmt_dk',
  hotelId: 'htl_1',
  name: 'Deluxe King',
  maxOccupancy: 2,
  nightlyRate: { amount: 20900, currency: 'USD' },
  capacity: 3,
  roomNumbers: ['412', '413', '414'],
  amenities: [],
};
const wren: HotelDetail = {
  id: 'htl_1',
  name: 'Wren Pantheon Hotel',
  city: 'Rome',
  country: 'IT',
  timezone: 'Europe/Rome',
  stars: 3,
  amenities: ['wifi'],
  roomTypes: [deluxe],
};
const { roomTypes: _types, ...wrenHotel } = wren;
const summary: HotelSummary = { ...wrenHotel, roomTypeCount: 1, roomCount: 3 };

async function openWren() {
  signInAs(admin);
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: admin })
    .on('GET', '/api/hotels?limit=50&offset=0', { status: 200, body: { items: [summary], total: 1 } })
    .on('GET', '/api/hotels/htl_1', { status: 200, body: wren })
    .on('GET', '/api/hotels/htl_1/out-of-order', { status: 200, body: { items: [] } })
    .on('GET', '/api/hotels/htl_1/closures', { status: 200, body: { items: [] } });
  renderApp();
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Inventory' }));
  await user.click(await screen.findByRole('button', { name: 'Wren Pantheon Hotel' }));
  await screen.findByRole('table', { name: 'Room types of Wren Pantheon Hotel' });
  return { server, user };
}

describe('Inventory: editing, retiring, rooms out of order and stop-sell', () => {
  it('edits a hotel, sending only what changed, and clears an emptied field', async () => {
    const { server, user } = await openWren();
    server.on('PATCH', '/api/hotels/htl_1', (r) => ({
      status: 200,
      body: { ...wrenHotel, ...(r.body as object), stars: undefined },
    }));
    await user.click(screen.getByRole('button', { name: 'Edit hotel' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit Wren Pantheon Hotel' });
    await user.clear(within(dialog).getByLabelText('Name'));
    await user.type(within(dialog).getByLabelText('Name'), 'Wren Pantheon');
    await user.type(within(dialog).getByLabelText('Phone (optional)'), '+39 06 000');
    await user.selectOptions(within(dialog).getByLabelText('Stars'), '');
    await user.type(within(dialog).getByLabelText('Email (optional)'), 'not-an-email');
    await user.click(within(dialog).getByRole('button', { name: 'Save hotel' }));
    expect(
      within(dialog).getByText('Enter an email address like desk@hotel.com, or leave it empty.'),
    ).toBeVisible();
    await user.clear(within(dialog).getByLabelText('Email (optional)'));
    await user.click(within(dialog).getByRole('button', { name: 'Save hotel' }));

    expect(await screen.findByText('Saved Wren Pantheon.')).toBeVisible();
    expect(server.requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      name: 'Wren Pantheon',
      phone: '+39 06 000',
      stars: null,
    });
    expect(screen.getByRole('heading', { name: 'Wren Pantheon' })).toBeVisible();
  });

  it('retires a room type after a confirmation that says what happens, and marks it retired', async () => {
    const { server, user } = await openWren();
    server.on('PATCH', '/api/hotels/htl_1/room-types/rmt_dk', {
      status: 200,
      body: { ...deluxe, retiredAt: '2026-12-01T11:00:00.000Z' },
    });
    await user.click(screen.getByRole('button', { name: 'Retire Deluxe King' }));
    const dialog = screen.getByRole('dialog', { name: 'Retire Deluxe King?' });
    expect(dialog.textContent).toContain('leaves the agents’ search and takes no new bookings');
    expect(dialog.textContent).toContain('Stays already held or sold keep their rooms');
    await user.click(within(dialog).getByRole('button', { name: 'Retire room type' }));

    expect(
      await screen.findByText('Deluxe King is retired: it is no longer searched nor sold.'),
    ).toBeVisible();
    expect(server.requests.find((r) => r.method === 'PATCH')?.body).toEqual({ retired: true });
    const table = screen.getByRole('table', { name: 'Room types of Wren Pantheon Hotel' });
    expect(within(table).getByText('Retired')).toBeVisible();
    expect(within(table).getByRole('button', { name: 'Reinstate Deluxe King' })).toBeVisible();
  });

  it('takes a range of rooms out of order for nights, and says the server’s refusal in words', async () => {
    const { server, user } = await openWren();
    server.on(
      'POST',
      '/api/hotels/htl_1/out-of-order',
      problem(
        409,
        'capacity_in_use',
        'On the night of 2026-12-01, 3 rooms of Deluxe King are held or sold; only 1 would remain.',
        {
          date: '2026-12-01',
          inUse: 3,
        },
      ),
    );
    const panel = screen.getByRole('region', { name: 'Rooms out of order' });
    expect(within(panel).getByText('Every room is in order.')).toBeVisible();
    await user.type(within(panel).getByLabelText('Rooms'), '413-415');
    await user.click(within(panel).getByRole('button', { name: 'Take out of order' }));
    expect(within(panel).getByText('Not rooms of this hotel: 415.')).toBeVisible();

    await user.clear(within(panel).getByLabelText('Rooms'));
    await user.type(within(panel).getByLabelText('Rooms'), '413-414');
    await user.click(within(panel).getByRole('button', { name: 'Take out of order' }));
    expect((await within(panel).findByRole('alert')).textContent).toBe(
      'On the night of 2026-12-01, 3 rooms of Deluxe King are held or sold; only 1 would remain. Take fewer rooms out, or other nights.',
    );
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({
      roomNumbers: ['413', '414'],
      from: '2026-12-01',
      to: '2026-12-02',
      kind: 'out_of_order',
    });

    const period = {
      id: 'ooo_1',
      hotelId: 'htl_1',
      roomTypeId: 'rmt_dk',
      roomNumber: '414',
      from: '2026-12-01',
      to: '2026-12-02',
      kind: 'out_of_order',
      createdAt: '2026-12-01T11:00:00.000Z',
    };
    server.on('POST', '/api/hotels/htl_1/out-of-order', { status: 201, body: { items: [period] } });
    server.on('GET', '/api/hotels/htl_1/out-of-order', { status: 200, body: { items: [period] } });
    await user.clear(within(panel).getByLabelText('Rooms'));
    await user.type(within(panel).getByLabelText('Rooms'), '414{Enter}');
    expect(await within(panel).findByText(/Out of order: room 414/)).toBeVisible();
    const row = await within(panel).findByRole('row', { name: /414/ });
    expect(within(row).getByText('Deluxe King')).toBeVisible();
    await user.click(within(row).getByRole('button', { name: /Put room 414 back in order/ }));
    server.on('DELETE', '/api/hotels/htl_1/out-of-order/ooo_1', { status: 204 });
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Put back in order' }));
    expect(
      await within(panel).findByText('Room 414 is back in order and sold again from today on.'),
    ).toBeVisible();
  });

  it('closes a room type to sale for nights and reopens it', async () => {
    const { server, user } = await openWren();
    const closure = {
      id: 'cls_1',
      hotelId: 'htl_1',
      roomTypeId: 'rmt_dk',
      from: '2026-12-01',
      to: '2026-12-02',
      reason: 'Wedding',
      createdAt: '2026-12-01T11:00:00.000Z',
    };
    server.on('POST', '/api/hotels/htl_1/closures', { status: 201, body: closure });
    const panel = screen.getByRole('region', { name: 'Room types closed to sale' });
    await user.type(within(panel).getByLabelText('Reason (optional)'), 'Wedding');
    server.on('GET', '/api/hotels/htl_1/closures', { status: 200, body: { items: [closure] } });
    await user.click(within(panel).getByRole('button', { name: 'Close to sale' }));
    expect(await within(panel).findByText(/Deluxe King is closed to sale/)).toBeVisible();
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({
      roomTypeId: 'rmt_dk',
      from: '2026-12-01',
      to: '2026-12-02',
      reason: 'Wedding',
    });
    const row = await within(panel).findByRole('row', { name: /Deluxe King/ });
    expect(within(row).getByText('Wedding')).toBeVisible();
    server.on('DELETE', '/api/hotels/htl_1/closures/cls_1', { status: 204 });
    await user.click(within(row).getByRole('button', { name: /Reopen Deluxe King/ }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Reopen to sale' }));
    expect(await within(panel).findByText(/Deluxe King is on sale again/)).toBeVisible();
  });
});
