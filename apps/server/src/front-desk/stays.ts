import {
  compareDates,
  eachDate,
  todayIn,
  type CheckInRequest,
  type HotelBookings,
  type HotelItem,
  type Stay,
  type Stays,
  type User,
} from '@tripdesk/shared';
import { requireDeskHotel, requireItem, requireRole } from '../access/access.ts';
import type { Clock } from '../clock.ts';
import { DomainError, notFound, validationFailed } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../logger.ts';
import { RoomOccupiedError, type Room } from '../stores/hotels/occupancy.ts';
import type { Stores } from '../stores/index.ts';
import type { StayRow } from '../stores/payments/stays.ts';
import type { TripItemRow } from '../stores/payments/trips.ts';
import { itemView } from '../selling/trips.ts';
import {
  itemStatusAt,
  itemTransition,
  tripChanged,
  tripStatusAt,
  tripTransition,
  tripUsedUp,
} from '../selling/trip-status.ts';

/** Attempts at an automatic room assignment that lost a race for a room before giving up. */
const ASSIGN_ATTEMPTS = 5;

type DeskStores = Pick<Stores, 'hotels' | 'occupancy' | 'trips' | 'afterSale' | 'stays'>;

interface StayDetails {
  readonly hotelId: string;
  readonly roomTypeId: string;
  readonly roomTypeName?: string;
  readonly checkIn: string;
  readonly checkOut: string;
  readonly rooms: number;
}

/**
 * The front desk (API.md, "Front desk"): the day's lists, check-in and check-out. Rooms are given night
 * by night in the hotels store (room_occupancy, one guest per room per night by a unique constraint);
 * the stay's status, room and times are written on the item in the payments store. Dates are the
 * hotel's own calendar, from the injected clock and the hotel's time zone.
 */
export class FrontDeskService {
  readonly #stores: DeskStores;
  readonly #clock: Clock;
  readonly #events: EventBus;
  readonly #logger: Logger;

  constructor(stores: DeskStores, deps: { clock: Clock; events: EventBus; logger: Logger }) {
    this.#stores = stores;
    this.#clock = deps.clock;
    this.#events = deps.events;
    this.#logger = deps.logger;
  }

  /**
   * Arrivals (confirmed stays checking in on `date`), in-house guests (checked in, sleeping there the
   * night of `date`) and departures (checked in, due out on `date`, or overdue). A front desk sees its
   * own hotel only; another hotel is 404, as if it did not exist.
   */
  async stays(user: User, hotelId: string, date?: string): Promise<Stays> {
    requireDeskHotel(user, hotelId);
    const hotel = await this.#stores.hotels.findHotel(hotelId);
    if (!hotel) throw notFound('Hotel');
    const now = this.#clock.now();
    const at = now.toISOString();
    const day = date ?? todayIn(hotel.timezone, now);
    const rows = await this.#stores.stays.listStays(hotelId, day);
    const stays: Stays = { hotelId, date: day, arrivals: [], inHouse: [], departures: [] };
    for (const row of rows) {
      const d = row.item.details as unknown as StayDetails;
      const status = itemStatusAt(row.item, at);
      if (status === 'confirmed' && d.checkIn === day) stays.arrivals.push(stayView(row, at));
      else if (status === 'checked_in' && compareDates(day, d.checkOut) < 0)
        stays.inHouse.push(stayView(row, at));
      else if (status === 'checked_in') stays.departures.push(stayView(row, at));
    }
    return stays;
  }

  /**
   * Every stay of the hotel with a night in [from, to), confirmed, checked in or already checked out:
   * what a room chart of the period draws. Same scope as the day lists: a desk sees its own hotel only.
   */
  async bookings(user: User, hotelId: string, from: string, to: string): Promise<HotelBookings> {
    requireDeskHotel(user, hotelId);
    const hotel = await this.#stores.hotels.findHotel(hotelId);
    if (!hotel) throw notFound('Hotel');
    const at = this.#clock.now().toISOString();
    const rows = await this.#stores.stays.listBookings(hotelId, from, to);
    return { hotelId, from, to, stays: rows.map((row) => stayView(row, at)) };
  }

