import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createApp, type App, type AppDeps } from './app.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { seedDemo } from './demo/index.ts';
import { LocalEventBus, type EventBus } from './events/bus.ts';
import { PgEventBus } from './events/pg-bus.ts';
import { hardenHttpServer } from './http/client-errors.ts';
import { restrictNewFiles, warnIfOpenToOthers } from './private-files.ts';
import { isLoopbackHost, readTlsFiles, selfSignedFor } from './tls.ts';
import { scheduleIdempotencyPurge } from './http/idempotency.ts';
import { DataDirLock } from './lock.ts';
import { createLogger, type Logger } from './logger.ts';
import { openStores, type Stores } from './stores/index.ts';
import { notificationPolicy } from './notifications/notification-policy.ts';
import { connectionBudget } from './stores/knex.ts';
import type { LoginLimits } from './users/login-limiter.ts';
import type { Sweeper } from './selling/sweeper.ts';
import type { ConsistencyChecker } from './consistency/checker.ts';
import type { Reconciler } from './paying/reconciler.ts';
import type { AfterSaleRecovery } from './after-sale/after-sale-recovery.ts';
import type { NotificationWorker } from './notifications/outbox-worker.ts';
import type { StripeEventSink } from './paying/stripe-webhook.ts';
import { preUpgradeBackup, restoreInPlace } from './operations/upgrade.ts';
import type { RestoreRequester } from './operations/service.ts';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly app: App;
  readonly stores: Stores;
  readonly events: EventBus;
  /** Stops accepting requests, lets those in flight finish, closes the stores, drops the lock. */
  close(): Promise<void>;
}

export interface StartOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly loginLimits?: Partial<LoginLimits>;
  readonly stripeEvents?: StripeEventSink;
  readonly events?: EventBus;
  /** Tests: a payment gateway, the pay saga's way to die at TRIPDESK_FAULT_AT, the reconciler's grace. */
  readonly payments?: Pick<AppDeps, 'paymentGateway' | 'paySaga' | 'reconciler'>;
  /** Called when the server cannot start again after a restore (main exits). */
  readonly onFatal?: (err: unknown) => void;
}

/**
 * `startInstance`, plus the in-process restore (POST /api/admin/backups/{id}/restore): the instance
 * stops serving, the archive is restored (after a safety backup) and a new instance starts on the same
 * port. The answer's `url`, `app`, `stores` follow the instance running now.
 */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  const withDefaults: StartOptions = { ...opts, logger, clock };
  let restoring: Promise<void> | undefined;
  let stopped = false;
  const requestRestore = (archive: string, by?: RestoreRequester): void => {
    restoring ??= restoreAndRestart(archive, by).finally(() => (restoring = undefined));
  };
  let current = await startInstance(config, withDefaults, requestRestore);
  // Clients come back to the same address after a restore.
  const pinned: Config = Object.freeze({ ...config, port: current.port });
  async function restoreAndRestart(archive: string, by?: RestoreRequester): Promise<void> {
    logger.warn({ archive }, 'restore: stopping the server to restore a backup');
    await current.close();
    if (stopped) return;
    let restored = true;
    try {
      await restoreInPlace(pinned, archive, { clock, logger });
    } catch (err) {
      restored = false;
      logger.error({ err, archive }, 'restore failed; starting again on the previous data');
    }
    try {
      current = await startInstance(pinned, withDefaults, requestRestore);
      // In the audit log of the data the server now runs on: the restored data has no record of it.
      if (by) {
        await current.app.services.audit.record({
          actor: by.actor,
          action: restored ? 'backup.restore' : 'backup.restore_failed',
          targetType: 'backup',
          targetId: by.backupId,
          summary: restored
            ? `Restored the backup ${by.backupId}`
            : `Could not restore the backup ${by.backupId}; the server runs on the data it had`,
        });
      }
    } catch (err) {
      logger.fatal({ err }, 'the server could not start again after the restore');
      opts.onFatal?.(err);
    }
  }
  return {
    get url() {
      return current.url;
    },
    get port() {
      return current.port;
    },
    get app() {
      return current.app;
    },
    get stores() {
      return current.stores;
    },
    get events() {
      return current.events;
    },
    async close() {
      stopped = true;
      await restoring;
      await current.close();
    },
  };
}

