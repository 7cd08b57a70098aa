import { LoginRequestSchema, LoginResponseSchema, UserSchema } from '../users.ts';
import { signedIn, route } from './route.ts';

export const authRoutes = {
  login: route({
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    access: 'public',
    summary: 'Log in with email and password',
    description:
      'Outside Idempotency-Key handling: there is no user yet to scope a key to, so a key sent here is ' +
      'ignored and a repeated login opens another session.',
    body: LoginRequestSchema,
    success: { status: 200, description: 'A bearer token and the user.', schema: LoginResponseSchema },
    errors: ['unauthenticated'],
  }),
  logout: route({
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    access: signedIn,
    summary: 'Log out: the token stops working',
    success: { status: 204, description: 'Logged out.' },
    idempotencyKey: 'optional',
  }),
  getMe: route({
    method: 'get',
    path: '/api/me',
    tag: 'auth',
    access: signedIn,
    summary: 'The user the token belongs to',
    success: { status: 200, description: 'The current user.', schema: UserSchema },
  }),
} as const;
