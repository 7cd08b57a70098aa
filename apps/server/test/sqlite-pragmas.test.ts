import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { openStores } from '../src/stores/index.ts';
import { createTestDatabase } from './databases.ts';

describe('SQLite connection settings', () => {
  it.each([
    [undefined, 2],
    ['full', 2],
    ['normal', 1],
  ] as const)(
    'SQLITE_SYNCHRONOUS=%s gives synchronous=%i, with WAL and foreign keys',
    async (value, expected) => {
      const db = await createTestDatabase('sqlite');
      const config = loadConfig({ ...db.env, ...(value ? { SQLITE_SYNCHRONOUS: value } : {}) });
      const stores = await openStores({ ...db.location, sqliteSynchronous: config.sqliteSynchronous });
      try {
        for (const k of Object.values(stores.knex)) {
          const sync = (await k.raw('pragma synchronous')) as Array<{ synchronous: number }>;
          expect(sync[0]?.synchronous).toBe(expected);
          const wal = (await k.raw('pragma journal_mode')) as Array<{ journal_mode: string }>;
          expect(wal[0]?.journal_mode).toBe('wal');
          const fk = (await k.raw('pragma foreign_keys')) as Array<{ foreign_keys: number }>;
          expect(fk[0]?.foreign_keys).toBe(1);
        }
      } finally {
        await stores.close();
        await db.drop();
      }
    },
  );

  it('refuses another value with a readable configuration error', () => {
    expect(() => loadConfig({ SQLITE_SYNCHRONOUS: 'off' })).toThrow(/SQLITE_SYNCHRONOUS/);
  });
});
