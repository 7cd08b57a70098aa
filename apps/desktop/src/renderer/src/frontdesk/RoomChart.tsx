import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  addDays,
  daysBetween,
  eachDate,
  type CalendarDate,
  type HotelDetail,
  type Stay,
} from '@tripdesk/shared';
import {
  overbookedNights,
  STATUS_WORDS,
  type TapeBooking,
  type TapeOutOfOrder,
  type TapeStatus,
} from './tape-chart-rows.ts';
import { TapeChart } from './TapeChart.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { formatLongDate, formatNights, formatStayDate } from '../ui/formats.ts';
import { deskKeys, inventoryKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';

/** A month: what the chart shows at once. */
export const CHART_DAYS = 31;

const TAPE_STATUSES: readonly TapeStatus[] = ['confirmed', 'checked_in', 'checked_out'];

/**
 * The chart's bars from the hotel's stays over the period (`GET /api/hotels/{hotelId}/bookings`, one
 * call): checked-in and checked-out stays on their rooms, confirmed ones without a room yet in the
 * "no room yet" lanes of their type. Any other status (the server sends none) is left out.
 */
export function bookingsFromStays(stays: readonly Stay[]): TapeBooking[] {
  const bookings: TapeBooking[] = [];
  for (const { tripId, customer, item } of stays) {
    const status = TAPE_STATUSES.find((s) => s === item.status);
    if (!status) continue;
    bookings.push({
      id: item.id,
      tripId,
      guest: customer.name,
      roomTypeId: item.roomTypeId,
      roomNumbers: item.roomNumbers ?? (item.roomNumber ? [item.roomNumber] : []),
      rooms: item.rooms,
      checkIn: item.checkIn,
      checkOut: item.checkOut,
      status,
    });
  }
  return bookings;
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
  const to = addDays(start, CHART_DAYS);
  const query = useQuery({
    queryKey: deskKeys.bookings(hotel.id, start, to),
    queryFn: () => call('listHotelBookings', { params: { hotelId: hotel.id }, query: { from: start, to } }),
    staleTime: 60_000,
  });
  const bookings = useMemo(() => bookingsFromStays(query.data?.stays ?? []), [query.data]);
  // Rooms out of order over the month (the desk may read them; the admin takes rooms out).
  const outQuery = useQuery({
    queryKey: [...inventoryKeys.outOfOrder(hotel.id), start, to],
    queryFn: () => call('listOutOfOrder', { params: { hotelId: hotel.id }, query: { from: start, to } }),
    staleTime: 60_000,
  });
  const outOfOrder: readonly TapeOutOfOrder[] = useMemo(() => outQuery.data?.items ?? [], [outQuery.data]);
  const roomTypes = hotel.roomTypes;
  const roomCount = roomTypes.reduce((n, t) => n + t.roomNumbers.length, 0);
  const overbooked = useMemo(
    () => overbookedNights(roomTypes, bookings, eachDate(start, to), outOfOrder),
    [roomTypes, bookings, start, to, outOfOrder],
  );

  return (
    <div className="room-chart">
      <div className="toolbar">
        <p className="muted">
          {formatLongDate(start)} – {formatLongDate(addDays(start, CHART_DAYS - 1))} · {roomCount} rooms ·{' '}
          {query.data ? `${bookings.length} stays` : 'loading…'}
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
      {query.error ? (
        <LoadError
          error={query.error}
          retry={() => void query.refetch()}
          message={`The stays could not be loaded: ${query.error.message}`}
        />
      ) : null}
      {outQuery.error ? (
        <LoadError
          error={outQuery.error}
          retry={() => void outQuery.refetch()}
          message={`The rooms out of order could not be loaded: ${outQuery.error.message}`}
        />
      ) : null}
      {overbooked.length > 0 ? (
        <ul className="notice overbooked-nights" aria-label="Overbooked nights">
          {overbooked.map((o) => (
            <li key={`${o.type.id}:${o.date}`}>
              {o.type.name}, {formatStayDate(o.date)}: overbooked by {o.by}. At check-in, walk the guests
              there is no room for to another hotel.
            </li>
          ))}
        </ul>
      ) : null}
      {roomTypes.length === 0 ? (
        <p className="empty-state">This hotel has no rooms yet, so there is nothing to chart.</p>
      ) : (
        <TapeChart
          label={`Room chart of ${hotel.name}`}
          roomTypes={roomTypes}
          bookings={bookings}
          outOfOrder={outOfOrder}
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
          <span className="tape-swatch tape-bar-checked_out" /> Checked out
        </span>
        <span className="legend-item">
          <span className="tape-swatch tape-out" /> Out of order or out of service (not sold)
        </span>
        <span className="legend-item">
          <span className="tape-free">12</span> rooms of the type still free that night
        </span>
        <span className="legend-item">
          <span className="tape-free tape-over">+2</span> overbooked by 2: more stays than rooms
        </span>
      </div>
      <p role="status" className={selected ? 'panel tape-selected' : 'visually-hidden'}>
        {selected
          ? `${selected.guest} · ${selected.roomNumbers.length > 0 ? `room ${selected.roomNumbers.join(', ')}` : 'no room yet'} · ${formatNights(selected.checkIn, selected.checkOut, daysBetween(selected.checkIn, selected.checkOut))} · ${STATUS_WORDS[selected.status]} · trip ${selected.tripId}`
          : ''}
      </p>
    </div>
  );
}
