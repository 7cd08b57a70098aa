import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { isTimeZone, type Hotel, type UpdateHotelRequest } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { call } from '../api/call.ts';
import { Dialog } from '../ui/Dialog.tsx';
import {
  described,
  Field,
  firstInvalid,
  FormAlert,
  placeFieldErrors,
  useEditedFields,
} from '../ui/form-field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { splitList, TIME_ZONES } from './NewHotelForm.tsx';

type HotelField =
  'name' | 'city' | 'country' | 'address' | 'timezone' | 'stars' | 'amenities' | 'phone' | 'email';
const ORDER: readonly HotelField[] = [
  'name',
  'city',
  'country',
  'address',
  'timezone',
  'stars',
  'amenities',
  'phone',
  'email',
];
const FALLBACK: Readonly<Record<HotelField, string>> = {
  name: 'Enter the hotel’s name.',
  city: 'Enter the city.',
  country: 'Enter the country.',
  address: 'Enter the street address, or leave it empty.',
  timezone: 'Choose a time zone such as Europe/Rome.',
  stars: 'Choose 1 to 5 stars, or none.',
  amenities: 'List each amenity once, separated by commas.',
  phone: 'Enter a phone number of at most 40 characters, or leave it empty.',
  email: 'Enter an email address like desk@hotel.com, or leave it empty.',
};

type Values = Record<HotelField, string>;

function valuesOf(h: Hotel): Values {
  return {
    name: h.name,
    city: h.city,
    country: h.country,
    address: h.address ?? '',
    timezone: h.timezone,
    stars: h.stars ? String(h.stars) : '',
    amenities: h.amenities.join(', '),
    phone: h.phone ?? '',
    email: h.email ?? '',
  };
}

/** Only what changed, with emptied optional fields cleared (`null`). */
export function hotelChanges(before: Hotel, values: Values): UpdateHotelRequest {
  const was = valuesOf(before);
  const change: Record<string, unknown> = {};
  for (const field of ['name', 'city', 'country'] as const) {
    if (values[field].trim() !== was[field]) change[field] = values[field].trim();
  }
  for (const field of ['address', 'phone', 'email'] as const) {
    const v = values[field].trim();
    if (v !== was[field]) change[field] = v === '' ? null : v;
  }
  if (values.timezone.trim() !== was.timezone) change.timezone = values.timezone.trim();
  if (values.stars !== was.stars) change.stars = values.stars ? Number(values.stars) : null;
  const amenities = splitList(values.amenities);
  if (amenities.join(', ') !== was.amenities) change.amenities = amenities;
  return change as UpdateHotelRequest;
}

function check(values: Values): Partial<Record<HotelField, string>> {
  const errors: Partial<Record<HotelField, string>> = {};
  for (const field of ['name', 'city', 'country'] as const)
    if (values[field].trim() === '') errors[field] = FALLBACK[field];
  if (!isTimeZone(values.timezone.trim()))
    errors.timezone = `“${values.timezone.trim()}” is not a time zone. Pick one from the list, e.g. Europe/Rome.`;
  const amenities = splitList(values.amenities);
  if (new Set(amenities).size !== amenities.length) errors.amenities = 'An amenity is listed twice.';
  const email = values.email.trim();
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = FALLBACK.email;
  return errors;
}

/** Admin: corrects a hotel's name, address, time zone, stars, amenities and contact. */
export function EditHotelDialog({
  hotel,
  onSaved,
  onClose,
}: {
  hotel: Hotel;
  onSaved: (hotel: Hotel) => void;
  onClose: () => void;
}) {
  const [values, setValues] = useState<Values>(() => valuesOf(hotel));
  const [clientErrors, setClientErrors] = useState<Partial<Record<HotelField, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const zonesId = useId();
  const id = (field: HotelField) => `edit-hotel-${field}`;
  const focus = (field: HotelField | null) => {
    if (field) formRef.current?.querySelector<HTMLElement>(`#${id(field)}`)?.focus();
  };
  const place = (error: ApiError | null) =>
    placeFieldErrors<HotelField>(
      error,
      (path) => {
        const head = path.split('.')[0] ?? '';
        return (ORDER as readonly string[]).includes(head) ? (head as HotelField) : null;
      },
      FALLBACK,
    );
  const save = useMutation({
    mutationFn: (body: UpdateHotelRequest) => call('updateHotel', { params: { hotelId: hotel.id }, body }),
    onSuccess: onSaved,
    onError: (error) => focus(firstInvalid(ORDER, place(error).byField)),
  });
  const server = place(save.error);
  const edited = useEditedFields<HotelField>();
  const errors = edited.hide({ ...server.byField, ...clientErrors });
  const [nothing, setNothing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const found = check(values);
    setClientErrors(found);
    edited.reset();
    if (Object.keys(found).length > 0) {
      save.reset();
      focus(firstInvalid(ORDER, found));
      return;
    }
    const change = hotelChanges(hotel, values);
    if (Object.keys(change).length === 0) {
      setNothing(true);
      return;
    }
    save.mutate(change);
  };

  const text = (field: HotelField, label: string, hint?: string, extra: object = {}) => (
    <Field id={id(field)} label={label} error={errors[field]} hint={hint}>
      <input
        id={id(field)}
        autoComplete="off"
        value={values[field]}
        onChange={(e) => {
          setValues((v) => ({ ...v, [field]: e.target.value }));
          edited.mark(field);
          setNothing(false);
        }}
        {...extra}
        {...described(id(field), errors[field], hint !== undefined)}
      />
    </Field>
  );

  return (
    <Dialog title={`Edit ${hotel.name}`} onClose={onClose} busy={save.isPending} size="wide">
      <form ref={formRef} className="modal-form" onSubmit={submit} noValidate>
        <div className="form-grid">
          {text('name', 'Name')}
          {text('city', 'City')}
          {text('country', 'Country')}
          {text('address', 'Address (optional)')}
          {text(
            'timezone',
            'Time zone',
            'The desk’s “today” from now on; stays already sold keep their dates.',
            {
              list: zonesId,
              spellCheck: false,
            },
          )}
          <Field id={id('stars')} label="Stars" error={errors.stars}>
            <select
              id={id('stars')}
              value={values.stars}
              onChange={(e) => {
                setValues((v) => ({ ...v, stars: e.target.value }));
                setNothing(false);
              }}
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
          {text('phone', 'Phone (optional)', undefined, { type: 'tel' })}
          {text('email', 'Email (optional)', undefined, { type: 'email', spellCheck: false })}
        </div>
        <datalist id={zonesId}>
          {TIME_ZONES.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <FormAlert
          message={
            nothing
              ? 'Nothing was changed.'
              : Object.keys(clientErrors).length > 0
                ? 'Some details need correcting. See the messages beside the fields.'
                : server.formError
          }
        />
        <FormFooter label="Save hotel" busy={save.isPending} busyLabel="Saving…" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
