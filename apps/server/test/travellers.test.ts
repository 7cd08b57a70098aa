import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn, TripSchema } from '@tripdesk/shared';
import { insertSmallCatalog, type SmallCatalog } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

const PASSPORT = { type: 'passport', number: 'X1234567Q', country: 'GB', expiry: '2031-05-01' };
const FAMILY = [
  {
    name: 'Ann Lee',
    kind: 'adult',
    email: 'ann@example.test',
    phone: '+44 20 7946 0000',
    document: PASSPORT,
  },
  { name: 'Bo Lee', kind: 'adult', dateOfBirth: '1984-02-03' },
  { name: 'Cy Lee', kind: 'child', age: 7 },
];

/**
 * A trip's travellers, entered once (API extension): set on the trip, picked by its items (a flight's
 * passengers by id, a stay's guests counted, a car's driver), refused when ages, kinds or ids are wrong,
 * and their documents kept out of the history and the notifications.
 */
describe.each(dialects)('trip travellers on %s', (dialect) => {
  let server: TestServer;
  let agent: ReturnType<typeof client>;
  let c: SmallCatalog;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    c = await insertSmallCatalog(server.stores, { tag: `trv${dialect}`, now: new Date(), cars: 2 });
    agent = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  });
  afterAll(() => server?.stop());

  const newTrip = async (travellers?: unknown) => {
    const res = await agent.post('/api/trips', {
      customer: { name: 'Ann Lee', email: 'ann@example.test' },
      ...(travellers ? { travellers } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; travellers?: { id: string; name: string; lead: boolean }[] };
  };

  it('takes the travellers with the trip, gives them ids and marks the first as lead', async () => {
    const trip = await newTrip(FAMILY);
    expect(TripSchema.safeParse(trip).error).toBeUndefined();
    expect(trip.travellers).toMatchObject([
      { name: 'Ann Lee', kind: 'adult', lead: true, email: 'ann@example.test', document: PASSPORT },
      { name: 'Bo Lee', kind: 'adult', lead: false, dateOfBirth: '1984-02-03' },
      { name: 'Cy Lee', kind: 'child', age: 7, lead: false },
    ]);
    expect(new Set(trip.travellers!.map((t) => t.id)).size).toBe(3);
    const read = await agent.get(`/api/trips/${trip.id}`);
    expect(read.body.travellers).toEqual(trip.travellers);
  });

  it('sets them later, keeping the ids given, and the items pick from them', async () => {
    const trip = await newTrip();
    expect(trip.travellers).toBeUndefined();
    const set = await agent.patch(`/api/trips/${trip.id}/travellers`, { travellers: FAMILY.slice(0, 2) });
    expect(set.status).toBe(200);
    const [ann, bo] = set.body.travellers as { id: string }[];
    const again = await agent.patch(`/api/trips/${trip.id}/travellers`, {
      travellers: [{ ...FAMILY[0], id: ann!.id }, { ...FAMILY[1], id: bo!.id }, FAMILY[2]],
    });
    expect(again.status).toBe(200);
    const travellers = again.body.travellers as { id: string; name: string }[];
    expect(travellers.slice(0, 2).map((t) => t.id)).toEqual([ann!.id, bo!.id]);
    const cy = travellers[2]!;

    const flight = await agent.post(`/api/trips/${trip.id}/items`, {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'Y',
      passengers: travellers.map((t, i) => ({ travellerId: t.id, seat: c.ySeats[i] })),
    });
    expect(flight.status).toBe(201);
    expect(flight.body.passengers).toEqual([
      { name: 'Ann Lee', seat: c.ySeats[0], travellerId: ann!.id },
      { name: 'Bo Lee', seat: c.ySeats[1], travellerId: bo!.id },
      { name: 'Cy Lee', seat: c.ySeats[2], travellerId: cy.id },
    ]);

    // Two adults and a child over two rooms: two guests a room, without saying so.
    const stay = await agent.post(`/api/trips/${trip.id}/items`, {
      type: 'hotel',
      roomTypeId: c.roomTypeId,
      checkIn: c.firstNight,
      checkOut: addDays(c.firstNight, 3),
      rooms: 2,
    });
    expect(stay.status).toBe(201);
    expect(stay.body.guests).toBe(2);

    const car = await agent.post(`/api/trips/${trip.id}/items`, {
      type: 'car',
      locationCode: c.locationCode,
      category: c.category,
      pickUp: c.firstNight,
      dropOff: addDays(c.firstNight, 3),
      driverTravellerId: bo!.id,
    });
    expect(car.status).toBe(201);
    expect(car.body).toMatchObject({ driverTravellerId: bo!.id, driver: 'Bo Lee' });

    // The trips list finds the trip by the driver's and passengers' names.
    const found = await agent.get(`/api/trips?q=${encodeURIComponent('cy lee')}`);
    expect(found.body.items.map((t: { id: string }) => t.id)).toContain(trip.id);

    // The document number is in the trip only: not in its history nor in any notification.
    const events = await server.stores.knex.payments('trip_events').where({ trip_id: trip.id });
    expect(events.map((e: { type: string }) => e.type)).toContain('trip.travellers_set');
    expect(JSON.stringify(events)).not.toContain(PASSPORT.number);
    const outbox = await server.stores.knex.payments('outbox');
    expect(JSON.stringify(outbox)).not.toContain(PASSPORT.number);
  });

  it('refuses wrong ages and kinds, two leads, a child lead or a child driving, and unknown ids, with 400', async () => {
    const bad = [
      [
        { name: 'A', kind: 'adult' },
        { name: 'K', kind: 'child' },
      ],
      [
        { name: 'A', kind: 'adult' },
        { name: 'K', kind: 'child', age: 14 },
      ],
      [
        { name: 'A', kind: 'adult' },
        { name: 'I', kind: 'infant', age: 3 },
      ],
      [{ name: 'A', kind: 'adult', age: 9 }],
      [{ name: 'A', kind: 'pensioner' }],
      [{ name: 'K', kind: 'child', age: 8 }],
      [
        { name: 'A', kind: 'adult', lead: true },
        { name: 'B', kind: 'adult', lead: true },
      ],
      [
        { name: 'A', kind: 'adult' },
        { name: 'B', kind: 'adult', email: 'b@example.test' },
      ],
      [{ name: 'A', kind: 'adult', document: { ...PASSPORT, country: 'gbr' } }],
    ];
    const trip = await newTrip(FAMILY);
    for (const travellers of bad) {
      const res = await agent.patch(`/api/trips/${trip.id}/travellers`, { travellers });
      expect(res.status, JSON.stringify(travellers)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const unknownId = await agent.patch(`/api/trips/${trip.id}/travellers`, {
      travellers: [{ id: 'trv_nobody', name: 'A', kind: 'adult' }],
    });
    expect(unknownId.status).toBe(400);

    const cy = trip.travellers!.find((t) => t.name === 'Cy Lee')!;
    const childDriver = await agent.post(`/api/trips/${trip.id}/items`, {
      type: 'car',
      locationCode: c.locationCode,
      category: c.category,
      pickUp: c.firstNight,
      dropOff: addDays(c.firstNight, 2),
      driverTravellerId: cy.id,
    });
    expect(childDriver.status).toBe(400);
    const stranger = await agent.post(`/api/trips/${trip.id}/items`, {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'Y',
      passengers: [{ travellerId: 'trv_nobody' }],
    });
    expect(stranger.status).toBe(400);
    const nobody = await agent.post(`/api/trips/${trip.id}/items`, {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'Y',
      passengers: [{ seat: c.ySeats[5] }],
    });
    expect(nobody.status).toBe(400);
    // A stay on a trip without travellers still needs its guests.
    const empty = await newTrip();
    const guessless = await agent.post(`/api/trips/${empty.id}/items`, {
      type: 'hotel',
      roomTypeId: c.roomTypeId,
      checkIn: c.firstNight,
      checkOut: addDays(c.firstNight, 1),
    });
    expect(guessless.status).toBe(400);
  });

  it('refuses a date of birth in the future, before 1900 or not fitting the kind or age: 400 at its path', async () => {
    const trip = await newTrip(FAMILY);
    const future = addDays(todayIn('UTC', new Date()), 3);
    const cases: [unknown[], string][] = [
      [[{ name: 'A', kind: 'adult', dateOfBirth: future }], 'body.travellers.0.dateOfBirth'],
      [[{ name: 'A', kind: 'adult', dateOfBirth: '1899-12-31' }], 'body.travellers.0.dateOfBirth'],
      [[{ name: 'A', kind: 'adult', dateOfBirth: '1984-02-30' }], 'body.travellers.0.dateOfBirth'],
      [
        [
          { name: 'A', kind: 'adult' },
          { name: 'K', kind: 'child', age: 7, dateOfBirth: '1984-02-03' },
        ],
        'body.travellers.1.dateOfBirth',
      ],
      [
        [{ name: 'A', kind: 'adult', document: { ...PASSPORT, number: 'X 12' } }],
        'body.travellers.0.document.number',
      ],
    ];
    for (const [travellers, path] of cases) {
      const res = await agent.patch(`/api/trips/${trip.id}/travellers`, { travellers });
      expect(res.status, JSON.stringify(travellers)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    // Typed in lower case, kept in upper case.
    const lower = await agent.patch(`/api/trips/${trip.id}/travellers`, {
      travellers: [
        { name: 'A', kind: 'adult', document: { ...PASSPORT, number: 'x1234567q', country: 'gb' } },
      ],
    });
    expect(lower.status).toBe(200);
    expect(lower.body.travellers[0].document).toEqual(PASSPORT);
  });

  it('leaves the travellers of a cancelled trip as they were (409)', async () => {
    const trip = await newTrip(FAMILY);
    expect((await agent.post(`/api/trips/${trip.id}/cancel`, {})).status).toBe(200);
    const res = await agent.patch(`/api/trips/${trip.id}/travellers`, { travellers: FAMILY });
    expect(res.status).toBe(409);
  });
});
