import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/api-error.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormAlert } from '../ui/form-field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';

/**
 * A confirmation that says what will happen (retire, reinstate, put back in order), runs one request and
 * shows the server's refusal in its own words.
 */
export function ConfirmChangeDialog<T>({
  title,
  children,
  label,
  busyLabel,
  tone = 'primary',
  run,
  onDone,
  onClose,
}: {
  title: string;
  children: ReactNode;
  label: string;
  busyLabel: string;
  tone?: 'primary' | 'danger';
  run: () => Promise<T>;
  onDone: (result: T) => void;
  onClose: () => void;
}) {
  const change = useMutation<T, ApiError>({ mutationFn: run, onSuccess: onDone });
  return (
    <Dialog title={title} onClose={onClose} busy={change.isPending}>
      {children}
      <FormAlert message={change.error ? refusalInWords(change.error) : null} />
      <FormFooter
        label={label}
        busy={change.isPending}
        busyLabel={busyLabel}
        tone={tone}
        autoFocus
        onConfirm={() => change.mutate()}
        onCancel={onClose}
        cancelLabel="Keep it as it is"
      />
    </Dialog>
  );
}

/** A refusal in words: the server's own sentence for a 409 (it names the night or the seats). */
export function refusalInWords(error: ApiError): string {
  return error.status === 409 && error.detail ? error.detail : error.message;
}
