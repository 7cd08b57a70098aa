import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, formatMoney, NotificationListSchema, type NotificationKind } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { createLogger } from '../src/logger.ts';
import { instantInWords } from '../src/notifications/messages.ts';
import { NotificationWorker } from '../src/notifications/outbox-worker.ts';
import { openStores, type Stores } from '../src/stores/index.ts';
import type { DeliveryRecord, OutboxEntry } from '../src/stores/payments/outbox.ts';
import { insertSmallCatalog, type SmallCatalog } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login } from './harness.ts';
import { customer, MANY_SEATS, pay, startPayServer, type Client } from './pay-fixtures.ts';
import {
  freePort,
  startMailServer,
  startSilentServer,
  type ReceivedMail,
  type SilentServer,
  type TestMailServer,
} from './smtp-fixtures.ts';
import { openStream, type SseStream } from './sse.ts';

const TTL = 1800;

const SUBJECTS: Record<NotificationKind, RegExp> = {
  trip_confirmed: /^Your trip trp_\w+ is confirmed$/,
  hold_expiring: /^Your reservation trp_\w+ expires in about \d+ minutes?$/,
  hold_expired: /^Your reservation trp_\w+ has expired$/,
  trip_cancelled: /^Your trip trp_\w+ has been cancelled$/,
  item_cancelled: /^Part of your trip trp_\w+ has been cancelled$/,
  refund_succeeded: /^Your refund for trip trp_\w+$/,
};

type Entry = OutboxEntry & { deliveries: DeliveryRecord[] };

