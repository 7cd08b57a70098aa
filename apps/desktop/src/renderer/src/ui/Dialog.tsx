import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: labelled by its title, focus moves in when it opens and back to where it was when it
 * closes, Tab stays inside, Escape closes. Built here rather than on `<dialog>` because jsdom (the
 * component tests) has no `showModal`.
 */
export function Dialog({
  title,
  onClose,
  children,
  wide = false,
  closeDisabled = false,
  focusKey,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  /** While a request runs, Escape and the close button wait for it. */
  closeDisabled?: boolean;
  /** Changes when the content is replaced (the next step of a flow): focus moves to the new content. */
  focusKey?: string;
}) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      // The opener may have been re-rendered away (a row that changed); then focus falls to the body.
      if (opener && opener.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    const first =
      body.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      body.current?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? panel.current)?.focus();
  }, [focusKey]);

  // Escape closes even when focus has fallen out of the dialog (a button that went away as it was used).
  const close = useRef({ onClose, closeDisabled });
  close.current = { onClose, closeDisabled };
  useEffect(() => {
    const onEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      if (!close.current.closeDisabled) close.current.onClose();
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
    if (event.shiftKey && document.activeElement === first) {
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
        className={wide ? 'modal modal-wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div className="modal-head">
          <h2 id={titleId}>{title}</h2>
          <button
            type="button"
            className="button button-quiet button-small"
            aria-label="Close"
            onClick={onClose}
            disabled={closeDisabled}
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
