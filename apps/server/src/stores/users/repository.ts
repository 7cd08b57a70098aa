import type { Knex } from 'knex';
import type { Role } from '@tripdesk/shared';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  hotel_id: string | null;
  password_hash: string;
  disabled: boolean;
  /** Set by an admin's password reset; the user must choose a new password before anything else. */
  must_change_password?: boolean;
  created_at: string;
  updated_at: string;
}

export interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  user_agent?: string | null;
  ip?: string | null;
  last_seen_at?: string | null;
}

export class DuplicateEmailError extends Error {}

function normalise(row: UserRow | undefined): UserRow | undefined {
  // SQLite answers booleans as 0/1.
  return (
    row && {
      ...row,
      disabled: Boolean(row.disabled),
      must_change_password: Boolean(row.must_change_password),
    }
  );
}

/** The only code that touches the users store's database: users and their sessions. */
export class UsersRepository {
  readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }

  async findById(id: string): Promise<UserRow | undefined> {
    return normalise(await this.knex<UserRow>('users').where({ id }).first());
  }

  async findByEmail(email: string): Promise<UserRow | undefined> {
    return normalise(await this.knex<UserRow>('users').where({ email }).first());
  }

  async list(): Promise<UserRow[]> {
    const rows = await this.knex<UserRow>('users').orderBy([{ column: 'role' }, { column: 'email' }]);
    return rows.map((r) => normalise(r)!);
  }

  async count(): Promise<number> {
    const row = await this.knex('users').count<{ n: number | string }[]>({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  /** Inserts a user; a taken email is a DuplicateEmailError, decided by the unique index. */
  async insert(row: UserRow): Promise<UserRow> {
    try {
      await this.knex<UserRow>('users').insert(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateEmailError(row.email);
      throw err;
    }
    return row;
  }

  /** Inserts the user unless one with that email exists; true when inserted. */
  async insertIfAbsent(row: UserRow): Promise<boolean> {
    const inserted = await this.knex<UserRow>('users')
      .insert(row)
      .onConflict('email')
      .ignore()
      .returning('id');
    return inserted.length > 0;
  }

  async update(id: string, patch: Partial<Omit<UserRow, 'id' | 'created_at'>>): Promise<UserRow | undefined> {
    const n = await this.knex<UserRow>('users').where({ id }).update(patch);
    return n === 0 ? undefined : this.findById(id);
  }

  async insertSession(row: SessionRow): Promise<void> {
    await this.knex('sessions').insert(row);
  }

  /** The live session for a token hash, with its user, or undefined. */
  async findLiveSession(
    tokenHash: string,
    now: string,
  ): Promise<{ session: SessionRow; user: UserRow } | undefined> {
    const session = await this.knex<SessionRow>('sessions')
      .where({ token_hash: tokenHash })
      .whereNull('revoked_at')
      .where('expires_at', '>', now)
      .first();
    if (!session) return undefined;
    const user = await this.findById(session.user_id);
    return user ? { session, user } : undefined;
  }

  async revokeSession(tokenHash: string, now: string): Promise<void> {
    await this.knex('sessions')
      .where({ token_hash: tokenHash })
      .whereNull('revoked_at')
      .update({ revoked_at: now });
  }

  /** Ends every live session of the user, but the one with `keepTokenHash`; returns how many. */
  async revokeSessionsOf(userId: string, now: string, keepTokenHash?: string): Promise<number> {
    const q = this.knex('sessions').where({ user_id: userId }).whereNull('revoked_at');
    if (keepTokenHash !== undefined) q.whereNot({ token_hash: keepTokenHash });
    return q.update({ revoked_at: now });
  }

  /** The user's sessions that are neither revoked nor expired, newest first. */
  async liveSessionsOf(userId: string, now: string): Promise<SessionRow[]> {
    return this.knex<SessionRow>('sessions')
      .where({ user_id: userId })
      .whereNull('revoked_at')
      .where('expires_at', '>', now)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'token_hash', order: 'asc' },
      ]);
  }

  async touchSession(tokenHash: string, at: string): Promise<void> {
    await this.knex('sessions').where({ token_hash: tokenHash }).update({ last_seen_at: at });
  }

  /** Drops sessions that ended long ago; returns how many. */
  async purgeSessions(before: string): Promise<number> {
    return this.knex('sessions').where('expires_at', '<', before).delete();
  }
}

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
