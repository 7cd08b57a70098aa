import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { TravellerKindSchema, type TravellerKind } from '@tripdesk/shared';
import { emptyDraft, KIND_WORDS, type TravellerDraft } from './traveller-drafts.ts';

/**
 * The travellers as rows to type into: name, adult / child / infant, age (children and infants). The
 * first row is the lead. Keyboard-first: Enter in the last name adds a row (Ctrl+Enter saves), a row's
 * ✕ removes it, focus moves to the new row.
 */
export function TravellersEditor({
  drafts,
  onChange,
  invalidRow,
}: {
  drafts: readonly TravellerDraft[];
  onChange: (drafts: TravellerDraft[]) => void;
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
    onChange(drafts.map((d, i) => (i === row ? { ...d, ...change } : d)));
  const add = (kind: TravellerKind = 'adult') => {
    onChange([...drafts, emptyDraft(kind)]);
    focusName(drafts.length);
  };
  const remove = (row: number) => {
    onChange(drafts.filter((_, i) => i !== row));
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
