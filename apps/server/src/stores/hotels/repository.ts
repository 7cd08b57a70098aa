import type { Knex } from 'knex';
import { insertInBatches } from '../bulk-insert.ts';
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

/** The only code that touches the hotels store's database. */
export class HotelsRepository {
  readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
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
  await insertInBatches(
    trx,
    'hotels',
    catalog.hotels.map((h) => ({
      id: h.id,
      name: h.name,
      city: h.city,
      country: h.country,
      address: h.address,
      timezone: h.timezone,
      stars: h.stars,
      amenities: JSON.stringify(h.amenities),
      created_at: h.createdAt,
    })),
  );
  await insertInBatches(
    trx,
    'room_types',
    catalog.roomTypes.map((t) => ({
      id: t.id,
      hotel_id: t.hotelId,
      name: t.name,
      max_occupancy: t.maxOccupancy,
      nightly_rate_amount: t.nightlyRateAmount,
      currency: t.currency,
      amenities: JSON.stringify(t.amenities),
      description: t.description ?? null,
      created_at: t.createdAt,
    })),
  );
  await insertInBatches(
    trx,
    'rooms',
    catalog.rooms.map((r) => ({
      id: r.id,
      hotel_id: r.hotelId,
      room_type_id: r.roomTypeId,
      number: r.number,
    })),
  );
}
