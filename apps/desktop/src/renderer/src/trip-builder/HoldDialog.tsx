import { useId, useState, type FormEvent, type ReactNode } from 'react';
import {
  CustomerSchema,
  money,
  type AddItemRequest,
  type CancellationPolicy,
  type Customer,
  type ExtraRequest,
  type ItemType,
  type Money,
  type OfferedExtra,
} from '@tripdesk/shared';
import { serverNow } from '../live/server-clock.ts';
import { ITEM_KIND } from '../trips/trip-words.ts';
import {
  takesItems,
  useCurrentTripQuery,
  useHoldItem,
  type HoldFailure,
  type HoldResult,
} from './current-trip.ts';
import { useCurrentTrip } from './current-trip-store.ts';
import { deskOffer, EXTRAS_BY_TYPE, extraRequests } from './extras-catalogue.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { described, Field } from '../ui/form-field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { formatMoney } from '../ui/formats.ts';
import { policyInWords, policyTag, type PolicyContext } from '../ui/policy-words.ts';
import './hold.css';

type CustomerField = 'name' | 'email' | 'phone';

const CUSTOMER_FALLBACK: Readonly<Record<CustomerField, string>> = {
  name: 'Enter the customer’s name.',
  email: 'Enter the customer’s email address, e.g. name@example.com.',
  phone: 'Enter a phone number: digits, spaces and + ( ) . / - only.',
};

/** Field names of the hold request, for messages about them. */
const ITEM_FIELD_WORDS: Readonly<Record<string, string>> = {
  guests: 'Guests per room',
  rooms: 'Rooms',
  checkIn: 'Check-in',
  checkOut: 'Check-out',
  pickUp: 'Pick-up',
  dropOff: 'Drop-off',
  passengers: 'Passengers',
  extras: 'Extras',
  specialRequests: 'Special requests',
};

/** The server's findings about the item, one sentence each, naming the field in the desk's words. */
function itemProblems(error: HoldFailure): string {
  if (error.code === 'rate_limited' && error.detail) return error.detail;
  if (error.code !== 'validation_failed') return error.message;
  const lines = error.errors.map(({ path, message }) => {
    const field = path.replace(/^body\.?/, '');
    const [head, index, sub] = field.split('.');
    const name =
      head === 'passengers' && index !== undefined
        ? `Passenger ${Number(index) + 1}${sub === 'seat' ? ' seat' : ''}`
        : (ITEM_FIELD_WORDS[head ?? ''] ?? 'The request');
    return `${name}: ${message}.`;
  });
  return lines.length > 0
    ? `Some details need correcting. ${lines.join(' ')}`
    : `${error.message} ${error.detail}`;
}

/**
 * The offer's cancellation terms as a row of a hold dialog's summary (a `<dl>`), read before the hold
 * is placed; nothing when the server sent none.
 */
export function PolicyTerm({
  policy,
  context,
  note,
}: {
  policy: CancellationPolicy | undefined;
  context?: PolicyContext;
  /** Said after the terms, e.g. what the fee is counted on. */
  note?: string | undefined;
}) {
  if (!policy) return null;
  return (
    <>
      <dt>Cancellation</dt>
      <dd className={`hold-terms policy-${policyTag(policy)}`} aria-live="polite">
        {policyInWords(policy, context)}
        {note ? <span className="hold-terms-note"> · {note}</span> : null}
      </dd>
    </>
  );
}

/** What the extras chosen so far add: for a summary that follows them (the price, a fee that is a share). */
export interface ChosenExtras {
  /** Their price, or null when none is chosen or the search did not price one of them. */
  readonly total: Money | null;
  /** Some are chosen (priced or not). */
  readonly any: boolean;
}

export interface HoldDialogProps {
  readonly title: string;
  readonly itemType: ItemType;
  /** Bounds of the extras' quantities. */
  readonly size: { rooms: number; guests: number; passengers: number };
  readonly submitLabel: string;
  /** What is being held (and, for flights, the seat map and passengers); a function follows the extras. */
  readonly children: ReactNode | ((extras: ChosenExtras) => ReactNode);
  /** The hold request, or a sentence saying what is missing. */
  readonly build: (extras: ExtraRequest[], specialRequests: string) => AddItemRequest | string;
  /** The offer's extras as the search priced them (one unit over the whole item). */
  readonly offeredExtras?: readonly OfferedExtra[] | undefined;
  /** Said after what the extras add, e.g. the cancellation fee they change (the summary may be scrolled away). */
  readonly extrasNote?: ((extras: ChosenExtras) => ReactNode) | undefined;
  readonly onClose: () => void;
  readonly onHeld: (result: HoldResult) => void;
}

