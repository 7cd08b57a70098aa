import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  FlightDetailSchema,
  HotelDetailSchema,
  ItemChangeResultSchema,
  type ChangeItemRequest,
  type Item,
  type ItemChangeResult,
  type LocalTestPaymentMethod,
  type Trip,
} from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { api } from '../api/client.ts';
import { describeCarCategory } from '../search/car-categories.ts';
import { fetchCarLocations, fetchSeatMap } from '../search/search-api.ts';
import { SeatMap } from '../search/SeatMap.tsx';
import { attemptKey } from '../trip-builder/attempt-key.ts';
import { DateField } from '../ui/DateField.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import {
  declineWords,
  endsAttempt,
  PAYMENT_METHOD_ORDER,
  TEST_PAYMENT_METHODS,
} from '../trip-builder/payment-methods.ts';
import { ITEM_KIND, itemTitle } from './trip-words.ts';
import { isMissingRoute, parseAnswer } from './trips-api.ts';
import { Field } from '../ui/form-field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { formatMoney } from '../ui/formats.ts';
import { inventoryKeys, searchKeys, tripKeys } from '../api/query-keys.ts';

async function changeItem(tripId: string, itemId: string, change: ChangeItemRequest, key: string) {
  const response = await api.post(
    `/api/trips/${encodeURIComponent(tripId)}/items/${encodeURIComponent(itemId)}/change`,
    change,
    { headers: { 'Idempotency-Key': key }, timeout: 60_000 },
  );
  return parseAnswer(ItemChangeResultSchema, response.data);
}

function problemWords(error: ApiError): string {
  if (isMissingRoute(error))
    return 'This server cannot change sold items yet. Ask your administrator to update it.';
  if (error.code === 'payment_declined') return `${declineWords(error)} The item is unchanged.`;
  if (error.code === 'validation_failed') {
    if (error.errors.some((e) => e.path.endsWith('paymentMethodId')))
      return 'The change costs more: choose the card that pays the difference.';
    const lines = error.errors.map((e) => `${e.path.replace(/^body\.?/, '') || 'Change'}: ${e.message}.`);
    return `Some details need correcting. ${lines.join(' ')}`;
  }
  return error.message;
}

/**
 * Changing a sold item in place: other dates or room type at the same hotel, other seats or fare class
 * on the same flight, another category or dates at the same station. The new units are held before the
 * old are given back; a dearer change charges the difference, a cheaper one refunds it.
 */