/** Everything `main` does but process handling: lock, stores, bootstrap users, demo data, listen. */
async function startInstance(
  config: Config,
  opts: StartOptions,
  requestRestore: (archive: string, by?: RestoreRequester) => void,
): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  // What the server creates is for its own user only; what others can read already is pointed out.
  restrictNewFiles();
  warnIfOpenToOthers(config.databaseUrl ? [config.backupDir] : [config.dataDir, config.backupDir], logger);
  // Several instances share one PostgreSQL database; SQLite files allow one writer process.
  const lock = config.databaseUrl ? undefined : DataDirLock.acquire(config.dataDir);
  let stores: Stores | undefined;
  let events: EventBus | undefined;
  let sweeper: Sweeper | undefined;
  let reconciler: Reconciler | undefined;
  let afterSaleRecovery: AfterSaleRecovery | undefined;
  let consistency: ConsistencyChecker | undefined;
  let notifications: NotificationWorker | undefined;
  try {
    // DATABASE_POOL_MAX bounds this instance's PostgreSQL connections: the stores' pools and the bus's two.
    const budget = connectionBudget(config.databasePoolMax);
    stores = await openStores(
      {
        dataDir: config.dataDir,
        databaseUrl: config.databaseUrl,
        sqliteSynchronous: config.sqliteSynchronous,
        maxConnections: config.databasePoolMax - budget.events,
      },
      // An existing install with migrations to apply is backed up before they run.
      {
        notificationPolicy,
        beforeMigrate: (knex, status) =>
          preUpgradeBackup(knex, status, { backupDir: config.backupDir, clock, logger }).then(() => {}),
      },
    );
    // Instances sharing a PostgreSQL database relay events to each other through it.
    events =
      opts.events ??
      (config.databaseUrl
        ? await PgEventBus.connect({ databaseUrl: config.databaseUrl, logger })
        : new LocalEventBus());
    const app = createApp(config, {
      stores,
      clock,
      logger,
      events,
      requestRestore,
      ...(opts.loginLimits ? { loginLimits: opts.loginLimits } : {}),
      ...(opts.stripeEvents ? { stripeEvents: opts.stripeEvents } : {}),
      ...opts.payments,
    });
    if (config.admin) {
      const created = await app.services.users.ensureUser({
        ...config.admin,
        name: 'Administrator',
        role: 'admin',
      });
      if (created) logger.info({ email: config.admin.email }, 'created the admin from ADMIN_EMAIL');
    }
    if (config.demoData) {
      const counts = await seedDemo(stores, app.services.users, clock);
      logger.info({ counts }, 'demo data ready');
    }
    // Before taking requests: finish or compensate every payment a crash left half-way.
    reconciler = app.services.reconciler;
    await reconciler.start(config.reconcileIntervalSeconds);
    // Likewise cancellations and changes a crash left half-way, and refunds the gateway has not confirmed.
    afterSaleRecovery = app.services.afterSaleRecovery;
    await afterSaleRecovery.start(config.reconcileIntervalSeconds);
    // Sweep before taking requests, so holds that ran out while the server was down are freed at once.
    sweeper = app.services.sweeper;
    await sweeper.start(config.sweepIntervalSeconds);
    // A crash (or a restored backup, which is the same thing) can leave one cross-store step undone that no
    // job above owns, e.g. an item released in the payments store whose hold is still held: repair what is
    // safe before taking requests, and leave the report for the admin.
    consistency = app.services.consistency;
    const atStart = await consistency.run({ repair: true, trigger: 'start' });
    if (!atStart.ok) logger.warn({ checkId: atStart.id }, 'consistency check at start found problems');
    // The scheduled consistency check: one interval after start, or at once when the last is older.
    await consistency.startSchedule(config.consistencyCheckIntervalHours);
    // Not awaited: a mail server that is down or silent must not hold up the start.
    notifications = app.services.notifications;
    notifications.start(config.notifyIntervalSeconds);
    const tls =
      config.tls.mode === 'files'
        ? readTlsFiles(config.tls.certFile, config.tls.keyFile)
        : config.tls.mode === 'self-signed'
          ? await selfSignedFor(config.dataDir, config.host)
          : undefined;
    const http: Server = tls
      ? createHttpsServer({ cert: tls.cert, key: tls.key }, app.express)
      : createHttpServer(app.express);
    hardenHttpServer(http, logger);
    http.listen(config.port, config.host);
    await once(http, 'listening');
    const port = (http.address() as AddressInfo).port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `${tls ? 'https' : 'http'}://${host}:${port}`;
    if (!tls && !isLoopbackHost(config.host)) {
      logger.warn(
        { host: config.host },
        'serving plain HTTP on a network address: sign-in tokens and customer data cross the network ' +
          'unencrypted. Set TLS=self-signed, or TLS_CERT_FILE and TLS_KEY_FILE, or put a TLS reverse proxy in front.',
      );
    }
    logger.info(
      {
        url,
        port,
        store: config.databaseUrl ? 'postgresql' : `sqlite:${config.dataDir}`,
        ...(tls ? { tls: tls.source, fingerprint256: tls.fingerprint256 } : {}),
      },
      'listening',
    );
    const openStoresRef = stores;
    const openEvents = events;
    const idempotencyPurge = scheduleIdempotencyPurge(stores.idempotency, clock, logger);
    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      app,
      stores,
      events,
      close() {
        closing ??= (async () => {
          await new Promise<void>((resolve) => {
            http.close(() => resolve());
            http.closeIdleConnections();
            // Event streams never end by themselves; http.close would wait for them forever.
            app.eventStreams.endAll();
          });
          // Before the stores close: a sweep in progress finishes first.
          await app.services.sweeper.stop();
          await app.services.reconciler.stop();
          await app.services.afterSaleRecovery.stop();
          await app.services.consistency.stopSchedule();
          await app.services.notifications.stop();
          await idempotencyPurge.stop();
          await openEvents.close();
          await openStoresRef.close();
          lock?.release();
        })();
        return closing;
      },
    };
  } catch (err) {
    await sweeper?.stop();
    await reconciler?.stop();
    await afterSaleRecovery?.stop();
    await consistency?.stopSchedule();
    await notifications?.stop();
    await events?.close();
    await stores?.close();
    lock?.release();
    throw err;
  }
}
