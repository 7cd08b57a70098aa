import {
  ChangePasswordRequestSchema,
  EndedSessionsSchema,
  SessionListSchema,
  SessionParamsSchema,
} from '../accounts.ts';
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
  changeMyPassword: route({
    method: 'post',
    path: '/api/me/password',
    tag: 'auth',
    access: signedIn,
    summary: 'Change your own password (extension)',
    description:
      'The current password first; the new one follows the policy of user creation. Your other sessions ' +
      'end; this one stays signed in. A wrong current password is 400 on `body.currentPassword`, braked ' +
      'like a failed sign-in (429 when tried too often). This is also how a ' +
      'user whose password an admin reset chooses their own (until then every other action answers ' +
      '403 `password_change_required`).',
    body: ChangePasswordRequestSchema,
    success: { status: 204, description: 'Changed.' },
    idempotencyKey: 'optional',
  }),
  listMySessions: route({
    method: 'get',
    path: '/api/me/sessions',
    tag: 'auth',
    access: signedIn,
    summary: 'Your signed-in sessions, newest first (extension)',
    description: 'The live sessions of the caller (never a token); `current` marks this one.',
    success: { status: 200, description: 'The live sessions.', schema: SessionListSchema },
  }),
  endMySession: route({
    method: 'delete',
    path: '/api/me/sessions/{sessionId}',
    tag: 'auth',
    access: signedIn,
    summary: 'End one of your sessions (extension)',
    description: 'Another user’s session, or one that has ended, is 404. Ending the current one signs out.',
    params: SessionParamsSchema,
    success: { status: 204, description: 'Ended.' },
    errors: ['not_found'],
  }),
  endMyOtherSessions: route({
    method: 'post',
    path: '/api/me/sessions/end-others',
    tag: 'auth',
    access: signedIn,
    summary: 'End every session of yours but this one (extension)',
    success: { status: 200, description: 'How many ended.', schema: EndedSessionsSchema },
    idempotencyKey: 'optional',
  }),
} as const;
