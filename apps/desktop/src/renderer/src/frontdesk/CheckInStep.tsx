import { useQuery } from '@tanstack/react-query';
import { type CalendarDate, type HotelDetail, type HotelItem, type Trip } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { CheckInDialogBody, type RoomChoice } from './CheckInDialog.tsx';
import { type WalkIn } from './desk-store.ts';
import { formatMoney } from '../ui/formats.ts';
import { deskKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';

export function CheckInStep({
  walkIn,
  hotel,
  today,
  trip,
  tripError,
  retryTrip,
  onDone,
}: {
  walkIn: WalkIn;
  hotel: HotelDetail;
  today: CalendarDate;
  trip: Trip | null;
  tripError: ApiError | null;
  retryTrip: () => void;
  onDone: (message: string) => void;
}) {
  const stays = useQuery({
    queryKey: deskKeys.stays(hotel.id, today),
    queryFn: () => call('listStays', { params: { hotelId: hotel.id }, query: { date: today } }),
  });
  const stay = trip?.items.find((i): i is HotelItem => i.id === walkIn.itemId && i.type === 'hotel');
  if (tripError) return <LoadError error={tripError} retry={retryTrip} />;
  if (!trip || !stay) return <p className="muted">Loading the trip…</p>;
  const type = hotel.roomTypes.find((t) => t.id === stay.roomTypeId);
  const roomsOf = (item: HotelItem) => item.roomNumbers ?? (item.roomNumber ? [item.roomNumber] : []);
  const occupied = new Set(stays.data?.inHouse.flatMap((s) => roomsOf(s.item)) ?? []);
  const leaving = new Set(stays.data?.departures.flatMap((s) => roomsOf(s.item)) ?? []);
  const rooms: RoomChoice[] = (type?.roomNumbers ?? [])
    .filter((n) => !occupied.has(n))
    .map((number) => ({ number, dueOut: leaving.has(number) }));
  return (
    <div className="modal-form">
      <p className="notice notice-good">
        Paid {trip.payment ? formatMoney(trip.payment.amount) : formatMoney(trip.total)}
        {trip.payment ? `, invoice ${trip.payment.invoiceNumber}` : ''}. Now give {walkIn.guestName} a room.
      </p>
      <CheckInDialogBody
        stay={{ tripId: trip.id, customer: trip.customer, item: stay }}
        rooms={rooms}
        onDone={(item) => {
          const assigned = item.roomNumbers?.join(', ') ?? item.roomNumber;
          onDone(`Walk-in ${walkIn.guestName} paid and checked in${assigned ? ` to room ${assigned}` : ''}.`);
        }}
      />
    </div>
  );
}
