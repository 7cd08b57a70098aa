import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CreateFlightScheduleRequest, FlightSchedule } from '@tripdesk/shared';
import { airportsRoute } from '../test/fake-airports.ts';
import { fakeServer, problem } from '../test/fake-server.ts';
import { admin, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';

beforeEach(resetRenderer);

const ba16: FlightSchedule = {
  id: 'fls_1',
  flightNumber: 'BA16',
  from: 'JFK',
  to: 'LHR',
  departureTime: '06:45',
  arrivalTime: '19:10',
  daysOfWeek: ['mon', 'wed', 'fri'],
  firstDate: '2027-01-01',
  lastDate: '2027-03-31',
  fareClasses: [
    { code: 'Y', name: 'Economy', price: { amount: 25000, currency: 'USD' }, seats: ['20A', '20B'] },
  ],
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  flights: [
    {
      flightId: 'flt_a',
      departureDate: '2027-01-01',
      departureAt: '2027-01-01T06:45:00-05:00',
      arrivalAt: '2027-01-01T19:10:00+00:00',
      held: 0,
      booked: 1,
      departed: false,
    },
    {
      flightId: 'flt_b',
      departureDate: '2027-01-04',
      departureAt: '2027-01-04T06:45:00-05:00',
      arrivalAt: '2027-01-04T19:10:00+00:00',
      held: 0,
      booked: 0,
      departed: false,
    },
  ],
};

async function openSchedules(items: FlightSchedule[]) {
  signInAs(admin);
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: admin })
    .on('GET', '/api/airports', airportsRoute)
    .on('GET', '/api/hotels?limit=50&offset=0', { status: 200, body: { items: [], total: 0 } })
    .on('GET', '/api/flight-schedules', { status: 200, body: { items } });
  renderApp();
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Inventory' }));
  await user.click(screen.getByRole('tab', { name: 'Flights' }));
  await user.click(screen.getByRole('button', { name: 'Schedules' }));
  return { server, user };
}

describe('Inventory: flight schedules', () => {
  it('creates a weekly schedule with ticked days, local times and a period, by keyboard', async () => {
    const { server, user } = await openSchedules([]);
    expect(await screen.findByText(/No schedules yet/)).toBeVisible();
    let sent: CreateFlightScheduleRequest | undefined;
    server.on('POST', '/api/flight-schedules', (r) => {
      sent = r.body as CreateFlightScheduleRequest;
      return sent.daysOfWeek.length === 7
        ? problem(400, 'validation_failed', 'This schedule would make 401 flights.', {
            errors: [{ path: 'body.lastDate', message: 'more than 400 flights (401)' }],
          })
        : { status: 201, body: ba16 };
    });
    await user.click(screen.getByRole('button', { name: 'New schedule' }));
    const form = within(screen.getByRole('form', { name: 'New flight schedule' }));
    await user.click(form.getByRole('button', { name: 'Create schedule' }));
    expect(form.getByText('Tick at least one day of the week.')).toBeVisible();
    expect(form.getByLabelText('Flight number')).toHaveFocus();

    await user.type(form.getByLabelText('Flight number'), 'ba16');
    await user.type(form.getByLabelText('From (airport or city)'), 'new york');
    await screen.findByRole('option', { name: /JFK/ });
    await user.keyboard('{Enter}');
    await user.type(form.getByLabelText('To (airport or city)'), 'lhr');
    await screen.findByRole('option', { name: /LHR/ });
    await user.keyboard('{Enter}');
    await user.type(form.getByLabelText('Departs (local time)'), '06:45');
    await user.type(form.getByLabelText('Arrives (local time)'), '19:10');
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])
      await user.click(form.getByLabelText(day));
    await user.type(form.getByLabelText('First date'), '2027-01-01');
    await user.type(form.getByLabelText('Last date'), '2028-02-05');
    await user.type(form.getByLabelText('Fare class 1 seat price'), '900');
    await user.type(form.getByLabelText('Fare class 2 seat price'), '250');
    await user.click(form.getByRole('button', { name: 'Create schedule' }));
    expect(await form.findByText('More than 400 flights (401).')).toBeVisible();

    for (const day of ['Tue', 'Thu', 'Sat', 'Sun']) await user.click(form.getByLabelText(day));
    await user.clear(form.getByLabelText('Last date'));
    await user.type(form.getByLabelText('Last date'), '2027-03-31');
    server.on('GET', '/api/flight-schedules', { status: 200, body: { items: [ba16] } });
    await user.click(form.getByRole('button', { name: 'Create schedule' }));
    expect(await screen.findByText('BA16 JFK → LHR: 2 flights made, on sale from now.')).toBeVisible();
    expect(sent).toMatchObject({
      flightNumber: 'BA16',
      from: 'JFK',
      to: 'LHR',
      departureTime: '06:45',
      arrivalTime: '19:10',
      daysOfWeek: ['mon', 'wed', 'fri'],
      firstDate: '2027-01-01',
      lastDate: '2027-03-31',
    });
    expect(sent?.fareClasses.map((c) => [c.code, c.price.amount, c.seats.length])).toEqual([
      ['J', 90000, 12],
      ['Y', 25000, 126],
    ]);
    const row = await screen.findByRole('row', { name: /BA16/ });
    expect(within(row).getByText('Mon Wed Fri')).toBeVisible();
  });

  it('changes a schedule and lists in words the flights it kept; retires one', async () => {
    const { server, user } = await openSchedules([ba16]);
    server.on('PATCH', '/api/flight-schedules/fls_1', {
      status: 200,
      body: {
        schedule: { ...ba16, departureTime: '07:30' },
        created: 1,
        removed: 1,
        kept: [
          {
            flightId: 'flt_a',
            departureDate: '2027-01-01',
            held: 0,
            booked: 1,
            reason: 'BA16 on 2027-01-01 kept as it was: 1 seat sold.',
          },
        ],
        message: 'BA16 changed: 1 unsold flight replaced by 1 flight of the new schedule.',
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Change schedule BA16' }));
    const form = within(screen.getByRole('form', { name: 'Change schedule BA16' }));
    expect(form.getByLabelText('Mon')).toBeChecked();
    await user.clear(form.getByLabelText('Departs (local time)'));
    await user.type(form.getByLabelText('Departs (local time)'), '07:30');
    await user.click(form.getByRole('button', { name: 'Save schedule' }));
    expect(
      await screen.findByText('BA16 changed: 1 unsold flight replaced by 1 flight of the new schedule.'),
    ).toBeVisible();
    expect(
      within(screen.getByRole('list', { name: 'Flights kept as they were' })).getByText(
        'BA16 on 2027-01-01 kept as it was: 1 seat sold.',
      ),
    ).toBeVisible();
    // Fare classes not touched are not sent: their seats stay exactly as they are.
    expect(server.requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      departureTime: '07:30',
      arrivalTime: '19:10',
      daysOfWeek: ['mon', 'wed', 'fri'],
      firstDate: '2027-01-01',
      lastDate: '2027-03-31',
      arrivalDayOffset: null,
    });

    server.on('DELETE', '/api/flight-schedules/fls_1', {
      status: 200,
      body: { created: 0, removed: 1, kept: [], message: 'BA16 retired: 1 unsold future flight removed.' },
    });
    await user.click(screen.getByRole('button', { name: 'Retire schedule BA16' }));
    const dialog = screen.getByRole('dialog', { name: 'Retire schedule BA16' });
    await user.click(within(dialog).getByRole('button', { name: 'Retire schedule' }));
    expect(await screen.findByText('BA16 retired: 1 unsold future flight removed.')).toBeVisible();
  });
});
