import { parseMoney, type Money } from '@tripdesk/shared';
import { described } from './form-field.tsx';

/** The currencies offered for new rates; the server takes any ISO 4217 code. */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CHF', 'JPY', 'AUD', 'CAD', 'SGD', 'AED'] as const;

/** The amount a person typed as Money, or the sentence saying what is wrong with it. */
export function readMoney(amount: string, currency: string): Money | string {
  const text = amount.trim().replace(/,/g, '');
  if (text === '') return 'Enter an amount.';
  try {
    const money = parseMoney(text, currency);
    return money.amount === 0 ? 'Enter an amount above zero.' : money;
  } catch {
    return /^\d+\.\d+$/.test(text)
      ? `${currency} has fewer decimal places than that.`
      : 'Enter an amount like 154.00 (digits and a decimal point).';
  }
}

/** An amount and its currency side by side; one label names both (the currency has its own). */
export function MoneyField(props: {
  id: string;
  label: string;
  amount: string;
  currency: string;
  onAmount: (value: string) => void;
  onCurrency: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  /** A fuller name than the visible label, where the label repeats (one per fare class). */
  accessibleName?: string;
}) {
  const { id, error, hint } = props;
  const name = props.accessibleName ?? props.label;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <div className="money-input">
        <input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          value={props.amount}
          onChange={(e) => props.onAmount(e.target.value)}
          aria-label={props.accessibleName}
          {...described(id, error, hint !== undefined)}
        />
        <select
          aria-label={`${name}: currency`}
          value={props.currency}
          onChange={(e) => props.onCurrency(e.target.value)}
        >
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      {hint && !error ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
