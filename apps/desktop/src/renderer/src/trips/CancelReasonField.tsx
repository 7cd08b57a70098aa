import { Field } from '../ui/form-field.tsx';

/** The optional reason a cancel records (a trip's or one item's); it has the keyboard when the dialog opens. */
export function CancelReasonField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (reason: string) => void;
}) {
  return (
    <Field id={id} label="Reason (optional)">
      <textarea
        id={id}
        rows={2}
        maxLength={500}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-autofocus
      />
    </Field>
  );
}
