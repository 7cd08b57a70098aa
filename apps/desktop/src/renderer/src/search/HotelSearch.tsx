import { useId, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { HotelAvailabilityQuerySchema, parseMoney, type HotelAvailabilityRow } from '@tripdesk/shared';
import { serverNow } from '../live/server-clock.ts';
import { HoldDialog, PolicyTerm } from '../trip-builder/HoldDialog.tsx';
import type { HoldResult } from '../trip-builder/current-trip.ts';
import { deskDate, formatMoney, formatStay, plural } from '../ui/formats.ts';
import { fetchHotelFacets, hotelQuery, type HotelSearchParams } from './search-queries.ts';
import { DateField } from '../ui/DateField.tsx';
import { useDatePair } from '../ui/date-pair.ts';
import { described, Field } from '../ui/form-field.tsx';
import { fieldProblems } from './search-form.tsx';
import { useSearch, type HotelDraft, type HotelSort } from './search-store.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { searchKeys } from '../api/query-keys.ts';
import { HotelResults, hotelPolicyContext } from './HotelResults.tsx';
import { useCurrentTripQuery } from '../trip-builder/current-trip.ts';
import { guestsOf } from '../trip-builder/traveller-drafts.ts';
import { HotelFilters } from './HotelFilters.tsx';
import { Stars } from './OfferTerms.tsx';
import { call } from '../api/call.ts';

type Criterion = 'city' | 'checkIn' | 'checkOut' | 'guests' | 'rooms' | 'minRate' | 'maxRate';
const FIELDS: readonly Criterion[] = ['city', 'checkIn', 'checkOut', 'guests', 'rooms', 'minRate', 'maxRate'];

/** The catalogue's prices are in this currency (the demo's); a typed rate is read in it. */
const RATE_CURRENCY = 'USD';

/** A typed nightly rate in minor units, undefined when empty, or null when it is not an amount. */
function readRate(text: string | undefined): number | undefined | null {
  const t = (text ?? '').trim().replace(/,/g, '');
  if (t === '') return undefined;
  try {
    return parseMoney(t, RATE_CURRENCY).amount;
  } catch {
    return null;
  }
}

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
    case 'minRate':
      return 'Enter an amount like 100 or 99.50.';
    case 'maxRate':
      return /below/.test(message)
        ? 'The highest rate must not be below the lowest.'
        : 'Enter an amount like 250.';
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
  // A trip with travellers fills in the guests: its adults and children.
  const guests = guestsOf(useCurrentTripQuery().data?.travellers);
  const draft =
    useSearch((s) => s.hotelDraft) ??
    ({ ...defaultHotelDraft(serverNow()), ...(guests > 0 ? { guests: String(guests) } : {}) } as HotelDraft);
  const params = useSearch((s) => s.hotelSearch);
  const [errors, setErrors] = useState<Partial<Record<Criterion, string>>>({});
  const [holding, setHolding] = useState<HotelAvailabilityRow | null>(null);

  const facets = useQuery({
    queryKey: searchKeys.hotelFacets,
    queryFn: fetchHotelFacets,
    staleTime: 10 * 60_000,
  });
  const results = useQuery({
    queryKey: searchKeys.hotels(params ?? { checkIn: '', checkOut: '', guests: 1, rooms: 1 }),
    queryFn: () => call('searchHotelAvailability', { query: hotelQuery(params!) }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });

  const setDraft = (change: Partial<HotelDraft>) =>
    useSearch.getState().setHotelDraft({ ...draft, ...change });
  const stay = useDatePair({
    start: draft.checkIn,
    end: draft.checkOut,
    minGap: 1,
    onChange: ({ start, end }) => setDraft({ checkIn: start, checkOut: end }),
  });

  /** Stars, amenities and sort apply at once to the search on screen; rates wait for Search. */
  const setFilter = (change: { stars?: string; amenities?: readonly string[]; sort?: HotelSort }) => {
    setDraft(change);
    if (params === null) return;
    const next: HotelSearchParams = { ...params };
    if (change.stars !== undefined) next.stars = change.stars ? Number(change.stars) : undefined;
    if (change.amenities !== undefined)
      next.amenities = change.amenities.length > 0 ? [...change.amenities] : undefined;
    if (change.sort !== undefined) next.sort = change.sort;
    useSearch.getState().searchHotels(next);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const minRate = readRate(draft.minRate);
    const maxRate = readRate(draft.maxRate);
    const parsed = HotelAvailabilityQuerySchema.safeParse({
      city: draft.hotel ? undefined : draft.city.trim(),
      hotelId: draft.hotel?.id,
      checkIn: draft.checkIn,
      checkOut: draft.checkOut,
      guests: draft.guests,
      rooms: draft.rooms,
      minNightlyRate: minRate === null ? 'x' : minRate,
      maxNightlyRate: maxRate === null ? 'x' : maxRate,
      stars: draft.stars,
      amenities: draft.amenities ?? [],
      sort: draft.sort,
    });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        ...i,
        path: [
          i.path[0] === 'minNightlyRate'
            ? 'minRate'
            : i.path[0] === 'maxNightlyRate'
              ? 'maxRate'
              : i.path[0]!,
        ],
      }));
      const found = fieldProblems(issues, words, FIELDS);
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
      ...(q.minNightlyRate !== undefined ? { minNightlyRate: q.minNightlyRate } : {}),
      ...(q.maxNightlyRate !== undefined ? { maxNightlyRate: q.maxNightlyRate } : {}),
      ...(q.stars !== undefined ? { stars: q.stars } : {}),
      ...(q.amenities !== undefined ? { amenities: q.amenities } : {}),
      ...(q.sort !== undefined ? { sort: q.sort } : {}),
    });
  };
  const filtered =
    params !== null &&
    (params.minNightlyRate !== undefined ||
      params.maxNightlyRate !== undefined ||
      params.stars !== undefined ||
      (params.amenities?.length ?? 0) > 0);

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
              {(facets.data?.cities ?? []).map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </Field>
        )}
        <DateField id={`${id}-checkIn`} label="Check-in" error={errors.checkIn} {...stay.start} />
        <DateField id={`${id}-checkOut`} label="Check-out" error={errors.checkOut} {...stay.end} />
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
        <HotelFilters
          id={id}
          draft={draft}
          amenities={facets.data?.amenities ?? []}
          errors={{ minRate: errors.minRate, maxRate: errors.maxRate }}
          currency={RATE_CURRENCY}
          onRates={(change) => setDraft(change)}
          onFilter={setFilter}
        />
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
            {plural(params.guests, 'guest')} per room
            {filtered ? ' that match the filters' : ''}.{' '}
            {filtered
              ? 'Loosen the price, stars or amenities, or try other dates.'
              : 'Try other dates, or fewer guests per room.'}
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
          offeredExtras={holding.extras}
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
              {holding.hotelName}, {holding.city} {holding.stars ? <Stars stars={holding.stars} /> : null}
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
            <PolicyTerm policy={holding.cancellationPolicy} context={hotelPolicyContext(holding)} />
          </dl>
        </HoldDialog>
      ) : null}
    </div>
  );
}
