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
} as const;
