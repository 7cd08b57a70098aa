import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import {
  toDecimalString,
  type FareClassDetail,
  type FlightDetail,
  type UpdateFareClassRequest,
} from '@tripdesk/shared';
import { call } from '../api/call.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { described, Field, FormAlert, placeFieldErrors } from '../ui/form-field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { MoneyField, readMoney } from '../ui/MoneyField.tsx';
import { refusalInWords } from './ConfirmChangeDialog.tsx';
import { compareSeats, parseSeatLetters, parseSeatRows, seatsOf } from './seat-rows.ts';

type FareField = 'name' | 'price' | 'addSeats' | 'removeSeats';

/** Rows × letters as the new-flight form reads them; empty rows mean no seats. */
function seatsOfRange(rows: string, letters: string): string[] | string {
  if (rows.trim() === '') return [];
  const r = parseSeatRows(rows);
  if (!r.ok) return r.error;
  const l = parseSeatLetters(letters);
  if (!l.ok) return l.error;
  return seatsOf(r.value, l.value);
}

const seatHint = (seats: string[] | string, empty: string) =>
  typeof seats === 'string' || seats.length === 0
    ? empty
    : `${seats.length} ${seats.length === 1 ? 'seat' : 'seats'}, ${seats[0]}–${seats.at(-1)}`;

/**
 * Admin: a fare class's name, its price for new sales, and seats added or removed as rows × letters
 * (like the new-flight form). Sold seats keep the price they were sold at; the server refuses removing
 * a held or sold seat in words.
 */
