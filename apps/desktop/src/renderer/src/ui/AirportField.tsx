import { useId, useState, type KeyboardEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Airport } from '@tripdesk/shared';
import { airportKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';
import { described, Field } from './form-field.tsx';
import './AirportField.css';

/** What the field shows for a chosen airport: `LHR · London`. */
export function airportLabel(a: Pick<Airport, 'code' | 'city'>): string {
  return `${a.code} · ${a.city}`;
}

const CODE = /^[A-Z]{3}$/;

/**
 * An airport by code, city or name (WAI-ARIA combobox with a list box): typing "lon" lists London's
 * airports, arrows move, Enter or Tab picks the highlighted one, Escape closes. The value is the IATA
 * code; a typed code that the lookup confirms counts as picked, so "JFK" then Tab still works.
 */
export function AirportField({
  id,
  label,
  value,
  onChange,
  error,
  className,
}: {
  id: string;
  label: string;
  /** The chosen airport's code, '' when none. */
  value: string;
  onChange: (code: string, airport: Airport | null) => void;
  error?: string | undefined;
  className?: string;
}) {
  const listId = useId();
  const [text, setText] = useState(value);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // A value set from outside (a restored search, a swap) shows as its code until the lookup names it.
  const [shownFor, setShownFor] = useState(value);
  if (shownFor !== value) {
    setShownFor(value);
    setText(value);
  }
  const q = text.trim();
  const lookup = useQuery({
    queryKey: airportKeys.search(q),
    queryFn: () => call('listAirports', { query: { q, limit: 8 } }),
    enabled: q.length > 0 && (open || CODE.test(q)),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
  const options = q.length > 0 ? (lookup.data?.items ?? []) : [];
  const highlighted = options[Math.min(active, options.length - 1)];

  // The code typed alone (or given) becomes its airport's label once the lookup confirms it.
  const exact = options.find((a) => a.code === value);
  if (!open && exact && text === value) setText(airportLabel(exact));

  const pick = (a: Airport) => {
    setText(airportLabel(a));
    setShownFor(a.code);
    setOpen(false);
    onChange(a.code, a);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      const n = options.length;
      if (n > 0) setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % n : (i - 1 + n) % n));
    } else if (e.key === 'Enter') {
      if (open && highlighted) {
        e.preventDefault();
        pick(highlighted);
      }
    } else if (e.key === 'Tab') {
      if (open && highlighted && value !== highlighted.code) pick(highlighted);
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      }
    }
  };

  return (
    <Field
      id={id}
      label={label}
      error={error}
      className={className ? `airport-field ${className}` : 'airport-field'}
    >
      <div className="combobox">
        <input
          id={id}
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open && options.length > 0}
          aria-controls={listId}
          aria-activedescendant={open && highlighted ? `${listId}-${highlighted.code}` : undefined}
          placeholder="Code or city"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setOpen(true);
            // Typing unpicks: the field holds a code only once one is chosen.
            if (value !== '') {
              setShownFor('');
              onChange('', null);
            }
          }}
          onFocus={(e) => e.currentTarget.select()}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          {...described(id, error)}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label="Matching airports"
          className="combobox-list"
          hidden={!open || options.length === 0}
        >
          {options.map((a, i) => (
            <li
              key={a.code}
              id={`${listId}-${a.code}`}
              role="option"
              aria-selected={a === highlighted}
              className={a === highlighted ? 'combobox-option is-active' : 'combobox-option'}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(a);
              }}
              onMouseMove={() => setActive(i)}
            >
              <span className="combobox-code">{a.code}</span>
              <span className="combobox-city">
                {a.city}, {a.country}
              </span>
              <span className="combobox-name">{a.name}</span>
            </li>
          ))}
        </ul>
        {open && q.length > 0 && lookup.isSuccess && options.length === 0 ? (
          <p className="combobox-empty" role="status">
            No airport matches “{q}”.
          </p>
        ) : null}
      </div>
    </Field>
  );
}
