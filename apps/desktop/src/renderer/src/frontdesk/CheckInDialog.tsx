import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { daysBetween, type HotelItem, type Stay, type Trip } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { described, Field, FormAlert } from '../ui/form-field.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { useRetryKey } from './retry-key.ts';
import { FormFooter } from '../ui/FormFooter.tsx';
import { formatLongDate, formatNights } from '../ui/formats.ts';
import { call } from '../api/call.ts';
import { WalkStayForm } from './WalkStayForm.tsx';

/** A room of the stay's type, as the check-in list offers it. */
export interface RoomChoice {
  readonly number: string;
  /** The guest in it is due out today: free tonight, but maybe not made up yet. */
  readonly dueOut: boolean;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Why a check-in or check-out was refused, in the desk's words, with the dates the server names. */
export function stayErrorMessage(error: ApiError): string {
  const x = error.extensions;
  if (error.code === 'invalid_transition') {
    const roomNumber = str(x.roomNumber);
    const night = str(x.night);
    if (roomNumber && night) {
      return `Room ${roomNumber} is taken on the night of ${formatLongDate(night)} by another guest. Choose another room, or let the desk assign one.`;
    }
    const opens = str(x.checkIn);
    const today = str(x.today);
    if (opens && today && opens > today) {
      return `Check-in opens on ${formatLongDate(opens)}; today at the hotel is ${formatLongDate(today)}.`;
    }
    const ended = str(x.checkOut);
    if (ended) return `This stay ended on ${formatLongDate(ended)}, so it can no longer be checked in.`;
    return 'Someone else changed this stay meanwhile (checked in, out or cancelled). The lists are refreshed; check it there.';
  }
  if (error.code === 'sold_out') {
    return 'No room of this type is free for every night of the stay. Check a guest out, or move one, first.';
  }
  return error.message;
}

/** Checks an arriving guest in, with the room the clerk picks or the first free one of the type. */
export function CheckInDialog({
  stay,
  rooms,
  onDone,
  onWalked,
  onClose,
}: {
  stay: Stay;
  rooms: readonly RoomChoice[];
  onDone: (item: HotelItem) => void;
  /** The stay was walked to another hotel (no room for it): the dialog offers this when no room is free. */
  onWalked?: (trip: Trip, message: string) => void;
  onClose: () => void;
}) {
  const [walking, setWalking] = useState(false);
  return (
    <Dialog
      title={walking ? `Walk ${stay.customer.name}` : `Check in ${stay.customer.name}`}
      onClose={onClose}
    >
      {walking && onWalked ? (
        <WalkStayForm stay={stay} onWalked={onWalked} onCancel={() => setWalking(false)} />
      ) : (
        <CheckInDialogBody
          stay={stay}
          rooms={rooms}
          onDone={onDone}
          onCancel={onClose}
          {...(onWalked ? { onWalk: () => setWalking(true) } : {})}
        />
      )}
    </Dialog>
  );
}

/** The check-in form itself: the stay, a room to choose, and the button. */
export function CheckInDialogBody({
  stay,
  rooms,
  onDone,
  onCancel,
  onWalk,
}: {
  stay: Stay;
  /** Rooms of the stay's type that look free tonight; the server decides. */
  rooms: readonly RoomChoice[];
  onDone: (item: HotelItem) => void;
  onCancel?: () => void;
  /** Offered when no room is free (none looks free, or the server said so): walk the guest instead. */
  onWalk?: () => void;
}) {
  const [room, setRoom] = useState('');
  const retry = useRetryKey();
  const mutation = useMutation({
    mutationFn: (roomNumber: string) =>
      // Without a room number the server gives the first free room of the type.
      call('checkInItem', {
        params: { tripId: stay.tripId, itemId: stay.item.id },
        body: roomNumber ? { roomNumber } : {},
        idempotencyKey: retry.keyFor(roomNumber),
      }),
    onSettled: (_item, error) => retry.settled(error),
    onSuccess: onDone,
  });
  const fieldError = mutation.error?.errors.find((e) => e.path === 'body.roomNumber');
  const roomError = fieldError ? `${mutation.error?.detail ?? 'Choose another room.'}` : undefined;
  const formError = mutation.error && !fieldError ? stayErrorMessage(mutation.error) : null;
  const nights = daysBetween(stay.item.checkIn, stay.item.checkOut);
  const freeNow = rooms.filter((r) => !r.dueOut);
  const dueOut = rooms.filter((r) => r.dueOut);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate(room);
  };

