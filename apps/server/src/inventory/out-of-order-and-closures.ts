import {
  addDays,
  compareDates,
  todayIn,
  type CarClosure,
  type CarClosureList,
  type CreateCarClosureRequest,
  type CreateFlightClosureRequest,
  type CreateOutOfOrderRequest,
  type CreateRoomTypeClosureRequest,
  type DateRangeQuery,
  type FlightClosure,
  type FlightClosureList,
  type OutOfOrderList,
  type OutOfOrderPeriod,
  type RoomTypeClosure,
  type RoomTypeClosureList,
  type User,
} from '@tripdesk/shared';
import { requireDeskHotel } from '../access/access.ts';
import type { Clock } from '../clock.ts';
import { notFound, validationFailed } from '../errors.ts';
import type { DomainEvent, EventBus } from '../events/bus.ts';
import type { CarClosureRecord } from '../stores/cars/repository.ts';
import { CapacityInUseError } from '../stores/constraint-violations.ts';
import type { FlightClosureRecord } from '../stores/flights/repository.ts';
import {
  RoomsAlreadyOutError,
  UnknownRoomNumbersError,
  type HotelRecord,
  type OutOfOrderRecord,
  type RoomTypeClosureRecord,
} from '../stores/hotels/repository.ts';
import { newId } from '../stores/ids.ts';
import type { Stores } from '../stores/index.ts';
import { capacityInUse } from './inventory.ts';

/**
 * Rooms out of order and stop-sell (issue 14). A room out of order leaves its room type's sellable
 * count for its nights, through the same guarded path as removing rooms (one transaction that locks the
 * room type, checks every night and sets the counts). A closure takes a room type, a fare class of a
 * flight number or a car category off sale for dates: search leaves it out and a new hold is refused
 * (`closed_to_sale`); holds and sales already made stay.
 */
export class OutOfOrderAndClosuresService {
  readonly #stores: Pick<Stores, 'hotels' | 'flights' | 'cars'>;
  readonly #clock: Clock;
  readonly #events: EventBus;

  constructor(stores: Pick<Stores, 'hotels' | 'flights' | 'cars'>, clock: Clock, events: EventBus) {
    this.#stores = stores;
    this.#clock = clock;
    this.#events = events;
  }

  // -------------------------------------------------------------------------------------------
  // Rooms out of order

  async listOutOfOrder(user: User, hotelId: string, query: DateRangeQuery): Promise<OutOfOrderList> {
    requireDeskHotel(user, hotelId);
    await this.#requireHotel(hotelId);
    const items = await this.#stores.hotels.outOfOrder(hotelId, query.from, query.to);
    return { items: items.map(toPeriod) };
  }

