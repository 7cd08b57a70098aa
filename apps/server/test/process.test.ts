import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { client, login, spawnServer, type ServerProcess } from './harness.ts';

/** The real main.ts as a process: data-folder lock, graceful stop, durability across SIGKILL. */
describe('server process', () => {
  const dirs: string[] = [];
  const procs: ServerProcess[] = [];
  const dataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'tripdesk-proc-'));
    dirs.push(d);
    return d;
  };
  const start = (env: Record<string, string>) => {
    const p = spawnServer(env);
    procs.push(p);
    return p;
  };
  afterEach(async () => {
    for (const p of procs.splice(0)) {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGKILL');
        await p.exited;
      }
    }
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  const admin = { ADMIN_EMAIL: 'root@example.test', ADMIN_PASSWORD: 'root-password-1' };

  it('refuses a second server on the same DATA_DIR with a clear message', async () => {
    const dir = dataDir();
    const first = start({ DATA_DIR: dir, ...admin });
    await first.url;
    const second = start({ DATA_DIR: dir, ...admin });
    const { code } = await second.exited;
    expect(code).toBe(3);
    expect(second.output()).toContain('Another Tripdesk server is already using the data folder');
    // The first one is unharmed.
    expect((await fetch(`${await first.url}/api/health`)).status).toBe(200);
  });

  it('stops on SIGTERM with exit 0, finishing the request in flight', async () => {
    const p = start({ DATA_DIR: dataDir(), ...admin });
    const url = await p.url;
    // argon2 makes sign-in take a moment: it is in flight when the signal lands.
    const inFlight = client(url).post('/api/auth/login', {
      email: admin.ADMIN_EMAIL,
      password: admin.ADMIN_PASSWORD,
    });
    await new Promise((r) => setTimeout(r, 5));
    p.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await p.exited).toEqual({ code: 0, signal: null });
  });

  it('keeps what was written before a SIGKILL, and the lock does not outlive the process', async () => {
    const dir = dataDir();
    const first = start({ DATA_DIR: dir, ...admin });
    const url = await first.url;
    const token = await login(url, admin.ADMIN_EMAIL, admin.ADMIN_PASSWORD);
    const created = await client(url, token).post('/api/users', {
      email: 'survivor@example.test',
      name: 'Survivor',
      role: 'agent',
      password: 'survivor-pass-1',
    });
    expect(created.status).toBe(201);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = start({ DATA_DIR: dir, ...admin });
    const url2 = await second.url;
    await login(url2, 'survivor@example.test', 'survivor-pass-1');
  });

  it('exits 2 with a readable message on bad configuration', async () => {
    const p = start({ DATA_DIR: dataDir(), PORT: 'eighty', HOLD_TTL_SECONDS: '-5' });
    expect((await p.exited).code).toBe(2);
    expect(p.output()).toMatch(/PORT/);
    expect(p.output()).toMatch(/HOLD_TTL_SECONDS/);
  });
});
