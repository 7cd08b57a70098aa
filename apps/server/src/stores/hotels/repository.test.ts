import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/databases.ts';
import { newId } from '../ids.ts';
import { openStores, type Stores } from '../index.ts';
import type { HotelCatalog } from './repository.ts';

const CREATED_AT = '2026-11-21T09:00:00.000Z';

function smallCatalog(): HotelCatalog {
  const hotelId = newId('htl');
  const otherHotelId = newId('htl');
  const queen = newId('rmt');
  const suite = newId('rmt');
  const roomType = (id: string, hotel: string, name: string, amount: number) => ({
    id,
    hotelId: hotel,
    name,
    maxOccupancy: 2,
    nightlyRateAmount: amount,
    currency: 'USD',
    amenities: ['wifi', 'tv'],
    createdAt: CREATED_AT,
  });
  return {
    hotels: [
      {
        id: hotelId,
        name: 'Arden Midtown',
        city: 'New York',
        country: 'US',
        address: '363 Lexington Ave',
        timezone: 'America/New_York',
        stars: 4,
        amenities: ['wifi', 'gym'],
        createdAt: CREATED_AT,
      },
      {
        id: otherHotelId,
        name: 'Lumen Chiado',
        city: 'Lisbon',
        country: 'PT',
        address: null,
        timezone: 'Europe/Lisbon',
        stars: null,
        amenities: [],
        createdAt: '2026-11-21T09:00:01.000Z',
      },
    ],
    roomTypes: [
      roomType(queen, hotelId, 'Standard Queen', 24900),
      roomType(suite, otherHotelId, 'Junior Suite', 41900),
    ],
    rooms: [
      { id: newId('rom'), hotelId, roomTypeId: queen, number: '101' },
      { id: newId('rom'), hotelId, roomTypeId: queen, number: '102' },
      { id: newId('rom'), hotelId: otherHotelId, roomTypeId: suite, number: '101' },
    ],
  };
}

