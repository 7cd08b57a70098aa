import { Router, type RequestHandler } from 'express';
import { apiRoutes, type LoginResponse } from '@tripdesk/shared';
import type { AuthService } from '../../users/auth.ts';
import type { Handlers } from '../mount.ts';
import { parse } from '../validate.ts';

/**
 * POST /api/auth/login (public): the one route that reads a body before the caller is known, so it is
 * mounted before `authenticate`, outside `mount()`, with its table entry's body schema.
 */
export function loginRoutes(auth: AuthService, bodyParser: RequestHandler[]): Router {
  const r = Router();
  r.post('/api/auth/login', ...bodyParser, async (req, res) => {
    const body = parse(apiRoutes.login.body, req.body, 'body');
    const result: LoginResponse = await auth.login(body.email, body.password, {
      ip: req.ip ?? 'unknown',
      userAgent: req.get('user-agent'),
    });
    res.status(200).json(result);
  });
  return r;
}

/** POST /api/auth/logout and GET /api/me (signed in). */
export function sessionHandlers(auth: AuthService) {
  return {
    logout: async ({ user, req }) => {
      await auth.logout(user, req.tokenHash!);
    },
    getMe: ({ user }) => user,
  } satisfies Handlers<'logout' | 'getMe'>;
}
