import { described, Field } from './form-field.tsx';

/** A labelled calendar-date input (check-in, pick-up, departure…): the same markup for every date. */
export function DateField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  min,
  className,
  autoFocus = false,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  min?: string;
  className?: string;
  /** Marks the input as the one a dialog focuses first. */
  autoFocus?: boolean;
}) {
  return (
    <Field id={id} label={label} error={error} hint={hint} {...(className ? { className } : {})}>
      <input
        id={id}
        type="date"
        min={min}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-autofocus={autoFocus || undefined}
        {...described(id, error, hint !== undefined)}
      />
    </Field>
  );
}
