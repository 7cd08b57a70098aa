import { useQuery } from '@tanstack/react-query';
import { LoadError } from '../ui/LoadError.tsx';
import { SeatMapView } from './SeatMapView.tsx';
import { formatFlightTimes, formatMoney } from '../ui/formats.ts';
import { inventoryKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';
import { ExtrasEditor } from './ExtrasEditor.tsx';
import { TaxesEditor } from './TaxesEditor.tsx';

/** One flight: its fare classes with their counters and the seat map. */
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
  const data = flight.data;
  const times = data ? formatFlightTimes(data.departureAt, data.arrivalAt) : null;
  return (
    <div className="inventory-view">
      <div className="toolbar">
        <button type="button" className="button button-quiet" onClick={onBack}>
          ← Flights
        </button>
      </div>
      {notice ? (
        <p role="status" className="notice notice-good">
          {notice}
        </p>
      ) : null}
      {flight.isPending ? <p className="muted">Loading the flight…</p> : null}
      {flight.isError ? <LoadError error={flight.error} retry={() => void flight.refetch()} /> : null}
      {data ? (
        <div className="flight-layout">
          <div className="flight-facts">
            <div className="panel">
              <h2>
                {data.flightNumber} {data.from} → {data.to}
              </h2>
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
                  </tr>
                </thead>
                <tbody>
                  {data.fareClasses.map((fc) => (
                    <tr key={fc.code}>
                      <th scope="row" className="row-head">
                        {fc.name} <span className="mono muted">({fc.code})</span>
                      </th>
                      <td className="num">{formatMoney(fc.price)}</td>
                      <td className="num">{fc.capacity}</td>
                      <td className="num">{fc.held}</td>
                      <td className="num">{fc.booked}</td>
                      <td className="num">{fc.available}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <section className="panel" aria-labelledby="seat-map-title">
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
    </div>
  );
}
