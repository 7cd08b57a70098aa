import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import {
  BackupIdSchema,
  type Backup,
  type BackupDialect,
  type RestoreBackupResponse,
  type StoreName,
} from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { dialectOf } from '../stores/knex.ts';
import { ArchiveError, archiveFileName, readManifest } from './archive.ts';
import { describeBackup, listBackups, takeBackup } from './backup.ts';
import { restoreRefusal } from './restore.ts';

/** Who asked for a restore, and which backup: the restarted server records it in the audit log. */
export interface RestoreRequester {
  readonly actor: { readonly id: string; readonly name: string };
  readonly backupId: string;
}

export interface BackupServiceDeps {
  readonly knex: Readonly<Record<StoreName, Knex>>;
  readonly backupDir: string;
  readonly serverVersion: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * Stops this server, restores the archive (after a safety backup) and starts again on the same port;
   * given by the server (server.ts). Absent, a restore is refused: nothing could restart the server.
   */
  readonly requestRestore?: (archive: string, by?: RestoreRequester) => void;
}

/** Backups of the five stores, their archives, and restoring one (the admin's Operations screen). */
export class BackupService {
  readonly #deps: BackupServiceDeps;
  readonly #dialect: BackupDialect;
  /** One backup at a time: a second request waits for the first instead of pausing writes twice over. */
  #queue: Promise<unknown> = Promise.resolve();
  #restoring = false;

  constructor(deps: BackupServiceDeps) {
    this.#deps = deps;
    this.#dialect = dialectOf(deps.knex.users);
  }

  create(reason: Backup['reason'] = 'manual'): Promise<Backup> {
    if (this.#restoring) throw restoringNow();
    const run = this.#queue.then(() =>
      takeBackup(this.#deps.knex, {
        backupDir: this.#deps.backupDir,
        reason,
        serverVersion: this.#deps.serverVersion,
        now: this.#deps.clock.now(),
        logger: this.#deps.logger,
      }),
    );
    this.#queue = run.catch(() => {});
    return run;
  }

  list(): Promise<Backup[]> {
    return listBackups(this.#deps.backupDir, this.#deps.logger);
  }

  /** The archive's path; 404 for an id that is not one (no path ever leaves the backup folder). */
  async archive(id: string): Promise<{ path: string; backup: Backup }> {
    const parsed = BackupIdSchema.safeParse(id);
    const path = parsed.success ? join(this.#deps.backupDir, archiveFileName(parsed.data)) : undefined;
    if (!parsed.success || !path || !existsSync(path)) throw notFound('Backup');
    return { path, backup: await describeBackup(this.#deps.backupDir, parsed.data) };
  }

  /**
   * Checks the archive can be restored here, answers, and then (`start`, once the answer is sent) hands
   * it to the server to restore.
   */
  async prepareRestore(
    id: string,
    by?: RestoreRequester,
  ): Promise<{ body: RestoreBackupResponse; start: () => void }> {
    const { path } = await this.archive(id);
    const requestRestore = this.#deps.requestRestore;
    if (!requestRestore) {
      throw new DomainError(
        'service_unavailable',
        'This server cannot restart itself; restore with `npm run restore`.',
      );
    }
    if (this.#restoring) throw restoringNow();
    let refusal: string | undefined;
    try {
      refusal = restoreRefusal(await readManifest(path), this.#dialect);
    } catch (err) {
      if (
        !(err instanceof ArchiveError) &&
        !(err instanceof Error && /TAR|zlib|unexpected end/i.test(err.message))
      ) {
        throw err;
      }
      refusal = `The archive cannot be read: ${err.message}`;
    }
    if (refusal) throw new DomainError('invalid_transition', refusal);
    this.#restoring = true;
    return {
      body: {
        restoring: true,
        message:
          'The server stops, backs up the current data, restores this backup and starts again on the same address; it is unavailable for a short while.',
      },
      start: () => requestRestore(path, by),
    };
  }
}

const restoringNow = () =>
  new DomainError('service_unavailable', 'A restore is under way; the server restarts shortly.');
