import type { Session, User } from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import { notFound, validationFailed } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { UsersRepository } from '../stores/users/repository.ts';
import { sessionIdOf } from './auth.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { checkPassword } from './users.ts';

/** The signed-in user's own account: their password and their sessions. */
export class AccountService {
  readonly #users: UsersRepository;
  readonly #clock: Clock;
  readonly #limiter: LoginLimiter;
  readonly #events: EventBus | undefined;

  constructor(users: UsersRepository, clock: Clock, limiter: LoginLimiter, events?: EventBus) {
    this.#users = users;
    this.#clock = clock;
    this.#limiter = limiter;
    this.#events = events;
  }

  /**
   * The current password first (braked like a sign-in, so a borrowed session cannot guess it), then the
   * new one by the policy of user creation. Clears a reset's must-change flag; the other sessions end.
   */
  async changePassword(
    user: User,
    tokenHash: string,
    req: { currentPassword: string; newPassword: string },
    ip: string,
  ): Promise<void> {
    this.#limiter.beforeAttempt(user.email, ip);
    const row = await this.#users.findById(user.id);
    if (!row) throw notFound('The user');
    if (!(await verifyPassword(row.password_hash, req.currentPassword))) {
      this.#limiter.failed(user.email, ip);
      throw validationFailed('The current password is wrong.', [
        { path: 'body.currentPassword', message: 'is not your current password' },
      ]);
    }
    this.#limiter.succeeded(user.email, ip);
    if (req.newPassword === req.currentPassword) {
      throw validationFailed('Choose a password other than the current one.', [
        { path: 'body.newPassword', message: 'is the current password' },
      ]);
    }
    try {
      checkPassword(req.newPassword, row.role, row.email);
    } catch (err) {
      // The policy's words, on the field this form calls it.
      const detail = (err as Error).message;
      throw validationFailed(detail, [{ path: 'body.newPassword', message: detail }]);
    }
    const now = this.#clock.now().toISOString();
    await this.#users.update(user.id, {
      password_hash: await hashPassword(req.newPassword),
      must_change_password: false,
      updated_at: now,
    });
    await this.#users.revokeSessionsOf(user.id, now, tokenHash);
    // Every stream of the user checks its session again: the others end, this one goes on.
    this.#events?.publish({ type: 'session.changed', userId: user.id, ended: false, at: now });
  }

  async sessions(user: User, tokenHash: string): Promise<Session[]> {
    const rows = await this.#users.liveSessionsOf(user.id, this.#clock.now().toISOString());
    return rows.map((r) => ({
      id: sessionIdOf(r.token_hash),
      createdAt: r.created_at,
      ...(r.last_seen_at ? { lastSeenAt: r.last_seen_at } : {}),
      expiresAt: r.expires_at,
      ...(r.user_agent ? { userAgent: r.user_agent } : {}),
      ...(r.ip ? { ip: r.ip } : {}),
      current: r.token_hash === tokenHash,
    }));
  }

  /** Ends one of the user's live sessions; another user's, or one already ended, is 404. */
  async endSession(user: User, sessionId: string): Promise<void> {
    const now = this.#clock.now().toISOString();
    const rows = await this.#users.liveSessionsOf(user.id, now);
    const session = rows.find((r) => sessionIdOf(r.token_hash) === sessionId);
    if (!session) throw notFound('The session');
    await this.#users.revokeSession(session.token_hash, now);
    this.#events?.publish({
      type: 'session.changed',
      userId: user.id,
      tokenHash: session.token_hash,
      ended: true,
      at: now,
    });
  }

  async endOtherSessions(user: User, tokenHash: string): Promise<number> {
    const now = this.#clock.now().toISOString();
    const ended = await this.#users.revokeSessionsOf(user.id, now, tokenHash);
    this.#events?.publish({ type: 'session.changed', userId: user.id, ended: false, at: now });
    return ended;
  }
}
