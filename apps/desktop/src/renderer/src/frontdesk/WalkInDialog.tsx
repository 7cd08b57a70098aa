import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addDays,
  daysBetween,
  isCalendarDate,
  type CalendarDate,
  type HotelAvailabilityRow,
  type HotelDetail,
  type HotelItem,
  type LocalTestPaymentMethod,
  type Trip,
} from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { newIdempotencyKey } from '../api/idempotency-key.ts';
import { described, Field, FormAlert, placeFieldErrors, useEditedFields } from '../ui/form-field.tsx';
import { DateField } from '../ui/DateField.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { addItem, createTrip, fetchTrip, payTrip, removeItem } from '../trips/trips-api.ts';
import { CheckInDialogBody, type RoomChoice } from './CheckInDialog.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { useDesk, type WalkIn } from './desk-store.ts';
import { fetchStays, searchOwnHotel } from './frontdesk-api.ts';
import { useRetryKey } from './retry-key.ts';
import { FormFooter } from '../ui/FormFooter.tsx';
import { formatLongDate, formatMoney, formatNights, formatTimeIn } from '../ui/formats.ts';
import { deskKeys, tripKeys } from '../api/query-keys.ts';

type Step = 'guest' | 'room' | 'pay' | 'check-in';
const STEPS: readonly { id: Step; label: string }[] = [
  { id: 'guest', label: 'Guest' },
  { id: 'room', label: 'Room' },
  { id: 'pay', label: 'Payment' },
  { id: 'check-in', label: 'Check-in' },
];

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

function stepOf(walkIn: WalkIn | null): Step {
  if (!walkIn) return 'guest';
  if (walkIn.paid) return 'check-in';
  return walkIn.itemId ? 'pay' : 'room';
}

/**
 * A guest at the desk without a booking: open a trip for them, find a free room for tonight at this
 * hotel, hold it, take the payment and check them in, without leaving the desk. The walk-in survives
 * closing the dialog (and a reload), so a phone call in between loses nothing.
 */
export function WalkInDialog({
  hotel,
  today,
  onClose,
  onCheckedIn,
}: {
  hotel: HotelDetail;
  today: CalendarDate;
  onClose: () => void;
  onCheckedIn: (message: string) => void;
}) {
  const stored = useDesk((s) => s.walkIn);
  const walkIn = stored && stored.hotelId === hotel.id ? stored : null;
  const step = stepOf(walkIn);
  const endWalkIn = useDesk((s) => s.endWalkIn);
  const queryClient = useQueryClient();
  const trip = useQuery({
    queryKey: walkIn ? tripKeys.detail(walkIn.tripId) : tripKeys.detail('none'),
    queryFn: () => fetchTrip(walkIn!.tripId),
    enabled: walkIn !== null,
  });

  const release = useMutation({
    mutationFn: async (w: WalkIn) => {
      if (w.itemId && !w.paid) await removeItem(w.tripId, w.itemId);
    },
    onSuccess: () => {
      endWalkIn();
      void queryClient.invalidateQueries({ queryKey: tripKeys.all });
      onClose();
    },
  });

  return (
    <Dialog
      title={`Walk-in at ${hotel.name}`}
      onClose={onClose}
      size="wide"
      busy={release.isPending}
      focusKey={step}
    >
      <ol className="stepper" aria-label="Walk-in steps">
        {STEPS.map((s, i) => (
          <li
            key={s.id}
            aria-current={s.id === step ? 'step' : undefined}
            className={STEPS.findIndex((x) => x.id === step) > i ? 'step-done' : undefined}
          >
            <span className="step-number" aria-hidden="true">
              {i + 1}
            </span>
            {s.label}
          </li>
        ))}
      </ol>
      {walkIn ? (
        <p className="muted walk-in-summary">
          {walkIn.guestName} · trip <span className="mono">{walkIn.tripId}</span>
          {trip.data && trip.data.total.amount > 0 ? ` · ${formatMoney(trip.data.total)}` : ''}
        </p>
      ) : null}

      {step === 'guest' ? <GuestStep hotelId={hotel.id} /> : null}
      {step === 'room' && walkIn ? <RoomStep walkIn={walkIn} hotel={hotel} today={today} /> : null}
      {step === 'pay' && walkIn ? (
        <PayStep walkIn={walkIn} trip={trip.data ?? null} timeZone={hotel.timezone} />
      ) : null}
      {step === 'check-in' && walkIn ? (
        <CheckInStep
          walkIn={walkIn}
          hotel={hotel}
          today={today}
          trip={trip.data ?? null}
          tripError={trip.error}
          retryTrip={() => void trip.refetch()}
          onDone={(message) => {
            endWalkIn();
            onCheckedIn(message);
          }}
        />
      ) : null}

      {walkIn && !walkIn.paid ? (
        <div className="walk-in-footer">
          <FormAlert message={release.error ? release.error.message : null} />
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => {
              if (!release.isPending) release.mutate(walkIn);
            }}
            aria-busy={release.isPending}
          >
            {release.isPending ? 'Giving the room back…' : 'Abandon walk-in'}
          </button>
        </div>
      ) : null}
    </Dialog>
  );
}

