import type { Knex } from 'knex';
import { DatedHolds, type DatedHoldRow, type EndedDatedHold } from '../dated-holds.ts';
import { type HoldEnd, type HoldStatus, type InvariantViolation } from '../holds.ts';
import { forShare } from '../transactions.ts';

/** A room type as the booking engine sells it: capacity, price, and the hotel's names and time zone. */
export interface RoomTypeForSale {
  readonly roomTypeId: string;
  readonly roomTypeName: string;
  readonly hotelId: string;
  readonly hotelName: string;
  readonly hotelCity: string;
  /** IANA zone: the stay's nights and the cancellation deadline are the hotel's local calendar. */
  readonly timezone: string;
  readonly maxOccupancy: number;
  readonly nightlyRateAmount: number;
  readonly currency: string;
  /** Rooms of the type. */
  readonly capacity: number;
}

export interface HotelHold {
  /** The trip item's id. */
  readonly id: string;
  readonly roomTypeId: string;
  readonly hotelId: string;
  readonly checkIn: string;
  /** Exclusive. */
  readonly checkOut: string;
  readonly rooms: number;
  readonly status: HoldStatus;
  readonly expiresAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PlaceHotelHold {
  readonly id: string;
  readonly roomTypeId: string;
  readonly checkIn: string;
  readonly checkOut: string;
  readonly rooms: number;
  readonly expiresAt: Date;
  readonly now: Date;
  readonly actor: string;
}

/** A hold that ran out: which nights of which room type came free. */
export interface ExpiredHotelHold {
  readonly hold: HotelHold;
  readonly nights: readonly string[];
}

const toHold = (r: DatedHoldRow): HotelHold => ({
  id: r.id,
  roomTypeId: String(r.room_type_id),
  hotelId: String(r.hotel_id),
  checkIn: String(r.check_in),
  checkOut: String(r.check_out),
  rooms: Number(r.rooms),
  status: r.status,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Holds of hotel rooms (ARCHITECTURE.md, "Inventory as counted rows"): the only code that touches
 * hotel_holds, and room_nights for the booking engine. Each method is one transaction.
 */
export class HotelHoldsRepository {
  readonly knex: Knex;
  readonly #holds: DatedHolds;

  constructor(knex: Knex) {
    this.knex = knex;
    this.#holds = new DatedHolds(knex, {
      holds: 'hotel_holds',
      counted: 'room_nights',
      date: 'night',
      unit: ['room_type_id'],
      start: 'check_in',
      end: 'check_out',
      quantity: 'rooms',
      allowance: 'allowance',
      async readUnit(trx, unit) {
        const row = (await forShare(
          trx,
          trx('room_types')
            .first('capacity', 'overbooking_allowance', 'hotel_id', 'retired_at')
            .where({ id: unit.room_type_id }),
        )) as
          | { capacity: number; overbooking_allowance: number; hotel_id: string; retired_at: string | null }
          | undefined;
        if (!row) return undefined;
        const hotel = (await trx('hotels').first('retired_at').where({ id: row.hotel_id })) as
          { retired_at: string | null } | undefined;
        return {
          capacity: Number(row.capacity),
          allowance: Number(row.overbooking_allowance),
          columns: { hotel_id: row.hotel_id },
          retired: row.retired_at !== null || (hotel?.retired_at ?? null) !== null,
        };
      },
      async firstClosedDate(trx, unit, start, end) {
        const row = (await trx('room_type_closures')
          .where({ room_type_id: unit.room_type_id })
          .where('from_night', '<', end)
          .where('to_night', '>', start)
          .orderBy('from_night')
          .first('from_night')) as { from_night: string } | undefined;
        return row && (row.from_night < start ? start : row.from_night);
      },
    });
  }

  async roomTypeForSale(roomTypeId: string): Promise<RoomTypeForSale | undefined> {
    const row = (await this.knex('room_types as t')
      .join('hotels as h', 'h.id', 't.hotel_id')
      .first(
        't.id',
        't.name',
        't.max_occupancy',
        't.nightly_rate_amount',
        't.currency',
        't.capacity',
        'h.id as hotel_id',
        'h.name as hotel_name',
        'h.city as hotel_city',
        'h.timezone',
      )
      .where('t.id', roomTypeId)) as Record<string, string | number> | undefined;
    if (!row) return undefined;
    return {
      roomTypeId: String(row.id),
      roomTypeName: String(row.name),
      hotelId: String(row.hotel_id),
      hotelName: String(row.hotel_name),
      hotelCity: String(row.hotel_city),
      timezone: String(row.timezone),
      maxOccupancy: Number(row.max_occupancy),
      nightlyRateAmount: Number(row.nightly_rate_amount),
      currency: String(row.currency),
      capacity: Number(row.capacity),
    };
  }

  /**
   * Holds `rooms` rooms of the type on every night from check-in up to check-out, all or nothing;
   * throws HoldRefusedError (`unknown_unit`, `sold_out`) and writes nothing when it cannot.
   */
  async placeHold(p: PlaceHotelHold): Promise<HotelHold> {
    return toHold(
      await this.#holds.place({
        id: p.id,
        unit: { room_type_id: p.roomTypeId },
        start: p.checkIn,
        end: p.checkOut,
        quantity: p.rooms,
        expiresAt: p.expiresAt,
        now: p.now,
        actor: p.actor,
      }),
    );
  }

  /** held → booked, only before the hold's expiry; true if it did. */
  confirmHold(id: string, now: Date, actor = 'system'): Promise<boolean> {
    return this.#holds.confirm(id, now, actor);
  }

  /** held → `reason`, the rooms go back; false (and nothing changed) when the hold is not held. */
  releaseHold(id: string, reason: HoldEnd, now: Date, actor = 'system'): Promise<boolean> {
    return this.#holds.release(id, reason, now, actor);
  }

  /** booked → cancelled, the rooms go back; false when the hold is not booked. */
  cancelBooking(id: string, now: Date, actor = 'system'): Promise<boolean> {
    return this.#holds.cancel(id, now, actor);
  }

  async expireDueHolds(now: Date, limit: number, actor = 'system:sweeper'): Promise<ExpiredHotelHold[]> {
    return (await this.#holds.expireDue(now, limit, actor)).map((e: EndedDatedHold) => ({
      hold: toHold(e.row),
      nights: e.dates,
    }));
  }

  async findHold(id: string): Promise<HotelHold | undefined> {
    const row = await this.#holds.find(id);
    return row && toHold(row);
  }

  holdStatuses(ids: readonly string[]): Promise<Map<string, HoldStatus>> {
    return this.#holds.statuses(ids);
  }

  /** Rows of room_nights or hotel_holds breaking the invariant; empty when all is well. */
  checkInvariant(): Promise<InvariantViolation[]> {
    return this.#holds.checkInvariant();
  }
}
