import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Car, CarLocation } from '@tripdesk/shared';
import { LoadError } from '../ui/LoadError.tsx';
import { formatMoney } from '../ui/formats.ts';
import { inventoryKeys, searchKeys } from '../api/query-keys.ts';
import { RemoveCarDialog } from './RemoveCarDialog.tsx';
import { ClosuresPanel } from './ClosuresPanel.tsx';
import { ConfirmChangeDialog } from './ConfirmChangeDialog.tsx';
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
  const [retiring, setRetiring] = useState<Car | null>(null);
  const [retiredAt, setRetiredAt] = useState(location.retiredAt);
  const [retiringLocation, setRetiringLocation] = useState(false);
  const [message, setMessage] = useState<string | null>(notice);
  const [highlight, setHighlight] = useState<string | null>(null);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: inventoryKeys.cars(code) });
    void queryClient.invalidateQueries({ queryKey: inventoryKeys.carLocations });
    void queryClient.invalidateQueries({ queryKey: searchKeys.all });
  };
  const items = cars.data?.items ?? [];
  const categories = [...new Set(items.map((c) => c.category))];

  return (
    <div className="inventory-view">
      <div className="toolbar">
        <button type="button" className="button button-quiet" onClick={onBack}>
          ← All locations
        </button>
        <div className="button-row">
          <button type="button" className="button" onClick={() => setRetiringLocation(true)}>
            {retiredAt ? 'Reinstate location' : 'Retire location'}
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
      </div>
      <h2>
        <span className="mono">{code}</span> · {location.name}, {location.city}
        {retiredAt ? <span className="tag tag-muted">Retired</span> : null}
      </h2>
      {retiringLocation ? (
        <ConfirmChangeDialog
          title={`${retiredAt ? 'Reinstate' : 'Retire'} ${code}?`}
          label={retiredAt ? 'Reinstate location' : 'Retire location'}
          busyLabel="Saving…"
          tone={retiredAt ? 'primary' : 'danger'}
          run={() => call('updateCarLocation', { params: { code }, body: { retired: !retiredAt } })}
          onDone={(updated) => {
            setRetiringLocation(false);
            setRetiredAt(updated.retiredAt);
            setMessage(
              updated.retiredAt
                ? `${code} is retired: its cars are no longer searched nor rented.`
                : `${code} is renting again.`,
            );
            refresh();
          }}
          onClose={() => setRetiringLocation(false)}
        >
          <p>
            {retiredAt
              ? 'Its cars can be searched and rented again.'
              : 'Its cars leave the agents’ search and take no new rentals. Rentals already held or sold are kept, and old trips still show them. You can reinstate it later.'}
          </p>
        </ConfirmChangeDialog>
      ) : null}
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
              const all = items.filter((c) => c.category === category);
              const fleet = all.filter((c) => !c.retiredAt);
              const from = (fleet.length > 0 ? fleet : all).reduce(
                (low, c) => (c.dailyRate.amount < low.dailyRate.amount ? c : low),
                (fleet.length > 0 ? fleet : all)[0]!,
              );
              return (
                <tbody key={category}>
                  <tr className="group-row">
                    <th scope="colgroup" colSpan={4}>
                      {category}
                      <span className="muted">
                        {' '}
                        · {fleet.length} {fleet.length === 1 ? 'car' : 'cars'}
                        {all.length > fleet.length ? ` (+${all.length - fleet.length} retired)` : ''} · rents
                        from {formatMoney(from.dailyRate)} a day
                      </span>
                    </th>
                  </tr>
                  {all.map((car) => (
                    <tr
                      key={car.id}
                      className={car.id === highlight ? 'row-new' : car.retiredAt ? 'row-retired' : undefined}
                    >
                      <td className="mono">
                        {car.plate}
                        {car.retiredAt ? <span className="tag tag-muted">Retired</span> : null}
                      </td>
                      <td>{car.model}</td>
                      <td className="num">{formatMoney(car.dailyRate)}</td>
                      <td className="actions">
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`${car.retiredAt ? 'Reinstate' : 'Retire'} ${car.model} ${car.plate}`}
                          onClick={() => setRetiring(car)}
                        >
                          {car.retiredAt ? 'Reinstate' : 'Retire'}
                        </button>
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
      {categories.length > 0 ? (
        <ClosuresPanel
          title="Categories closed to sale"
          idPrefix="car-closure"
          targetLabel="Category"
          targets={categories.map((c) => ({ value: c, label: c }))}
          unit="day"
          queryKey={inventoryKeys.carClosures(code)}
          list={async () =>
            (await call('listCarClosures', { params: { code }, query: {} })).items.map((c) => ({
              id: c.id,
              target: c.category,
              from: c.from,
              to: c.to,
              reason: c.reason,
            }))
          }
          create={(c) =>
            call('createCarClosure', {
              params: { code },
              body: { category: c.target, from: c.from, to: c.to, ...(c.reason ? { reason: c.reason } : {}) },
            })
          }
          remove={(closureId) => call('deleteCarClosure', { params: { code, closureId } })}
        />
      ) : null}
      {retiring ? (
        <ConfirmChangeDialog
          title={`${retiring.retiredAt ? 'Reinstate' : 'Retire'} ${retiring.plate}?`}
          label={retiring.retiredAt ? 'Reinstate car' : 'Retire car'}
          busyLabel="Saving…"
          tone={retiring.retiredAt ? 'primary' : 'danger'}
          run={() =>
            call('updateCar', {
              params: { code, carId: retiring.id },
              body: { retired: !retiring.retiredAt },
            })
          }
          onDone={(car) => {
            setRetiring(null);
            setMessage(
              car.retiredAt
                ? `${car.model} (${car.plate}) is retired: ${car.category} counts one car less from today.`
                : `${car.model} (${car.plate}) is back in the ${car.category} fleet.`,
            );
            refresh();
          }}
          onClose={() => setRetiring(null)}
        >
          <p>
            {retiring.retiredAt
              ? `${retiring.model} is counted in ${retiring.category} again from today.`
              : `${retiring.model} (${retiring.category}) stops being rented from today: the category counts one car less. Rentals already sold keep their cars; the server refuses if that would leave too few. It stays listed and can be reinstated.`}
          </p>
        </ConfirmChangeDialog>
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
