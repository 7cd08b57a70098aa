import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.ts';
import type { Clock } from './clock.ts';
import { DomainError } from './errors.ts';
import type { EventBus } from './events/bus.ts';
import type { Logger } from './logger.ts';
import { authenticate } from './http/auth.ts';
import { idempotency } from './http/idempotency.ts';
import { buildOpenApiDocument } from './http/openapi.ts';
import {
  declaredBodyLimit,
  jsonBody,
  noStore,
  refuseDatesBeyondHorizon,
  refuseNulInUrl,
} from './http/input-guard.ts';
import { apiNotFound, problemHandler } from './http/problem.ts';
import { mount } from './http/mount.ts';
import { loginRoutes, sessionHandlers } from './http/routes/auth.ts';
import { eventRoutes, withoutAccessToken, type EventStreams } from './http/routes/events.ts';
import { healthRoutes } from './http/routes/health.ts';
import { userHandlers } from './http/routes/users.ts';
import { availabilityHandlers } from './http/routes/availability.ts';
import { inventoryHandlers } from './http/routes/inventory.ts';
import { FlightSchedulesService } from './inventory/flight-schedules.ts';
import { OutOfOrderAndClosuresService } from './inventory/out-of-order-and-closures.ts';
import { AuthService } from './users/auth.ts';
import { LoginLimiter, type LoginLimits } from './users/login-limiter.ts';
import { UsersService } from './users/users.ts';
import { tripHandlers } from './http/routes/trips.ts';
import { frontDeskHandlers } from './http/routes/frontdesk.ts';
import { FrontDeskService } from './front-desk/stays.ts';
import { reportHandlers } from './http/routes/reports.ts';
import { ReportsService } from './reports/reports.ts';
import { cancellationHandlers } from './http/routes/cancellations.ts';
import { changeHandlers } from './http/routes/changes.ts';
import { AfterSaleRecovery } from './after-sale/after-sale-recovery.ts';
import { CancellationService } from './after-sale/cancellation.ts';
import { ChangesService } from './after-sale/changes.ts';
import { ItemRefunds } from './after-sale/item-refunds.ts';
import { HoldsService } from './selling/holds.ts';
import { Sweeper } from './selling/sweeper.ts';
import { TripsService } from './selling/trips.ts';
import { AvailabilityService } from './selling/availability.ts';
import { InventoryService } from './inventory/inventory.ts';
import { stripeWebhookRoutes, type StripeEventSink } from './paying/stripe-webhook.ts';
import type { Stores } from './stores/index.ts';
import { createPaymentGateway } from './paying/gateways.ts';
import type { PaymentGateway } from './paying/gateway.ts';
import { paymentHandlers } from './http/routes/payments.ts';
import { PaySaga, type PaySagaOptions } from './paying/pay-saga.ts';
import { Reconciler, type ReconcilerOptions } from './paying/reconciler.ts';
import { ConsistencyChecker } from './consistency/checker.ts';
import { extrasHandlers } from './http/routes/extras.ts';
import { taxHandlers } from './http/routes/taxes.ts';
import { TaxRulesService } from './selling/taxes.ts';
import { ExtrasCatalogService } from './selling/extras.ts';
import { consistencyHandlers } from './http/routes/consistency.ts';
import { ReceiptService } from './paying/receipts.ts';
import { notificationHandlers } from './http/routes/notifications.ts';
import { createSmtpMailer } from './notifications/mailer.ts';
import { NotificationsService } from './notifications/notifications-service.ts';
import { NotificationWorker } from './notifications/outbox-worker.ts';
import { Metrics } from './metrics.ts';
import { metricsRoutes } from './http/routes/metrics.ts';
import { backupHandlers } from './http/routes/backups.ts';
import { BackupService, type RestoreRequester } from './operations/service.ts';
import { AuditLog } from './audit/audit-log.ts';
import { auditSpecs, withAudit } from './audit/audited-actions.ts';
import { AccountService } from './users/account.ts';
import { accountHandlers } from './http/routes/account.ts';
import { auditHandlers } from './http/routes/audit.ts';

export interface AppDeps {
  readonly stores: Stores;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly events: EventBus;
  readonly loginLimits?: Partial<LoginLimits>;
  /** Where verified Stripe webhook events go; default: the pay saga's reconciler. */
  readonly stripeEvents?: StripeEventSink;
  /** The payment gateway; default: the one PAYMENT_GATEWAY names. */
  readonly paymentGateway?: PaymentGateway;
  /** Tests: how the pay saga dies at TRIPDESK_FAULT_AT, and the reconciler's grace. */
  readonly paySaga?: Pick<PaySagaOptions, 'die'>;
  readonly reconciler?: ReconcilerOptions;
  /** The Prometheus metrics of this app (GET /metrics); default: a fresh registry of its own. */
  readonly metrics?: Metrics;
  /** Given by the server: stop, restore this archive, start again (POST /api/admin/backups/{id}/restore). */
  readonly requestRestore?: (archive: string, by?: RestoreRequester) => void;
}

