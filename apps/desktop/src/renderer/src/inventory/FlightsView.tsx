import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { FlightAvailabilityRow } from '@tripdesk/shared';
import { AirportField } from '../ui/AirportField.tsx';
import { DateField } from '../ui/DateField.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { NewAirportForm } from './NewAirportForm.tsx';
import { NewFlightForm } from './NewFlightForm.tsx';
import { formatFlightTimes, formatLongDate, formatMoney } from '../ui/formats.ts';
import { inventoryKeys } from '../api/query-keys.ts';
import { FlightDetailView } from './FlightDetailView.tsx';
import { SchedulesView } from './SchedulesView.tsx';
import { call } from '../api/call.ts';

interface FlightSearch {
  readonly from: string;
  readonly to: string;
  readonly date: string;
}

/** The fare classes of one flight, from the search's one row per (flight, fare class). */
function byFlight(rows: readonly FlightAvailabilityRow[]) {
  const flights = new Map<string, { first: FlightAvailabilityRow; classes: FlightAvailabilityRow[] }>();
  for (const row of rows) {
    const entry = flights.get(row.flightId);
    if (entry) entry.classes.push(row);
    else flights.set(row.flightId, { first: row, classes: [row] });
  }
  return [...flights.values()];
}

/** Admin: flights found by route and date, new flights, and a flight's seat map. */
export function FlightsView() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [date, setDate] = useState('');
  const [search, setSearch] = useState<FlightSearch | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [airportFormOpen, setAirportFormOpen] = useState(false);
  const [addedAirport, setAddedAirport] = useState<string | null>(null);
  const [openFlightId, setOpenFlightId] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [schedulesOpen, setSchedulesOpen] = useState(false);

  const results = useQuery({
    queryKey: search
      ? inventoryKeys.flightSearch(search.from, search.to, search.date)
      : inventoryKeys.noFlightSearch,
    // There is no list of flights; an admin finds one by route and date, as an agent would.
    queryFn: () =>
      call('searchFlightAvailability', {
        query: { from: search!.from, to: search!.to, date: search!.date, sort: 'name', limit: 200 },
      }),
    enabled: search !== null,
  });

  if (schedulesOpen) return <SchedulesView onBack={() => setSchedulesOpen(false)} />;
  if (openFlightId !== null) {
    return (
      <FlightDetailView
        flightId={openFlightId}
        notice={created === openFlightId ? 'Flight created. Its seats are on sale from now.' : null}
        onBack={() => {
          setOpenFlightId(null);
          setCreated(null);
        }}
      />
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The airports are picked from the lookup (a code the lookup confirms counts as picked).
    const missing: [string, string] | null =
      from === ''
        ? ['flight-search-from', 'Pick the departure airport from the list: type its code or city.']
        : to === ''
          ? ['flight-search-to', 'Pick the arrival airport from the list: type its code or city.']
          : date === ''
            ? ['flight-search-date', 'Enter the departure date.']
            : null;
    if (missing) {
      setSearchError(missing[1]);
      document.getElementById(missing[0])?.focus();
      return;
    }
    setSearchError(null);
    setSearch({ from, to, date });
  };
  const flights = results.data ? byFlight(results.data.results) : [];

  return (
    <div className="inventory-view">
      <div className="toolbar">
        <form className="toolbar-form" role="search" aria-label="Flights" onSubmit={submit} noValidate>
          <AirportField
            id="flight-search-from"
            label="From"
            className="field-inline"
            value={from}
            onChange={setFrom}
          />
          <AirportField
            id="flight-search-to"
            label="To"
            className="field-inline"
            value={to}
            onChange={setTo}
          />
          <DateField
            id="flight-search-date"
            label="Departure date"
            className="field-inline"
            value={date}
            onChange={setDate}
          />
          <button type="submit" className="button">
            Find flights
          </button>
        </form>
        {!formOpen && !airportFormOpen ? (
          <>
            <button
              type="button"
              className="button"
              onClick={() => {
                setAddedAirport(null);
                setAirportFormOpen(true);
              }}
            >
              New airport
            </button>
            <button type="button" className="button" onClick={() => setSchedulesOpen(true)}>
              Schedules
            </button>
            <button type="button" className="button button-primary" onClick={() => setFormOpen(true)}>
              New flight
            </button>
          </>
        ) : null}
      </div>
      {searchError ? (
        <p className="form-error" role="alert">
          {searchError}
        </p>
      ) : null}

      {addedAirport ? (
        <p className="notice notice-good" role="status">
          {addedAirport}
        </p>
      ) : null}
      {airportFormOpen ? (
        <NewAirportForm
          onCancel={() => setAirportFormOpen(false)}
          onCreated={(airport) => {
            setAirportFormOpen(false);
            setAddedAirport(
              `Airport ${airport.code} (${airport.city}, ${airport.timeZone}) added: flights can now fly there.`,
            );
          }}
        />
      ) : null}
      {formOpen ? (
        <NewFlightForm
          onCancel={() => setFormOpen(false)}
          onCreated={(flight) => {
            setFormOpen(false);
            setCreated(flight.id);
            setOpenFlightId(flight.id);
          }}
        />
      ) : null}

      {search === null && !formOpen && !airportFormOpen ? (
        <p className="empty-state">
          Find a flight by its route and departure date to see its fare classes and seats.
        </p>
      ) : null}
      {search !== null && results.isPending ? <p className="muted">Searching flights…</p> : null}
      {results.isError ? <LoadError error={results.error} retry={() => void results.refetch()} /> : null}
      {search !== null && results.data ? (
        flights.length === 0 ? (
          <p className="empty-state">
            No flight from {search.from} to {search.to} departs on {formatLongDate(search.date)} with a free
            seat.
          </p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Flights found</caption>
              <thead>
                <tr>
                  <th scope="col">Flight</th>
                  <th scope="col">Route</th>
                  <th scope="col">Departs (local)</th>
                  <th scope="col">Arrives (local)</th>
                  <th scope="col">Fare classes (free seats, price)</th>
                </tr>
              </thead>
              <tbody>
                {flights.map(({ first, classes }) => (
                  <tr key={first.flightId}>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Seat map of ${first.flightNumber}`}
                        onClick={() => setOpenFlightId(first.flightId)}
                      >
                        {first.flightNumber}
                      </button>
                    </td>
                    <td>
                      {first.from} → {first.to}
                    </td>
                    <td>{localDeparture(first)}</td>
                    <td>{localArrival(first)}</td>
                    <td>
                      {classes
                        .map(
                          (c) => `${c.fareClassName ?? c.fareClass}: ${c.available}, ${formatMoney(c.price)}`,
                        )
                        .join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </div>
  );
}

/** `Thu, Dec 24 10:30`: the departure on the origin airport's clock. */
function localDeparture(row: FlightAvailabilityRow): string {
  const t = formatFlightTimes(row.departureAt, row.arrivalAt);
  return `${t.departsOn} ${t.departs}${t.utc ? ' UTC' : ''}`;
}

/** `Fri, Dec 25 09:30+1`: the arrival on the destination airport's clock. */
function localArrival(row: FlightAvailabilityRow): string {
  const t = formatFlightTimes(row.departureAt, row.arrivalAt);
  return `${t.arrivesOn} ${t.arrives}${t.dayShift}${t.utc ? ' UTC' : ''}`;
}
