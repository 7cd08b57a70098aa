import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Knex } from 'knex';
import { STORE_NAMES, type Backup, type StoreName } from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { DataDirLock } from '../lock.ts';
import type { Logger } from '../logger.ts';
import { openStores, type MigrationStatus } from '../stores/index.ts';
import { takeBackup } from './backup.ts';
import { restoreBackup, type RestoreResult } from './restore.ts';

/** The server's version (apps/server/package.json), written into every manifest. */
export const serverVersion = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }
).version;

/**
 * Before migrating: when some store has migrations to apply and the data is not new (something was
 * applied before), the current data is backed up first. A fresh install takes none.
 */
export async function preUpgradeBackup(
  knex: Readonly<Record<StoreName, Knex>>,
  status: MigrationStatus,
  opts: { backupDir: string; clock: Clock; logger: Logger },
): Promise<Backup | undefined> {
  const pending = STORE_NAMES.filter((s) => status[s].pending.length > 0);
  const fresh = STORE_NAMES.every((s) => status[s].applied.length === 0);
  if (pending.length === 0 || fresh) return undefined;
  const backup = await takeBackup(knex, {
    backupDir: opts.backupDir,
    reason: 'pre-upgrade',
    serverVersion,
    now: opts.clock.now(),
    logger: opts.logger,
  });
  opts.logger.warn(
    {
      backup: join(opts.backupDir, backup.fileName),
      pending: Object.fromEntries(pending.map((s) => [s, status[s].pending])),
    },
    'schema upgrade: backed up the data before migrating',
  );
  return backup;
}

/**
 * The in-process restore (POST /api/admin/backups/{id}/restore), run by the server once it has stopped
 * serving: takes the data folder's lock, backs up the current data (`pre-restore`), restores the archive.
 */
export async function restoreInPlace(
  config: Config,
  archive: string,
  deps: { clock: Clock; logger: Logger },
): Promise<RestoreResult> {
  const location = {
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    sqliteSynchronous: config.sqliteSynchronous,
  };
  const lock = config.databaseUrl ? undefined : DataDirLock.acquire(config.dataDir);
  try {
    const stores = await openStores(location, { migrate: false });
    try {
      const safety = await takeBackup(stores.knex, {
        backupDir: config.backupDir,
        reason: 'pre-restore',
        serverVersion,
        now: deps.clock.now(),
        logger: deps.logger,
      });
      deps.logger.info(
        { backup: join(config.backupDir, safety.fileName) },
        'restore: the current data was backed up first',
      );
    } finally {
      await stores.close();
    }
    return await restoreBackup({
      archive,
      location,
      force: true,
      now: deps.clock.now(),
      logger: deps.logger,
    });
  } finally {
    lock?.release();
  }
}
