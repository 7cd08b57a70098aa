import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { CreateFlightRequest, Flight, Money } from '@tripdesk/shared';
import { described, Field, FormAlert, useEditedFields } from '../ui/form-field.tsx';
import { readMoney } from '../ui/MoneyField.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { FareClassRow } from './FareClassRow.tsx';
import {
  type FareClassDraft,
  type FieldKey,
  FALLBACK,
  OFFSET,
  FLIGHT_NUMBER,
  IATA,
  placeFlightErrors,
  draftSeats,
  newDraft,
} from './flight-draft.ts';
import { call } from '../api/call.ts';

/** Admin: adds a flight with its fare classes; each class's seats are rows × letters. */
export function NewFlightForm({
  onCreated,
  onCancel,
}: {
  onCreated: (flight: Flight) => void;
  onCancel: () => void;
}) {
  const [flightNumber, setFlightNumber] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [departure, setDeparture] = useState('');
  const [departureOffset, setDepartureOffset] = useState('+00:00');
  const [arrival, setArrival] = useState('');
  const [arrivalOffset, setArrivalOffset] = useState('+00:00');
  const [classes, setClasses] = useState<FareClassDraft[]>(() => [
    newDraft('J', 'Business', '1-3', 'ACDF'),
    newDraft('Y', 'Economy', '10-30', 'A-F'),
  ]);
  const [clientErrors, setClientErrors] = useState<Partial<Record<FieldKey, string>>>({});

  const focusFirst = (errors: Partial<Record<FieldKey, string>>) => {
    const first = Object.keys(errors)[0];
    if (first) document.getElementById(`new-flight-${first.replace('.', '-')}`)?.focus();
  };
  const create = useMutation({
    mutationFn: (body: CreateFlightRequest) => call('createFlight', { body }),
    onSuccess: onCreated,
    onError: (error) => focusFirst(placeFlightErrors(error).byField),
  });
  const server = placeFlightErrors(create.error);
  const edited = useEditedFields<FieldKey>();
  const errors = edited.hide({ ...server.byField, ...clientErrors });

  const update = (key: number, change: Partial<FareClassDraft>) => {
    const index = classes.findIndex((c) => c.key === key);
    for (const field of Object.keys(change)) {
      const target =
        field === 'amount' || field === 'currency'
          ? 'price'
          : field === 'rows' || field === 'letters'
            ? 'seats'
            : field;
      edited.mark(`fc${index}.${target as 'code' | 'name' | 'price' | 'seats'}`);
    }
    setClasses((list) => list.map((c) => (c.key === key ? { ...c, ...change } : c)));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const found: Partial<Record<FieldKey, string>> = {};
    const number = flightNumber.trim().toUpperCase();
    const origin = from.trim().toUpperCase();
    const destination = to.trim().toUpperCase();
    if (!FLIGHT_NUMBER.test(number)) found.flightNumber = FALLBACK.flightNumber;
    if (!IATA.test(origin)) found.from = FALLBACK.from;
    if (!IATA.test(destination)) found.to = FALLBACK.to;
    else if (destination === origin) found.to = 'The flight must land at another airport.';
    const departureAt =
      departure && OFFSET.test(departureOffset) ? `${departure}:00${departureOffset}` : null;
    const arrivalAt = arrival && OFFSET.test(arrivalOffset) ? `${arrival}:00${arrivalOffset}` : null;
    if (!departureAt) found.departureAt = FALLBACK.departureAt;
    if (!arrivalAt) found.arrivalAt = FALLBACK.arrivalAt;
    else if (departureAt && Date.parse(arrivalAt) <= Date.parse(departureAt)) {
      found.arrivalAt = 'The arrival must be after the departure (mind the UTC offsets).';
    }
    if (classes.length === 0) found.fareClasses = FALLBACK.fareClasses;
    const owner = new Map<string, string>();
    const codes = new Set<string>();
    const fareClasses: { code: string; name: string; price: Money; seats: string[] }[] = [];
    classes.forEach((draft, i) => {
      const code = draft.code.trim();
      if (!/^[A-Za-z0-9_-]{1,20}$/.test(code)) found[`fc${i}.code`] = FALLBACK.code;
      else if (codes.has(code)) found[`fc${i}.code`] = `Fare class ${code} is listed twice.`;
      codes.add(code);
      if (draft.name.trim() === '') found[`fc${i}.name`] = FALLBACK.name;
      const price = readMoney(draft.amount, draft.currency);
      if (typeof price === 'string') found[`fc${i}.price`] = price;
      const seats = draftSeats(draft);
      if (typeof seats === 'string') found[`fc${i}.seats`] = seats;
      else {
        const clash = seats.find((s) => owner.has(s));
        if (clash) found[`fc${i}.seats`] = `Seat ${clash} already belongs to fare class ${owner.get(clash)}.`;
        seats.forEach((s) => owner.set(s, code || `#${i + 1}`));
      }
      if (typeof price !== 'string' && typeof seats !== 'string') {
        fareClasses.push({ code, name: draft.name.trim(), price, seats });
      }
    });
    setClientErrors(found);
    edited.reset();
    if (Object.keys(found).length > 0 || !departureAt || !arrivalAt) {
      create.reset();
      focusFirst(found);
      return;
    }
    const request: CreateFlightRequest = {
      flightNumber: number,
      from: origin,
      to: destination,
      departureAt,
      arrivalAt,
      fareClasses,
    };
    create.mutate(request);
  };

  const inputProps = (key: FieldKey, hint = false) =>
    described(`new-flight-${key.replace('.', '-')}`, errors[key], hint);

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="new-flight-title">
      <h2 id="new-flight-title">New flight</h2>
      <div className="form-grid">
        <Field id="new-flight-flightNumber" label="Flight number" error={errors.flightNumber}>
          <input
            id="new-flight-flightNumber"
            autoComplete="off"
            spellCheck={false}
            placeholder="BA117"
            value={flightNumber}
            onChange={(e) => {
              setFlightNumber(e.target.value.toUpperCase());
              edited.mark('flightNumber');
            }}
            {...inputProps('flightNumber')}
          />
        </Field>
        <Field id="new-flight-from" label="From (airport)" error={errors.from}>
          <input
            id="new-flight-from"
            autoComplete="off"
            spellCheck={false}
            maxLength={3}
            placeholder="FCO"
            value={from}
            onChange={(e) => {
              setFrom(e.target.value.toUpperCase());
              edited.mark('from');
            }}
            {...inputProps('from')}
          />
        </Field>
        <Field id="new-flight-to" label="To (airport)" error={errors.to}>
          <input
            id="new-flight-to"
            autoComplete="off"
            spellCheck={false}
            maxLength={3}
            placeholder="JFK"
            value={to}
            onChange={(e) => {
              setTo(e.target.value.toUpperCase());
              edited.mark('to');
            }}
            {...inputProps('to')}
          />
        </Field>
      </div>
      <div className="form-grid">
        <Field id="new-flight-departureAt" label="Departs (local time)" error={errors.departureAt}>
          <input
            id="new-flight-departureAt"
            type="datetime-local"
            value={departure}
            onChange={(e) => {
              setDeparture(e.target.value);
              edited.mark('departureAt');
            }}
            {...inputProps('departureAt')}
          />
        </Field>
        <Field
          id="new-flight-departureOffset"
          label="Origin UTC offset"
          hint="e.g. +01:00 for Rome in winter"
        >
          <input
            id="new-flight-departureOffset"
            autoComplete="off"
            spellCheck={false}
            value={departureOffset}
            onChange={(e) => {
              setDepartureOffset(e.target.value.trim());
              edited.mark('departureAt');
            }}
            aria-describedby="new-flight-departureOffset-hint"
          />
        </Field>
        <Field id="new-flight-arrivalAt" label="Arrives (local time)" error={errors.arrivalAt}>
          <input
            id="new-flight-arrivalAt"
            type="datetime-local"
            value={arrival}
            onChange={(e) => {
              setArrival(e.target.value);
              edited.mark('arrivalAt');
            }}
            {...inputProps('arrivalAt')}
          />
        </Field>
        <Field id="new-flight-arrivalOffset" label="Destination UTC offset" hint="e.g. -05:00 for New York">
          <input
            id="new-flight-arrivalOffset"
            autoComplete="off"
            spellCheck={false}
            value={arrivalOffset}
            onChange={(e) => {
              setArrivalOffset(e.target.value.trim());
              edited.mark('arrivalAt');
            }}
            aria-describedby="new-flight-arrivalOffset-hint"
          />
        </Field>
      </div>

      <fieldset className="fare-classes">
        <legend>Fare classes</legend>
        {errors.fareClasses ? <p className="field-error">{errors.fareClasses}</p> : null}
        {classes.map((draft, i) => (
          <FareClassRow
            key={draft.key}
            index={i}
            draft={draft}
            errors={errors}
            onChange={(change) => update(draft.key, change)}
            onRemove={
              classes.length === 1
                ? null
                : () => setClasses((list) => list.filter((c) => c.key !== draft.key))
            }
          />
        ))}
        <div>
          <button
            type="button"
            className="button button-small"
            onClick={() => setClasses((list) => [...list, newDraft('', '', '', 'A-F')])}
          >
            Add fare class
          </button>
        </div>
      </fieldset>

      <FormAlert
        message={
          Object.keys(clientErrors).length > 0
            ? 'Some details need correcting. See the messages beside the fields.'
            : server.formError
        }
      />
      <FormFooter label="Create flight" busy={create.isPending} busyLabel="Creating…" onCancel={onCancel} />
    </form>
  );
}
