import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, client, login, spawnServer, stopProcesses, type ServerProcess } from './harness.ts';

/**
 * The data folder holds password and token hashes and customer data: a plain start with umask 022 must
 * not leave it readable by every local user. Real processes, so the umask is the one a shell gives.
 */
const modeOf = (path: string) => `0${(statSync(path).mode & 0o777).toString(8)}`;

describe('file modes of the data folder and backups', () => {
  const dirs: string[] = [];
  let proc: ServerProcess | undefined;
  afterEach(async () => {
    await stopProcesses([proc]);
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const env = (dataDir: string) => ({
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });

  it('creates folders 0700 and files 0600 under umask 022, backups included', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'tripdesk-modes-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    proc = spawnServer(env(dataDir), { umask: '022' });
    const url = await proc.url;
    const admin = client(url, await login(url, ADMIN.email, ADMIN.password));
    expect((await admin.post('/api/admin/backups')).status).toBe(201);

    expect(modeOf(dataDir)).toBe('0700');
    const files = readdirSync(dataDir, { withFileTypes: true }).filter((e) => e.isFile());
    // The five stores, their -wal and -shm, and the lock.
    expect(files.map((f) => f.name)).toEqual(
      expect.arrayContaining(['users.sqlite', 'users.sqlite-wal', 'server.lock']),
    );
    for (const f of files) expect(`${f.name} ${modeOf(join(dataDir, f.name))}`).toBe(`${f.name} 0600`);
    const backups = join(dataDir, 'backups');
    expect(modeOf(backups)).toBe('0700');
    const archives = readdirSync(backups);
    expect(archives.some((n) => n.endsWith('.tar.gz'))).toBe(true);
    for (const name of archives) expect(`${name} ${modeOf(join(backups, name))}`).toBe(`${name} 0600`);
    expect(proc.output()).not.toMatch(/can be read by other local users/);
  });

  it('warns at start about an existing data folder others can read, and leaves it as it is', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tripdesk-wide-'));
    dirs.push(dataDir);
    chmodSync(dataDir, 0o755);
    mkdirSync(join(dataDir, 'backups'), { mode: 0o755 });
    chmodSync(join(dataDir, 'backups'), 0o755);
    writeFileSync(join(dataDir, 'notes.txt'), 'left by an admin', { mode: 0o644 });
    chmodSync(join(dataDir, 'notes.txt'), 0o644);
    proc = spawnServer(env(dataDir), { umask: '022' });
    await proc.url;
    const warning = proc
      .output()
      .split('\n')
      .find((line) => line.includes('can be read by other local users'));
    expect(warning).toBeDefined();
    const logged = JSON.parse(warning!) as { level: number; files: { path: string; mode: string }[] };
    expect(logged.level).toBe(40);
    expect(logged.files).toEqual(
      expect.arrayContaining([
        { path: dataDir, mode: '0755' },
        { path: join(dataDir, 'notes.txt'), mode: '0644' },
        { path: join(dataDir, 'backups'), mode: '0755' },
      ]),
    );
    expect(modeOf(dataDir)).toBe('0755');
    // What the server creates inside is private all the same.
    expect(modeOf(join(dataDir, 'users.sqlite'))).toBe('0600');
  });
});
