import { useMutation } from '@tanstack/react-query';
import type { User } from '@tripdesk/shared';
import { call } from '../api/call.ts';
import { useSession } from '../session/session-store.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import './account.css';

/**
 * Right after signing in with a password an administrator reset: the server answers nothing else until
 * the user chooses their own, so this is all there is (and a way out).
 */
export function ChooseNewPasswordScreen({ user, token }: { user: User; token: string }) {
  const signOut = useMutation({
    mutationFn: () => call('logout'),
    onSettled: () => useSession.getState().end(),
  });
  return (
    <main className="centered-page">
      <div className="card choose-password" aria-labelledby="choose-password-title" role="region">
        <h1 id="choose-password-title">Choose a new password</h1>
        <p>
          An administrator reset the password of <strong>{user.name}</strong>. Type the temporary password you
          were given, then a new one only you know.
        </p>
        <ChangePasswordForm
          user={user}
          currentLabel="Temporary password"
          submitLabel="Save and continue"
          onChanged={() => {
            const { mustChangePassword: _done, ...rest } = user;
            useSession.getState().start(token, rest);
          }}
        />
        <p className="server-line muted">
          <button type="button" className="link-button" onClick={() => signOut.mutate()}>
            Sign out instead
          </button>
        </p>
      </div>
    </main>
  );
}
