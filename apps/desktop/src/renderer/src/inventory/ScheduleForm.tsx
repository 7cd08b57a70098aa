import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import {
  DAYS_OF_WEEK,
  isCalendarDate,
  toDecimalString,
  type Airport,
  type CreateFlightScheduleRequest,
  type DayOfWeek,
  type FlightSchedule,
  type FlightScheduleChange,
  type Money,
  type UpdateFlightScheduleRequest,
} from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { AirportField } from '../ui/AirportField.tsx';
import { DateField } from '../ui/DateField.tsx';
import { described, Field, FormAlert, placeFieldErrors, useEditedFields } from '../ui/form-field.tsx';
import { readMoney } from '../ui/MoneyField.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { FareClassRow } from './FareClassRow.tsx';
import { draftSeats, FALLBACK, FLIGHT_NUMBER, newDraft, type FareClassDraft } from './flight-draft.ts';
import { compareSeats } from './seat-rows.ts';
import { call } from '../api/call.ts';

const DAY_NAMES: Record<DayOfWeek, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};
export const dayName = (d: DayOfWeek) => DAY_NAMES[d];

type Key =
  | 'flightNumber'
  | 'from'
  | 'to'
  | 'departureTime'
  | 'arrivalTime'
  | 'arrivalDayOffset'
  | 'daysOfWeek'
  | 'firstDate'
  | 'lastDate'
  | 'fareClasses'
  | `fc${number}.${'code' | 'name' | 'price' | 'seats'}`;

const FIELD_ID: Record<string, string> = {
  flightNumber: 'schedule-flightNumber',
  from: 'schedule-from',
  to: 'schedule-to',
  departureTime: 'schedule-departureTime',
  arrivalTime: 'schedule-arrivalTime',
  arrivalDayOffset: 'schedule-arrivalDayOffset',
  daysOfWeek: 'schedule-day-mon',
  firstDate: 'schedule-firstDate',
  lastDate: 'schedule-lastDate',
};
const idOf = (key: string) =>
  FIELD_ID[key] ?? (key.startsWith('fc') ? `new-flight-${key.replace('.', '-')}` : 'schedule-flightNumber');

const WORDS: Record<string, string> = {
  ...FALLBACK,
  departureTime: 'Enter the local departure time, e.g. 06:45.',
  arrivalTime: 'Enter the local arrival time, e.g. 19:10.',
  arrivalDayOffset: 'Pick the day the flight lands.',
  daysOfWeek: 'Tick at least one day of the week.',
  firstDate: 'Enter the first date of the period.',
  lastDate: 'Enter the last date of the period.',
};

function placeScheduleErrors(error: ApiError | null) {
  return placeFieldErrors<Key>(
    error,
    (path) => {
      const [head, index, field] = path.split('.');
      if (head === 'fareClasses' && index !== undefined && /^\d+$/.test(index)) {
        if (field === 'code' || field === 'name' || field === 'seats' || field === 'price')
          return `fc${Number(index)}.${field}`;
        return 'fareClasses';
      }
      return head !== undefined && head in WORDS && !head.startsWith('fc') ? (head as Key) : null;
    },
    (key) => WORDS[key.split('.').at(-1) ?? key] ?? 'Check this field.',
  );
}

/** A schedule's seats as a draft's rows and letters, when they are a block (rows × letters). */
function draftOf(c: FlightSchedule['fareClasses'][number]): FareClassDraft {
  const rows = [...new Set(c.seats.map((s) => Number.parseInt(s, 10)))].sort((a, b) => a - b);
  const letters = [...new Set(c.seats.map((s) => s.replace(/^\d+/, '')))].sort();
  const ranges: string[] = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    ranges.push(i === j ? `${rows[i]}` : `${rows[i]}-${rows[j]}`);
    i = j + 1;
  }
  const draft = newDraft(c.code, c.name, ranges.join(', '), letters.join(''));
  return { ...draft, amount: toDecimalString(c.price), currency: c.price.currency };
}

/**
 * Admin: a recurring flight schedule, new or changed: flight number and route (fixed once made), local
 * departure and arrival times, the days of the week, the period and the fare classes.
 */
