import { addDays, type CalendarDate } from '@tripdesk/shared';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { CalendarPopup } from './CalendarPopup.tsx';
import {
  addMonths,
  clampDate,
  dateShape,
  formatDateInput,
  readDateInput,
  type DateReading,
} from './date-input.ts';
import { Field } from './form-field.tsx';
import { deskDate } from './formats.ts';
import './DateField.css';

/** The desk's locale: the system's (Electron and Chromium report it as navigator.language). */
function deskLocale(): string | undefined {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : undefined;
}

/**
 * A labelled calendar-date input (check-in, pick-up, departure…), the same for every date in the
 * app: one text box in the locale's order (`dd/mm/yyyy` for en-GB, `mm/dd/yyyy` for en-US) that
 * takes typed dates and shortcuts (see `date-input.ts`), arrows to move the date, and a calendar
 * button with a month grid. The value in and out is ISO `yyyy-mm-dd`; while the text is not a date
 * (incomplete, or 31/02) the form sees `''`, and on leaving the field the clerk sees why.
 *
 * Keys in the box: ↑/↓ a day later/earlier, Shift+↑/↓ and PageUp/PageDown a month, Shift+PageUp/Down
 * a year, Alt+↓ or F4 opens the calendar, Enter tidies the text (and submits the form).
 */
