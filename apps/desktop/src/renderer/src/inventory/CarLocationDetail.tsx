import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Car, CarLocation } from '@tripdesk/shared';
import { LoadError } from '../ui/LoadError.tsx';
import { formatMoney } from '../ui/formats.ts';
import { inventoryKeys } from '../api/query-keys.ts';
import { RemoveCarDialog } from './RemoveCarDialog.tsx';
import { NewCarForm } from './NewCarForm.tsx';
import { call } from '../api/call.ts';
import { ExtrasEditor } from './ExtrasEditor.tsx';
import { TaxesEditor } from './TaxesEditor.tsx';

/** One location: its fleet per category and every car, with add and remove. */
export function CarLocationDetail({
  location,
  notice,
  onBack,
}: {
  location: CarLocation;
  notice: string | null;
  onBack: () => void;
}) {
  const { code } = location;
  const queryClient = useQueryClient();
  const cars = useQuery({
    queryKey: inventoryKeys.cars(code),
    queryFn: () => call('listCars', { params: { code } }),
  });
  const [formOpen, setFormOpen] = useState(false);
  const [removing, setRemoving] = useState<Car | null>(null);
  const [message, setMessage] = useState<string | null>(notice);
  const [highlight, setHighlight] = useState<string | null>(null);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: inventoryKeys.cars(code) });
    void queryClient.invalidateQueries({ queryKey: inventoryKeys.carLocations });
  };
  const items = cars.data?.items ?? [];
  const categories = [...new Set(items.map((c) => c.category))];

  return (
    <div className="inventory-view">
      <div className="toolbar">
        <button type="button" className="button button-quiet" onClick={onBack}>
          ← All locations
        </button>
        {!formOpen ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setFormOpen(true);
              setMessage(null);
            }}
          >
            Add car
          </button>
        ) : null}
      </div>
      <h2>
        <span className="mono">{code}</span> · {location.name}, {location.city}
      </h2>
      {formOpen ? (
        <NewCarForm
          code={code}
          categories={categories}
          onCancel={() => setFormOpen(false)}
          onCreated={(car) => {
            setFormOpen(false);
            setHighlight(car.id);
            setMessage(`Added ${car.model} (${car.plate}) to ${car.category}.`);
            refresh();
          }}
        />
      ) : null}
      <p role="status" className={message ? 'notice notice-good' : 'visually-hidden'}>
        {message ?? ''}
      </p>
      {cars.isPending ? <p className="muted">Loading cars…</p> : null}
      {cars.isError ? <LoadError error={cars.error} retry={() => void cars.refetch()} /> : null}
      {cars.data && items.length === 0 ? (
        <p className="empty-state">No cars here yet, so nothing can be rented. Add one with “Add car”.</p>
      ) : null}
      {categories.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table fleet-table">
            <caption className="visually-hidden">Fleet at {code}, by category</caption>
            <thead>
              <tr>
                <th scope="col">Plate</th>
                <th scope="col">Model</th>
                <th scope="col" className="num">
                  Daily rate
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            {categories.map((category) => {
              const fleet = items.filter((c) => c.category === category);
              const from = fleet.reduce(
                (low, c) => (c.dailyRate.amount < low.dailyRate.amount ? c : low),
                fleet[0]!,
              );
              return (
                <tbody key={category}>
                  <tr className="group-row">
                    <th scope="colgroup" colSpan={4}>
                      {category}
                      <span className="muted">
                        {' '}
                        · {fleet.length} {fleet.length === 1 ? 'car' : 'cars'} · rents from{' '}
                        {formatMoney(from.dailyRate)} a day
                      </span>
                    </th>
                  </tr>
                  {fleet.map((car) => (
                    <tr key={car.id} className={car.id === highlight ? 'row-new' : undefined}>
                      <td className="mono">{car.plate}</td>
                      <td>{car.model}</td>
                      <td className="num">{formatMoney(car.dailyRate)}</td>
                      <td className="actions">
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`Remove ${car.model} ${car.plate}`}
                          onClick={() => setRemoving(car)}
                        >
                          Remove
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              );
            })}
          </table>
          <p className="muted table-count">
            {items.length} {items.length === 1 ? 'car' : 'cars'} in {categories.length}{' '}
            {categories.length === 1 ? 'category' : 'categories'}
          </p>
        </div>
      ) : null}
      {removing ? (
        <RemoveCarDialog
          code={code}
          car={removing}
          onClose={() => setRemoving(null)}
          onRemoved={() => {
            setMessage(`Removed ${removing.model} (${removing.plate}).`);
            setRemoving(null);
            refresh();
          }}
        />
      ) : null}
      <TaxesEditor
        owner={{ itemType: 'car', id: code }}
        title={`Taxes and fees of rentals at ${code}`}
        currency={items[0]?.dailyRate.currency ?? 'USD'}
      />
      <ExtrasEditor owner={{ itemType: 'car', id: code }} title={`Extras sold with rentals at ${code}`} />
    </div>
  );
}