  async createOutOfOrder(hotelId: string, req: CreateOutOfOrderRequest): Promise<OutOfOrderList> {
    const hotel = await this.#requireHotel(hotelId);
    this.#refusePast(hotel, req.from);
    let created: OutOfOrderRecord[];
    try {
      created = await this.#stores.hotels.markOutOfOrder(
        hotelId,
        req.roomNumbers,
        {
          from: req.from,
          to: req.to,
          kind: req.kind ?? 'out_of_order',
          reason: req.reason ?? null,
          createdAt: this.#clock.now().toISOString(),
        },
        () => newId('ooo'),
      );
    } catch (err) {
      if (err instanceof UnknownRoomNumbersError) {
        throw validationFailed(`The hotel has no room ${err.numbers.join(', ')}.`, [
          { path: 'body.roomNumbers', message: `not rooms of this hotel: ${err.numbers.join(', ')}` },
        ]);
      }
      if (err instanceof RoomsAlreadyOutError) {
        throw validationFailed(
          `Room ${err.numbers.join(', ')} ${err.numbers.length === 1 ? 'is' : 'are'} already out of order on some of those nights.`,
          [{ path: 'body.roomNumbers', message: `already out of order then: ${err.numbers.join(', ')}` }],
        );
      }
      if (err instanceof CapacityInUseError) throw capacityInUse(err, 'rooms', 'night');
      throw err;
    }
    for (const roomTypeId of new Set(created.map((p) => p.roomTypeId))) {
      this.#announce({ store: 'hotels', hotelId, roomTypeId });
    }
    return { items: created.map(toPeriod) };
  }

  async deleteOutOfOrder(hotelId: string, periodId: string): Promise<void> {
    const hotel = await this.#requireHotel(hotelId);
    const removed = await this.#stores.hotels.removeOutOfOrder(
      hotelId,
      periodId,
      todayIn(hotel.timezone, this.#clock.now()),
    );
    if (!removed) throw notFound('The out-of-order period');
    this.#announce({ store: 'hotels', hotelId, roomTypeId: removed.roomTypeId });
  }

  // -------------------------------------------------------------------------------------------
  // Stop-sell

  async listHotelClosures(hotelId: string, query: DateRangeQuery): Promise<RoomTypeClosureList> {
    await this.#requireHotel(hotelId);
    const items = await this.#stores.hotels.closures(hotelId, query.from, query.to);
    return { items: items.map(toRoomTypeClosure) };
  }

  async createHotelClosure(hotelId: string, req: CreateRoomTypeClosureRequest): Promise<RoomTypeClosure> {
    const hotel = await this.#requireHotel(hotelId);
    if (!(await this.#stores.hotels.findRoomType(hotelId, req.roomTypeId))) {
      throw validationFailed('The hotel has no such room type.', [
        { path: 'body.roomTypeId', message: 'not a room type of this hotel' },
      ]);
    }
    this.#refusePast(hotel, req.from);
    const closure: RoomTypeClosureRecord = {
      id: newId('cls'),
      hotelId,
      roomTypeId: req.roomTypeId,
      from: req.from,
      to: req.to,
      reason: req.reason ?? null,
      createdAt: this.#clock.now().toISOString(),
    };
    await this.#stores.hotels.insertClosure(closure);
    this.#announce({ store: 'hotels', hotelId, roomTypeId: req.roomTypeId });
    return toRoomTypeClosure(closure);
  }

  async deleteHotelClosure(hotelId: string, closureId: string): Promise<void> {
    const removed = await this.#stores.hotels.deleteClosure(hotelId, closureId);
    if (!removed) throw notFound('The closure');
    this.#announce({ store: 'hotels', hotelId, roomTypeId: removed.roomTypeId });
  }

  async listFlightClosures(flightNumber: string | undefined): Promise<FlightClosureList> {
    return { items: (await this.#stores.flights.closures(flightNumber)).map(toFlightClosure) };
  }

  async createFlightClosure(req: CreateFlightClosureRequest): Promise<FlightClosure> {
    this.#refusePastDay(req.from);
    const closure: FlightClosureRecord = {
      id: newId('cls'),
      flightNumber: req.flightNumber,
      fareClass: req.fareClass,
      from: req.from,
      to: req.to,
      reason: req.reason ?? null,
      createdAt: this.#clock.now().toISOString(),
    };
    await this.#stores.flights.insertClosure(closure);
    return toFlightClosure(closure);
  }

  async deleteFlightClosure(closureId: string): Promise<void> {
    if (!(await this.#stores.flights.deleteClosure(closureId))) throw notFound('The closure');
  }

  async listCarClosures(code: string, query: DateRangeQuery): Promise<CarClosureList> {
    await this.#requireLocation(code);
    return { items: (await this.#stores.cars.closures(code, query.from, query.to)).map(toCarClosure) };
  }

  async createCarClosure(code: string, req: CreateCarClosureRequest): Promise<CarClosure> {
    await this.#requireLocation(code);
    if (!(await this.#stores.cars.findFleet(code, req.category))) {
      throw validationFailed(`There are no ${req.category} cars at ${code}.`, [
        { path: 'body.category', message: 'no cars of this category at the location' },
      ]);
    }
    this.#refusePastDay(req.from);
    const closure: CarClosureRecord = {
      id: newId('cls'),
      locationCode: code,
      category: req.category,
      from: req.from,
      to: req.to,
      reason: req.reason ?? null,
      createdAt: this.#clock.now().toISOString(),
    };
    await this.#stores.cars.insertClosure(closure);
    this.#announce({ store: 'cars', locationCode: code, category: req.category });
    return toCarClosure(closure);
  }

  async deleteCarClosure(code: string, closureId: string): Promise<void> {
    const removed = await this.#stores.cars.deleteClosure(code, closureId);
    if (!removed) throw notFound('The closure');
    this.#announce({ store: 'cars', locationCode: code, category: removed.category });
  }

  // -------------------------------------------------------------------------------------------

  async #requireHotel(hotelId: string): Promise<HotelRecord> {
    const hotel = await this.#stores.hotels.findHotel(hotelId);
    if (!hotel) throw notFound('The hotel');
    return hotel;
  }

  async #requireLocation(code: string): Promise<void> {
    if (!(await this.#stores.cars.locationExists(code))) throw notFound('The car location');
  }

  /** Nights before the hotel's today are history: they keep what they were sold against. */
  #refusePast(hotel: HotelRecord, from: string): void {
    const today = todayIn(hotel.timezone, this.#clock.now());
    if (compareDates(from, today) < 0) {
      throw validationFailed(`The first night must not be before today at the hotel (${today}).`, [
        { path: 'body.from', message: `must not be before today at the hotel (${today})` },
      ]);
    }
  }

  /** Cars and flights have no one zone: the earliest today anywhere is the day before UTC's. */
  #refusePastDay(from: string): void {
    const earliest = addDays(todayIn('UTC', this.#clock.now()), -1);
    if (compareDates(from, earliest) < 0) {
      throw validationFailed('The first date must not be in the past.', [
        { path: 'body.from', message: 'must not be in the past' },
      ]);
    }
  }

  #announce(what: Omit<Extract<DomainEvent, { type: 'availability.changed' }>, 'type' | 'at'>): void {
    this.#events.publish({ type: 'availability.changed', ...what, at: this.#clock.now().toISOString() });
  }
}

function toPeriod(p: OutOfOrderRecord): OutOfOrderPeriod {
  return {
    id: p.id,
    hotelId: p.hotelId,
    roomTypeId: p.roomTypeId,
    roomNumber: p.roomNumber,
    from: p.from,
    to: p.to,
    kind: p.kind,
    ...(p.reason !== null ? { reason: p.reason } : {}),
    createdAt: p.createdAt,
  };
}

const closureBase = (c: {
  id: string;
  from: string;
  to: string;
  reason: string | null;
  createdAt: string;
}) => ({
  id: c.id,
  from: c.from,
  to: c.to,
  ...(c.reason !== null ? { reason: c.reason } : {}),
  createdAt: c.createdAt,
});

function toRoomTypeClosure(c: RoomTypeClosureRecord): RoomTypeClosure {
  return { ...closureBase(c), hotelId: c.hotelId, roomTypeId: c.roomTypeId };
}

function toFlightClosure(c: FlightClosureRecord): FlightClosure {
  return { ...closureBase(c), flightNumber: c.flightNumber, fareClass: c.fareClass };
}

function toCarClosure(c: CarClosureRecord): CarClosure {
  return { ...closureBase(c), locationCode: c.locationCode, category: c.category };
}
