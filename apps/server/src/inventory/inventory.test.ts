import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/databases.ts';
import { ManualClock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { LocalEventBus, type DomainEvent } from '../events/bus.ts';
import { openStores, type Stores } from '../stores/index.ts';
import { InventoryService } from './inventory.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe.each(dialects)('inventory service events on %s', (dialect) => {
  let db: TestDatabase;
  let stores: Stores;
  let inventory: InventoryService;
  const events: DomainEvent[] = [];
  const clock = new ManualClock('2026-11-21T12:00:00.000Z');

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    stores = await openStores(db.location);
    const bus = new LocalEventBus();
    bus.subscribe((e) => events.push(e));
    inventory = new InventoryService(stores, clock, bus);
  });
  afterAll(async () => {
    await stores?.close();
    await db?.drop();
  });

  it('announces availability.changed when rooms or cars come or go, and nothing when refused', async () => {
    const hotel = await inventory.createHotel({ name: 'H', city: 'C', country: 'PT' });
    expect(events).toEqual([]);
    const roomType = await inventory.createRoomType(hotel.id, {
      name: 'Double',
      maxOccupancy: 2,
      nightlyRate: usd(100),
      roomNumbers: ['1', '2'],
    });
    expect(events.pop()).toEqual({
      type: 'availability.changed',
      store: 'hotels',
      hotelId: hotel.id,
      roomTypeId: roomType.id,
      at: '2026-11-21T12:00:00.000Z',
    });

    await stores.knex.hotels('room_nights').insert({
      room_type_id: roomType.id,
      night: '2026-11-25',
      capacity: 2,
      booked: 2,
    });
    const refused = inventory.updateRoomType(hotel.id, roomType.id, { removeRoomNumbers: ['2'] });
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'capacity_in_use', extra: { date: '2026-11-25' } });
    expect(events).toEqual([]);

    await inventory.createCarLocation({ code: 'CC-A', name: 'C', city: 'C' });
    const car = await inventory.addCar('CC-A', {
      plate: 'P-1',
      category: 'suv',
      model: 'M',
      dailyRate: usd(50),
    });
    expect(events.pop()).toMatchObject({ store: 'cars', locationCode: 'CC-A', category: 'suv' });
    await inventory.removeCar('CC-A', car.id);
    expect(events.pop()).toMatchObject({ store: 'cars', locationCode: 'CC-A', category: 'suv' });
    // The fleet keeps its row, at capacity 0, so a hold that locks it finds it and sells nothing.
    expect(await stores.cars.findFleet('CC-A', 'suv')).toMatchObject({ capacity: 0 });
    expect((await inventory.listCarLocations({})).items[0]?.fleets).toEqual([]);
  });
});
