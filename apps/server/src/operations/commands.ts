import { copyFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Backup } from '@tripdesk/shared';
import type { Config } from '../config.ts';
import { DataDirLock, DataDirLockedError } from '../lock.ts';
import type { Logger } from '../logger.ts';
import { openStores } from '../stores/index.ts';
import { restrictNewFiles } from '../private-files.ts';
import { takeBackup } from './backup.ts';
import { restoreBackup, type RestoreResult } from './restore.ts';
import { serverVersion } from './upgrade.ts';

/** A command that cannot do what was asked, with what to do instead. */
export class CommandError extends Error {}

export interface BackupCommandResult {
  readonly backup: Backup;
  /** The archive: in the backup folder, or `--out`. */
  readonly path: string;
  /** `direct`: the stores were copied by this process; `server`: through the running server's admin API. */
  readonly via: 'direct' | 'server';
}

/**
 * `npm run backup`. SQLite with the server stopped, and PostgreSQL always: the stores are copied here
 * (the SQLite data folder's lock is taken for the while). SQLite with the server running (it holds the
 * lock): the backup is asked of the server's admin API with ADMIN_EMAIL / ADMIN_PASSWORD.
 */
export async function backupCommand(
  config: Config,
  opts: { out?: string | undefined; reason?: 'manual' | 'scheduled'; logger?: Logger } = {},
): Promise<BackupCommandResult> {
  // Archives and restored stores are private to this user, whatever the umask.
  restrictNewFiles();
  let lock: DataDirLock | undefined;
  if (!config.databaseUrl) {
    try {
      lock = DataDirLock.acquire(config.dataDir);
    } catch (err) {
      if (err instanceof DataDirLockedError)
        return backupThroughServer(config, opts.out, opts.reason ?? 'manual');
      throw err;
    }
  }
  try {
    const stores = await openStores(
      {
        dataDir: config.dataDir,
        databaseUrl: config.databaseUrl,
        sqliteSynchronous: config.sqliteSynchronous,
      },
      { migrate: false },
    );
    let backup: Backup;
    try {
      backup = await takeBackup(stores.knex, {
        backupDir: config.backupDir,
        reason: opts.reason ?? 'manual',
        serverVersion,
        now: new Date(),
        ...(opts.logger ? { logger: opts.logger } : {}),
      });
    } finally {
      await stores.close();
    }
    let path = join(config.backupDir, backup.fileName);
    if (opts.out) {
      await copyFile(path, resolve(opts.out));
      path = resolve(opts.out);
    }
    return { backup, path, via: 'direct' };
  } finally {
    lock?.release();
  }
}

async function backupThroughServer(
  config: Config,
  out: string | undefined,
  reason: 'manual' | 'scheduled',
): Promise<BackupCommandResult> {
  if (!config.admin) {
    throw new CommandError(
      `A Tripdesk server is running on ${config.dataDir} and holds it. Set ADMIN_EMAIL and ADMIN_PASSWORD ` +
        '(an admin account) so the backup is taken through its admin API, or stop the server first.',
    );
  }
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: config.admin.email, password: config.admin.password }),
  }).catch((err: unknown) => {
    throw new CommandError(
      `The server holds ${config.dataDir} but does not answer at ${base}: ${String(err)}`,
    );
  });
  if (login.status !== 200) {
    throw new CommandError(`The server at ${base} refused ADMIN_EMAIL / ADMIN_PASSWORD (${login.status}).`);
  }
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  try {
    const res = await fetch(`${base}/api/admin/backups`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ reason }),
    });
    if (res.status !== 201) throw new CommandError(`The server answered ${res.status}: ${await res.text()}`);
    const backup = (await res.json()) as Backup;
    let path = join(config.backupDir, backup.fileName);
    if (out) {
      const file = await fetch(`${base}/api/admin/backups/${backup.id}/archive`, { headers: auth });
      if (file.status !== 200 || !file.body)
        throw new CommandError(`Downloading the archive failed: ${file.status}`);
      path = resolve(out);
      await pipeline(Readable.fromWeb(file.body as WebReadableStream), createWriteStream(path));
    }
    return { backup, path, via: 'server' };
  } finally {
    await fetch(`${base}/api/auth/logout`, { method: 'POST', headers: auth }).catch(() => undefined);
  }
}

/**
 * `npm run restore -- <archive> [--force]`: the server must be stopped (SQLite: the data folder's lock
 * is taken, and refused while a server holds it; PostgreSQL: stop every instance first).
 */
export async function restoreCommand(
  config: Config,
  opts: { archive: string; force: boolean; logger?: Logger },
): Promise<RestoreResult> {
  // Archives and restored stores are private to this user, whatever the umask.
  restrictNewFiles();
  let lock: DataDirLock | undefined;
  if (!config.databaseUrl) {
    try {
      lock = DataDirLock.acquire(config.dataDir);
    } catch (err) {
      if (err instanceof DataDirLockedError) {
        throw new CommandError(
          `A Tripdesk server is running on ${config.dataDir}: stop it first (systemctl stop tripdesk), then restore. ` +
            'Or restore from the running server: Operations → Backups → Restore (POST /api/admin/backups/{id}/restore).',
        );
      }
      throw err;
    }
  }
  try {
    return await restoreBackup({
      archive: resolve(opts.archive),
      location: {
        dataDir: config.dataDir,
        databaseUrl: config.databaseUrl,
        sqliteSynchronous: config.sqliteSynchronous,
      },
      force: opts.force,
      now: new Date(),
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
  } finally {
    lock?.release();
  }
}
