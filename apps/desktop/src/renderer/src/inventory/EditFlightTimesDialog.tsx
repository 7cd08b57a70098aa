import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import {
  instantInZone,
  isCalendarDate,
  zonedTimeToInstant,
  type FlightDetail,
  type UpdateFlightRequest,
} from '@tripdesk/shared';
import { call } from '../api/call.ts';
import { DateField } from '../ui/DateField.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { Field, FormAlert, placeFieldErrors } from '../ui/form-field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { refusalInWords } from './ConfirmChangeDialog.tsx';

type TimeField = 'departureAt' | 'arrivalAt';

/** `2026-12-18T22:30:00-05:00` → the date and `HH:MM` on the airport's clock. */
function localParts(instant: string, timeZone: string): { date: string; time: string } {
  const local = instantInZone(instant, timeZone);
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

function localInstant(date: string, time: string, timeZone: string): string | null {
  if (!isCalendarDate(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  return instantInZone(zonedTimeToInstant(date, time, timeZone), timeZone);
}

/**
 * Admin: a flight's departure and arrival, each on its own airport's clock (like the new-flight form).
 * The server changes times only while no seat is held or sold, and says so in words otherwise.
 */
export function EditFlightTimesDialog({
  flight,
  onSaved,
  onClose,
}: {
  flight: FlightDetail;
  onSaved: (flight: FlightDetail) => void;
  onClose: () => void;
}) {
  const fromZone = flight.origin?.timeZone ?? 'UTC';
  const toZone = flight.destination?.timeZone ?? 'UTC';
  const departs = localParts(flight.departureAt, fromZone);
  const arrives = localParts(flight.arrivalAt, toZone);
  const [departureDate, setDepartureDate] = useState(departs.date);
  const [departureTime, setDepartureTime] = useState(departs.time);
  const [arrivalDate, setArrivalDate] = useState(arrives.date);
  const [arrivalTime, setArrivalTime] = useState(arrives.time);
  const [clientErrors, setClientErrors] = useState<Partial<Record<TimeField, string>>>({});
  const save = useMutation({
    mutationFn: (body: UpdateFlightRequest) =>
      call('updateFlight', { params: { flightId: flight.id }, body }),
    onSuccess: onSaved,
  });
  const server = placeFieldErrors<TimeField>(
    save.error && save.error.status === 409 ? null : save.error,
    (path) => (path === 'departureAt' || path === 'arrivalAt' ? path : null),
    {
      departureAt: 'Enter the departure date and local time.',
      arrivalAt: 'Enter the arrival date and local time.',
    },
  );
  const refusal = save.error && save.error.status === 409 ? refusalInWords(save.error) : null;
  const errors = { ...server.byField, ...clientErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const found: Partial<Record<TimeField, string>> = {};
    const departureAt = localInstant(departureDate, departureTime, fromZone);
    const arrivalAt = localInstant(arrivalDate, arrivalTime, toZone);
    if (!departureAt) found.departureAt = 'Enter the departure date and local time.';
    if (!arrivalAt) found.arrivalAt = 'Enter the arrival date and local time.';
    else if (departureAt && Date.parse(arrivalAt) <= Date.parse(departureAt))
      found.arrivalAt = 'The arrival must be after the departure (both in local time).';
    setClientErrors(found);
    if (Object.keys(found).length > 0 || !departureAt || !arrivalAt) return;
    const body: UpdateFlightRequest = {
      ...(Date.parse(departureAt) !== Date.parse(flight.departureAt) ? { departureAt } : {}),
      ...(Date.parse(arrivalAt) !== Date.parse(flight.arrivalAt) ? { arrivalAt } : {}),
    };
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    save.mutate(body);
  };

  const side = (
    key: TimeField,
    verb: string,
    airport: string,
    zone: string,
    date: string,
    time: string,
    onDate: (v: string) => void,
    onTime: (v: string) => void,
  ) => (
    <>
      <DateField
        id={`edit-flight-${key}`}
        label={`${verb} (date)`}
        value={date}
        error={errors[key]}
        onChange={onDate}
      />
      <Field id={`edit-flight-${key}-time`} label={`${verb} (time)`} hint={`${airport} local time, ${zone}`}>
        <input
          id={`edit-flight-${key}-time`}
          type="time"
          value={time}
          onChange={(e) => onTime(e.target.value)}
          aria-describedby={`edit-flight-${key}-time-hint`}
        />
      </Field>
    </>
  );

  return (
    <Dialog title={`Edit times of ${flight.flightNumber}`} onClose={onClose} busy={save.isPending}>
      <form className="modal-form" onSubmit={submit} noValidate>
        <p className="muted">
          Times can change only while no seat is held or booked: a sold ticket keeps the times it was sold
          with.
        </p>
        <div className="form-grid">
          {side(
            'departureAt',
            'Departs',
            flight.from,
            fromZone,
            departureDate,
            departureTime,
            setDepartureDate,
            setDepartureTime,
          )}
        </div>
        <div className="form-grid">
          {side(
            'arrivalAt',
            'Arrives',
            flight.to,
            toZone,
            arrivalDate,
            arrivalTime,
            setArrivalDate,
            setArrivalTime,
          )}
        </div>
        <FormAlert message={refusal ?? server.formError} />
        <FormFooter label="Save times" busy={save.isPending} busyLabel="Saving…" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
