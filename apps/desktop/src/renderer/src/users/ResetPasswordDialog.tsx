import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { User } from '@tripdesk/shared';
import { call } from '../api/call.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormAlert } from '../ui/form-field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import './users.css';

/**
 * Admin: gives a user a temporary password, made up by the server and shown here once, with a copy
 * button. The user is signed out everywhere and must choose their own password at the next sign-in.
 */
export function ResetPasswordDialog({
  user,
  onReset,
  onClose,
}: {
  user: User;
  onReset: (user: User) => void;
  onClose: () => void;
}) {
  const reset = useMutation({
    mutationFn: () => call('resetUserPassword', { params: { userId: user.id } }),
    onSuccess: (answer) => onReset(answer.user),
  });
  const [copied, setCopied] = useState<'idle' | 'copied' | 'refused'>('idle');
  const temporary = reset.data?.temporaryPassword;

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      setCopied('refused');
    }
  };

  if (temporary) {
    return (
      <Dialog title={`Temporary password for ${user.name}`} onClose={onClose} focusKey="shown">
        <p>
          Give this password to {user.name} in person or by phone. It is shown only now: once this window is
          closed nobody can see it again. At their next sign-in they choose their own.
        </p>
        <div className="temporary-password">
          <input
            aria-label="Temporary password"
            className="mono"
            readOnly
            value={temporary}
            ref={(el) => el?.select()}
            data-autofocus
          />
          <button type="button" className="button" onClick={() => void copy(temporary)}>
            Copy
          </button>
        </div>
        <p role="status" className={copied === 'idle' ? 'visually-hidden' : 'muted'}>
          {copied === 'copied'
            ? 'Copied.'
            : copied === 'refused'
              ? 'The clipboard is not available here: the password is selected, press Ctrl+C.'
              : ''}
        </p>
        <FormFooter label="Done" busy={false} busyLabel="" onConfirm={onClose} />
      </Dialog>
    );
  }
  return (
    <Dialog title={`Reset the password of ${user.name}?`} onClose={onClose} busy={reset.isPending}>
      <p>
        {user.name} is signed out everywhere at once. You get a temporary password to give them; with it they
        sign in and must choose a new password before doing anything else.
      </p>
      <FormAlert
        message={
          reset.error
            ? reset.error.code === 'invalid_transition'
              ? reset.error.detail
              : reset.error.message
            : null
        }
      />
      <FormFooter
        label="Reset password"
        busy={reset.isPending}
        busyLabel="Resetting…"
        tone="danger"
        onConfirm={() => reset.mutate()}
        autoFocus
        onCancel={onClose}
      />
    </Dialog>
  );
}
