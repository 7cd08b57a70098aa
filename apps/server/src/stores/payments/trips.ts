import type { Knex } from 'knex';
import type { ItemStatus, ItemType, TripStatus } from '@tripdesk/shared';
import { forUpdate, inTransaction } from '../transactions.ts';
import { asInt, iso } from '../knex.ts';
import { NO_NOTIFICATIONS, recordNotifications, type NotificationPolicy } from './outbox.ts';

export interface TripRow {
  readonly id: string;
  readonly status: TripStatus;
  readonly customer_name: string;
  readonly customer_email: string;
  readonly customer_phone: string | null;
  /** The trip's travellers as JSON text (the API's list, ids given), null until some are set. */
  readonly travellers?: string | null;
  readonly currency: string | null;
  readonly total_amount: number;
  readonly hold_expires_at: string | null;
  readonly created_by: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly version: number;
}

export interface TripItemRow {
  readonly id: string;
  readonly trip_id: string;
  /** 1, 2, ...: the item's place in its trip. */
  readonly position: number;
  readonly type: ItemType;
  readonly status: ItemStatus;
  readonly price_amount: number;
  readonly currency: string;
  readonly hold_expires_at: string | null;
  readonly hotel_id: string | null;
  readonly created_by: string;
  /** The type's fields as sold (parsed JSON). */
  readonly details: Readonly<Record<string, unknown>>;
  readonly extras: readonly unknown[];
  readonly special_requests: string | null;
  readonly cancellation_policy: unknown;
  /** First and last travel date, and where the item goes: kept from `details` by travelOf. */
  readonly travel_start?: string | null;
  readonly travel_end?: string | null;
  readonly destination?: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface TripEventRow {
  readonly id: number;
  readonly trip_id: string;
  readonly item_id: string | null;
  readonly at: string;
  readonly type: string;
  readonly actor: string;
  readonly from_status: string | null;
  readonly to_status: string | null;
  readonly detail: Readonly<Record<string, unknown>> | null;
}

/** A trip with its items (oldest first) and its history (oldest first). */
export interface TripRecord {
  readonly trip: TripRow;
  readonly items: readonly TripItemRow[];
  readonly events: readonly TripEventRow[];
}

export type NewTripItem = Omit<TripItemRow, 'updated_at' | 'position'>;

export interface NewTripEvent {
  readonly itemId?: string;
  readonly type: string;
  readonly actor: string;
  readonly from?: string;
  readonly to?: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** What a service decided to write to one trip, inside the trip's transaction. */
export interface TripChange {
  readonly trip?: Partial<
    Pick<TripRow, 'status' | 'currency' | 'total_amount' | 'hold_expires_at' | 'travellers'>
  >;
  readonly newItems?: readonly NewTripItem[];
  /** Each applies only if the item is still in `from`. */
  readonly itemStatuses?: readonly { id: string; from: ItemStatus; to: ItemStatus }[];
  readonly events: readonly NewTripEvent[];
}

export interface TripFilter {
  /** Stored statuses; a stored `held` trip reads as `expired` once nothing is held or sold (see `held`). */
  readonly statuses?: readonly TripStatus[];
  /**
   * Stored `held` trips by how they read at `at`: `live` those with an item held past `at` or one of
   * `soldStatuses`, `lapsed` the others. Applies to stored `held` trips only (ORed with `statuses`).
   */
  readonly held?: {
    readonly which: 'live' | 'lapsed';
    readonly at: string;
    readonly soldStatuses: readonly ItemStatus[];
  };
  /** Matches the trip id, customer name, email, phone digits, a traveller's name. */
  readonly q?: string;
  /** An invoice number: exact. */
  readonly invoiceNumber?: string;
  /** Trips with an item (not released) whose dates overlap [travelFrom, travelTo]. */
  readonly travelFrom?: string;
  readonly travelTo?: string;
  /** Trips with an item (not released) whose places match (part, any case). */
  readonly destination?: string;
  readonly soldBy?: string;
  /** A front desk's scope: trips with a stay at the hotel, or opened by the user. */
  readonly deskScope?: { readonly hotelId: string; readonly userId: string };
  readonly limit: number;
  readonly offset?: number;
}

export class TripChangeConflict extends Error {}

/**
 * The only code that touches trips, trip_items and trip_events in the payments store. A change to a
 * trip runs in one transaction that first locks the trip's row (PostgreSQL: FOR UPDATE; SQLite: the
 * store's single connection), so the service's decision is made on what is there and nothing changes
 * between deciding and writing.
 */
export class TripsRepository {
  readonly knex: Knex;
  readonly #notify: NotificationPolicy;