export interface App {
  readonly express: Express;
  readonly services: {
    readonly auth: AuthService;
    readonly users: UsersService;
    /** The audit log of admin actions (the server records a restore in it after restarting). */
    readonly audit: AuditLog;
    readonly booking: HoldsService;
    readonly trips: TripsService;
    /** Built here, started by the server (`startServer`). */
    readonly sweeper: Sweeper;
    readonly paySaga: PaySaga;
    /** Built here, started by the server before it listens. */
    readonly reconciler: Reconciler;
    readonly cancellation: CancellationService;
    readonly changes: ChangesService;
    /** Finishes cancellations and changes left half-way; started by the server before it listens. */
    readonly afterSaleRecovery: AfterSaleRecovery;
    /** Checks the stores against each other; its daily schedule is started by the server. */
    readonly consistency: ConsistencyChecker;
    /** Sends the notification outbox (in-app, email); started by the server, stopped before the stores close. */
    readonly notifications: NotificationWorker;
  };
  /** Open GET /api/events streams; the server ends them on shutdown. */
  readonly eventStreams: EventStreams;
  readonly metrics: Metrics;
}

const version = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string }
).version;

/** Builds the HTTP application from a frozen config and its dependencies; starts nothing. */
export function createApp(config: Config, deps: AppDeps): App {
  const { stores, clock, logger } = deps;
  const metrics = deps.metrics ?? new Metrics(clock);
  // The services that count what they do (holds, payments, sweeps, repairs) get the metrics with their deps.
  const svcDeps = { ...deps, metrics };
  // One brake on password guessing, for sign-in and for the current password of a password change.
  const limiter = new LoginLimiter(deps.loginLimits, clock);
  const auth = new AuthService(stores.users, clock, limiter, config.sessionTtlSeconds, deps.events);
  const users = new UsersService(stores.users, clock, (id) => stores.hotels.hotelExists(id), deps.events);
  const account = new AccountService(stores.users, clock, limiter, deps.events);
  const audit = new AuditLog(stores.auditLog, clock, logger);
  const inventory = new InventoryService(stores, clock, deps.events);
  const schedules = new FlightSchedulesService(stores, clock, deps.events);
  const control = new OutOfOrderAndClosuresService(stores, clock, deps.events);
  const extras = new ExtrasCatalogService(stores, clock);
  const taxes = new TaxRulesService(stores);
  const booking = new HoldsService(stores);
  const trips = new TripsService(stores, booking, svcDeps, {
    holdTtlSeconds: config.holdTtlSeconds,
    maxActiveHoldsPerUser: config.maxActiveHoldsPerUser,
  });
  const sweeper = new Sweeper(stores, trips, svcDeps);
  const gateway = deps.paymentGateway ?? createPaymentGateway(config, stores, clock);
  const paySaga = new PaySaga(stores, trips, booking, gateway, svcDeps, {
    faultAt: config.faultAt,
    ...deps.paySaga,
  });
  const reconciler = new Reconciler(stores, paySaga, svcDeps, deps.reconciler);
  const refunds = new ItemRefunds(stores, gateway, deps);
  const cancellation = new CancellationService(stores, booking, refunds, deps);
  const changes = new ChangesService(stores, booking, gateway, refunds, deps, {
    holdTtlSeconds: config.holdTtlSeconds,
  });
  const afterSaleRecovery = new AfterSaleRecovery(stores, cancellation, changes, svcDeps);
  const consistency = new ConsistencyChecker(stores, { sweeper, reconciler, booking }, deps, {
    // Past these, the sweeper and the reconciler have had their turns: what is left is a problem.
    expiryGraceSeconds: 2 * config.sweepIntervalSeconds + 60,
    sagaGraceSeconds: Math.max(600, 3 * config.reconcileIntervalSeconds),
  });
  const notifications = new NotificationWorker(
    stores,
    config.smtpUrl ? createSmtpMailer({ url: config.smtpUrl, from: config.mailFrom }) : undefined,
    deps,
  );

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  app.use(metrics.requestTimer());
  // Answers carrying tokens or personal data must not be kept by any cache.
  app.use('/api', noStore);

  app.use(
    pinoHttp({
      logger,
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          // EventSource sends its token in the query string: it must not reach the logs.
          url: withoutAccessToken(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/api/health' || req.url === '/metrics' },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          connectSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  // Stripe signs the raw bytes: its webhook reads its own body, before the JSON parser, and is
  // authenticated by that signature, outside bearer auth and idempotency keys.
  app.use(
    stripeWebhookRoutes({
      webhookSecret: config.paymentGateway === 'stripe' ? config.stripe?.webhookSecret : undefined,
      records: stores.gateway,
      sink: deps.stripeEvents ?? reconciler,
      clock,
      logger,
    }),
  );
  // Prometheus scrapes outside /api: text, not JSON; its own optional token (METRICS_TOKEN).
  app.use(metricsRoutes(metrics, config.metricsToken));
  // What no route may see (http/input-guard.ts): an announced body too large (413 before reading it),
  // a body that is not JSON (415), a NUL in the URL (400).
  app.use('/api', refuseNulInUrl, requireJsonBody, declaredBodyLimit());

  // Public endpoints. Only sign-in reads a body before the caller is known.
  app.use(healthRoutes(stores, version));
  const openapi = buildOpenApiDocument();
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use(loginRoutes(auth, jsonBody()));
  // Authenticates itself: EventSource cannot send a header, so it also takes `access_token`.
  const eventStreams = eventRoutes(auth, deps.events);
  app.use(eventStreams.router);

  // Everything else under /api needs a bearer token, checked before a body is read: an unknown caller
  // cannot make the server read (or wait for) one.
  app.use('/api', authenticate(auth));
  app.use('/api', jsonBody(), refuseDatesBeyondHorizon(config.bookingHorizonDays, clock));
  // Every POST from here on: a key belongs to a user, so login (above) is outside idempotency.
  app.use('/api', idempotency({ keys: stores.idempotency, clock, logger }));
  // Every signed-in action of the route table, each on its domain's handler.
  // Every admin write is recorded in the audit log once it succeeded (audit/audited-actions.ts).
  app.use(
    mount(
      withAudit(
        {
          ...sessionHandlers(auth),
          ...accountHandlers(account),
          ...userHandlers(users),
          ...inventoryHandlers(inventory, schedules, control),
          ...extrasHandlers(extras),
          ...taxHandlers(taxes),
          ...availabilityHandlers(new AvailabilityService(stores)),
          ...tripHandlers(trips),
          ...paymentHandlers(paySaga, new ReceiptService(stores, trips, clock)),
          ...frontDeskHandlers(new FrontDeskService(stores, deps), cancellation),
          ...cancellationHandlers(cancellation),
          ...changeHandlers(changes, gateway.name),
          ...notificationHandlers(new NotificationsService(stores, clock)),
          ...backupHandlers(
            new BackupService({
              knex: stores.knex,
              backupDir: config.backupDir,
              serverVersion: version,
              clock,
              logger,
              ...(deps.requestRestore ? { requestRestore: deps.requestRestore } : {}),
            }),
          ),
          ...reportHandlers(new ReportsService(stores, deps)),
          ...consistencyHandlers(consistency),
          ...auditHandlers(audit),
        },
        audit,
        auditSpecs({ users, inventory, schedules, control, extras, taxes }),
      ),
    ),
  );
  app.use('/api', apiNotFound);

  serveRenderer(app, config.rendererDir);
  // What the renderer does not take (a PATCH of `/`): a problem, not Express's HTML page.
  app.use(apiNotFound);
  app.use(problemHandler);
  return {
    express: app,
    services: {
      auth,
      users,
      audit,
      booking,
      trips,
      sweeper,
      paySaga,
      reconciler,
      cancellation,
      changes,
      afterSaleRecovery,
      consistency,
      notifications,
    },
    eventStreams,
    metrics,
  };
}

/** A body on a write must be JSON: anything else is 415, never a half-read record. */
const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is(['application/json', 'application/*+json'])) {
    next(new DomainError('unsupported_media_type', 'Send the body as application/json.'));
    return;
  }
  next();
};

/** The desktop renderer build, served at `/` so the same app runs in a browser. */
function serveRenderer(app: Express, dir: string): void {
  const index = join(dir, 'index.html');
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.get(/^(?!\/api\/).*/, (_req, res) => {
    if (existsSync(index)) {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    } else {
      res
        .status(404)
        .type('text/plain')
        .send('The desktop renderer is not built. Run: pnpm --filter @tripdesk/desktop build');
    }
  });
}
