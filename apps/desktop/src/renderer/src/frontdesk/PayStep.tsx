import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { daysBetween, type HotelItem, type LocalTestPaymentMethod, type Trip } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { newIdempotencyKey } from '../api/idempotency-key.ts';
import { Field, FormAlert } from '../ui/form-field.tsx';
import { useDesk, type WalkIn } from './desk-store.ts';
import { FormFooter } from '../ui/FormFooter.tsx';
import { formatMoney, formatNights, formatTimeIn } from '../ui/formats.ts';
import { tripKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';

/** The local gateway's test cards (API.md "Trips"), named as the desk would read them. */
const TEST_CARDS: readonly { id: LocalTestPaymentMethod; label: string }[] = [
  { id: 'pm_card_visa', label: 'Visa test card (approved)' },
  { id: 'pm_card_mastercard', label: 'Mastercard test card (approved)' },
  { id: 'pm_card_visa_chargeDeclined', label: 'Visa test card (declined)' },
  { id: 'pm_card_visa_chargeDeclinedInsufficientFunds', label: 'Visa test card (insufficient funds)' },
  { id: 'pm_card_chargeDeclinedExpiredCard', label: 'Test card (expired)' },
];

const DECLINE_WORDS: Readonly<Record<string, string>> = {
  generic_decline: 'the bank declined it without saying why',
  insufficient_funds: 'there are not enough funds on the card',
  expired_card: 'the card has expired',
};

/** The payment outcome in the desk's words: declines name their reason. */
function paymentMessage(error: ApiError): string {
  if (error.code === 'payment_declined') {
    const reason = DECLINE_WORDS[String(error.extensions.declineCode ?? '')];
    return `The card was declined${reason ? `: ${reason}` : ''}. Nothing was charged; the room stays held. Ask for another card.`;
  }
  return error.message;
}

export function PayStep({ walkIn, trip, timeZone }: { walkIn: WalkIn; trip: Trip | null; timeZone: string }) {
  const updateWalkIn = useDesk((s) => s.updateWalkIn);
  const queryClient = useQueryClient();
  const [card, setCard] = useState<LocalTestPaymentMethod>('pm_card_visa');
  const stay = trip?.items.find((i): i is HotelItem => i.id === walkIn.itemId && i.type === 'hotel');
  const pay = useMutation({
    mutationFn: (paymentMethodId: LocalTestPaymentMethod) => {
      // The same try (no answer yet) keeps its key; a new try after an answer gets a new one.
      const key = walkIn.payKey ?? newIdempotencyKey();
      updateWalkIn({ payKey: key });
      return call('payTrip', {
        params: { tripId: walkIn.tripId },
        body: { paymentMethodId },
        idempotencyKey: key,
        // Paying can take a while when the gateway is slow; the server answers a repeat with the first outcome.
        timeout: 60_000,
      });
    },
    onSuccess: (paid) => {
      updateWalkIn({ paid: true, payKey: null });
      queryClient.setQueryData(tripKeys.detail(walkIn.tripId), paid);
      void queryClient.invalidateQueries({ queryKey: tripKeys.lists });
    },
    onError: (error) => {
      if (error.status !== 0) updateWalkIn({ payKey: null });
      if (error.code === 'hold_expired') updateWalkIn({ itemId: null, payKey: null });
    },
  });

  return (
    <form
      className="modal-form"
      aria-label="Payment"
      onSubmit={(e) => {
        e.preventDefault();
        if (!pay.isPending) pay.mutate(card);
      }}
    >
      {stay ? (
        <p>
          {stay.roomTypeName ?? 'Room'},{' '}
          {formatNights(stay.checkIn, stay.checkOut, daysBetween(stay.checkIn, stay.checkOut))}, {stay.guests}{' '}
          {stay.guests === 1 ? 'guest' : 'guests'}.
          {stay.holdExpiresAt ? (
            <span className="muted"> Held until {formatTimeIn(stay.holdExpiresAt, timeZone)}.</span>
          ) : null}
        </p>
      ) : (
        <p className="muted">Loading the trip…</p>
      )}
      <p className="amount-due">
        To pay: <strong>{trip ? formatMoney(trip.total) : '…'}</strong>
      </p>
      <Field
        id="walk-in-card"
        label="Card"
        hint="Test cards of the local payment gateway; no card number is entered here."
      >
        <select
          id="walk-in-card"
          data-autofocus
          value={card}
          onChange={(e) => setCard(e.target.value as LocalTestPaymentMethod)}
          aria-describedby="walk-in-card-hint"
        >
          {TEST_CARDS.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
      <FormAlert message={pay.error ? paymentMessage(pay.error) : null} />
      <FormFooter
        label={`Take payment${trip ? ` of ${formatMoney(trip.total)}` : ''}`}
        busy={pay.isPending}
        busyLabel="Taking payment…"
        disabled={!trip}
      />
    </form>
  );
}
