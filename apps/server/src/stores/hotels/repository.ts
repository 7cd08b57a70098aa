import type { Knex } from 'knex';
import { insertInBatches } from '../bulk-insert.ts';
import { CapacityInUseError, isCheckViolation, isUniqueViolation } from '../constraint-violations.ts';
import { eachDate as eachNight } from '@tripdesk/shared';
import { dialectOf } from '../knex.ts';

export interface NewHotel {
  readonly id: string;
  readonly name: string;
  readonly city: string;
  readonly country: string;
  readonly address: string | null;
  /** IANA time zone. */
  readonly timezone: string;
  readonly stars: number | null;
  readonly amenities: readonly string[];
  readonly phone?: string | null;
  readonly email?: string | null;
  /** `Date#toISOString` form. */
  readonly createdAt: string;
}

export interface NewRoomType {
  readonly id: string;
  readonly hotelId: string;
  readonly name: string;
  readonly maxOccupancy: number;
  /** Minor units of `currency`. */
  readonly nightlyRateAmount: number;
  readonly currency: string;
  readonly amenities: readonly string[];
  readonly description?: string | null;
  /** Rooms that may be sold beyond the physical ones on a night; 0 when absent. */
  readonly overbookingAllowance?: number;
  readonly createdAt: string;
}

export interface NewRoom {
  readonly id: string;
  readonly hotelId: string;
  readonly roomTypeId: string;
  readonly number: string;
}

/** A catalog written at once (demo data, imports): hotels, their room types and rooms. */
export interface HotelCatalog {
  readonly hotels: readonly NewHotel[];
  readonly roomTypes: readonly NewRoomType[];
  readonly rooms: readonly NewRoom[];
}

export interface HotelCatalogCounts {
  readonly hotels: number;
  readonly roomTypes: number;
  readonly rooms: number;
  readonly roomNights: number;
}

export interface HotelRecord {
  readonly id: string;
  readonly name: string;
  readonly city: string;
  readonly country: string;
  readonly address: string | null;
  readonly timezone: string;
  readonly stars: number | null;
  readonly amenities: string[];
  readonly phone: string | null;
  readonly email: string | null;
  readonly createdAt: string;
  readonly retiredAt: string | null;
}

/** What a hotel edit changes; `null` clears. */
export interface HotelChange {
  readonly name?: string;
  readonly city?: string;
  readonly country?: string;
  readonly address?: string | null;
  readonly timezone?: string;
  readonly stars?: number | null;
  readonly amenities?: readonly string[];
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly retiredAt?: string | null;
}

/** A room out of order over nights `from` ≤ night < `to`. */
export interface OutOfOrderRecord {
  readonly id: string;
  readonly hotelId: string;
  readonly roomTypeId: string;
  readonly roomId: string;
  readonly roomNumber: string;
  readonly from: string;
  readonly to: string;
  readonly kind: 'out_of_order' | 'out_of_service';
  readonly reason: string | null;
  readonly createdAt: string;
}

/** A room type closed to sale over nights `from` ≤ night < `to`. */
export interface RoomTypeClosureRecord {
  readonly id: string;
  readonly hotelId: string;
  readonly roomTypeId: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string | null;
  readonly createdAt: string;
}

/** Rooms already out of order on some of the nights asked for. */
export class RoomsAlreadyOutError extends Error {
  readonly numbers: readonly string[];
  constructor(numbers: readonly string[]) {
    super(`already out of order then: ${numbers.join(', ')}`);
    this.name = 'RoomsAlreadyOutError';
    this.numbers = numbers;
  }
}

export interface HotelSummaryRecord extends HotelRecord {
  readonly roomTypeCount: number;
  readonly roomCount: number;
}

export interface RoomTypeRecord {
  readonly id: string;
  readonly hotelId: string;
  readonly name: string;
  readonly maxOccupancy: number;
  readonly nightlyRateAmount: number;
  readonly currency: string;
  /** Its number of rooms. */
  readonly capacity: number;
  /** In door order (`2` before `10`). */
  readonly roomNumbers: string[];
  readonly amenities: string[];
  readonly description: string | null;
  /** Rooms that may be sold beyond `capacity` on a night. */
  readonly overbookingAllowance: number;
  readonly retiredAt: string | null;
}

/** What a room-type edit changes; rooms are added and removed by number. */
export interface RoomTypeChange {
  readonly name?: string;
  readonly maxOccupancy?: number;
  readonly nightlyRateAmount?: number;
  readonly currency?: string;
  readonly amenities?: readonly string[];
  readonly description?: string | null;
  readonly retiredAt?: string | null;
  readonly addRooms: readonly NewRoom[];
  readonly removeRoomNumbers: readonly string[];
}

export interface HotelListFilter {
  readonly city?: string | undefined;
  /** Part of the name, any case. */
  readonly q?: string | undefined;
  readonly limit: number;
  readonly offset: number;
  readonly includeRetired?: boolean;
}

export interface RoomTypeSearch {
  readonly city?: string | undefined;
  readonly hotelId?: string | undefined;
  readonly checkIn: string;
  /** Exclusive. */
  readonly checkOut: string;
  readonly guests: number;
  readonly rooms: number;
  /** Inclusive bounds of the nightly rate of one room, in minor units. */
  readonly minNightlyRate?: number | undefined;
  readonly maxNightlyRate?: number | undefined;
  /** Hotels of at least these stars; unrated hotels never match. */
  readonly minStars?: number | undefined;
  /** Every one of these, of the hotel or of the room type, any case. */
  readonly amenities?: readonly string[] | undefined;
  readonly order: 'price' | 'name' | 'stars';
  readonly limit: number;
  readonly offset: number;
}

