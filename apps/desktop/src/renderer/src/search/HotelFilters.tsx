import { described, Field } from '../ui/form-field.tsx';
import type { HotelDraft, HotelSort } from './search-store.ts';

const SORTS: readonly { value: HotelSort; label: string }[] = [
  { value: 'price', label: 'Cheapest first' },
  { value: 'stars', label: 'Most stars first' },
  { value: 'name', label: 'Hotel name' },
];

/** Amenities offered as filters before the hotel list has loaded (and in tests without it). */
const COMMON_AMENITIES = ['wifi', 'breakfast', 'parking', 'gym', 'pool', 'spa'];

/**
 * The hotel search's second row: a nightly rate range (applied with Search, as typed amounts are), and
 * minimum stars, amenities and the order (applied at once to the results on screen). Every control is
 * a native input, select or checkbox: Tab, arrows and Space work as everywhere.
 */
export function HotelFilters({
  id,
  draft,
  amenities,
  errors,
  currency,
  onRates,
  onFilter,
}: {
  id: string;
  draft: HotelDraft;
  /** Every amenity the catalogue's hotels list, most common first. */
  amenities: readonly string[];
  errors: { minRate?: string | undefined; maxRate?: string | undefined };
  currency: string;
  onRates: (change: { minRate?: string; maxRate?: string }) => void;
  onFilter: (change: { stars?: string; amenities?: readonly string[]; sort?: HotelSort }) => void;
}) {
  const chosen = draft.amenities ?? [];
  const offered = amenities.length > 0 ? amenities : COMMON_AMENITIES;
  // A chosen amenity stays listed even when the catalogue no longer names it.
  const listed = [...offered, ...chosen.filter((a) => !offered.includes(a))];
  const toggle = (amenity: string, on: boolean) =>
    onFilter({ amenities: on ? [...chosen, amenity] : chosen.filter((a) => a !== amenity) });

  return (
    <div className="search-filters" role="group" aria-label="Hotel filters">
      <Field
        id={`${id}-minRate`}
        label={`Per night from (${currency})`}
        error={errors.minRate}
        className="field-money"
      >
        <input
          id={`${id}-minRate`}
          inputMode="decimal"
          autoComplete="off"
          placeholder="any"
          value={draft.minRate ?? ''}
          onChange={(e) => onRates({ minRate: e.target.value })}
          {...described(`${id}-minRate`, errors.minRate)}
        />
      </Field>
      <Field id={`${id}-maxRate`} label={`to (${currency})`} error={errors.maxRate} className="field-money">
        <input
          id={`${id}-maxRate`}
          inputMode="decimal"
          autoComplete="off"
          placeholder="any"
          aria-label={`Per night up to (${currency})`}
          value={draft.maxRate ?? ''}
          onChange={(e) => onRates({ maxRate: e.target.value })}
          {...described(`${id}-maxRate`, errors.maxRate)}
        />
      </Field>
      <div className="field">
        <label htmlFor={`${id}-stars`}>Stars</label>
        <select
          id={`${id}-stars`}
          value={draft.stars ?? ''}
          onChange={(e) => onFilter({ stars: e.target.value })}
        >
          <option value="">Any</option>
          {[2, 3, 4, 5].map((n) => (
            <option key={n} value={String(n)}>
              {n === 5 ? '5 stars' : `${n} stars or more`}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sort`}>Sort</label>
        <select
          id={`${id}-sort`}
          value={draft.sort ?? 'price'}
          onChange={(e) => onFilter({ sort: e.target.value as HotelSort })}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="amenity-filter">
        <legend>Amenities</legend>
        {listed.map((amenity) => (
          <label key={amenity}>
            <input
              type="checkbox"
              checked={chosen.includes(amenity)}
              onChange={(e) => toggle(amenity, e.target.checked)}
            />
            {amenity}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
