import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuditLogPageSchema, BackupListSchema, BackupSchema, STORE_NAMES } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { readManifest } from '../src/operations/archive.ts';
import { backupCommand, CommandError, restoreCommand } from '../src/operations/commands.ts';
import { RestoreRefusedError } from '../src/operations/restore.ts';
import { startServer, type RunningServer } from '../src/server.ts';
import { openStores } from '../src/stores/index.ts';
import { insertSmallCatalog, invariantViolations, type SmallCatalog } from './booking-catalog.ts';
import { createTestDatabase, dialects, type TestDatabase } from './databases.ts';
import { ADMIN, client, login } from './harness.ts';
import {
  expectStoresAgree,
  MANY_SEATS,
  pay,
  sellTrip,
  startPayServer,
  type Client,
  type PayTestServer,
  type SoldTrip,
} from './pay-fixtures.ts';

const silent = { LOG_LEVEL: 'silent', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };

/** The server's own config, as `npm run backup` / `restore` would read it from the same environment. */
const commandConfig = (db: TestDatabase, port = 0) =>
  loadConfig({ ...db.env, ...silent, PORT: String(port) });

async function agentOf(server: RunningServer, tag: string): Promise<Client> {
  const admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  const email = `agent.${tag}@example.test`;
  const created = await admin.post('/api/users', {
    email,
    name: 'Agent',
    role: 'agent',
    password: 'booking-password-1',
  });
  expect(created.status).toBe(201);
  return client(server.url, await login(server.url, email, 'booking-password-1'));
}

