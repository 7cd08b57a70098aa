import pg from 'pg';
import type { Notification } from 'pg';
import type { Logger } from '../logger.ts';
import { LocalEventBus, type DomainEvent, type EventBus } from './bus.ts';

/** The PostgreSQL channel every server instance listens on. */
export const EVENTS_CHANNEL = 'tripdesk_events';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; keep a margin. */
const MAX_PAYLOAD_BYTES = 7900;

export interface PgEventBusOptions {
  readonly databaseUrl: string;
  readonly logger: Logger;
  /** Shown in pg_stat_activity, so an operator can tell the instances' listeners apart. */
  readonly applicationName?: string;
  /** First delay before reconnecting the listener; it doubles on each failure up to `maxBackoffMs`. */
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

/**
 * The event bus of the PostgreSQL deployment, where several server instances share one database:
 * `publish` is a `pg_notify` on `tripdesk_events`, and every instance (the publisher too) delivers to
 * its subscribers only what arrives by LISTEN, so each event reaches each subscriber exactly once
 * whichever instance caused it.
 *
 * NOTIFY is not durable: events sent while an instance's listener is reconnecting are lost for it.
 * Events are hints to refetch, so a desk misses a refresh, never data.
 */
export class PgEventBus implements EventBus {
  readonly #local = new LocalEventBus();
  readonly #pool: pg.Pool;
  readonly #databaseUrl: string;
  readonly #logger: Logger;
  readonly #applicationName: string;
  readonly #minBackoffMs: number;
  readonly #maxBackoffMs: number;
  #backoffMs: number;
  #listener: pg.Client | undefined;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #closed = false;

  /** A bus listening already: events published after this resolves are received. */
  static async connect(opts: PgEventBusOptions): Promise<PgEventBus> {
    const bus = new PgEventBus(opts);
    try {
      await bus.#listen();
    } catch (err) {
      await bus.close();
      throw err;
    }
    return bus;
  }

  constructor(opts: PgEventBusOptions) {
    this.#databaseUrl = opts.databaseUrl;
    this.#logger = opts.logger;
    this.#applicationName = opts.applicationName ?? 'tripdesk-events';
    this.#minBackoffMs = opts.minBackoffMs ?? 250;
    this.#maxBackoffMs = opts.maxBackoffMs ?? 10_000;
    this.#backoffMs = this.#minBackoffMs;
    // One connection: notifications from one session arrive in the order they were sent.
    this.#pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      application_name: `${this.#applicationName}-publish`,
      max: 1,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 5000,
    });
    this.#pool.on('error', (err) => this.#logger.warn({ err }, 'live events publish connection failed'));
  }

  publish(event: DomainEvent): void {
    if (this.#closed) return;
    const payload = notifyPayload(event);
    if (payload === undefined) {
      this.#logger.warn({ type: event.type }, 'a live event is too large for NOTIFY; not sent');
      return;
    }
    this.#pool.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, payload]).catch((err: unknown) => {
      this.#logger.error({ err, type: event.type }, 'could not publish a live event');
    });
  }

  subscribe(listener: (event: DomainEvent) => void): () => void {
    return this.#local.subscribe(listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    const listener = this.#listener;
    this.#listener = undefined;
    await Promise.allSettled([listener?.end(), this.#pool.end(), this.#local.close()]);
  }

  /** Opens the listening connection; rejects if it cannot. */
  async #listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#databaseUrl,
      application_name: this.#applicationName,
    });
    let live = false;
    let lost = false;
    const onLost = (err: Error) => {
      if (!live || lost) return;
      lost = true;
      if (this.#listener === client) this.#listener = undefined;
      client.end().catch(() => {});
      if (this.#closed) return;
      this.#logger.error({ err }, 'lost the LISTEN connection for live events; reconnecting');
      this.#scheduleReconnect();
    };
    client.on('notification', (msg) => this.#deliver(msg));
    // Errors during connect reject the calls below; afterwards they mean the connection is gone.
    client.on('error', onLost);
    client.on('end', () => onLost(new Error('the LISTEN connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      client.end().catch(() => {});
      throw err;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    live = true;
    this.#listener = client;
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#reconnectTimer) return;
    // Jitter, so instances that lost the database together do not come back in lockstep.
    const delay = Math.round(this.#backoffMs * (0.5 + Math.random() / 2));
    this.#backoffMs = Math.min(this.#backoffMs * 2, this.#maxBackoffMs);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.#listen().then(
        () => {
          if (this.#closed) return;
          this.#backoffMs = this.#minBackoffMs;
          this.#logger.info('listening for live events again; events sent meanwhile were missed');
        },
        (err: unknown) => {
          if (this.#closed) return;
          this.#logger.error({ err, retryInMs: this.#backoffMs }, 'could not reconnect for live events');
          this.#scheduleReconnect();
        },
      );
    }, delay);
    this.#reconnectTimer.unref();
  }

  #deliver(msg: Notification): void {
    if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
    let event: unknown;
    try {
      event = JSON.parse(msg.payload);
    } catch (err) {
      this.#logger.warn({ err }, 'ignored a live event that is not JSON');
      return;
    }
    if (!isDomainEvent(event)) {
      this.#logger.warn({ payload: msg.payload.slice(0, 200) }, 'ignored a live event of unknown shape');
      return;
    }
    this.#local.publish(event);
  }
}

/**
 * The NOTIFY payload of an event, or undefined when it cannot fit. Events are small; only a long
 * `dates` list (a long stay or rental) can pass the limit, and then it is dropped: clients refetch the
 * unit anyway, the dates only narrow what they refetch.
 */
export function notifyPayload(event: DomainEvent): string | undefined {
  const json = JSON.stringify(event);
  if (Buffer.byteLength(json) <= MAX_PAYLOAD_BYTES) return json;
  if (event.type === 'availability.changed' && event.dates) {
    const { dates: _dates, ...rest } = event;
    const shorter = JSON.stringify(rest);
    if (Buffer.byteLength(shorter) <= MAX_PAYLOAD_BYTES) return shorter;
  }
  return undefined;
}

function isDomainEvent(value: unknown): value is DomainEvent {
  const e = value as { type?: unknown; at?: unknown; hotelIds?: unknown; userId?: unknown } | null;
  if (typeof e !== 'object' || e === null || typeof e.at !== 'string') return false;
  return (
    e.type === 'availability.changed' ||
    (e.type === 'trip.changed' && Array.isArray(e.hotelIds)) ||
    (e.type === 'notification.created' && typeof e.userId === 'string') ||
    (e.type === 'session.changed' && typeof e.userId === 'string')
  );
}
