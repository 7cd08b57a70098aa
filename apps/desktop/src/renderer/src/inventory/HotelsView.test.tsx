import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HotelDetail, HotelSummary, RoomType } from '@tripdesk/shared';
import { fakeServer, problem } from '../test/fake-server.ts';
import { admin, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';

beforeEach(resetRenderer);

const deluxe: RoomType = {
  id: 'rmt_dk',
  hotelId: 'htl_1',
  name: 'Deluxe King',
  maxOccupancy: 2,
  nightlyRate: { amount: 20900, currency: 'USD' },
  capacity: 3,
  roomNumbers: ['412', '413', '414'],
  amenities: ['wifi'],
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
const summary = (h: HotelDetail): HotelSummary => {
  const { roomTypes, ...rest } = h;
  return {
    ...rest,
    roomTypeCount: roomTypes.length,
    roomCount: roomTypes.reduce((n, t) => n + t.capacity, 0),
  };
};
const list = (items: HotelSummary[]) => ({ status: 200, body: { items, total: items.length } });

async function openWren() {
  signInAs(admin);
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: admin })
    .on('GET', '/api/hotels?limit=50&offset=0', list([summary(wren)]))
    .on('GET', '/api/hotels/htl_1', { status: 200, body: wren })
    .on('GET', '/api/hotels/htl_1/extras', { status: 200, body: { custom: false, items: [] } })
    .on('GET', '/api/hotels/htl_1/taxes', { status: 200, body: { items: [] } })
    .on('GET', '/api/hotels/htl_1/out-of-order', { status: 200, body: { items: [] } })
    .on('GET', '/api/hotels/htl_1/closures', { status: 200, body: { items: [] } });
  renderApp();
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Inventory' }));
  await user.click(await screen.findByRole('button', { name: 'Wren Pantheon Hotel' }));
  await screen.findByRole('table', { name: 'Room types of Wren Pantheon Hotel' });
  return { server, user };
}

