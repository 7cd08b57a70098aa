import {
  addDays,
  todayIn,
  type Airport,
  type AirportList,
  type AirportListQuery,
  type Car,
  type CarList,
  type CarLocation,
  type CarLocationList,
  type CarLocationListQuery,
  type CreateAirportRequest,
  type CreateCarLocationRequest,
  type CreateCarRequest,
  type CreateFlightRequest,
  type CreateHotelRequest,
  type CreateRoomTypeRequest,
  type FlightDetail,
  type Hotel,
  type HotelDetail,
  type HotelList,
  type HotelListQuery,
  type RoomType,
  type SeatMap,
  type SeatStatus,
  type SetOverbookingRequest,
  type UpdateRoomTypeRequest,
  type UpdateHotelRequest,
  type UpdateFlightRequest,
  type UpdateFareClassRequest,
  type UpdateCarLocationRequest,
  type UpdateCarRequest,
} from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import { DomainError, notFound, validationFailed } from '../errors.ts';
import type { DomainEvent, EventBus } from '../events/bus.ts';
import {
  DuplicateLocationCodeError,
  DuplicatePlateError,
  FleetCurrencyError,
  type CarFleetRecord,
  type CarRecord,
} from '../stores/cars/repository.ts';
import { CapacityInUseError } from '../stores/constraint-violations.ts';
import {
  DuplicateAirportCodeError,
  SeatListError,
  SeatsInUseError,
  type AirportRecord,
  type FlightRecord,
} from '../stores/flights/repository.ts';
import {
  AllowanceInUseError,
  RoomNumbersTakenError,
  UnknownRoomNumbersError,
  type HotelRecord,
  type RoomTypeRecord,
} from '../stores/hotels/repository.ts';
import { newId } from '../stores/ids.ts';
import { atAirport, toAirport } from './airports.ts';
import type { Stores } from '../stores/index.ts';

/**
 * The catalog: hotels and room types, flights and fare classes, car locations and cars. Admins write
 * it (the routes check the role), everyone reads it. A change of capacity (rooms or cars added or
 * removed) happens in one transaction with the counted rows it concerns, and is announced as
 * `availability.changed`.
 */
export class InventoryService {
  readonly #stores: Pick<Stores, 'hotels' | 'flights' | 'cars'>;
  readonly #clock: Clock;
  readonly #events: EventBus;

  constructor(stores: Pick<Stores, 'hotels' | 'flights' | 'cars'>, clock: Clock, events: EventBus) {
    this.#stores = stores;
    this.#clock = clock;
    this.#events = events;
  }

  // -------------------------------------------------------------------------------------------
  // Hotels

  async createHotel(req: CreateHotelRequest): Promise<Hotel> {
    const hotel = {
      id: newId('htl'),
      name: req.name,
      city: req.city,
      country: req.country,
      address: req.address ?? null,
      timezone: req.timezone ?? 'UTC',
      stars: req.stars ?? null,
      amenities: req.amenities ?? [],
      phone: req.phone ?? null,
      email: req.email ?? null,
      createdAt: this.#clock.now().toISOString(),
      retiredAt: null,
    };
    await this.#stores.hotels.insertHotel(hotel);
    return toHotel(hotel);
  }

