import type { Knex } from 'knex';

/** Which request a key names: the same key from another user, method or path is another request. */
export interface IdempotencyScope {
  readonly userId: string;
  readonly method: string;
  readonly path: string;
  readonly key: string;
}

/** A claim on a key: who holds it, for which request, until when. */
export interface IdempotencyClaim {
  readonly fingerprint: string;
  readonly claimId: string;
  readonly createdAt: string;
  readonly lockedUntil: string;
  readonly expiresAt: string;
}

/** The response stored for replay. */
export interface StoredResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type IdempotencyRecord =
  | {
      readonly state: 'in_flight';
      readonly fingerprint: string;
      readonly claimId: string;
      readonly lockedUntil: string;
      readonly expiresAt: string;
    }
  | {
      readonly state: 'done';
      readonly fingerprint: string;
      readonly claimId: string;
      readonly expiresAt: string;
      readonly response: StoredResponse;
    };

interface IdempotencyRow {
  user_id: string;
  method: string;
  path: string;
  key: string;
  fingerprint: string;
  state: 'in_flight' | 'done';
  claim_id: string;
  response_status: number | null;
  response_headers: string | null;
  response_body: string | null;
  created_at: string;
  locked_until: string | null;
  expires_at: string;
}

const TABLE = 'idempotency_keys';

function pk(scope: IdempotencyScope) {
  return { user_id: scope.userId, method: scope.method, path: scope.path, key: scope.key };
}

/**
 * The only code that touches the idempotency_keys table (users store: keys belong to a user). Every
 * write is one conditional statement, so two requests, or two server processes, racing on one key
 * cannot both win.
 */
export class IdempotencyRepository {
  readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }

  /** Inserts an in-flight record unless one exists for the scope; true when this call inserted it. */
  async claim(scope: IdempotencyScope, claim: IdempotencyClaim): Promise<boolean> {
    const row: IdempotencyRow = {
      ...pk(scope),
      fingerprint: claim.fingerprint,
      state: 'in_flight',
      claim_id: claim.claimId,
      response_status: null,
      response_headers: null,
      response_body: null,
      created_at: claim.createdAt,
      locked_until: claim.lockedUntil,
      expires_at: claim.expiresAt,
    };
    const inserted = await this.knex<IdempotencyRow>(TABLE)
      .insert(row)
      .onConflict(['user_id', 'method', 'path', 'key'])
      .ignore()
      .returning('claim_id');
    return inserted.length > 0;
  }

  async find(scope: IdempotencyScope): Promise<IdempotencyRecord | undefined> {
    const row = await this.knex<IdempotencyRow>(TABLE).where(pk(scope)).first();
    if (!row) return undefined;
    if (row.state === 'in_flight') {
      return {
        state: 'in_flight',
        fingerprint: row.fingerprint,
        claimId: row.claim_id,
        lockedUntil: row.locked_until!,
        expiresAt: row.expires_at,
      };
    }
    return {
      state: 'done',
      fingerprint: row.fingerprint,
      claimId: row.claim_id,
      expiresAt: row.expires_at,
      response: {
        status: Number(row.response_status),
        headers: JSON.parse(row.response_headers ?? '{}') as Record<string, string>,
        body: row.response_body ?? '',
      },
    };
  }

  /**
   * Takes over a record that no longer holds its key: done and expired (any request may reuse the key),
   * or in flight with its lock lapsed (the process that claimed it died) for the same request, or for
   * any once expired. True when taken; the condition is in the statement, so of two takers only one
   * succeeds.
   */
  async reclaim(scope: IdempotencyScope, claim: IdempotencyClaim, now: string): Promise<boolean> {
    const n = await this.knex<IdempotencyRow>(TABLE)
      .where(pk(scope))
      .where((q) =>
        q
          .where((expired) => expired.where({ state: 'done' }).where('expires_at', '<=', now))
          .orWhere((lapsed) =>
            lapsed
              .where({ state: 'in_flight' })
              .where('locked_until', '<=', now)
              .where((same) =>
                same.where({ fingerprint: claim.fingerprint }).orWhere('expires_at', '<=', now),
              ),
          ),
      )
      .update({
        fingerprint: claim.fingerprint,
        state: 'in_flight',
        claim_id: claim.claimId,
        response_status: null,
        response_headers: null,
        response_body: null,
        created_at: claim.createdAt,
        locked_until: claim.lockedUntil,
        expires_at: claim.expiresAt,
      });
    return n > 0;
  }

  /** Moves the lock of a claim still held forward; false when the claim was lost. */
  async extendLock(scope: IdempotencyScope, claimId: string, lockedUntil: string): Promise<boolean> {
    const n = await this.knex<IdempotencyRow>(TABLE)
      .where({ ...pk(scope), claim_id: claimId, state: 'in_flight' })
      .update({ locked_until: lockedUntil });
    return n > 0;
  }

  /** Stores the response of a claim still held; false when the claim was lost meanwhile. */
  async complete(scope: IdempotencyScope, claimId: string, response: StoredResponse): Promise<boolean> {
    const n = await this.knex<IdempotencyRow>(TABLE)
      .where({ ...pk(scope), claim_id: claimId, state: 'in_flight' })
      .update({
        state: 'done',
        response_status: response.status,
        response_headers: JSON.stringify(response.headers),
        response_body: response.body,
        locked_until: null,
      });
    return n > 0;
  }

  /** Drops a claim still held, so the key is free for a retry. */
  async release(scope: IdempotencyScope, claimId: string): Promise<void> {
    await this.knex<IdempotencyRow>(TABLE)
      .where({ ...pk(scope), claim_id: claimId, state: 'in_flight' })
      .delete();
  }

  /** Deletes records past `expires_at`, except one whose request is still running; returns how many. */
  async purgeExpired(now: string): Promise<number> {
    return this.knex<IdempotencyRow>(TABLE)
      .where('expires_at', '<=', now)
      .where((q) => q.where({ state: 'done' }).orWhere('locked_until', '<=', now))
      .delete();
  }

  async count(): Promise<number> {
    const row = await this.knex(TABLE).count<{ n: number | string }[]>({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }
}
