import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addDays,
  daysBetween,
  isCalendarDate,
  type CalendarDate,
  type HotelAvailabilityRow,
  type HotelDetail,
} from '@tripdesk/shared';
import { Field, FormAlert } from '../ui/form-field.tsx';
import { DateField } from '../ui/DateField.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { useDesk, type WalkIn } from './desk-store.ts';
import { useRetryKey } from './retry-key.ts';
import { formatLongDate, formatMoney } from '../ui/formats.ts';
import { deskKeys, tripKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';

export function RoomStep({
  walkIn,
  hotel,
  today,
}: {
  walkIn: WalkIn;
  hotel: HotelDetail;
  today: CalendarDate;
}) {
  const updateWalkIn = useDesk((s) => s.updateWalkIn);
  const queryClient = useQueryClient();
  const [checkOut, setCheckOut] = useState<CalendarDate>(addDays(today, 1));
  const [guests, setGuests] = useState(1);
  const valid = isCalendarDate(checkOut) && checkOut > today && daysBetween(today, checkOut) <= 90;
  const search = useQuery({
    queryKey: deskKeys.rooms(hotel.id, today, checkOut, guests),
    // Free room types at this hotel only: what the desk can sell a walk-in.
    queryFn: () =>
      call('searchHotelAvailability', {
        query: { hotelId: hotel.id, checkIn: today, checkOut, guests, sort: 'price', limit: 200 },
      }),
    enabled: valid,
  });
  const retry = useRetryKey();
  const hold = useMutation({
    mutationFn: (row: HotelAvailabilityRow) => {
      const request = {
        type: 'hotel' as const,
        roomTypeId: row.roomTypeId,
        checkIn: today,
        checkOut,
        rooms: 1,
        guests,
      };
      return call('addTripItem', {
        params: { tripId: walkIn.tripId },
        body: request,
        idempotencyKey: retry.keyFor(JSON.stringify(request)),
      });
    },
    onSettled: (_item, error) => retry.settled(error),
    onSuccess: (item) => {
      updateWalkIn({ itemId: item.id, payKey: null });
      void queryClient.invalidateQueries({ queryKey: tripKeys.detail(walkIn.tripId) });
    },
    onError: () => void search.refetch(),
  });
  const nights = valid ? daysBetween(today, checkOut) : 0;
  const rows = search.data?.results ?? [];

  return (
    <div className="modal-form">
      <div className="form-grid">
        <Field id="walk-in-check-in" label="Arrives">
          <input id="walk-in-check-in" value={formatLongDate(today)} readOnly />
        </Field>
        <DateField
          id="walk-in-check-out"
          label="Leaves (check-out day)"
          error={valid ? undefined : 'Choose a day after today, at most 90 nights on.'}
          hint={valid ? `${nights} ${nights === 1 ? 'night' : 'nights'}` : undefined}
          min={addDays(today, 1)}
          max={addDays(today, 90)}
          value={checkOut}
          onChange={setCheckOut}
          autoFocus
        />
        <Field id="walk-in-guests" label="Guests in the room">
          <select id="walk-in-guests" value={guests} onChange={(e) => setGuests(Number(e.target.value))}>
            {[1, 2, 3, 4, 5, 6].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {valid && search.isPending ? <p className="muted">Looking for free rooms…</p> : null}
      {search.isError ? <LoadError error={search.error} retry={() => void search.refetch()} /> : null}
      {search.data && rows.length === 0 ? (
        <p className="empty-state">
          No room type is free for {nights === 1 ? 'tonight' : `all ${nights} nights`} for {guests}{' '}
          {guests === 1 ? 'guest' : 'guests'}. Try fewer nights or fewer guests per room.
        </p>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Free room types</caption>
            <thead>
              <tr>
                <th scope="col">Room type</th>
                <th scope="col" className="num">
                  Sleeps
                </th>
                <th scope="col" className="num">
                  Free
                </th>
                <th scope="col" className="num">
                  Nightly rate
                </th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.roomTypeId}>
                  <th scope="row" className="row-head">
                    {row.roomTypeName}
                  </th>
                  <td className="num">{row.maxOccupancy ?? '—'}</td>
                  <td className="num">{row.available}</td>
                  <td className="num">{formatMoney(row.nightlyRate)}</td>
                  <td className="num">{formatMoney(row.totalPrice)}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button button-small button-primary"
                      aria-label={`Hold a ${row.roomTypeName}`}
                      aria-busy={hold.isPending && hold.variables?.roomTypeId === row.roomTypeId}
                      onClick={() => {
                        if (!hold.isPending) hold.mutate(row);
                      }}
                    >
                      {hold.isPending && hold.variables?.roomTypeId === row.roomTypeId ? 'Holding…' : 'Hold'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <FormAlert message={hold.error ? hold.error.message : null} />
    </div>
  );
}
