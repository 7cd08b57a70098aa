import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { Car, CreateCarRequest } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import {
  described,
  Field,
  firstInvalid,
  FormAlert,
  placeFieldErrors,
  useEditedFields,
} from '../ui/form-field.tsx';
import { MoneyField, readMoney } from '../ui/MoneyField.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { call } from '../api/call.ts';

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

export function NewCarForm({
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
    mutationFn: (request: CreateCarRequest) => call('createCar', { params: { code }, body: request }),
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
