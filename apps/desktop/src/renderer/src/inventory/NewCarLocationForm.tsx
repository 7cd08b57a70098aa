import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { CarLocation, CreateCarLocationRequest } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import {
  described,
  Field,
  firstInvalid,
  FormAlert,
  placeFieldErrors,
  useEditedFields,
} from '../ui/form-field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { call } from '../api/call.ts';

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

export function NewCarLocationForm({
  onCreated,
  onCancel,
}: {
  onCreated: (location: CarLocation) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Record<LocationField, string>>({ code: '', name: '', city: '' });
  const [clientErrors, setClientErrors] = useState<Partial<Record<LocationField, string>>>({});
  const create = useMutation({
    mutationFn: (body: CreateCarLocationRequest) => call('createCarLocation', { body }),
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
