import { resolve } from 'node:path';
import { z } from 'zod';
import { passwordProblem } from '@tripdesk/shared';
import { isCommonPassword } from './users/common-passwords.ts';
import { PAY_SAGA_STEPS, type PaySagaStep } from './stores/payments/payments.ts';
import { DEFAULT_POOL_MAX, MIN_POOL_MAX } from './stores/knex.ts';

const port = z.coerce.number().int().min(0).max(65535);
const seconds = z.coerce.number().positive();
const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/** Every environment variable the server reads (API.md, "Running the server"), validated once. */
export const EnvSchema = z
  .object({
    PORT: port.default(4000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /**
     * PostgreSQL: the most connections this instance opens, the five stores and the event bus together.
     * Every instance sharing the database counts against its max_connections.
     */
    DATABASE_POOL_MAX: z.coerce
      .number()
      .int()
      .min(MIN_POOL_MAX, `at least ${MIN_POOL_MAX}: one per store and two for live events`)
      .max(1000)
      .default(DEFAULT_POOL_MAX),
    /** Dates further ahead than this are refused (validation_failed): searches, holds, flights. */
    BOOKING_HORIZON_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
    HOLD_TTL_SECONDS: seconds.default(1800),
    SWEEP_INTERVAL_SECONDS: seconds.default(15),
    /** How often the reconciler finishes or compensates pay sagas left half-way (it also runs at start). */
    RECONCILE_INTERVAL_SECONDS: seconds.default(30),
    /** How often the consistency checker runs by itself (with safe repairs), in hours; 0: never. */
    CONSISTENCY_CHECK_INTERVAL_HOURS: z.coerce.number().min(0).default(24),
    /**
     * TEST ONLY: a pay saga step name; the process kills itself (SIGKILL) right after persisting that
     * step, so the crash tests can prove the reconciler repairs every step. Never set it in production.
     */
    TRIPDESK_FAULT_AT: z
      .enum(PAY_SAGA_STEPS)
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /** Held items one user may have at once: one account cannot lock up a flight. */
    MAX_ACTIVE_HOLDS_PER_USER: z.coerce.number().int().min(1).default(20),
    ADMIN_EMAIL: z
      .email()
      .optional()
      .or(z.literal('').transform(() => undefined)),
    ADMIN_PASSWORD: z
      .string()
      .min(8)
      .optional()
      .or(z.literal('').transform(() => undefined)),
    DEMO_DATA: flag,
    PAYMENT_GATEWAY: z.enum(['local', 'stripe']).default('local'),
    STRIPE_SECRET_KEY: z.string().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    /** Where the Stripe API is, e.g. a local fake or stripe-mock; unset: api.stripe.com. */
    STRIPE_API_BASE: z
      .url({ protocol: /^https?$/ })
      .optional()
      .or(z.literal('').transform(() => undefined)),
    SQLITE_SYNCHRONOUS: z.enum(['full', 'normal']).default('full'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SESSION_TTL_HOURS: seconds.default(12),
    TRUST_PROXY: flag,
    RENDERER_DIR: z.string().optional(),
    /** How often the notification worker sends what the outbox holds and looks for holds about to expire. */
    NOTIFY_INTERVAL_SECONDS: seconds.default(5),
    /** The mail server for notification emails, e.g. smtps://user:pass@mail.example.com; unset: no email. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^/]/, 'must be an smtp:// or smtps:// URL')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /** The From of notification emails. */
    MAIL_FROM: z.string().trim().min(3).default('Tripdesk <no-reply@localhost>'),
    /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
    METRICS_TOKEN: z
      .string()
      .min(16, 'at least 16 characters')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /** HTTPS: `self-signed` makes (once) and serves a certificate of its own; `off` serves plain HTTP. */
    TLS: z.enum(['off', 'self-signed']).default('off'),
    /** HTTPS with the admin's own certificate (PEM, chain included) and private key (PEM). */
    TLS_CERT_FILE: z
      .string()
      .min(1)
      .optional()
      .or(z.literal('').transform(() => undefined)),
    TLS_KEY_FILE: z
      .string()
      .min(1)
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /** Folder of the backup archives; default `<DATA_DIR>/backups`. */
    BACKUP_DIR: z.string().min(1).optional(),
  })
  .refine((e) => (e.ADMIN_EMAIL === undefined) === (e.ADMIN_PASSWORD === undefined), {
    message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together',
    path: ['ADMIN_PASSWORD'],
  })
  .superRefine((e, ctx) => {
    if (e.ADMIN_PASSWORD === undefined) return;
    const problem = passwordProblem(
      e.ADMIN_PASSWORD,
      { role: 'admin', email: e.ADMIN_EMAIL },
      isCommonPassword,
    );
    if (problem) ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: problem });
  })
  .refine((e) => (e.TLS_CERT_FILE === undefined) === (e.TLS_KEY_FILE === undefined), {
    message: 'TLS_CERT_FILE and TLS_KEY_FILE go together',
    path: ['TLS_KEY_FILE'],
  })
  .refine((e) => e.TLS_CERT_FILE === undefined || e.TLS === 'off', {
    message: 'TLS=self-signed and TLS_CERT_FILE exclude each other: choose one',
    path: ['TLS'],
  })
  .refine((e) => e.PAYMENT_GATEWAY !== 'stripe' || (e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET), {
    message: 'PAYMENT_GATEWAY=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET',
    path: ['PAYMENT_GATEWAY'],
  });

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly sqliteSynchronous: 'full' | 'normal';
  /** DATABASE_POOL_MAX: PostgreSQL connections of this instance, stores and event bus together. */
  readonly databasePoolMax: number;
  readonly holdTtlSeconds: number;
  /** BOOKING_HORIZON_DAYS: the furthest date ahead any request may carry. */
  readonly bookingHorizonDays: number;
  readonly sweepIntervalSeconds: number;
  readonly reconcileIntervalSeconds: number;
  /** CONSISTENCY_CHECK_INTERVAL_HOURS: the scheduled consistency check's interval; 0 disables it. */
  readonly consistencyCheckIntervalHours: number;
  /** Test-only fault switch (TRIPDESK_FAULT_AT): die after persisting this pay saga step. */
  readonly faultAt: PaySagaStep | undefined;
  readonly maxActiveHoldsPerUser: number;
  readonly admin: { readonly email: string; readonly password: string } | undefined;
  readonly demoData: boolean;
  readonly paymentGateway: 'local' | 'stripe';
  readonly stripe:
    | { readonly secretKey: string; readonly webhookSecret: string; readonly apiBase: string | undefined }
    | undefined;
  readonly logLevel: string;
  readonly sessionTtlSeconds: number;
  readonly trustProxy: boolean;
  /** Folder of the built desktop renderer, served at `/` when it exists. */
  readonly rendererDir: string;
  readonly notifyIntervalSeconds: number;
  /** SMTP_URL: notification emails go through it; undefined: email deliveries are skipped. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** Bearer token GET /metrics requires; unset: public (the default bind is loopback). */
  readonly metricsToken: string | undefined;
  /** Where backup archives are written and listed. */
  readonly backupDir: string;
  /** HTTPS: the admin's certificate files, a self-signed certificate of the server's own, or none. */
  readonly tls:
    | { readonly mode: 'off' }
    | { readonly mode: 'self-signed' }
    | { readonly mode: 'files'; readonly certFile: string; readonly keyFile: string };
}

