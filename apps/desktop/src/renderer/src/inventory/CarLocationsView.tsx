import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Car, CarLocation, CreateCarLocationRequest, CreateCarRequest } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { Dialog } from '../ui/Dialog.tsx';
import {
  described,
  Field,
  firstInvalid,
  FormAlert,
  placeFieldErrors,
  useEditedFields,
} from '../ui/form-field.tsx';
import { addCar, createCarLocation, fetchCarLocations, fetchCars, removeCar } from './inventory-api.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { MoneyField, readMoney } from '../ui/MoneyField.tsx';
import { capacityInUseMessage } from './capacity-in-use.ts';
import { FormFooter } from '../ui/FormFooter.tsx';
import { formatMoney } from '../ui/formats.ts';
import { inventoryKeys } from '../api/query-keys.ts';

/** Admin: rental car locations, their fleets per category, and the cars themselves. */
export function CarLocationsView() {
  const queryClient = useQueryClient();
  const [cityInput, setCityInput] = useState('');
  const [city, setCity] = useState('');
  const [formOpen, setFormOpen] = useState(false);
  const [open, setOpen] = useState<CarLocation | null>(null);
  const [created, setCreated] = useState<CarLocation | null>(null);
  const locations = useQuery({
    queryKey: inventoryKeys.carLocationList(city),
    queryFn: () => fetchCarLocations(city),
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
                    <td>{location.name}</td>
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

type LocationField = 'code' | 'name' | 'city';
const LOCATION_FALLBACK: Readonly<Record<LocationField, string>> = {
  code: 'Use 2 to 20 capital letters, digits, - or _, e.g. FCO-A.',
  name: 'Enter the location’s name, e.g. Rome Fiumicino Airport.',
  city: 'Enter the city.',
};
const placeLocationErrors = (error: ApiError | null) =>
  placeFieldErrors<LocationField>(
    error,
    (path) => (path === 'code' || path === 'name' || path === 'city' ? path : null),
    LOCATION_FALLBACK,
  );

function NewCarLocationForm({
  onCreated,
  onCancel,
}: {
  onCreated: (location: CarLocation) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Record<LocationField, string>>({ code: '', name: '', city: '' });
  const [clientErrors, setClientErrors] = useState<Partial<Record<LocationField, string>>>({});
  const create = useMutation({
    mutationFn: createCarLocation,
    onSuccess: onCreated,
    onError: (error) => focus(firstInvalid(['code', 'name', 'city'], placeLocationErrors(error).byField)),
  });
  const server = placeLocationErrors(create.error);
  const edited = useEditedFields<LocationField>();
  const errors = edited.hide({ ...server.byField, ...clientErrors });
  function focus(field: LocationField | null) {
    if (field) document.getElementById(`new-location-${field}`)?.focus();
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const request: CreateCarLocationRequest = {
      code: values.code.trim().toUpperCase(),
      name: values.name.trim(),
      city: values.city.trim(),
    };
    const found: Partial<Record<LocationField, string>> = {};
    if (!/^[A-Z0-9][A-Z0-9_-]{1,19}$/.test(request.code)) found.code = LOCATION_FALLBACK.code;
    if (request.name === '') found.name = LOCATION_FALLBACK.name;
    if (request.city === '') found.city = LOCATION_FALLBACK.city;
    setClientErrors(found);
    edited.reset();
    if (Object.keys(found).length > 0) {
      create.reset();
      focus(firstInvalid(['code', 'name', 'city'], found));
      return;
    }
    create.mutate(request);
  };

  const input = (field: LocationField, label: string, hint?: string) => (
    <Field id={`new-location-${field}`} label={label} error={errors[field]} hint={hint}>
      <input
        id={`new-location-${field}`}
        autoComplete="off"
        value={values[field]}
        onChange={(e) => {
          setValues((v) => ({
            ...v,
            [field]: field === 'code' ? e.target.value.toUpperCase() : e.target.value,
          }));
          edited.mark(field);
        }}
        {...described(`new-location-${field}`, errors[field], hint !== undefined)}
      />
    </Field>
  );

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="new-location-title">
      <h2 id="new-location-title">New car location</h2>
      <div className="form-grid">
        {input('code', 'Code', 'Often the airport’s, e.g. FCO-A.')}
        {input('name', 'Name')}
        {input('city', 'City')}
      </div>
      <FormAlert
        message={
          Object.keys(clientErrors).length > 0
            ? 'Some details need correcting. See the messages beside the fields.'
            : server.formError
        }
      />
      <FormFooter label="Create location" busy={create.isPending} busyLabel="Creating…" onCancel={onCancel} />
    </form>
  );
}

/** One location: its fleet per category and every car, with add and remove. */
function CarLocationDetail({
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
  const cars = useQuery({ queryKey: inventoryKeys.cars(code), queryFn: () => fetchCars(code) });
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
    </div>
  );
}

function RemoveCarDialog({
  code,
  car,
  onClose,
  onRemoved,
}: {
  code: string;
  car: Car;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const remove = useMutation({ mutationFn: () => removeCar(code, car.id), onSuccess: onRemoved });
  const error = remove.error
    ? remove.error.code === 'capacity_in_use'
      ? capacityInUseMessage(remove.error, 'cars')
      : remove.error.message
    : null;
  return (
    <Dialog title={`Remove ${car.plate}?`} onClose={onClose} busy={remove.isPending}>
      <p>
        {car.model} ({car.category}) leaves the fleet at {code}. Rentals already sold keep their cars; the
        server refuses if that would leave too few.
      </p>
      <FormAlert message={error} />
      <FormFooter
        label="Remove car"
        busy={remove.isPending}
        busyLabel="Removing…"
        tone="danger"
        onConfirm={() => remove.mutate()}
        onCancel={onClose}
        cancelLabel="Keep it"
      />
    </Dialog>
  );
}

type CarField = 'plate' | 'category' | 'model' | 'dailyRate';
const CAR_ORDER: readonly CarField[] = ['plate', 'category', 'model', 'dailyRate'];
const CAR_FALLBACK: Readonly<Record<CarField, string>> = {
  plate: 'Enter the licence plate.',
  category: 'Enter the category, e.g. ECMR or economy.',
  model: 'Enter the model, e.g. Fiat 500.',
  dailyRate: 'Enter the daily rate, e.g. 45.00.',
};
const placeCarErrors = (error: ApiError | null) =>
  placeFieldErrors<CarField>(
    error,
    (path) => {
      const head = path.split('.')[0] ?? '';
      return (CAR_ORDER as readonly string[]).includes(head) ? (head as CarField) : null;
    },
    CAR_FALLBACK,
  );

function NewCarForm({
  code,
  categories,
  onCreated,
  onCancel,
}: {
  code: string;
  categories: readonly string[];
  onCreated: (car: Car) => void;
  onCancel: () => void;
}) {
  const [plate, setPlate] = useState('');
  const [category, setCategory] = useState('');
  const [model, setModel] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [clientErrors, setClientErrors] = useState<Partial<Record<CarField, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const focus = (field: CarField | null) => {
    if (field) formRef.current?.querySelector<HTMLElement>(`#new-car-${field}`)?.focus();
  };
  const create = useMutation({
    mutationFn: (request: CreateCarRequest) => addCar(code, request),
    onSuccess: onCreated,
    onError: (error) => focus(firstInvalid(CAR_ORDER, placeCarErrors(error).byField)),
  });
  const server = placeCarErrors(create.error);
  const edited = useEditedFields<CarField>();
  const errors = edited.hide({ ...server.byField, ...clientErrors });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const found: Partial<Record<CarField, string>> = {};
    if (plate.trim() === '') found.plate = CAR_FALLBACK.plate;
    if (category.trim() === '') found.category = CAR_FALLBACK.category;
    if (model.trim() === '') found.model = CAR_FALLBACK.model;
    const rate = readMoney(amount, currency);
    if (typeof rate === 'string') found.dailyRate = rate;
    setClientErrors(found);
    edited.reset();
    if (Object.keys(found).length > 0 || typeof rate === 'string') {
      create.reset();
      focus(firstInvalid(CAR_ORDER, found));
      return;
    }
    create.mutate({ plate: plate.trim(), category: category.trim(), model: model.trim(), dailyRate: rate });
  };

  return (
    <form ref={formRef} className="panel" onSubmit={submit} noValidate aria-labelledby="new-car-title">
      <h2 id="new-car-title">Add a car at {code}</h2>
      <div className="form-grid">
        <Field id="new-car-plate" label="Plate" error={errors.plate}>
          <input
            id="new-car-plate"
            autoComplete="off"
            spellCheck={false}
            value={plate}
            onChange={(e) => {
              setPlate(e.target.value.toUpperCase());
              edited.mark('plate');
            }}
            {...described('new-car-plate', errors.plate)}
          />
        </Field>
        <Field
          id="new-car-category"
          label="Category"
          error={errors.category}
          hint={categories.length > 0 ? `Here: ${categories.join(', ')}` : 'e.g. ECMR, or economy'}
        >
          <input
            id="new-car-category"
            autoComplete="off"
            spellCheck={false}
            list="new-car-categories"
            value={category}
            onChange={(e) => {
              setCategory(e.target.value);
              edited.mark('category');
            }}
            {...described('new-car-category', errors.category, true)}
          />
        </Field>
        <datalist id="new-car-categories">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <Field id="new-car-model" label="Model" error={errors.model}>
          <input
            id="new-car-model"
            autoComplete="off"
            value={model}
            onChange={(e) => {
              setModel(e.target.value);
              edited.mark('model');
            }}
            {...described('new-car-model', errors.model)}
          />
        </Field>
        <MoneyField
          id="new-car-dailyRate"
          label="Daily rate"
          amount={amount}
          currency={currency}
          onAmount={(value) => {
            setAmount(value);
            edited.mark('dailyRate');
          }}
          onCurrency={setCurrency}
          error={errors.dailyRate}
        />
      </div>
      <FormAlert
        message={
          Object.keys(clientErrors).length > 0
            ? 'Some details need correcting. See the messages beside the fields.'
            : server.formError
        }
      />
      <FormFooter label="Add car" busy={create.isPending} busyLabel="Adding…" onCancel={onCancel} />
    </form>
  );
}