export function EditFareClassDialog({
  flight,
  fareClass,
  onSaved,
  onClose,
}: {
  flight: FlightDetail;
  fareClass: FareClassDetail;
  onSaved: (flight: FlightDetail) => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(fareClass.name);
  const [amount, setAmount] = useState(toDecimalString(fareClass.price));
  const [currency, setCurrency] = useState(fareClass.price.currency);
  const [addRows, setAddRows] = useState('');
  const [addLetters, setAddLetters] = useState('A-F');
  const [removeRows, setRemoveRows] = useState('');
  const [removeLetters, setRemoveLetters] = useState('A-F');
  const [clientErrors, setClientErrors] = useState<Partial<Record<FareField, string>>>({});
  const save = useMutation({
    mutationFn: (body: UpdateFareClassRequest) =>
      call('updateFareClass', { params: { flightId: flight.id, fareClass: fareClass.code }, body }),
    onSuccess: onSaved,
  });
  const server = placeFieldErrors<FareField>(
    save.error && save.error.status === 409 ? null : save.error,
    (path) => {
      const head = path.split('.')[0] ?? '';
      return ['name', 'price', 'addSeats', 'removeSeats'].includes(head) ? (head as FareField) : null;
    },
    {
      name: 'Enter a name.',
      price: 'Enter the price of one seat.',
      addSeats: 'Check the seats to add.',
      removeSeats: 'Check the seats to remove.',
    },
  );
  const refusal = save.error && save.error.status === 409 ? refusalInWords(save.error) : null;
  const errors = { ...server.byField, ...clientErrors };
  const adding = seatsOfRange(addRows, addLetters);
  const removing = seatsOfRange(removeRows, removeLetters);
  const id = (f: string) => `edit-fare-${f}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const found: Partial<Record<FareField, string>> = {};
    if (name.trim() === '') found.name = 'Enter a name.';
    const price = readMoney(amount, currency);
    if (typeof price === 'string') found.price = price;
    const mine = new Set(fareClass.seats);
    const owner = new Map(
      flight.fareClasses.filter((c) => c.code !== fareClass.code).flatMap((c) => c.seats.map((s) => [s, c])),
    );
    if (typeof adding === 'string') found.addSeats = adding;
    else {
      const already = adding.filter((s) => mine.has(s));
      const taken = adding.find((s) => owner.has(s));
      if (already.length > 0)
        found.addSeats = `Already seats of ${fareClass.name}: ${already.slice(0, 5).join(', ')}${already.length > 5 ? '…' : ''}.`;
      else if (taken) found.addSeats = `Seat ${taken} belongs to ${owner.get(taken)?.name}.`;
    }
    if (typeof removing === 'string') found.removeSeats = removing;
    else {
      const foreign = removing.filter((s) => !mine.has(s));
      if (foreign.length > 0)
        found.removeSeats = `Not seats of ${fareClass.name}: ${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? '…' : ''}.`;
      else if (removing.length === fareClass.seats.length)
        found.removeSeats = `That is every seat of ${fareClass.name}; retire the fare class instead.`;
    }
    if (!found.addSeats && !found.removeSeats && typeof adding !== 'string' && typeof removing !== 'string') {
      const both = adding.find((s) => removing.includes(s));
      if (both) found.removeSeats = `Seat ${both} is both added and removed.`;
    }
    setClientErrors(found);
    if (Object.keys(found).length > 0 || typeof price === 'string') return;
    const body: UpdateFareClassRequest = {
      ...(name.trim() !== fareClass.name ? { name: name.trim() } : {}),
      ...(price.amount !== fareClass.price.amount || price.currency !== fareClass.price.currency
        ? { price }
        : {}),
      ...(typeof adding !== 'string' && adding.length > 0 ? { addSeats: adding } : {}),
      ...(typeof removing !== 'string' && removing.length > 0
        ? { removeSeats: [...removing].sort(compareSeats) }
        : {}),
    };
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    save.mutate(body);
  };

  return (
    <Dialog
      title={`Edit ${fareClass.name} (${fareClass.code}) of ${flight.flightNumber}`}
      onClose={onClose}
      busy={save.isPending}
    >
      <form className="modal-form" onSubmit={submit} noValidate>
        <Field id={id('name')} label="Name" error={errors.name}>
          <input
            id={id('name')}
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...described(id('name'), errors.name)}
          />
        </Field>
        <MoneyField
          id={id('price')}
          label="Seat price"
          amount={amount}
          currency={currency}
          onAmount={setAmount}
          onCurrency={setCurrency}
          error={errors.price}
          hint="For new sales; seats already sold keep the price they were sold at."
        />
        <p className="muted">
          {fareClass.capacity} {fareClass.capacity === 1 ? 'seat' : 'seats'} now ({fareClass.held} held,{' '}
          {fareClass.booked} booked). A held or booked seat cannot be removed.
        </p>
        <div className="form-grid">
          <Field
            id={id('add-rows')}
            label="Add rows"
            error={errors.addSeats}
            hint={seatHint(adding, 'Optional, e.g. 31-32')}
          >
            <input
              id={id('add-rows')}
              autoComplete="off"
              spellCheck={false}
              value={addRows}
              onChange={(e) => setAddRows(e.target.value)}
              {...described(id('add-rows'), errors.addSeats, true)}
            />
          </Field>
          <Field id={id('add-letters')} label="Seat letters to add" className="field-narrow">
            <input
              id={id('add-letters')}
              autoComplete="off"
              spellCheck={false}
              value={addLetters}
              onChange={(e) => setAddLetters(e.target.value.toUpperCase())}
            />
          </Field>
          <Field
            id={id('remove-rows')}
            label="Remove rows"
            error={errors.removeSeats}
            hint={seatHint(removing, 'Optional, e.g. 30')}
          >
            <input
              id={id('remove-rows')}
              autoComplete="off"
              spellCheck={false}
              value={removeRows}
              onChange={(e) => setRemoveRows(e.target.value)}
              {...described(id('remove-rows'), errors.removeSeats, true)}
            />
          </Field>
          <Field id={id('remove-letters')} label="Seat letters to remove" className="field-narrow">
            <input
              id={id('remove-letters')}
              autoComplete="off"
              spellCheck={false}
              value={removeLetters}
              onChange={(e) => setRemoveLetters(e.target.value.toUpperCase())}
            />
          </Field>
        </div>
        <FormAlert message={refusal ?? server.formError} />
        <FormFooter label="Save fare class" busy={save.isPending} busyLabel="Saving…" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
