import type { UsersService } from '../../users/users.ts';
import type { Handlers } from '../mount.ts';

/** The users admin API: admins only (the route table). */
export function userHandlers(users: UsersService) {
  return {
    createUser: ({ body }) => users.create(body),
    listUsers: async () => ({ items: await users.list() }),
    updateUser: ({ user, params, body }) => users.update(params.userId, body, user.id),
    resetUserPassword: ({ user, params, body }) =>
      users.resetPassword(params.userId, body.temporaryPassword, user.id),
  } satisfies Handlers<'createUser' | 'listUsers' | 'updateUser' | 'resetUserPassword'>;
}
