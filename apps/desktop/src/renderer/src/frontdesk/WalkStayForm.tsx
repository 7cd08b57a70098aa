import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { Stay, Trip, WalkStayRequest } from '@tripdesk/shared';
import { formatMoney } from '../ui/formats.ts';
import { described, Field, FormAlert, placeFieldErrors } from '../ui/form-field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { useRetryKey } from './retry-key.ts';
import { call } from '../api/call.ts';

/**
 * Walks a guest the hotel has no room for (overbooked) to another hotel: the stay is cancelled here, its
 * nights leave the hotel's count, and the trip records where the guest went, the note and the refund.
 */
export function WalkStayForm({
  stay,
  onWalked,
  onCancel,
}: {
  stay: Stay;
  onWalked: (trip: Trip, message: string) => void;
  onCancel: () => void;
}) {
  const [hotel, setHotel] = useState('');
  const [note, setNote] = useState('');
  const [refund, setRefund] = useState<WalkStayRequest['refund']>('full');
  const [hotelError, setHotelError] = useState<string | null>(null);
  const hotelInput = useRef<HTMLInputElement>(null);
  // The form replaces the check-in form inside the open dialog: the keyboard goes to its first field.
  useEffect(() => hotelInput.current?.focus(), []);
  const retry = useRetryKey();
  const walk = useMutation({
    mutationFn: (body: WalkStayRequest) =>
      call('walkStay', {
        params: { tripId: stay.tripId, itemId: stay.item.id },
        body,
        idempotencyKey: retry.keyFor(JSON.stringify(body)),
      }),
    onSettled: (_trip, error) => retry.settled(error),
    onSuccess: (trip, body) =>
      onWalked(
        trip,
        `${stay.customer.name} walked to ${body.hotel}; the stay is cancelled here` +
          (body.refund === 'full'
            ? ` and ${formatMoney(stay.item.price)} is refunded.`
            : ', nothing refunded.'),
      ),
  });
  const placed = placeFieldErrors<'hotel' | 'note'>(
    walk.error,
    (path) => (path === 'hotel' ? 'hotel' : path === 'note' ? 'note' : null),
    { hotel: 'Say which hotel the guest goes to.', note: 'Keep the note under 1,000 characters.' },
  );
  const error = hotelError ?? placed.byField.hotel;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (walk.isPending) return;
    if (hotel.trim() === '') {
      setHotelError('Say which hotel the guest goes to, e.g. its name and street.');
      document.getElementById('walk-hotel')?.focus();
      return;
    }
    setHotelError(null);
    walk.mutate({ hotel: hotel.trim(), ...(note.trim() ? { note: note.trim() } : {}), refund });
  };

  return (
    <form
      onSubmit={submit}
      className="modal-form walk-form"
      noValidate
      aria-label={`Walk ${stay.customer.name}`}
    >
      <p className="notice">
        No room of this type is free. Walking moves {stay.customer.name} to another hotel: the stay is
        cancelled here and its nights leave the hotel&apos;s count; the trip records where they went.
      </p>
      <Field id="walk-hotel" label="Other hotel" error={error ?? undefined}>
        <input
          id="walk-hotel"
          ref={hotelInput}
          autoComplete="off"
          value={hotel}
          onChange={(e) => {
            setHotel(e.target.value);
            setHotelError(null);
          }}
          {...described('walk-hotel', error ?? undefined)}
        />
      </Field>
      <Field id="walk-note" label="Note (optional)" error={placed.byField.note}>
        <textarea
          id="walk-note"
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          {...described('walk-note', placed.byField.note)}
        />
      </Field>
      <fieldset className="walk-refund">
        <legend>Refund</legend>
        <label className="checkbox-line">
          <input
            type="radio"
            name="walk-refund"
            checked={refund === 'full'}
            onChange={() => setRefund('full')}
          />{' '}
          Refund the stay in full ({formatMoney(stay.item.price)})
        </label>
        <label className="checkbox-line">
          <input
            type="radio"
            name="walk-refund"
            checked={refund === 'none'}
            onChange={() => setRefund('none')}
          />{' '}
          Refund nothing (the hotel pays the other hotel)
        </label>
      </fieldset>
      <FormAlert message={placed.formError && !placed.byField.hotel ? placed.formError : null} />
      <FormFooter
        label="Walk guest"
        tone="danger"
        busy={walk.isPending}
        busyLabel="Walking…"
        onCancel={onCancel}
        cancelLabel="Back"
      />
    </form>
  );
}
