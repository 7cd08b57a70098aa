import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { User } from '@tripdesk/shared';
import { sessionKeys } from '../api/query-keys.ts';
import { ROLE_LABELS } from '../shell/sections.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { MySessions } from './MySessions.tsx';
import './account.css';

/** Any signed-in user: their password and where they are signed in. */
export function AccountSection({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const [changed, setChanged] = useState(false);
  return (
    <section className="section account" aria-labelledby="section-title">
      <div className="section-head">
        <h1 id="section-title">Your account</h1>
      </div>
      <p className="muted">
        {user.name} · <span className="mono">{user.email}</span> · {ROLE_LABELS[user.role]}
      </p>
      <section className="account-panel" aria-labelledby="change-password-title">
        <h2 id="change-password-title">Change your password</h2>
        <p role="status" className={changed ? 'notice notice-good' : 'visually-hidden'}>
          {changed ? 'Your password is changed. Your other sessions are signed out; this one stays.' : ''}
        </p>
        <ChangePasswordForm
          user={user}
          onChanged={() => {
            setChanged(true);
            void queryClient.invalidateQueries({ queryKey: sessionKeys.sessions });
          }}
        />
      </section>
      <MySessions />
    </section>
  );
}