type GuestField = 'name' | 'email' | 'phone';
const GUEST_FALLBACK: Readonly<Record<GuestField, string>> = {
  name: 'Enter the guest’s name.',
  email: 'Enter an email address for the invoice, e.g. guest@example.com.',
  phone: 'Enter a phone number: digits, spaces and + ( ) . / -',
};
const placeGuestErrors = (error: ApiError | null) =>
  placeFieldErrors<GuestField>(
    error,
    (path) => {
      const field = path.replace(/^customer\./, '');
      return field === 'name' || field === 'email' || field === 'phone' ? field : null;
    },
    GUEST_FALLBACK,
  );

function GuestStep({ hotelId }: { hotelId: string }) {
  const startWalkIn = useDesk((s) => s.startWalkIn);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [clientErrors, setClientErrors] = useState<Partial<Record<GuestField, string>>>({});
  const retry = useRetryKey();
  const create = useMutation({
    mutationFn: (customer: { name: string; email: string; phone?: string }) =>
      createTrip(customer, retry.keyFor(JSON.stringify(customer))),
    onSettled: (_trip, error) => retry.settled(error),
    onSuccess: (trip: Trip) =>
      startWalkIn({
        hotelId,
        tripId: trip.id,
        guestName: trip.customer.name,
        itemId: null,
        payKey: null,
        paid: false,
      }),
  });
  const server = placeGuestErrors(create.error);
  const edited = useEditedFields<GuestField>();
  const errors = edited.hide({ ...server.byField, ...clientErrors });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const found: Partial<Record<GuestField, string>> = {};
    if (name.trim() === '') found.name = GUEST_FALLBACK.name;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.email = GUEST_FALLBACK.email;
    setClientErrors(found);
    edited.reset();
    if (Object.keys(found).length > 0) {
      create.reset();
      document.getElementById(`walk-in-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    create.mutate({
      name: name.trim(),
      email: email.trim(),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
    });
  };

  return (
    <form className="modal-form" onSubmit={submit} noValidate aria-label="Guest">
      <div className="form-grid">
        <Field id="walk-in-name" label="Guest name" error={errors.name}>
          <input
            id="walk-in-name"
            data-autofocus
            autoComplete="off"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              edited.mark('name');
            }}
            {...described('walk-in-name', errors.name)}
          />
        </Field>
        <Field id="walk-in-email" label="Email" error={errors.email} hint="The invoice goes here.">
          <input
            id="walk-in-email"
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              edited.mark('email');
            }}
            {...described('walk-in-email', errors.email, true)}
          />
        </Field>
        <Field id="walk-in-phone" label="Phone (optional)" error={errors.phone}>
          <input
            id="walk-in-phone"
            type="tel"
            autoComplete="off"
            value={phone}
            onChange={(e) => {
              setPhone(e.target.value);
              edited.mark('phone');
            }}
            {...described('walk-in-phone', errors.phone)}
          />
        </Field>
      </div>
      <FormAlert
        message={
          Object.keys(clientErrors).length > 0
            ? 'Some details need correcting. See the messages beside the fields.'
            : server.formError
        }
      />
      <FormFooter label="Continue to rooms" busy={create.isPending} busyLabel="Opening the trip…" />
    </form>
  );
}

function RoomStep({ walkIn, hotel, today }: { walkIn: WalkIn; hotel: HotelDetail; today: CalendarDate }) {
  const updateWalkIn = useDesk((s) => s.updateWalkIn);
  const queryClient = useQueryClient();
  const [checkOut, setCheckOut] = useState<CalendarDate>(addDays(today, 1));
  const [guests, setGuests] = useState(1);
  const valid = isCalendarDate(checkOut) && checkOut > today && daysBetween(today, checkOut) <= 90;
  const search = useQuery({
    queryKey: deskKeys.rooms(hotel.id, today, checkOut, guests),
    queryFn: () => searchOwnHotel(hotel.id, today, checkOut, guests),
    enabled: valid,
  });
  const retry = useRetryKey();
  const hold = useMutation({
    mutationFn: (row: HotelAvailabilityRow) => {
      const request = {
        type: 'hotel' as const,
        roomTypeId: row.roomTypeId,
        checkIn: today,
        checkOut,
        rooms: 1,
        guests,
      };
      return addItem(walkIn.tripId, request, retry.keyFor(JSON.stringify(request)));
    },
    onSettled: (_item, error) => retry.settled(error),
    onSuccess: (item) => {
      updateWalkIn({ itemId: item.id, payKey: null });
      void queryClient.invalidateQueries({ queryKey: tripKeys.detail(walkIn.tripId) });
    },
    onError: () => void search.refetch(),
  });
  const nights = valid ? daysBetween(today, checkOut) : 0;
  const rows = search.data?.results ?? [];

  return (
    <div className="modal-form">
      <div className="form-grid">
        <Field id="walk-in-check-in" label="Arrives">
          <input id="walk-in-check-in" value={formatLongDate(today)} readOnly />
        </Field>
        <DateField
          id="walk-in-check-out"
          label="Leaves (check-out day)"
          error={valid ? undefined : 'Choose a day after today, at most 90 nights on.'}
          hint={valid ? `${nights} ${nights === 1 ? 'night' : 'nights'}` : undefined}
          min={addDays(today, 1)}
          value={checkOut}
          onChange={setCheckOut}
          autoFocus
        />
        <Field id="walk-in-guests" label="Guests in the room">
          <select id="walk-in-guests" value={guests} onChange={(e) => setGuests(Number(e.target.value))}>
            {[1, 2, 3, 4, 5, 6].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {valid && search.isPending ? <p className="muted">Looking for free rooms…</p> : null}
      {search.isError ? <LoadError error={search.error} retry={() => void search.refetch()} /> : null}
      {search.data && rows.length === 0 ? (
        <p className="empty-state">
          No room type is free for {nights === 1 ? 'tonight' : `all ${nights} nights`} for {guests}{' '}
          {guests === 1 ? 'guest' : 'guests'}. Try fewer nights or fewer guests per room.
        </p>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Free room types</caption>
            <thead>
              <tr>
                <th scope="col">Room type</th>
                <th scope="col" className="num">
                  Sleeps
                </th>
                <th scope="col" className="num">
                  Free
                </th>
                <th scope="col" className="num">
                  Nightly rate
                </th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.roomTypeId}>
                  <th scope="row" className="row-head">
                    {row.roomTypeName}
                  </th>
                  <td className="num">{row.maxOccupancy ?? '—'}</td>
                  <td className="num">{row.available}</td>
                  <td className="num">{formatMoney(row.nightlyRate)}</td>
                  <td className="num">{formatMoney(row.totalPrice)}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button button-small button-primary"
                      aria-label={`Hold a ${row.roomTypeName}`}
                      aria-busy={hold.isPending && hold.variables?.roomTypeId === row.roomTypeId}
                      onClick={() => {
                        if (!hold.isPending) hold.mutate(row);
                      }}
                    >
                      {hold.isPending && hold.variables?.roomTypeId === row.roomTypeId ? 'Holding…' : 'Hold'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <FormAlert message={hold.error ? hold.error.message : null} />
    </div>
  );
}

/** The payment outcome in the desk's words: declines name their reason. */
function paymentMessage(error: ApiError): string {
  if (error.code === 'payment_declined') {
    const reason = DECLINE_WORDS[String(error.extensions.declineCode ?? '')];
    return `The card was declined${reason ? `: ${reason}` : ''}. Nothing was charged; the room stays held. Ask for another card.`;
  }
  return error.message;
}

function PayStep({ walkIn, trip, timeZone }: { walkIn: WalkIn; trip: Trip | null; timeZone: string }) {
  const updateWalkIn = useDesk((s) => s.updateWalkIn);
  const queryClient = useQueryClient();
  const [card, setCard] = useState<LocalTestPaymentMethod>('pm_card_visa');
  const stay = trip?.items.find((i): i is HotelItem => i.id === walkIn.itemId && i.type === 'hotel');
  const pay = useMutation({
    mutationFn: (paymentMethodId: LocalTestPaymentMethod) => {
      // The same try (no answer yet) keeps its key; a new try after an answer gets a new one.
      const key = walkIn.payKey ?? newIdempotencyKey();
      updateWalkIn({ payKey: key });
      return payTrip(walkIn.tripId, paymentMethodId, key);
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

function CheckInStep({
  walkIn,
  hotel,
  today,
  trip,
  tripError,
  retryTrip,
  onDone,
}: {
  walkIn: WalkIn;
  hotel: HotelDetail;
  today: CalendarDate;
  trip: Trip | null;
  tripError: ApiError | null;
  retryTrip: () => void;
  onDone: (message: string) => void;
}) {
  const stays = useQuery({
    queryKey: deskKeys.stays(hotel.id, today),
    queryFn: () => fetchStays(hotel.id, today),
  });
  const stay = trip?.items.find((i): i is HotelItem => i.id === walkIn.itemId && i.type === 'hotel');
  if (tripError) return <LoadError error={tripError} retry={retryTrip} />;
  if (!trip || !stay) return <p className="muted">Loading the trip…</p>;
  const type = hotel.roomTypes.find((t) => t.id === stay.roomTypeId);
  const roomsOf = (item: HotelItem) => item.roomNumbers ?? (item.roomNumber ? [item.roomNumber] : []);
  const occupied = new Set(stays.data?.inHouse.flatMap((s) => roomsOf(s.item)) ?? []);
  const leaving = new Set(stays.data?.departures.flatMap((s) => roomsOf(s.item)) ?? []);
  const rooms: RoomChoice[] = (type?.roomNumbers ?? [])
    .filter((n) => !occupied.has(n))
    .map((number) => ({ number, dueOut: leaving.has(number) }));
  return (
    <div className="modal-form">
      <p className="notice notice-good">
        Paid {trip.payment ? formatMoney(trip.payment.amount) : formatMoney(trip.total)}
        {trip.payment ? `, invoice ${trip.payment.invoiceNumber}` : ''}. Now give {walkIn.guestName} a room.
      </p>
      <CheckInDialogBody
        stay={{ tripId: trip.id, customer: trip.customer, item: stay }}
        rooms={rooms}
        onDone={(item) => {
          const assigned = item.roomNumbers?.join(', ') ?? item.roomNumber;
          onDone(`Walk-in ${walkIn.guestName} paid and checked in${assigned ? ` to room ${assigned}` : ''}.`);
        }}
      />
    </div>
  );
}