/** A server, a catalog and two agents; `sell` opens a trip of a stay and a seat on new dates each time. */
async function world(dialect: 'sqlite' | 'pg', clock: ManualClock, tag: string, smtpUrl: string) {
  const server = await startPayServer(dialect, {
    clock,
    env: {
      SMTP_URL: smtpUrl,
      MAIL_FROM: 'Tripdesk Bookings <bookings@tripdesk.test>',
      // Ticks are run by the tests, on the test's clock.
      NOTIFY_INTERVAL_SECONDS: '3600',
      HOLD_TTL_SECONDS: String(TTL),
      SESSION_TTL_HOURS: '1000',
    },
  });
  const c: SmallCatalog = await insertSmallCatalog(server.stores, {
    tag,
    now: clock.now(),
    rooms: 40,
    cars: 5,
    ySeats: MANY_SEATS,
  });
  const admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  const agent = async (email: string) => {
    const created = await admin.post('/api/users', {
      email,
      name: email,
      role: 'agent',
      password: 'notify-password-1',
    });
    expect(created.status).toBe(201);
    const token = await login(server.url, email, 'notify-password-1');
    return { id: created.body.id as string, token, api: client(server.url, token) };
  };
  let offset = 0;
  const sell = async (api: Client, who: { name: string; email: string } = customer) => {
    const trip = await api.post('/api/trips', { customer: who });
    expect(trip.status).toBe(201);
    const tripId = trip.body.id as string;
    offset += 3;
    for (const body of [
      {
        type: 'hotel',
        roomTypeId: c.roomTypeId,
        checkIn: addDays(c.firstNight, offset),
        checkOut: addDays(c.firstNight, offset + 2),
        guests: 2,
      },
      { type: 'flight', flightId: c.flightId, fareClass: 'Y', passengers: [{ name: who.name }] },
    ]) {
      const res = await api.post(`/api/trips/${tripId}/items`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    return tripId;
  };
  let key = 0;
  const paid = async (api: Client, tripId: string) => {
    const res = await pay(api, tripId, `notify-pay-${tag}-${++key}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('confirmed');
    return res.body;
  };
  return { server, c, admin, agent, sell, paid };
}

const outboxOf = async (stores: Stores, tripIds: readonly string[]): Promise<Entry[]> =>
  (await Promise.all(tripIds.map((id) => stores.outbox.entriesOfTrip(id)))).flat();

const delivery = (e: Entry, channel: 'in_app' | 'email') => e.deliveries.find((d) => d.channel === channel)!;

const kindsOf = (entries: readonly Entry[], tripId: string) =>
  entries
    .filter((e) => e.tripId === tripId)
    .map((e) => e.kind)
    .sort();

describe.each(dialects)('notifications on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  const received: ReceivedMail[] = [];
  let smtpPort: number;
  let mail: TestMailServer | undefined;
  let w: Awaited<ReturnType<typeof world>>;
  let agent: Awaited<ReturnType<Awaited<ReturnType<typeof world>>['agent']>>;
  let other: typeof agent;
  const tick = () => w.server.app.services.notifications.tick();

  /** Ticks, moving the clock past each backoff, until these rows' emails are all sent (or 20 rounds). */
  const deliverAll = async (entries: readonly Entry[]) => {
    for (let round = 0; round < 20; round++) {
      await tick();
      const now = await outboxOf(w.server.stores, [...new Set(entries.map((e) => e.tripId))]);
      const mine = now.filter((e) => entries.some((x) => x.id === e.id));
      if (mine.every((e) => delivery(e, 'email').status === 'sent')) return mine;
      clock.advance(61);
    }
    throw new Error('emails still pending after 20 rounds');
  };

  beforeAll(async () => {
    // Nothing listens here until the test starts the mail server.
    smtpPort = await freePort();
    w = await world(dialect, clock, `ntf${dialect}`, `smtp://127.0.0.1:${smtpPort}`);
    agent = await w.agent(`agent.notify.${dialect}@example.test`);
    other = await w.agent(`other.notify.${dialect}@example.test`);
  });
  afterAll(async () => {
    await w?.server.stop();
    await mail?.close();
  });

  it('keeps every message while the mail server is down and sends each exactly once when it is back', async () => {
    // Bookings while nothing listens on the SMTP port: each succeeds, its outbox rows wait.
    const odd = { name: `Zoë O'Brien & <Sons>`, email: 'zoe@example.test' };
    const a = await w.sell(agent.api, odd);
    const paidA = await w.paid(agent.api, a);
    const b = await w.sell(agent.api);
    await w.paid(agent.api, b);
    const cancel = await agent.api.post(`/api/trips/${b}/cancel`, { reason: 'Plans changed' });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect(cancel.body.status).toBe('cancelled');
    const c = await w.sell(agent.api);
    const deadline = (await w.server.stores.trips.findTrip(c))!.trip.hold_expires_at!;

    // Four minutes before C's deadline: the warning is queued; then C runs out and the sweeper expires it.
    clock.set(new Date(Date.parse(deadline) - 4 * 60_000));
    const first = await tick();
    expect(first.expiringQueued).toBe(1);
    clock.set(new Date(Date.parse(deadline) + 1000));
    await w.server.app.services.sweeper.sweepOnce(clock.now());
    expect((await w.server.stores.trips.findTrip(c))!.trip.status).toBe('expired');
    await tick();

    let entries = await outboxOf(w.server.stores, [a, b, c]);
    expect(kindsOf(entries, a)).toEqual(['trip_confirmed']);
    expect(kindsOf(entries, b)).toContain('trip_confirmed');
    expect(kindsOf(entries, b)).toContain('trip_cancelled');
    expect(kindsOf(entries, b)).toContain('refund_succeeded');
    expect(kindsOf(entries, b).filter((k) => k !== 'refund_succeeded')).toEqual([
      'trip_cancelled',
      'trip_confirmed',
    ]);
    expect(kindsOf(entries, c)).toEqual(['hold_expired', 'hold_expiring']);
    for (const e of entries) {
      expect(delivery(e, 'in_app').status).toBe('sent');
      const email = delivery(e, 'email');
      expect(email.status).toBe('pending');
      expect(email.attempts).toBeGreaterThan(0);
      expect(email.lastError).toBeTruthy();
    }
    expect(received).toEqual([]);

    // Backing off: a tick right away does not try again.
    const attempts = entries.map((e) => delivery(e, 'email').attempts);
    await tick();
    entries = await outboxOf(w.server.stores, [a, b, c]);
    expect(entries.map((e) => delivery(e, 'email').attempts)).toEqual(attempts);

    // The mail server comes up on that port: everything goes out once the backoff has passed.
    mail = await startMailServer(smtpPort, received);
    entries = await deliverAll(entries);
    for (let n = 0; n < 3; n++) {
      clock.advance(3601);
      await tick();
    }
    const ids = received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(entries.length);
    for (const e of entries) {
      const got = received.filter((m) => m.messageId === `<${e.id}@tripdesk>`);
      expect(got, e.kind).toHaveLength(1);
      const m = got[0]!;
      expect(m.subject).toMatch(SUBJECTS[e.kind]);
      expect(m.subject).toContain(e.tripId);
      expect(m.to).toEqual([e.payload.trip.customerEmail]);
      expect(m.from).toContain('bookings@tripdesk.test');
      expect(m.text).toContain(e.tripId);
      expect(m.html).toContain(e.tripId);
      expect(m.html).toMatch(/^<!doctype html>/);
      expect(delivery(e, 'email').sentAt).toBeTruthy();
    }

    // What the messages say: escaped HTML, money by the shared helpers, the deadline in words.
    const confirmation = received.find((m) => m.subject === `Your trip ${a} is confirmed`)!;
    expect(confirmation.text).toContain(`Dear Zoë O'Brien & <Sons>,`);
    expect(confirmation.html).toContain('Dear Zoë O&#39;Brien &amp; &lt;Sons&gt;,');
    expect(confirmation.html).not.toContain('<Sons>');
    expect(confirmation.text).toContain(`Total paid: ${formatMoney(paidA.total, 'en-US')}`);
    expect(confirmation.text).toContain(`Invoice: ${paidA.payment.invoiceNumber}`);
    expect(confirmation.text).not.toMatch(/4242|pm_card/);
    const warning = received.find((m) => m.subject.startsWith(`Your reservation ${c} expires`))!;
    expect(warning.subject).toBe(`Your reservation ${c} expires in about 4 minutes`);
    expect(warning.text).toContain(instantInWords(deadline));
    expect(warning.html).toContain(instantInWords(deadline));
  });

  it('holds mail while the mail server is stopped, and sends it once it is restarted', async () => {
    await mail!.close();
    mail = undefined;
    const before = received.length;
    const d = await w.sell(agent.api);
    await w.paid(agent.api, d);
    await tick();
    let [entry] = await outboxOf(w.server.stores, [d]);
    expect(entry!.kind).toBe('trip_confirmed');
    expect(delivery(entry!, 'email')).toMatchObject({ status: 'pending', attempts: 1 });
    expect(received).toHaveLength(before);

    mail = await startMailServer(smtpPort, received);
    [entry] = await deliverAll([entry!]);
    clock.advance(3601);
    await tick();
    expect(received.slice(before).map((m) => m.messageId)).toEqual([`<${entry!.id}@tripdesk>`]);
    const ids = received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('skips email, never leaving it pending, where no mail server is configured', async () => {
    const t = await w.sell(agent.api);
    await w.paid(agent.api, t);
    // A worker as an instance without SMTP_URL runs it.
    const noSmtp = new NotificationWorker(w.server.stores, undefined, {
      clock,
      events: w.server.events,
      logger: createLogger('silent'),
    });
    expect(await noSmtp.tick()).toMatchObject({ sent: 1, skipped: 1, failed: 0 });
    const [entry] = await outboxOf(w.server.stores, [t]);
    expect(delivery(entry!, 'in_app').status).toBe('sent');
    expect(delivery(entry!, 'email')).toMatchObject({
      status: 'skipped',
      attempts: 0,
      lastError: 'SMTP_URL is not set',
    });
    clock.advance(3601);
    expect(await noSmtp.tick()).toMatchObject({ sent: 0, skipped: 0, failed: 0 });
  });

  it('lists a user’s own notifications only, marks one or all read, 404 for someone else’s', async () => {
    const own = await agent.api.get('/api/notifications?limit=200');
    expect(own.status).toBe(200);
    const list = NotificationListSchema.parse(own.body);
    expect(list.items.length).toBeGreaterThanOrEqual(6);
    expect(list.unread).toBe(list.items.length);
    const times = list.items.map((n) => n.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const confirmed = list.items.find((n) => n.kind === 'trip_confirmed')!;
    expect(confirmed.title).toBe('Trip confirmed');
    expect(confirmed.body).toContain(confirmed.tripId);
    expect(confirmed.readAt).toBeNull();

    // The other agent has none, cannot read or mark the first one's.
    expect((await other.api.get('/api/notifications')).body).toEqual({ items: [], unread: 0 });
    const foreign = await other.api.post(`/api/notifications/${confirmed.id}/read`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('not_found');
    expect((await other.api.post('/api/notifications/read-all')).body).toEqual({ updated: 0 });
    expect((await agent.api.post('/api/notifications/ntf_nosuchthing0000/read')).status).toBe(404);
    expect((await agent.api.get('/api/notifications?limit=0')).status).toBe(400);

    const read = await agent.api.post(`/api/notifications/${confirmed.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: confirmed.id, readAt: clock.now().toISOString() });
    const unread = await agent.api.get('/api/notifications?unread=true');
    expect(unread.body.unread).toBe(list.unread - 1);
    expect(unread.body.items.map((n: { id: string }) => n.id)).not.toContain(confirmed.id);
    expect((await agent.api.get('/api/notifications?limit=2')).body.items).toHaveLength(2);

    const all = await agent.api.post('/api/notifications/read-all');
    expect(all.body).toEqual({ updated: list.unread - 1 });
    expect((await agent.api.get('/api/notifications?unread=true')).body).toEqual({ items: [], unread: 0 });
  });

  it('announces notification.created on the live stream of that user only', async () => {
    const open = (token: string) =>
      openStream(`${w.server.url}/api/events`, { authorization: `Bearer ${token}` });
    const adminToken = await login(w.server.url, ADMIN.email, ADMIN.password);
    const streams: Record<string, SseStream> = {
      agent: await open(agent.token),
      other: await open(other.token),
      admin: await open(adminToken),
    };
    for (const s of Object.values(streams)) await s.waitFor((m) => m.comments.includes('ok'));

    const t = await w.sell(agent.api);
    await w.paid(agent.api, t);
    await tick();
    const got = await streams.agent!.waitFor((m) => m.event === 'notification.created');
    const event = JSON.parse(got.data!);
    const listed = (await agent.api.get('/api/notifications?limit=1')).body.items[0];
    expect(event).toEqual({
      type: 'notification.created',
      userId: agent.id,
      notificationId: listed.id,
      at: clock.now().toISOString(),
    });
    expect(listed).toMatchObject({ kind: 'trip_confirmed', tripId: t });

    // Events arrive in order: once the marker is there, anything before it was sent or filtered.
    w.server.events.publish({ type: 'availability.changed', store: 'cars', at: clock.now().toISOString() });
    for (const s of Object.values(streams)) await s.waitFor((m) => m.event === 'availability.changed');
    expect(streams.other!.events().filter((e) => e.type === 'notification.created')).toEqual([]);
    expect(streams.admin!.events().filter((e) => e.type === 'notification.created')).toEqual([]);
    for (const s of Object.values(streams)) s.close();
  });

  it('warns of a hold about to expire once, 5 minutes before its deadline, however many workers look', async () => {
    const t = await w.sell(agent.api);
    const deadline = Date.parse((await w.server.stores.trips.findTrip(t))!.trip.hold_expires_at!);
    const expiring = async () =>
      (await w.server.stores.outbox.entriesOfTrip(t)).filter((e) => e.kind === 'hold_expiring');

    clock.set(new Date(deadline - 5 * 60_000 - 1000));
    await tick();
    expect(await expiring()).toEqual([]);

    // Exactly 5 minutes before: the server's worker, a second worker, and (PostgreSQL) a second
    // instance's worker over its own connections all look at once.
    clock.set(new Date(deadline - 5 * 60_000));
    const deps = { clock, events: w.server.events, logger: createLogger('silent') };
    const workers = [
      w.server.app.services.notifications,
      new NotificationWorker(w.server.stores, undefined, deps),
    ];
    let second: Stores | undefined;
    if (dialect === 'pg') {
      second = await openStores(w.server.db.location, { migrate: false });
      workers.push(new NotificationWorker(second, undefined, deps));
    }
    try {
      await Promise.all(workers.flatMap((x) => [x.tick(), x.tick()]));
      clock.advance(60);
      await Promise.all(workers.map((x) => x.tick()));
    } finally {
      await second?.close();
    }
    const rows = await expiring();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.createdAt).toBe(new Date(deadline - 5 * 60_000).toISOString());
    expect(rows[0]!.payload.detail).toEqual({ deadline: new Date(deadline).toISOString() });
    const mine = (await agent.api.get('/api/notifications?unread=true&limit=200')).body.items.filter(
      (n: { tripId: string; kind: string }) => n.tripId === t && n.kind === 'hold_expiring',
    );
    expect(mine).toHaveLength(1);
    expect(mine[0].title).toBe('Hold about to expire');
  });
});

describe.each(dialects)('a mail server that never answers, on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let silent: SilentServer;
  let w: Awaited<ReturnType<typeof world>>;

  beforeAll(async () => {
    silent = await startSilentServer();
    w = await world(dialect, clock, `hung${dialect}`, `smtp://127.0.0.1:${silent.port}`);
  });
  afterAll(async () => {
    await silent?.close();
    await w?.server.stop();
  });

  it('does not hold up a booking: the payment completes while the worker waits, the mail stays pending', async () => {
    const agent = await w.agent(`agent.hung.${dialect}@example.test`);
    const first = await w.sell(agent.api);
    await w.paid(agent.api, first);

    let settled = false;
    const ticking = w.server.app.services.notifications.tick().finally(() => {
      settled = true;
    });
    // The worker is now connected and waiting for a greeting that does not come.
    await vi.waitFor(() => expect(silent.connections).toBeGreaterThan(0), { timeout: 10_000 });

    const second = await w.sell(agent.api);
    const paid = await w.paid(agent.api, second);
    expect(paid.status).toBe('confirmed');
    expect(settled).toBe(false);
    const [pending] = await outboxOf(w.server.stores, [second]);
    expect(delivery(pending!, 'email')).toMatchObject({ status: 'pending', attempts: 0 });
    // In-app went out first, before the worker met the silent mail server.
    const [firstEntry] = await outboxOf(w.server.stores, [first]);
    expect(delivery(firstEntry!, 'in_app').status).toBe('sent');

    // The mail server goes away: the attempt fails, is counted, and waits for its backoff.
    await silent.close();
    await ticking;
    const [after] = await outboxOf(w.server.stores, [first]);
    expect(delivery(after!, 'email')).toMatchObject({ status: 'pending', attempts: 1 });
    expect(delivery(after!, 'email').lastError).toBeTruthy();
    expect(Date.parse(delivery(after!, 'email').nextAttemptAt)).toBe(clock.now().getTime() + 30_000);
  });
});