/**
 * Holding one item: its extras and special requests, and the customer when no trip is open yet (the
 * trip is then opened for them). Errors from the server are shown in words under the form; the
 * customer's fields show theirs beside each field.
 */
export function HoldDialog({
  title,
  itemType,
  size,
  submitLabel,
  children,
  build,
  offeredExtras,
  extrasNote,
  onClose,
  onHeld,
}: HoldDialogProps) {
  const formId = useId();
  const current = useCurrentTripQuery();
  const tripId = useCurrentTrip((s) => s.tripId);
  const changing = useCurrentTrip((s) => s.changing);
  const extending = useCurrentTrip((s) => s.extending);
  const previous = current.data;
  // No trip, one that takes no more items, or one the server no longer shows: a new trip is opened.
  const needsCustomer =
    tripId === null ||
    current.isError ||
    (previous !== undefined && !takesItems(previous, serverNow(), extending));
  // A trip whose holds all ran out is sold again to the same customer, most likely.
  const [customer, setCustomer] = useState<Record<CustomerField, string>>(() => ({
    name: previous?.status === 'expired' ? previous.customer.name : '',
    email: previous?.status === 'expired' ? previous.customer.email : '',
    phone: previous?.status === 'expired' ? (previous.customer.phone ?? '') : '',
  }));
  const [customerErrors, setCustomerErrors] = useState<Partial<Record<CustomerField, string>>>({});
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [specialRequests, setSpecialRequests] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const hold = useHoldItem();

  // What this offer sells, as the search priced it (its hotel's, flight's or location's own list); the
  // desk's list of the built-in extras when the dialog was opened without a search row.
  const offers = offeredExtras ? offeredExtras.map((e) => deskOffer(itemType, e)) : EXTRAS_BY_TYPE[itemType];
  const priceOf = (code: string) => offeredExtras?.find((e) => e.code === code)?.price;
  // What the chosen extras add, when the search priced every one of them.
  const chosen = offers.filter((o) => (quantities[o.code] ?? 0) > 0);
  const chosenPrices = chosen.map((o) => priceOf(o.code));
  const extrasTotal =
    chosen.length > 0 && chosenPrices.every((p) => p !== undefined)
      ? money(
          chosen.reduce((sum, o, i) => sum + chosenPrices[i]!.amount * (quantities[o.code] ?? 0), 0),
          chosenPrices[0]!.currency,
        )
      : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (hold.isPending) return;
    setProblem(null);
    let buyer: Customer | null = null;
    if (needsCustomer) {
      const parsed = CustomerSchema.safeParse({
        name: customer.name,
        email: customer.email.trim(),
        ...(customer.phone.trim() ? { phone: customer.phone } : {}),
      });
      if (!parsed.success) {
        const errors: Partial<Record<CustomerField, string>> = {};
        for (const issue of parsed.error.issues) {
          const field = issue.path[0] as CustomerField;
          errors[field] ??= CUSTOMER_FALLBACK[field];
        }
        setCustomerErrors(errors);
        document.getElementById(`${formId}-${Object.keys(errors)[0]}`)?.focus();
        return;
      }
      buyer = parsed.data;
    }
    setCustomerErrors({});
    const request = build(extraRequests(quantities), specialRequests.trim());
    if (typeof request === 'string') {
      setProblem(request);
      return;
    }
    hold.mutate(
      { item: request, customer: buyer },
      {
        onSuccess: (result) => onHeld(result),
        onError: (error) => {
          if (error.step === 'trip' && error.code === 'validation_failed') {
            const errors: Partial<Record<CustomerField, string>> = {};
            for (const { path } of error.errors) {
              const field = path.replace(/^body\.customer\.?/, '') as CustomerField;
              if (field in CUSTOMER_FALLBACK) errors[field] ??= CUSTOMER_FALLBACK[field];
            }
            setCustomerErrors(errors);
          }
          setProblem(error.step === 'item' ? itemProblems(error) : error.message);
        },
      },
    );
  };

  const customerField = (field: CustomerField, label: string, type: string, autoComplete: string) => {
    const id = `${formId}-${field}`;
    const error = customerErrors[field];
    return (
      <Field id={id} label={label} error={error}>
        <input
          id={id}
          type={type}
          autoComplete={autoComplete}
          spellCheck={false}
          value={customer[field]}
          onChange={(e) => setCustomer((c) => ({ ...c, [field]: e.target.value }))}
          {...described(id, error)}
          {...(field === 'name' ? { 'data-autofocus': true } : {})}
        />
      </Field>
    );
  };

  return (
    <Dialog
      title={title}
      onClose={onClose}
      busy={hold.isPending}
      size={itemType === 'flight' ? 'wide' : 'normal'}
    >
      <form className="hold-form" onSubmit={submit} noValidate aria-label={title}>
        {changing && changing.type === itemType ? (
          <p className="notice">
            This replaces the {ITEM_KIND[itemType].toLowerCase()} being changed: once this is held, the old
            one is released.
          </p>
        ) : null}
        {typeof children === 'function' ? children({ total: extrasTotal, any: chosen.length > 0 }) : children}

        {!needsCustomer && previous?.status === 'confirmed' ? (
          <p className="notice">
            Added to the paid trip of <strong>{previous.customer.name}</strong>: it is held until paid, and
            paying charges it alone.
          </p>
        ) : null}
        {needsCustomer ? (
          <fieldset className="hold-fieldset">
            <legend>New trip for the customer</legend>
            <div className="form-grid">
              {customerField('name', 'Customer name', 'text', 'off')}
              {customerField('email', 'Customer email', 'email', 'off')}
              {customerField('phone', 'Customer phone (optional)', 'tel', 'off')}
            </div>
          </fieldset>
        ) : null}

        <fieldset className="hold-fieldset">
          <legend>Extras</legend>
          <div className="extras-grid">
            {offers.map((offer) => {
              const id = `${formId}-extra-${offer.code}`;
              const max = offer.max(size);
              const price = priceOf(offer.code);
              return (
                <div className="field field-inline" key={offer.code}>
                  <label htmlFor={id}>{offer.name}</label>
                  <input
                    id={id}
                    type="number"
                    min={0}
                    max={max}
                    inputMode="numeric"
                    value={quantities[offer.code] ?? 0}
                    onChange={(e) => {
                      const n = Math.max(0, Math.min(max, Math.floor(Number(e.target.value) || 0)));
                      setQuantities((q) => ({ ...q, [offer.code]: n }));
                    }}
                    aria-describedby={`${id}-hint`}
                  />
                  <span id={`${id}-hint`} className="field-hint">
                    {price ? `${formatMoney(price)} each, ${offer.per}` : `${offer.per}; priced when held`}
                  </span>
                </div>
              );
            })}
          </div>
          {extrasTotal ? (
            <p className="extras-total" aria-live="polite">
              Extras add <strong>{formatMoney(extrasTotal)}</strong>
              {extrasNote?.({ total: extrasTotal, any: true })}
            </p>
          ) : null}
        </fieldset>

        <div className="field">
          <label htmlFor={`${formId}-requests`}>Special requests (optional)</label>
          <textarea
            id={`${formId}-requests`}
            rows={2}
            maxLength={1000}
            value={specialRequests}
            onChange={(e) => setSpecialRequests(e.target.value)}
            aria-describedby={`${formId}-requests-hint`}
          />
          <span id={`${formId}-requests-hint`} className="field-hint">
            Passed on to the hotel, airline or rental desk as written.
          </span>
        </div>

        {problem ? (
          <p className="form-error" role="alert">
            {problem}
          </p>
        ) : null}
        <FormFooter
          label={needsCustomer ? `Open trip and ${submitLabel.toLowerCase()}` : submitLabel}
          busy={hold.isPending}
          busyLabel="Holding…"
          blocked={hold.isPending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
