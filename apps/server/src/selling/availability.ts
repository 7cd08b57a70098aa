import {
  daysBetween,
  multiplyMoney,
  type CarAvailabilityQuery,
  type CarAvailabilityResults,
  type FlightAvailabilityQuery,
  type FlightAvailabilityResults,
  type HotelAvailabilityQuery,
  type HotelAvailabilityResults,
} from '@tripdesk/shared';
import type { Stores } from '../stores/index.ts';

/**
 * Availability searches (API.md, "Availability"). They read the counted rows through each store's
 * read-only connections, without locks, so a search never waits for a booking in progress; the
 * answer can be a moment stale and the hold re-checks. free = capacity − booked − held, where a
 * date without a counted row has its whole capacity free. Results are cheapest first unless
 * `sort=name`, then paged.
 */
export class AvailabilityService {
  readonly #stores: Pick<Stores, 'hotels' | 'flights' | 'cars'>;

  constructor(stores: Pick<Stores, 'hotels' | 'flights' | 'cars'>) {
    this.#stores = stores;
  }

  async hotels(q: HotelAvailabilityQuery): Promise<HotelAvailabilityResults> {
    const nights = daysBetween(q.checkIn, q.checkOut);
    const { rows, total } = await this.#stores.hotels.searchRoomTypes({
      city: q.city,
      hotelId: q.hotelId,
      checkIn: q.checkIn,
      checkOut: q.checkOut,
      guests: q.guests,
      rooms: q.rooms,
      order: q.sort ?? 'price',
      limit: q.limit,
      offset: q.offset,
    });
    return {
      results: rows.map((r) => {
        const nightlyRate = { amount: r.nightlyRateAmount, currency: r.currency };
        return {
          hotelId: r.hotelId,
          hotelName: r.hotelName,
          city: r.city,
          roomTypeId: r.roomTypeId,
          roomTypeName: r.roomTypeName,
          maxOccupancy: r.maxOccupancy,
          available: r.available,
          nightlyRate,
          totalPrice: multiplyMoney(nightlyRate, nights * q.rooms),
        };
      }),
      total,
    };
  }

  async flights(q: FlightAvailabilityQuery): Promise<FlightAvailabilityResults> {
    const { rows, total } = await this.#stores.flights.searchFareClasses({
      origin: q.from,
      destination: q.to,
      date: q.date,
      passengers: q.passengers,
      order: q.sort ?? 'price',
      limit: q.limit,
      offset: q.offset,
    });
    return {
      results: rows.map((r) => {
        const price = { amount: r.priceAmount, currency: r.currency };
        return {
          flightId: r.flightId,
          flightNumber: r.flightNumber,
          from: r.origin,
          to: r.destination,
          departureAt: r.departureAt,
          arrivalAt: r.arrivalAt,
          fareClass: r.fareClass,
          fareClassName: r.fareClassName,
          available: r.available,
          price,
          totalPrice: multiplyMoney(price, q.passengers),
        };
      }),
      total,
    };
  }

  async cars(q: CarAvailabilityQuery): Promise<CarAvailabilityResults> {
    const days = daysBetween(q.pickUp, q.dropOff);
    const { rows, total } = await this.#stores.cars.searchFleets({
      locationCode: q.location,
      category: q.category,
      pickUp: q.pickUp,
      dropOff: q.dropOff,
      order: q.sort ?? 'price',
      limit: q.limit,
      offset: q.offset,
    });
    return {
      results: rows.map((r) => {
        const dailyRate = { amount: r.dailyRateAmount, currency: r.currency };
        return {
          locationCode: r.locationCode,
          category: r.category,
          available: r.available,
          dailyRate,
          totalPrice: multiplyMoney(dailyRate, days),
        };
      }),
      total,
    };
  }
}
