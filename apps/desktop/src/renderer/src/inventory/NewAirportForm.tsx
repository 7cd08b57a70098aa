import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isTimeZone, type Airport, type CreateAirportRequest } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { airportKeys } from '../api/query-keys.ts';
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

type AirportFieldKey = 'code' | 'name' | 'city' | 'country' | 'timeZone';
const FIELDS: readonly AirportFieldKey[] = ['code', 'name', 'city', 'country', 'timeZone'];
const AIRPORT_FALLBACK: Readonly<Record<AirportFieldKey, string>> = {
  code: 'Enter the 3-letter IATA code, e.g. ZRH.',
  name: 'Enter the airport’s name, e.g. Zürich Kloten.',
  city: 'Enter the city it serves.',
  country: 'Enter the 2-letter country code, e.g. CH.',
  timeZone: 'Pick the time zone from the list, e.g. Europe/Zurich.',
};
const placeAirportErrors = (error: ApiError | null) =>
  placeFieldErrors<AirportFieldKey>(
    error,
    (path) => ((FIELDS as readonly string[]).includes(path) ? (path as AirportFieldKey) : null),
    AIRPORT_FALLBACK,
  );

/** Every IANA zone this runtime knows, for the time zone field's suggestions. */
const ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

/** Admin: adds an airport with its time zone, so flights can fly there and show its local times. */
export function NewAirportForm({
  onCreated,
  onCancel,
}: {
  onCreated: (airport: Airport) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<AirportFieldKey, string>>({
    code: '',
    name: '',
    city: '',
    country: '',
    timeZone: '',
  });
  const [clientErrors, setClientErrors] = useState<Partial<Record<AirportFieldKey, string>>>({});
  const create = useMutation({
    mutationFn: (body: CreateAirportRequest) => call('createAirport', { body }),
    onSuccess: (airport) => {
      void queryClient.invalidateQueries({ queryKey: airportKeys.all });
      onCreated(airport);
    },
    onError: (error) => focus(firstInvalid(FIELDS, placeAirportErrors(error).byField)),
  });
  const server = placeAirportErrors(create.error);
  const edited = useEditedFields<AirportFieldKey>();
  const errors = edited.hide({ ...server.byField, ...clientErrors });
  function focus(field: AirportFieldKey | null) {
    if (field) document.getElementById(`new-airport-${field}`)?.focus();
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const request: CreateAirportRequest = {
      code: values.code.trim().toUpperCase(),
      name: values.name.trim(),
      city: values.city.trim(),
      country: values.country.trim().toUpperCase(),
      timeZone: values.timeZone.trim(),
    };
    const found: Partial<Record<AirportFieldKey, string>> = {};
    if (!/^[A-Z]{3}$/.test(request.code)) found.code = AIRPORT_FALLBACK.code;
    if (request.name === '') found.name = AIRPORT_FALLBACK.name;
    if (request.city === '') found.city = AIRPORT_FALLBACK.city;
    if (!/^[A-Z]{2}$/.test(request.country)) found.country = AIRPORT_FALLBACK.country;
    if (!isTimeZone(request.timeZone)) found.timeZone = AIRPORT_FALLBACK.timeZone;
    setClientErrors(found);
    edited.reset();
    if (Object.keys(found).length > 0) {
      create.reset();
      focus(firstInvalid(FIELDS, found));
      return;
    }
    create.mutate(request);
  };

  const input = (field: AirportFieldKey, label: string, hint?: string, list?: string) => (
    <Field id={`new-airport-${field}`} label={label} error={errors[field]} hint={hint}>
      <input
        id={`new-airport-${field}`}
        autoComplete="off"
        spellCheck={false}
        list={list}
        value={values[field]}
        onChange={(e) => {
          const v = field === 'code' || field === 'country' ? e.target.value.toUpperCase() : e.target.value;
          setValues((all) => ({ ...all, [field]: v }));
          edited.mark(field);
        }}
        {...described(`new-airport-${field}`, errors[field], hint !== undefined)}
      />
    </Field>
  );

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="new-airport-title">
      <h2 id="new-airport-title">New airport</h2>
      <div className="form-grid">
        {input('code', 'IATA code', 'e.g. ZRH')}
        {input('name', 'Name')}
        {input('city', 'City')}
        {input('country', 'Country', 'ISO code, e.g. CH')}
        {input('timeZone', 'Time zone', 'Local times of its flights are read in it', 'new-airport-zones')}
        <datalist id="new-airport-zones">
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <FormAlert
        message={
          Object.keys(clientErrors).length > 0
            ? 'Some details need correcting. See the messages beside the fields.'
            : server.formError
        }
      />
      <FormFooter label="Add airport" busy={create.isPending} busyLabel="Adding…" onCancel={onCancel} />
    </form>
  );
}