export function ChangeItemDialog({ trip, item, onClose }: { trip: Trip; item: Item; onClose: () => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const key = useRef(attemptKey());
  const [method, setMethod] = useState<LocalTestPaymentMethod | ''>('');
  const [checkIn, setCheckIn] = useState(item.type === 'hotel' ? item.checkIn : '');
  const [checkOut, setCheckOut] = useState(item.type === 'hotel' ? item.checkOut : '');
  const [roomTypeId, setRoomTypeId] = useState(item.type === 'hotel' ? item.roomTypeId : '');
  const [fareClass, setFareClass] = useState(item.type === 'flight' ? item.fareClass : '');
  const [seats, setSeats] = useState<string[]>(item.type === 'flight' ? item.seats : []);
  const [category, setCategory] = useState(item.type === 'car' ? item.category : '');
  const [pickUp, setPickUp] = useState(item.type === 'car' ? item.pickUp : '');
  const [dropOff, setDropOff] = useState(item.type === 'car' ? item.dropOff : '');
  const [nothing, setNothing] = useState(false);

  const hotel = useQuery({
    queryKey: inventoryKeys.hotel(item.type === 'hotel' ? item.hotelId : ''),
    queryFn: async () =>
      parseAnswer(
        HotelDetailSchema,
        (await api.get(`/api/hotels/${encodeURIComponent((item as { hotelId: string }).hotelId)}`)).data,
      ),
    enabled: item.type === 'hotel',
  });
  const flightId = item.type === 'flight' ? item.flightId : '';
  const flight = useQuery({
    queryKey: inventoryKeys.flight(flightId),
    queryFn: async () =>
      parseAnswer(FlightDetailSchema, (await api.get(`/api/flights/${encodeURIComponent(flightId)}`)).data),
    enabled: item.type === 'flight',
  });
  const seatMap = useQuery({
    queryKey: searchKeys.seatMap(flightId),
    queryFn: () => fetchSeatMap(flightId),
    enabled: item.type === 'flight',
  });
  const locations = useQuery({
    queryKey: inventoryKeys.carLocations,
    queryFn: fetchCarLocations,
    enabled: item.type === 'car',
  });

  const change = useMutation<ItemChangeResult, ApiError, ChangeItemRequest>({
    mutationFn: (body) => changeItem(trip.id, item.id, body, key.current),
    onSuccess: (result) => {
      key.current = attemptKey();
      queryClient.setQueryData(tripKeys.detail(trip.id), result.trip);
      void queryClient.invalidateQueries({ queryKey: tripKeys.all });
      void queryClient.invalidateQueries({ queryKey: searchKeys.all });
    },
    onError: (error) => {
      if (endsAttempt(error)) key.current = attemptKey();
    },
  });

  const build = (): ChangeItemRequest | null => {
    const payment = method ? { paymentMethodId: method } : {};
    switch (item.type) {
      case 'hotel': {
        const body = {
          type: 'hotel' as const,
          ...(checkIn !== item.checkIn ? { checkIn } : {}),
          ...(checkOut !== item.checkOut ? { checkOut } : {}),
          ...(roomTypeId !== item.roomTypeId ? { roomTypeId } : {}),
          ...payment,
        };
        return body.checkIn || body.checkOut || body.roomTypeId ? body : null;
      }
      case 'flight': {
        const fareChanged = fareClass !== item.fareClass;
        const seatsChanged = seats.join() !== item.seats.join();
        if (!fareChanged && !seatsChanged) return null;
        return {
          type: 'flight',
          ...(fareChanged ? { fareClass } : {}),
          ...(seatsChanged && seats.length > 0 ? { seats } : {}),
          ...payment,
        };
      }
      case 'car': {
        const body = {
          type: 'car' as const,
          ...(category !== item.category ? { category } : {}),
          ...(pickUp !== item.pickUp ? { pickUp } : {}),
          ...(dropOff !== item.dropOff ? { dropOff } : {}),
          ...payment,
        };
        return body.category || body.pickUp || body.dropOff ? body : null;
      }
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (change.isPending) return;
    const body = build();
    setNothing(body === null);
    if (body) change.mutate(body);
  };

  const title = `Change ${ITEM_KIND[item.type].toLowerCase()}: ${itemTitle(item)}`;

  if (change.isSuccess) {
    const r = change.data;
    const money = r.charged
      ? `${formatMoney(r.charged)} more was charged.`
      : r.refund
        ? `${formatMoney(r.refund.amount)} is refunded to the card.`
        : 'The price is the same.';
    return (
      <Dialog title="Item changed" onClose={onClose}>
        <p className="notice notice-good" role="status">
          Changed. It was {formatMoney(r.previousPrice)}, it is now {formatMoney(r.item.price)}. {money}
        </p>
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  const cabin = (seatMap.data?.seats ?? []).filter((s) => s.fareClass === fareClass);
  const passengers = item.type === 'flight' ? item.passengers.length : 0;
  const fleet =
    item.type === 'car' ? locations.data?.find((l) => l.code === item.locationCode)?.fleets : undefined;

  return (
    <Dialog
      title={title}
      onClose={onClose}
      busy={change.isPending}
      size={item.type === 'flight' ? 'wide' : 'normal'}
    >
      <form className="hold-form" onSubmit={submit} noValidate aria-label={title}>
        {item.type === 'hotel' ? (
          <div className="form-grid">
            <DateField id={`${id}-in`} label="Check-in" value={checkIn} onChange={setCheckIn} autoFocus />
            <DateField id={`${id}-out`} label="Check-out" value={checkOut} onChange={setCheckOut} />
            <Field id={`${id}-room`} label="Room type">
              <select id={`${id}-room`} value={roomTypeId} onChange={(e) => setRoomTypeId(e.target.value)}>
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
        ) : null}
        {item.type === 'flight' ? (
          <>
            <Field id={`${id}-fare`} label="Fare class">
              <select
                id={`${id}-fare`}
                value={fareClass}
                onChange={(e) => {
                  setFareClass(e.target.value);
                  setSeats([]);
                }}
                data-autofocus
              >
                {(flight.data?.fareClasses ?? []).length === 0 ? (
                  <option value={item.fareClass}>{item.fareClass}</option>
                ) : null}
                {(flight.data?.fareClasses ?? []).map((f) => (
                  <option key={f.code} value={f.code}>
                    {f.name} ({f.code}) · {formatMoney(f.price)} a seat · {f.available} free
                  </option>
                ))}
              </select>
            </Field>
            <fieldset className="hold-fieldset">
              <legend>Seats</legend>
              {seatMap.isPending ? <p className="muted">Loading the seat map…</p> : null}
              {seatMap.isError ? (
                <p className="form-error" role="alert">
                  {seatMap.error.message}
                </p>
              ) : null}
              {seatMap.isSuccess ? (
                <SeatMap
                  // The item's own seats are taken by it: show them as free to keep.
                  seats={cabin.map((s) =>
                    item.seats.includes(s.seat) ? { ...s, status: 'available' as const } : s,
                  )}
                  selected={seats}
                  max={passengers}
                  onChange={setSeats}
                  label={`Seat map, fare class ${fareClass}`}
                />
              ) : null}
            </fieldset>
          </>
        ) : null}
        {item.type === 'car' ? (
          <div className="form-grid">
            <Field id={`${id}-cat`} label="Category">
              <select
                id={`${id}-cat`}
                value={category}
                onChange={(e) => setCategory(e.target.value)}
                data-autofocus
              >
                {!fleet ? <option value={item.category}>{item.category}</option> : null}
                {(fleet ?? []).map((f) => (
                  <option key={f.category} value={f.category}>
                    {f.category} · {describeCarCategory(f.category)} · {formatMoney(f.dailyRate)} a day
                  </option>
                ))}
              </select>
            </Field>
            <DateField id={`${id}-pick`} label="Pick-up" value={pickUp} onChange={setPickUp} />
            <DateField id={`${id}-drop`} label="Drop-off" value={dropOff} onChange={setDropOff} />
          </div>
        ) : null}
        <Field id={`${id}-method`} label="If it costs more, charge the difference to">
          <select
            id={`${id}-method`}
            value={method}
            onChange={(e) => setMethod(e.target.value as LocalTestPaymentMethod | '')}
          >
            <option value="">No card (only if it costs the same or less)</option>
            {PAYMENT_METHOD_ORDER.map((m) => (
              <option key={m} value={m}>
                {TEST_PAYMENT_METHODS[m]}
              </option>
            ))}
          </select>
        </Field>
        {nothing ? (
          <p className="form-error" role="alert">
            Nothing is changed yet: pick other dates, another room, fare class, seats or category.
          </p>
        ) : null}
        {change.isError ? (
          <p className="form-error" role="alert">
            {problemWords(change.error)}
          </p>
        ) : null}
        <FormFooter
          label="Change item"
          busy={change.isPending}
          busyLabel="Changing…"
          blocked={change.isPending}
          onCancel={onClose}
          cancelLabel="Keep as it is"
        />
      </form>
    </Dialog>
  );
}
