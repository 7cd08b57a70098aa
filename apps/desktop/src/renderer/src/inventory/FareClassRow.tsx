import type { FareClassDraft, FieldKey } from './flight-draft.ts';
import { draftSeats } from './flight-draft.ts';
import { described, Field } from '../ui/form-field.tsx';
import { MoneyField } from '../ui/MoneyField.tsx';

/** One fare class of a new flight: code, name, seat price, and the rows and letters its seats take. */
export function FareClassRow({
  index: i,
  draft,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  draft: FareClassDraft;
  errors: Partial<Record<FieldKey, string>>;
  onChange: (change: Partial<FareClassDraft>) => void;
  /** Null for the only fare class, which cannot go. */
  onRemove: (() => void) | null;
}) {
  const seats = draftSeats(draft);
  const fid = (f: string) => `new-flight-fc${i}-${f}`;
  // The visible labels repeat in every fare class; the accessible names say which class.
  const named = (what: string) => ({ 'aria-label': `Fare class ${i + 1} ${what}` });
  return (
    <div
      className="fare-class-row"
      role="group"
      aria-label={`Fare class ${i + 1}${draft.code.trim() ? ` (${draft.code.trim()})` : ''}`}
    >
      <Field id={fid('code')} label="Code" error={errors[`fc${i}.code`]} className="field-narrow">
        <input
          id={fid('code')}
          autoComplete="off"
          spellCheck={false}
          value={draft.code}
          onChange={(e) => onChange({ code: e.target.value.toUpperCase() })}
          {...named('code')}
          {...described(fid('code'), errors[`fc${i}.code`])}
        />
      </Field>
      <Field id={fid('name')} label="Name" error={errors[`fc${i}.name`]}>
        <input
          id={fid('name')}
          autoComplete="off"
          value={draft.name}
          onChange={(e) => onChange({ name: e.target.value })}
          {...named('name')}
          {...described(fid('name'), errors[`fc${i}.name`])}
        />
      </Field>
      <MoneyField
        id={fid('price')}
        label="Seat price"
        amount={draft.amount}
        currency={draft.currency}
        onAmount={(amount) => onChange({ amount })}
        onCurrency={(currency) => onChange({ currency })}
        error={errors[`fc${i}.price`]}
        accessibleName={`Fare class ${i + 1} seat price`}
      />
      <Field
        id={fid('seats')}
        label="Rows"
        error={errors[`fc${i}.seats`]}
        hint={typeof seats === 'string' ? 'e.g. 1-3' : `${seats.length} seats, ${seats[0]}–${seats.at(-1)}`}
      >
        <input
          id={fid('seats')}
          autoComplete="off"
          spellCheck={false}
          value={draft.rows}
          onChange={(e) => onChange({ rows: e.target.value })}
          {...named('rows')}
          {...described(fid('seats'), errors[`fc${i}.seats`], true)}
        />
      </Field>
      <Field id={fid('letters')} label="Seat letters" hint="e.g. A-F, ACDF" className="field-narrow">
        <input
          id={fid('letters')}
          autoComplete="off"
          spellCheck={false}
          value={draft.letters}
          onChange={(e) => onChange({ letters: e.target.value.toUpperCase() })}
          {...named('seat letters')}
          aria-describedby={`${fid('letters')}-hint`}
        />
      </Field>
      <button
        type="button"
        className="button button-quiet button-small fare-class-remove"
        aria-label={`Remove fare class ${i + 1}`}
        disabled={onRemove === null}
        onClick={onRemove ?? undefined}
      >
        Remove
      </button>
    </div>
  );
}