  /** `notify`: which of a change's events make notifications, written in the change's transaction. */
  constructor(knex: Knex, notify: NotificationPolicy = NO_NOTIFICATIONS) {
    this.knex = knex;
    this.#notify = notify;
  }

  async createTrip(trip: TripRow, event: NewTripEvent): Promise<TripRecord> {
    return inTransaction(this.knex, async (trx) => {
      await trx('trips').insert(trip);
      await insertEvents(trx, trip.id, trip.created_at, [event], this.#notify);
      return (await readRecord(trx, trip.id))!;
    });
  }

  async findTrip(id: string): Promise<TripRecord | undefined> {
    return readRecord(this.knex, id);
  }

  /**
   * Runs `decide` on the locked trip and its items and writes what it returns (nothing when it returns
   * undefined); `decide` may throw to refuse, and then nothing is written. Undefined when the trip does
   * not exist or, with `skipLocked`, is being changed by someone else right now (PostgreSQL).
   */
  async changeTrip(
    id: string,
    now: Date,
    decide: (current: { trip: TripRow; items: readonly TripItemRow[] }) => TripChange | undefined,
    opts: { skipLocked?: boolean } = {},
  ): Promise<{ record: TripRecord; changed: boolean } | undefined> {
    const at = iso(now);
    return inTransaction(this.knex, async (trx) => {
      const trip = (await forUpdate(trx, trx('trips').where({ id }).first(), opts.skipLocked)) as
        TripRow | undefined;
      if (!trip) return undefined;
      const items = (await itemsQuery(trx).where({ trip_id: id })).map(parseTripItem);
      const change = decide({ trip, items });
      if (!change) return { record: (await readRecord(trx, id))!, changed: false };

      if (change.newItems && change.newItems.length > 0) {
        const last = items.reduce((max, i) => Math.max(max, i.position), 0);
        await trx('trip_items').insert(
          change.newItems.map((item, n) => serializeItem(item, last + 1 + n, at)),
        );
        // The units reserved for these holds (reserveHoldUnits) are counted by the items from now on.
        await trx('hold_reservations')
          .whereIn(
            'item_id',
            change.newItems.map((i) => i.id),
          )
          .delete();
      }
      for (const s of change.itemStatuses ?? []) {
        const n = await trx('trip_items')
          .where({ id: s.id, trip_id: id, status: s.from })
          .update({ status: s.to, updated_at: at });
        if (n !== 1) throw new TripChangeConflict(`item ${s.id} is no longer ${s.from}`);
      }
      await trx('trips')
        .where({ id })
        .update({ ...change.trip, updated_at: at, version: trx.raw('version + 1') });
      await insertEvents(trx, id, at, change.events, this.#notify);
      return { record: (await readRecord(trx, id))!, changed: true };
    });
  }

  /**
   * Newest first (ties by id, so pages are stable), `limit` from `offset`, each with its items and events
   * (four queries, whatever the count), and how many match before paging.
   */
  async listTrips(filter: TripFilter): Promise<{ records: TripRecord[]; total: number }> {
    const base = this.knex('trips');
    this.#applyFilter(base, filter);
    const counted = (await base.clone().count({ n: '*' })) as { n: number | string }[];
    const total = Number(counted[0]?.n ?? 0);
    const trips = (await base
      .select('trips.*')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit)
      .offset(filter.offset ?? 0)) as TripRow[];
    if (trips.length === 0) return { records: [], total };
    const ids = trips.map((t) => t.id);
    const items = (await itemsQuery(this.knex).whereIn('trip_id', ids)).map(parseTripItem);
    const events = (await eventsQuery(this.knex).whereIn('trip_id', ids)).map(parseEvent);
    const records = trips.map((trip) => ({
      trip,
      items: items.filter((i) => i.trip_id === trip.id),
      events: events.filter((e) => e.trip_id === trip.id),
    }));
    return { records, total };
  }

  #applyFilter(q: Knex.QueryBuilder, filter: TripFilter): void {
    const knex = this.knex;
    const items = () => knex('trip_items as i').select(knex.raw('1')).whereRaw('i.trip_id = trips.id');
    const like = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    if (filter.statuses || filter.held) {
      const { statuses = [], held } = filter;
      q.where((w) => {
        if (statuses.length > 0) w.whereIn('trips.status', statuses);
        if (held) {
          const live = () =>
            items().where((i) =>
              i
                .where((h) => h.where('i.status', 'held').where('i.hold_expires_at', '>', held.at))
                .orWhereIn('i.status', held.soldStatuses),
            );
          w.orWhere((h) => {
            h.where('trips.status', 'held');
            if (held.which === 'live') h.whereExists(live());
            else h.whereNotExists(live());
          });
        }
      });
    }
    if (filter.invoiceNumber) {
      q.whereIn('trips.id', knex('payments').select('trip_id').where('invoice_number', filter.invoiceNumber));
    }
    if (filter.q) {
      const pattern = like(filter.q);
      const digits = filter.q.replace(/\D/g, '');
      q.where((w) => {
        w.whereRaw("lower(trips.id) like ? escape '\\'", [pattern])
          .orWhereRaw("lower(customer_name) like ? escape '\\'", [pattern])
          .orWhereRaw("lower(customer_email) like ? escape '\\'", [pattern])
          .orWhereExists(items().whereRaw("i.traveller_search like ? escape '\\'", [pattern]));
        // A phone is compared by its digits, however either side was typed (spaces, dashes, brackets, +).
        if (digits.length >= 3 && /^[\d\s()+./-]+$/.test(filter.q ?? '')) {
          w.orWhereRaw(`${PHONE_DIGITS} like ?`, [`%${digits}%`]);
        }
      });
    }
    // `in` (not a correlated `exists`): the database starts from the matching items, by the travel index.
    if (filter.travelFrom || filter.travelTo) {
      const dated = knex('trip_items').select('trip_id').whereNot('status', 'released');
      if (filter.travelTo) dated.where('travel_start', '<=', filter.travelTo);
      if (filter.travelFrom) dated.where('travel_end', '>=', filter.travelFrom);
      q.whereIn('trips.id', dated);
    }
    if (filter.destination) {
      q.whereIn(
        'trips.id',
        knex('trip_items')
          .select('trip_id')
          .whereNot('status', 'released')
          .whereRaw("place_search like ? escape '\\'", [like(filter.destination)]),
      );
    }
    if (filter.soldBy) q.where('trips.created_by', filter.soldBy);
    if (filter.deskScope) {
      const { hotelId, userId } = filter.deskScope;
      q.where((w) =>
        w
          .where('trips.created_by', userId)
          .orWhereIn(
            'trips.id',
            knex('trip_items').select('trip_id').where('hotel_id', hotelId).whereNot('status', 'released'),
          ),
      );
    }
  }

