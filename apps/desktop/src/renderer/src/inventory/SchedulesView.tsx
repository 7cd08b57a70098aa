import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FlightSchedule, FlightScheduleChange } from '@tripdesk/shared';
import { Dialog } from '../ui/Dialog.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { formatLongDate, formatMoney } from '../ui/formats.ts';
import { inventoryKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';
import { dayName, ScheduleForm } from './ScheduleForm.tsx';

/** What an edit or a retirement did, and the flights it kept, in the admin's words. */
interface Outcome {
  readonly message: string;
  readonly kept: readonly string[];
}

const outcomeOf = (change: FlightScheduleChange): Outcome => ({
  message: change.message,
  kept: change.kept.map((k) => k.reason),
});

/** Admin: recurring flight schedules, listed, created, changed and retired. */
export function SchedulesView({ onBack }: { onBack: () => void }) {
  const queryClient = useQueryClient();
  const schedules = useQuery({
    queryKey: inventoryKeys.flightSchedules,
    queryFn: () => call('listFlightSchedules'),
  });
  const [form, setForm] = useState<'new' | FlightSchedule | null>(null);
  const [retiring, setRetiring] = useState<FlightSchedule | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const retire = useMutation({
    mutationFn: (s: FlightSchedule) => call('deleteFlightSchedule', { params: { scheduleId: s.id } }),
    onSuccess: (change) => {
      setRetiring(null);
      setOutcome(outcomeOf(change));
      void queryClient.invalidateQueries({ queryKey: inventoryKeys.flightSchedules });
      void queryClient.invalidateQueries({ queryKey: ['flights'] });
    },
  });

  const saved = ({ schedule, change }: { schedule: FlightSchedule; change?: FlightScheduleChange }) => {
    setForm(null);
    const count = schedule.flights.filter((f) => !f.departed).length;
    setOutcome(
      change
        ? outcomeOf(change)
        : {
            message: `${schedule.flightNumber} ${schedule.from} → ${schedule.to}: ${count} ${count === 1 ? 'flight' : 'flights'} made, on sale from now.`,
            kept: [],
          },
    );
    void queryClient.invalidateQueries({ queryKey: inventoryKeys.flightSchedules });
    void queryClient.invalidateQueries({ queryKey: ['flights'] });
  };

  const items = schedules.data?.items ?? [];
  return (
    <div className="inventory-view">
      <div className="toolbar">
        <button type="button" className="button button-quiet" onClick={onBack}>
          ← Flights
        </button>
        {form === null ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setOutcome(null);
              setForm('new');
            }}
          >
            New schedule
          </button>
        ) : null}
      </div>
      <p role="status" className={outcome ? 'notice notice-good' : 'visually-hidden'}>
        {outcome?.message ?? ''}
      </p>
      {outcome && outcome.kept.length > 0 ? (
        <ul className="notice kept-flights" aria-label="Flights kept as they were">
          {outcome.kept.map((k) => (
            <li key={k}>{k}</li>
          ))}
        </ul>
      ) : null}
      {form !== null ? (
        <ScheduleForm
          key={form === 'new' ? 'new' : form.id}
          {...(form === 'new' ? {} : { schedule: form })}
          onSaved={saved}
          onCancel={() => setForm(null)}
        />
      ) : null}
      {schedules.isPending ? <p className="muted">Loading schedules…</p> : null}
      {schedules.isError ? (
        <LoadError error={schedules.error} retry={() => void schedules.refetch()} />
      ) : null}
      {schedules.data && items.length === 0 && form === null ? (
        <p className="empty-state">
          No schedules yet. A schedule makes a flight number on days of the week over a period, e.g. BA16 JFK
          → LHR on Mon, Wed and Fri for a quarter.
        </p>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Flight schedules</caption>
            <thead>
              <tr>
                <th scope="col">Flight</th>
                <th scope="col">Route</th>
                <th scope="col">Days</th>
                <th scope="col">Departs – arrives (local)</th>
                <th scope="col">Period</th>
                <th scope="col">Fares</th>
                <th scope="col" className="num">
                  Flights
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => {
                const upcoming = s.flights.filter((f) => !f.departed);
                const sold = upcoming.filter((f) => f.booked + f.held > 0).length;
                return (
                  <tr key={s.id}>
                    <th scope="row" className="row-head">
                      {s.flightNumber}
                    </th>
                    <td>
                      {s.from} → {s.to}
                    </td>
                    <td>{s.daysOfWeek.map(dayName).join(' ')}</td>
                    <td>
                      {s.departureTime} – {s.arrivalTime}
                      {s.arrivalDayOffset ? `+${s.arrivalDayOffset}` : ''}
                    </td>
                    <td>
                      {formatLongDate(s.firstDate)} to {formatLongDate(s.lastDate)}
                    </td>
                    <td>{s.fareClasses.map((c) => `${c.code} ${formatMoney(c.price)}`).join(' · ')}</td>
                    <td className="num">
                      {upcoming.length}
                      {sold > 0 ? <span className="cell-note">{sold} with seats held or sold</span> : null}
                    </td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Change schedule ${s.flightNumber}`}
                        onClick={() => {
                          setOutcome(null);
                          setForm(s);
                        }}
                      >
                        Change
                      </button>{' '}
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Retire schedule ${s.flightNumber}`}
                        onClick={() => {
                          retire.reset();
                          setRetiring(s);
                        }}
                      >
                        Retire
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {retiring ? (
        <Dialog
          title={`Retire schedule ${retiring.flightNumber}`}
          onClose={() => setRetiring(null)}
          busy={retire.isPending}
        >
          <p>
            Its future flights that nothing was held or sold on are removed. Flights with seats held or sold
            stay on sale as they are.
          </p>
          {retire.error ? (
            <p className="form-error" role="alert">
              {retire.error.message} {retire.error.detail}
            </p>
          ) : null}
          <FormFooter
            label="Retire schedule"
            busyLabel="Retiring…"
            busy={retire.isPending}
            tone="danger"
            autoFocus
            onConfirm={() => retire.mutate(retiring)}
            onCancel={() => setRetiring(null)}
            cancelLabel="Keep it"
          />
        </Dialog>
      ) : null}
    </div>
  );
}