export function DateField({
  id,
  label,
  value,
  onChange,
  onCommit,
  error,
  hint,
  min,
  max,
  className,
  autoFocus = false,
  twoDigitYears,
  onTextRead,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /**
   * The clerk has settled on a date: left the box (`leaving`) or pressed Enter with one typed, picked
   * one in the calendar or moved it with the keys; not called for each key typed (`2` on its way to
   * `24/12`).
   */
  onCommit?: ((value: CalendarDate, how: { leaving: boolean }) => void) | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  min?: string | undefined;
  max?: string | undefined;
  className?: string | undefined;
  /** Marks the input as the one a dialog focuses first. */
  autoFocus?: boolean;
  /** `past` for a date of birth: `84` is 1984, not 2084. */
  twoDigitYears?: 'ahead' | 'past' | undefined;
  /**
   * How the text reads after each change: an optional date's form tells "left empty" (`empty`) from
   * "typed but not a date" (`invalid`), which both send ''.
   */
  onTextRead?: ((kind: DateReading['kind']) => void) | undefined;
}) {
  const shape = useMemo(() => dateShape(deskLocale()), []);
  const show = (date: string) => (date ? formatDateInput(date, shape) : '');
  const [text, setText] = useState(() => show(value));
  const [typedError, setTypedError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  /** The clerk typed in the box since entering it: the text is theirs until they leave. */
  const typing = useRef(false);
  /** The last value this field sent: the parent echoing it back is not a change from outside. */
  const sent = useRef(value);
  const formatId = useId();

  const read = (typed: string): DateReading =>
    readDateInput(typed, { shape, today: deskDate(Date.now()), min, max, twoDigitYears });

  // A value set from outside (a default, another field moving this one) replaces the text, unless
  // the clerk is typing in it: then the text is theirs until they leave the field.
  useEffect(() => {
    if (value === sent.current || typing.current) return;
    sent.current = value;
    setText(show(value));
    setTypedError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `show` only depends on the fixed shape
  }, [value]);

  const send = (next: string) => {
    sent.current = next;
    if (next !== value) onChange(next);
  };

  const onType = (typed: string) => {
    typing.current = true;
    setText(typed);
    setTypedError(null);
    const reading = read(typed);
    onTextRead?.(reading.kind);
    send(reading.kind === 'date' ? reading.value : '');
  };

  /** Leaving the field (or Enter): the text is written out in full, or the clerk is told what is wrong. */
  const settle = (leaving: boolean) => {
    const reading = read(text);
    if (reading.kind === 'date') {
      setText(show(reading.value));
      send(reading.value);
      onCommit?.(reading.value, { leaving });
    } else if (reading.kind === 'invalid') {
      setTypedError(reading.message);
      send('');
    } else if (value) {
      // The form put a value back (a day it cannot do without): show it.
      sent.current = value;
      setText(show(value));
    }
  };

  const pick = (date: CalendarDate) => {
    setText(show(date));
    setTypedError(null);
    onTextRead?.('date');
    send(date);
    onCommit?.(date, { leaving: false });
  };

  const step = (by: { days?: number; months?: number }) => {
    const reading = read(text);
    const from = reading.kind === 'date' ? reading.value : clampDate(deskDate(Date.now()), min, max);
    const moved =
      reading.kind !== 'date' ? from : by.months ? addMonths(from, by.months) : addDays(from, by.days ?? 0);
    pick(clampDate(moved, min, max));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const { key, shiftKey, altKey } = event;
    if ((key === 'ArrowDown' && altKey) || key === 'F4') {
      event.preventDefault();
      setOpen(true);
    } else if (key === 'ArrowUp' || key === 'ArrowDown') {
      event.preventDefault();
      const sign = key === 'ArrowUp' ? 1 : -1;
      step(shiftKey ? { months: sign } : { days: sign });
    } else if (key === 'PageUp' || key === 'PageDown') {
      event.preventDefault();
      const sign = key === 'PageUp' ? 1 : -1;
      step({ months: shiftKey ? 12 * sign : sign });
    } else if (key === 'Enter') {
      settle(false);
    }
  };

  // The popup closes when focus leaves the field and its calendar altogether.
  useLayoutEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const shown = typedError ?? error;
  const reading = read(text);
  const describedBy = [shown ? `${id}-error` : hint ? `${id}-hint` : '', formatId].filter(Boolean).join(' ');

  return (
    <Field id={id} label={label} error={shown ?? undefined} hint={hint} className={className}>
      {/* Escape closes the calendar only, not the dialog the field is in. */}
      <div
        className="date-field"
        ref={wrapper}
        onBlur={(event) => {
          // Tab out of the calendar closes it (a click outside does too, below).
          const to = event.relatedTarget;
          if (open && to instanceof Node && !wrapper.current?.contains(to)) setOpen(false);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || !open) return;
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
          input.current?.focus();
        }}
      >
        <input
          ref={input}
          id={id}
          type="text"
          className="date-field-input"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          placeholder={shape.pattern}
          value={text}
          onChange={(e) => onType(e.target.value)}
          onBlur={() => {
            typing.current = false;
            settle(true);
          }}
          onKeyDown={onKeyDown}
          aria-keyshortcuts="Alt+ArrowDown F4"
          data-autofocus={autoFocus || undefined}
          aria-invalid={shown ? true : undefined}
          aria-describedby={describedBy}
        />
        <span id={formatId} className="visually-hidden">
          {shape.pattern}
        </span>
        <button
          type="button"
          className="date-field-button"
          // Out of the Tab order, so Tab goes field to field as on a desk; Alt+↓ or F4 opens it.
          tabIndex={-1}
          aria-expanded={open}
          aria-haspopup="dialog"
          onClick={() => setOpen((o) => !o)}
        >
          <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
            <rect x="1.5" y="2.5" width="13" height="12" rx="1.5" fill="none" stroke="currentColor" />
            <path d="M1.5 6h13M5 1v3M11 1v3" stroke="currentColor" fill="none" />
          </svg>
          <span className="visually-hidden">Choose date: {label}</span>
        </button>
        {open ? (
          <CalendarPopup
            label={label}
            anchor={wrapper}
            selected={reading.kind === 'date' ? reading.value : null}
            today={deskDate(Date.now())}
            min={min}
            max={max}
            onPick={(date) => {
              pick(date);
              setOpen(false);
              input.current?.focus();
            }}
            onClose={() => {
              setOpen(false);
              input.current?.focus();
            }}
          />
        ) : null}
      </div>
    </Field>
  );
}
