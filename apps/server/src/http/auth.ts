import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role, User } from '@tripdesk/shared';
import { DomainError, forbidden } from '../errors.ts';
import type { AuthService } from '../users/auth.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The signed-in user; set by `authenticate` on every route but the public ones. */
      user?: User;
      tokenHash?: string;
    }
  }
}

export function authenticate(auth: AuthService): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const { user, tokenHash } = await auth.authenticate(req.get('authorization'));
    req.user = user;
    req.tokenHash = tokenHash;
    if (
      user.mustChangePassword &&
      !ALLOWED_BEFORE_PASSWORD_CHANGE.has(`${req.method} ${req.originalUrl.split('?')[0]}`)
    ) {
      throw passwordChangeRequired();
    }
    next();
  };
}

/** What a user whose password an admin reset may do before choosing their own. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  'GET /api/me',
  'POST /api/me/password',
  'POST /api/auth/logout',
]);

export const passwordChangeRequired = () =>
  new DomainError(
    'password_change_required',
    'An administrator reset your password: choose a new one (POST /api/me/password) before anything else.',
  );

/** Refuses with 403 unless the signed-in user has one of the roles. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user || !roles.includes(req.user.role)) {
      throw forbidden(`Only ${roles.join(' or ')} users may do this.`);
    }
    next();
  };
}

/** The signed-in user of a request that passed `authenticate`. */
export function currentUser(req: Request): User {
  if (!req.user) throw new Error('route is missing the authenticate middleware');
  return req.user;
}
