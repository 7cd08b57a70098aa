import { createHash, randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { DomainError, validationFailed } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type {
  IdempotencyClaim,
  IdempotencyRepository,
  IdempotencyScope,
  StoredResponse,
} from '../stores/users/idempotency.ts';
import { currentUser } from './auth.ts';
import { parse } from './validate.ts';

/**
 * Idempotency-Key for every POST under /api (API.md, "Idempotency"; the IETF httpapi
 * Idempotency-Key header draft). A key is claimed by inserting its record; the request then runs and
 * its response is stored before it is sent, so a retry replays it instead of running again.
 *
 * Mounted after `authenticate`, because a key belongs to a user. `POST /api/auth/login` comes before
 * authentication, has no user and is outside idempotency: a key sent with it is ignored, and a
 * repeated login just opens another session.
 */

/** How long a claim holds a key while its request runs; renewed while it runs, so only a crash lets it lapse. */
export const IDEMPOTENCY_LOCK_SECONDS = 60;
/** API.md: keys are kept at least 24 hours. */
export const IDEMPOTENCY_KEEP_SECONDS = 24 * 3600;
/** The response headers a replay repeats: the ones that carry meaning for our JSON API. */
const REPLAYED_HEADERS = ['content-type', 'location'] as const;
/** API.md: paying must never run twice by accident, so `/pay` refuses a POST without a key. */
const KEY_REQUIRED: readonly RegExp[] = [/^\/api\/trips\/[^/]+\/pay$/];
/** Longer paths are no route of ours; refusing them keeps the primary key within index limits. */
const MAX_PATH_LENGTH = 1024;

const IdempotencyKeyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1, 'must not be empty')
    .max(255, 'at most 255 characters')
    .regex(/^[\x20-\x7e]*$/, 'printable ASCII characters only'),
});

export interface IdempotencyOptions {
  readonly keys: IdempotencyRepository;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly lockSeconds?: number;
  readonly keepSeconds?: number;
}

export function idempotency(opts: IdempotencyOptions): RequestHandler {
  const { keys, clock, logger } = opts;
  const lockSeconds = opts.lockSeconds ?? IDEMPOTENCY_LOCK_SECONDS;
  const keepSeconds = opts.keepSeconds ?? IDEMPOTENCY_KEEP_SECONDS;
  const later = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000).toISOString();

  /** Runs the request under a claim: stores its response before sending it, or frees the key. */
  function run(req: Request, res: Response, scope: IdempotencyScope, claim: IdempotencyClaim): void {
    const renewal = setInterval(
      () => {
        keys.extendLock(scope, claim.claimId, later(clock.now(), lockSeconds)).catch((err: unknown) => {
          logger.warn({ err, path: scope.path }, 'could not extend an idempotency lock');
        });
      },
      (lockSeconds * 1000) / 3,
    ).unref();
    // Renewed until the route answers, even if the client has gone: its retry must wait, not run twice.
    holdResponseUntilStored(res, async (response) => {
      clearInterval(renewal);
      // A server failure or a rate limit says nothing about the request: the retry must run it again.
      if (response.status >= 500 || response.status === 429) {
        await keys.release(scope, claim.claimId);
        return;
      }
      if (!(await keys.complete(scope, claim.claimId, response))) {
        logger.warn(
          { path: scope.path },
          'an idempotency claim lapsed before its response was stored; a retry may run the request again',
        );
      }
    }).catch((err: unknown) => {
      req.log?.error({ err }, 'could not store the response of an idempotent request');
    });
  }

  return async (req, res, next) => {
    if (req.method !== 'POST') {
      next();
      return;
    }
    const path = requestPath(req);
    const header = req.get('idempotency-key');
    if (header === undefined) {
      if (KEY_REQUIRED.some((p) => p.test(path))) {
        throw new DomainError(
          'idempotency_key_missing',
          'Send an Idempotency-Key header (a new random value, e.g. a UUID, per payment attempt).',
        );
      }
      next();
      return;
    }
    const { 'idempotency-key': key } = parse(
      IdempotencyKeyHeaderSchema,
      { 'idempotency-key': header },
      'headers',
    );
    if (path.length > MAX_PATH_LENGTH) {
      throw validationFailed('The path is too long.', [{ path: 'path', message: 'too long' }]);
    }
    const scope: IdempotencyScope = { userId: currentUser(req).id, method: req.method, path, key };
    const fingerprint = requestFingerprint(req.method, path, req.query, req.body);

    // A record can vanish between our insert and our read (a 5xx freed it, the purge took it): try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = clock.now();
      const claim: IdempotencyClaim = {
        fingerprint,
        claimId: randomUUID(),
        createdAt: now.toISOString(),
        lockedUntil: later(now, lockSeconds),
        expiresAt: later(now, keepSeconds),
      };
      if (await keys.claim(scope, claim)) {
        run(req, res, scope, claim);
        next();
        return;
      }
      const existing = await keys.find(scope);
      if (!existing) continue;
      const nowIso = claim.createdAt;
      const expired = existing.expiresAt <= nowIso;
      if (!expired && existing.fingerprint !== fingerprint) {
        throw new DomainError(
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
        );
      }
      if (existing.state === 'done' && !expired) {
        replay(res, existing.response);
        return;
      }
      if (existing.state === 'in_flight' && existing.lockedUntil > nowIso) break;
      // Expired, or claimed by a process that died: take it over, unless another request just did.
      if (await keys.reclaim(scope, claim, nowIso)) {
        run(req, res, scope, claim);
        next();
        return;
      }
    }
    throw new DomainError(
      'idempotency_conflict',
      'A request with this Idempotency-Key is still being processed. Retry shortly.',
      {},
      { 'Retry-After': '1' },
    );
  };
}

