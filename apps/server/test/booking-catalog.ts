import { addDays, todayIn } from '@tripdesk/shared';
import type { Stores } from '../src/stores/index.ts';

/**
 * A small catalog for booking tests, written through the stores' own `insertCatalog`: one hotel with a
 * room type of `rooms` rooms (and a second hotel), a flight with fare classes Y and J, and a car
 * location with `cars` cars of one category. Ids carry `tag`, so several catalogs share one database.
 */
export interface SmallCatalog {
  readonly hotelId: string;
  readonly roomTypeId: string;
  readonly otherHotelId: string;
  readonly otherRoomTypeId: string;
  readonly flightId: string;
  readonly ySeats: readonly string[];
  readonly jSeats: readonly string[];
  readonly locationCode: string;
  readonly category: string;
  /** A check-in / pick-up date safely in the future of `now`. */
  readonly firstNight: string;
}

export interface SmallCatalogOptions {
  readonly tag: string;
  readonly now: Date;
  readonly rooms?: number;
  readonly ySeats?: readonly string[];
  readonly jSeats?: readonly string[];
  readonly cars?: number;
}

export const NIGHTLY_RATE = 12_000;
export const Y_PRICE = 25_000;
export const J_PRICE = 90_000;
export const DAILY_RATE = 4_500;

export async function insertSmallCatalog(stores: Stores, o: SmallCatalogOptions): Promise<SmallCatalog> {
  const tag = o.tag.toLowerCase().replace(/[^a-z0-9]/g, '');
  const createdAt = o.now.toISOString();
  const hotelId = `htl_${tag}`;
  const otherHotelId = `htl_${tag}b`;
  const roomTypeId = `rmt_${tag}`;
  const otherRoomTypeId = `rmt_${tag}b`;
  const rooms = o.rooms ?? 3;
  const hotel = (id: string, name: string) => ({
    id,
    name,
    city: 'Lisbon',
    country: 'PT',
    address: null,
    timezone: 'Europe/Lisbon',
    stars: 4,
    amenities: [],
    createdAt,
  });
  const roomType = (id: string, hid: string) => ({
    id,
    hotelId: hid,
    name: 'Double',
    maxOccupancy: 2,
    nightlyRateAmount: NIGHTLY_RATE,
    currency: 'USD',
    amenities: [],
    createdAt,
  });
  await stores.hotels.insertCatalog({
    hotels: [hotel(hotelId, `Hotel ${tag}`), hotel(otherHotelId, `Other hotel ${tag}`)],
    roomTypes: [roomType(roomTypeId, hotelId), roomType(otherRoomTypeId, otherHotelId)],
    rooms: [
      ...Array.from({ length: rooms }, (_, i) => ({
        id: `room_${tag}_${i}`,
        hotelId,
        roomTypeId,
        number: String(101 + i),
      })),
      { id: `room_${tag}_b`, hotelId: otherHotelId, roomTypeId: otherRoomTypeId, number: '101' },
    ],
  });

  const flightId = `flt_${tag}`;
  const ySeats = o.ySeats ?? ['10A', '10B', '10C', '11A', '11B', '11C'];
  const jSeats = o.jSeats ?? ['1A', '1B'];
  const departure = new Date(o.now.getTime() + 30 * 86_400_000);
  await stores.flights.insertCatalog({
    flights: [
      {
        id: flightId,
        flightNumber: 'TD100',
        origin: 'LIS',
        destination: 'JFK',
        departureAt: departure.toISOString(),
        arrivalAt: new Date(departure.getTime() + 8 * 3_600_000).toISOString(),
        createdAt,
      },
    ],
    fareClasses: [
      {
        flightId,
        code: 'Y',
        name: 'Economy',
        priceAmount: Y_PRICE,
        currency: 'USD',
        capacity: ySeats.length,
        seats: ySeats,
      },
      {
        flightId,
        code: 'J',
        name: 'Business',
        priceAmount: J_PRICE,
        currency: 'USD',
        capacity: jSeats.length,
        seats: jSeats,
      },
    ],
  });

  const locationCode = `L${tag.toUpperCase()}`.slice(0, 20);
  const category = 'economy';
  await stores.cars.insertCatalog({
    locations: [{ code: locationCode, name: `Desk ${tag}`, city: 'Lisbon' }],
    cars: Array.from({ length: o.cars ?? 2 }, (_, i) => ({
      id: `car_${tag}_${i}`,
      locationCode,
      plate: `${tag.toUpperCase()}-${i}`,
      category,
      model: 'Compact',
      dailyRateAmount: DAILY_RATE + i * 500,
      currency: 'USD',
      createdAt,
    })),
  });
  return {
    hotelId,
    roomTypeId,
    otherHotelId,
    otherRoomTypeId,
    flightId,
    ySeats,
    jSeats,
    locationCode,
    category,
    firstNight: addDays(todayIn('UTC', o.now), 20),
  };
}

/** Every inventory store's invariant violations, by store; all empty when all is well. */
export async function invariantViolations(stores: Stores) {
  return {
    hotels: await stores.hotelHolds.checkInvariant(),
    flights: await stores.flightHolds.checkInvariant(),
    cars: await stores.carHolds.checkInvariant(),
  };
}
