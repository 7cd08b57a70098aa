import { LoginResponseSchema, type User } from '@tripdesk/shared';
import { api, SIGN_IN_PATH } from '../api/client.ts';

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

export async function requestSignIn(credentials: Credentials): Promise<{ token: string; user: User }> {
  const response = await api.post(SIGN_IN_PATH, credentials);
  const { token, user } = LoginResponseSchema.parse(response.data);
  return { token, user };
}

/** Ends the token on the server. The caller forgets it locally whatever the answer. */
export async function requestSignOut(): Promise<void> {
  await api.post('/api/auth/logout');
}
