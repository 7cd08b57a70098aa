import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CreateFlightRequest, FlightDetail } from '@tripdesk/shared';
import { airportsRoute } from '../test/fake-airports.ts';
import { fakeServer, problem } from '../test/fake-server.ts';
import { admin, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';

beforeEach(resetRenderer);

async function openNewFlight() {
  signInAs(admin);
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: admin })
    .on('GET', '/api/airports', airportsRoute)
    .on('GET', '/api/hotels?limit=50&offset=0', { status: 200, body: { items: [], total: 0 } });
  renderApp();
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Inventory' }));
  await user.click(screen.getByRole('tab', { name: 'Flights' }));
  await user.click(screen.getByRole('button', { name: 'New flight' }));
  const form = within(screen.getByRole('form', { name: 'New flight' }));
  return { server, user, form };
}

async function fillRoute(user: ReturnType<typeof userEvent.setup>, form: ReturnType<typeof within>) {
  await user.type(form.getByLabelText('Flight number'), 'td101');
  // Airports by city, picked with the keyboard; times in each airport's local time.
  await user.type(form.getByLabelText('From (airport or city)'), 'rome');
  await screen.findByRole('option', { name: /FCO/ });
  await user.keyboard('{Enter}');
  await user.type(form.getByLabelText('To (airport or city)'), 'new york');
  await screen.findByRole('option', { name: /JFK/ });
  await user.keyboard('{Enter}');
  await user.type(form.getByLabelText('Departs (date)'), '2026-12-01');
  await user.type(form.getByLabelText('Departs (time)'), '10:30');
  await user.type(form.getByLabelText('Arrives (date)'), '2026-12-01');
  await user.type(form.getByLabelText('Arrives (time)'), '14:45');
}

