import { useId, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { CarAvailabilityQuerySchema, daysBetween, type CarAvailabilityRow } from '@tripdesk/shared';
import { serverNow } from '../live/server-clock.ts';
import { HoldDialog, PolicyTerm } from '../trip-builder/HoldDialog.tsx';
import type { PolicyContext } from '../ui/policy-words.ts';
import { ExtrasNote, OfferTerms, sameExtras } from './OfferTerms.tsx';

/** Rental locations carry no time zone: the server counts pick-up from the start of the day in UTC. */
const CAR_POLICY_CONTEXT: PolicyContext = { timeZone: 'UTC', zoneName: 'UTC' };
import type { HoldResult } from '../trip-builder/current-trip.ts';
import { deskDate, formatMoney, formatStay, plural } from '../ui/formats.ts';
import { describeCarCategory } from './car-categories.ts';
import { fetchCarLocations, SEARCH_PAGE_SIZE } from './search-queries.ts';
import { DateField } from '../ui/DateField.tsx';
import { useDatePair } from '../ui/date-pair.ts';
import { described, Field } from '../ui/form-field.tsx';
import { fieldProblems, MoreResultsNote } from './search-form.tsx';
import { useSearch, type CarDraft } from './search-store.ts';
import { useCurrentTripQuery } from '../trip-builder/current-trip.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { inventoryKeys, searchKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';

type Criterion = 'location' | 'pickUp' | 'dropOff';
const FIELDS: readonly Criterion[] = ['location', 'pickUp', 'dropOff'];

function words(field: Criterion, message: string): string {
  switch (field) {
    case 'location':
      return 'Choose the rental station.';
    case 'pickUp':
      return 'Enter the pick-up date.';
    case 'dropOff':
      return /at most/.test(message)
        ? 'A rental is at most 90 days.'
        : /after/.test(message)
          ? 'Drop-off must be after pick-up.'
          : 'Enter the drop-off date.';
  }
}

export function defaultCarDraft(now: number): CarDraft {
  return { location: '', pickUp: deskDate(now, 1), dropOff: deskDate(now, 3) };
}

/** Car search: station and days → categories with free cars; each can be held on the trip. */
export function CarSearch({ onHeld }: { onHeld: (result: HoldResult, what: string) => void }) {
  const id = useId();
  const draft = useSearch((s) => s.carDraft) ?? defaultCarDraft(serverNow());
  const params = useSearch((s) => s.carSearch);
  const [errors, setErrors] = useState<Partial<Record<Criterion, string>>>({});
  const [holding, setHolding] = useState<CarAvailabilityRow | null>(null);
  // The driver is one of the trip's adults: the lead by default.
  const adults = (useCurrentTripQuery().data?.travellers ?? []).filter((t) => t.kind === 'adult');
  const [driver, setDriver] = useState<string | null>(null);
  const driverId = driver ?? adults[0]?.id ?? '';

  const locations = useQuery({
    queryKey: inventoryKeys.carLocations,
    queryFn: fetchCarLocations,
    staleTime: 10 * 60_000,
  });
  const results = useQuery({
    queryKey: searchKeys.cars(params ?? { location: '', pickUp: '', dropOff: '' }),
    queryFn: () => call('searchCarAvailability', { query: { ...params!, limit: SEARCH_PAGE_SIZE } }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });

  const setDraft = (change: Partial<CarDraft>) => useSearch.getState().setCarDraft({ ...draft, ...change });
  const rental = useDatePair({
    start: draft.pickUp,
    end: draft.dropOff,
    minGap: 1,
    onChange: ({ start, end }) => setDraft({ pickUp: start, dropOff: end }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = CarAvailabilityQuerySchema.safeParse({
      location: draft.location,
      pickUp: draft.pickUp,
      dropOff: draft.dropOff,
    });
    if (!parsed.success) {
      const found = fieldProblems(parsed.error.issues, words, FIELDS);
      setErrors(found);
      const first = FIELDS.find((f) => found[f]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setErrors({});
    const { location, pickUp, dropOff } = parsed.data;
    useSearch.getState().searchCars({ location, pickUp, dropOff });
  };

  const rows = results.data?.results ?? [];
  const shared = sameExtras(rows);
  const station = locations.data?.find((l) => l.code === params?.location);
  const stationName = station ? `${station.name}, ${station.city}` : params?.location;
  const days = params ? daysBetween(params.pickUp, params.dropOff) : 0;

  return (
    <div className="search-pane">
      <form className="search-form" onSubmit={submit} noValidate aria-label="Car search">
        <Field id={`${id}-location`} label="Rental station" error={errors.location} className="search-where">
          <select
            id={`${id}-location`}
            value={draft.location}
            onChange={(e) => setDraft({ location: e.target.value })}
            {...described(`${id}-location`, errors.location)}
          >
            <option value="">
              {locations.isPending
                ? 'Loading stations…'
                : locations.isError
                  ? 'Stations could not be loaded'
                  : 'Choose…'}
            </option>
            {(locations.data ?? []).map((l) => (
              <option key={l.code} value={l.code}>
                {l.city} · {l.name} ({l.code})
              </option>
            ))}
          </select>
        </Field>
        <DateField id={`${id}-pickUp`} label="Pick-up" error={errors.pickUp} {...rental.start} />
        <DateField id={`${id}-dropOff`} label="Drop-off" error={errors.dropOff} {...rental.end} />
        <div className="search-submit">
          <button type="submit" className="button button-primary" aria-busy={results.isFetching}>
            Search cars
          </button>
        </div>
      </form>
      {locations.isError ? (
        <LoadError error={locations.error} retry={() => void locations.refetch()} />
      ) : null}

      <p className="visually-hidden" role="status">
        {params && results.isSuccess
          ? `${plural(rows.length, 'category', 'categories')} with free cars.`
          : ''}
      </p>
      <div className="search-results" aria-busy={results.isFetching}>
        {params === null ? (
          <p className="empty-state">Choose a station and the days to see free cars.</p>
        ) : results.isPending ? (
          <p className="muted">Searching cars…</p>
        ) : results.isError ? (
          <LoadError error={results.error} retry={() => void results.refetch()} />
        ) : rows.length === 0 ? (
          <p className="empty-state">
            No cars free at {stationName} for {formatStay(params.pickUp, params.dropOff, 'day')}. Try other
            days or another station.
          </p>
        ) : (
          <div className="table-wrap">
            <table className="data-table results-table">
              <caption className="visually-hidden">
                Free cars at {stationName}, {formatStay(params.pickUp, params.dropOff, 'day')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  <th scope="col" className="num">
                    Free cars
                  </th>
                  <th scope="col" className="num">
                    Per day
                  </th>
                  <th scope="col" className="num">
                    Total, {plural(days, 'day')}
                  </th>
                  <th scope="col">Terms</th>
                  <th scope="col">
                    <span className="visually-hidden">Hold</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.category}>
                    <td>
                      <span className="mono">{row.category}</span>{' '}
                      <span className="cell-sub-inline">{describeCarCategory(row.category)}</span>
                    </td>
                    <td className="num">{row.available}</td>
                    <td className="num">{formatMoney(row.dailyRate)}</td>
                    <td className="num cell-strong">{formatMoney(row.totalPrice)}</td>
                    <td className="cell-terms">
                      <OfferTerms
                        itemType="car"
                        policy={row.cancellationPolicy}
                        context={CAR_POLICY_CONTEXT}
                        extras={shared ? undefined : row.extras}
                        taxes={row.taxes}
                      />
                    </td>
                    <td className="cell-action">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Hold car ${row.category}, ${describeCarCategory(row.category)}`}
                        onClick={() => setHolding(row)}
                      >
                        Hold car
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {shared ? <ExtrasNote itemType="car" extras={shared} /> : null}
            <MoreResultsNote shown={rows.length} total={results.data?.total} what="categories" />
          </div>
        )}
      </div>

      {holding && params ? (
        <HoldDialog
          title="Hold a car"
          itemType="car"
          size={{ rooms: 0, guests: 0, passengers: 0 }}
          submitLabel="Hold car"
          offeredExtras={holding.extras}
          build={(extras, specialRequests) => ({
            type: 'car',
            locationCode: params.location,
            category: holding.category,
            pickUp: params.pickUp,
            dropOff: params.dropOff,
            ...(driverId && adults.some((a) => a.id === driverId) ? { driverTravellerId: driverId } : {}),
            ...(extras.length > 0 ? { extras } : {}),
            ...(specialRequests ? { specialRequests } : {}),
          })}
          onClose={() => setHolding(null)}
          onHeld={(result) => {
            setHolding(null);
            onHeld(result, `${describeCarCategory(holding.category)} at ${stationName ?? params.location}`);
          }}
        >
          <dl className="hold-summary">
            <dt>Car</dt>
            <dd>
              <span className="mono">{holding.category}</span> · {describeCarCategory(holding.category)}
            </dd>
            <dt>Station</dt>
            <dd>{stationName}</dd>
            <dt>Rental</dt>
            <dd>{formatStay(params.pickUp, params.dropOff, 'day')}</dd>
            <dt>Price</dt>
            <dd>
              <strong>{formatMoney(holding.totalPrice)}</strong> ({formatMoney(holding.dailyRate)} a day),
              before extras
            </dd>
            <PolicyTerm policy={holding.cancellationPolicy} context={CAR_POLICY_CONTEXT} />
          </dl>
          {adults.length > 0 ? (
            <div className="field field-inline">
              <label htmlFor={`${id}-driver`}>Driver</label>
              <select
                id={`${id}-driver`}
                value={driverId}
                onChange={(e) => setDriver(e.target.value)}
                data-autofocus
              >
                {adults.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
                <option value="">Named at the rental desk</option>
              </select>
            </div>
          ) : null}
        </HoldDialog>
      ) : null}
    </div>
  );
}