export function ScheduleForm({
  schedule,
  onSaved,
  onCancel,
}: {
  /** The schedule being changed; undefined for a new one. */
  schedule?: FlightSchedule;
  onSaved: (result: { schedule: FlightSchedule; change?: FlightScheduleChange }) => void;
  onCancel: () => void;
}) {
  const editing = schedule !== undefined;
  const [flightNumber, setFlightNumber] = useState(schedule?.flightNumber ?? '');
  const [from, setFrom] = useState<Airport | null>(null);
  const [to, setTo] = useState<Airport | null>(null);
  const [departureTime, setDepartureTime] = useState(schedule?.departureTime ?? '');
  const [arrivalTime, setArrivalTime] = useState(schedule?.arrivalTime ?? '');
  const [offset, setOffset] = useState(
    schedule?.arrivalDayOffset === undefined ? 'auto' : String(schedule.arrivalDayOffset),
  );
  const [days, setDays] = useState<DayOfWeek[]>(schedule ? [...schedule.daysOfWeek] : []);
  const [firstDate, setFirstDate] = useState(schedule?.firstDate ?? '');
  const [lastDate, setLastDate] = useState(schedule?.lastDate ?? '');
  const [classes, setClasses] = useState<FareClassDraft[]>(() =>
    schedule
      ? schedule.fareClasses.map(draftOf)
      : [newDraft('J', 'Business', '1-3', 'ACDF'), newDraft('Y', 'Economy', '10-30', 'A-F')],
  );
  const [classesEdited, setClassesEdited] = useState(false);
  const [clientErrors, setClientErrors] = useState<Partial<Record<Key, string>>>({});

  const focusFirst = (errors: Partial<Record<Key, string>>) => {
    const first = Object.keys(errors)[0];
    if (first) document.getElementById(idOf(first))?.focus();
  };
  const save = useMutation({
    mutationFn: async (
      body: CreateFlightScheduleRequest | UpdateFlightScheduleRequest,
    ): Promise<{ schedule: FlightSchedule; change?: FlightScheduleChange }> => {
      if (!schedule) {
        return {
          schedule: await call('createFlightSchedule', { body: body as CreateFlightScheduleRequest }),
        };
      }
      const change = await call('updateFlightSchedule', {
        params: { scheduleId: schedule.id },
        body: body as UpdateFlightScheduleRequest,
      });
      return { schedule: change.schedule ?? schedule, change };
    },
    onSuccess: onSaved,
    onError: (error) => focusFirst(placeScheduleErrors(error).byField),
  });
  const server = placeScheduleErrors(save.error);
  const edited = useEditedFields<Key>();
  const errors = edited.hide({ ...server.byField, ...clientErrors });

  const updateClass = (key: number, change: Partial<FareClassDraft>) => {
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
    setClassesEdited(true);
    setClasses((list) => list.map((c) => (c.key === key ? { ...c, ...change } : c)));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const found: Partial<Record<Key, string>> = {};
    const number = flightNumber.trim().toUpperCase();
    if (!editing) {
      if (!FLIGHT_NUMBER.test(number)) found.flightNumber = FALLBACK.flightNumber!;
      if (!from) found.from = FALLBACK.from!;
      if (!to) found.to = FALLBACK.to!;
      else if (to.code === from?.code) found.to = 'The flight must land at another airport.';
    }
    if (!/^\d{2}:\d{2}$/.test(departureTime)) found.departureTime = WORDS.departureTime!;
    if (!/^\d{2}:\d{2}$/.test(arrivalTime)) found.arrivalTime = WORDS.arrivalTime!;
    if (days.length === 0) found.daysOfWeek = WORDS.daysOfWeek!;
    if (!isCalendarDate(firstDate)) found.firstDate = WORDS.firstDate!;
    if (!isCalendarDate(lastDate)) found.lastDate = WORDS.lastDate!;
    else if (isCalendarDate(firstDate) && lastDate < firstDate)
      found.lastDate = 'The last date must be on or after the first date.';
    const fareClasses: { code: string; name: string; price: Money; seats: string[] }[] = [];
    const owner = new Map<string, string>();
    const codes = new Set<string>();
    classes.forEach((draft, i) => {
      const code = draft.code.trim();
      if (!/^[A-Za-z0-9_-]{1,20}$/.test(code)) found[`fc${i}.code`] = FALLBACK.code!;
      else if (codes.has(code)) found[`fc${i}.code`] = `Fare class ${code} is listed twice.`;
      codes.add(code);
      if (draft.name.trim() === '') found[`fc${i}.name`] = FALLBACK.name!;
      const price = readMoney(draft.amount, draft.currency);
      if (typeof price === 'string') found[`fc${i}.price`] = price;
      const seats = draftSeats(draft);
      if (typeof seats === 'string') found[`fc${i}.seats`] = seats;
      else {
        const clash = seats.find((s) => owner.has(s));
        if (clash) found[`fc${i}.seats`] = `Seat ${clash} already belongs to fare class ${owner.get(clash)}.`;
        seats.forEach((s) => owner.set(s, code || `#${i + 1}`));
      }
      if (typeof price !== 'string' && typeof seats !== 'string')
        fareClasses.push({ code, name: draft.name.trim(), price, seats: [...seats].sort(compareSeats) });
    });
    setClientErrors(found);
    edited.reset();
    if (Object.keys(found).length > 0) {
      save.reset();
      focusFirst(found);
      return;
    }
    const common = {
      departureTime,
      arrivalTime,
      daysOfWeek: DAYS_OF_WEEK.filter((d) => days.includes(d)),
      firstDate,
      lastDate,
    };
    if (!editing) {
      save.mutate({
        flightNumber: number,
        from: from!.code,
        to: to!.code,
        ...common,
        ...(offset === 'auto' ? {} : { arrivalDayOffset: Number(offset) }),
        fareClasses,
      });
    } else {
      save.mutate({
        ...common,
        arrivalDayOffset: offset === 'auto' ? null : Number(offset),
        // Unchanged fare classes are not sent: the seats stay exactly as the schedule has them.
        ...(classesEdited ? { fareClasses } : {}),
      });
    }
  };

  const title = editing ? `Change schedule ${schedule.flightNumber}` : 'New flight schedule';
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="schedule-form-title">
      <h2 id="schedule-form-title">{title}</h2>
      {editing ? (
        <p className="muted">
          {schedule.flightNumber} {schedule.from} → {schedule.to}. Future flights nothing was held or sold on
          are made again from what you save here; flights with seats held or sold stay as they are.
        </p>
      ) : (
        <div className="form-grid">
          <Field id="schedule-flightNumber" label="Flight number" error={errors.flightNumber}>
            <input
              id="schedule-flightNumber"
              autoComplete="off"
              spellCheck={false}
              placeholder="BA16"
              value={flightNumber}
              onChange={(e) => {
                setFlightNumber(e.target.value.toUpperCase());
                edited.mark('flightNumber');
              }}
              {...described('schedule-flightNumber', errors.flightNumber)}
            />
          </Field>
          <AirportField
            id="schedule-from"
            label="From (airport or city)"
            value={from?.code ?? ''}
            error={errors.from}
            onChange={(_, airport) => {
              setFrom(airport);
              edited.mark('from');
            }}
          />
          <AirportField
            id="schedule-to"
            label="To (airport or city)"
            value={to?.code ?? ''}
            error={errors.to}
            onChange={(_, airport) => {
              setTo(airport);
              edited.mark('to');
            }}
          />
        </div>
      )}
      <div className="form-grid">
        <Field
          id="schedule-departureTime"
          label="Departs (local time)"
          error={errors.departureTime}
          hint={from ? `${from.code}, ${from.timeZone}` : editing ? `${schedule.from} local time` : undefined}
        >
          <input
            id="schedule-departureTime"
            type="time"
            value={departureTime}
            onChange={(e) => {
              setDepartureTime(e.target.value);
              edited.mark('departureTime');
            }}
            {...described('schedule-departureTime', errors.departureTime, Boolean(from) || editing)}
          />
        </Field>
        <Field
          id="schedule-arrivalTime"
          label="Arrives (local time)"
          error={errors.arrivalTime}
          hint={to ? `${to.code}, ${to.timeZone}` : editing ? `${schedule.to} local time` : undefined}
        >
          <input
            id="schedule-arrivalTime"
            type="time"
            value={arrivalTime}
            onChange={(e) => {
              setArrivalTime(e.target.value);
              edited.mark('arrivalTime');
            }}
            {...described('schedule-arrivalTime', errors.arrivalTime, Boolean(to) || editing)}
          />
        </Field>
        <Field
          id="schedule-arrivalDayOffset"
          label="Lands"
          error={errors.arrivalDayOffset}
          hint="Automatically: the first arrival time after the departure."
        >
          <select
            id="schedule-arrivalDayOffset"
            value={offset}
            onChange={(e) => {
              setOffset(e.target.value);
              edited.mark('arrivalDayOffset');
            }}
            {...described('schedule-arrivalDayOffset', errors.arrivalDayOffset, true)}
          >
            <option value="auto">Automatically</option>
            <option value="0">The same day</option>
            <option value="1">The next day</option>
            <option value="2">Two days later</option>
          </select>
        </Field>
      </div>
      <fieldset
        className="schedule-days"
        aria-describedby={errors.daysOfWeek ? 'schedule-days-error' : undefined}
      >
        <legend>Days of the week</legend>
        {DAYS_OF_WEEK.map((d) => (
          <label key={d} className="check">
            <input
              id={`schedule-day-${d}`}
              type="checkbox"
              checked={days.includes(d)}
              onChange={(e) => {
                setDays((list) => (e.target.checked ? [...list, d] : list.filter((x) => x !== d)));
                edited.mark('daysOfWeek');
              }}
            />{' '}
            {dayName(d)}
          </label>
        ))}
        {errors.daysOfWeek ? (
          <p id="schedule-days-error" className="field-error">
            {errors.daysOfWeek}
          </p>
        ) : null}
      </fieldset>
      <div className="form-grid">
        <DateField
          id="schedule-firstDate"
          label="First date"
          value={firstDate}
          error={errors.firstDate}
          onChange={(v) => {
            setFirstDate(v);
            edited.mark('firstDate');
          }}
        />
        <DateField
          id="schedule-lastDate"
          label="Last date"
          value={lastDate}
          error={errors.lastDate}
          hint="Inclusive; one schedule makes at most 400 flights."
          onChange={(v) => {
            setLastDate(v);
            edited.mark('lastDate');
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
            onChange={(change) => updateClass(draft.key, change)}
            onRemove={
              classes.length === 1
                ? null
                : () => {
                    setClassesEdited(true);
                    setClasses((list) => list.filter((c) => c.key !== draft.key));
                  }
            }
          />
        ))}
        <div>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setClassesEdited(true);
              setClasses((list) => [...list, newDraft('', '', '', 'A-F')]);
            }}
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
      <FormFooter
        label={editing ? 'Save schedule' : 'Create schedule'}
        busy={save.isPending}
        busyLabel={editing ? 'Saving…' : 'Creating flights…'}
        onCancel={onCancel}
      />
    </form>
  );
}