export interface RoomTypeAvailability {
  readonly hotelId: string;
  readonly hotelName: string;
  readonly city: string;
  readonly roomTypeId: string;
  readonly roomTypeName: string;
  readonly maxOccupancy: number;
  readonly nightlyRateAmount: number;
  readonly currency: string;
  /** Fewest free rooms over the nights. */
  readonly available: number;
  readonly stars: number | null;
  readonly timezone: string;
  /** The hotel's, then the room type's own, each once. */
  readonly amenities: string[];
}

/** Room numbers that another room of the hotel already has. */
export class RoomNumbersTakenError extends Error {
  readonly numbers: readonly string[];
  constructor(numbers: readonly string[]) {
    super(`room numbers already in the hotel: ${numbers.join(', ')}`);
    this.name = 'RoomNumbersTakenError';
    this.numbers = numbers;
  }
}

/** Room numbers to remove that are not rooms of the room type. */
export class UnknownRoomNumbersError extends Error {
  readonly numbers: readonly string[];
  constructor(numbers: readonly string[]) {
    super(`not rooms of this room type: ${numbers.join(', ')}`);
    this.name = 'UnknownRoomNumbersError';
    this.numbers = numbers;
  }
}

/**
 * Lowering an overbooking allowance would leave a night with more rooms held or sold than its rooms plus
 * the new allowance: `night` is the first such night.
 */
export class AllowanceInUseError extends Error {
  readonly night: string | undefined;
  readonly inUse: number | undefined;
  readonly capacity: number | undefined;
  constructor(night?: string, inUse?: number, capacity?: number) {
    super(night ? `${inUse} rooms in use on ${night}, ${capacity} rooms` : 'allowance in use');
    this.name = 'AllowanceInUseError';
    this.night = night;
    this.inUse = inUse;
    this.capacity = capacity;
  }
}

/** Door order: `2` before `10`, `12A` after `12`. */
const doorOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The only code that touches the hotels store's database. */
export class HotelsRepository {
  readonly knex: Knex;
  /** Read-only connections for searches and catalog reads (stores/knex.ts, createStoreReader). */
  readonly reader: Knex;
  constructor(knex: Knex, reader: Knex = knex) {
    this.knex = knex;
    this.reader = reader;
  }

  /** Writes a whole catalog in one transaction of batched multi-row inserts: all of it or none. */
  async insertCatalog(catalog: HotelCatalog): Promise<void> {
    await this.knex.transaction((trx) => insertHotelCatalog(trx, catalog));
  }

  /**
   * Like `insertCatalog`, into a store without hotels only; false, and nothing written, otherwise.
   * On PostgreSQL the check and the inserts hold a lock on `hotels`, so two servers starting together
   * write the catalog once (SQLite has one writer per data folder).
   */
  async insertCatalogIfEmpty(catalog: HotelCatalog): Promise<boolean> {
    return this.knex.transaction(async (trx) => {
      if (dialectOf(trx) === 'pg') await trx.raw('lock table hotels in share row exclusive mode');
      if (await trx('hotels').first('id')) return false;
      await insertHotelCatalog(trx, catalog);
      return true;
    });
  }

  async hotelExists(id: string): Promise<boolean> {
    return (await this.knex('hotels').first('id').where({ id })) !== undefined;
  }

  /** The hotel created first (ties broken by id), e.g. the demo front desk's hotel; undefined if none. */
  async firstHotelId(): Promise<string | undefined> {
    const row = (await this.knex('hotels')
      .first('id')
      .orderBy([{ column: 'created_at' }, { column: 'id' }])) as { id: string } | undefined;
    return row?.id;
  }

  async insertHotel(hotel: NewHotel): Promise<void> {
    await this.knex('hotels').insert(hotelRow(hotel));
  }

  async findHotel(id: string): Promise<HotelRecord | undefined> {
    const row = (await this.reader('hotels').where({ id }).first()) as HotelRow | undefined;
    return row && toHotel(row);
  }

  /** Edits a hotel; undefined when there is none. */
  async updateHotel(id: string, change: HotelChange): Promise<HotelRecord | undefined> {
    return this.knex.transaction(async (trx) => {
      const set: Record<string, unknown> = {};
      for (const [key, column] of [
        ['name', 'name'],
        ['city', 'city'],
        ['country', 'country'],
        ['address', 'address'],
        ['timezone', 'timezone'],
        ['stars', 'stars'],
        ['phone', 'phone'],
        ['email', 'email'],
        ['retiredAt', 'retired_at'],
      ] as const) {
        if (change[key] !== undefined) set[column] = change[key];
      }
      if (change.amenities !== undefined) set.amenities = JSON.stringify(change.amenities);
      const n = await trx('hotels').where({ id }).update(set);
      if (n === 0) return undefined;
      return toHotel((await trx('hotels').where({ id }).first()) as HotelRow);
    });
  }

