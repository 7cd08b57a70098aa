import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { isTimeZone, type CreateHotelRequest, type Hotel } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { call } from '../api/call.ts';
import {
  described,
  Field,
  firstInvalid,
  FormAlert,
  placeFieldErrors,
  useEditedFields,
} from '../ui/form-field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';

type HotelField = 'name' | 'city' | 'country' | 'address' | 'timezone' | 'stars' | 'amenities';
const ORDER: readonly HotelField[] = ['name', 'city', 'country', 'address', 'timezone', 'stars', 'amenities'];

const FALLBACK: Readonly<Record<HotelField, string>> = {
  name: 'Enter the hotel’s name.',
  city: 'Enter the city.',
  country: 'Enter the country.',
  address: 'Enter the street address, or leave it empty.',
  timezone: 'Choose a time zone such as Europe/Rome.',
  stars: 'Choose 1 to 5 stars, or none.',
  amenities: 'List each amenity once, separated by commas.',
};

/** Every zone this browser knows, for the time zone list. */
export const TIME_ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** Amenities as typed: "wifi, breakfast, gym" → ["wifi", "breakfast", "gym"]. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function placeHotelErrors(error: ApiError | null) {
  return placeFieldErrors<HotelField>(
    error,
    (path) => {
      const head = path.split('.')[0] ?? '';
      return (ORDER as readonly string[]).includes(head) ? (head as HotelField) : null;
    },
    FALLBACK,
  );
}

function checkHotel(values: Record<HotelField, string>): Partial<Record<HotelField, string>> {
  const errors: Partial<Record<HotelField, string>> = {};
  if (values.name.trim() === '') errors.name = FALLBACK.name;
  if (values.city.trim() === '') errors.city = FALLBACK.city;
  if (values.country.trim() === '') errors.country = FALLBACK.country;
  if (values.timezone.trim() !== '' && !isTimeZone(values.timezone.trim())) {
    errors.timezone = `“${values.timezone.trim()}” is not a time zone. Pick one from the list, e.g. Europe/Rome.`;
  }
  const amenities = splitList(values.amenities);
  if (new Set(amenities).size !== amenities.length) errors.amenities = 'An amenity is listed twice.';
  return errors;
}

/** Admin: adds a hotel. Its time zone decides what "today" is at its desk. */
export function NewHotelForm({
  onCreated,
  onCancel,
}: {
  onCreated: (hotel: Hotel) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Record<HotelField, string>>({
    name: '',
    city: '',
    country: '',
    address: '',
    timezone: '',
    stars: '',
    amenities: '',
  });
  const [clientErrors, setClientErrors] = useState<Partial<Record<HotelField, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const zonesId = useId();
  const id = (field: HotelField) => `new-hotel-${field}`;
  const focus = (field: HotelField | null) => {
    if (field) formRef.current?.querySelector<HTMLElement>(`#${id(field)}`)?.focus();
  };

  const create = useMutation({
    mutationFn: (body: CreateHotelRequest) => call('createHotel', { body }),
    onSuccess: onCreated,
    onError: (error) => focus(firstInvalid(ORDER, placeHotelErrors(error).byField)),
  });
  const server = placeHotelErrors(create.error);
  const edited = useEditedFields<HotelField>();
  const errors = edited.hide({ ...server.byField, ...clientErrors });

  const set = (field: HotelField) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    edited.mark(field);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const found = checkHotel(values);
    setClientErrors(found);
    edited.reset();
    if (Object.keys(found).length > 0) {
      create.reset();
      focus(firstInvalid(ORDER, found));
      return;
    }
    const amenities = splitList(values.amenities);
    const request: CreateHotelRequest = {
      name: values.name.trim(),
      city: values.city.trim(),
      country: values.country.trim(),
      ...(values.address.trim() ? { address: values.address.trim() } : {}),
      ...(values.timezone.trim() ? { timezone: values.timezone.trim() } : {}),
      ...(values.stars ? { stars: Number(values.stars) } : {}),
      ...(amenities.length > 0 ? { amenities } : {}),
    };
    create.mutate(request);
  };

  const text = (field: HotelField, label: string, hint?: string, extra: object = {}) => (
    <Field id={id(field)} label={label} error={errors[field]} hint={hint}>
      <input
        id={id(field)}
        autoComplete="off"
        value={values[field]}
        onChange={(e) => set(field)(e.target.value)}
        {...extra}
        {...described(id(field), errors[field], hint !== undefined)}
      />
    </Field>
  );

  return (
    <form ref={formRef} className="panel" onSubmit={submit} noValidate aria-labelledby="new-hotel-title">
      <h2 id="new-hotel-title">New hotel</h2>
      <div className="form-grid">
        {text('name', 'Name')}
        {text('city', 'City')}
        {text('country', 'Country', 'Country code or name, e.g. IT.')}
        {text('address', 'Address (optional)')}
        {text('timezone', 'Time zone', 'Decides the desk’s “today”. Empty: UTC.', {
          list: zonesId,
          spellCheck: false,
          placeholder: 'Europe/Rome',
        })}
        <Field id={id('stars')} label="Stars" error={errors.stars}>
          <select
            id={id('stars')}
            value={values.stars}
            onChange={(e) => set('stars')(e.target.value)}
            {...described(id('stars'), errors.stars)}
          >
            <option value="">Not rated</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {'★'.repeat(n)} ({n})
              </option>
            ))}
          </select>
        </Field>
        {text('amenities', 'Amenities (optional)', 'Separated by commas: wifi, breakfast, gym.')}
      </div>
      <datalist id={zonesId}>
        {TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <FormAlert
        message={
          Object.keys(clientErrors).length > 0
            ? 'Some details need correcting. See the messages beside the fields.'
            : server.formError
        }
      />
      <FormFooter label="Create hotel" busy={create.isPending} busyLabel="Creating…" onCancel={onCancel} />
    </form>
  );
}