  /**
   * confirmed → checked_in, giving the stay `rooms` rooms of its type, free every remaining night: the
   * room asked for (it must be of the type, and free) and the first free ones in door order for the
   * rest. From the check-in date on only (early in the day is fine), until the stay has ended.
   */
  async checkIn(user: User, tripId: string, itemId: string, req: CheckInRequest): Promise<HotelItem> {
    requireRole(user, ['admin', 'frontdesk'], 'Only the front desk (or an admin) checks guests in.');
    const now = this.#clock.now();
    const at = now.toISOString();
    const item = requireItem(user, await this.#stores.trips.findTrip(tripId), itemId);
    itemTransition(item.type, itemStatusAt(item, at), 'checked_in');
    const stay = item.details as unknown as StayDetails;
    const today = await this.#hotelToday(stay.hotelId, now);
    if (compareDates(today, stay.checkIn) < 0) {
      throw new DomainError(
        'invalid_transition',
        `Check-in for this stay opens on ${stay.checkIn}; today at the hotel is ${today}.`,
        { checkIn: stay.checkIn, today },
      );
    }
    if (compareDates(today, stay.checkOut) >= 0) {
      throw new DomainError(
        'invalid_transition',
        `This stay ended on ${stay.checkOut}; it can no longer be checked in.`,
        { checkOut: stay.checkOut, today },
      );
    }
    const nights = eachDate(today, stay.checkOut);
    const { rooms, taken } = await this.#giveRooms(item, stay, nights, req.roomNumber, at);

    const details = {
      ...item.details,
      roomNumber: rooms[0]!.number,
      roomNumbers: rooms.map((r) => r.number),
      checkedInAt: at,
    };
    let result;
    try {
      result = await this.#stores.afterSale.changeItems(tripId, now, ({ items }) => {
        // Decided again under the trip's lock: a cancel or another check-in may have come first.
        const current = items.find((i) => i.id === itemId);
        if (!current) throw notFound('Item');
        itemTransition(current.type, itemStatusAt(current, at), 'checked_in');
        return {
          items: [{ id: itemId, from: 'confirmed', status: 'checked_in', details }],
          events: [
            {
              type: 'item.checked_in',
              itemId,
              actor: user.id,
              from: 'confirmed',
              to: 'checked_in',
              detail: { rooms: details.roomNumbers, nights: nights.length },
            },
          ],
        };
      });
      if (!result) throw notFound('Trip');
    } catch (err) {
      // The stay did not take the rooms: give back those this attempt took, and only those.
      if (taken.length > 0) {
        await this.#stores.occupancy
          .vacate(itemId, { roomIds: taken.map((r) => r.id) })
          .catch((vacateErr: unknown) => {
            this.#logger.error({ err: vacateErr, itemId }, 'check-in failed and its rooms stay blocked');
          });
      }
      throw err;
    }
    this.#events.publish(tripChanged(result.record, at));
    return itemView(
      result.record.items.find((i) => i.id === itemId)!,
      at,
    ) as HotelItem;
  }

  /**
   * checked_in → checked_out; the rooms are free again from today's night on (an early departure gives
   * back the nights not slept). When nothing of the trip is left to use, the trip is completed.
   */
  async checkOut(user: User, tripId: string, itemId: string): Promise<HotelItem> {
    requireRole(user, ['admin', 'frontdesk'], 'Only the front desk (or an admin) checks guests out.');
    const now = this.#clock.now();
    const at = now.toISOString();
    const item = requireItem(user, await this.#stores.trips.findTrip(tripId), itemId);
    itemTransition(item.type, itemStatusAt(item, at), 'checked_out');
    const stay = item.details as unknown as StayDetails;
    const today = await this.#hotelToday(stay.hotelId, now);

    const result = await this.#stores.afterSale.changeItems(tripId, now, ({ trip, items }) => {
      const current = items.find((i) => i.id === itemId);
      if (!current) throw notFound('Item');
      itemTransition(current.type, itemStatusAt(current, at), 'checked_out');
      const details = { ...current.details, checkedOutAt: at };
      const after = items.map((i) => (i.id === itemId ? { ...i, status: 'checked_out' as const } : i));
      const from = tripStatusAt(trip, items, at);
      const completed = from === 'confirmed' && tripUsedUp(after, now);
      if (completed) tripTransition(from, 'completed');
      return {
        items: [{ id: itemId, from: 'checked_in', status: 'checked_out', details }],
        ...(completed ? { trip: { status: 'completed' as const } } : {}),
        events: [
          { type: 'item.checked_out', itemId, actor: user.id, from: 'checked_in', to: 'checked_out' },
          ...(completed ? [{ type: 'trip.completed', actor: user.id, from, to: 'completed' }] : []),
        ],
      };
    });
    if (!result) throw notFound('Trip');
    // After the item says checked_out: should this fail, the rooms stay blocked (never given twice).
    try {
      await this.#stores.occupancy.vacate(itemId, { fromNight: today });
    } catch (err) {
      this.#logger.error({ err, itemId }, 'checked out, but the remaining nights of its rooms stay blocked');
    }
    this.#events.publish(tripChanged(result.record, at));
    return itemView(
      result.record.items.find((i) => i.id === itemId)!,
      at,
    ) as HotelItem;
  }

  async #hotelToday(hotelId: string, now: Date): Promise<string> {
    const hotel = await this.#stores.hotels.findHotel(hotelId);
    if (!hotel) throw notFound('Hotel');
    return todayIn(hotel.timezone, now);
  }

  /**
   * The stay's rooms for `nights`, and those this call wrote (to undo if the item refuses them). A
   * stay that already holds rooms for these nights (an attempt that crashed before the item was
   * written, or a concurrent repeat) keeps them, unless the desk asks for another room.
   */
  async #giveRooms(
    item: TripItemRow,
    stay: StayDetails,
    nights: readonly string[],
    roomNumber: string | undefined,
    at: string,
  ): Promise<{ rooms: Room[]; taken: Room[] }> {
    const occupancy = this.#stores.occupancy;
    const need = stay.rooms;
    let chosen: Room | undefined;
    if (roomNumber !== undefined) {
      chosen = await occupancy.roomByNumber(stay.hotelId, roomNumber);
      if (!chosen || chosen.roomTypeId !== stay.roomTypeId) {
        const type = stay.roomTypeName ? `a ${stay.roomTypeName} room` : 'a room of the booked type';
        throw validationFailed(`Room ${roomNumber} is not ${type} of this hotel.`, [
          { path: 'body.roomNumber', message: `not ${type} of this hotel` },
        ]);
      }
    }

    const held = await occupancy.occupancyOf(item.id);
    const heldRooms = [...new Map(held.map((n) => [n.roomId, n])).values()];
    const heldEveryNight = heldRooms.filter(
      (r) => held.filter((n) => n.roomId === r.roomId && nights.includes(n.night)).length === nights.length,
    );
    if (
      heldEveryNight.length === need &&
      (chosen === undefined || heldEveryNight.some((r) => r.roomId === chosen.id))
    ) {
      const rooms = heldEveryNight.map((r) => ({
        id: r.roomId,
        hotelId: stay.hotelId,
        roomTypeId: stay.roomTypeId,
        number: r.roomNumber,
      }));
      // The room asked for comes first: it is the stay's `roomNumber`.
      const first = rooms.filter((r) => r.id === chosen?.id);
      return { rooms: [...first, ...rooms.filter((r) => r.id !== chosen?.id)], taken: [] };
    }
    // Left over from an attempt that never reached the item: not this stay's rooms any more.
    if (held.length > 0) await occupancy.vacate(item.id);

    for (let attempt = 1; ; attempt++) {
      const free = (await occupancy.freeRooms(stay.roomTypeId, nights)).filter((r) => r.id !== chosen?.id);
      if (chosen) {
        const occupants = await occupancy.occupants(chosen.id, nights);
        if (occupants.length > 0) throw roomOccupied(new RoomOccupiedError(occupants[0]));
      }
      const rooms = [...(chosen ? [chosen] : []), ...free.slice(0, need - (chosen ? 1 : 0))];
      if (rooms.length < need) {
        throw new DomainError(
          'sold_out',
          `Not enough free rooms of this type for every night from ${nights[0]} to ${stay.checkOut} ` +
            `(${need} needed); free a room or move a guest first.`,
        );
      }
      try {
        await occupancy.occupy(item.id, rooms, nights, at);
        return { rooms, taken: rooms };
      } catch (err) {
        if (!(err instanceof RoomOccupiedError)) throw err;
        // Another desk took that room a moment ago: the one asked for is a conflict, a picked one a retry.
        if ((chosen && err.roomNumber === chosen.number) || attempt >= ASSIGN_ATTEMPTS)
          throw roomOccupied(err);
      }
    }
  }
}

function roomOccupied(err: RoomOccupiedError): DomainError {
  return new DomainError(
    'invalid_transition',
    err.roomNumber && err.night
      ? `Room ${err.roomNumber} is occupied on ${err.night} by another stay; choose another room, or leave the room to the desk.`
      : 'The room is occupied by another stay; choose another room, or leave the room to the desk.',
    { ...(err.roomNumber ? { roomNumber: err.roomNumber } : {}), ...(err.night ? { night: err.night } : {}) },
  );
}

function stayView(row: StayRow, at: string): Stay {
  return {
    tripId: row.tripId,
    customer: {
      name: row.customerName,
      email: row.customerEmail,
      ...(row.customerPhone ? { phone: row.customerPhone } : {}),
    },
    item: itemView(row.item, at) as HotelItem,
  };
}
