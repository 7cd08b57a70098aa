import type { Knex } from 'knex';
import type { ItemStatus, ItemType, Money, NotificationKind, TripStatus } from '@tripdesk/shared';
import { newId } from '../ids.ts';
import { forUpdate, inTransaction } from '../transactions.ts';
import { iso } from '../knex.ts';

/*
 * The notification outbox of the payments store: the rows a change's notifications make, written in
 * the trip's own transaction (`recordNotifications`; which events notify is the policy's call, in
 * notifications/notification-policy.ts), the "hold about to expire" rows a scan adds once per deadline, and the
 * per-channel deliveries the worker claims, sends and settles. The only code touching outbox and
 * outbox_deliveries.
 */

export type DeliveryChannel = 'in_app' | 'email';
export const DELIVERY_CHANNELS: readonly DeliveryChannel[] = ['in_app', 'email'];
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** A trip event as the insert paths write it (NewTripEvent of trips.ts, structurally). */
export interface OutboxTripEvent {
  readonly type: string;
  readonly itemId?: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/**
 * Which notifications one change's events warrant (notifications/notification-policy.ts decides; the
 * trip writes take it from openStores and record what it says, in the change's transaction).
 */
export type NotificationPolicy = (tripId: string, events: readonly OutboxTripEvent[]) => NotificationIntent[];

/** For stores opened without a policy (tools, tests of the stores alone): trip writes notify nobody. */
export const NO_NOTIFICATIONS: NotificationPolicy = () => [];

/** What one change's events warrant telling: the kind, the items concerned and what the message needs. */
export interface NotificationIntent {
  readonly kind: NotificationKind;
  readonly itemIds: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
  /** Once-only key: a second row with it is not written. */
  readonly dedupeKey?: string;
}

/** One item of the trip as it was when the notification was made. */
export interface OutboxItem {
  readonly id: string;
  readonly type: ItemType;
  readonly status: ItemStatus;
  readonly price: Money;
  readonly details: Readonly<Record<string, unknown>>;
}

/** The outbox row's payload: the trip as it was, and what the kind needs besides. */
export interface OutboxPayload {
  readonly trip: {
    readonly id: string;
    readonly status: TripStatus;
    readonly customerName: string;
    readonly customerEmail: string;
    /** The user who opened the trip: the in-app recipient. */
    readonly createdBy: string;
    readonly total: Money | null;
    readonly holdExpiresAt: string | null;
  };
  readonly items: readonly OutboxItem[];
  /** The items the notification is about (cancelled, expired, refunded); empty: the whole trip. */
  readonly itemIds: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface OutboxEntry {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly tripId: string;
  readonly payload: OutboxPayload;
  readonly createdAt: string;
}

export interface DeliveryRecord {
  readonly outboxId: string;
  readonly channel: DeliveryChannel;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly sentAt: string | null;
}

/** A delivery the worker took, with its outbox row. */
export interface ClaimedDelivery extends DeliveryRecord {
  readonly entry: OutboxEntry;
}

/**
 * Writes the notifications the policy says a change's events warrant, in the change's own transaction
 * (`trx`): called by every path that inserts trip_events, after the change is written, so the payload
 * shows the trip as the change left it. Nothing is read or written when the events warrant nothing.
 */
export async function recordNotifications(
  trx: Knex.Transaction,
  tripId: string,
  at: string,
  events: readonly OutboxTripEvent[],
  policy: NotificationPolicy,
): Promise<void> {
  const intents = policy(tripId, events);
  if (intents.length === 0) return;
  const snapshot = await readSnapshot(trx, tripId);
  if (!snapshot) return;
  for (const intent of intents) {
    await insertEntry(trx, {
      kind: intent.kind,
      tripId,
      payload: { ...snapshot, itemIds: intent.itemIds, detail: intent.detail },
      dedupeKey: intent.dedupeKey ?? null,
      at,
    });
  }
}

async function readSnapshot(
  k: Knex | Knex.Transaction,
  tripId: string,
): Promise<Pick<OutboxPayload, 'trip' | 'items'> | undefined> {
  const trip = (await k('trips').where({ id: tripId }).first()) as Record<string, unknown> | undefined;
  if (!trip) return undefined;
  const rows = (await k('trip_items')
    .where({ trip_id: tripId })
    .orderBy('position')
    .select('id', 'type', 'status', 'price_amount', 'currency', 'details')) as Record<string, unknown>[];
  const currency = trip.currency === null ? null : String(trip.currency);
  return {
    trip: {
      id: String(trip.id),
      status: trip.status as TripStatus,
      customerName: String(trip.customer_name),
      customerEmail: String(trip.customer_email),
      createdBy: String(trip.created_by),
      total: currency ? { amount: Number(trip.total_amount), currency } : null,
      holdExpiresAt: trip.hold_expires_at === null ? null : String(trip.hold_expires_at),
    },
    items: rows.map((r) => ({
      id: String(r.id),
      type: r.type as ItemType,
      status: r.status as ItemStatus,
      price: { amount: Number(r.price_amount), currency: String(r.currency) },
      details: JSON.parse(String(r.details)) as Record<string, unknown>,
    })),
  };
}

/**
 * The outbox row and one pending delivery per channel, unless a row with its dedupe key is there
 * already (then nothing: ON CONFLICT DO NOTHING on both dialects, which waits for, and yields to, a
 * concurrent writer of the same key on PostgreSQL). True when written.
 */
async function insertEntry(
  trx: Knex.Transaction,
  e: {
    kind: NotificationKind;
    tripId: string;
    payload: OutboxPayload;
    dedupeKey: string | null;
    at: string;
  },
): Promise<boolean> {
  const id = newId('obx');
  const insert = trx('outbox').insert({
    id,
    kind: e.kind,
    trip_id: e.tripId,
    payload: JSON.stringify(e.payload),
    dedupe_key: e.dedupeKey,
    created_at: e.at,
  });
  if (e.dedupeKey !== null) await insert.onConflict('dedupe_key').ignore();
  else await insert;
  if (e.dedupeKey !== null && !(await trx('outbox').where({ id }).first('id'))) return false;
  await trx('outbox_deliveries').insert(
    DELIVERY_CHANNELS.map((channel) => ({
      outbox_id: id,
      channel,
      status: 'pending',
      attempts: 0,
      next_attempt_at: e.at,
      last_error: null,
      sent_at: null,
      updated_at: e.at,
    })),
  );
  return true;
}

interface DeliveryRow {
  outbox_id: string;
  channel: DeliveryChannel;
  status: DeliveryStatus;
  attempts: number | string;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
}

const toDelivery = (r: DeliveryRow): DeliveryRecord => ({
  outboxId: r.outbox_id,
  channel: r.channel,
  status: r.status,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  sentAt: r.sent_at,
});

interface OutboxRow {
  id: string;
  kind: NotificationKind;
  trip_id: string;
  payload: string;
  created_at: string;
}

const toEntry = (r: OutboxRow): OutboxEntry => ({
  id: r.id,
  kind: r.kind,
  tripId: r.trip_id,
  payload: JSON.parse(r.payload) as OutboxPayload,
  createdAt: r.created_at,
});

export class OutboxRepository {
  readonly knex: Knex;