  /**
   * Reserves `units` of the user's hold quota for an item about to be held, unless the user's units
   * held (items held and unexpired, and reservations of items not yet recorded) would pass `max`. Atomic
   * per user on both databases and across instances: the user's quota row is locked (PostgreSQL) for
   * the count and the insert; SQLite runs one write transaction at a time. A reservation counts until
   * its item is recorded, then the item counts; one left by a crash lapses at `pendingUntil`.
   */
  async reserveHoldUnits(r: {
    userId: string;
    itemId: string;
    units: number;
    max: number;
    now: Date;
    pendingUntil: Date;
  }): Promise<{ reserved: true } | { reserved: false; held: number; earliestExpiry: string | null }> {
    const at = iso(r.now);
    return inTransaction(this.knex, async (trx) => {
      // Takes the user's quota row lock in one statement: an upsert locks the row it meets (PostgreSQL).
      await trx.raw(
        'insert into hold_quota_users (user_id) values (?) on conflict (user_id) do update set user_id = excluded.user_id',
        [r.userId],
      );
      // One statement, so one snapshot (an item recorded, and its reservation dropped, between two would be
      // seen in neither), and one round trip: the reservation is inserted only if the units fit.
      const heldUnits = `select coalesce(sum(units), 0) from (
          select hold_units as units from trip_items
           where created_by = ? and status = 'held' and hold_expires_at > ?
          union all
          select r.units from hold_reservations r
           where r.user_id = ? and r.expires_at > ?
             and not exists (select 1 from trip_items i where i.id = r.item_id)
        ) held`;
      const inserted = (await trx.raw(
        `insert into hold_reservations (item_id, user_id, units, created_at, expires_at)
         select ?, ?, ?, ?, ? where (${heldUnits}) + ? <= ?
         returning item_id`,
        [r.itemId, r.userId, r.units, at, iso(r.pendingUntil), r.userId, at, r.userId, at, r.units, r.max],
      )) as { rows?: unknown[] } | unknown[];
      const rows = Array.isArray(inserted) ? inserted : (inserted.rows ?? []);
      if (rows.length > 0) return { reserved: true };
      // Refused (the rare path): what the user holds, and when the first of it runs out, for the 429.
      const held = (await trx('trip_items')
        .where({ created_by: r.userId, status: 'held' })
        .where('hold_expires_at', '>', at)
        .select('hold_units as units', 'hold_expires_at')
        .unionAll((q) =>
          q
            .from('hold_reservations as r')
            .where('r.user_id', r.userId)
            .where('r.expires_at', '>', at)
            .whereNotExists((e) =>
              e.select(trx.raw('1')).from('trip_items as i').whereRaw('i.id = r.item_id'),
            )
            .select('r.units', 'r.expires_at as hold_expires_at'),
        )) as { units: number | string; hold_expires_at: string }[];
      return {
        reserved: false,
        held: held.reduce((n, row) => n + asInt(row.units), 0),
        earliestExpiry: held.map((row) => row.hold_expires_at).sort()[0] ?? null,
      };
    });
  }