describe('Inventory: flights', () => {
  it('generates each fare class’s seats from rows × letters and creates the flight', async () => {
    const { server, user, form } = await openNewFlight();
    let sent: CreateFlightRequest | undefined;
    server.on('POST', '/api/flights', (r) => {
      sent = r.body as CreateFlightRequest;
      return { status: 201, body: { id: 'flt_new', ...sent, fareClasses: [] } };
    });
    const detail: FlightDetail = {
      id: 'flt_new',
      flightNumber: 'TD101',
      from: 'FCO',
      to: 'JFK',
      departureAt: '2026-12-01T09:30:00.000Z',
      arrivalAt: '2026-12-01T19:45:00.000Z',
      fareClasses: [
        {
          code: 'J',
          name: 'Business',
          price: { amount: 145000, currency: 'USD' },
          capacity: 4,
          seats: ['1A', '1C', '2A', '2C'],
          held: 0,
          booked: 0,
          available: 4,
        },
      ],
    };
    server
      .on('GET', '/api/flights/flt_new', { status: 200, body: detail })
      .on('GET', '/api/flights/flt_new/seats', {
        status: 200,
        body: {
          seats: [
            { seat: '1A', fareClass: 'J', status: 'available' },
            { seat: '1C', fareClass: 'J', status: 'booked' },
            { seat: '2A', fareClass: 'J', status: 'held' },
            { seat: '2C', fareClass: 'J', status: 'available' },
          ],
        },
      });
    await fillRoute(user, form);
    // Each side's time is local to its airport, and the form says which zone.
    expect(form.getByText('FCO local time, Europe/Rome')).toBeVisible();
    expect(form.getByText('JFK local time, America/New_York')).toBeVisible();
    await user.type(form.getByLabelText('Fare class 1 seat price'), '1450');
    await user.clear(form.getByLabelText('Fare class 1 rows'));
    await user.type(form.getByLabelText('Fare class 1 rows'), '1-2');
    await user.clear(form.getByLabelText('Fare class 1 seat letters'));
    await user.type(form.getByLabelText('Fare class 1 seat letters'), 'ac');
    expect(form.getByText('4 seats, 1A–2C')).toBeVisible();
    await user.type(form.getByLabelText('Fare class 2 seat price'), '420.50');
    await user.clear(form.getByLabelText('Fare class 2 rows'));
    await user.type(form.getByLabelText('Fare class 2 rows'), '10-11');
    await user.clear(form.getByLabelText('Fare class 2 seat letters'));
    await user.type(form.getByLabelText('Fare class 2 seat letters'), 'A-C');
    await user.click(form.getByRole('button', { name: 'Create flight' }));

    expect(await screen.findByText('Flight created. Its seats are on sale from now.')).toBeVisible();
    expect(sent).toEqual({
      flightNumber: 'TD101',
      from: 'FCO',
      to: 'JFK',
      departureAt: '2026-12-01T10:30:00+01:00',
      arrivalAt: '2026-12-01T14:45:00-05:00',
      fareClasses: [
        {
          code: 'J',
          name: 'Business',
          price: { amount: 145000, currency: 'USD' },
          seats: ['1A', '1C', '2A', '2C'],
        },
        {
          code: 'Y',
          name: 'Economy',
          price: { amount: 42050, currency: 'USD' },
          seats: ['10A', '10B', '10C', '11A', '11B', '11C'],
        },
      ],
    });
    const seatMap = await screen.findByRole('table', { name: 'Seats of TD101' });
    // Each seat's state in words, for a screen reader (the eye sees a coloured mark).
    expect(within(seatMap).getByText('1A Business free')).toBeInTheDocument();
    expect(within(seatMap).getByText('1C Business booked')).toBeInTheDocument();
    expect(within(seatMap).getByText('2A Business held')).toBeInTheDocument();
  });

  it('catches a seat in two fare classes and an arrival before the departure', async () => {
    const { server, user, form } = await openNewFlight();
    await fillRoute(user, form);
    // 04:00 in New York is 10:00 in Rome: before the 10:30 departure.
    await user.clear(form.getByLabelText('Arrives (time)'));
    await user.type(form.getByLabelText('Arrives (time)'), '04:00');
    await user.type(form.getByLabelText('Fare class 1 seat price'), '1450');
    await user.type(form.getByLabelText('Fare class 2 seat price'), '420');
    await user.clear(form.getByLabelText('Fare class 2 rows'));
    await user.type(form.getByLabelText('Fare class 2 rows'), '3-12');
    await user.click(form.getByRole('button', { name: 'Create flight' }));

    expect(form.getByText('The arrival must be after the departure (both in local time).')).toBeVisible();
    expect(form.getByText('Seat 3A already belongs to fare class J.')).toBeVisible();
    expect(form.getByLabelText('Fare class 2 rows').getAttribute('aria-invalid')).toBe('true');
    expect(server.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('places the server’s errors on the fare class they concern', async () => {
    const { server, user, form } = await openNewFlight();
    server.on(
      'POST',
      '/api/flights',
      problem(400, 'validation_failed', '1 problem with the body', {
        errors: [{ path: 'body.fareClasses.1.code', message: 'duplicate fare class code' }],
      }),
    );
    await fillRoute(user, form);
    await user.type(form.getByLabelText('Fare class 1 seat price'), '1450');
    await user.type(form.getByLabelText('Fare class 2 seat price'), '420');
    await user.click(form.getByRole('button', { name: 'Create flight' }));
    expect(await form.findByText('Duplicate fare class code.')).toBeVisible();
    expect(form.getByLabelText('Fare class 2 code').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(form.getByLabelText('Fare class 2 code'));
  });

  it('adds an airport with its time zone, after catching a zone that does not exist', async () => {
    signInAs(admin);
    const server = fakeServer()
      .on('GET', '/api/me', { status: 200, body: admin })
      .on('GET', '/api/hotels?limit=50&offset=0', { status: 200, body: { items: [], total: 0 } })
      .on('POST', '/api/airports', (r) => ({ status: 201, body: r.body }));
    renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Inventory' }));
    await user.click(screen.getByRole('tab', { name: 'Flights' }));
    await user.click(screen.getByRole('button', { name: 'New airport' }));
    const form = within(screen.getByRole('form', { name: 'New airport' }));
    await user.type(form.getByLabelText('IATA code'), 'zrh');
    await user.type(form.getByLabelText('Name'), 'Zürich Kloten');
    await user.type(form.getByLabelText('City'), 'Zürich');
    await user.type(form.getByLabelText('Country'), 'ch');
    await user.type(form.getByLabelText('Time zone'), 'Europe/Zürich');
    await user.click(form.getByRole('button', { name: 'Add airport' }));
    expect(form.getByText('Pick the time zone from the list, e.g. Europe/Zurich.')).toBeVisible();
    expect(document.activeElement).toBe(form.getByLabelText('Time zone'));
    expect(server.requests.some((r) => r.method === 'POST')).toBe(false);

    await user.clear(form.getByLabelText('Time zone'));
    await user.type(form.getByLabelText('Time zone'), 'Europe/Zurich');
    await user.click(form.getByRole('button', { name: 'Add airport' }));
    expect(
      await screen.findByText('Airport ZRH (Zürich, Europe/Zurich) added: flights can now fly there.'),
    ).toBeVisible();
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({
      code: 'ZRH',
      name: 'Zürich Kloten',
      city: 'Zürich',
      country: 'CH',
      timeZone: 'Europe/Zurich',
    });
  });

  it('finds flights by route and date, one row per flight', async () => {
    signInAs(admin);
    const row = (fareClass: string, available: number, amount: number) => ({
      flightId: 'flt_1',
      flightNumber: 'BA24',
      from: 'JFK',
      to: 'LHR',
      departureAt: '2026-11-26T02:05:00.000Z',
      arrivalAt: '2026-11-26T09:30:00.000Z',
      fareClass,
      available,
      price: { amount, currency: 'USD' },
    });
    const server = fakeServer()
      .on('GET', '/api/me', { status: 200, body: admin })
      .on('GET', '/api/airports', airportsRoute)
      .on('GET', '/api/hotels?limit=50&offset=0', { status: 200, body: { items: [], total: 0 } })
      .on('GET', '/api/availability/flights?from=JFK&to=LHR&date=2026-11-25&sort=name&limit=200', {
        status: 200,
        body: { results: [row('Y', 243, 42300), row('J', 32, 177700)] },
      })
      .on('GET', '/api/availability/flights?from=JFK&to=LHR&date=2026-11-26&sort=name&limit=200', {
        status: 200,
        body: { results: [] },
      });
    renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Inventory' }));
    await user.click(screen.getByRole('tab', { name: 'Flights' }));
    expect(screen.getByText(/Find a flight by its route and departure date/)).toBeVisible();
    const search = within(screen.getByRole('search', { name: 'Flights' }));
    // An airport typed but not picked is asked for, not searched as a made-up code.
    await user.type(search.getByLabelText('From'), 'new yo');
    await user.click(screen.getByRole('button', { name: 'Find flights' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Pick the departure airport from the list: type its code or city.',
    );
    expect(search.getByLabelText('From')).toHaveFocus();
    // By city or code, picked with the keyboard as in the agent's search.
    // The field's text is selected on focus: typing replaces it.
    await user.keyboard('jfk');
    await screen.findByRole('option', { name: /JFK/ });
    await user.keyboard('{Enter}');
    expect(search.getByLabelText('From')).toHaveValue('JFK · New York');
    await user.type(search.getByLabelText('To'), 'heathrow');
    await screen.findByRole('option', { name: /LHR/ });
    await user.keyboard('{Tab}');
    await user.type(screen.getByLabelText('Departure date'), '2026-11-25');
    await user.click(screen.getByRole('button', { name: 'Find flights' }));
    expect(server.requests.filter((r) => r.url.startsWith('/api/availability/flights'))).toHaveLength(1);
    const table = await screen.findByRole('table', { name: 'Flights found' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByText('Y: 243, $423.00 · J: 32, $1,777.00')).toBeVisible();
    expect(within(table).getByRole('button', { name: 'Seat map of BA24' })).toBeVisible();

    await user.clear(screen.getByLabelText('Departure date'));
    await user.type(screen.getByLabelText('Departure date'), '2026-11-26');
    await user.click(screen.getByRole('button', { name: 'Find flights' }));
    expect(
      await screen.findByText('No flight from JFK to LHR departs on Thu, 26 Nov 2026 with a free seat.'),
    ).toBeVisible();
  });
});
