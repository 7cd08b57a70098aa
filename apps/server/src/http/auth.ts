import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role, User } from '@tripdesk/shared';
import { forbidden } from '../errors.ts';
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
    next();
  };
}

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
