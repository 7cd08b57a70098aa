import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { HotelSummary } from '@tripdesk/shared';
import { inventoryKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';

/** The most hotels one list request returns; beyond that the picker asks for a city first. */
const MAX_LISTED = 200;

function byCity(hotels: readonly HotelSummary[]): [string, HotelSummary[]][] {
  const groups = new Map<string, HotelSummary[]>();
  for (const hotel of hotels) groups.set(hotel.city, [...(groups.get(hotel.city) ?? []), hotel]);
  return [...groups];
}

/**
 * A select of hotels by name, grouped by city. With more hotels than one list holds, a city filter
 * narrows it first. `value` may be a hotel not in the list (yet): it stays selected.
 */
export function HotelPicker({
  id,
  label,
  value,
  onChange,
  placeholder = 'Choose a hotel…',
  invalid,
  describedBy,
}: {
  id: string;
  label: string;
  value: string;
  /** The hotel's id, and its summary when it came from the list (for its name). */
  onChange: (hotelId: string, hotel: HotelSummary | undefined) => void;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string | undefined;
}) {
  const [city, setCity] = useState('');
  const filter = { city: city.trim(), limit: MAX_LISTED, offset: 0 };
  const hotels = useQuery({
    queryKey: inventoryKeys.hotelList(filter),
    queryFn: () => call('listHotels', { query: filter }),
  });
  const total = hotels.data?.total ?? 0;
  const tooMany = total > MAX_LISTED;
  const items = hotels.data?.items ?? [];

  return (
    <div className="hotel-picker">
      {tooMany || city !== '' ? (
        <input
          type="search"
          aria-label={`${label}: city`}
          placeholder="City"
          value={city}
          onChange={(e) => setCity(e.target.value)}
        />
      ) : null}
      <select
        id={id}
        value={value}
        onChange={(e) =>
          onChange(
            e.target.value,
            items.find((h) => h.id === e.target.value),
          )
        }
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-busy={hotels.isPending}
      >
        <option value="">
          {hotels.isPending ? 'Loading hotels…' : hotels.isError ? 'Hotels could not be loaded' : placeholder}
        </option>
        {value !== '' && !items.some((h) => h.id === value) ? <option value={value}>{value}</option> : null}
        {byCity(items).map(([cityName, list]) => (
          <optgroup key={cityName} label={cityName}>
            {list.map((hotel) => (
              <option key={hotel.id} value={hotel.id}>
                {hotel.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {hotels.isError ? (
        <p className="field-error" role="alert">
          {hotels.error.message}{' '}
          <button type="button" className="link-button" onClick={() => void hotels.refetch()}>
            Try again
          </button>
        </p>
      ) : null}
      {tooMany ? (
        <p className="field-hint">
          Showing {MAX_LISTED} of {total} hotels; type a city to narrow the list.
        </p>
      ) : null}
    </div>
  );
}
