import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import {
  instantInZone,
  isCalendarDate,
  zonedTimeToInstant,
  type Airport,
  type CreateFlightRequest,
  type Flight,
  type Money,
} from '@tripdesk/shared';
import { AirportField } from '../ui/AirportField.tsx';
import { DateField } from '../ui/DateField.tsx';
import { described, Field, FormAlert, useEditedFields } from '../ui/form-field.tsx';
import { readMoney } from '../ui/MoneyField.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { FareClassRow } from './FareClassRow.tsx';
import {
  type FareClassDraft,
  type FieldKey,
  FALLBACK,
  FLIGHT_NUMBER,
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
  const [from, setFrom] = useState<Airport | null>(null);
  const [to, setTo] = useState<Airport | null>(null);
  const [departureDate, setDepartureDate] = useState('');
  const [departureTime, setDepartureTime] = useState('');
  const [arrivalDate, setArrivalDate] = useState('');
  const [arrivalTime, setArrivalTime] = useState('');
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
    if (!FLIGHT_NUMBER.test(number)) found.flightNumber = FALLBACK.flightNumber;
    if (!from) found.from = FALLBACK.from;
    if (!to) found.to = FALLBACK.to;
    else if (to.code === from?.code) found.to = 'The flight must land at another airport.';
    // Local wall-clock times at each airport, sent with that airport's offset on that day.
    const departureAt = localInstant(departureDate, departureTime, from);
    const arrivalAt = localInstant(arrivalDate, arrivalTime, to);
    if (from && !departureAt) found.departureAt = FALLBACK.departureAt;
    if (to && !arrivalAt) found.arrivalAt = FALLBACK.arrivalAt;
    else if (departureAt && arrivalAt && Date.parse(arrivalAt) <= Date.parse(departureAt)) {
      found.arrivalAt = 'The arrival must be after the departure (both in local time).';
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
    if (Object.keys(found).length > 0 || !departureAt || !arrivalAt || !from || !to) {
      create.reset();
      focusFirst(found);
      return;
    }
    const request: CreateFlightRequest = {
      flightNumber: number,
      from: from.code,
      to: to.code,
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
        <AirportField
          id="new-flight-from"
          label="From (airport or city)"
          value={from?.code ?? ''}
          error={errors.from}
          onChange={(_, airport) => {
            setFrom(airport);
            edited.mark('from');
          }}
        />
        <AirportField
          id="new-flight-to"
          label="To (airport or city)"
          value={to?.code ?? ''}
          error={errors.to}
          onChange={(_, airport) => {
            setTo(airport);
            edited.mark('to');
          }}
        />
      </div>
      <div className="form-grid">
        <LocalTimeFields
          side="departure"
          airport={from}
          date={departureDate}
          time={departureTime}
          error={errors.departureAt}
          onDate={(v) => {
            setDepartureDate(v);
            edited.mark('departureAt');
          }}
          onTime={(v) => {
            setDepartureTime(v);
            edited.mark('departureAt');
          }}
        />
        <LocalTimeFields
          side="arrival"
          airport={to}
          date={arrivalDate}
          time={arrivalTime}
          error={errors.arrivalAt}
          onDate={(v) => {
            setArrivalDate(v);
            edited.mark('arrivalAt');
          }}
          onTime={(v) => {
            setArrivalTime(v);
            edited.mark('arrivalAt');
          }}
        />
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

/** `2026-12-18` + `22:30` at the airport → `2026-12-18T22:30:00-05:00`; null until all three are there. */
function localInstant(date: string, time: string, airport: Airport | null): string | null {
  if (!airport || !isCalendarDate(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  return instantInZone(zonedTimeToInstant(date, time, airport.timeZone), airport.timeZone);
}

/** A side's local date and time, with the airport's zone said beside them. */
function LocalTimeFields(props: {
  side: 'departure' | 'arrival';
  airport: Airport | null;
  date: string;
  time: string;
  error: string | undefined;
  onDate: (v: string) => void;
  onTime: (v: string) => void;
}) {
  const key = props.side === 'departure' ? 'departureAt' : 'arrivalAt';
  const verb = props.side === 'departure' ? 'Departs' : 'Arrives';
  const where = props.airport ? `${props.airport.code} local time, ${props.airport.timeZone}` : 'local time';
  return (
    <>
      <DateField
        id={`new-flight-${key}`}
        label={`${verb} (date)`}
        value={props.date}
        error={props.error}
        onChange={props.onDate}
      />
      <Field
        id={`new-flight-${key}-time`}
        label={`${verb} (time)`}
        hint={props.airport ? where : 'Pick the airport first: the time is local to it.'}
      >
        <input
          id={`new-flight-${key}-time`}
          type="time"
          value={props.time}
          onChange={(e) => props.onTime(e.target.value)}
          aria-describedby={`new-flight-${key}-time-hint`}
        />
      </Field>
    </>
  );
}
