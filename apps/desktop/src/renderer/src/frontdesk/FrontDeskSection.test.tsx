import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, type Stays } from '@tripdesk/shared';
import { fakeServer, problem } from '../test/fake-server.ts';
import { admin, desk, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';
import { dateShape, formatDateInput } from '../ui/date-input.ts';
import { hotel, HOTEL_ID, stay, stays, staysUrl, today } from './test-fixtures.ts';

beforeEach(resetRenderer);

const jane = stay('jane', 'Jane Doe');
const omar = stay('omar', 'Omar Haddad', { status: 'checked_in', roomNumber: '413', roomNumbers: ['413'] });
const lea = stay('lea', 'Léa Martin', {
  status: 'checked_in',
  checkIn: addDays(today(), -2),
  checkOut: today(),
  roomNumber: '415',
  roomNumbers: ['415'],
});

function openDesk(lists: Stays = stays({ arrivals: [jane], inHouse: [omar], departures: [lea] })) {
  signInAs(desk);
  let current = lists;
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: desk })
    .on('GET', `/api/hotels/${HOTEL_ID}`, { status: 200, body: hotel })
    .on('GET', staysUrl(), () => ({ status: 200, body: current }));
  renderApp();
  return { server, user: userEvent.setup(), setStays: (next: Stays) => (current = next) };
}

const table = (name: string) => screen.findByRole('table', { name });
const cells = (row: HTMLElement) => [...row.querySelectorAll('th,td')].map((c) => c.textContent);

