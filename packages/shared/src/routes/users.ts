import { PasswordResetRequestSchema, PasswordResetResponseSchema } from '../accounts.ts';
import {
  CreateUserRequestSchema,
  UpdateUserRequestSchema,
  UserListSchema,
  UserParamsSchema,
  UserSchema,
} from '../users.ts';
import { adminOnly, route } from './route.ts';

export const userRoutes = {
  createUser: route({
    method: 'post',
    path: '/api/users',
    tag: 'users',
    access: adminOnly,
    summary: 'Create a user (admin)',
    description: '`hotelId` is required for `frontdesk`: the hotel whose desk they staff.',
    body: CreateUserRequestSchema,
    success: { status: 201, description: 'The new user.', schema: UserSchema },
    errors: ['forbidden'],
    idempotencyKey: 'optional',
  }),
  listUsers: route({
    method: 'get',
    path: '/api/users',
    tag: 'users',
    access: adminOnly,
    summary: 'List users (admin)',
    success: { status: 200, description: 'Every user.', schema: UserListSchema },
    errors: ['forbidden'],
  }),
  updateUser: route({
    method: 'patch',
    path: '/api/users/{userId}',
    tag: 'users',
    access: adminOnly,
    summary: 'Change a user (admin; extension)',
    description: 'Rename, change role or hotel, reset the password, or disable the account.',
    params: UserParamsSchema,
    body: UpdateUserRequestSchema,
    success: { status: 200, description: 'The user as changed.', schema: UserSchema },
    errors: ['forbidden', 'not_found'],
  }),
  resetUserPassword: route({
    method: 'post',
    path: '/api/users/{userId}/password-reset',
    tag: 'users',
    access: adminOnly,
    summary: 'Reset a user’s password (admin; extension)',
    description:
      'Gives the user a temporary password (the one sent, or a generated one answered this once), ends ' +
      'their sessions, and makes them choose a new password at their next sign-in: until then every ' +
      'action but `GET /api/me`, `POST /api/me/password` and logout answers 403 `password_change_required`.',
    params: UserParamsSchema,
    body: PasswordResetRequestSchema,
    bodyRequired: false,
    success: {
      status: 200,
      description: 'The user, and the generated temporary password.',
      schema: PasswordResetResponseSchema,
    },
    errors: ['forbidden', 'not_found'],
    idempotencyKey: 'optional',
  }),
} as const;