describe('Inventory: hotels', () => {
  it('lists hotels and searches them by city', async () => {
    signInAs(admin);
    const server = fakeServer()
      .on('GET', '/api/me', { status: 200, body: admin })
      .on('GET', '/api/hotels?limit=50&offset=0', list([summary(wren)]))
      .on('GET', '/api/hotels?city=Oslo&limit=50&offset=0', list([]));
    renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Inventory' }));
    expect(screen.getByRole('tab', { name: 'Hotels' }).getAttribute('aria-selected')).toBe('true');
    const table = await screen.findByRole('table', { name: 'Hotels' });
    const [, row] = within(table).getAllByRole('row');
    expect([...row!.querySelectorAll('td')].map((c) => c.textContent)).toEqual([
      'Wren Pantheon Hotel',
      'Rome',
      'IT',
      '★★★3 stars',
      '1',
      '3',
      'Europe/Rome',
    ]);

    await user.type(screen.getByLabelText('City'), 'Oslo{Enter}');
    expect(
      await screen.findByText(
        'No hotel matches that search. Check the spelling, or clear the fields and search again.',
      ),
    ).toBeVisible();
    expect(server.requests.at(-1)?.url).toBe('/api/hotels?city=Oslo&limit=50&offset=0');
  });

  it('moves between the inventory tabs with the arrow keys', async () => {
    signInAs(admin);
    fakeServer()
      .on('GET', '/api/me', { status: 200, body: admin })
      .on('GET', '/api/hotels?limit=50&offset=0', list([]))
      .on('GET', '/api/car-locations', { status: 200, body: { items: [] } });
    renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Inventory' }));
    screen.getByRole('tab', { name: 'Hotels' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Flights' }));
    expect(screen.getByRole('tabpanel', { name: 'Flights' })).toBeVisible();
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'Car locations' }).getAttribute('aria-selected')).toBe('true');
    expect(
      await screen.findByText('There are no car locations yet. Add one with “New location”.'),
    ).toBeVisible();
  });

  it('checks a new room type before sending it: rate, room numbers', async () => {
    const { server, user } = await openWren();
    await user.click(screen.getByRole('button', { name: 'New room type' }));
    await user.type(screen.getByLabelText('Name'), 'Garden Suite');
    await user.type(screen.getByLabelText('Nightly rate'), '28x');
    await user.type(screen.getByLabelText('Room numbers'), '610-601');
    await user.click(screen.getByRole('button', { name: 'Create room type' }));

    expect(screen.getByText('Enter an amount like 154.00 (digits and a decimal point).')).toBeVisible();
    expect(screen.getByText('“610-601” runs backwards; write the lower number first.')).toBeVisible();
    expect(screen.getByLabelText('Nightly rate').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Nightly rate'));
    expect(server.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('shows the server’s findings beside the fields', async () => {
    const { server, user } = await openWren();
    server.on(
      'POST',
      '/api/hotels/htl_1/room-types',
      problem(400, 'validation_failed', 'The hotel already has room 412.', {
        errors: [{ path: 'body.roomNumbers', message: 'already in the hotel: 412' }],
      }),
    );
    await user.click(screen.getByRole('button', { name: 'New room type' }));
    await user.type(screen.getByLabelText('Name'), 'Garden Suite');
    await user.type(screen.getByLabelText('Nightly rate'), '289');
    await user.type(screen.getByLabelText('Room numbers'), '410-412');
    expect(screen.getByText('3 rooms: 410–412')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Create room type' }));

    expect(await screen.findByText('Already in the hotel: 412.')).toBeVisible();
    expect(document.activeElement).toBe(screen.getByLabelText('Room numbers'));
    expect(screen.getByRole('alert').textContent).toBe(
      'Some details need correcting. See the messages beside the fields.',
    );

    // Once the clerk changes the field, the message about what it said before goes.
    await user.clear(screen.getByLabelText('Room numbers'));
    await user.type(screen.getByLabelText('Room numbers'), '415-416');
    expect(screen.queryByText('Already in the hotel: 412.')).toBeNull();
    expect(screen.getByText('2 rooms: 415–416')).toBeVisible();
    expect(screen.getByLabelText('Room numbers').getAttribute('aria-invalid')).toBeNull();
  });

  it('creates a room type from a range of rooms and lists it', async () => {
    const { server, user } = await openWren();
    server.on('POST', '/api/hotels/htl_1/room-types', (r) => {
      const body = r.body as { roomNumbers: string[] };
      return {
        status: 201,
        body: {
          ...(r.body as object),
          id: 'rmt_gs',
          hotelId: 'htl_1',
          capacity: body.roomNumbers.length,
          amenities: [],
        },
      };
    });
    await user.click(screen.getByRole('button', { name: 'New room type' }));
    await user.type(screen.getByLabelText('Name'), 'Garden Suite');
    await user.clear(screen.getByLabelText('Sleeps (guests per room)'));
    await user.type(screen.getByLabelText('Sleeps (guests per room)'), '3');
    await user.type(screen.getByLabelText('Nightly rate'), '289.50');
    await user.selectOptions(screen.getByLabelText('Nightly rate: currency'), 'EUR');
    await user.type(screen.getByLabelText('Room numbers'), '601-604, 610{Enter}');

    expect(
      await screen.findByText('Created Garden Suite: 5 rooms at €289.50 a night. It is on sale from now.'),
    ).toBeVisible();
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({
      name: 'Garden Suite',
      maxOccupancy: 3,
      nightlyRate: { amount: 28950, currency: 'EUR' },
      roomNumbers: ['601', '602', '603', '604', '610'],
    });
    const table = screen.getByRole('table', { name: 'Room types of Wren Pantheon Hotel' });
    expect(within(table).getByText('601–604, 610')).toBeVisible();
  });

  it('sets a room type’s overbooking allowance, and says in words why it cannot go lower', async () => {
    const { server, user } = await openWren();
    const row = screen.getByRole('row', { name: /Deluxe King/ });
    expect(within(row).getByRole('cell', { name: 'None' })).toBeVisible();
    server.on('PUT', '/api/hotels/htl_1/room-types/rmt_dk/overbooking', (r) =>
      (r.body as { allowance: number }).allowance < 2
        ? problem(409, 'capacity_in_use', 'On the night of 2026-12-24, 5 rooms are held or sold.', {
            date: '2026-12-24',
            inUse: 5,
          })
        : { status: 200, body: { ...deluxe, overbookingAllowance: 2 } },
    );
    await user.click(screen.getByRole('button', { name: 'Overbooking of Deluxe King' }));
    const dialog = screen.getByRole('dialog', { name: 'Overbooking of Deluxe King' });
    const field = within(dialog).getByLabelText('Rooms sold beyond the physical rooms, a night');
    await user.clear(field);
    await user.type(field, 'two{Enter}');
    expect(within(dialog).getByText(/Enter a whole number of rooms from 0 to 500/)).toBeVisible();
    await user.clear(field);
    await user.type(field, '1{Enter}');
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Not that low: on the night of Thu, 24 Dec 2026, 5 rooms are held or sold and the type has 3. The allowance can go down to 2 until some are released or cancelled.',
    );
    await user.clear(field);
    await user.type(field, '2{Enter}');
    expect(
      await screen.findByText('Deluxe King: up to 5 rooms are sold a night (3 rooms + 2 overbooked).'),
    ).toBeVisible();
    expect(
      within(screen.getByRole('row', { name: /Deluxe King/ })).getByRole('cell', { name: '+2' }),
    ).toBeVisible();
    expect(server.requests.filter((r) => r.method === 'PUT').map((r) => r.body)).toEqual([
      { allowance: 1 },
      { allowance: 2 },
    ]);
  });

  it('says in words why rooms cannot be removed (409 capacity_in_use)', async () => {
    const { server, user } = await openWren();
    server.on(
      'PATCH',
      '/api/hotels/htl_1/room-types/rmt_dk',
      problem(
        409,
        'capacity_in_use',
        'On the night of 2026-12-24, 3 rooms are held or sold; only 1 would remain.',
        {
          date: '2026-12-24',
          inUse: 3,
        },
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Change rooms of Deluxe King' }));
    const dialog = screen.getByRole('dialog', { name: 'Rooms of Deluxe King' });
    await user.type(within(dialog).getByLabelText('Remove rooms'), '413, 499');
    await user.click(within(dialog).getByRole('button', { name: 'Save rooms' }));
    expect(within(dialog).getByText('Not rooms of this type: 499.')).toBeVisible();

    await user.clear(within(dialog).getByLabelText('Remove rooms'));
    await user.type(within(dialog).getByLabelText('Remove rooms'), '413-414');
    await user.click(within(dialog).getByRole('button', { name: 'Save rooms' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Those rooms cannot be removed: rooms of this type are held or sold on the night of Thu, 24 Dec 2026 (3 in use), and fewer would remain. Remove fewer rooms, or try again after that night.',
    );
    expect(server.requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      removeRoomNumbers: ['413', '414'],
    });
  });

  it('adds rooms to a room type', async () => {
    const { server, user } = await openWren();
    server.on('PATCH', '/api/hotels/htl_1/room-types/rmt_dk', {
      status: 200,
      body: { ...deluxe, capacity: 5, roomNumbers: [...deluxe.roomNumbers, '415', '416'] },
    });
    await user.click(screen.getByRole('button', { name: 'Change rooms of Deluxe King' }));
    await user.type(screen.getByLabelText('Add rooms'), '415-416{Enter}');
    expect(await screen.findByText('Deluxe King: added 415–416.')).toBeVisible();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(screen.getByRole('table', { name: /Room types/ })).getByText('412–416')).toBeVisible();
  });

  it('creates a hotel, refusing an unknown time zone first', async () => {
    signInAs(admin);
    const server = fakeServer()
      .on('GET', '/api/me', { status: 200, body: admin })
      .on('GET', '/api/hotels?limit=50&offset=0', list([]))
      .on('POST', '/api/hotels', (r) => ({
        status: 201,
        body: { id: 'htl_new', amenities: [], ...(r.body as object) },
      }))
      .on('GET', '/api/hotels/htl_new', {
        status: 200,
        body: { ...wren, id: 'htl_new', name: 'Casa Nova', roomTypes: [] },
      });
    renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Inventory' }));
    expect(await screen.findByText('There are no hotels yet. Add the first with “New hotel”.')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'New hotel' }));
    const form = within(screen.getByRole('form', { name: 'New hotel' }));
    await user.type(form.getByLabelText('Name'), 'Casa Nova');
    await user.type(form.getByLabelText('City'), 'Rome');
    await user.type(form.getByLabelText('Country'), 'IT');
    await user.type(form.getByLabelText('Time zone'), 'Europe/Rom');
    await user.click(form.getByRole('button', { name: 'Create hotel' }));
    expect(form.getByText(/“Europe\/Rom” is not a time zone/)).toBeVisible();
    expect(server.requests.some((r) => r.method === 'POST')).toBe(false);

    await user.type(form.getByLabelText('Time zone'), 'e');
    await user.selectOptions(form.getByLabelText('Stars'), '4');
    await user.type(form.getByLabelText('Amenities (optional)'), 'wifi, gym');
    await user.click(form.getByRole('button', { name: 'Create hotel' }));
    expect(await screen.findByText('Hotel created. Add its room types.')).toBeVisible();
    expect(screen.getByText('This hotel has no room types yet, so nothing here can be sold.')).toBeVisible();
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({
      name: 'Casa Nova',
      city: 'Rome',
      country: 'IT',
      timezone: 'Europe/Rome',
      stars: 4,
      amenities: ['wifi', 'gym'],
    });
  });
});
