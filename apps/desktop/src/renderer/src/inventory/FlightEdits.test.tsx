import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlightDetail } from '@tripdesk/shared';
import { createQueryClient } from '../api/query-client.ts';
import { fakeServer, problem } from '../test/fake-server.ts';
import { admin, resetRenderer, signInAs } from '../test/render-app.tsx';
import { FlightDetailView } from './FlightDetailView.tsx';

// Noon in Rome on 1 Dec 2026: the closure form's dates start on the desk's today.
const NOW = Date.parse('2026-12-01T11:00:00Z');
beforeEach(() => {
  resetRenderer();
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});
afterEach(() => vi.useRealTimers());

const flight: FlightDetail = {
  id: 'flt_1',
  flightNumber: 'TD101',
  from: 'FCO',
  to: 'JFK',
  // 10:30 in Rome, 14:45 in New York.
  departureAt: '2026-12-10T10:30:00+01:00',
  arrivalAt: '2026-12-10T14:45:00-05:00',
  origin: { code: 'FCO', name: 'Fiumicino', city: 'Rome', country: 'IT', timeZone: 'Europe/Rome' },
  destination: { code: 'JFK', name: 'JFK', city: 'New York', country: 'US', timeZone: 'America/New_York' },
  fareClasses: [
    {
      code: 'J',
      name: 'Business',
      price: { amount: 145000, currency: 'USD' },
      capacity: 4,
      seats: ['1A', '1C', '2A', '2C'],
      held: 0,
      booked: 1,
      available: 3,
    },
    {
      code: 'Y',
      name: 'Economy',
      price: { amount: 42300, currency: 'USD' },
      capacity: 6,
      seats: ['10A', '10B', '10C', '11A', '11B', '11C'],
      held: 1,
      booked: 0,
      available: 5,
    },
  ],
};

async function openFlight() {
  signInAs(admin);
  const server = fakeServer()
    .on('GET', '/api/flights/flt_1', { status: 200, body: flight })
    .on('GET', '/api/flights/flt_1/seats', { status: 200, body: { seats: [] } })
    .on('GET', '/api/flight-closures', { status: 200, body: { items: [] } })
    .on('GET', '/api/taxes', { status: 200, body: { items: [] } })
    .on('GET', '/api/extras', { status: 200, body: { items: [] } });
  render(
    <QueryClientProvider client={createQueryClient()}>
      <FlightDetailView flightId="flt_1" notice={null} onBack={() => {}} />
    </QueryClientProvider>,
  );
  const user = userEvent.setup();
  await screen.findByRole('table', { name: 'Fare classes of TD101' });
  return { server, user };
}