describe.each(dialects)('backup and restore on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let server: PayTestServer;
  let c: SmallCatalog;
  let admin: Client;
  let agent: Client;
  let offset = 0;
  const fresh: TestDatabase[] = [];

  beforeAll(async () => {
    server = await startPayServer(dialect, { clock });
    c = await insertSmallCatalog(server.stores, {
      tag: `bak${dialect}`,
      now: clock.now(),
      rooms: 30,
      cars: 30,
      ySeats: MANY_SEATS,
    });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    agent = await agentOf(server, `bak${dialect}`);
  });
  afterAll(async () => {
    await server?.stop();
    for (const db of fresh) await db.drop();
  });

  it('backs up with the command function and restores into an empty place: the data of that moment, migrated', async () => {
    const before = await sellTrip(agent, c, { offset: (offset += 4) });
    expect((await pay(agent, before.tripId, `bak-${dialect}-1`)).status).toBe(200);
    // SQLite: the server holds the folder, so the command goes through its admin API (ADMIN_EMAIL).
    const out = join(server.db.location.dataDir, 'copy.tar.gz');
    const taken = await backupCommand(commandConfig(server.db, server.port), { out, reason: 'scheduled' });
    expect(taken.via).toBe(dialect === 'sqlite' ? 'server' : 'direct');
    expect(taken.backup.reason).toBe('scheduled');
    expect(BackupSchema.parse(taken.backup).dialect).toBe(dialect);
    expect(existsSync(out)).toBe(true);
    const after = await sellTrip(agent, c, { offset: (offset += 4) });

    const manifest = await readManifest(out);
    expect(manifest.stores.payments!.rows.trips).toBeGreaterThanOrEqual(1);
    expect(manifest.stores.users!.migrations.length).toBeGreaterThan(0);

    if (dialect === 'sqlite') {
      // The server holds the data folder: a restore over it is refused, with what to do.
      await expect(restoreCommand(commandConfig(server.db), { archive: out, force: true })).rejects.toThrow(
        CommandError,
      );
    }

    const target = await createTestDatabase(dialect);
    fresh.push(target);
    const result = await restoreCommand(commandConfig(target), { archive: out, force: false });
    expect(result.replaced).toBeUndefined();
    const stores = await openStores(target.location);
    try {
      expect(await stores.trips.findTrip(before.tripId)).toBeDefined();
      expect(await stores.trips.findTrip(after.tripId)).toBeUndefined();
      expect(await expectStoresAgree(stores, before)).toBe('paid');
      expect(await invariantViolations(stores)).toEqual({ hotels: [], flights: [], cars: [] });
    } finally {
      await stores.close();
    }

    // Again over data that is there now: refused without --force; with it the old data is moved aside.
    await expect(restoreCommand(commandConfig(target), { archive: out, force: false })).rejects.toThrow(
      RestoreRefusedError,
    );
    const again = await restoreCommand(commandConfig(target), { archive: out, force: true });
    expect(again.replaced).toBeDefined();
    if (dialect === 'sqlite') {
      expect(readdirSync(again.replaced!).sort()).toContain('payments.sqlite');
    }
  });

  it('refuses a damaged archive before changing anything', async () => {
    const { backup } = await backupCommand(commandConfig(server.db, server.port));
    const path = join(server.db.location.dataDir, 'backups', backup.fileName);
    const bytes = readFileSync(path);
    const target = await createTestDatabase(dialect);
    fresh.push(target);
    const { writeFileSync } = await import('node:fs');
    const damaged = join(target.location.dataDir, 'damaged.tar.gz');
    writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(restoreCommand(commandConfig(target), { archive: damaged, force: true })).rejects.toThrow();
    expect(STORE_NAMES.some((s) => existsSync(join(target.location.dataDir, `${s}.sqlite`)))).toBe(false);
  });

  it('admin API: takes, lists and serves backups; others get 403; ids never reach outside the folder', async () => {
    const created = await admin.post('/api/admin/backups');
    expect(created.status).toBe(201);
    const backup = BackupSchema.parse(created.body);
    expect(backup.reason).toBe('manual');
    expect(backup.dialect).toBe(dialect);
    if (dialect === 'pg') expect(backup.pauseMs).toBe(0);

    const list = BackupListSchema.parse((await admin.get('/api/admin/backups')).body);
    expect(list.items.map((b) => b.id)).toContain(backup.id);
    const times = list.items.map((b) => b.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    const file = await fetch(`${server.url}/api/admin/backups/${backup.id}/archive`, {
      headers: { authorization: `Bearer ${await login(server.url, ADMIN.email, ADMIN.password)}` },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/gzip');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${backup.fileName}"`);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.equals(readFileSync(join(server.db.location.dataDir, 'backups', backup.fileName)))).toBe(
      true,
    );

    for (const res of [
      await agent.post('/api/admin/backups'),
      await agent.get('/api/admin/backups'),
      await agent.get(`/api/admin/backups/${backup.id}/archive`),
      await agent.post(`/api/admin/backups/${backup.id}/restore`),
    ]) {
      expect(res.status).toBe(403);
    }
    for (const id of [
      '..%2F..%2Fserver.lock',
      '..%2Fusers.sqlite',
      '%2Fetc%2Fpasswd',
      'tripdesk-20261122T101500Z-manual-zzzzzz',
      `${backup.id}.tar.gz`,
    ]) {
      expect((await admin.get(`/api/admin/backups/${id}/archive`)).status, id).toBe(404);
      expect((await admin.post(`/api/admin/backups/${id}/restore`)).status, id).toBe(404);
    }
    // A NUL never reaches a route: refused at the edge.
    expect((await admin.get(`/api/admin/backups/${backup.id}%00/archive`)).status).toBe(400);
    expect((await admin.post(`/api/admin/backups/${backup.id}%00/restore`)).status).toBe(400);
  });
});

describe.each(dialects)('restore through the admin API on %s', (dialect) => {
  let server: PayTestServer;

  beforeAll(async () => {
    server = await startPayServer(dialect);
  });
  afterAll(() => server?.stop());

  it('answers 202, restarts on the same port with the backup’s data, and keeps a pre-restore backup', async () => {
    const admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    const early = { email: 'early@example.test', name: 'Early', role: 'agent', password: 'early-password-1' };
    const late = { email: 'late@example.test', name: 'Late', role: 'agent', password: 'late-password-1' };
    expect((await admin.post('/api/users', early)).status).toBe(201);
    const backup = BackupSchema.parse((await admin.post('/api/admin/backups')).body);
    expect((await admin.post('/api/users', late)).status).toBe(201);
    const url = server.url;

    const res = await admin.post(`/api/admin/backups/${backup.id}/restore`);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ restoring: true });

    // Back on the same address, with the data of the backup: the late user is gone, the early one not.
    await vi.waitFor(
      async () => {
        const r = await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: late.email, password: late.password }),
        });
        expect(r.status).toBe(401);
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(server.url).toBe(url);
    await login(url, early.email, early.password);
    const again = client(url, await login(url, ADMIN.email, ADMIN.password));
    const list = BackupListSchema.parse((await again.get('/api/admin/backups')).body);
    expect(list.items.map((b) => b.reason)).toContain('pre-restore');
    // The restored data's audit log says who restored it: written by the server once it ran on it.
    const audit = AuditLogPageSchema.parse((await again.get('/api/admin/audit-log?targetType=backup')).body);
    // (The backup's own entry was written after its copy was taken: it went with the replaced data.)
    expect(audit.items.map((e) => [e.action, e.targetId, e.actor.name])).toEqual([
      ['backup.restore', backup.id, 'Administrator'],
    ]);
    const users = AuditLogPageSchema.parse((await again.get('/api/admin/audit-log?action=user.create')).body);
    expect(users.items.map((e) => e.after?.email)).toEqual([early.email]);
  });
});