export class ConfigError extends Error {}

const serverRoot = resolve(import.meta.dirname, '..');

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR ?? resolve(serverRoot, 'data')),
    databaseUrl: e.DATABASE_URL,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    databasePoolMax: e.DATABASE_POOL_MAX,
    holdTtlSeconds: e.HOLD_TTL_SECONDS,
    bookingHorizonDays: e.BOOKING_HORIZON_DAYS,
    sweepIntervalSeconds: e.SWEEP_INTERVAL_SECONDS,
    reconcileIntervalSeconds: e.RECONCILE_INTERVAL_SECONDS,
    consistencyCheckIntervalHours: e.CONSISTENCY_CHECK_INTERVAL_HOURS,
    faultAt: e.TRIPDESK_FAULT_AT,
    maxActiveHoldsPerUser: e.MAX_ACTIVE_HOLDS_PER_USER,
    admin:
      e.ADMIN_EMAIL && e.ADMIN_PASSWORD
        ? { email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD }
        : undefined,
    demoData: e.DEMO_DATA,
    paymentGateway: e.PAYMENT_GATEWAY,
    stripe:
      e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
        ? {
            secretKey: e.STRIPE_SECRET_KEY,
            webhookSecret: e.STRIPE_WEBHOOK_SECRET,
            apiBase: e.STRIPE_API_BASE,
          }
        : undefined,
    logLevel: e.LOG_LEVEL,
    sessionTtlSeconds: Math.round(e.SESSION_TTL_HOURS * 3600),
    trustProxy: e.TRUST_PROXY,
    rendererDir: resolve(e.RENDERER_DIR ?? resolve(serverRoot, '../desktop/out/renderer')),
    notifyIntervalSeconds: e.NOTIFY_INTERVAL_SECONDS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    metricsToken: e.METRICS_TOKEN,
    backupDir: resolve(e.BACKUP_DIR ?? resolve(e.DATA_DIR ?? resolve(serverRoot, 'data'), 'backups')),
    tls:
      e.TLS_CERT_FILE && e.TLS_KEY_FILE
        ? { mode: 'files' as const, certFile: resolve(e.TLS_CERT_FILE), keyFile: resolve(e.TLS_KEY_FILE) }
        : { mode: e.TLS },
  });
}
