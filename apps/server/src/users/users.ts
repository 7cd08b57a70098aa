import { randomInt } from 'node:crypto';
import {
  passwordProblem,
  type CreateUserRequest,
  type PasswordResetResponse,
  type Role,
  type UpdateUserRequest,
  type User,
} from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import { DomainError, notFound, validationFailed } from '../errors.ts';
import { newId } from '../stores/ids.ts';
import { DuplicateEmailError, type UserRow, type UsersRepository } from '../stores/users/repository.ts';
import { toUser } from './auth.ts';
import { hashPassword } from './passwords.ts';
import { isCommonPassword } from './common-passwords.ts';
import type { EventBus } from '../events/bus.ts';

/** Users admin: create, list, change role or hotel, disable; and the admin bootstrap. */
export class UsersService {
  readonly #users: UsersRepository;
  readonly #clock: Clock;
  /** Whether a hotel id exists; the hotels store is another database, so it is asked, not joined. */
  readonly #hotelExists: (hotelId: string) => Promise<boolean>;
  readonly #events: EventBus | undefined;

  constructor(
    users: UsersRepository,
    clock: Clock,
    hotelExists: (hotelId: string) => Promise<boolean>,
    events?: EventBus,
  ) {
    this.#users = users;
    this.#clock = clock;
    this.#hotelExists = hotelExists;
    this.#events = events;
  }

  async create(req: CreateUserRequest): Promise<User> {
    checkPassword(req.password, req.role, req.email);
    const hotelId = req.role === 'frontdesk' ? req.hotelId : undefined;
    if (hotelId !== undefined) await this.#checkHotel(hotelId);
    const now = this.#clock.now().toISOString();
    const row: UserRow = {
      id: newId('usr'),
      email: req.email,
      name: req.name,
      role: req.role,
      hotel_id: hotelId ?? null,
      password_hash: await hashPassword(req.password),
      disabled: false,
      created_at: now,
      updated_at: now,
    };
    try {
      return toUser(await this.#users.insert(row));
    } catch (err) {
      if (err instanceof DuplicateEmailError) {
        throw validationFailed('A user with this email already exists.', [
          { path: 'body.email', message: 'already in use' },
        ]);
      }
      throw err;
    }
  }

  async list(): Promise<User[]> {
    return (await this.#users.list()).map(toUser);
  }

  async update(id: string, req: UpdateUserRequest, actorId: string): Promise<User> {
    const current = await this.#users.findById(id);
    if (!current) throw notFound('The user');
    const role = req.role ?? current.role;
    const hotelId =
      role === 'frontdesk' ? (req.hotelId === undefined ? current.hotel_id : req.hotelId) : null;
    if (role === 'frontdesk' && !hotelId) {
      throw validationFailed('A frontdesk user needs a hotel.', [
        { path: 'body.hotelId', message: 'required for a frontdesk user' },
      ]);
    }
    if (hotelId && hotelId !== current.hotel_id) await this.#checkHotel(hotelId);
    if (req.password !== undefined) checkPassword(req.password, role, current.email);
    if (id === actorId && (req.disabled === true || (req.role && req.role !== 'admin'))) {
      throw new DomainError(
        'invalid_transition',
        'You cannot disable yourself or take away your own admin role.',
      );
    }
    const now = this.#clock.now().toISOString();
    const updated = await this.#users.update(id, {
      ...(req.name !== undefined ? { name: req.name } : {}),
      role,
      hotel_id: hotelId,
      ...(req.disabled !== undefined ? { disabled: req.disabled } : {}),
      ...(req.password !== undefined ? { password_hash: await hashPassword(req.password) } : {}),
      updated_at: now,
    });
    if (!updated) throw notFound('The user');
    // A disabled user, or a new password, ends every session of that user.
    const ended = req.disabled === true || req.password !== undefined;
    if (ended) await this.#users.revokeSessionsOf(id, now);
    // Open event streams of the user end, or apply the new role or hotel, at once, on every instance.
    this.#events?.publish({ type: 'session.changed', userId: id, ended, at: now });
    return toUser(updated);
  }

  /** The user as stored (for the audit log's before), or undefined. */
  async find(id: string): Promise<User | undefined> {
    const row = await this.#users.findById(id);
    return row && toUser(row);
  }

  /**
   * An admin's reset: a temporary password (the one given, or one made up and answered this once), every
   * session of the user ended, and the user must choose their own password at the next sign-in.
   */
  async resetPassword(
    id: string,
    temporaryPassword: string | undefined,
    actorId: string,
  ): Promise<PasswordResetResponse> {
    const current = await this.#users.findById(id);
    if (!current) throw notFound('The user');
    if (id === actorId) {
      throw new DomainError('invalid_transition', 'Change your own password under Account, not by a reset.');
    }
    if (temporaryPassword !== undefined) checkPassword(temporaryPassword, current.role, current.email);
    const password = temporaryPassword ?? generateTemporaryPassword();
    const now = this.#clock.now().toISOString();
    const updated = await this.#users.update(id, {
      password_hash: await hashPassword(password),
      must_change_password: true,
      updated_at: now,
    });
    if (!updated) throw notFound('The user');
    await this.#users.revokeSessionsOf(id, now);
    this.#events?.publish({ type: 'session.changed', userId: id, ended: true, at: now });
    return {
      user: toUser(updated),
      ...(temporaryPassword === undefined ? { temporaryPassword: password } : {}),
    };
  }

  /**
   * Creates this admin unless a user with the email exists (ADMIN_EMAIL / ADMIN_PASSWORD, and the demo
   * users). Its password is held to the same policy: config.ts refuses a weak ADMIN_PASSWORD at start.
   */
  async ensureUser(spec: {
    email: string;
    password: string;
    name: string;
    role: UserRow['role'];
    hotelId?: string;
  }): Promise<boolean> {
    const now = this.#clock.now().toISOString();
    return this.#users.insertIfAbsent({
      id: newId('usr'),
      email: spec.email.toLowerCase(),
      name: spec.name,
      role: spec.role,
      hotel_id: spec.hotelId ?? null,
      password_hash: await hashPassword(spec.password),
      disabled: false,
      created_at: now,
      updated_at: now,
    });
  }

  async #checkHotel(hotelId: string): Promise<void> {
    if (!(await this.#hotelExists(hotelId))) {
      throw validationFailed('There is no hotel with that id.', [
        { path: 'body.hotelId', message: 'unknown hotel' },
      ]);
    }
  }
}

/** Letters and digits nobody misreads on a screen or a phone call: no 0/o, 1/l/i. */
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Four groups of four (`k7mp-q2xr-9fbt-hw3d`): 19 characters, ~79 bits, fit for any role's policy. */
export function generateTemporaryPassword(): string {
  const group = () =>
    Array.from({ length: 4 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

/** The password policy (NIST SP 800-63B, packages/shared) with the list of common passwords: 400 in words. */
export function checkPassword(password: string, role: Role, email: string): void {
  const problem = passwordProblem(password, { role, email }, isCommonPassword);
  if (problem) throw validationFailed(problem, [{ path: 'body.password', message: problem }]);
}