  /** Hotels by city then name, with the size of their inventory, and how many match before paging. */
  async listHotels(filter: HotelListFilter): Promise<{ items: HotelSummaryRecord[]; total: number }> {
    const r = this.reader;
    const rows = (await this.#hotelsMatching(filter)
      .select(
        'h.*',
        r.raw('(select count(*) from room_types rt where rt.hotel_id = h.id) as room_type_count'),
        r.raw(
          '(select coalesce(sum(rt.capacity), 0) from room_types rt where rt.hotel_id = h.id) as room_count',
        ),
        r.raw('count(*) over () as total'),
      )
      .orderBy([{ column: 'h.city' }, { column: 'h.name' }, { column: 'h.id' }])
      .limit(filter.limit)
      .offset(filter.offset)) as (HotelRow & {
      room_type_count: number | string;
      room_count: number | string;
      total: number | string;
    })[];
    let total = rows[0] ? Number(rows[0].total) : 0;
    if (!rows[0] && filter.offset > 0) {
      // Paged past the end: the window count came with no row, so count apart.
      total = Number(
        ((await this.#hotelsMatching(filter).count({ n: '*' }).first()) as { n: number | string }).n,
      );
    }
    return {
      items: rows.map((row) => ({
        ...toHotel(row),
        roomTypeCount: Number(row.room_type_count),
        roomCount: Number(row.room_count),
      })),
      total,
    };
  }

  #hotelsMatching(filter: HotelListFilter): Knex.QueryBuilder {
    const position = dialectOf(this.reader) === 'pg' ? 'strpos' : 'instr';
    return this.reader('hotels as h').modify((q) => {
      if (filter.city !== undefined) q.whereRaw('lower(h.city) = lower(?)', [filter.city]);
      // A substring test rather than LIKE, so that `%` and `_` in the query are plain characters.
      if (filter.q !== undefined) q.whereRaw(`${position}(lower(h.name), lower(?)) > 0`, [filter.q]);
      if (!filter.includeRetired) q.whereNull('h.retired_at');
    });
  }

  /** The room types of a hotel with their room numbers, by name. */
  async roomTypesOf(hotelId: string): Promise<RoomTypeRecord[]> {
    const [types, rooms] = await Promise.all([
      this.reader('room_types')
        .where({ hotel_id: hotelId })
        .orderBy([{ column: 'name' }, { column: 'id' }]),
      this.reader('rooms').where({ hotel_id: hotelId }).select('room_type_id', 'number'),
    ]);
    const numbers = new Map<string, string[]>();
    for (const room of rooms as { room_type_id: string; number: string }[]) {
      const list = numbers.get(room.room_type_id) ?? [];
      list.push(room.number);
      numbers.set(room.room_type_id, list);
    }
    return (types as RoomTypeRow[]).map((t) => toRoomType(t, numbers.get(t.id) ?? []));
  }

  async findRoomType(hotelId: string, roomTypeId: string): Promise<RoomTypeRecord | undefined> {
    return readRoomType(this.reader, hotelId, roomTypeId);
  }

  /**
   * A room type with its rooms, its capacity their count, in one transaction. Numbers another room of
   * the hotel has are a RoomNumbersTakenError (checked first, the unique index is the last word).
   */
  async createRoomType(roomType: NewRoomType, rooms: readonly NewRoom[]): Promise<RoomTypeRecord> {
    try {
      return await this.knex.transaction(async (trx) => {
        await refuseTakenNumbers(trx, roomType.hotelId, rooms);
        await trx('room_types').insert(roomTypeRow(roomType, rooms.length));
        await insertInBatches(trx, 'rooms', rooms.map(roomRow));
        return (await readRoomType(trx, roomType.hotelId, roomType.id))!;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new RoomNumbersTakenError([]);
      throw err;
    }
  }

  /**
   * Edits a room type; undefined when the hotel has no such room type. When rooms come or go, the
   * capacity changes in the same transaction as the rooms: the room type's row is locked (PostgreSQL:
   * FOR UPDATE, which a hold's FOR SHARE waits for), then every room_nights row from `fromNight` on gets
   * the new capacity. A night with more rooms held or booked than would remain is a CapacityInUseError
   * and nothing changes. Earlier nights are history and keep the capacity they were sold against.
   */
  async updateRoomType(
    hotelId: string,
    roomTypeId: string,
    change: RoomTypeChange,
    fromNight: string,
  ): Promise<{ roomType: RoomTypeRecord; capacityBefore: number } | undefined> {
    try {
      return await this.knex.transaction(async (trx) => {
        const locked = trx('room_types').where({ id: roomTypeId, hotel_id: hotelId }).first('capacity');
        const current = (await (dialectOf(trx) === 'pg' ? locked.forUpdate() : locked)) as
          { capacity: number } | undefined;
        if (!current) return undefined;

        if (change.removeRoomNumbers.length > 0) {
          const present = (await trx('rooms')
            .where({ room_type_id: roomTypeId })
            .whereIn('number', change.removeRoomNumbers)
            .select('id', 'number')) as { id: string; number: string }[];
          const known = new Set(present.map((r) => r.number));
          const unknown = change.removeRoomNumbers.filter((n) => !known.has(n));
          if (unknown.length > 0) throw new UnknownRoomNumbersError(unknown);
          // A room that goes takes its out-of-order periods with it: it is no longer counted either way.
          await trx('room_out_of_order')
            .whereIn(
              'room_id',
              present.map((r) => r.id),
            )
            .delete();
          await trx('rooms')
            .where({ room_type_id: roomTypeId })
            .whereIn('number', change.removeRoomNumbers)
            .delete();
        }
        if (change.addRooms.length > 0) {
          await refuseTakenNumbers(trx, hotelId, change.addRooms);
          await insertInBatches(trx, 'rooms', change.addRooms.map(roomRow));
        }

        const capacity = current.capacity + change.addRooms.length - change.removeRoomNumbers.length;
        if (change.removeRoomNumbers.length > 0) {
          const blocking = await firstOversoldNight(trx, roomTypeId, capacity, fromNight);
          if (blocking) throw blocking;
        }

        await trx('room_types')
          .where({ id: roomTypeId })
          .update({
            ...(change.name !== undefined ? { name: change.name } : {}),
            ...(change.maxOccupancy !== undefined ? { max_occupancy: change.maxOccupancy } : {}),
            ...(change.nightlyRateAmount !== undefined
              ? { nightly_rate_amount: change.nightlyRateAmount }
              : {}),
            ...(change.currency !== undefined ? { currency: change.currency } : {}),
            ...(change.amenities !== undefined ? { amenities: JSON.stringify(change.amenities) } : {}),
            ...(change.description !== undefined ? { description: change.description } : {}),
            ...(change.retiredAt !== undefined ? { retired_at: change.retiredAt } : {}),
            capacity,
          });
        if (change.addRooms.length > 0 || change.removeRoomNumbers.length > 0) {
          await setSellableNights(trx, roomTypeId, capacity, fromNight);
        }
        const roomType = (await readRoomType(trx, hotelId, roomTypeId))!;
        return { roomType, capacityBefore: current.capacity };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new RoomNumbersTakenError([]);
      if (isCheckViolation(err)) throw new CapacityInUseError();
      throw err;
    }
  }

  /**
   * Sets a room type's overbooking allowance; undefined when the hotel has no such room type. Like a
   * change of rooms: the room type's row is locked (PostgreSQL: FOR UPDATE, which a hold's FOR SHARE
   * waits for), then every room_nights row from `fromNight` on gets the new allowance. Lowering it below
   * what a night already has held or sold beyond its rooms is an AllowanceInUseError and nothing changes
   * (the database's CHECK, held + booked <= capacity + allowance, is the last word).
   */
  async setOverbookingAllowance(
    hotelId: string,
    roomTypeId: string,
    allowance: number,
    fromNight: string,
  ): Promise<{ roomType: RoomTypeRecord; allowanceBefore: number } | undefined> {
    try {
      return await this.knex.transaction(async (trx) => {
        const locked = trx('room_types')
          .where({ id: roomTypeId, hotel_id: hotelId })
          .first('overbooking_allowance');
        const current = (await (dialectOf(trx) === 'pg' ? locked.forUpdate() : locked)) as
          { overbooking_allowance: number } | undefined;
        if (!current) return undefined;
        const before = Number(current.overbooking_allowance);
        if (allowance < before) {
          const blocking = (await trx('room_nights')
            .where({ room_type_id: roomTypeId })
            .where('night', '>=', fromNight)
            .whereRaw('held + booked > capacity + ?', [allowance])
            .orderBy('night')
            .first('night', 'held', 'booked', 'capacity')) as
            { night: string; held: number; booked: number; capacity: number } | undefined;
          if (blocking) {
            throw new AllowanceInUseError(
              blocking.night,
              Number(blocking.held) + Number(blocking.booked),
              Number(blocking.capacity),
            );
          }
        }
        await trx('room_types').where({ id: roomTypeId }).update({ overbooking_allowance: allowance });
        if (allowance !== before) {
          await trx('room_nights')
            .where({ room_type_id: roomTypeId })
            .where('night', '>=', fromNight)
            .update({ allowance, version: trx.raw('version + 1') });
        }
        return { roomType: (await readRoomType(trx, hotelId, roomTypeId))!, allowanceBefore: before };
      });
    } catch (err) {
      if (isCheckViolation(err)) throw new AllowanceInUseError();
      throw err;
    }
  }

  /**
   * Room types with at least `rooms` rooms free on every night of [checkIn, checkOut) and room for
   * `guests`, one page of them and how many match. Free on a night = its room_nights row's capacity +
   * allowance − held − booked, or the room type's capacity + overbooking allowance where no row exists
   * yet; the answer is the smallest, never more than the room type's rooms plus its allowance. One
   * grouped query over the room_nights primary key.
   */
  async searchRoomTypes(search: RoomTypeSearch): Promise<{ rows: RoomTypeAvailability[]; total: number }> {
    const r = this.reader;
    const least = dialectOf(r) === 'pg' ? 'least' : 'min';
    const perRoomType = r('room_types as rt')
      .join('hotels as h', 'h.id', 'rt.hotel_id')
      .leftJoin('room_nights as rn', (on) => {
        on.on('rn.room_type_id', '=', 'rt.id')
          .andOnVal('rn.night', '>=', search.checkIn)
          .andOnVal('rn.night', '<', search.checkOut);
      })
      .where('rt.max_occupancy', '>=', search.guests)
      .whereNull('rt.retired_at')
      .whereNull('h.retired_at')
      // Stop-sell: a room type closed on any of the nights is not offered for the stay.
      .whereNotExists(
        r('room_type_closures as c')
          .select(r.raw('1'))
          .whereRaw('c.room_type_id = rt.id')
          .where('c.from_night', '<', search.checkOut)
          .where('c.to_night', '>', search.checkIn),
      )
      .modify((q) => {
        if (search.city !== undefined) q.whereRaw('lower(h.city) = lower(?)', [search.city]);
        if (search.hotelId !== undefined) q.where('h.id', search.hotelId);
        if (search.minNightlyRate !== undefined)
          q.where('rt.nightly_rate_amount', '>=', search.minNightlyRate);
        if (search.maxNightlyRate !== undefined)
          q.where('rt.nightly_rate_amount', '<=', search.maxNightlyRate);
        if (search.minStars !== undefined) q.where('h.stars', '>=', search.minStars);
        // Amenities are JSON string arrays: a label matches as its JSON string, quotes included, so
        // "bar" never matches "minibar". LIKE wildcards in a label are escaped.
        for (const amenity of search.amenities ?? []) {
          const pattern = `%${JSON.stringify(amenity.toLowerCase()).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
          q.where((either) =>
            either
              .whereRaw(`lower(h.amenities) like ? escape '\\'`, [pattern])
              .orWhereRaw(`lower(rt.amenities) like ? escape '\\'`, [pattern]),
          );
        }
      })
      // Grouped by both primary keys, so PostgreSQL accepts the other columns of rt and h.
      .groupBy('rt.id', 'h.id')
      .select(
        'h.id as hotel_id',
        'h.name as hotel_name',
        'h.city as city',
        'rt.id as room_type_id',
        'rt.name as room_type_name',
        'rt.max_occupancy as max_occupancy',
        'rt.nightly_rate_amount as nightly_rate_amount',
        'rt.currency as currency',
        'h.stars as stars',
        'h.timezone as timezone',
        'h.amenities as hotel_amenities',
        'rt.amenities as room_type_amenities',
        r.raw(
          `${least}(rt.capacity + rt.overbooking_allowance, coalesce(min(rn.capacity + rn.allowance - rn.held - rn.booked), ` +
            `rt.capacity + rt.overbooking_allowance)) as available`,
        ),
      );
    const byPrice = ['nightly_rate_amount', 'currency', 'hotel_name', 'room_type_name', 'room_type_id'];
    const byName = ['hotel_name', 'room_type_name', 'room_type_id'];
    const rows = (await r
      .from(perRoomType.as('a'))
      .where('available', '>=', search.rooms)
      .select('*', r.raw('count(*) over () as total'))
      .modify((q) => {
        // Most stars first, unrated hotels last (both dialects), then cheapest.
        if (search.order === 'stars')
          q.orderByRaw('case when stars is null then 1 else 0 end').orderBy('stars', 'desc');
        for (const column of search.order === 'name' ? byName : byPrice) q.orderBy(column);
      })
      .limit(search.limit)
      .offset(search.offset)) as (RoomTypeAvailabilityRow & { total: number | string })[];
    let total = rows[0] ? Number(rows[0].total) : 0;
    if (!rows[0] && search.offset > 0) {
      // Paged past the end: the window count came with no row, so count apart.
      const row = (await r
        .from(perRoomType.as('a'))
        .where('available', '>=', search.rooms)
        .count({ n: '*' })
        .first()) as { n: number | string };
      total = Number(row.n);
    }
    return {
      rows: rows.map((row) => ({
        hotelId: row.hotel_id,
        hotelName: row.hotel_name,
        city: row.city,
        roomTypeId: row.room_type_id,
        roomTypeName: row.room_type_name,
        maxOccupancy: Number(row.max_occupancy),
        nightlyRateAmount: Number(row.nightly_rate_amount),
        currency: row.currency,
        available: Number(row.available),
        stars: row.stars === null ? null : Number(row.stars),
        timezone: row.timezone,
        amenities: [
          ...new Set([
            ...(JSON.parse(row.hotel_amenities) as string[]),
            ...(JSON.parse(row.room_type_amenities) as string[]),
          ]),
        ],
      })),
      total,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Rooms out of order and stop-sell

  /** Out-of-order periods of a hotel overlapping [from, to) when given, by first night then room. */
  async outOfOrder(hotelId: string, from?: string, to?: string): Promise<OutOfOrderRecord[]> {
    const rows = (await this.reader('room_out_of_order')
      .where({ hotel_id: hotelId })
      .modify((q) => {
        if (to !== undefined) q.where('from_night', '<', to);
        if (from !== undefined) q.where('to_night', '>', from);
      })
      .orderBy([{ column: 'from_night' }, { column: 'id' }])) as OutOfOrderRow[];
    return rows
      .map(toOutOfOrder)
      .sort((a, b) =>
        a.from < b.from ? -1 : a.from > b.from ? 1 : doorOrder.compare(a.roomNumber, b.roomNumber),
      );
  }

  /**
   * Takes rooms out of order over [from, to), one period per room, in one transaction with the counts:
   * the room types concerned are locked first (PostgreSQL: FOR UPDATE, which a hold's FOR SHARE waits
   * for), their room_nights rows of those nights are created where missing, then each night is checked
   * (held + booked must stay within the rooms left) and set to the rooms left. Unknown numbers are an
   * UnknownRoomNumbersError, a room already out then a RoomsAlreadyOutError, an oversold night a
   * CapacityInUseError; nothing changes then.
   */
  async markOutOfOrder(
    hotelId: string,
    numbers: readonly string[],
    period: {
      from: string;
      to: string;
      kind: OutOfOrderRecord['kind'];
      reason: string | null;
      createdAt: string;
    },
    newId: () => string,
  ): Promise<OutOfOrderRecord[]> {
    try {
      return await this.knex.transaction(async (trx) => {
        const rooms = (await trx('rooms')
          .where({ hotel_id: hotelId })
          .whereIn('number', numbers)
          .select('id', 'number', 'room_type_id')) as { id: string; number: string; room_type_id: string }[];
        const known = new Set(rooms.map((r) => r.number));
        const unknown = numbers.filter((n) => !known.has(n));
        if (unknown.length > 0) throw new UnknownRoomNumbersError(unknown);

        const types = await lockRoomTypes(trx, hotelId, [...new Set(rooms.map((r) => r.room_type_id))]);
        const already = (await trx('room_out_of_order')
          .whereIn(
            'room_id',
            rooms.map((r) => r.id),
          )
          .where('from_night', '<', period.to)
          .where('to_night', '>', period.from)
          .distinct('room_number')) as { room_number: string }[];
        if (already.length > 0) {
          throw new RoomsAlreadyOutError(already.map((r) => r.room_number).sort(doorOrder.compare));
        }

        const rows: OutOfOrderRow[] = rooms
          .sort((a, b) => doorOrder.compare(a.number, b.number))
          .map((r) => ({
            id: newId(),
            hotel_id: hotelId,
            room_type_id: r.room_type_id,
            room_id: r.id,
            room_number: r.number,
            from_night: period.from,
            to_night: period.to,
            kind: period.kind,
            reason: period.reason,
            created_at: period.createdAt,
          }));
        await insertInBatches(trx, 'room_out_of_order', rows);
        const nights = eachNight(period.from, period.to);
        for (const [roomTypeId, type] of [...types].sort(([a], [b]) => (a < b ? -1 : 1))) {
          // Rows for every night, so the booking engine's lazy insert never starts one at the full count.
          for (let i = 0; i < nights.length; i += 200) {
            await trx('room_nights')
              .insert(
                nights
                  .slice(i, i + 200)
                  // A night started here carries the type's overbooking allowance, as the booking engine's would.
                  .map((night) => ({
                    room_type_id: roomTypeId,
                    night,
                    capacity: type.capacity,
                    allowance: type.allowance,
                  })),
              )
              .onConflict(['room_type_id', 'night'])
              .ignore();
          }
          const blocking = await firstOversoldNight(
            trx,
            roomTypeId,
            type.capacity,
            period.from,
            period.to,
            type.name,
          );
          if (blocking) throw blocking;
          await setSellableNights(trx, roomTypeId, type.capacity, period.from, period.to);
        }
        return rows.map(toOutOfOrder);
      });
    } catch (err) {
      if (isCheckViolation(err)) throw new CapacityInUseError();
      throw err;
    }
  }

  /**
   * Puts a room back in order: deletes the period and gives its nights from `fromNight` on back to the
   * sellable count. Undefined when the hotel has no such period.
   */
  async removeOutOfOrder(
    hotelId: string,
    periodId: string,
    fromNight: string,
  ): Promise<OutOfOrderRecord | undefined> {
    return this.knex.transaction(async (trx) => {
      const row = (await trx('room_out_of_order').where({ id: periodId, hotel_id: hotelId }).first()) as
        OutOfOrderRow | undefined;
      if (!row) return undefined;
      const types = await lockRoomTypes(trx, hotelId, [row.room_type_id]);
      await trx('room_out_of_order').where({ id: periodId }).delete();
      const type = types.get(row.room_type_id);
      if (type) {
        const from = row.from_night > fromNight ? row.from_night : fromNight;
        await setSellableNights(trx, row.room_type_id, type.capacity, from, row.to_night);
      }
      return toOutOfOrder(row);
    });
  }

  /** Closures of a hotel's room types overlapping [from, to) when given, by first night. */
  async closures(hotelId: string, from?: string, to?: string): Promise<RoomTypeClosureRecord[]> {
    const rows = (await this.reader('room_type_closures')
      .where({ hotel_id: hotelId })
      .modify((q) => {
        if (to !== undefined) q.where('from_night', '<', to);
        if (from !== undefined) q.where('to_night', '>', from);
      })
      .orderBy([{ column: 'from_night' }, { column: 'room_type_id' }, { column: 'id' }])) as ClosureRow[];
    return rows.map(toClosure);
  }

  async insertClosure(closure: RoomTypeClosureRecord): Promise<void> {
    await this.knex('room_type_closures').insert({
      id: closure.id,
      hotel_id: closure.hotelId,
      room_type_id: closure.roomTypeId,
      from_night: closure.from,
      to_night: closure.to,
      reason: closure.reason,
      created_at: closure.createdAt,
    });
  }

  /** True when it was there. */
  async deleteClosure(hotelId: string, closureId: string): Promise<RoomTypeClosureRecord | undefined> {
    return this.knex.transaction(async (trx) => {
      const row = (await trx('room_type_closures').where({ id: closureId, hotel_id: hotelId }).first()) as
        ClosureRow | undefined;
      if (!row) return undefined;
      await trx('room_type_closures').where({ id: closureId }).delete();
      return toClosure(row);
    });
  }

  /** Rows per table; `roomNights` counts only the nights the booking engine has touched. */
  async countCatalog(): Promise<HotelCatalogCounts> {
    const row = (await this.knex.first({
      hotels: this.knex('hotels').count('*'),
      roomTypes: this.knex('room_types').count('*'),
      rooms: this.knex('rooms').count('*'),
      roomNights: this.knex('room_nights').count('*'),
    })) as Record<keyof HotelCatalogCounts, number | string>;
    // pg returns count(*) as a bigint string.
    return {
      hotels: Number(row.hotels),
      roomTypes: Number(row.roomTypes),
      rooms: Number(row.rooms),
      roomNights: Number(row.roomNights),
    };
  }
}

async function insertHotelCatalog(trx: Knex.Transaction, catalog: HotelCatalog): Promise<void> {
  await insertInBatches(trx, 'hotels', catalog.hotels.map(hotelRow));
  // A catalog brings each room type with all its rooms, so their count here is its capacity.
  const roomsPerType = new Map<string, number>();
  for (const r of catalog.rooms) roomsPerType.set(r.roomTypeId, (roomsPerType.get(r.roomTypeId) ?? 0) + 1);
  await insertInBatches(
    trx,
    'room_types',
    catalog.roomTypes.map((t) => roomTypeRow(t, roomsPerType.get(t.id) ?? 0)),
  );
  await insertInBatches(trx, 'rooms', catalog.rooms.map(roomRow));
  // Rooms added to room types already in the store: recount those, and their nights (only up).
  const newTypes = new Set(catalog.roomTypes.map((t) => t.id));
  const grown = [...new Set(catalog.rooms.map((r) => r.roomTypeId))].filter((id) => !newTypes.has(id));
  for (let i = 0; i < grown.length; i += 500) {
    const ids = grown.slice(i, i + 500);
    await trx('room_types')
      .whereIn('id', ids)
      .update({ capacity: trx.raw('(select count(*) from rooms where rooms.room_type_id = room_types.id)') });
    await trx('room_nights')
      .whereIn('room_type_id', ids)
      .update({
        capacity: trx.raw('(select capacity from room_types where room_types.id = room_nights.room_type_id)'),
        version: trx.raw('version + 1'),
      });
  }
}

type HotelRow = {
  id: string;
  name: string;
  city: string;
  country: string;
  address: string | null;
  timezone: string;
  stars: number | null;
  amenities: string;
  phone?: string | null;
  email?: string | null;
  created_at: string;
  retired_at?: string | null;
};

type RoomTypeRow = {
  id: string;
  hotel_id: string;
  name: string;
  max_occupancy: number;
  nightly_rate_amount: number;
  currency: string;
  capacity: number;
  amenities: string;
  description: string | null;
  overbooking_allowance: number;
  retired_at?: string | null;
};

interface RoomTypeAvailabilityRow {
  hotel_id: string;
  hotel_name: string;
  city: string;
  room_type_id: string;
  room_type_name: string;
  max_occupancy: number;
  nightly_rate_amount: number;
  currency: string;
  available: number | string;
  stars: number | string | null;
  timezone: string;
  hotel_amenities: string;
  room_type_amenities: string;
}

function hotelRow(h: NewHotel): HotelRow {
  return {
    id: h.id,
    name: h.name,
    city: h.city,
    country: h.country,
    address: h.address,
    timezone: h.timezone,
    stars: h.stars,
    amenities: JSON.stringify(h.amenities),
    phone: h.phone ?? null,
    email: h.email ?? null,
    created_at: h.createdAt,
  };
}

function roomTypeRow(t: NewRoomType, capacity: number): RoomTypeRow & { created_at: string } {
  return {
    id: t.id,
    hotel_id: t.hotelId,
    name: t.name,
    max_occupancy: t.maxOccupancy,
    nightly_rate_amount: t.nightlyRateAmount,
    currency: t.currency,
    capacity,
    amenities: JSON.stringify(t.amenities),
    description: t.description ?? null,
    overbooking_allowance: t.overbookingAllowance ?? 0,
    created_at: t.createdAt,
  };
}

function roomRow(r: NewRoom) {
  return { id: r.id, hotel_id: r.hotelId, room_type_id: r.roomTypeId, number: r.number };
}

function toHotel(row: HotelRow): HotelRecord {
  return {
    id: row.id,
    name: row.name,
    city: row.city,
    country: row.country,
    address: row.address,
    timezone: row.timezone,
    stars: row.stars === null ? null : Number(row.stars),
    amenities: JSON.parse(row.amenities) as string[],
    phone: row.phone ?? null,
    email: row.email ?? null,
    createdAt: row.created_at,
    retiredAt: row.retired_at ?? null,
  };
}

function toRoomType(row: RoomTypeRow, roomNumbers: string[]): RoomTypeRecord {
  return {
    id: row.id,
    hotelId: row.hotel_id,
    name: row.name,
    maxOccupancy: Number(row.max_occupancy),
    nightlyRateAmount: Number(row.nightly_rate_amount),
    currency: row.currency,
    capacity: Number(row.capacity),
    roomNumbers: roomNumbers.sort(doorOrder.compare),
    amenities: JSON.parse(row.amenities) as string[],
    description: row.description,
    overbookingAllowance: Number(row.overbooking_allowance ?? 0),
    retiredAt: row.retired_at ?? null,
  };
}

async function readRoomType(
  k: Knex,
  hotelId: string,
  roomTypeId: string,
): Promise<RoomTypeRecord | undefined> {
  const row = (await k('room_types').where({ id: roomTypeId, hotel_id: hotelId }).first()) as
    RoomTypeRow | undefined;
  if (!row) return undefined;
  const numbers = (await k('rooms').where({ room_type_id: roomTypeId }).pluck('number')) as string[];
  return toRoomType(row, numbers);
}

/** A RoomNumbersTakenError naming the numbers of `rooms` that the hotel already has. */
async function refuseTakenNumbers(trx: Knex.Transaction, hotelId: string, rooms: readonly NewRoom[]) {
  const taken = (await trx('rooms')
    .where({ hotel_id: hotelId })
    .whereIn(
      'number',
      rooms.map((r) => r.number),
    )
    .pluck('number')) as string[];
  if (taken.length > 0) throw new RoomNumbersTakenError(taken.sort(doorOrder.compare));
}

/** Rooms of the room type out of order on the room_nights row's night (a correlated subquery). */
const ROOMS_OUT =
  '(select count(*) from room_out_of_order o where o.room_type_id = room_nights.room_type_id ' +
  'and o.from_night <= room_nights.night and o.to_night > room_nights.night)';

/**
 * The first night from `from` (up to `to`) on which more rooms are held or sold than would be sellable
 * with `rooms` rooms less those out of order, as a CapacityInUseError; undefined when none.
 */
async function firstOversoldNight(
  trx: Knex.Transaction,
  roomTypeId: string,
  rooms: number,
  from: string,
  to?: string,
  roomTypeName?: string,
): Promise<CapacityInUseError | undefined> {
  const row = (await trx('room_nights')
    .where({ room_type_id: roomTypeId })
    .where('night', '>=', from)
    .modify((q) => {
      if (to !== undefined) q.where('night', '<', to);
    })
    // What a night may sell: the rooms in order plus the room type's overbooking allowance.
    .whereRaw(`held + booked > ? - ${ROOMS_OUT} + allowance`, [rooms])
    .orderBy('night')
    .first('night', 'held', 'booked', 'allowance', trx.raw(`${ROOMS_OUT} as rooms_out`))) as
    | { night: string; held: number; booked: number; allowance: number | string; rooms_out: number | string }
    | undefined;
  if (!row) return undefined;
  return new CapacityInUseError(
    row.night,
    Number(row.held) + Number(row.booked),
    rooms - Number(row.rooms_out) + Number(row.allowance),
    roomTypeName,
  );
}

/**
 * Sets each room_nights row from `from` (up to `to`) to what is sellable that night: `rooms` less the
 * rooms out of order. Callers hold the room type's lock and have checked firstOversoldNight; the
 * invariant CHECK is the last word.
 */
async function setSellableNights(
  trx: Knex.Transaction,
  roomTypeId: string,
  rooms: number,
  from: string,
  to?: string,
): Promise<void> {
  await trx('room_nights')
    .where({ room_type_id: roomTypeId })
    .where('night', '>=', from)
    .modify((q) => {
      if (to !== undefined) q.where('night', '<', to);
    })
    .whereRaw(`capacity <> ? - ${ROOMS_OUT}`, [rooms])
    .update({ capacity: trx.raw(`? - ${ROOMS_OUT}`, [rooms]), version: trx.raw('version + 1') });
}

/** Room types of a hotel locked for a capacity change (PostgreSQL: FOR UPDATE, in id order). */
async function lockRoomTypes(
  trx: Knex.Transaction,
  hotelId: string,
  ids: readonly string[],
): Promise<Map<string, { capacity: number; name: string; allowance: number }>> {
  const q = trx('room_types')
    .where({ hotel_id: hotelId })
    .whereIn('id', [...ids].sort())
    .orderBy('id')
    .select('id', 'capacity', 'name', 'overbooking_allowance');
  const rows = (await (dialectOf(trx) === 'pg' ? q.forUpdate() : q)) as {
    id: string;
    capacity: number;
    name: string;
    overbooking_allowance: number | string | null;
  }[];
  return new Map(
    rows.map((r) => [
      r.id,
      { capacity: Number(r.capacity), name: r.name, allowance: Number(r.overbooking_allowance ?? 0) },
    ]),
  );
}

type OutOfOrderRow = {
  id: string;
  hotel_id: string;
  room_type_id: string;
  room_id: string;
  room_number: string;
  from_night: string;
  to_night: string;
  kind: 'out_of_order' | 'out_of_service';
  reason: string | null;
  created_at: string;
};

function toOutOfOrder(r: OutOfOrderRow): OutOfOrderRecord {
  return {
    id: r.id,
    hotelId: r.hotel_id,
    roomTypeId: r.room_type_id,
    roomId: r.room_id,
    roomNumber: r.room_number,
    from: r.from_night,
    to: r.to_night,
    kind: r.kind,
    reason: r.reason,
    createdAt: r.created_at,
  };
}

type ClosureRow = {
  id: string;
  hotel_id: string;
  room_type_id: string;
  from_night: string;
  to_night: string;
  reason: string | null;
  created_at: string;
};

function toClosure(r: ClosureRow): RoomTypeClosureRecord {
  return {
    id: r.id,
    hotelId: r.hotel_id,
    roomTypeId: r.room_type_id,
    from: r.from_night,
    to: r.to_night,
    reason: r.reason,
    createdAt: r.created_at,
  };
}