  /** Edits a hotel; `retired` retires (no new holds, gone from search) or reinstates it. */
  async updateHotel(hotelId: string, req: UpdateHotelRequest): Promise<Hotel> {
    const current = await this.#requireHotel(hotelId);
    const updated = await this.#stores.hotels.updateHotel(hotelId, {
      ...(req.name !== undefined ? { name: req.name } : {}),
      ...(req.city !== undefined ? { city: req.city } : {}),
      ...(req.country !== undefined ? { country: req.country } : {}),
      ...(req.address !== undefined ? { address: req.address } : {}),
      ...(req.timezone !== undefined ? { timezone: req.timezone } : {}),
      ...(req.stars !== undefined ? { stars: req.stars } : {}),
      ...(req.amenities !== undefined ? { amenities: req.amenities } : {}),
      ...(req.phone !== undefined ? { phone: req.phone } : {}),
      ...(req.email !== undefined ? { email: req.email } : {}),
      ...this.#retirement(req.retired, current.retiredAt),
    });
    if (!updated) throw notFound('The hotel');
    this.#announce({ store: 'hotels', hotelId });
    return toHotel(updated);
  }

  async listHotels(query: HotelListQuery): Promise<HotelList> {
    const { items, total } = await this.#stores.hotels.listHotels({
      ...query,
      includeRetired: query.includeRetired === true,
    });
    return {
      items: items.map((h) => ({ ...toHotel(h), roomTypeCount: h.roomTypeCount, roomCount: h.roomCount })),
      total,
    };
  }

  async getHotel(hotelId: string): Promise<HotelDetail> {
    const hotel = await this.#requireHotel(hotelId);
    const roomTypes = await this.#stores.hotels.roomTypesOf(hotelId);
    return { ...toHotel(hotel), roomTypes: roomTypes.map(toRoomType) };
  }

  async createRoomType(hotelId: string, req: CreateRoomTypeRequest): Promise<RoomType> {
    await this.#requireHotel(hotelId);
    const id = newId('rmt');
    let created: RoomTypeRecord;
    try {
      created = await this.#stores.hotels.createRoomType(
        {
          id,
          hotelId,
          name: req.name,
          maxOccupancy: req.maxOccupancy,
          nightlyRateAmount: req.nightlyRate.amount,
          currency: req.nightlyRate.currency,
          amenities: req.amenities ?? [],
          description: req.description ?? null,
          overbookingAllowance: req.overbookingAllowance ?? 0,
          createdAt: this.#clock.now().toISOString(),
        },
        req.roomNumbers.map((number) => ({ id: newId('rom'), hotelId, roomTypeId: id, number })),
      );
    } catch (err) {
      if (err instanceof RoomNumbersTakenError) throw roomNumbersTaken(err, 'body.roomNumbers');
      throw err;
    }
    this.#announce({ store: 'hotels', hotelId, roomTypeId: id });
    return toRoomType(created);
  }

  async updateRoomType(hotelId: string, roomTypeId: string, req: UpdateRoomTypeRequest): Promise<RoomType> {
    const hotel = await this.#requireHotel(hotelId);
    const current = req.retired ? await this.#stores.hotels.findRoomType(hotelId, roomTypeId) : undefined;
    let result: Awaited<ReturnType<Stores['hotels']['updateRoomType']>>;
    try {
      result = await this.#stores.hotels.updateRoomType(
        hotelId,
        roomTypeId,
        {
          ...(req.name !== undefined ? { name: req.name } : {}),
          ...(req.maxOccupancy !== undefined ? { maxOccupancy: req.maxOccupancy } : {}),
          ...(req.nightlyRate !== undefined
            ? { nightlyRateAmount: req.nightlyRate.amount, currency: req.nightlyRate.currency }
            : {}),
          ...(req.amenities !== undefined ? { amenities: req.amenities } : {}),
          ...(req.description !== undefined ? { description: req.description } : {}),
          ...(req.retired !== undefined
            ? { retiredAt: req.retired ? (current?.retiredAt ?? this.#clock.now().toISOString()) : null }
            : {}),
          addRooms: (req.addRoomNumbers ?? []).map((number) => ({
            id: newId('rom'),
            hotelId,
            roomTypeId,
            number,
          })),
          removeRoomNumbers: req.removeRoomNumbers ?? [],
        },
        // Nights before the hotel's today are history: they keep the capacity they were sold against.
        todayIn(hotel.timezone, this.#clock.now()),
      );
    } catch (err) {
      if (err instanceof RoomNumbersTakenError) throw roomNumbersTaken(err, 'body.addRoomNumbers');
      if (err instanceof UnknownRoomNumbersError) {
        throw validationFailed(`Not rooms of this room type: ${err.numbers.join(', ')}.`, [
          {
            path: 'body.removeRoomNumbers',
            message: `not rooms of this room type: ${err.numbers.join(', ')}`,
          },
        ]);
      }
      if (err instanceof CapacityInUseError) throw capacityInUse(err, 'rooms', 'night');
      throw err;
    }
    if (!result) throw notFound('The room type');
    this.#announce({ store: 'hotels', hotelId, roomTypeId });
    return toRoomType(result.roomType);
  }

  /**
   * Sets how many rooms of the type may be sold beyond its rooms, on every night from the hotel's today
   * on (earlier nights keep what they were sold against). Lowering it below what a night already has
   * held or sold beyond its rooms is 409 `capacity_in_use`, naming the night.
   */
  async setOverbooking(hotelId: string, roomTypeId: string, req: SetOverbookingRequest): Promise<RoomType> {
    const hotel = await this.#requireHotel(hotelId);
    let result: Awaited<ReturnType<Stores['hotels']['setOverbookingAllowance']>>;
    try {
      result = await this.#stores.hotels.setOverbookingAllowance(
        hotelId,
        roomTypeId,
        req.allowance,
        todayIn(hotel.timezone, this.#clock.now()),
      );
    } catch (err) {
      if (err instanceof AllowanceInUseError) {
        const detail =
          err.night !== undefined
            ? `On the night of ${err.night}, ${err.inUse} rooms are held or sold and the type has ` +
              `${err.capacity} rooms: the allowance cannot go below ${err.inUse! - err.capacity!} until some are released.`
            : 'Some night has more rooms held or sold beyond its rooms than the new allowance allows.';
        throw new DomainError(
          'capacity_in_use',
          detail,
          err.night !== undefined ? { date: err.night, inUse: err.inUse } : {},
        );
      }
      throw err;
    }
    if (!result) throw notFound('The room type');
    this.#announce({ store: 'hotels', hotelId, roomTypeId });
    return toRoomType(result.roomType);
  }

  // -------------------------------------------------------------------------------------------
  // Airports and flights

  async listAirports(query: AirportListQuery): Promise<AirportList> {
    return { items: (await this.#stores.flights.searchAirports(query.q, query.limit)).map(toAirport) };
  }

  async createAirport(req: CreateAirportRequest): Promise<Airport> {
    try {
      await this.#stores.flights.insertAirport(req);
    } catch (err) {
      if (err instanceof DuplicateAirportCodeError) {
        throw validationFailed(`There is already an airport ${req.code}.`, [
          { path: 'body.code', message: 'already in use' },
        ]);
      }
      throw err;
    }
    return toAirport(req);
  }

  async createFlight(req: CreateFlightRequest): Promise<FlightDetail> {
    // API.md takes any IATA code here: a code with no airport on file is kept as before airports were
    // data (times in UTC, the search date the UTC date); an admin who adds the airport later gets its
    // local times on every read.
    const airports = await this.#stores.flights.findAirports([req.from]);
    const origin = airports.get(req.from);
    const id = newId('flt');
    const departureAt = new Date(req.departureAt);
    await this.#stores.flights.insertFlight(
      {
        id,
        flightNumber: req.flightNumber,
        origin: req.from,
        destination: req.to,
        departureAt: departureAt.toISOString(),
        arrivalAt: new Date(req.arrivalAt).toISOString(),
        // What searches match: the departure's date at the origin, whatever offset the request used.
        departureDate: todayIn(origin?.timeZone ?? 'UTC', departureAt),
        createdAt: this.#clock.now().toISOString(),
      },
      req.fareClasses.map((c) => ({
        flightId: id,
        code: c.code,
        name: c.name,
        priceAmount: c.price.amount,
        currency: c.price.currency,
        capacity: c.seats.length,
        seats: c.seats,
      })),
    );
    this.#announce({ store: 'flights', flightId: id });
    return this.getFlight(id);
  }

  /**
   * Changes a flight's times (only while no seat is held or sold: a ticket keeps its times) or retires
   * it. The search date follows the departure at the origin airport.
   */
  async updateFlight(flightId: string, req: UpdateFlightRequest): Promise<FlightDetail> {
    const flight = await this.#stores.flights.findFlight(flightId);
    if (!flight) throw notFound('The flight');
    const departureAt = req.departureAt !== undefined ? new Date(req.departureAt).toISOString() : undefined;
    const arrivalAt = req.arrivalAt !== undefined ? new Date(req.arrivalAt).toISOString() : undefined;
    if ((arrivalAt ?? flight.arrivalAt) <= (departureAt ?? flight.departureAt)) {
      throw validationFailed('The arrival must be after the departure.', [
        {
          path: req.arrivalAt !== undefined ? 'body.arrivalAt' : 'body.departureAt',
          message: 'must be after the departure',
        },
      ]);
    }
    let departureDate: string | undefined;
    if (departureAt !== undefined) {
      const origin = (await this.#stores.flights.findAirports([flight.origin])).get(flight.origin);
      departureDate = todayIn(origin?.timeZone ?? 'UTC', new Date(departureAt));
    }
    try {
      await this.#stores.flights.updateFlight(flightId, {
        ...(departureAt !== undefined ? { departureAt, departureDate: departureDate! } : {}),
        ...(arrivalAt !== undefined ? { arrivalAt } : {}),
        ...this.#retirement(req.retired, flight.retiredAt),
      });
    } catch (err) {
      if (err instanceof SeatsInUseError) {
        throw new DomainError(
          'capacity_in_use',
          `${err.inUse} seat${err.inUse === 1 ? ' is' : 's are'} held or sold on this flight, so its times cannot change: a ticket keeps the times it was sold with. Retire it and create the new flight instead.`,
          { inUse: err.inUse },
        );
      }
      throw err;
    }
    this.#announce({ store: 'flights', flightId });
    return this.getFlight(flightId);
  }

  /** Edits a fare class: name, price (for new sales), seats in and out, or retires it. */
  async updateFareClass(flightId: string, code: string, req: UpdateFareClassRequest): Promise<FlightDetail> {
    const flight = await this.#stores.flights.findFlight(flightId);
    const fareClass = flight?.fareClasses.find((c) => c.code === code);
    if (!flight || !fareClass) throw notFound('The fare class');
    let found: boolean;
    try {
      found = await this.#stores.flights.updateFareClass(flightId, code, {
        ...(req.name !== undefined ? { name: req.name } : {}),
        ...(req.price !== undefined ? { priceAmount: req.price.amount, currency: req.price.currency } : {}),
        addSeats: req.addSeats ?? [],
        removeSeats: req.removeSeats ?? [],
        ...this.#retirement(req.retired, fareClass.retiredAt),
      });
    } catch (err) {
      if (err instanceof SeatListError) {
        const message =
          err.field === 'removeSeats'
            ? `not seats of fare class ${code}: ${err.seats.join(', ')}`
            : `already seats of this flight: ${err.seats.join(', ')}`;
        throw validationFailed(`${message[0]!.toUpperCase()}${message.slice(1)}.`, [
          { path: `body.${err.field}`, message },
        ]);
      }
      if (err instanceof SeatsInUseError) {
        const detail =
          err.seats.length > 0
            ? `Seat${err.seats.length === 1 ? '' : 's'} ${err.seats.join(', ')} ${err.seats.length === 1 ? 'is' : 'are'} held or sold and cannot be removed.`
            : `${err.inUse} seats of fare class ${code} are held or sold; fewer would remain.`;
        throw new DomainError('capacity_in_use', detail, { inUse: err.inUse, seats: err.seats });
      }
      throw err;
    }
    if (!found) throw notFound('The fare class');
    this.#announce({ store: 'flights', flightId, fareClass: code });
    return this.getFlight(flightId);
  }

  async getFlight(flightId: string): Promise<FlightDetail> {
    const flight = await this.#stores.flights.findFlight(flightId);
    if (!flight) throw notFound('The flight');
    const airports = await this.#stores.flights.findAirports([flight.origin, flight.destination]);
    return toFlight(flight, airports);
  }

  /**
   * Every seat with its status. A hold past its expiry shows the seat available even before the
   * sweeper removed it (ARCHITECTURE.md, "Holds expire twice").
   */
  async seatMap(flightId: string): Promise<SeatMap> {
    const [flight, assignments] = await Promise.all([
      this.#stores.flights.findFlight(flightId),
      this.#stores.flights.seatAssignments(flightId),
    ]);
    if (!flight) throw notFound('The flight');
    const now = this.#clock.now().getTime();
    const status = new Map<string, SeatStatus>();
    for (const a of assignments) {
      if (a.status === 'booked') status.set(a.seat, 'booked');
      else if (a.expiresAt !== null && Date.parse(a.expiresAt) > now) status.set(a.seat, 'held');
    }
    const seats = flight.fareClasses
      .flatMap((c) =>
        c.seats.map((seat) => ({ seat, fareClass: c.code, status: status.get(seat) ?? 'available' })),
      )
      .sort((a, b) => seatOrder(a.seat, b.seat));
    return { seats };
  }

  // -------------------------------------------------------------------------------------------
  // Car locations and cars

  async createCarLocation(req: CreateCarLocationRequest): Promise<CarLocation> {
    try {
      await this.#stores.cars.insertLocation(req);
    } catch (err) {
      if (err instanceof DuplicateLocationCodeError) {
        throw validationFailed(`There is already a location ${req.code}.`, [
          { path: 'body.code', message: 'already in use' },
        ]);
      }
      throw err;
    }
    return { code: req.code, name: req.name, city: req.city };
  }

  async listCarLocations(query: Partial<CarLocationListQuery>): Promise<CarLocationList> {
    const locations = await this.#stores.cars.listLocations({
      ...query,
      includeRetired: query.includeRetired === true,
    });
    return {
      items: locations.map((l) => ({
        code: l.code,
        name: l.name,
        city: l.city,
        ...(l.retiredAt !== null ? { retiredAt: l.retiredAt } : {}),
        fleets: l.fleets.map(toFleet),
      })),
    };
  }

  async updateCarLocation(code: string, req: UpdateCarLocationRequest): Promise<CarLocation> {
    const current = (await this.#stores.cars.listLocations({ includeRetired: true })).find(
      (l) => l.code === code,
    );
    if (!current) throw notFound('The car location');
    const updated = await this.#stores.cars.updateLocation(code, {
      ...(req.name !== undefined ? { name: req.name } : {}),
      ...(req.city !== undefined ? { city: req.city } : {}),
      ...this.#retirement(req.retired, current.retiredAt),
    });
    if (!updated) throw notFound('The car location');
    this.#announce({ store: 'cars', locationCode: code });
    return {
      code: updated.code,
      name: updated.name,
      city: updated.city,
      ...(updated.retiredAt !== null ? { retiredAt: updated.retiredAt } : {}),
    };
  }

  /** Edits a car; retiring takes it out of its category's count (refused while its cars are in use). */
  async updateCar(code: string, carId: string, req: UpdateCarRequest): Promise<Car> {
    let car: CarRecord | undefined;
    try {
      car = await this.#stores.cars.updateCar(
        code,
        carId,
        {
          ...(req.plate !== undefined ? { plate: req.plate } : {}),
          ...(req.model !== undefined ? { model: req.model } : {}),
          ...(req.dailyRate !== undefined
            ? { dailyRateAmount: req.dailyRate.amount, currency: req.dailyRate.currency }
            : {}),
          ...(req.retired !== undefined
            ? { retiredAt: req.retired ? this.#clock.now().toISOString() : null }
            : {}),
        },
        this.#firstCarDay(),
      );
    } catch (err) {
      if (err instanceof DuplicatePlateError) {
        throw validationFailed(`A car with plate ${req.plate} already exists.`, [
          { path: 'body.plate', message: 'already in use' },
        ]);
      }
      if (err instanceof FleetCurrencyError) {
        throw validationFailed(`The other cars of this category here are priced in ${err.currency}.`, [
          {
            path: 'body.dailyRate.currency',
            message: `must be ${err.currency}, like the category's other cars`,
          },
        ]);
      }
      if (err instanceof CapacityInUseError) throw capacityInUse(err, 'cars', 'day');
      throw err;
    }
    if (!car) throw notFound('The car');
    this.#announce({ store: 'cars', locationCode: code, category: car.category });
    return toCar(car);
  }

  async listCars(code: string): Promise<CarList> {
    await this.#requireLocation(code);
    return { items: (await this.#stores.cars.carsAt(code)).map(toCar) };
  }

  async addCar(code: string, req: CreateCarRequest): Promise<Car> {
    await this.#requireLocation(code);
    let car: CarRecord;
    try {
      ({ car } = await this.#stores.cars.addCar(
        {
          id: newId('car'),
          locationCode: code,
          plate: req.plate,
          category: req.category,
          model: req.model,
          dailyRateAmount: req.dailyRate.amount,
          currency: req.dailyRate.currency,
          createdAt: this.#clock.now().toISOString(),
        },
        this.#firstCarDay(),
      ));
    } catch (err) {
      if (err instanceof DuplicatePlateError) {
        throw validationFailed(`A car with plate ${req.plate} already exists.`, [
          { path: 'body.plate', message: 'already in use' },
        ]);
      }
      if (err instanceof FleetCurrencyError) {
        throw validationFailed(`The ${req.category} cars here are priced in ${err.currency}.`, [
          {
            path: 'body.dailyRate.currency',
            message: `must be ${err.currency}, like the category's other cars`,
          },
        ]);
      }
      throw err;
    }
    this.#announce({ store: 'cars', locationCode: code, category: req.category });
    return toCar(car);
  }

  async removeCar(code: string, carId: string): Promise<void> {
    let removed: Awaited<ReturnType<Stores['cars']['removeCar']>>;
    try {
      removed = await this.#stores.cars.removeCar(code, carId, this.#firstCarDay());
    } catch (err) {
      if (err instanceof CapacityInUseError) throw capacityInUse(err, 'cars', 'day');
      throw err;
    }
    if (!removed) throw notFound('The car');
    this.#announce({ store: 'cars', locationCode: code, category: removed.car.category });
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

  /**
   * Rental days before this one are history. Locations carry no time zone, so it is the day before
   * UTC's today: no zone's today is earlier than that.
   */
  /** `retiredAt` for a `retired` flag: now (or the first date, when already retired), or null. */
  #retirement(retired: boolean | undefined, current: string | null): { retiredAt?: string | null } {
    if (retired === undefined) return {};
    return { retiredAt: retired ? (current ?? this.#clock.now().toISOString()) : null };
  }

  #firstCarDay(): string {
    return addDays(todayIn('UTC', this.#clock.now()), -1);
  }

  #announce(what: Omit<Extract<DomainEvent, { type: 'availability.changed' }>, 'type' | 'at'>): void {
    this.#events.publish({ type: 'availability.changed', ...what, at: this.#clock.now().toISOString() });
  }
}

export function capacityInUse(
  err: CapacityInUseError,
  units: 'rooms' | 'cars',
  date: 'night' | 'day',
): DomainError {
  const detail = err.date
    ? `On the ${date} of ${err.date}, ${err.inUse} ${units}${err.unitName ? ` of ${err.unitName}` : ''} are held or sold; only ${err.capacity} would remain.`
    : `More ${units} are held or sold on some ${date} than would remain.`;
  return new DomainError('capacity_in_use', detail, err.date ? { date: err.date, inUse: err.inUse } : {});
}

function roomNumbersTaken(err: RoomNumbersTakenError, path: string): DomainError {
  const which = err.numbers.length > 0 ? err.numbers.join(', ') : 'some of these numbers';
  return validationFailed(`The hotel already has room ${which}.`, [
    { path, message: `already in the hotel: ${which}` },
  ]);
}

/** Row, then seat letter: `2A` before `10A`. */
function seatOrder(a: string, b: string): number {
  const row = (s: string) => Number.parseInt(s, 10);
  return row(a) - row(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function toHotel(h: HotelRecord): Hotel {
  return {
    id: h.id,
    name: h.name,
    city: h.city,
    country: h.country,
    ...(h.address !== null ? { address: h.address } : {}),
    timezone: h.timezone,
    ...(h.stars !== null ? { stars: h.stars } : {}),
    amenities: h.amenities,
    ...(h.phone !== null ? { phone: h.phone } : {}),
    ...(h.email !== null ? { email: h.email } : {}),
    createdAt: h.createdAt,
    ...(h.retiredAt !== null ? { retiredAt: h.retiredAt } : {}),
  };
}

function toRoomType(t: RoomTypeRecord): RoomType {
  return {
    id: t.id,
    hotelId: t.hotelId,
    name: t.name,
    maxOccupancy: t.maxOccupancy,
    nightlyRate: { amount: t.nightlyRateAmount, currency: t.currency },
    capacity: t.capacity,
    roomNumbers: t.roomNumbers,
    amenities: t.amenities,
    ...(t.description !== null ? { description: t.description } : {}),
    overbookingAllowance: t.overbookingAllowance,
    ...(t.retiredAt !== null ? { retiredAt: t.retiredAt } : {}),
  };
}

function toFlight(f: FlightRecord, airports: Map<string, AirportRecord>): FlightDetail {
  const origin = airports.get(f.origin);
  const destination = airports.get(f.destination);
  return {
    id: f.id,
    flightNumber: f.flightNumber,
    from: f.origin,
    to: f.destination,
    departureAt: atAirport(f.departureAt, origin),
    arrivalAt: atAirport(f.arrivalAt, destination),
    ...(f.departureDate !== null ? { departureDate: f.departureDate } : {}),
    ...(origin ? { origin: toAirport(origin) } : {}),
    ...(destination ? { destination: toAirport(destination) } : {}),
    fareClasses: f.fareClasses.map((c) => ({
      code: c.code,
      name: c.name,
      price: { amount: c.priceAmount, currency: c.currency },
      capacity: c.capacity,
      seats: c.seats,
      held: c.held,
      booked: c.booked,
      available: Math.max(0, c.capacity - c.held - c.booked),
      ...(c.retiredAt !== null ? { retiredAt: c.retiredAt } : {}),
    })),
    ...(f.retiredAt !== null ? { retiredAt: f.retiredAt } : {}),
  };
}

function toCar(c: CarRecord): Car {
  return {
    id: c.id,
    locationCode: c.locationCode,
    plate: c.plate,
    category: c.category,
    model: c.model,
    dailyRate: { amount: c.dailyRateAmount, currency: c.currency },
    ...(c.retiredAt !== null ? { retiredAt: c.retiredAt } : {}),
  };
}

function toFleet(f: CarFleetRecord) {
  return {
    category: f.category,
    capacity: f.capacity,
    dailyRate: { amount: f.dailyRateAmount, currency: f.currency },
  };
}
