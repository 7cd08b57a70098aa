import { Writable } from 'node:stream';
import knexFactory, { type Knex } from 'knex';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgAvailable, type TestDatabase } from '../../test/databases.ts';
import type { DomainEvent } from './bus.ts';
import { notifyPayload, PgEventBus } from './pg-bus.ts';

/**
 * The PostgreSQL bus as two server instances use it: two buses on one database, each with its own
 * LISTEN connection, both publishing.
 */

const at = () => new Date().toISOString();
const trip = (tripId: string): DomainEvent => ({
  type: 'trip.changed',
  tripId,
  status: 'held',
  hotelIds: ['htl_a'],
  at: at(),
});

/** Collects what a bus delivers. */
function recorder(bus: PgEventBus) {
  const got: DomainEvent[] = [];
  bus.subscribe((e) => got.push(e));
  const tripIds = () => got.flatMap((e) => (e.type === 'trip.changed' ? [e.tripId] : []));
  return {
    got,
    tripIds,
    async waitFor(tripId: string, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!tripIds().includes(tripId)) {
        if (Date.now() > deadline) throw new Error(`${tripId} not received; got ${tripIds().join(', ')}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
  };
}

function capturingLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

describe.skipIf(!pgAvailable)('PgEventBus', () => {
  let db: TestDatabase;
  let admin: Knex;
  const buses: PgEventBus[] = [];
  const connect = async (applicationName: string, logger = pino({ level: 'silent' })) => {
    const bus = await PgEventBus.connect({
      databaseUrl: db.location.databaseUrl!,
      logger,
      applicationName,
      minBackoffMs: 20,
      maxBackoffMs: 200,
    });
    buses.push(bus);
    return bus;
  };

  beforeAll(async () => {
    db = await createTestDatabase('pg');
    admin = knexFactory({ client: 'pg', connection: db.location.databaseUrl!, pool: { min: 0, max: 1 } });
  });
  afterEach(async () => {
    for (const bus of buses.splice(0)) await bus.close();
  });
  afterAll(async () => {
    await admin?.destroy();
    await db?.drop();
  });

  it('delivers an event published on one instance to the subscribers of both, exactly once', async () => {
    const a = await connect('tripdesk-test-a');
    const b = await connect('tripdesk-test-b');
    const atA = recorder(a);
    const atA2 = recorder(a);
    const atB = recorder(b);

    a.publish(trip('trp_from_a'));
    b.publish(trip('trp_from_b'));
    // One publisher's events arrive in order: once its marker is in, nothing of it is still on the way.
    a.publish(trip('trp_marker_a'));
    b.publish(trip('trp_marker_b'));
    for (const r of [atA, atA2, atB]) {
      await r.waitFor('trp_marker_a');
      await r.waitFor('trp_marker_b');
    }
    for (const r of [atA, atA2, atB]) {
      expect(r.tripIds().filter((id) => id === 'trp_from_a')).toHaveLength(1);
      expect(r.tripIds().filter((id) => id === 'trp_from_b')).toHaveLength(1);
      expect(r.got).toHaveLength(4);
    }
    expect(atB.got.find((e) => e.type === 'trip.changed' && e.tripId === 'trp_from_a')).toEqual(
      atA.got.find((e) => e.type === 'trip.changed' && e.tripId === 'trp_from_a'),
    );
    // A subscriber of one bus sees the same object as the other subscribers of that bus.
    expect(atA.got[0]).toBe(atA2.got[0]);
  });

  it('reconnects after its LISTEN connection is killed, and receives later events', async () => {
    const { logger, lines } = capturingLogger();
    const a = await connect('tripdesk-test-victim', logger);
    const b = await connect('tripdesk-test-other');
    const atA = recorder(a);
    const listenerPid = async () => {
      const rows = await admin.raw<{ rows: { pid: number }[] }>(
        `select pid from pg_stat_activity where application_name = 'tripdesk-test-victim' and datname = current_database()`,
      );
      return rows.rows.map((r) => r.pid);
    };
    const [victim] = await listenerPid();
    expect(victim).toEqual(expect.any(Number));
    await admin.raw('select pg_terminate_backend(?)', [victim!]);
    const killedAt = performance.now();

    // Publish until one arrives: the bus listens again once it has reconnected.
    let n = 0;
    const deadline = Date.now() + 15_000;
    while (!atA.tripIds().some((id) => id.startsWith('trp_after_'))) {
      if (Date.now() > deadline) throw new Error(`no event after the kill; logs:\n${lines.join('\n')}`);
      b.publish(trip(`trp_after_${n++}`));
      await new Promise((r) => setTimeout(r, 25));
    }
    console.info(`[pg-bus] receiving again ${(performance.now() - killedAt).toFixed(0)} ms after the kill`);
    const [listening] = await listenerPid();
    expect(listening).toEqual(expect.any(Number));
    expect(listening).not.toBe(victim);
    expect(lines.some((l) => l.includes('lost the LISTEN connection'))).toBe(true);
    expect(lines.some((l) => l.includes('listening for live events again'))).toBe(true);

    // And it is whole again: one event, one delivery.
    b.publish(trip('trp_once_more'));
    await atA.waitFor('trp_once_more');
    b.publish(trip('trp_last'));
    await atA.waitFor('trp_last');
    expect(atA.tripIds().filter((id) => id === 'trp_once_more')).toHaveLength(1);
  });

  it('drops `dates` from an event too large for NOTIFY, and still delivers it', async () => {
    const a = await connect('tripdesk-test-large');
    const atA = recorder(a);
    const dates = Array.from({ length: 1000 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    const big: DomainEvent = {
      type: 'availability.changed',
      store: 'hotels',
      hotelId: 'htl_a',
      roomTypeId: 'rt_long_stay',
      dates,
      at: at(),
    };
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(8000);
    a.publish(big);
    a.publish(trip('trp_after_big'));
    await atA.waitFor('trp_after_big');
    const { dates: _dates, ...withoutDates } = big;
    expect(atA.got[0]).toEqual(withoutDates);
  });

  it('delivers nothing after close, and close does not hang', async () => {
    const a = await connect('tripdesk-test-closing');
    const b = await connect('tripdesk-test-open');
    const atA = recorder(a);
    const atB = recorder(b);
    await a.close();
    a.publish(trip('trp_published_on_closed'));
    b.publish(trip('trp_after_close'));
    await atB.waitFor('trp_after_close');
    expect(atA.got).toEqual([]);
    expect(atB.tripIds()).toEqual(['trp_after_close']);
  });
});

describe('NOTIFY payload', () => {
  it('is the event as JSON while it fits', () => {
    const e = trip('trp_small');
    expect(notifyPayload(e)).toBe(JSON.stringify(e));
  });

  it('gives up on an event that cannot fit even without dates', () => {
    const e: DomainEvent = {
      type: 'trip.changed',
      tripId: 'trp_x',
      status: 'held',
      hotelIds: Array.from({ length: 1000 }, (_, i) => `htl_${i.toString().padStart(12, '0')}`),
      at: at(),
    };
    expect(notifyPayload(e)).toBeUndefined();
  });
});
