import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from './logger.ts';

/**
 * The data folder holds password and token hashes and customer data; backups hold the same. Whatever
 * the umask the server was started with (022 leaves files readable by every local user), what it creates
 * is for its own user only: folders 0700, files 0600. Folders and files that already exist are left as
 * they are, with a warning at start when they are open to others: an admin may have reasons.
 */

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Every file and folder this process creates from now on is private, SQLite's included (it creates the
 * -wal and -shm files with the database file's mode). Not possible in a worker thread: the explicit
 * modes below still apply there.
 */
export function restrictNewFiles(): void {
  try {
    process.umask(0o077);
  } catch {
    /* worker thread: umask cannot be set */
  }
}

/** A folder for private data: created 0700 when missing (with its parents). */
export function ensurePrivateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir's mode is filtered by the umask; say it again.
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** A private file: created empty with mode 0600 when missing, so that SQLite opens it and keeps the mode. */
export function ensurePrivateFile(file: string): void {
  if (existsSync(file)) return;
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

export interface OpenToOthers {
  readonly path: string;
  /** e.g. `0755` */
  readonly mode: string;
}

/** The folders and, one level down, the files among `paths` that others may read or enter. */
export function openToOthers(paths: readonly string[]): OpenToOthers[] {
  const found: OpenToOthers[] = [];
  const check = (path: string) => {
    try {
      const mode = statSync(path).mode & 0o777;
      if ((mode & 0o077) !== 0) found.push({ path, mode: `0${mode.toString(8)}` });
    } catch {
      /* gone meanwhile */
    }
  };
  for (const path of paths) {
    if (!existsSync(path)) continue;
    check(path);
    if (!statSync(path).isDirectory()) continue;
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.isFile()) check(join(path, entry.name));
    }
  }
  return found;
}

/** Warns once, at start, about data others can read; changes nothing. */
export function warnIfOpenToOthers(paths: readonly string[], logger: Logger): void {
  const open = openToOthers(paths);
  if (open.length === 0) return;
  logger.warn(
    { files: open },
    `${open.length} data file(s) or folder(s) can be read by other local users (password hashes, customer ` +
      `data). Restrict them: chmod 700 on folders, chmod 600 on files, e.g. chmod -R go-rwx ${paths[0]}`,
  );
}