  constructor(knex: Knex) {
    this.knex = knex;
  }

  /**
   * A hold_expiring row for each held trip whose payment deadline is after `now` and at most `within`
   * ms away, once per (trip, deadline): however many scans and instances, the dedupe key lets one
   * through. Answers how many rows this call wrote.
   */
  async enqueueExpiringHolds(now: Date, withinMs: number, limit = 200): Promise<number> {
    const rows = (await this.knex('trips')
      .where('status', 'held')
      .where('hold_expires_at', '>', iso(now))
      .where('hold_expires_at', '<=', iso(new Date(now.getTime() + withinMs)))
      .orderBy('hold_expires_at')
      .limit(limit)
      .select('id', 'hold_expires_at')) as { id: string; hold_expires_at: string }[];
    let written = 0;
    for (const row of rows) {
      const key = `hold_expiring:${row.id}:${row.hold_expires_at}`;
      if (await this.knex('outbox').where({ dedupe_key: key }).first('id')) continue;
      const wrote = await inTransaction(this.knex, async (trx) => {
        const snapshot = await readSnapshot(trx, row.id);
        // Paid, cancelled or given a new deadline since the scan: nothing to warn about.
        if (!snapshot || snapshot.trip.status !== 'held') return false;
        if (snapshot.trip.holdExpiresAt !== row.hold_expires_at) return false;
        return insertEntry(trx, {
          kind: 'hold_expiring',
          tripId: row.id,
          payload: {
            ...snapshot,
            itemIds: snapshot.items.filter((i) => i.status === 'held').map((i) => i.id),
            detail: { deadline: row.hold_expires_at },
          },
          dedupeKey: key,
          at: iso(now),
        });
      });
      if (wrote) written++;
    }
    return written;
  }