  return (
    <form onSubmit={submit} className="modal-form" noValidate aria-label={`Check in ${stay.customer.name}`}>
      <dl className="facts facts-compact">
        <div>
          <dt>Stay</dt>
          <dd>{formatNights(stay.item.checkIn, stay.item.checkOut, nights)}</dd>
        </div>
        <div>
          <dt>Room type</dt>
          <dd>
            {stay.item.roomTypeName ?? stay.item.roomTypeId}
            {stay.item.rooms > 1 ? ` × ${stay.item.rooms}` : ''}
          </dd>
        </div>
        <div>
          <dt>Guests</dt>
          <dd>{stay.item.guests}</dd>
        </div>
        <div>
          <dt>Trip</dt>
          <dd className="mono">{stay.tripId}</dd>
        </div>
      </dl>
      <Field
        id="check-in-room"
        label={stay.item.rooms > 1 ? 'First room' : 'Room'}
        error={roomError}
        hint={
          stay.item.rooms > 1
            ? `The desk assigns the other ${stay.item.rooms - 1} of the same type.`
            : rooms.length === 0
              ? 'No room of this type looks free tonight; the desk will try to find one.'
              : `${freeNow.length} free${dueOut.length > 0 ? `, ${dueOut.length} due out today` : ''}.`
        }
      >
        <select
          id="check-in-room"
          data-autofocus
          value={room}
          onChange={(e) => setRoom(e.target.value)}
          {...described('check-in-room', roomError, true)}
        >
          <option value="">Any free room (the desk assigns one)</option>
          {freeNow.length > 0 ? (
            <optgroup label="Free tonight">
              {freeNow.map((r) => (
                <option key={r.number} value={r.number}>
                  Room {r.number}
                </option>
              ))}
            </optgroup>
          ) : null}
          {dueOut.length > 0 ? (
            <optgroup label="Guest due out today">
              {dueOut.map((r) => (
                <option key={r.number} value={r.number}>
                  Room {r.number} (due out)
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </Field>
      <FormAlert message={formError} />
      {onWalk && (rooms.length === 0 || mutation.error?.code === 'sold_out') ? (
        <p className="walk-offer">
          No room for this guest?{' '}
          <button type="button" className="button button-small" onClick={onWalk}>
            Walk to another hotel…
          </button>
        </p>
      ) : null}
      <FormFooter label="Check in" busy={mutation.isPending} busyLabel="Checking in…" onCancel={onCancel} />
    </form>
  );
}

/** Confirms a check-out: the room goes back on sale from tonight. */
export function CheckOutDialog({
  stay,
  today,
  onDone,
  onClose,
}: {
  stay: Stay;
  today: string;
  onDone: (item: HotelItem) => void;
  onClose: () => void;
}) {
  const retry = useRetryKey();
  const mutation = useMutation({
    mutationFn: () =>
      call('checkOutItem', {
        params: { tripId: stay.tripId, itemId: stay.item.id },
        idempotencyKey: retry.keyFor('check-out'),
      }),
    onSettled: (_item, error) => retry.settled(error),
    onSuccess: onDone,
  });
  const room = stay.item.roomNumbers?.join(', ') ?? stay.item.roomNumber ?? null;
  const early = today < stay.item.checkOut;
  return (
    <Dialog title={`Check out ${stay.customer.name}`} onClose={onClose} busy={mutation.isPending}>
      <p>
        {room ? `Room ${room}` : 'The stay'} ({stay.item.roomTypeName ?? stay.item.roomTypeId}),{' '}
        {formatNights(
          stay.item.checkIn,
          stay.item.checkOut,
          daysBetween(stay.item.checkIn, stay.item.checkOut),
        )}
        .
      </p>
      {early ? (
        <p className="notice">
          This is an early departure: the stay runs until {formatLongDate(stay.item.checkOut)}. The nights not
          slept go back on sale; what was paid stays paid.
        </p>
      ) : null}
      <FormAlert message={mutation.error ? stayErrorMessage(mutation.error) : null} />
      <FormFooter
        label="Check out"
        busy={mutation.isPending}
        busyLabel="Checking out…"
        onConfirm={() => mutation.mutate()}
        autoFocus
        onCancel={onClose}
      />
    </Dialog>
  );
}
