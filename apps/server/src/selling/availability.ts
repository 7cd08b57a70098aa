import {
  daysBetween,
  multiplyMoney,
  type CarAvailabilityQuery,
  type CarAvailabilityResults,
  type FlightAvailabilityQuery,
  type FlightAvailabilityResults,
  type HotelAvailabilityQuery,
  type HotelAvailabilityResults,
  taxLines,
} from '@tripdesk/shared';
import type { Stores } from '../stores/index.ts';
import { carPolicy, flightPolicy, hotelPolicy } from '../after-sale/cancellation-policy.ts';
import { atAirport, toAirport } from '../inventory/airports.ts';
import { offeredExtras, ownersOffers } from './extras.ts';
import { ownersTaxRules } from './taxes.ts';

/**
 * Availability searches (API.md, "Availability"). They read the counted rows through each store's
 * read-only connections, without locks, so a search never waits for a booking in progress; the
 * answer can be a moment stale and the hold re-checks. free = capacity − booked − held, where a
 * date without a counted row has its whole capacity free. Results are cheapest first unless
 * `sort=name` (or, for hotels, `sort=stars`), then paged. Each row carries the terms its hold would
 * get (cancellation policy, extras with their prices), decided by the same functions the hold uses.
 */
export class AvailabilityService {
  readonly #stores: Pick<Stores, 'hotels' | 'flights' | 'cars' | 'extras' | 'taxes'>;

  constructor(stores: Pick<Stores, 'hotels' | 'flights' | 'cars' | 'extras' | 'taxes'>) {
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
      minNightlyRate: q.minNightlyRate,
      maxNightlyRate: q.maxNightlyRate,
      minStars: q.stars,
      amenities: q.amenities,
      order: q.sort ?? 'price',
      limit: q.limit,
      offset: q.offset,
    });
    const offersOf = await ownersOffers(
      this.#stores,
      'hotel',
      rows.map((r) => r.hotelId),
    );
    const taxesOf = await ownersTaxRules(
      this.#stores,
      'hotel',
      rows.map((r) => r.hotelId),
    );
    return {
      results: rows.map((r) => {
        const nightlyRate = { amount: r.nightlyRateAmount, currency: r.currency };
        const totalPrice = multiplyMoney(nightlyRate, nights * q.rooms);
        const taxes = taxLines(taxesOf(r.hotelId), {
          itemType: 'hotel',
          price: totalPrice,
          nights,
          days: nights,
          rooms: q.rooms,
          people: q.guests * q.rooms,
        }).lines;
        return {
          hotelId: r.hotelId,
          hotelName: r.hotelName,
          city: r.city,
          roomTypeId: r.roomTypeId,
          roomTypeName: r.roomTypeName,
          maxOccupancy: r.maxOccupancy,
          available: r.available,
          nightlyRate,
          totalPrice,
          ...(taxes.length > 0 ? { taxes } : {}),
          ...(r.stars !== null ? { stars: r.stars } : {}),
          amenities: r.amenities,
          timezone: r.timezone,
          // The same terms the hold writes on the item (selling/holds.ts).
          cancellationPolicy: hotelPolicy({
            checkIn: q.checkIn,
            timezone: r.timezone,
            firstNight: multiplyMoney(nightlyRate, q.rooms),
          }),
          extras: offeredExtras(
            {
              itemType: 'hotel',
              currency: r.currency,
              days: nights,
              rooms: q.rooms,
              guests: q.guests,
              passengers: 0,
            },
            offersOf(r.hotelId, r.currency),
          ),
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
    const airports = await this.#stores.flights.findAirports([q.from, q.to]);
    const origin = airports.get(q.from);
    const destination = airports.get(q.to);
    const offersOf = await ownersOffers(
      this.#stores,
      'flight',
      rows.map((r) => r.flightId),
    );
    const taxesOf = await ownersTaxRules(
      this.#stores,
      'flight',
      rows.map((r) => r.flightId),
    );
    return {
      results: rows.map((r) => {
        const price = { amount: r.priceAmount, currency: r.currency };
        const totalPrice = multiplyMoney(price, q.passengers);
        const taxes = taxLines(taxesOf(r.flightId), {
          itemType: 'flight',
          price: totalPrice,
          nights: 0,
          days: 0,
          rooms: 0,
          people: q.passengers,
        }).lines;
        return {
          flightId: r.flightId,
          flightNumber: r.flightNumber,
          from: r.origin,
          to: r.destination,
          // Local times at each airport, with its own offset: the same instants as stored.
          departureAt: atAirport(r.departureAt, origin),
          arrivalAt: atAirport(r.arrivalAt, destination),
          ...(origin ? { origin: toAirport(origin) } : {}),
          ...(destination ? { destination: toAirport(destination) } : {}),
          fareClass: r.fareClass,
          fareClassName: r.fareClassName,
          available: r.available,
          price,
          totalPrice,
          ...(taxes.length > 0 ? { taxes } : {}),
          // As the hold would write it, on the fare before extras; a W fare keeps half of what is paid,
          // extras included, and says so (`feePercent`) for the hold dialog to follow the extras chosen.
          cancellationPolicy: flightPolicy({
            fareClass: r.fareClass,
            departureAt: r.departureAt,
            price: totalPrice,
          }),
          extras: offeredExtras(
            {
              itemType: 'flight',
              currency: r.currency,
              days: 0,
              rooms: 0,
              guests: 0,
              passengers: q.passengers,
            },
            offersOf(r.flightId, r.currency),
          ),
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
    const offersOf = await ownersOffers(
      this.#stores,
      'car',
      rows.map((r) => r.locationCode),
    );
    const taxesOf = await ownersTaxRules(
      this.#stores,
      'car',
      rows.map((r) => r.locationCode),
    );
    return {
      results: rows.map((r) => {
        const dailyRate = { amount: r.dailyRateAmount, currency: r.currency };
        const totalPrice = multiplyMoney(dailyRate, days);
        const taxes = taxLines(taxesOf(r.locationCode), {
          itemType: 'car',
          price: totalPrice,
          nights: 0,
          days,
          rooms: 0,
          people: 0,
        }).lines;
        return {
          locationCode: r.locationCode,
          category: r.category,
          available: r.available,
          dailyRate,
          totalPrice,
          ...(taxes.length > 0 ? { taxes } : {}),
          cancellationPolicy: carPolicy({ pickUp: q.pickUp }),
          extras: offeredExtras(
            { itemType: 'car', currency: r.currency, days, rooms: 0, guests: 0, passengers: 0 },
            offersOf(r.locationCode, r.currency),
          ),
        };
      }),
      total,
    };
  }
}
