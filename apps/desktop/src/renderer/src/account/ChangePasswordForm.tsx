import { useId, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { passwordRule, type User } from '@tripdesk/shared';
import { call } from '../api/call.ts';
import { described, Field, FormAlert, placeFieldErrors, useEditedFields } from '../ui/form-field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';

type PasswordField = 'current' | 'next' | 'repeat';

/**
 * Your own password: the current one, the new one twice. The server holds the new one to the policy
 * of user creation and ends your other sessions; this one stays signed in.
 */
export function ChangePasswordForm({
  user,
  onChanged,
  currentLabel = 'Current password',
  submitLabel = 'Change password',
}: {
  user: User;
  onChanged: () => void;
  currentLabel?: string;
  submitLabel?: string;
}) {
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const edited = useEditedFields<PasswordField>();
  const change = useMutation({
    mutationFn: () => call('changeMyPassword', { body: { currentPassword: current, newPassword: next } }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
      onChanged();
    },
  });
  const server = placeFieldErrors<PasswordField>(
    change.error,
    (path) => (path === 'currentPassword' ? 'current' : path === 'newPassword' ? 'next' : null),
    { current: 'Enter your current password.', next: passwordRule(user.role), repeat: '' },
  );
  const errors = edited.hide(server.byField);
  if (mismatch) errors.repeat = 'The two new passwords differ. Type the same one twice.';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (change.isPending) return;
    edited.reset();
    if (next !== repeat) {
      setMismatch(true);
      change.reset();
      document.getElementById(`${id}-repeat`)?.focus();
      return;
    }
    setMismatch(false);
    change.mutate(undefined, {
      onError: (err) => {
        const field = err.errors.some((e) => e.path === 'body.currentPassword') ? 'current' : 'next';
        document.getElementById(`${id}-${field}`)?.focus();
      },
    });
  };

  return (
    <form className="form password-form" onSubmit={submit} noValidate aria-label={submitLabel}>
      <Field id={`${id}-current`} label={currentLabel} error={errors.current}>
        <input
          id={`${id}-current`}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => {
            setCurrent(e.target.value);
            edited.mark('current');
          }}
          {...described(`${id}-current`, errors.current)}
        />
      </Field>
      <Field id={`${id}-next`} label="New password" error={errors.next} hint={passwordRule(user.role)}>
        <input
          id={`${id}-next`}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => {
            setNext(e.target.value);
            edited.mark('next');
          }}
          {...described(`${id}-next`, errors.next, true)}
        />
      </Field>
      <Field id={`${id}-repeat`} label="Repeat the new password" error={errors.repeat}>
        <input
          id={`${id}-repeat`}
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => {
            setRepeat(e.target.value);
            setMismatch(false);
          }}
          {...described(`${id}-repeat`, errors.repeat)}
        />
      </Field>
      <FormAlert
        message={
          change.error?.code === 'validation_failed' && Object.keys(server.byField).length > 0
            ? null
            : change.error
              ? (server.formError ?? change.error.message)
              : null
        }
      />
      <FormFooter label={submitLabel} busy={change.isPending} busyLabel="Changing…" />
    </form>
  );
}
