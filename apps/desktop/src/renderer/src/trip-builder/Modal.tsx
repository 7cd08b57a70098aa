import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE = [
  'button:not([disabled])',
  '[href]',
  'input:not([disabled])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'iframe',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/**
 * A modal dialog of the selling screens: labelled by its title, focus moves in when it opens (to the
 * element marked `data-autofocus`, else the first control) and back to the opener when it closes, Tab
 * stays inside, Escape closes. The page behind is made inert while it is open.
 */
export function Modal({
  title,
  onClose,
  children,
  size = 'normal',
  busy = false,
  describedBy,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  size?: 'normal' | 'wide' | 'full';
  /** While a request runs, Escape and the close button wait for it. */
  busy?: boolean;
  describedBy?: string;
}) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = document.getElementById('root');
    const wasInert = root?.hasAttribute('inert') ?? false;
    root?.setAttribute('inert', '');
    const body = panel.current?.querySelector('.modal-body');
    const marked = body?.querySelector<HTMLElement>('[data-autofocus]');
    const first = marked?.matches(FOCUSABLE) ? marked : body?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? panel.current)?.focus();
    return () => {
      if (!wasInert) root?.removeAttribute('inert');
      // The opener may have been re-rendered away (a result row that changed): then nothing to return to.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // Escape closes even when focus has left the dialog (into its receipt frame, or to the page's body).
  const close = useRef({ onClose, busy });
  close.current = { onClose, busy };
  useEffect(() => {
    const onEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      if (!close.current.busy) close.current.onClose();
    };
    document.addEventListener('keydown', onEscape);
    return () => document.removeEventListener('keydown', onEscape);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Tab' || !panel.current) return;
    const focusable = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && (document.activeElement === first || document.activeElement === panel.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="modal-backdrop">
      <div
        ref={panel}
        className={`modal modal-${size}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div className="modal-head">
          <h2 id={titleId}>{title}</h2>
          <button
            type="button"
            className="button button-quiet button-small"
            aria-label="Close dialog"
            onClick={onClose}
            disabled={busy}
          >
            ✕
          </button>
        </div>
        <div className="modal-body">{children}</div>
      </div>
    </div>,
    document.body,
  );
}
