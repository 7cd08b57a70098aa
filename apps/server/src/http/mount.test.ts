import { describe, expect, it } from 'vitest';
import { roleAreas } from './mount.ts';

describe('mount', () => {
  it('guards as a whole the prefixes that are one role’s area, as the routers did', () => {
    // Anything under these is 403 to other roles, even a path the server does not answer.
    expect(roleAreas()).toEqual([
      ['/api/users', ['admin']],
      ['/api/flight-schedules', ['admin']],
      ['/api/admin/backups', ['admin']],
      ['/api/admin/consistency-checks', ['admin']],
      ['/api/admin/audit-log', ['admin']],
    ]);
  });
});
