import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Clock } from './clock.ts';

/** The inventory store an item type lives in: the `store` label of the hold counters. */
export type InventoryStore = 'hotels' | 'flights' | 'cars';
type ItemType = 'hotel' | 'flight' | 'car';

const STORE_OF: Record<ItemType, InventoryStore> = { hotel: 'hotels', flight: 'flights', car: 'cars' };

/** Why a payment failed, as the `reason` label says it: a small, fixed set (no free text in labels). */
export type PaymentFailureReason =
  'declined' | 'capture_refused' | 'gateway_error' | 'hold_expired' | 'trip_changed' | 'other';

/**
 * The server's Prometheus metrics (`GET /metrics`). One registry per app instance, never prom-client's
 * global one: tests start several apps in one process, and each must count only its own work.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #clock: Clock;
  readonly #holdsPlaced: Counter<'store'>;
  readonly #holdsExpired: Counter<'store'>;
  readonly #holdsConfirmed: Counter<'store'>;
  readonly #holdsReleased: Counter<'store'>;
  readonly #paymentsFailed: Counter<'reason'>;
  readonly #paymentsCaptured: Counter;
  readonly #sweeps: Counter;
  readonly #sweepLag: Gauge;
  readonly #reconcilerRepairs: Counter<'outcome'>;
  readonly #afterSaleRepairs: Counter<'outcome'>;
  readonly #latency: Histogram<'method' | 'route' | 'status_class'>;
  #lastSweepAt: number | undefined;
  /** The largest lateness of a hold expired since the last sweep ended. */
  #sweepMaxLag = 0;

  constructor(clock: Clock, opts: { processMetrics?: boolean } = {}) {
    this.#clock = clock;
    const registers = [this.registry];
    this.#holdsPlaced = new Counter({
      name: 'tripdesk_holds_placed_total',
      help: 'Holds placed (an item added to a trip), by inventory store.',
      labelNames: ['store'],
      registers,
    });
    this.#holdsExpired = new Counter({
      name: 'tripdesk_holds_expired_total',
      help: 'Holds the sweeper expired (their units given back), by inventory store.',
      labelNames: ['store'],
      registers,
    });
    this.#holdsConfirmed = new Counter({
      name: 'tripdesk_holds_confirmed_total',
      help: 'Holds confirmed (held → booked) by the pay saga, by inventory store.',
      labelNames: ['store'],
      registers,
    });
    this.#holdsReleased = new Counter({
      name: 'tripdesk_holds_released_total',
      help: 'Holds released by an agent removing the item from its trip, by inventory store.',
      labelNames: ['store'],
      registers,
    });
    for (const store of Object.values(STORE_OF)) {
      // Zero series exist from the start, so rate() and alerts see them before the first event.
      for (const c of [this.#holdsPlaced, this.#holdsExpired, this.#holdsConfirmed, this.#holdsReleased]) {
        c.inc({ store }, 0);
      }
    }
    this.#paymentsFailed = new Counter({
      name: 'tripdesk_payments_failed_total',
      help: 'Payment attempts that failed, by reason (declined, capture_refused, gateway_error, hold_expired, trip_changed).',
      labelNames: ['reason'],
      registers,
    });
    this.#paymentsCaptured = new Counter({
      name: 'tripdesk_payments_captured_total',
      help: 'Payments captured at the gateway and recorded.',
      registers,
    });
    this.#sweeps = new Counter({
      name: 'tripdesk_sweeper_runs_total',
      help: 'Completed sweeps of expired holds.',
      registers,
    });
    this.#sweepLag = new Gauge({
      name: 'tripdesk_sweeper_lag_seconds',
      help: 'At the last sweep: how long the oldest hold it expired had been past its expiry (0 when none was due).',
      registers,
    });
    const lastRunAge: Gauge = new Gauge({
      name: 'tripdesk_sweeper_last_run_age_seconds',
      help: 'Seconds since the last completed sweep (absent before the first).',
      registers,
      collect: () => {
        if (this.#lastSweepAt === undefined) return;
        lastRunAge.set(Math.max(0, (this.#clock.now().getTime() - this.#lastSweepAt) / 1000));
      },
    });
    this.#reconcilerRepairs = new Counter({
      name: 'tripdesk_reconciler_repairs_total',
      help: 'Pay sagas the reconciler picked up, by outcome (completed, compensated, pending, failed).',
      labelNames: ['outcome'],
      registers,
    });
    this.#afterSaleRepairs = new Counter({
      name: 'tripdesk_after_sale_repairs_total',
      help: 'Cancellations, changes and refunds the after-sale recovery finished, by outcome (repaired, failed).',
      labelNames: ['outcome'],
      registers,
    });
    this.#latency = new Histogram({
      name: 'tripdesk_http_request_duration_seconds',
      help: 'HTTP request latency by method, route pattern and status class.',
      labelNames: ['method', 'route', 'status_class'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    if (opts.processMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: 'tripdesk_' });
  }

  holdPlaced(type: ItemType): void {
    this.#holdsPlaced.inc({ store: STORE_OF[type] });
  }

  holdConfirmed(type: ItemType): void {
    this.#holdsConfirmed.inc({ store: STORE_OF[type] });
  }

  holdReleased(type: ItemType): void {
    this.#holdsReleased.inc({ store: STORE_OF[type] });
  }

  /** A hold the sweeper expired; `expiresAt` feeds the lag of this sweep. */
  holdExpired(store: InventoryStore, expiresAt: string | Date, now: Date): void {
    this.#holdsExpired.inc({ store });
    const late = (now.getTime() - new Date(expiresAt).getTime()) / 1000;
    if (late > this.#sweepMaxLag) this.#sweepMaxLag = late;
  }

  /** A sweep ended: the lag gauge takes the largest lateness met since the previous sweep ended. */
  sweepCompleted(): void {
    this.#sweeps.inc();
    this.#sweepLag.set(this.#sweepMaxLag);
    this.#sweepMaxLag = 0;
    this.#lastSweepAt = this.#clock.now().getTime();
  }

  paymentFailed(error: { code: string; declineCode?: string | undefined }): void {
    this.#paymentsFailed.inc({ reason: failureReason(error) });
  }

  paymentCaptured(): void {
    this.#paymentsCaptured.inc();
  }

  reconcilerRepair(outcome: 'completed' | 'compensated' | 'pending' | 'failed'): void {
    this.#reconcilerRepairs.inc({ outcome });
  }

  afterSaleRepair(outcome: 'repaired' | 'failed', n = 1): void {
    if (n > 0) this.#afterSaleRepairs.inc({ outcome }, n);
  }

  /** Times every request; the route label is the matched pattern, never the raw URL (ids would explode it). */
  requestTimer(): RequestHandler {
    return (req, res, next) => {
      const end = this.#latency.startTimer();
      res.once('finish', () => {
        end({
          method: req.method,
          route: routePattern(req.baseUrl, (req.route as { path?: unknown } | undefined)?.path, req.path),
          status_class: `${Math.floor(res.statusCode / 100)}xx`,
        });
      });
      next();
    };
  }

  contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

function failureReason(error: { code: string; declineCode?: string | undefined }): PaymentFailureReason {
  switch (error.code) {
    case 'payment_declined':
      return error.declineCode === 'capture_refused' ? 'capture_refused' : 'declined';
    case 'internal_error':
      return 'gateway_error';
    case 'hold_expired':
      return 'hold_expired';
    case 'invalid_transition':
      return 'trip_changed';
    default:
      return 'other';
  }
}

/**
 * The route label: the matched Express pattern (`/api/trips/:tripId`) when there is one. Requests no
 * route matched (404s, the renderer's static files, middleware answers) fold into two fixed labels, so
 * scanners trying random paths cannot grow the series without bound.
 */
export function routePattern(baseUrl: string, routePath: unknown, path: string): string {
  if (typeof routePath === 'string') return `${baseUrl}${routePath}` || '/';
  return path.startsWith('/api/') || path === '/api' ? 'unmatched' : 'static';
}
