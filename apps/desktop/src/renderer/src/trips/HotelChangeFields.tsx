import { useQuery } from '@tanstack/react-query';
import { type ChangeItemRequest, type HotelItem } from '@tripdesk/shared';
import { inventoryKeys } from '../api/query-keys.ts';
import { DateField } from '../ui/DateField.tsx';
import { useDatePair } from '../ui/date-pair.ts';
import { Field } from '../ui/form-field.tsx';
import { formatMoney } from '../ui/formats.ts';
import { call } from '../api/call.ts';

export interface HotelDraft {
  checkIn: string;
  checkOut: string;
  roomTypeId: string;
}

export const hotelDraftOf = (item: HotelItem): HotelDraft => ({
  checkIn: item.checkIn,
  checkOut: item.checkOut,
  roomTypeId: item.roomTypeId,
});

/** What the clerk changed of a stay, or null when nothing is. */
export function hotelChange(item: HotelItem, draft: HotelDraft, payment: object): ChangeItemRequest | null {
  const body = {
    type: 'hotel' as const,
    ...(draft.checkIn !== item.checkIn ? { checkIn: draft.checkIn } : {}),
    ...(draft.checkOut !== item.checkOut ? { checkOut: draft.checkOut } : {}),
    ...(draft.roomTypeId !== item.roomTypeId ? { roomTypeId: draft.roomTypeId } : {}),
    ...payment,
  };
  return body.checkIn || body.checkOut || body.roomTypeId ? body : null;
}

/** Other dates or another room type at the same hotel. */
export function HotelChangeFields({
  id,
  item,
  draft,
  onDraft,
}: {
  id: string;
  item: HotelItem;
  draft: HotelDraft;
  onDraft: (change: Partial<HotelDraft>) => void;
}) {
  const stay = useDatePair({
    start: draft.checkIn,
    end: draft.checkOut,
    minGap: 1,
    onChange: ({ start, end }) => onDraft({ checkIn: start, checkOut: end }),
  });
  const hotel = useQuery({
    queryKey: inventoryKeys.hotel(item.hotelId),
    queryFn: () => call('getHotel', { params: { hotelId: item.hotelId } }),
  });
  return (
    <div className="form-grid">
      <DateField id={`${id}-in`} label="Check-in" {...stay.start} autoFocus />
      <DateField id={`${id}-out`} label="Check-out" {...stay.end} />
      <Field id={`${id}-room`} label="Room type">
        <select
          id={`${id}-room`}
          value={draft.roomTypeId}
          onChange={(e) => onDraft({ roomTypeId: e.target.value })}
        >
          {(hotel.data?.roomTypes ?? []).length === 0 ? (
            <option value={item.roomTypeId}>{item.roomTypeName ?? 'Current room type'}</option>
          ) : null}
          {(hotel.data?.roomTypes ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} · sleeps {t.maxOccupancy} · {formatMoney(t.nightlyRate)} a night
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
