import type { Stores } from '../stores/index.ts';
import type { CarCatalog, CarCatalogCounts } from '../stores/cars/repository.ts';
import type { FlightCatalog, FlightCatalogCounts } from '../stores/flights/repository.ts';
import type { HotelCatalog, HotelCatalogCounts } from '../stores/hotels/repository.ts';
import { DEMO_AIRPORTS, generateCatalog, type DemoCatalog } from './catalog.ts';

export interface SeedDemoCatalogOptions {
  readonly seed?: number;
  readonly scale?: number;
  /** `YYYY-MM-DD`, the first day of flights. */
  readonly startDate: string;
  /** `created_at` of the rows; defaults to the current time. */
  readonly now?: Date;
}

/** For each store: whether this call wrote the catalog into it, and its rows afterwards. */
export interface DemoCatalogSeeding {
  readonly hotels: { readonly seeded: boolean; readonly counts: HotelCatalogCounts };
  readonly flights: { readonly seeded: boolean; readonly counts: FlightCatalogCounts };
  readonly cars: { readonly seeded: boolean; readonly counts: CarCatalogCounts };
}

/**
 * Fills the hotels, flights and cars stores with the demo catalog, each store only if it has no catalog
 * yet: a second run, or a run after an admin created inventory, changes nothing there. Each store is
 * written in one transaction, so a store is either seeded whole or left empty for the next run.
 */
export async function seedDemoCatalog(
  stores: Pick<Stores, 'hotels' | 'flights' | 'cars'>,
  options: SeedDemoCatalogOptions,
): Promise<DemoCatalogSeeding> {
  const before = await countStores(stores);
  const empty = {
    hotels: before.hotels.hotels === 0,
    flights: before.flights.flights === 0,
    cars: before.cars.carLocations === 0,
  };
  if (!empty.hotels && !empty.flights && !empty.cars) {
    return {
      hotels: { seeded: false, counts: before.hotels },
      flights: { seeded: false, counts: before.flights },
      cars: { seeded: false, counts: before.cars },
    };
  }

  const catalog = generateCatalog(options);
  const createdAt = (options.now ?? new Date()).toISOString();
  const seeded = {
    hotels: empty.hotels && (await stores.hotels.insertCatalogIfEmpty(hotelRows(catalog, createdAt))),
    flights: empty.flights && (await stores.flights.insertCatalogIfEmpty(flightRows(catalog, createdAt))),
    cars: empty.cars && (await stores.cars.insertCatalogIfEmpty(carRows(catalog, createdAt))),
  };
  const after = await countStores(stores);
  return {
    hotels: { seeded: seeded.hotels, counts: after.hotels },
    flights: { seeded: seeded.flights, counts: after.flights },
    cars: { seeded: seeded.cars, counts: after.cars },
  };
}

async function countStores(stores: Pick<Stores, 'hotels' | 'flights' | 'cars'>) {
  const [hotels, flights, cars] = await Promise.all([
    stores.hotels.countCatalog(),
    stores.flights.countCatalog(),
    stores.cars.countCatalog(),
  ]);
  return { hotels, flights, cars };
}

function hotelRows(catalog: DemoCatalog, createdAt: string): HotelCatalog {
  return {
    hotels: catalog.hotels.map((h) => ({
      id: h.id,
      name: h.name,
      city: h.city,
      country: h.country,
      address: h.address,
      timezone: h.timezone,
      stars: h.stars,
      amenities: h.amenities,
      createdAt,
    })),
    roomTypes: catalog.hotels.flatMap((h) =>
      h.roomTypes.map((t) => ({
        id: t.id,
        hotelId: h.id,
        name: t.name,
        maxOccupancy: t.maxOccupancy,
        nightlyRateAmount: t.nightlyRate.amount,
        currency: t.nightlyRate.currency,
        amenities: t.amenities,
        createdAt,
      })),
    ),
    rooms: catalog.hotels.flatMap((h) =>
      h.roomTypes.flatMap((t) =>
        t.rooms.map((r) => ({ id: r.id, hotelId: h.id, roomTypeId: t.id, number: r.number })),
      ),
    ),
  };
}

function flightRows(catalog: DemoCatalog, createdAt: string): FlightCatalog {
  // Flight searches match the departure's date at the origin airport, which the flights store cannot
  // work out from a UTC instant alone. One formatter per airport: there are 10^5 flights.
  const calendars = new Map(
    DEMO_AIRPORTS.map((a) => [
      a.code,
      new Intl.DateTimeFormat('en-US-u-ca-gregory', {
        timeZone: a.timezone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
    ]),
  );
  const localDate = (airport: string, instant: string) => {
    const calendar = calendars.get(airport);
    if (!calendar) return instant.slice(0, 10);
    const parts = calendar.formatToParts(new Date(instant));
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')}`;
  };
  return {
    flights: catalog.flights.map((f) => ({
      id: f.id,
      flightNumber: f.flightNumber,
      origin: f.from,
      destination: f.to,
      departureAt: f.departureAt,
      arrivalAt: f.arrivalAt,
      departureDate: localDate(f.from, f.departureAt),
      createdAt,
    })),
    fareClasses: catalog.flights.flatMap((f) =>
      f.fareClasses.map((c) => ({
        flightId: f.id,
        code: c.code,
        name: c.name,
        priceAmount: c.price.amount,
        currency: c.price.currency,
        capacity: c.seats.length,
        seats: c.seats,
      })),
    ),
  };
}

function carRows(catalog: DemoCatalog, createdAt: string): CarCatalog {
  return {
    locations: catalog.carLocations.map((l) => ({ code: l.code, name: l.name, city: l.city })),
    cars: catalog.carLocations.flatMap((l) =>
      l.cars.map((c) => ({
        id: c.id,
        locationCode: l.code,
        plate: c.plate,
        category: c.category,
        model: c.model,
        dailyRateAmount: c.dailyRate.amount,
        currency: c.dailyRate.currency,
        createdAt,
      })),
    ),
  };
}