/** The path a key is scoped to: `/api/...`, query left out, one trailing slash ignored as routing does. */
function requestPath(req: Request): string {
  const path = `${req.baseUrl}${req.path}`;
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * SHA-256 over method, path, query and the parsed body as canonical JSON (keys sorted), so key order
 * and whitespace do not make two identical requests differ.
 */
export function requestFingerprint(method: string, path: string, query: unknown, body: unknown): string {
  return createHash('sha256')
    .update(canonicalJson([method, path, query ?? {}, body ?? null]))
    .digest('hex');
}

/** JSON with object keys sorted at every level and `undefined` members dropped, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v: unknown) => canonicalJson(v)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((k) => record[k] !== undefined && typeof record[k] !== 'function')
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
  return `{${members.join(',')}}`;
}

function replay(res: Response, stored: StoredResponse): void {
  res.status(stored.status);
  for (const [name, value] of Object.entries(stored.headers)) res.setHeader(name, value);
  res.setHeader('Idempotent-Replayed', 'true');
  // A Buffer, not a string: Node writes headers sent together with a string body in its encoding.
  res.end(Buffer.from(stored.body, 'utf8'));
}

/**
 * Collects what the route writes and, when it ends the response, awaits `store` before the response
 * leaves: a client that has seen a response and retries always finds it stored.
 */
function holdResponseUntilStored(
  res: Response,
  store: (response: StoredResponse) => Promise<void>,
): Promise<void> {
  const chunks: Buffer[] = [];
  const collect = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string') {
      chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    } else if (chunk instanceof Uint8Array) {
      chunks.push(Buffer.from(chunk));
    }
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  return new Promise<void>((resolve, reject) => {
    res.write = ((...args: unknown[]) => {
      collect(args[0], args[1]);
      return write(...args);
    }) as Response['write'];
    res.end = ((...args: unknown[]) => {
      res.end = end as Response['end'];
      res.write = write as Response['write'];
      if (typeof args[0] !== 'function') collect(args[0], args[1]);
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = res.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      const response = { status: res.statusCode, headers, body: Buffer.concat(chunks).toString('utf8') };
      store(response).then(
        () => {
          end(...args);
          resolve();
        },
        (err: unknown) => {
          // The response still goes out: the change it reports has been made.
          end(...args);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
      return res;
    }) as Response['end'];
  });
}

/** Deletes expired keys now and then every `intervalMs` (hourly by default); the timer keeps no process alive. */
export function scheduleIdempotencyPurge(
  keys: IdempotencyRepository,
  clock: Clock,
  logger: Logger,
  intervalMs = 3600_000,
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const purge = () => {
    running = keys.purgeExpired(clock.now().toISOString()).then(
      (n) => {
        if (n > 0) logger.info({ purged: n }, 'purged expired idempotency keys');
      },
      (err: unknown) => logger.error({ err }, 'could not purge expired idempotency keys'),
    );
  };
  purge();
  const timer = setInterval(purge, intervalMs).unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
