import type { ReactNode } from 'react';

/**
 * The row under a form or a confirmation: the action, which says what it is doing while its request
 * runs, and a way back that waits for that request.
 */
export function FormFooter({
  label,
  busyLabel,
  busy,
  tone = 'primary',
  onConfirm,
  blocked,
  disabled,
  autoFocus = false,
  onCancel,
  cancelLabel = 'Cancel',
}: {
  label: ReactNode;
  busyLabel: string;
  busy: boolean;
  tone?: 'primary' | 'danger';
  /** A confirmation outside a form: the action runs this (once) instead of submitting. */
  onConfirm?: () => void;
  /** Announced as unavailable, but kept focusable so the form can say why on submit. */
  blocked?: boolean;
  /** Not usable at all. */
  disabled?: boolean;
  /** Marks the action as the one a dialog focuses first. */
  autoFocus?: boolean;
  /** No way back is shown without it. */
  onCancel?: () => void;
  cancelLabel?: string;
}) {
  return (
    <div className="form-actions">
      <button
        type={onConfirm ? 'button' : 'submit'}
        className={`button button-${tone}`}
        data-autofocus={autoFocus || undefined}
        aria-keyshortcuts={onConfirm ? undefined : 'Control+Enter'}
        title={onConfirm ? undefined : 'Ctrl+Enter'}
        aria-disabled={blocked || undefined}
        aria-busy={busy}
        disabled={disabled}
        onClick={
          onConfirm
            ? () => {
                if (!busy) onConfirm();
              }
            : undefined
        }
      >
        {busy ? busyLabel : label}
      </button>
      {onCancel ? (
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </button>
      ) : null}
    </div>
  );
}
