import type { AccountService } from '../../users/account.ts';
import type { Handlers } from '../mount.ts';

/** The signed-in user's own account (extension): their password and their sessions. */
export function accountHandlers(account: AccountService) {
  return {
    changeMyPassword: async ({ user, body, req }) => {
      await account.changePassword(user, req.tokenHash!, body, req.ip ?? 'unknown');
    },
    listMySessions: async ({ user, req }) => ({ items: await account.sessions(user, req.tokenHash!) }),
    endMySession: async ({ user, params }) => {
      await account.endSession(user, params.sessionId);
    },
    endMyOtherSessions: async ({ user, req }) => ({
      ended: await account.endOtherSessions(user, req.tokenHash!),
    }),
  } satisfies Handlers<'changeMyPassword' | 'listMySessions' | 'endMySession' | 'endMyOtherSessions'>;
}
