import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type ChangeItemRequest,
  type Item,
  type ItemChangeResult,
  type LocalTestPaymentMethod,
  type Trip,
} from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { attemptKey } from '../trip-builder/attempt-key.ts';
import { Dialog } from '../ui/Dialog.tsx';
import {
  declineWords,
  endsAttempt,
  PAYMENT_METHOD_ORDER,
  TEST_PAYMENT_METHODS,
} from '../trip-builder/payment-methods.ts';
import { ITEM_KIND, itemTitle } from './trip-words.ts';
import { isMissingRoute } from './trip-queries.ts';
import { Field } from '../ui/form-field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { searchKeys, tripKeys } from '../api/query-keys.ts';
import { CarChangeFields, carChange, carDraftOf } from './CarChangeFields.tsx';
import { FlightChangeFields, flightChange, flightDraftOf } from './FlightChangeFields.tsx';
import { HotelChangeFields, hotelChange, hotelDraftOf } from './HotelChangeFields.tsx';
import { ItemChanged } from './ItemChanged.tsx';
import { call } from '../api/call.ts';

async function changeItem(tripId: string, itemId: string, change: ChangeItemRequest, key: string) {
  // Paying a difference can take a while when the gateway is slow; a repeat gets the first outcome.
  return call('changeTripItem', {
    params: { tripId, itemId },
    body: change,
    idempotencyKey: key,
    timeout: 60_000,
  });
}

function problemWords(error: ApiError): string {
  if (isMissingRoute(error))
    return 'This server cannot change sold items yet. Ask your administrator to update it.';
  if (error.code === 'payment_declined') return `${declineWords(error)} The item is unchanged.`;
  if (error.code === 'validation_failed') {
    if (error.errors.some((e) => e.path.endsWith('paymentMethodId')))
      return 'The change costs more: choose the card that pays the difference.';
    const lines = error.errors.map((e) => `${e.path.replace(/^body\.?/, '') || 'Change'}: ${e.message}.`);
    return `Some details need correcting. ${lines.join(' ')}`;
  }
  return error.message;
}

/**
 * Changing a sold item in place: other dates or room type at the same hotel, other seats or fare class
 * on the same flight or another flight on its route, corrected passenger names (free), another category
 * or dates at the same station. The new units are held before the
 * old are given back; a dearer change charges the difference, a cheaper one refunds it.
 */
export function ChangeItemDialog({ trip, item, onClose }: { trip: Trip; item: Item; onClose: () => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const key = useRef(attemptKey());
  const [method, setMethod] = useState<LocalTestPaymentMethod | ''>('');
  const [hotel, setHotel] = useState(() => (item.type === 'hotel' ? hotelDraftOf(item) : null));
  const [flight, setFlight] = useState(() => (item.type === 'flight' ? flightDraftOf(item) : null));
  const [car, setCar] = useState(() => (item.type === 'car' ? carDraftOf(item) : null));
  const [nothing, setNothing] = useState(false);

  const change = useMutation<ItemChangeResult, ApiError, ChangeItemRequest>({
    mutationFn: (body) => changeItem(trip.id, item.id, body, key.current),
    onSuccess: (result) => {
      key.current = attemptKey();
      queryClient.setQueryData(tripKeys.detail(trip.id), result.trip);
      void queryClient.invalidateQueries({ queryKey: tripKeys.all });
      void queryClient.invalidateQueries({ queryKey: searchKeys.all });
    },
    onError: (error) => {
      if (endsAttempt(error)) key.current = attemptKey();
    },
  });

  const build = (): ChangeItemRequest | null => {
    const payment = method ? { paymentMethodId: method } : {};
    switch (item.type) {
      case 'hotel':
        return hotel ? hotelChange(item, hotel, payment) : null;
      case 'flight':
        return flight ? flightChange(item, flight, payment) : null;
      case 'car':
        return car ? carChange(item, car, payment) : null;
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (change.isPending) return;
    const body = build();
    setNothing(body === null);
    if (body) change.mutate(body);
  };

  const title = `Change ${ITEM_KIND[item.type].toLowerCase()}: ${itemTitle(item)}`;

  if (change.isSuccess) return <ItemChanged result={change.data} onClose={onClose} />;

  return (
    <Dialog
      title={title}
      onClose={onClose}
      busy={change.isPending}
      size={item.type === 'flight' ? 'wide' : 'normal'}
    >
      <form className="hold-form" onSubmit={submit} noValidate aria-label={title}>
        {item.type === 'hotel' && hotel ? (
          <HotelChangeFields
            id={id}
            item={item}
            draft={hotel}
            onDraft={(c) => setHotel({ ...hotel, ...c })}
          />
        ) : null}
        {item.type === 'flight' && flight ? (
          <FlightChangeFields
            id={id}
            item={item}
            draft={flight}
            onDraft={(c) => setFlight({ ...flight, ...c })}
          />
        ) : null}
        {item.type === 'car' && car ? (
          <CarChangeFields id={id} item={item} draft={car} onDraft={(c) => setCar({ ...car, ...c })} />
        ) : null}
        <Field id={`${id}-method`} label="If it costs more, charge the difference to">
          <select
            id={`${id}-method`}
            value={method}
            onChange={(e) => setMethod(e.target.value as LocalTestPaymentMethod | '')}
          >
            <option value="">No card (only if it costs the same or less)</option>
            {PAYMENT_METHOD_ORDER.map((m) => (
              <option key={m} value={m}>
                {TEST_PAYMENT_METHODS[m]}
              </option>
            ))}
          </select>
        </Field>
        {nothing ? (
          <p className="form-error" role="alert">
            Nothing is changed yet: pick other dates, another room, flight, fare class, seats, names or
            category.
          </p>
        ) : null}
        {change.isError ? (
          <p className="form-error" role="alert">
            {problemWords(change.error)}
          </p>
        ) : null}
        <FormFooter
          label="Change item"
          busy={change.isPending}
          busyLabel="Changing…"
          blocked={change.isPending}
          onCancel={onClose}
          cancelLabel="Keep as it is"
        />
      </form>
    </Dialog>
  );
}
