import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CarLocation } from '@tripdesk/shared';
import { Field } from '../ui/form-field.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { inventoryKeys } from '../api/query-keys.ts';
import { NewCarLocationForm } from './NewCarLocationForm.tsx';
import { CarLocationDetail } from './CarLocationDetail.tsx';
import { call } from '../api/call.ts';

/** Admin: rental car locations, their fleets per category, and the cars themselves. */
export function CarLocationsView() {
  const queryClient = useQueryClient();
  const [cityInput, setCityInput] = useState('');
  const [city, setCity] = useState('');
  const [showRetired, setShowRetired] = useState(false);
  const [formOpen, setFormOpen] = useState(false);
  const [open, setOpen] = useState<CarLocation | null>(null);
  const [created, setCreated] = useState<CarLocation | null>(null);
  const locations = useQuery({
    queryKey: inventoryKeys.carLocationList(city, showRetired),
    queryFn: () =>
      call('listCarLocations', {
        query: { city, ...(showRetired ? { includeRetired: 'true' as const } : {}) },
      }),
  });

  if (open !== null) {
    return (
      <CarLocationDetail
        location={open}
        notice={created?.code === open.code ? `Location ${open.code} created. Add its cars.` : null}
        onBack={() => {
          setOpen(null);
          setCreated(null);
        }}
      />
    );
  }

  const items = locations.data?.items ?? [];
  return (
    <div className="inventory-view">
      <div className="toolbar">
        <form
          className="toolbar-form"
          role="search"
          aria-label="Car locations"
          onSubmit={(e) => {
            e.preventDefault();
            setCity(cityInput.trim());
          }}
        >
          <Field id="car-search-city" label="City" className="field-inline">
            <input
              id="car-search-city"
              type="search"
              autoComplete="off"
              value={cityInput}
              onChange={(e) => setCityInput(e.target.value)}
            />
          </Field>
          <label className="check-inline">
            <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} />{' '}
            Show retired
          </label>
          <button type="submit" className="button">
            Find locations
          </button>
        </form>
        {!formOpen ? (
          <button type="button" className="button button-primary" onClick={() => setFormOpen(true)}>
            New location
          </button>
        ) : null}
      </div>
      {formOpen ? (
        <NewCarLocationForm
          onCancel={() => setFormOpen(false)}
          onCreated={(location) => {
            setFormOpen(false);
            setCreated(location);
            void queryClient.invalidateQueries({ queryKey: inventoryKeys.carLocations });
            setOpen(location);
          }}
        />
      ) : null}
      {locations.isPending ? <p className="muted">Loading car locations…</p> : null}
      {locations.isError ? (
        <LoadError error={locations.error} retry={() => void locations.refetch()} />
      ) : null}
      {locations.data ? (
        items.length === 0 ? (
          <p className="empty-state">
            {city
              ? `No car location in “${city}”.`
              : 'There are no car locations yet. Add one with “New location”.'}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Car locations</caption>
              <thead>
                <tr>
                  <th scope="col">Location</th>
                  <th scope="col">Name</th>
                  <th scope="col">City</th>
                  <th scope="col" className="num">
                    Cars
                  </th>
                  <th scope="col">Fleet (category: cars)</th>
                </tr>
              </thead>
              <tbody>
                {items.map((location) => (
                  <tr key={location.code}>
                    <td>
                      <button
                        type="button"
                        className="link-button mono"
                        aria-label={`Open ${location.code}, ${location.name}`}
                        onClick={() => setOpen(location)}
                      >
                        {location.code}
                      </button>
                    </td>
                    <td>
                      {location.name}
                      {location.retiredAt ? <span className="tag tag-muted">Retired</span> : null}
                    </td>
                    <td>{location.city}</td>
                    <td className="num">{location.fleets.reduce((n, f) => n + f.capacity, 0)}</td>
                    <td>
                      {location.fleets.length === 0
                        ? 'No cars yet'
                        : location.fleets.map((f) => `${f.category}: ${f.capacity}`).join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted table-count">
              {items.length} {items.length === 1 ? 'location' : 'locations'}
            </p>
          </div>
        )
      ) : null}
    </div>
  );
}