describe.each(dialects)('hotels store on %s', (dialect) => {
  let db: TestDatabase;
  let stores: Stores;
  let catalog: HotelCatalog;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    stores = await openStores(db.location);
    catalog = smallCatalog();
  });
  afterAll(async () => {
    await stores?.close();
    await db?.drop();
  });

  const queen = () => catalog.roomTypes[0]?.id ?? '';

  it('writes a catalog in bulk and counts it', async () => {
    expect(await stores.hotels.countCatalog()).toEqual({ hotels: 0, roomTypes: 0, rooms: 0, roomNights: 0 });
    await stores.hotels.insertCatalog(catalog);
    expect(await stores.hotels.countCatalog()).toEqual({ hotels: 2, roomTypes: 2, rooms: 3, roomNights: 0 });
    expect(await stores.hotels.firstHotelId()).toBe(catalog.hotels[0]?.id);
    expect(await stores.hotels.hotelExists(catalog.hotels[1]?.id ?? '')).toBe(true);
    expect(await stores.hotels.hotelExists('htl_nosuchhotel0000')).toBe(false);
    const row = (await stores.knex.hotels('hotels').where({ id: catalog.hotels[0]?.id }).first()) as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({ timezone: 'America/New_York', stars: 4, created_at: CREATED_AT });
    expect(JSON.parse(row.amenities as string)).toEqual(['wifi', 'gym']);
  });

  it('writes all of a catalog or none of it', async () => {
    const broken = smallCatalog();
    const rooms = [
      ...broken.rooms,
      { ...(broken.rooms[0] as HotelCatalog['rooms'][number]), id: newId('rom') },
    ];
    await expect(stores.hotels.insertCatalog({ ...broken, rooms })).rejects.toThrow(
      /UNIQUE constraint failed|duplicate key value/,
    );
    expect(await stores.hotels.countCatalog()).toMatchObject({ hotels: 2, roomTypes: 2, rooms: 3 });
    expect(await stores.hotels.insertCatalogIfEmpty(smallCatalog())).toBe(false);
    expect(await stores.hotels.countCatalog()).toMatchObject({ hotels: 2 });
  });

  it('defaults a hotel to UTC and refuses stars outside 1-5 and instants not in toISOString form', async () => {
    const base = { name: 'X', city: 'Y', country: 'Z', created_at: CREATED_AT };
    await stores.knex.hotels('hotels').insert({ id: newId('htl'), ...base });
    expect(await stores.knex.hotels('hotels').where({ name: 'X' }).first('timezone')).toEqual({
      timezone: 'UTC',
    });
    await expect(
      stores.knex.hotels('hotels').insert({ id: newId('htl'), ...base, stars: 6 }),
    ).rejects.toThrow(/hotels_stars_range/);
    await expect(
      stores.knex.hotels('hotels').insert({ id: newId('htl'), ...base, created_at: '2026-11-21 09:00:00' }),
    ).rejects.toThrow(/hotels_created_at_iso/);
  });

  it('refuses a room in another hotel’s room type, and a room number twice in a hotel', async () => {
    const [first, second] = catalog.hotels;
    await expect(
      stores.knex
        .hotels('rooms')
        .insert({ id: newId('rom'), hotel_id: second?.id, room_type_id: queen(), number: '9' }),
    ).rejects.toThrow(/FOREIGN KEY constraint failed|rooms_room_type_of_same_hotel/);
    await expect(
      stores.knex
        .hotels('rooms')
        .insert({ id: newId('rom'), hotel_id: first?.id, room_type_id: queen(), number: '101' }),
    ).rejects.toThrow(/UNIQUE constraint failed|rooms_hotel_id_number_unique/);
  });

  describe('room_nights, the counted inventory', () => {
    const night = (n: Partial<Record<'held' | 'booked' | 'capacity', number>>, date = '2026-12-24') => ({
      room_type_id: queen(),
      night: date,
      capacity: 2,
      ...n,
    });

    it('starts a lazily created night at nothing held or booked', async () => {
      await stores.knex.hotels('room_nights').insert(night({}, '2026-12-01'));
      // The booking engine's lazy create: a second insert of the night changes nothing.
      await stores.knex
        .hotels('room_nights')
        .insert(night({}, '2026-12-01'))
        .onConflict(['room_type_id', 'night'])
        .ignore();
      expect(await stores.knex.hotels('room_nights').where({ night: '2026-12-01' })).toEqual([
        {
          room_type_id: queen(),
          night: '2026-12-01',
          capacity: 2,
          held: 0,
          booked: 0,
          version: 0,
          allowance: 0,
        },
      ]);
    });

    it('refuses held + booked above capacity, on insert and on update', async () => {
      await expect(stores.knex.hotels('room_nights').insert(night({ held: 2, booked: 1 }))).rejects.toThrow(
        /room_nights_within_capacity/,
      );
      await stores.knex.hotels('room_nights').insert(night({ held: 1, booked: 1 }));
      await expect(
        stores.knex
          .hotels('room_nights')
          .where({ room_type_id: queen(), night: '2026-12-24' })
          .update({ held: stores.knex.hotels.raw('held + 1') }),
      ).rejects.toThrow(/room_nights_within_capacity/);
      await expect(
        stores.knex.hotels('room_nights').where({ night: '2026-12-24' }).update({ capacity: 1 }),
      ).rejects.toThrow(/room_nights_within_capacity/);
    });

    it('refuses negative held or booked', async () => {
      await expect(
        stores.knex.hotels('room_nights').where({ night: '2026-12-24' }).update({ held: -1, booked: 0 }),
      ).rejects.toThrow(/room_nights_held_nonnegative/);
      await expect(
        stores.knex.hotels('room_nights').insert(night({ booked: -1 }, '2026-12-25')),
      ).rejects.toThrow(/room_nights_booked_nonnegative/);
      expect(
        await stores.knex.hotels('room_nights').where({ night: '2026-12-24' }).first('held', 'booked'),
      ).toEqual({
        held: 1,
        booked: 1,
      });
    });

    it('refuses a night that is not a YYYY-MM-DD date', async () => {
      await expect(stores.knex.hotels('room_nights').insert(night({}, '24/12/2026'))).rejects.toThrow(
        /room_nights_night_date/,
      );
    });
  });
});
