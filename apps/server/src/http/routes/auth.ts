import { Router, type RequestHandler } from 'express';
import { LoginRequestSchema, type LoginResponse } from '@tripdesk/shared';
import type { AuthService } from '../../users/auth.ts';
import { currentUser } from '../auth.ts';
import { parse } from '../validate.ts';

/** POST /api/auth/login (public): the one route that reads a body before the caller is known. */
export function loginRoutes(auth: AuthService, bodyParser: RequestHandler[]): Router {
  const r = Router();
  r.post('/api/auth/login', ...bodyParser, async (req, res) => {
    const body = parse(LoginRequestSchema, req.body, 'body');
    const result: LoginResponse = await auth.login(body.email, body.password, {
      ip: req.ip ?? 'unknown',
      userAgent: req.get('user-agent'),
    });
    res.status(200).json(result);
  });
  return r;
}

/** POST /api/auth/logout and GET /api/me (signed in). */
export function sessionRoutes(auth: AuthService): Router {
  const r = Router();
  r.post('/api/auth/logout', async (req, res) => {
    await auth.logout(currentUser(req), req.tokenHash!);
    res.status(204).end();
  });
  r.get('/api/me', (req, res) => {
    res.json(currentUser(req));
  });
  return r;
}
