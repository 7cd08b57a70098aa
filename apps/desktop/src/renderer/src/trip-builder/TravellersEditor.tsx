import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { ageOn, EARLIEST_BIRTH_DATE, TravellerKindSchema, type TravellerKind } from '@tripdesk/shared';
import { DateField } from '../ui/DateField.tsx';
import { deskDate } from '../ui/formats.ts';
import { DOCUMENT_WORDS } from './travel-documents.ts';
import {
  emptyDraft,
  hasPapers,
  KIND_WORDS,
  type DocumentDraft,
  type TravellerDraft,
} from './traveller-drafts.ts';

/**
 * The travellers as rows to type into: name, adult / child / infant, age (children and infants). The
 * first row is the lead. Keyboard-first: Enter in the last name adds a row (Ctrl+Enter saves), a row's
 * ✕ removes it, focus moves to the new row. Each row's "Docs" opens its date of birth and travel
 * document (for flights), optional and closed by default so the quick sale never passes through them.
 */
export function TravellersEditor({
  drafts,
  onChange,
  invalidRow,
}: {
  drafts: readonly TravellerDraft[];
  /** Takes an update of the rows (several may come in one event: a date field's text and its value). */
  onChange: (update: (drafts: TravellerDraft[]) => TravellerDraft[]) => void;
  invalidRow?: number | null;
}) {
  const id = useId();
  // The control to focus once the rows have re-rendered (a row added, removed, or made a child).
  const [focus, setFocus] = useState<string | null>(null);
  useEffect(() => {
    if (focus === null) return;
    document.getElementById(focus)?.focus();
    setFocus(null);
  }, [focus]);
  const focusName = (row: number) => setFocus(`${id}-name-${row}`);
  const set = (row: number, change: Partial<TravellerDraft>) =>
    onChange((rows) => rows.map((d, i) => (i === row ? { ...d, ...change } : d)));
  /** A change made from the row as it is now (after any change earlier in the same event). */
  const update = (row: number, change: (d: TravellerDraft) => Partial<TravellerDraft>) =>
    onChange((rows) => rows.map((d, i) => (i === row ? { ...d, ...change(d) } : d)));
  const setDocument = (row: number, change: Partial<DocumentDraft>) =>
    update(row, (d) => ({ document: { ...d.document, ...change } }));
  const setUnreadable = (row: number, field: 'dateOfBirth' | 'expiry', unreadable: boolean) =>
    update(row, (d) => ({ unreadable: { ...d.unreadable, [field]: unreadable } }));
  const today = deskDate(Date.now());
  const togglePapers = (row: number) => {
    const open = !drafts[row]!.papersOpen;
    set(row, { papersOpen: open });
    if (open) setFocus(`${id}-dob-${row}`);
  };
  const add = (kind: TravellerKind = 'adult') => {
    onChange((rows) => [...rows, emptyDraft(kind)]);
    focusName(drafts.length);
  };
  const remove = (row: number) => {
    onChange((rows) => rows.filter((_, i) => i !== row));
    focusName(Math.max(0, row - 1));
  };
  const onNameKey = (row: number) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && row === drafts.length - 1) {
      e.preventDefault();
      add();
    }
  };

  return (
    <div className="travellers-editor">
      <ol className="traveller-rows">
        {drafts.map((d, i) => (
          <li className={`traveller-row${invalidRow === i ? ' traveller-row-invalid' : ''}`} key={i}>
            <label className="visually-hidden" htmlFor={`${id}-name-${i}`}>
              {i === 0 ? 'Lead traveller name' : `Traveller ${i + 1} name`}
            </label>
            <input
              id={`${id}-name-${i}`}
              className="traveller-name"
              autoComplete="off"
              spellCheck={false}
              placeholder={i === 0 ? 'Lead traveller' : `Traveller ${i + 1}`}
              value={d.name}
              aria-invalid={invalidRow === i || undefined}
              onChange={(e) => set(i, { name: e.target.value })}
              onKeyDown={onNameKey(i)}
            />
            <label className="visually-hidden" htmlFor={`${id}-kind-${i}`}>
              {`Traveller ${i + 1} type`}
            </label>
            <select
              id={`${id}-kind-${i}`}
              value={d.kind}
              onChange={(e) => {
                const kind = e.target.value as TravellerKind;
                set(i, { kind, ...(kind === 'adult' ? { age: '' } : {}) });
                if (kind !== 'adult') setFocus(`${id}-age-${i}`);
              }}
            >
              {TravellerKindSchema.options.map((k) => (
                <option key={k} value={k}>
                  {KIND_WORDS[k]}
                </option>
              ))}
            </select>
            <label className="visually-hidden" htmlFor={`${id}-age-${i}`}>
              {`Traveller ${i + 1} age`}
            </label>
            <input
              id={`${id}-age-${i}`}
              className="traveller-age"
              inputMode="numeric"
              placeholder={d.kind === 'adult' ? '' : 'age'}
              disabled={d.kind === 'adult'}
              value={d.age}
              onChange={(e) => set(i, { age: e.target.value.replace(/\D/g, '').slice(0, 3) })}
            />
            <button
              type="button"
              className={`button button-small button-quiet traveller-papers-toggle${hasPapers(d) ? ' traveller-papers-filled' : ''}`}
              aria-expanded={d.papersOpen === true}
              aria-controls={`${id}-papers-${i}`}
              aria-label={`Documents of traveller ${i + 1}${d.name ? ` (${d.name})` : ''}`}
              title="Date of birth and travel document (for flights)"
              onClick={() => togglePapers(i)}
            >
              Docs{hasPapers(d) ? ' ✓' : ''}
            </button>
            {i > 0 ? (
              <button
                type="button"
                className="button button-small button-quiet"
                aria-label={`Remove traveller ${i + 1}${d.name ? ` (${d.name})` : ''}`}
                onClick={() => remove(i)}
              >
                ✕
              </button>
            ) : (
              <span className="traveller-lead-tag">lead</span>
            )}
            {d.papersOpen ? (
              <fieldset className="traveller-papers" id={`${id}-papers-${i}`}>
                <legend className="visually-hidden">{`Documents of traveller ${i + 1}`}</legend>
                <DateField
                  id={`${id}-dob-${i}`}
                  label="Date of birth"
                  value={d.dateOfBirth}
                  min={EARLIEST_BIRTH_DATE}
                  max={today}
                  twoDigitYears="past"
                  onTextRead={(kind) => setUnreadable(i, 'dateOfBirth', kind === 'invalid')}
                  onChange={(dateOfBirth) =>
                    update(i, (row) => ({
                      dateOfBirth,
                      // A child's or an infant's age follows from the birth when not typed.
                      ...(dateOfBirth && row.kind !== 'adult' && row.age === ''
                        ? { age: String(ageOn(dateOfBirth, today)) }
                        : {}),
                    }))
                  }
                />
                <div className="field">
                  <label htmlFor={`${id}-doctype-${i}`}>Document</label>
                  <select
                    id={`${id}-doctype-${i}`}
                    value={d.document.type}
                    onChange={(e) => setDocument(i, { type: e.target.value as DocumentDraft['type'] })}
                  >
                    {(['passport', 'id_card'] as const).map((t) => (
                      <option key={t} value={t}>
                        {DOCUMENT_WORDS[t]}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`${id}-docnumber-${i}`}>Number</label>
                  <input
                    id={`${id}-docnumber-${i}`}
                    className="mono"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={20}
                    value={d.document.number}
                    onChange={(e) => setDocument(i, { number: e.target.value.toUpperCase() })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-doccountry-${i}`}>Country</label>
                  <input
                    id={`${id}-doccountry-${i}`}
                    className="mono traveller-country"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={2}
                    placeholder="GB"
                    value={d.document.country}
                    onChange={(e) =>
                      setDocument(i, { country: e.target.value.replace(/[^a-z]/gi, '').toUpperCase() })
                    }
                  />
                </div>
                <DateField
                  id={`${id}-docexpiry-${i}`}
                  label="Expires"
                  value={d.document.expiry}
                  onChange={(expiry) => setDocument(i, { expiry })}
                  onTextRead={(kind) => setUnreadable(i, 'expiry', kind === 'invalid')}
                />
              </fieldset>
            ) : null}
          </li>
        ))}
      </ol>
      <div className="traveller-add">
        <button type="button" className="button button-small" onClick={() => add()}>
          Add traveller
        </button>
        <button type="button" className="button button-small button-quiet" onClick={() => add('child')}>
          Add child
        </button>
      </div>
    </div>
  );
}
