import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './Dialog.css';

const FOCUSABLE = [
  'button:not([disabled])',
  '[href]',
  'input:not([disabled])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'iframe',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/** The one accessible name of every dialog's ✕ button. */
export const CLOSE_LABEL = 'Close';

/**
 * A modal dialog: labelled by its title, focus moves in when it opens (to the element marked
 * `data-autofocus`, else the first control) and back to the opener when it closes, Tab stays inside,
 * Ctrl+Enter submits its form, Escape closes, and the page behind is inert while it is open. Built here rather than on `<dialog>`
 * because jsdom (the component tests) has no `showModal`.
 */
export function Dialog({
  title,
  onClose,
  children,
  size = 'normal',
  busy = false,
  focusKey,
  describedBy,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  size?: 'normal' | 'wide' | 'full';
  /** While a request runs, Escape and the close button wait for it. */
  busy?: boolean;
  /** Changes when the content is replaced (the next step of a flow): focus moves to the new content. */
  focusKey?: string;
  describedBy?: string;
}) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = document.getElementById('root');
    const wasInert = root?.hasAttribute('inert') ?? false;
    root?.setAttribute('inert', '');
    return () => {
      if (!wasInert) root?.removeAttribute('inert');
      // The opener may have been re-rendered away (a row that changed): then focus falls to the body.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    const marked = body.current?.querySelector<HTMLElement>('[data-autofocus]');
    const first = marked?.matches(FOCUSABLE) ? marked : body.current?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? panel.current)?.focus();
  }, [focusKey]);

  // Escape closes even when focus has left the dialog (into a receipt frame, or a button that went away).
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
    // Ctrl+Enter (⌘+Enter) submits the dialog's form from any field, a select or a seat map included.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
      const target = event.target instanceof Element ? event.target.closest('form') : null;
      const form = target ?? body.current?.querySelector('form');
      if (form) {
        event.preventDefault();
        form.requestSubmit();
      }
      return;
    }
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
        className={size === 'normal' ? 'modal' : `modal modal-${size}`}
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
            aria-label={CLOSE_LABEL}
            onClick={onClose}
            disabled={busy}
          >
            ✕
          </button>
        </div>
        <div ref={body} className="modal-body">
          {children}
        </div>
      </div>
    </div>,
    document.body,
  );
}
