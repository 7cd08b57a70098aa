import { createHash, randomBytes } from 'node:crypto';
import type { User } from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import { DomainError, unauthenticated } from '../errors.ts';
import type { UserRow, UsersRepository } from '../stores/users/repository.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import type { LoginLimiter } from './login-limiter.ts';
import type { EventBus } from '../events/bus.ts';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    ...(row.hotel_id ? { hotelId: row.hotel_id } : {}),
    ...(row.disabled ? { disabled: true } : {}),
    ...(row.must_change_password ? { mustChangePassword: true } : {}),
  };
}

/** A session's id for its owner's list: derived from the token's hash, so it cannot give the token away. */
export function sessionIdOf(tokenHash: string): string {
  return `ses_${createHash('sha256').update(`session:${tokenHash}`).digest('hex').slice(0, 24)}`;
}

/** How stale a session's `last_seen_at` may get: one write a minute per session, not one per request. */
const LAST_SEEN_GRANULARITY_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Sign-in with opaque bearer tokens, stored hashed, revocable, expiring. */
export class AuthService {
  readonly #users: UsersRepository;
  readonly #clock: Clock;
  readonly #limiter: LoginLimiter;
  readonly #ttlSeconds: number;
  readonly #events: EventBus | undefined;

  constructor(
    users: UsersRepository,
    clock: Clock,
    limiter: LoginLimiter,
    ttlSeconds: number,
    events?: EventBus,
  ) {
    this.#users = users;
    this.#clock = clock;
    this.#limiter = limiter;
    this.#ttlSeconds = ttlSeconds;
    this.#events = events;
  }

  async login(
    email: string,
    password: string,
    client: { ip: string; userAgent?: string | undefined },
  ): Promise<{ token: string; user: User; expiresAt: string }> {
    this.#limiter.beforeAttempt(email, client.ip);
    const row = await this.#users.findByEmail(email);
    const ok = await verifyPassword(row?.password_hash ?? (await decoyHash()), password);
    if (!row || !ok || row.disabled) {
      this.#limiter.failed(email, client.ip);
      throw new DomainError('unauthenticated', 'The email or password is wrong, or the account is disabled.');
    }
    this.#limiter.succeeded(email, client.ip);
    const token = `tdk_${randomBytes(32).toString('base64url')}`;
    const now = this.#clock.now();
    const expiresAt = new Date(now.getTime() + this.#ttlSeconds * 1000).toISOString();
    await this.#users.insertSession({
      token_hash: hashToken(token),
      user_id: row.id,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
      ip: client.ip.slice(0, 64),
      last_seen_at: now.toISOString(),
    });
    return { token, user: toUser(row), expiresAt };
  }

  /** The user a bearer token belongs to; 401 for no, unknown, expired or revoked tokens. */
  async authenticate(authorization: string | undefined): Promise<{ user: User; tokenHash: string }> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) throw unauthenticated('Send `Authorization: Bearer <token>`; sign in to get a token.');
    const tokenHash = hashToken(match[1]);
    const now = this.#clock.now();
    const found = await this.#users.findLiveSession(tokenHash, now.toISOString());
    if (!found || found.user.disabled) throw unauthenticated('The session has ended. Sign in again.');
    const lastSeen = found.session.last_seen_at ? Date.parse(found.session.last_seen_at) : 0;
    if (now.getTime() - lastSeen >= LAST_SEEN_GRANULARITY_MS)
      await this.#users.touchSession(tokenHash, now.toISOString());
    return { user: toUser(found.user), tokenHash };
  }

  async logout(user: User, tokenHash: string): Promise<void> {
    const at = this.#clock.now().toISOString();
    await this.#users.revokeSession(tokenHash, at);
    // The session's open event streams end now, on every instance.
    this.#events?.publish({ type: 'session.changed', userId: user.id, tokenHash, ended: true, at });
  }
}
