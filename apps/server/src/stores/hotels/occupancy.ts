import type { Knex } from 'knex';
import { isUniqueViolation } from '../constraint-violations.ts';
import { inTransaction } from '../transactions.ts';

/** A physical room as the desk assigns it. */
export interface Room {
  readonly id: string;
  readonly hotelId: string;
  readonly roomTypeId: string;
  readonly number: string;
}

/** One room on one night, given to a stay. */
export interface OccupiedNight {
  readonly roomId: string;
  readonly roomNumber: string;
  readonly night: string;
  readonly itemId: string;
}

/**
 * The room is already given to another stay on a night asked for: UNIQUE(room_id, night) refused the
 * write, so nothing was written. `night` and `itemId` say where, when the conflicting row was found.
 */
export class RoomOccupiedError extends Error {
  readonly roomNumber: string | undefined;
  readonly night: string | undefined;
  readonly itemId: string | undefined;
  constructor(found?: OccupiedNight) {
    super(found ? `room ${found.roomNumber} is occupied on ${found.night}` : 'a room is occupied');
    this.name = 'RoomOccupiedError';
    this.roomNumber = found?.roomNumber;
    this.night = found?.night;
    this.itemId = found?.itemId;
  }
}

const doorOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

interface OccupancyRow {
  room_id: string;
  night: string;
  item_id: string;
  room_number: string;
}

const toNight = (r: OccupancyRow): OccupiedNight => ({
  roomId: r.room_id,
  roomNumber: r.room_number,
  night: r.night,
  itemId: r.item_id,
});

const toRoom = (r: { id: string; hotel_id: string; room_type_id: string; number: string }): Room => ({
  id: r.id,
  hotelId: r.hotel_id,
  roomTypeId: r.room_type_id,
  number: r.number,
});

/**
 * Room occupancy in the hotels store (room_occupancy): which room a checked-in stay sleeps in, night by
 * night. The only code that touches the table. The database's UNIQUE(room_id, night) decides every race.
 */
export class RoomOccupancyRepository {
  readonly knex: Knex;

  constructor(knex: Knex) {
    this.knex = knex;
  }

  /** The hotel's room with this number, of any type. */
  async roomByNumber(hotelId: string, number: string): Promise<Room | undefined> {
    const row = (await this.knex('rooms').where({ hotel_id: hotelId, number }).first()) as
      Parameters<typeof toRoom>[0] | undefined;
    return row && toRoom(row);
  }

  /**
   * Rooms of the type with no guest on any of `nights` and not out of order on any of them, in door
   * order (`2` before `10`).
   */
  async freeRooms(roomTypeId: string, nights: readonly string[]): Promise<Room[]> {
    const sorted = [...nights].sort();
    const rows = (await this.knex('rooms as r')
      .select('r.id', 'r.hotel_id', 'r.room_type_id', 'r.number')
      .where('r.room_type_id', roomTypeId)
      .whereNotExists(
        this.knex('room_occupancy as o')
          .select(this.knex.raw('1'))
          .whereRaw('o.room_id = r.id')
          .whereIn('o.night', sorted),
      )
      .modify((q) => {
        if (sorted.length === 0) return;
        q.whereNotExists(
          this.knex('room_out_of_order as x')
            .select(this.knex.raw('1'))
            .whereRaw('x.room_id = r.id')
            .where('x.from_night', '<=', sorted[sorted.length - 1]!)
            .where('x.to_night', '>', sorted[0]!),
        );
      })) as Parameters<typeof toRoom>[0][];
    return rows.map(toRoom).sort((a, b) => doorOrder.compare(a.number, b.number));
  }

  /** Who has the room on any of `nights`, first night first; empty when it is free on all of them. */
  async occupants(roomId: string, nights: readonly string[]): Promise<OccupiedNight[]> {
    const rows = (await this.knex('room_occupancy')
      .where({ room_id: roomId })
      .whereIn('night', [...nights])
      .orderBy('night')) as OccupancyRow[];
    return rows.map(toNight);
  }

  /**
   * Gives every room in `rooms` to the stay `itemId` on every night, in one transaction, all or nothing.
   * A room another stay has on one of the nights is a RoomOccupiedError and nothing is written.
   */
  async occupy(itemId: string, rooms: readonly Room[], nights: readonly string[], at: string): Promise<void> {
    const rows = rooms.flatMap((room) =>
      nights.map((night) => ({
        room_id: room.id,
        night,
        item_id: itemId,
        hotel_id: room.hotelId,
        room_type_id: room.roomTypeId,
        room_number: room.number,
        created_at: at,
      })),
    );
    if (rows.length === 0) return;
    try {
      await inTransaction(this.knex, async (trx) => {
        await trx('room_occupancy').insert(rows);
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const taken = (await this.knex('room_occupancy')
        .whereIn(
          'room_id',
          rooms.map((r) => r.id),
        )
        .whereIn('night', [...nights])
        .whereNot('item_id', itemId)
        .orderBy([{ column: 'night' }, { column: 'room_number' }])
        .first()) as OccupancyRow | undefined;
      throw new RoomOccupiedError(taken && toNight(taken));
    }
  }

  /** The stay's rooms and nights, by night then door order. */
  async occupancyOf(itemId: string): Promise<OccupiedNight[]> {
    const rows = (await this.knex('room_occupancy')
      .where({ item_id: itemId })
      .orderBy('night')) as OccupancyRow[];
    return rows
      .map(toNight)
      .sort((a, b) =>
        a.night === b.night ? doorOrder.compare(a.roomNumber, b.roomNumber) : a.night < b.night ? -1 : 1,
      );
  }

  /**
   * Frees the stay's rooms: from `fromNight` on (every night without it), only `roomIds` when given (the
   * rooms one attempt took, so undoing it never frees what another attempt holds). Room-nights freed.
   */
  async vacate(
    itemId: string,
    opts: { fromNight?: string; roomIds?: readonly string[] } = {},
  ): Promise<number> {
    const q = this.knex('room_occupancy').where({ item_id: itemId });
    if (opts.fromNight !== undefined) q.where('night', '>=', opts.fromNight);
    if (opts.roomIds !== undefined) q.whereIn('room_id', [...opts.roomIds]);
    return q.delete();
  }
}
