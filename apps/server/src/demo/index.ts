import type { Clock } from '../clock.ts';
import type { UsersService } from '../users/users.ts';
import type { Stores } from '../stores/index.ts';
import { seedDemoCatalog } from './seed.ts';
import { DEMO_USERS } from './users.ts';

/**
 * DEMO_DATA=1: fills empty stores with the demo catalog (from today, so there is something to
 * sell) and creates the demo users that do not exist yet. Safe to run on every start.
 */
export async function seedDemo(stores: Stores, users: UsersService, clock: Clock) {
  const startDate = clock.now().toISOString().slice(0, 10);
  const catalog = await seedDemoCatalog(stores, { startDate, now: clock.now() });
  const deskHotelId = await stores.hotels.firstHotelId();
  let usersCreated = 0;
  for (const u of DEMO_USERS) {
    const hotelId = u.role === 'frontdesk' ? deskHotelId : undefined;
    if (u.role === 'frontdesk' && !hotelId) continue;
    if (await users.ensureUser({ ...u, ...(hotelId ? { hotelId } : {}) })) usersCreated++;
  }
  return { catalog, usersCreated };
}
