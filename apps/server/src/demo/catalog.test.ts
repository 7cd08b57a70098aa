import { describe, expect, it } from 'vitest';
import {
  CreateCarLocationRequestSchema,
  CreateCarRequestSchema,
  CreateFlightRequestSchema,
  CreateHotelRequestSchema,
  CreateRoomTypeRequestSchema,
  type Money,
} from '@tripdesk/shared';
import {
  ACRISS_CATEGORIES,
  countDemoCatalog,
  DEMO_AIRPORTS,
  DEMO_CURRENCY,
  demoCatalogSize,
  generateCatalog,
  type DemoCatalog,
} from './catalog.ts';

const START = '2026-11-21';
const scale1 = generateCatalog({ seed: 7, scale: 1, startDate: START });
const scale2 = generateCatalog({ seed: 7, scale: 2, startDate: START });

const ID = /^[a-z]{2,5}_[0-9a-hjkmnp-tv-z]{16}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const airports = new Map(DEMO_AIRPORTS.map((a) => [a.code, a]));

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone. */
function localDate(instant: string, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(timeZone, format);
  }
  return format.format(new Date(instant));
}

/** Great-circle distance between two airports, in km. */
function distanceKm(from: string, to: string): number {
  const a = airports.get(from);
  const b = airports.get(to);
  if (!a || !b) throw new Error(`unknown airport ${from} or ${to}`);
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function allMoney(catalog: DemoCatalog): Money[] {
  return [
    ...catalog.hotels.flatMap((h) => h.roomTypes.map((t) => t.nightlyRate)),
    ...catalog.flights.flatMap((f) => f.fareClasses.map((c) => c.price)),
    ...catalog.carLocations.flatMap((l) => l.cars.map((c) => c.dailyRate)),
  ];
}

describe('generateCatalog: determinism', () => {
  it('gives byte-identical output for the same seed and start date', () => {
    const again = generateCatalog({ seed: 7, scale: 1, startDate: START });
    expect(again).toEqual(scale1);
    expect(JSON.stringify(again)).toBe(JSON.stringify(scale1));
  });

  it('gives a different catalog for a different seed', () => {
    const other = generateCatalog({ seed: 8, scale: 1, startDate: START });
    expect(other.hotels.map((h) => h.name)).not.toEqual(scale1.hotels.map((h) => h.name));
    expect(other.hotels.map((h) => h.id)).not.toEqual(scale1.hotels.map((h) => h.id));
    expect(other.flights.map((f) => f.departureAt)).not.toEqual(scale1.flights.map((f) => f.departureAt));
    expect(other.carLocations.flatMap((l) => l.cars.map((c) => c.plate))).not.toEqual(
      scale1.carLocations.flatMap((l) => l.cars.map((c) => c.plate)),
    );
  });

  it('moves only the flights with the start date', () => {
    const later = generateCatalog({ seed: 7, scale: 1, startDate: '2027-03-01' });
    expect(later.hotels).toEqual(scale1.hotels);
    expect(later.carLocations).toEqual(scale1.carLocations);
    expect((later.flights[0]?.departureAt ?? '').slice(0, 10) >= '2027-02-28').toBe(true);
  });

  it('defaults to seed 1 and scale 1', () => {
    expect(generateCatalog({ startDate: START })).toEqual(
      generateCatalog({ seed: 1, scale: 1, startDate: START }),
    );
  });

  it('refuses bad options', () => {
    expect(() => generateCatalog({ startDate: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateCatalog({ startDate: '21/11/2026' })).toThrow(RangeError);
    expect(() => generateCatalog({ startDate: START, scale: 0 })).toThrow(RangeError);
    expect(() => generateCatalog({ startDate: START, scale: 1.5 })).toThrow(RangeError);
    expect(() => generateCatalog({ startDate: START, seed: -1 })).toThrow(RangeError);
  });
});

describe('generateCatalog: scale', () => {
  it('follows the documented rule: 40 hotels and 61 days of flights per unit, flights capped at 365 days', () => {
    expect(demoCatalogSize(1)).toEqual({ hotels: 40, flightDays: 61 });
    expect(demoCatalogSize(5)).toEqual({ hotels: 200, flightDays: 305 });
    expect(demoCatalogSize(6)).toEqual({ hotels: 240, flightDays: 365 });
    expect(demoCatalogSize(25)).toEqual({ hotels: 1000, flightDays: 365 });
    expect(scale1.hotels).toHaveLength(40);
    expect(scale2.hotels).toHaveLength(80);
    expect(scale1.flightDays).toBe(61);
    expect(scale2.flightDays).toBe(122);
  });

  it('at scale 1 has dozens of hotels in all 12 cities, about 4 room types and 60 rooms each', () => {
    const counts = countDemoCatalog(scale1);
    expect(new Set(scale1.hotels.map((h) => h.city)).size).toBe(12);
    expect(counts.roomTypes / counts.hotels).toBeGreaterThan(3);
    expect(counts.roomTypes / counts.hotels).toBeLessThan(5);
    expect(counts.rooms / counts.hotels).toBeGreaterThan(45);
    expect(counts.rooms / counts.hotels).toBeLessThan(75);
    expect(counts.carLocations).toBe(20);
    expect(new Set(scale1.flights.flatMap((f) => [f.from, f.to])).size).toBe(20);
  });

  it('only appends as the scale grows: the same first hotels, the same first days of flights', () => {
    expect(scale2.hotels.slice(0, 40)).toEqual(scale1.hotels);
    const byId = new Map(scale2.flights.map((f) => [f.id, f]));
    for (const f of scale1.flights) expect(byId.get(f.id)).toEqual(f);
    expect(scale2.carLocations).toEqual(scale1.carLocations);
    const ratio = scale2.flights.length / scale1.flights.length;
    expect(ratio).toBeGreaterThan(1.9);
    expect(ratio).toBeLessThan(2.1);
  });

  it('flies a year from scale 6 on, and no further', () => {
    const year = generateCatalog({ seed: 7, scale: 6, startDate: START });
    const more = generateCatalog({ seed: 7, scale: 7, startDate: START });
    expect(year.flightDays).toBe(365);
    expect(more.flights).toHaveLength(year.flights.length);
    expect(more.hotels).toHaveLength(280);
    const last = year.flights.at(-1);
    expect(last && localDate(last.departureAt, airports.get(last.from)?.timezone ?? 'UTC')).toBe(
      '2027-11-20',
    );
  });
});

describe.each([
  ['scale 1', scale1],
  ['another seed and start', generateCatalog({ seed: 123456789, scale: 1, startDate: '2027-03-26' })],
])('generateCatalog: realism (%s)', (_name, catalog) => {
  it('has hotels, flights and car locations for the checks below to look at', () => {
    expect(catalog.hotels.length).toBeGreaterThan(0);
    expect(catalog.flights.length).toBeGreaterThan(0);
    expect(catalog.carLocations.length).toBeGreaterThan(0);
    expect(allMoney(catalog).length).toBeGreaterThan(0);
  });

  it('gives every row a unique, well-formed id', () => {
    const ids = [
      ...catalog.hotels.flatMap((h) => [
        h.id,
        ...h.roomTypes.flatMap((t) => [t.id, ...t.rooms.map((r) => r.id)]),
      ]),
      ...catalog.flights.map((f) => f.id),
      ...catalog.carLocations.flatMap((l) => l.cars.map((c) => c.id)),
    ];
    for (const id of ids) expect(id).toMatch(ID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('prices everything in whole, positive minor units of one currency', () => {
    for (const m of allMoney(catalog)) {
      expect(Number.isSafeInteger(m.amount)).toBe(true);
      expect(m.amount).toBeGreaterThan(0);
      expect(m.currency).toBe(DEMO_CURRENCY);
    }
  });

  it('makes hotels the API would accept, with unique room numbers per hotel', () => {
    for (const h of catalog.hotels) {
      expect(CreateHotelRequestSchema.safeParse(h).success).toBe(true);
      expect(() => new Intl.DateTimeFormat('en', { timeZone: h.timezone })).not.toThrow();
      expect(h.stars).toBeGreaterThanOrEqual(2);
      expect(h.stars).toBeLessThanOrEqual(5);
      const numbers = h.roomTypes.flatMap((t) => t.rooms.map((r) => r.number));
      expect(new Set(numbers).size).toBe(numbers.length);
      for (const n of numbers) expect(n).toMatch(/^[1-9]\d{2}$/);
      for (const t of h.roomTypes) {
        const request = { ...t, roomNumbers: t.rooms.map((r) => r.number) };
        expect(CreateRoomTypeRequestSchema.safeParse(request).error).toBeUndefined();
        expect(t.rooms.length).toBeGreaterThanOrEqual(2);
      }
      expect(new Set(h.roomTypes.map((t) => t.name)).size).toBe(h.roomTypes.length);
    }
    const names = catalog.hotels.map((h) => `${h.city}|${h.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives the amenity filter something to find: every hotel lists amenities, and they differ between hotels', () => {
    for (const h of catalog.hotels) expect(h.amenities.length, h.name).toBeGreaterThan(0);
    // A filter by a common amenity leaves some hotels out, and one by a rarer one still finds some.
    const having = (a: string) => catalog.hotels.filter((h) => h.amenities.includes(a)).length;
    for (const amenity of ['wifi', 'breakfast', 'spa', 'pool', 'parking'])
      expect(having(amenity), amenity).toBeGreaterThan(0);
    expect(having('spa')).toBeLessThan(catalog.hotels.length);
    expect(new Set(catalog.hotels.map((h) => h.amenities.join())).size).toBeGreaterThan(
      catalog.hotels.length / 4,
    );
  });

  it('prices hotels by stars: the cheapest room of a 5-star hotel beats that of a 2-star one in the same city', () => {
    const cheapest = (stars: number, city: string) =>
      catalog.hotels
        .filter((h) => h.stars === stars && h.city === city)
        .map((h) => Math.min(...h.roomTypes.map((t) => t.nightlyRate.amount)));
    let compared = 0;
    for (const city of new Set(catalog.hotels.map((h) => h.city))) {
      const two = cheapest(2, city);
      const five = cheapest(5, city);
      if (two.length && five.length) {
        expect(Math.min(...five), city).toBeGreaterThan(Math.max(...two));
        compared++;
      }
    }
    // Not vacuous: some city has both a 2-star and a 5-star hotel.
    expect(compared).toBeGreaterThan(0);
  });

  it('flies flights the API would accept, between distinct airports, as long as the distance takes', () => {
    for (const f of catalog.flights) {
      expect(CreateFlightRequestSchema.safeParse(f).error).toBeUndefined();
      expect(f.from).not.toBe(f.to);
      expect(airports.has(f.from) && airports.has(f.to)).toBe(true);
      expect(f.departureAt).toMatch(INSTANT);
      expect(f.arrivalAt).toMatch(INSTANT);
      const minutes = (Date.parse(f.arrivalAt) - Date.parse(f.departureAt)) / 60_000;
      // ~800 km/h plus 30 minutes, to 5 minutes.
      expect(Math.abs(minutes - ((distanceKm(f.from, f.to) / 800) * 60 + 30))).toBeLessThanOrEqual(2.5);
      expect(minutes).toBeGreaterThanOrEqual(45);
      expect(minutes).toBeLessThanOrEqual(20 * 60);
    }
  });

  it('departs on the days it covers, local time at the origin, one flight number per day', () => {
    const last = new Date(
      Date.parse(`${catalog.startDate}T00:00:00Z`) + (catalog.flightDays - 1) * 86_400_000,
    )
      .toISOString()
      .slice(0, 10);
    const numbersPerDay = new Set<string>();
    for (const f of catalog.flights) {
      const day = localDate(f.departureAt, airports.get(f.from)?.timezone ?? 'UTC');
      expect(day >= catalog.startDate && day <= last).toBe(true);
      const key = `${f.flightNumber}|${day}`;
      expect(numbersPerDay.has(key)).toBe(false);
      numbersPerDay.add(key);
    }
    const sorted = [...catalog.flights].sort((a, b) => (a.departureAt < b.departureAt ? -1 : 1));
    expect(catalog.flights.map((f) => f.departureAt)).toEqual(sorted.map((f) => f.departureAt));
  });

  it('puts each seat of a flight in exactly one fare class, cabins priced J > W > Y', () => {
    const withoutW = catalog.flights.filter((f) => !f.fareClasses.some((c) => c.code === 'W'));
    const withoutJ = catalog.flights.filter((f) => !f.fareClasses.some((c) => c.code === 'J'));
    expect(withoutW.length).toBeGreaterThan(0);
    expect(withoutJ.length).toBeGreaterThan(0);
    for (const f of catalog.flights) {
      const seats = f.fareClasses.flatMap((c) => c.seats);
      expect(new Set(seats).size).toBe(seats.length);
      const price = Object.fromEntries(f.fareClasses.map((c) => [c.code, c.price.amount]));
      expect(price.Y).toBeDefined();
      if (price.W !== undefined) expect(price.W).toBeGreaterThan(price.Y ?? Infinity);
      if (price.J !== undefined) expect(price.J).toBeGreaterThan(price.W ?? price.Y ?? Infinity);
    }
  });

  it('staffs a car desk at every airport with 10-40 cars in ACRISS categories, one rate per category', () => {
    const plates = catalog.carLocations.flatMap((l) => l.cars.map((c) => c.plate));
    expect(new Set(plates).size).toBe(plates.length);
    for (const l of catalog.carLocations) {
      expect(CreateCarLocationRequestSchema.safeParse(l).error).toBeUndefined();
      expect(airports.has(l.code.slice(0, 3))).toBe(true);
      expect(l.cars.length).toBeGreaterThanOrEqual(10);
      expect(l.cars.length).toBeLessThanOrEqual(40);
      const rates = new Map<string, number>();
      for (const c of l.cars) {
        expect(CreateCarRequestSchema.safeParse(c).error).toBeUndefined();
        expect(Object.keys(ACRISS_CATEGORIES)).toContain(c.category);
        expect(rates.get(c.category) ?? c.dailyRate.amount).toBe(c.dailyRate.amount);
        rates.set(c.category, c.dailyRate.amount);
      }
    }
  });
});