describe('Front desk', () => {
  it('shows today’s arrivals, in-house guests and departures at the desk’s own hotel', async () => {
    openDesk();
    expect(await screen.findByRole('heading', { name: 'Wren Pantheon Hotel' })).toBeVisible();
    // The date field writes the day in the locale's order (jsdom's is en-US).
    expect(screen.getByLabelText('Date')).toHaveValue(
      formatDateInput(today(), dateShape(navigator.language)),
    );
    const arrivals = await table('Arrivals');
    const [, janeRow] = within(arrivals).getAllByRole('row');
    expect(cells(janeRow!).slice(0, 6)).toEqual([
      'Jane Doe',
      'trp_jane',
      'Deluxe King',
      expect.stringMatching(/, 3 nights$/),
      '2',
      '—',
    ]);
    expect(within(await table('In house')).getByText('Omar Haddad')).toBeVisible();
    expect(within(await table('Departures')).getByText('Léa Martin')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Check in Jane Doe' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Check out Léa Martin' })).toBeVisible();
  });

  it('says so when a list is empty', async () => {
    openDesk(stays({}));
    expect(await screen.findByText('No more arrivals expected today.')).toBeVisible();
    expect(screen.getByText('No guests in the house that night.')).toBeVisible();
    expect(screen.getByText('Nobody left to check out today.')).toBeVisible();
  });

  it('checks a guest in to a room the clerk picks, offering only rooms nobody sleeps in', async () => {
    const { server, user, setStays } = openDesk();
    server.on('POST', `/api/trips/trp_jane/items/itm_jane/check-in`, (r) => {
      const roomNumber = (r.body as { roomNumber: string }).roomNumber;
      setStays(stays({ inHouse: [omar, stay('jane', 'Jane Doe', { status: 'checked_in', roomNumber })] }));
      return {
        status: 200,
        body: { ...jane.item, status: 'checked_in', roomNumber, roomNumbers: [roomNumber] },
      };
    });
    await user.click(await screen.findByRole('button', { name: 'Check in Jane Doe' }));
    const dialog = screen.getByRole('dialog', { name: 'Check in Jane Doe' });
    const room = within(dialog).getByLabelText('Room');
    expect(document.activeElement).toBe(room);
    const options = within(room)
      .getAllByRole('option')
      .map((o) => o.textContent);
    // 413 has a guest in the house; 415's guest leaves today, so it is offered last, marked.
    expect(options).toEqual([
      'Any free room (the desk assigns one)',
      'Room 412',
      'Room 414',
      'Room 415 (due out)',
    ]);
    await user.selectOptions(room, 'Room 414');
    await user.click(within(dialog).getByRole('button', { name: 'Check in' }));

    expect(await screen.findByText('Checked in Jane Doe to room 414.')).toBeVisible();
    expect(screen.queryByRole('dialog')).toBeNull();
    const checkIn = server.requests.find((r) => r.url.endsWith('/check-in'));
    expect(checkIn?.body).toEqual({ roomNumber: '414' });
    expect(await within(await table('In house')).findByText('Jane Doe')).toBeVisible();
  });

  it('lets the desk assign the room, and says in words when the room was just taken', async () => {
    const { server, user } = openDesk();
    server.on(
      'POST',
      `/api/trips/trp_jane/items/itm_jane/check-in`,
      problem(409, 'invalid_transition', 'Room 412 is occupied on … by another stay.', {
        roomNumber: '412',
        night: today(),
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'Check in Jane Doe' }));
    await user.selectOptions(screen.getByLabelText('Room'), 'Room 412');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Check in' }));
    const alert = await within(screen.getByRole('dialog')).findByRole('alert');
    expect(alert.textContent).toMatch(
      /^Room 412 is taken on the night of .+ by another guest\. Choose another room/,
    );

    server.on('POST', `/api/trips/trp_jane/items/itm_jane/check-in`, (r) => ({
      status: 200,
      body: { ...jane.item, status: 'checked_in', roomNumber: '414', sent: r.body },
    }));
    await user.selectOptions(screen.getByLabelText('Room'), 'Any free room (the desk assigns one)');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Check in' }));
    expect(await screen.findByText('Checked in Jane Doe to room 414.')).toBeVisible();
    const tries = server.requests.filter((r) => r.url.endsWith('/check-in'));
    expect(tries.map((r) => r.body)).toEqual([{ roomNumber: '412' }, {}]);
  });

  it('walks a guest there is no room for to another hotel, with the refund the desk picks', async () => {
    const { server, user } = openDesk();
    server.on(
      'POST',
      `/api/trips/trp_jane/items/itm_jane/check-in`,
      problem(409, 'sold_out', 'Not enough free rooms of this type.'),
    );
    let walked: unknown;
    server.on('POST', `/api/trips/trp_jane/items/itm_jane/walk`, (r) => {
      walked = r.body;
      return {
        status: 200,
        body: {
          id: 'trp_jane',
          status: 'cancelled',
          customer: jane.customer,
          items: [{ ...jane.item, status: 'cancelled' }],
          total: jane.item.price,
          createdBy: 'usr_desk',
          createdAt: '2026-11-01T10:00:00.000Z',
          events: [],
        },
      };
    });
    await user.click(await screen.findByRole('button', { name: 'Check in Jane Doe' }));
    const dialog = screen.getByRole('dialog');
    // Rooms look free, so no walk is offered until the server says none is.
    expect(within(dialog).queryByRole('button', { name: 'Walk to another hotel…' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Check in' }));
    await within(dialog).findByRole('alert');
    await user.click(within(dialog).getByRole('button', { name: 'Walk to another hotel…' }));
    const form = within(screen.getByRole('form', { name: 'Walk Jane Doe' }));
    expect(form.getByLabelText('Other hotel')).toHaveFocus();
    await user.click(form.getByRole('button', { name: 'Walk guest' }));
    expect(form.getByText('Say which hotel the guest goes to, e.g. its name and street.')).toBeVisible();
    await user.type(form.getByLabelText('Other hotel'), 'Hotel Bristol');
    await user.type(form.getByLabelText('Note (optional)'), 'Taxi paid');
    await user.click(form.getByLabelText('Refund nothing (the hotel pays the other hotel)'));
    await user.click(form.getByRole('button', { name: 'Walk guest' }));
    expect(
      await screen.findByText(
        'Jane Doe walked to Hotel Bristol; the stay is cancelled here, nothing refunded.',
      ),
    ).toBeVisible();
    expect(walked).toEqual({ hotel: 'Hotel Bristol', note: 'Taxi paid', refund: 'none' });
  });

  it('checks a guest out after asking, and Escape leaves without doing it', async () => {
    const { server, user } = openDesk();
    server.on('POST', `/api/trips/trp_lea/items/itm_lea/check-out`, {
      status: 200,
      body: { ...lea.item, status: 'checked_out' },
    });
    const button = await screen.findByRole('button', { name: 'Check out Léa Martin' });
    await user.click(button);
    expect(screen.getByRole('dialog', { name: 'Check out Léa Martin' })).toBeVisible();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(server.requests.some((r) => r.url.endsWith('/check-out'))).toBe(false);

    await user.click(button);
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Check out' }));
    expect(await screen.findByText('Checked out Léa Martin from room 415.')).toBeVisible();
  });

  it('tells the clerk when the server refuses an early check-in, with the dates', async () => {
    const { server, user } = openDesk();
    server.on(
      'POST',
      `/api/trips/trp_jane/items/itm_jane/check-in`,
      problem(409, 'invalid_transition', 'Check-in for this stay opens on …', {
        checkIn: '2026-12-24',
        today: '2026-12-23',
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'Check in Jane Doe' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Check in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Check-in opens on Thu, 24 Dec 2026; today at the hotel is Wed, 23 Dec 2026.',
    );
  });

  it('lets an administrator pick the hotel whose desk to work', async () => {
    signInAs(admin);
    fakeServer()
      .on('GET', '/api/me', { status: 200, body: admin })
      .on('GET', '/api/hotels?limit=200&offset=0', {
        status: 200,
        body: {
          items: [{ ...hotel, roomTypeCount: 1, roomCount: 4 }],
          total: 1,
        },
      })
      .on('GET', `/api/hotels/${HOTEL_ID}`, { status: 200, body: hotel })
      .on('GET', staysUrl(), { status: 200, body: stays({ arrivals: [jane] }) });
    renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Front desk' }));
    expect(await screen.findByText('Choose the hotel whose desk you want to work.')).toBeVisible();
    const picker = screen.getByLabelText('Hotel');
    await within(picker).findByRole('option', { name: 'Wren Pantheon Hotel' });
    await user.selectOptions(picker, 'Wren Pantheon Hotel');
    expect(within(await table('Arrivals')).getByText('Jane Doe')).toBeVisible();
  });

  it('says what went wrong when the lists cannot be loaded, and tries again', async () => {
    signInAs(desk);
    let fail = true;
    fakeServer()
      .on('GET', '/api/me', { status: 200, body: desk })
      .on('GET', `/api/hotels/${HOTEL_ID}`, { status: 200, body: hotel })
      .on('GET', staysUrl(), () =>
        fail ? problem(503, 'service_unavailable', 'hotels store down') : { status: 200, body: stays({}) },
      );
    renderApp();
    const user = userEvent.setup();
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The server is busy or part of it is down. Try again in a moment.',
    );
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No more arrivals expected today.')).toBeVisible();
  });
});
