import type { Knex } from 'knex';
import { dialectOf, asInt } from '../knex.ts';

/** A hotel as the occupancy report needs it: what it sells, and in which currency. */
export interface ReportHotel {
  readonly id: string;
  readonly name: string;
  /** The currency of its room types' rates (the first by code when they differ); null without room types. */
  readonly currency: string | null;
  /** Rooms of every room type: what a night without its own room_nights count has to sell. */
  readonly rooms: number;
}

/** A night whose room_nights rows say another count than the room types (rooms added or taken out since). */
export interface CapacityDelta {
  readonly hotelId: string;
  readonly night: string;
  /** Sum over the hotel's room types of (that night's capacity − the room type's capacity now). */
  readonly delta: number;
}

/**
 * The hotels store's reads for reports (reports/reports.ts): hotels with their room counts, and how
 * the counted nights differ from them. Read-only, on the store's reader.
 */
export class HotelReportsRepository {
  readonly knex: Knex;

  constructor(knex: Knex) {
    this.knex = knex;
  }

  /** Hotels by name (any case; ties by id), one of them when `hotelId` is given, with how many match before paging. */
  async hotels(filter: {
    hotelId?: string | undefined;
    limit: number;
    offset: number;
  }): Promise<{ hotels: ReportHotel[]; total: number }> {
    const k = this.knex;
    const matching = () =>
      k('hotels as h').modify((q) => {
        if (filter.hotelId !== undefined) q.where('h.id', filter.hotelId);
      });
    const rows = (await matching()
      .select(
        'h.id',
        'h.name',
        k.raw('(select min(rt.currency) from room_types rt where rt.hotel_id = h.id) as currency'),
        k.raw('(select coalesce(sum(rt.capacity), 0) from room_types rt where rt.hotel_id = h.id) as rooms'),
      )
      // Case-blind, then byte order: the same on both dialects whatever PostgreSQL's collation.
      .orderByRaw(
        dialectOf(k) === 'pg'
          ? 'lower(h.name) collate "C", h.name collate "C", h.id'
          : 'lower(h.name), h.name, h.id',
      )
      .limit(filter.limit)
      .offset(filter.offset)) as { id: string; name: string; currency: string | null; rooms: unknown }[];
    const count = (await matching().count({ n: '*' }).first()) as { n: unknown } | undefined;
    return {
      hotels: rows.map((r) => ({ id: r.id, name: r.name, currency: r.currency, rooms: asInt(r.rooms) })),
      total: asInt(count?.n),
    };
  }

  /**
   * Nights in [from, to) of the hotels whose counted capacity (room_nights, written when a night is
   * first held) differs from their room types' capacity now: a night without a row sells every room the
   * type has; one with a row sells what it says.
   */
  async capacityDeltas(hotelIds: readonly string[], from: string, to: string): Promise<CapacityDelta[]> {
    if (hotelIds.length === 0) return [];
    const rows = (await this.knex('room_nights as rn')
      .join('room_types as rt', 'rt.id', 'rn.room_type_id')
      .select('rt.hotel_id', 'rn.night', this.knex.raw('sum(rn.capacity - rt.capacity) as delta'))
      .whereIn('rt.hotel_id', hotelIds)
      .where('rn.night', '>=', from)
      .where('rn.night', '<', to)
      .whereRaw('rn.capacity <> rt.capacity')
      .groupBy('rt.hotel_id', 'rn.night')
      .orderBy(['rt.hotel_id', 'rn.night'])) as { hotel_id: string; night: string; delta: unknown }[];
    return rows.map((r) => ({ hotelId: r.hotel_id, night: r.night, delta: asInt(r.delta) }));
  }
}
