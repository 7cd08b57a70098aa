import type { Socket } from 'node:net';
import { Router, type Request } from 'express';
import type { User } from '@tripdesk/shared';
import { canSeeEvent } from '../../access/access.ts';
import { DomainError } from '../../errors.ts';
import type { DomainEvent, EventBus } from '../../events/bus.ts';
import type { AuthService } from '../../users/auth.ts';
import { passwordChangeRequired } from '../auth.ts';
import { sendProblem } from '../problem.ts';

/**
 * GET /api/events: live changes as server-sent events. Each message is `id:` (increasing within the
 * server process), `event:` (the DomainEvent type) and `data:` (the event as JSON: ids and dates, no
 * customer data; the client refetches what it shows). A client sees only what its role may see.
 *
 * A browser's EventSource cannot send headers, so besides `Authorization: Bearer` the token may come
 * as the `access_token` query parameter. Request logs redact it (`withoutAccessToken`).
 */

/** Comment lines this often keep proxies and load balancers from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000;
/** Asks EventSource to reconnect 3 s after a drop. */
const RETRY_MS = 3000;
/** A client that reads nothing while this much piles up is dropped; on reconnect it refetches. */
const MAX_BUFFERED_BYTES = 1 << 20;
/**
 * Open streams one user may have on this instance: a desk has one per window, a handful at most. A new
 * one past this closes that user's oldest, so a client that leaks streams cannot exhaust the server.
 */
export const MAX_STREAMS_PER_USER = 8;

let lastEventId = 0;
const eventIds = new WeakMap<DomainEvent, number>();

/**
 * The event's id in this process. A bus hands one event object to every subscriber, so every stream
 * labels it alike, and ids increase in delivery order.
 */
function idOf(event: DomainEvent): number {
  let id = eventIds.get(event);
  if (id === undefined) {
    id = ++lastEventId;
    eventIds.set(event, id);
  }
  return id;
}

/** `url` with the value of every `access_token` query parameter replaced, for logs and problem bodies. */
export function withoutAccessToken(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash < 0 ? undefined : hash);
  const redacted = query
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      const name = eq < 0 ? part : part.slice(0, eq);
      return decodeName(name) === 'access_token' ? `${name}=[redacted]` : part;
    })
    .join('&');
  return `${url.slice(0, q + 1)}${redacted}${hash < 0 ? '' : url.slice(hash)}`;
}

/** A query parameter name as the server's query parser reads it (`+` is a space, %XX decoded). */
function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll('+', ' '));
  } catch {
    return name;
  }
}

function authorizationOf(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header !== undefined) return header;
  const token = req.query.access_token;
  return typeof token === 'string' ? `Bearer ${token}` : undefined;
}

export interface EventStreams {
  readonly router: Router;
  /** Open streams now. */
  readonly size: number;
  /** Ends every open stream and refuses new ones: server shutdown must not wait for clients to leave. */
  endAll(): void;
}

export function eventRoutes(
  auth: AuthService,
  bus: EventBus,
  opts: { heartbeatMs?: number; maxStreamsPerUser?: number } = {},
): EventStreams {
  const heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_MS;
  const maxPerUser = opts.maxStreamsPerUser ?? MAX_STREAMS_PER_USER;
  const open = new Set<() => void>();
  /** Each user's open streams, oldest first. */
  const byUser = new Map<string, (() => void)[]>();
  let closing = false;
  const r = Router();

  // Before `authenticate`: this route also takes the token from the query string.
  r.get('/api/events', async (req, res) => {
    const authorization = authorizationOf(req);
    const instance = withoutAccessToken(req.originalUrl);
    let user: User;
    let tokenHash: string;
    try {
      ({ user, tokenHash } = await auth.authenticate(authorization));
      if (user.mustChangePassword) throw passwordChangeRequired();
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      sendProblem(res, err, instance);
      return;
    }
    if (closing) {
      sendProblem(res, new DomainError('service_unavailable', 'The server is stopping.'), instance);
      return;
    }

    const socket: Socket = req.socket;
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store, no-transform');
    // nginx and similar proxies would otherwise buffer the stream.
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    socket.setNoDelay(true);

    let ended = false;
    /** While the session is checked again after a change, events wait here, to be sent to whom it is now. */
    let rechecking = false;
    let waiting: DomainEvent[] = [];
    const userId = user.id;
    const cleanup = () => {
      if (ended) return;
      ended = true;
      unsubscribe();
      clearInterval(heartbeat);
      open.delete(end);
      const mine = byUser.get(userId)?.filter((e) => e !== end) ?? [];
      if (mine.length > 0) byUser.set(userId, mine);
      else byUser.delete(userId);
    };
    /** Ends the stream from our side and the connection with it, so nothing keeps the server open. */
    function end() {
      cleanup();
      if (!res.writableEnded) res.end(() => socket.end());
    }
    const send = (text: string) => {
      if (ended || res.writableEnded) return;
      res.write(text);
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        req.log?.warn({ buffered: res.writableLength }, 'event stream client is not reading; dropping it');
        cleanup();
        res.destroy();
      }
    };

    /** Reads the session again: a changed role or hotel applies, an ended session ends the stream. */
    const recheck = () =>
      auth.authenticate(authorization).then(
        (session) => {
          user = session.user;
          flush();
        },
        (err: unknown) => {
          if (err instanceof DomainError) end();
          else {
            req.log?.warn({ err }, 'could not re-check an event stream session');
            flush();
          }
        },
      );
    const deliver = (event: DomainEvent) => {
      if (canSeeEvent(user, event)) {
        send(`id: ${idOf(event)}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      }
    };
    const flush = () => {
      rechecking = false;
      const queued = waiting;
      waiting = [];
      for (const event of queued) deliver(event);
    };
    const unsubscribe = bus.subscribe((event) => {
      // Labelled now, in delivery order, even if it waits for a re-check.
      idOf(event);
      if (event.type === 'session.changed') {
        if (event.userId !== userId || (event.tokenHash !== undefined && event.tokenHash !== tokenHash))
          return;
        // Signed out, disabled, new password: at once, before another event can go out.
        if (event.ended) end();
        else {
          rechecking = true;
          void recheck();
        }
        return;
      }
      if (rechecking) waiting.push(event);
      else deliver(event);
    });
    const heartbeat = setInterval(() => {
      send(': heartbeat\n\n');
      // A backstop to the session events: a session that ran out ends its stream too.
      void recheck();
    }, heartbeatMs);
    open.add(end);
    const mine = [...(byUser.get(userId) ?? []), end];
    byUser.set(userId, mine);
    // Past the cap, this user's oldest stream makes room.
    if (mine.length > maxPerUser) {
      req.log?.warn({ userId, open: mine.length }, 'too many event streams for one user; closing the oldest');
      mine[0]!();
    }
    res.on('close', cleanup);
    send(`retry: ${RETRY_MS}\n: ok\n\n`);
  });

  return {
    router: r,
    get size() {
      return open.size;
    },
    endAll() {
      closing = true;
      for (const end of [...open]) end();
    },
  };
}
