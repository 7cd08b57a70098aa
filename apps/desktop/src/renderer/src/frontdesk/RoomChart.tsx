import { useMemo, useState } from 'react';
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import {
  addDays,
  daysBetween,
  type CalendarDate,
  type HotelDetail,
  type Stay,
  type Stays,
} from '@tripdesk/shared';
import { formatLongDate, formatStay } from './desk-dates.ts';
import { deskKeys, fetchStays } from './frontdesk-api.ts';
import { TapeChart, type TapeBooking, type TapeStatus } from './TapeChart.tsx';

/** A month: what the chart shows at once. */
export const CHART_DAYS = 31;

function toBooking(stay: Stay, status: TapeStatus): TapeBooking {
  const item = stay.item;
  return {
    id: item.id,
    tripId: stay.tripId,
    guest: stay.customer.name,
    roomTypeId: item.roomTypeId,
    roomNumbers: item.roomNumbers ?? (item.roomNumber ? [item.roomNumber] : []),
    rooms: item.rooms,
    checkIn: item.checkIn,
    checkOut: item.checkOut,
    status,
  };
}

/**
 * Every stay the day lists of the period show: expected arrivals (no room yet) and guests in the
 * house (with their rooms). The server has no list of a hotel's stays over a range, so the chart is
 * put together from one `stays?date=` answer per day (the same cached answers the day lists use).
 * Left out by that: stays already checked out, and no-shows from before the first day.
 */
export function bookingsFromDays(days: readonly (Stays | undefined)[]): TapeBooking[] {
  const byId = new Map<string, TapeBooking>();
  for (const day of days) {
    if (!day) continue;
    for (const stay of day.arrivals)
      if (!byId.has(stay.item.id)) byId.set(stay.item.id, toBooking(stay, 'confirmed'));
    for (const stay of [...day.inHouse, ...day.departures])
      byId.set(stay.item.id, toBooking(stay, 'checked_in'));
  }
  return [...byId.values()];
}

/** The days' answers as the chart needs them; a stable function, so TanStack Query memoises the result. */
function combineDays(results: readonly UseQueryResult<Stays>[]) {
  return {
    bookings: bookingsFromDays(results.map((r) => r.data)),
    loaded: results.filter((r) => r.data !== undefined).length,
    failed: results.find((r) => r.isError) ?? null,
  };
}

/** The front desk's room chart over a month from `from`, with the stay picked shown beneath. */
export function RoomChart({
  hotel,
  from,
  today,
}: {
  hotel: HotelDetail;
  from: CalendarDate;
  today: CalendarDate;
}) {
  const [start, setStart] = useState(from);
  const [selected, setSelected] = useState<TapeBooking | null>(null);
  const dates = useMemo(() => Array.from({ length: CHART_DAYS }, (_, i) => addDays(start, i)), [start]);
  const { bookings, loaded, failed } = useQueries({
    queries: dates.map((date) => ({
      queryKey: deskKeys.stays(hotel.id, date),
      queryFn: () => fetchStays(hotel.id, date),
      staleTime: 60_000,
    })),
    combine: combineDays,
  });
  const roomTypes = hotel.roomTypes;
  const roomCount = roomTypes.reduce((n, t) => n + t.roomNumbers.length, 0);

  return (
    <div className="room-chart">
      <div className="toolbar">
        <p className="muted">
          {formatLongDate(start)} – {formatLongDate(addDays(start, CHART_DAYS - 1))} · {roomCount} rooms ·{' '}
          {loaded < CHART_DAYS ? `loading day ${loaded + 1} of ${CHART_DAYS}…` : `${bookings.length} stays`}
        </p>
        <div className="toolbar-form">
          <button type="button" className="button button-small" onClick={() => setStart(addDays(start, -7))}>
            ‹ Week earlier
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => setStart(from)}
            disabled={start === from}
          >
            From {formatLongDate(from)}
          </button>
          <button type="button" className="button button-small" onClick={() => setStart(addDays(start, 7))}>
            Week later ›
          </button>
        </div>
      </div>
      {failed?.error ? (
        <div className="form-error" role="alert">
          <p>Some days could not be loaded: {failed.error.message}</p>
          <button type="button" className="button button-small" onClick={() => void failed.refetch()}>
            Try again
          </button>
        </div>
      ) : null}
      {roomTypes.length === 0 ? (
        <p className="empty-state">This hotel has no rooms yet, so there is nothing to chart.</p>
      ) : (
        <TapeChart
          label={`Room chart of ${hotel.name}`}
          roomTypes={roomTypes}
          bookings={bookings}
          from={start}
          days={CHART_DAYS}
          today={today}
          selectedId={selected?.id ?? null}
          onSelect={setSelected}
        />
      )}
      <div className="tape-legend" aria-hidden="true">
        <span className="legend-item">
          <span className="tape-swatch tape-bar-confirmed" /> Expected (no room yet)
        </span>
        <span className="legend-item">
          <span className="tape-swatch tape-bar-checked_in" /> In house
        </span>
        <span className="legend-item">
          <span className="tape-free">12</span> rooms of the type still free that night
        </span>
      </div>
      <p role="status" className={selected ? 'panel tape-selected' : 'visually-hidden'}>
        {selected
          ? `${selected.guest} · ${selected.roomNumbers.length > 0 ? `room ${selected.roomNumbers.join(', ')}` : 'no room yet'} · ${formatStay(selected.checkIn, selected.checkOut, daysBetween(selected.checkIn, selected.checkOut))} · ${selected.status === 'confirmed' ? 'expected' : 'in house'} · trip ${selected.tripId}`
          : ''}
      </p>
    </div>
  );
}
