import { useId, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { HotelAvailabilityQuerySchema, type HotelAvailabilityRow } from '@tripdesk/shared';
import { serverNow } from '../live/server-clock.ts';
import { HoldDialog } from '../trip-builder/HoldDialog.tsx';
import type { HoldResult } from '../trip-builder/current-trip.ts';
import { deskDate, formatMoney, formatStay, plural } from '../ui/formats.ts';
import { fetchHotelCities, SEARCH_PAGE_SIZE } from './search-queries.ts';
import { DateField } from '../ui/DateField.tsx';
import { described, Field } from '../ui/form-field.tsx';
import { fieldProblems } from './search-form.tsx';
import { useSearch, type HotelDraft } from './search-store.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { searchKeys } from '../api/query-keys.ts';
import { HotelResults } from './HotelResults.tsx';
import { call } from '../api/call.ts';

type Criterion = 'city' | 'checkIn' | 'checkOut' | 'guests' | 'rooms';
const FIELDS: readonly Criterion[] = ['city', 'checkIn', 'checkOut', 'guests', 'rooms'];

function words(field: Criterion, message: string): string {
  switch (field) {
    case 'city':
      return 'Enter a city.';
    case 'checkIn':
      return 'Enter the check-in date.';
    case 'checkOut':
      return /at most/.test(message)
        ? 'A stay is at most 90 nights.'
        : /after/.test(message)
          ? 'Check-out must be after check-in.'
          : 'Enter the check-out date.';
    case 'guests':
      return 'Guests per room: a whole number from 1 to 20.';
    case 'rooms':
      return 'Rooms: a whole number from 1 to 20.';
  }
}

export function defaultHotelDraft(now: number): HotelDraft {
  return {
    city: '',
    hotel: null,
    checkIn: deskDate(now, 1),
    checkOut: deskDate(now, 3),
    guests: '2',
    rooms: '1',
  };
}

/** Hotel search: city and dates → free room types, cheapest first; each can be held on the trip. */
export function HotelSearch({ onHeld }: { onHeld: (result: HoldResult, what: string) => void }) {
  const id = useId();
  const draft = useSearch((s) => s.hotelDraft) ?? defaultHotelDraft(serverNow());
  const params = useSearch((s) => s.hotelSearch);
  const [errors, setErrors] = useState<Partial<Record<Criterion, string>>>({});
  const [holding, setHolding] = useState<HotelAvailabilityRow | null>(null);

  const cities = useQuery({
    queryKey: searchKeys.hotelCities,
    queryFn: fetchHotelCities,
    staleTime: 10 * 60_000,
  });
  const results = useQuery({
    queryKey: searchKeys.hotels(params ?? { checkIn: '', checkOut: '', guests: 1, rooms: 1 }),
    queryFn: () => call('searchHotelAvailability', { query: { ...params!, limit: SEARCH_PAGE_SIZE } }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });

  const setDraft = (change: Partial<HotelDraft>) =>
    useSearch.getState().setHotelDraft({ ...draft, ...change });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = HotelAvailabilityQuerySchema.safeParse({
      city: draft.hotel ? undefined : draft.city.trim(),
      hotelId: draft.hotel?.id,
      checkIn: draft.checkIn,
      checkOut: draft.checkOut,
      guests: draft.guests,
      rooms: draft.rooms,
    });
    if (!parsed.success) {
      const found = fieldProblems(parsed.error.issues, words, FIELDS);
      setErrors(found);
      const first = FIELDS.find((f) => found[f]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setErrors({});
    const q = parsed.data;
    useSearch.getState().searchHotels({
      ...(q.hotelId ? { hotelId: q.hotelId } : { city: q.city ?? '' }),
      checkIn: q.checkIn,
      checkOut: q.checkOut,
      guests: q.guests,
      rooms: q.rooms,
    });
  };

  const rows = results.data?.results ?? [];
  const where = params?.hotelId ? (draft.hotel?.name ?? 'this hotel') : params?.city;

  return (
    <div className="search-pane">
      <form className="search-form" onSubmit={submit} noValidate aria-label="Hotel search">
        {draft.hotel ? (
          <div className="field search-where">
            <span className="field-label">Hotel</span>
            <p className="search-chip">
              {draft.hotel.name}
              <button
                type="button"
                className="link-button"
                onClick={() => setDraft({ hotel: null })}
                aria-label={`Search other hotels instead of ${draft.hotel.name}`}
              >
                Other hotels
              </button>
            </p>
          </div>
        ) : (
          <Field id={`${id}-city`} label="City" error={errors.city} className="search-where">
            <input
              id={`${id}-city`}
              list={`${id}-cities`}
              autoComplete="off"
              value={draft.city}
              onChange={(e) => setDraft({ city: e.target.value })}
              {...described(`${id}-city`, errors.city)}
            />
            <datalist id={`${id}-cities`}>
              {(cities.data ?? []).map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </Field>
        )}
        <DateField
          id={`${id}-checkIn`}
          label="Check-in"
          value={draft.checkIn}
          error={errors.checkIn}
          onChange={(v) => setDraft({ checkIn: v })}
        />
        <DateField
          id={`${id}-checkOut`}
          label="Check-out"
          value={draft.checkOut}
          error={errors.checkOut}
          onChange={(v) => setDraft({ checkOut: v })}
        />
        <Field id={`${id}-guests`} label="Guests per room" error={errors.guests} className="field-narrow">
          <input
            id={`${id}-guests`}
            type="number"
            min={1}
            max={20}
            inputMode="numeric"
            value={draft.guests}
            onChange={(e) => setDraft({ guests: e.target.value })}
            {...described(`${id}-guests`, errors.guests)}
          />
        </Field>
        <Field id={`${id}-rooms`} label="Rooms" error={errors.rooms} className="field-narrow">
          <input
            id={`${id}-rooms`}
            type="number"
            min={1}
            max={20}
            inputMode="numeric"
            value={draft.rooms}
            onChange={(e) => setDraft({ rooms: e.target.value })}
            {...described(`${id}-rooms`, errors.rooms)}
          />
        </Field>
        <div className="search-submit">
          <button type="submit" className="button button-primary" aria-busy={results.isFetching}>
            Search hotels
          </button>
        </div>
      </form>

      <p className="visually-hidden" role="status">
        {params && results.isSuccess ? `${plural(rows.length, 'room type')} free.` : ''}
      </p>
      <div className="search-results" aria-busy={results.isFetching}>
        {params === null ? (
          <p className="empty-state">Enter a city and dates to see free rooms.</p>
        ) : results.isPending ? (
          <p className="muted">Searching hotels…</p>
        ) : results.isError ? (
          <LoadError error={results.error} retry={() => void results.refetch()} />
        ) : rows.length === 0 ? (
          <p className="empty-state">
            No rooms free in {where} for {formatStay(params.checkIn, params.checkOut, 'night')} with{' '}
            {plural(params.guests, 'guest')} per room. Try other dates, or fewer guests per room.
          </p>
        ) : (
          <HotelResults
            rows={rows}
            params={params}
            where={where}
            total={results.data?.total}
            onHold={setHolding}
          />
        )}
      </div>

      {holding && params ? (
        <HoldDialog
          title="Hold a room"
          itemType="hotel"
          size={{ rooms: params.rooms, guests: params.guests, passengers: 0 }}
          submitLabel="Hold room"
          build={(extras, specialRequests) => ({
            type: 'hotel',
            roomTypeId: holding.roomTypeId,
            checkIn: params.checkIn,
            checkOut: params.checkOut,
            rooms: params.rooms,
            guests: params.guests,
            ...(extras.length > 0 ? { extras } : {}),
            ...(specialRequests ? { specialRequests } : {}),
          })}
          onClose={() => setHolding(null)}
          onHeld={(result) => {
            setHolding(null);
            onHeld(result, `${holding.roomTypeName} at ${holding.hotelName}`);
          }}
        >
          <dl className="hold-summary">
            <dt>Hotel</dt>
            <dd>
              {holding.hotelName}, {holding.city}
            </dd>
            <dt>Room</dt>
            <dd>
              {holding.roomTypeName} · {plural(params.rooms, 'room')}, {plural(params.guests, 'guest')} per
              room
            </dd>
            <dt>Stay</dt>
            <dd>{formatStay(params.checkIn, params.checkOut, 'night')}</dd>
            <dt>Price</dt>
            <dd>
              <strong>{formatMoney(holding.totalPrice)}</strong> ({formatMoney(holding.nightlyRate)} a night),
              before extras
            </dd>
          </dl>
        </HoldDialog>
      ) : null}
    </div>
  );
}
