import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { todayIn, type FareClassDetail, type FlightDetail } from '@tripdesk/shared';
import { LoadError } from '../ui/LoadError.tsx';
import { SeatMapView } from './SeatMapView.tsx';
import { formatFlightTimes, formatMoney } from '../ui/formats.ts';
import { inventoryKeys, searchKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';
import { ClosuresPanel } from './ClosuresPanel.tsx';
import { ConfirmChangeDialog } from './ConfirmChangeDialog.tsx';
import { EditFareClassDialog } from './EditFareClassDialog.tsx';
import { EditFlightTimesDialog } from './EditFlightTimesDialog.tsx';
import { ExtrasEditor } from './ExtrasEditor.tsx';
import { TaxesEditor } from './TaxesEditor.tsx';

/**
 * One flight: its fare classes with their counters and the seat map; the admin edits its times and fare
 * classes, retires either, and closes fare classes to sale for departure dates.
 */
export function FlightDetailView({
  flightId,
  notice,
  onBack,
}: {
  flightId: string;
  notice: string | null;
  onBack: () => void;
}) {
  // Seats are held and sold all the time: opening a flight always asks the server again.
  const flight = useQuery({
    queryKey: inventoryKeys.flight(flightId),
    queryFn: () => call('getFlight', { params: { flightId } }),
    staleTime: 0,
  });
  const seats = useQuery({
    queryKey: inventoryKeys.seatMap(flightId),
    queryFn: () => call('getSeatMap', { params: { flightId } }),
    staleTime: 0,
  });
  const queryClient = useQueryClient();
  const [editingTimes, setEditingTimes] = useState(false);
  const [retiringFlight, setRetiringFlight] = useState(false);
  const [editing, setEditing] = useState<FareClassDetail | null>(null);
  const [retiring, setRetiring] = useState<FareClassDetail | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const store = (updated: FlightDetail, summary: string) => {
    queryClient.setQueryData(inventoryKeys.flight(flightId), updated);
    void queryClient.invalidateQueries({ queryKey: inventoryKeys.seatMap(flightId) });
    void queryClient.invalidateQueries({ queryKey: ['flights', 'search'] });
    void queryClient.invalidateQueries({ queryKey: searchKeys.all });
    setChanged(summary);
  };
  const data = flight.data;
  const shown = changed ?? notice;
  const times = data ? formatFlightTimes(data.departureAt, data.arrivalAt) : null;
  return (
    <div className="inventory-view">
      <div className="toolbar">
        <button type="button" className="button button-quiet" onClick={onBack}>
          ← Flights
        </button>
      </div>
      <p role="status" className={shown ? 'notice notice-good' : 'visually-hidden'}>
        {shown ?? ''}
      </p>
      {flight.isPending ? <p className="muted">Loading the flight…</p> : null}
      {flight.isError ? <LoadError error={flight.error} retry={() => void flight.refetch()} /> : null}
      {data ? (
        <div className="flight-layout">
          <div className="flight-facts">
            <div className="panel">
              <div className="section-head">
                <h2>
                  {data.flightNumber} {data.from} → {data.to}
                  {data.retiredAt ? <span className="tag tag-muted">Retired</span> : null}
                </h2>
                <div className="button-row">
                  <button type="button" className="button" onClick={() => setEditingTimes(true)}>
                    Edit times
                  </button>
                  <button type="button" className="button" onClick={() => setRetiringFlight(true)}>
                    {data.retiredAt ? 'Reinstate flight' : 'Retire flight'}
                  </button>
                </div>
              </div>
              <dl className="facts">
                <div>
                  <dt>Departs</dt>
                  <dd>
                    {times?.departsOn}, {times?.departs} {data.from} local time
                  </dd>
                </div>
                <div>
                  <dt>Arrives</dt>
                  <dd>
                    {times?.arrivesOn}, {times?.arrives}
                    {times?.dayShift} {data.to} local time
                  </dd>
                </div>
                <div>
                  <dt>Seats</dt>
                  <dd>{data.fareClasses.reduce((n, c) => n + c.capacity, 0)}</dd>
                </div>
              </dl>
            </div>
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">Fare classes of {data.flightNumber}</caption>
                <thead>
                  <tr>
                    <th scope="col">Fare class</th>
                    <th scope="col" className="num">
                      Seat price
                    </th>
                    <th scope="col" className="num">
                      Seats
                    </th>
                    <th scope="col" className="num">
                      Held
                    </th>
                    <th scope="col" className="num">
                      Booked
                    </th>
                    <th scope="col" className="num">
                      Free
                    </th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.fareClasses.map((fc) => (
                    <tr key={fc.code} className={fc.retiredAt ? 'row-retired' : undefined}>
                      <th scope="row" className="row-head">
                        {fc.name} <span className="mono muted">({fc.code})</span>
                        {fc.retiredAt ? <span className="tag tag-muted">Retired</span> : null}
                      </th>
                      <td className="num">{formatMoney(fc.price)}</td>
                      <td className="num">{fc.capacity}</td>
                      <td className="num">{fc.held}</td>
                      <td className="num">{fc.booked}</td>
                      <td className="num">{fc.available}</td>
                      <td className="actions">
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`Edit ${fc.name} (${fc.code})`}
                          onClick={() => setEditing(fc)}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`${fc.retiredAt ? 'Reinstate' : 'Retire'} ${fc.name} (${fc.code})`}
                          onClick={() => setRetiring(fc)}
                        >
                          {fc.retiredAt ? 'Reinstate' : 'Retire'}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <section className="panel seat-map-panel" aria-labelledby="seat-map-title">
            <h2 id="seat-map-title">Seat map</h2>
            {seats.isPending ? <p className="muted">Loading seats…</p> : null}
            {seats.isError ? <LoadError error={seats.error} retry={() => void seats.refetch()} /> : null}
            {seats.data ? (
              <SeatMapView
                seatMap={seats.data}
                caption={`Seats of ${data.flightNumber}`}
                fareClassNames={new Map(data.fareClasses.map((c) => [c.code, c.name]))}
              />
            ) : null}
          </section>
          <ClosuresPanel
            {...(data.origin?.timeZone ? { today: todayIn(data.origin.timeZone, new Date()) } : {})}
            title="Fare classes closed to sale"
            idPrefix="flight-closure"
            targetLabel="Fare class"
            targets={data.fareClasses.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
            unit="day"
            queryKey={inventoryKeys.flightClosures(data.flightNumber)}
            list={async () =>
              (await call('listFlightClosures', { query: { flightNumber: data.flightNumber } })).items.map(
                (c) => ({ id: c.id, target: c.fareClass, from: c.from, to: c.to, reason: c.reason }),
              )
            }
            create={(c) =>
              call('createFlightClosure', {
                body: {
                  flightNumber: data.flightNumber,
                  fareClass: c.target,
                  from: c.from,
                  to: c.to,
                  ...(c.reason ? { reason: c.reason } : {}),
                },
              })
            }
            remove={(closureId) => call('deleteFlightClosure', { params: { closureId } })}
          />
          <TaxesEditor
            owner={{ itemType: 'flight', id: flightId }}
            title={`Taxes and fees of ${data.flightNumber}`}
            currency={data.fareClasses[0]?.price.currency ?? 'USD'}
          />
          <ExtrasEditor
            owner={{ itemType: 'flight', id: flightId }}
            title={`Extras sold with ${data.flightNumber}`}
          />
        </div>
      ) : null}
      {data && editingTimes ? (
        <EditFlightTimesDialog
          flight={data}
          onClose={() => setEditingTimes(false)}
          onSaved={(updated) => {
            setEditingTimes(false);
            const t = formatFlightTimes(updated.departureAt, updated.arrivalAt);
            store(
              updated,
              `Saved the times of ${updated.flightNumber}: departs ${t.departsOn}, ${t.departs} ${updated.from} time.`,
            );
          }}
        />
      ) : null}
      {data && editing ? (
        <EditFareClassDialog
          flight={data}
          fareClass={editing}
          onClose={() => setEditing(null)}
          onSaved={(updated) => {
            setEditing(null);
            const fc = updated.fareClasses.find((c) => c.code === editing.code);
            store(
              updated,
              fc
                ? `Saved ${fc.name}: ${formatMoney(fc.price)} a seat for new sales, ${fc.capacity} seats.`
                : `Saved ${editing.name}.`,
            );
          }}
        />
      ) : null}
      {data && retiringFlight ? (
        <ConfirmChangeDialog
          title={data.retiredAt ? `Reinstate ${data.flightNumber}?` : `Retire ${data.flightNumber}?`}
          label={data.retiredAt ? 'Reinstate flight' : 'Retire flight'}
          busyLabel="Saving…"
          tone={data.retiredAt ? 'primary' : 'danger'}
          run={() => call('updateFlight', { params: { flightId }, body: { retired: !data.retiredAt } })}
          onDone={(updated) => {
            setRetiringFlight(false);
            store(
              updated,
              updated.retiredAt
                ? `${updated.flightNumber} is retired: it is no longer searched nor sold.`
                : `${updated.flightNumber} is on sale again.`,
            );
          }}
          onClose={() => setRetiringFlight(false)}
        >
          <p>
            {data.retiredAt
              ? 'Its fare classes can be searched and sold again.'
              : 'It leaves the agents’ search and takes no new bookings. Seats already held or sold are kept, and old trips still show it. You can reinstate it later.'}
          </p>
        </ConfirmChangeDialog>
      ) : null}
      {data && retiring ? (
        <ConfirmChangeDialog
          title={
            retiring.retiredAt
              ? `Reinstate ${retiring.name} (${retiring.code})?`
              : `Retire ${retiring.name} (${retiring.code})?`
          }
          label={retiring.retiredAt ? 'Reinstate fare class' : 'Retire fare class'}
          busyLabel="Saving…"
          tone={retiring.retiredAt ? 'primary' : 'danger'}
          run={() =>
            call('updateFareClass', {
              params: { flightId, fareClass: retiring.code },
              body: { retired: !retiring.retiredAt },
            })
          }
          onDone={(updated) => {
            setRetiring(null);
            store(
              updated,
              retiring.retiredAt
                ? `${retiring.name} is on sale again on ${updated.flightNumber}.`
                : `${retiring.name} is retired on ${updated.flightNumber}: it is no longer searched nor sold.`,
            );
          }}
          onClose={() => setRetiring(null)}
        >
          <p>
            {retiring.retiredAt
              ? `${retiring.name} seats on ${data.flightNumber} can be searched and sold again.`
              : `${retiring.name} leaves the agents’ search on ${data.flightNumber} and takes no new bookings. Seats already held or sold keep their passengers and price, and old trips still show them. You can reinstate it later.`}
          </p>
        </ConfirmChangeDialog>
      ) : null}
    </div>
  );
}