describe.each(dialects)('a backup taken under load, on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let server: PayTestServer;
  let restored: RunningServer | undefined;
  let target: TestDatabase | undefined;

  beforeAll(async () => {
    server = await startPayServer(dialect, { clock });
  });
  afterAll(async () => {
    await restored?.close();
    await target?.drop();
    await server?.stop();
  });

  it('restores into a fresh place where a fresh server (reconciler at start) finds every store consistent', async () => {
    const c = await insertSmallCatalog(server.stores, {
      tag: `load${dialect}`,
      now: clock.now(),
      rooms: 30,
      cars: 30,
      ySeats: MANY_SEATS,
    });
    const admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    const CLIENTS = 4;
    const agents = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => agentOf(server, `load${dialect}${i}`)),
    );
    const sold: SoldTrip[] = [];
    let backupDone = false;
    let started = 0;
    const startedEnough = Promise.withResolvers<void>();
    // Each client sells trips and pays, is declined, or takes an item out, until the backup is taken.
    const loads = agents.map(async (api, i) => {
      for (let n = 0; n < 6 && (!backupDone || n < 3); n++) {
        const t = await sellTrip(api, c, { offset: 2 + ((i + n) % 5) * 3 });
        sold.push(t);
        if (++started >= CLIENTS) startedEnough.resolve();
        const action = (i + n) % 3;
        if (action === 0) await pay(api, t.tripId, `load-${dialect}-${i}-${n}`);
        else if (action === 1)
          await pay(api, t.tripId, `load-${dialect}-${i}-${n}`, 'pm_card_visa_chargeDeclined');
        else await api.delete(`/api/trips/${t.tripId}/items/${t.flightItemId}`);
      }
    });
    await startedEnough.promise;
    const res = await admin.post('/api/admin/backups');
    backupDone = true;
    await Promise.all(loads);
    expect(res.status).toBe(201);
    const backup = BackupSchema.parse(res.body);

    target = await createTestDatabase(dialect);
    const archive = join(server.db.location.dataDir, 'backups', backup.fileName);
    await restoreCommand(commandConfig(target), { archive, force: false });
    restored = await startServer(loadConfig({ ...target.env, ...silent, PORT: '0' }), { clock });

    const stores = restored.stores;
    expect(await invariantViolations(stores)).toEqual({ hotels: [], flights: [], cars: [] });
    let checked = 0;
    for (const t of sold) {
      const record = await stores.trips.findTrip(t.tripId);
      // Trips begun after the copy are not in it; one caught between its stores' writes is repaired or expires.
      if (!record || !t.itemIds.every((id) => record.items.some((it) => it.id === id))) continue;
      await expectStoresAgree(stores, t);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);

    // And the consistency checker agrees: nothing to repair.
    const api = client(restored.url, await login(restored.url, ADMIN.email, ADMIN.password));
    const check = await api.post('/api/admin/consistency-checks', { repair: false });
    expect(check.status, JSON.stringify(check.body)).toBe(201);
    expect(check.body.ok, JSON.stringify(check.body)).toBe(true);
  });
});
