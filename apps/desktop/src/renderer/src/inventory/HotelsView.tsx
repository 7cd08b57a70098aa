import { useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Hotel } from '@tripdesk/shared';
import { HotelDetailView } from './HotelDetailView.tsx';
import type { HotelFilter } from './inventory-queries.ts';
import { NewHotelForm } from './NewHotelForm.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { Stars } from './Stars.tsx';
import { Field } from '../ui/form-field.tsx';
import { inventoryKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';

const PAGE = 50;

/** Admin: the hotels, searchable by city and name; one opens into its room types and rooms. */
export function HotelsView() {
  const queryClient = useQueryClient();
  const [city, setCity] = useState('');
  const [name, setName] = useState('');
  const [showRetired, setShowRetired] = useState(false);
  const [filter, setFilter] = useState<HotelFilter>({ limit: PAGE, offset: 0 });
  const [formOpen, setFormOpen] = useState(false);
  const [openHotelId, setOpenHotelId] = useState<string | null>(null);
  const [created, setCreated] = useState<Hotel | null>(null);
  const hotels = useQuery({
    queryKey: inventoryKeys.hotelList(filter),
    queryFn: () => call('listHotels', { query: filter }),
    placeholderData: keepPreviousData,
  });

  if (openHotelId !== null) {
    return (
      <HotelDetailView
        hotelId={openHotelId}
        justCreated={created?.id === openHotelId}
        onBack={() => {
          setOpenHotelId(null);
          setCreated(null);
        }}
      />
    );
  }

  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilter({
      city: city.trim(),
      q: name.trim(),
      limit: PAGE,
      offset: 0,
      ...(showRetired ? { includeRetired: 'true' as const } : {}),
    });
  };
  const offset = filter.offset ?? 0;
  const total = hotels.data?.total ?? 0;
  const items = hotels.data?.items ?? [];

  return (
    <div className="inventory-view">
      <div className="toolbar">
        <form className="toolbar-form" role="search" aria-label="Hotels" onSubmit={search}>
          <Field id="hotel-search-city" label="City" className="field-inline">
            <input
              id="hotel-search-city"
              type="search"
              autoComplete="off"
              value={city}
              onChange={(e) => setCity(e.target.value)}
            />
          </Field>
          <Field id="hotel-search-name" label="Name contains" className="field-inline">
            <input
              id="hotel-search-name"
              type="search"
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
          <label className="check-inline">
            <input
              type="checkbox"
              checked={showRetired}
              onChange={(e) => {
                setShowRetired(e.target.checked);
                setFilter((f) => {
                  const { includeRetired: _drop, ...rest } = f;
                  void _drop;
                  return e.target.checked
                    ? { ...rest, includeRetired: 'true', offset: 0 }
                    : { ...rest, offset: 0 };
                });
              }}
            />{' '}
            Show retired
          </label>
          <button type="submit" className="button">
            Find hotels
          </button>
        </form>
        {!formOpen ? (
          <button type="button" className="button button-primary" onClick={() => setFormOpen(true)}>
            New hotel
          </button>
        ) : null}
      </div>

      {formOpen ? (
        <NewHotelForm
          onCancel={() => setFormOpen(false)}
          onCreated={(hotel) => {
            setFormOpen(false);
            setCreated(hotel);
            void queryClient.invalidateQueries({ queryKey: inventoryKeys.hotelLists });
            setOpenHotelId(hotel.id);
          }}
        />
      ) : null}

      {hotels.isPending ? <p className="muted">Loading hotels…</p> : null}
      {hotels.isError ? <LoadError error={hotels.error} retry={() => void hotels.refetch()} /> : null}
      {hotels.data ? (
        items.length === 0 ? (
          <p className="empty-state">
            {filter.city || filter.q
              ? 'No hotel matches that search. Check the spelling, or clear the fields and search again.'
              : 'There are no hotels yet. Add the first with “New hotel”.'}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Hotels</caption>
              <thead>
                <tr>
                  <th scope="col">Hotel</th>
                  <th scope="col">City</th>
                  <th scope="col">Country</th>
                  <th scope="col">Stars</th>
                  <th scope="col" className="num">
                    Room types
                  </th>
                  <th scope="col" className="num">
                    Rooms
                  </th>
                  <th scope="col">Time zone</th>
                </tr>
              </thead>
              <tbody aria-busy={hotels.isFetching}>
                {items.map((hotel) => (
                  <tr key={hotel.id}>
                    <td>
                      <button type="button" className="link-button" onClick={() => setOpenHotelId(hotel.id)}>
                        {hotel.name}
                        {hotel.retiredAt ? <span className="tag tag-muted">Retired</span> : null}
                      </button>
                    </td>
                    <td>{hotel.city}</td>
                    <td>{hotel.country}</td>
                    <td>
                      <Stars stars={hotel.stars} />
                    </td>
                    <td className="num">{hotel.roomTypeCount}</td>
                    <td className="num">{hotel.roomCount}</td>
                    <td className="mono">{hotel.timezone}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="table-count pager">
              <span className="muted">
                {offset + 1}–{offset + items.length} of {total} {total === 1 ? 'hotel' : 'hotels'}
              </span>
              {total > PAGE ? (
                <span className="pager-buttons">
                  <button
                    type="button"
                    className="button button-small"
                    disabled={offset === 0}
                    onClick={() => setFilter({ ...filter, offset: Math.max(0, offset - PAGE) })}
                  >
                    Previous page
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    disabled={offset + PAGE >= total}
                    onClick={() => setFilter({ ...filter, offset: offset + PAGE })}
                  >
                    Next page
                  </button>
                </span>
              ) : null}
            </div>
          </div>
        )
      ) : null}
    </div>
  );
}
