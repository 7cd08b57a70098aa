import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir, ensurePrivateFile } from './private-files.ts';

export class DataDirLockedError extends Error {}

/**
 * One server per SQLite data folder (ARCHITECTURE.md, "One writer per SQLite data folder").
 * The lock is SQLite's own exclusive file lock on `server.lock` in the folder, held by an open
 * transaction for the life of the process: the operating system drops it when the process dies,
 * even by SIGKILL, so a crash never leaves a stale lock behind.
 */
export class DataDirLock {
  readonly #db: Database.Database;
  readonly path: string;

  private constructor(db: Database.Database, path: string) {
    this.#db = db;
    this.path = path;
  }

  static acquire(dataDir: string): DataDirLock {
    ensurePrivateDir(dataDir);
    const path = join(dataDir, 'server.lock');
    ensurePrivateFile(path);
    const db = new Database(path, { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER, started_at TEXT)');
      db.exec('BEGIN EXCLUSIVE');
      db.prepare('DELETE FROM holder').run();
      db.prepare('INSERT INTO holder VALUES (?, ?)').run(process.pid, new Date().toISOString());
    } catch (err) {
      db.close();
      if ((err as { code?: string }).code === 'SQLITE_BUSY') {
        throw new DataDirLockedError(
          `Another Tripdesk server is already using the data folder ${dataDir}. ` +
            'Stop it first, or give this one its own DATA_DIR (several instances need PostgreSQL: DATABASE_URL).',
        );
      }
      throw err;
    }
    return new DataDirLock(db, path);
  }

  release(): void {
    if (!this.#db.open) return;
    try {
      this.#db.exec('ROLLBACK');
    } finally {
      this.#db.close();
    }
  }
}
