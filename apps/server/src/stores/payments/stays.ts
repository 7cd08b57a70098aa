import type { Knex } from 'knex';
import { dialectOf } from '../knex.ts';
import { parseTripItem, type TripItemRow } from './trips.ts';

/** A stay on a hotel's lists: the hotel item and the trip's customer. */
export interface StayRow {
  readonly item: TripItemRow;
  readonly tripId: string;
  readonly customerName: string;
  readonly customerEmail: string;
  readonly customerPhone: string | null;
}

type StayDate = 'checkIn' | 'checkOut';

/**
 * The front desk's reads of the payments store: a hotel's stays (hotel items of sold trips) with their
 * guests, for the day lists and the room chart. Writes to stays go through the trip writes.
 */
export class StaysRepository {
  readonly knex: Knex;

  constructor(knex: Knex) {
    this.knex = knex;
  }

  /**
   * The hotel's stays the desk may have to act on for `date`: confirmed stays arriving that day, and
   * every checked-in stay that began on or before it. The dates live in the item's details (JSON),
   * read with each dialect's JSON operator; the hotel_id index narrows the scan to the one hotel.
   */
  async listStays(hotelId: string, date: string): Promise<StayRow[]> {
    const field = (name: StayDate) => this.#date(name);
    const rows = (await this.#staysOf(hotelId)
      .where((w) =>
        w
          .where((c) => c.where('i.status', 'confirmed').where(field('checkIn'), '=', date))
          .orWhere((c) => c.where('i.status', 'checked_in').where(field('checkIn'), '<=', date)),
      )
      .orderBy([{ column: 't.customer_name' }, { column: 'i.id' }])) as Record<string, unknown>[];
    return rows.map(stayRow);
  }

  /**
   * The hotel's confirmed, checked-in and checked-out stays with a night in [from, to): checkIn < to
   * and checkOut > from, by check-in date, then guest.
   */
  async listBookings(hotelId: string, from: string, to: string): Promise<StayRow[]> {
    const field = (name: StayDate) => this.#date(name);
    const rows = (await this.#staysOf(hotelId)
      .whereIn('i.status', ['confirmed', 'checked_in', 'checked_out'])
      .where(field('checkIn'), '<', to)
      .where(field('checkOut'), '>', from)
      .orderBy(field('checkIn'))
      .orderBy([{ column: 't.customer_name' }, { column: 'i.id' }])) as Record<string, unknown>[];
    return rows.map(stayRow);
  }

  /** The hotel's hotel items, each with its trip's customer. */
  #staysOf(hotelId: string): Knex.QueryBuilder {
    return this.knex('trip_items as i')
      .join('trips as t', 't.id', 'i.trip_id')
      .select('i.*', 't.customer_name', 't.customer_email', 't.customer_phone')
      .where('i.hotel_id', hotelId)
      .where('i.type', 'hotel');
  }

  /** A stay date from the item's details (JSON), with each dialect's JSON operator. */
  #date(name: StayDate): Knex.Raw {
    const k = this.knex;
    return dialectOf(k) === 'pg'
      ? k.raw(`(i.details::json ->> '${name}')`)
      : k.raw(`json_extract(i.details, '$.${name}')`);
  }
}

/** A stay of the desk's lists from a trip_items row joined with its trip's customer columns. */
function stayRow(r: Record<string, unknown>): StayRow {
  const { customer_name, customer_email, customer_phone, ...item } = r;
  return {
    item: parseTripItem(item),
    tripId: String(r.trip_id),
    customerName: String(customer_name),
    customerEmail: String(customer_email),
    customerPhone: customer_phone === null ? null : String(customer_phone),
  };
}
