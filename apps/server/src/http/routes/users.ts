import { Router } from 'express';
import { z } from 'zod';
import { CreateUserRequestSchema, UpdateUserRequestSchema, type UserList } from '@tripdesk/shared';
import type { UsersService } from '../../users/users.ts';
import { currentUser, requireRole } from '../auth.ts';
import { parse } from '../validate.ts';

const UserParams = z.object({ userId: z.string().min(1).max(100) });

/** The users admin API: admins only. */
export function userRoutes(users: UsersService): Router {
  const r = Router();
  r.use('/api/users', requireRole('admin'));
  r.post('/api/users', async (req, res) => {
    const body = parse(CreateUserRequestSchema, req.body, 'body');
    res.status(201).json(await users.create(body));
  });
  r.get('/api/users', async (_req, res) => {
    const list: UserList = { items: await users.list() };
    res.json(list);
  });
  r.patch('/api/users/:userId', async (req, res) => {
    const { userId } = parse(UserParams, req.params, 'params');
    const body = parse(UpdateUserRequestSchema, req.body, 'body');
    res.json(await users.update(userId, body, currentUser(req).id));
  });
  return r;
}