describe('Inventory: editing a flight', () => {
  it('edits the times on each airport’s clock, and shows the server’s refusal when seats are sold', async () => {
    const { server, user } = await openFlight();
    server.on(
      'PATCH',
      '/api/flights/flt_1',
      problem(409, 'capacity_in_use', 'TD101 has 1 seat held and 1 sold: its times cannot change.'),
    );
    await user.click(screen.getByRole('button', { name: 'Edit times' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit times of TD101' });
    expect(within(dialog).getByLabelText('Departs (date)')).toHaveValue('12/10/2026');
    expect(within(dialog).getByLabelText('Departs (time)')).toHaveValue('10:30');
    expect(within(dialog).getByLabelText('Arrives (time)')).toHaveValue('14:45');
    expect(within(dialog).getByText('FCO local time, Europe/Rome')).toBeVisible();

    await user.clear(within(dialog).getByLabelText('Arrives (time)'));
    await user.type(within(dialog).getByLabelText('Arrives (time)'), '03:00');
    await user.clear(within(dialog).getByLabelText('Arrives (date)'));
    await user.type(within(dialog).getByLabelText('Arrives (date)'), '2026-12-10');
    await user.click(within(dialog).getByRole('button', { name: 'Save times' }));
    expect(
      within(dialog).getByText('The arrival must be after the departure (both in local time).'),
    ).toBeVisible();
    expect(server.requests.some((r) => r.method === 'PATCH')).toBe(false);

    await user.clear(within(dialog).getByLabelText('Arrives (time)'));
    await user.type(within(dialog).getByLabelText('Arrives (time)'), '15:10');
    await user.click(within(dialog).getByRole('button', { name: 'Save times' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'TD101 has 1 seat held and 1 sold: its times cannot change.',
    );
    // Only the arrival changed; it is sent with New York's offset on that day.
    expect(server.requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      arrivalAt: '2026-12-10T15:10:00-05:00',
    });

    server.on('PATCH', '/api/flights/flt_1', {
      status: 200,
      body: { ...flight, arrivalAt: '2026-12-10T15:10:00-05:00' },
    });
    await user.click(within(dialog).getByRole('button', { name: 'Save times' }));
    expect(await screen.findByText(/Saved the times of TD101/)).toBeVisible();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('edits a fare class’s price for new sales and its seats as rows × letters', async () => {
    const { server, user } = await openFlight();
    await user.click(screen.getByRole('button', { name: 'Edit Economy (Y)' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit Economy (Y) of TD101' });
    expect(dialog.textContent).toContain('seats already sold keep the price they were sold at');
    await user.clear(within(dialog).getByLabelText('Seat price'));
    await user.type(within(dialog).getByLabelText('Seat price'), '399');
    // A seat of another class, and a seat this class does not have, are caught before sending.
    await user.type(within(dialog).getByLabelText('Add rows'), '2');
    await user.type(within(dialog).getByLabelText('Remove rows'), '12');
    await user.click(within(dialog).getByRole('button', { name: 'Save fare class' }));
    expect(within(dialog).getByText('Seat 2A belongs to Business.')).toBeVisible();
    expect(within(dialog).getByText(/Not seats of Economy: 12A, 12B, 12C/)).toBeVisible();
    expect(server.requests.some((r) => r.method === 'PATCH')).toBe(false);

    server.on('PATCH', '/api/flights/flt_1/fare-classes/Y', {
      status: 200,
      body: {
        ...flight,
        fareClasses: [
          flight.fareClasses[0],
          { ...flight.fareClasses[1], price: { amount: 39900, currency: 'USD' }, capacity: 8 },
        ],
      },
    });
    await user.clear(within(dialog).getByLabelText('Add rows'));
    await user.type(within(dialog).getByLabelText('Add rows'), '12');
    await user.clear(within(dialog).getByLabelText('Seat letters to add'));
    await user.type(within(dialog).getByLabelText('Seat letters to add'), 'A-C');
    await user.clear(within(dialog).getByLabelText('Remove rows'));
    await user.type(within(dialog).getByLabelText('Remove rows'), '11');
    await user.clear(within(dialog).getByLabelText('Seat letters to remove'));
    await user.type(within(dialog).getByLabelText('Seat letters to remove'), 'C');
    await user.click(within(dialog).getByRole('button', { name: 'Save fare class' }));
    expect(await screen.findByText('Saved Economy: $399.00 a seat for new sales, 8 seats.')).toBeVisible();
    expect(server.requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      price: { amount: 39900, currency: 'USD' },
      addSeats: ['12A', '12B', '12C'],
      removeSeats: ['11C'],
    });
  });

  it('shows the server’s words when a held seat cannot be removed', async () => {
    const { server, user } = await openFlight();
    server.on(
      'PATCH',
      '/api/flights/flt_1/fare-classes/Y',
      problem(409, 'capacity_in_use', 'Seat 10A is held or sold and cannot be removed.'),
    );
    await user.click(screen.getByRole('button', { name: 'Edit Economy (Y)' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit Economy (Y) of TD101' });
    await user.type(within(dialog).getByLabelText('Remove rows'), '10');
    await user.clear(within(dialog).getByLabelText('Seat letters to remove'));
    await user.type(within(dialog).getByLabelText('Seat letters to remove'), 'A');
    await user.click(within(dialog).getByRole('button', { name: 'Save fare class' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Seat 10A is held or sold and cannot be removed.',
    );
  });

  it('retires the flight and a fare class after a confirmation that says what happens', async () => {
    const { server, user } = await openFlight();
    server.on('PATCH', '/api/flights/flt_1/fare-classes/J', {
      status: 200,
      body: {
        ...flight,
        fareClasses: [
          { ...flight.fareClasses[0], retiredAt: '2026-12-01T11:00:00.000Z' },
          flight.fareClasses[1],
        ],
      },
    });
    await user.click(screen.getByRole('button', { name: 'Retire Business (J)' }));
    const dialog = screen.getByRole('dialog', { name: 'Retire Business (J)?' });
    expect(dialog.textContent).toContain('leaves the agents’ search on TD101 and takes no new bookings');
    expect(dialog.textContent).toContain('Seats already held or sold keep their passengers and price');
    await user.click(within(dialog).getByRole('button', { name: 'Retire fare class' }));
    expect(
      await screen.findByText('Business is retired on TD101: it is no longer searched nor sold.'),
    ).toBeVisible();
    expect(server.requests.find((r) => r.method === 'PATCH')?.body).toEqual({ retired: true });
    const table = screen.getByRole('table', { name: 'Fare classes of TD101' });
    expect(within(table).getByText('Retired')).toBeVisible();
    expect(within(table).getByRole('button', { name: 'Reinstate Business (J)' })).toBeVisible();

    server.on('PATCH', '/api/flights/flt_1', {
      status: 200,
      body: { ...flight, retiredAt: '2026-12-01T11:00:00.000Z' },
    });
    await user.click(screen.getByRole('button', { name: 'Retire flight' }));
    const confirm = screen.getByRole('dialog', { name: 'Retire TD101?' });
    expect(confirm.textContent).toContain('Seats already held or sold are kept');
    await user.click(within(confirm).getByRole('button', { name: 'Retire flight' }));
    expect(await screen.findByText('TD101 is retired: it is no longer searched nor sold.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Reinstate flight' })).toBeVisible();
  });

  it('closes a fare class of the flight number for departure dates', async () => {
    const { server, user } = await openFlight();
    const closure = {
      id: 'fcl_1',
      flightNumber: 'TD101',
      fareClass: 'Y',
      from: '2026-12-01',
      to: '2026-12-02',
      reason: 'Charter',
      createdAt: '2026-12-01T11:00:00.000Z',
    };
    server.on('POST', '/api/flight-closures', { status: 201, body: closure });
    const panel = screen.getByRole('region', { name: 'Fare classes closed to sale' });
    expect(await within(panel).findByText('Nothing is closed to sale.')).toBeVisible();
    await user.selectOptions(within(panel).getByLabelText('Fare class'), 'Y');
    await user.type(within(panel).getByLabelText('Reason (optional)'), 'Charter');
    server.on('GET', '/api/flight-closures', { status: 200, body: { items: [closure] } });
    await user.click(within(panel).getByRole('button', { name: 'Close to sale' }));
    expect(await within(panel).findByText(/Economy \(Y\) is closed to sale/)).toBeVisible();
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({
      flightNumber: 'TD101',
      fareClass: 'Y',
      from: '2026-12-01',
      to: '2026-12-02',
      reason: 'Charter',
    });
    expect(
      server.requests.find((r) => r.method === 'GET' && r.url.startsWith('/api/flight-closures'))?.url,
    ).toBe('/api/flight-closures?flightNumber=TD101');
    const row = await within(panel).findByRole('row', { name: /Economy/ });
    expect(within(row).getByText('Charter')).toBeVisible();
  });
});