  /**
   * Takes up to `limit` pending deliveries of `channel` that are due, oldest notification first, and pushes their next attempt
   * `leaseMs` on, in one transaction: another worker (PostgreSQL: SKIP LOCKED; then the lease) does not
   * take them while this one sends. A worker that dies mid-send leaves them to be taken after the lease.
   */
  async claimDue(
    channel: DeliveryChannel,
    now: Date,
    limit: number,
    leaseMs: number,
  ): Promise<ClaimedDelivery[]> {
    return inTransaction(this.knex, async (trx) => {
      const q = trx('outbox_deliveries')
        .select('*')
        .where({ channel, status: 'pending' })
        .where('next_attempt_at', '<=', iso(now))
        // Oldest notification first: a customer catching up after an outage reads them in order.
        .orderByRaw('(select o.created_at from outbox o where o.id = outbox_deliveries.outbox_id), outbox_id')
        .limit(limit);
      const rows = (await forUpdate(trx, q, true)) as DeliveryRow[];
      if (rows.length === 0) return [];
      const lease = iso(new Date(now.getTime() + leaseMs));
      for (const r of rows) {
        await trx('outbox_deliveries')
          .where({ outbox_id: r.outbox_id, channel: r.channel, status: 'pending' })
          .update({ next_attempt_at: lease, updated_at: iso(now) });
      }
      const entries = (await trx('outbox').whereIn('id', [
        ...new Set(rows.map((r) => r.outbox_id)),
      ])) as OutboxRow[];
      const byId = new Map(entries.map((e) => [e.id, toEntry(e)]));
      return rows.map((r) => ({
        ...toDelivery({ ...r, next_attempt_at: lease }),
        entry: byId.get(r.outbox_id)!,
      }));
    });
  }

  /** The delivery went out. Only a pending one changes (a second worker's late answer changes nothing). */
  async markSent(outboxId: string, channel: DeliveryChannel, now: Date): Promise<boolean> {
    const n = await this.knex('outbox_deliveries')
      .where({ outbox_id: outboxId, channel, status: 'pending' })
      .update({ status: 'sent', sent_at: iso(now), last_error: null, updated_at: iso(now) });
    return n === 1;
  }

  /** The channel does not apply (no mail server configured): never tried, never pending again. */
  async markSkipped(outboxId: string, channel: DeliveryChannel, now: Date, reason: string): Promise<void> {
    await this.knex('outbox_deliveries')
      .where({ outbox_id: outboxId, channel, status: 'pending' })
      .update({ status: 'skipped', last_error: reason, updated_at: iso(now) });
  }

  /**
   * An attempt failed: counted, with its error, and tried again at `retryAt`; with `retryAt` null the
   * delivery is given up (`failed`).
   */
  async markAttemptFailed(
    outboxId: string,
    channel: DeliveryChannel,
    now: Date,
    error: string,
    retryAt: Date | null,
  ): Promise<void> {
    await this.knex('outbox_deliveries')
      .where({ outbox_id: outboxId, channel, status: 'pending' })
      .update({
        status: retryAt ? 'pending' : 'failed',
        attempts: this.knex.raw('attempts + 1'),
        last_error: error.slice(0, 1000),
        ...(retryAt ? { next_attempt_at: iso(retryAt) } : {}),
        updated_at: iso(now),
      });
  }

  /** Every outbox row of a trip with its deliveries, oldest first (support and tests). */
  async entriesOfTrip(tripId: string): Promise<(OutboxEntry & { deliveries: DeliveryRecord[] })[]> {
    const rows = (await this.knex('outbox')
      .where({ trip_id: tripId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }])) as OutboxRow[];
    if (rows.length === 0) return [];
    const deliveries = (await this.knex('outbox_deliveries')
      .whereIn(
        'outbox_id',
        rows.map((r) => r.id),
      )
      .orderBy([{ column: 'outbox_id' }, { column: 'channel' }])) as DeliveryRow[];
    return rows.map((r) => ({
      ...toEntry(r),
      deliveries: deliveries.filter((d) => d.outbox_id === r.id).map(toDelivery),
    }));
  }

  /** How many deliveries stand in each status, per channel (health of the mail queue). */
  async deliveryCounts(): Promise<{ channel: DeliveryChannel; status: DeliveryStatus; count: number }[]> {
    const rows = (await this.knex('outbox_deliveries')
      .select('channel', 'status')
      .count({ n: '*' })
      .groupBy('channel', 'status')
      .orderBy(['channel', 'status'])) as { channel: DeliveryChannel; status: DeliveryStatus; n: unknown }[];
    return rows.map((r) => ({ channel: r.channel, status: r.status, count: Number(r.n) }));
  }
}