  /** Reservations a crash left behind (their item never recorded, nor released): past their lapse. */
  async purgeLapsedReservations(now: Date): Promise<number> {
    return this.knex('hold_reservations').where('expires_at', '<=', iso(now)).delete();
  }

  /**
   * The units of the user's held, unexpired items, and the earliest of their expiries: the per-user cap
   * of a single process (SQLite), which keeps its pending reservations in memory (selling/hold-quota.ts).
   */
  async heldUnits(userId: string, now: Date): Promise<{ units: number; earliestExpiry: string | null }> {
    const row = (await this.knex('trip_items')
      .where({ created_by: userId, status: 'held' })
      .where('hold_expires_at', '>', iso(now))
      .first(
        this.knex.raw('sum(hold_units) as units'),
        this.knex.raw('min(hold_expires_at) as earliest'),
      )) as { units: number | string | null; earliest: string | null } | undefined;
    return { units: asInt(row?.units), earliestExpiry: row?.earliest ?? null };
  }

  /** The reservation's hold was refused, or its item could not be recorded: the units are free again. */
  async dropHoldReservation(itemId: string): Promise<void> {
    await this.knex('hold_reservations').where({ item_id: itemId }).delete();
  }

  /**
   * Trips with a held item whose hold has run out, by trip id after `after` (a cursor, so that one sweep
   * walks past trips it had to leave alone), at most `limit`.
   */
  async tripsWithDueItems(now: Date, limit: number, after = ''): Promise<string[]> {
    const rows = (await this.knex('trip_items')
      .distinct('trip_id')
      .where('status', 'held')
      .where('hold_expires_at', '<=', iso(now))
      .where('trip_id', '>', after)
      .orderBy('trip_id')
      .limit(limit)) as { trip_id: string }[];
    return rows.map((r) => r.trip_id);
  }
}

function itemsQuery(k: Knex | Knex.Transaction) {
  return k('trip_items')
    .select('*')
    .orderBy([{ column: 'trip_id' }, { column: 'position' }]);
}

function eventsQuery(k: Knex | Knex.Transaction) {
  return k('trip_events')
    .select('*')
    .orderBy([{ column: 'at' }, { column: 'id' }]);
}

async function readRecord(k: Knex | Knex.Transaction, id: string): Promise<TripRecord | undefined> {
  const trip = (await k('trips').where({ id }).first()) as TripRow | undefined;
  if (!trip) return undefined;
  const items = (await itemsQuery(k).where({ trip_id: id })).map(parseTripItem);
  const events = (await eventsQuery(k).where({ trip_id: id })).map(parseEvent);
  return { trip, items, events };
}

async function insertEvents(
  trx: Knex.Transaction,
  tripId: string,
  at: string,
  events: readonly NewTripEvent[],
  notify: NotificationPolicy,
): Promise<void> {
  if (events.length === 0) return;
  await trx('trip_events').insert(
    events.map((e) => ({
      trip_id: tripId,
      item_id: e.itemId ?? null,
      at,
      type: e.type,
      actor: e.actor,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })),
  );
  // The notifications these events warrant, in the same transaction (transactional outbox).
  await recordNotifications(trx, tripId, at, events, notify);
}

function serializeItem(i: NewTripItem, position: number, at: string): Record<string, unknown> {
  return {
    ...i,
    position,
    hold_units: holdUnitsOf(i.type, i.details),
    ...travelOf(i.type, i.details),
    details: JSON.stringify(i.details),
    extras: JSON.stringify(i.extras),
    cancellation_policy: i.cancellation_policy === null ? null : JSON.stringify(i.cancellation_policy),
    updated_at: at,
  };
}

/** A trip_items row as read: JSON columns parsed, pg's numeric strings as numbers. */
export function parseTripItem(r: Record<string, unknown>): TripItemRow {
  return {
    ...(r as unknown as TripItemRow),
    price_amount: Number(r.price_amount),
    position: Number(r.position),
    details: JSON.parse(String(r.details)) as Record<string, unknown>,
    extras: JSON.parse(String(r.extras)) as unknown[],
    cancellation_policy:
      r.cancellation_policy === null ? null : (JSON.parse(String(r.cancellation_policy)) as unknown),
  };
}

function parseEvent(r: Record<string, unknown>): TripEventRow {
  return {
    ...(r as unknown as TripEventRow),
    id: Number(r.id),
    detail: r.detail === null ? null : (JSON.parse(String(r.detail)) as Record<string, unknown>),
  };
}

/**
 * The units an item holds, as the per-user cap counts them: a stay's rooms (a room for any number of
 * nights is one unit), a flight's seats, one car.
 */
/** A phone's digits in SQL (the same expression on both databases): what a phone search compares. */
const PHONE_DIGITS = ['+', ' ', '-', '(', ')', '.', '/'].reduce(
  (expr, c) => `replace(${expr}, '${c}', '')`,
  "coalesce(customer_phone, '')",
);

/**
 * The travel columns of an item, from its details as sold: first and last date (a flight's dates are its
 * departure's and arrival's, as written with their offset), where it goes, and the lower-cased places and
 * traveller names the trips list searches.
 */
export function travelOf(
  type: ItemType,
  details: Readonly<Record<string, unknown>>,
): {
  travel_start: string | null;
  travel_end: string | null;
  destination: string | null;
  place_search: string | null;
  traveller_search: string | null;
} {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const date = (v: unknown) => text(v)?.slice(0, 10) ?? null;
  const names = (list: unknown) =>
    Array.isArray(list) ? list.map((p) => text((p as { name?: unknown } | null)?.name)).filter(Boolean) : [];
  const search = (parts: (string | undefined)[]) => {
    const s = parts.filter(Boolean).join(' | ').toLowerCase();
    return s === '' ? null : s;
  };
  const travellers = search([
    ...names(details.passengers),
    ...names(details.travellers),
    text(details.driver),
  ]);
  switch (type) {
    case 'hotel': {
      const city = text(details.hotelCity);
      const name = text(details.hotelName);
      return {
        travel_start: date(details.checkIn),
        travel_end: date(details.checkOut),
        destination: city ?? name ?? null,
        place_search: search([city, name]),
        traveller_search: travellers,
      };
    }
    case 'flight':
      return {
        travel_start: date(details.departureAt),
        travel_end: date(details.arrivalAt) ?? date(details.departureAt),
        destination: text(details.to) ?? null,
        place_search: search([text(details.to)]),
        traveller_search: travellers,
      };
    case 'car':
      return {
        travel_start: date(details.pickUp),
        travel_end: date(details.dropOff),
        destination: text(details.locationCode) ?? null,
        place_search: search([text(details.locationCode)]),
        traveller_search: travellers,
      };
  }
}

export function holdUnitsOf(type: ItemType, details: Readonly<Record<string, unknown>>): number {
  switch (type) {
    case 'hotel':
      return Math.max(1, Number(details.rooms) || 1);
    case 'flight': {
      const seats = Array.isArray(details.seats) ? details.seats.length : 0;
      const passengers = Array.isArray(details.passengers) ? details.passengers.length : 0;
      return Math.max(1, seats, passengers);
    }
    case 'car':
      return 1;
  }
}
