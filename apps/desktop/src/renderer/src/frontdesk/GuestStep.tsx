import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { type Trip } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { described, Field, FormAlert, placeFieldErrors, useEditedFields } from '../ui/form-field.tsx';
import { useDesk } from './desk-store.ts';
import { useRetryKey } from './retry-key.ts';
import { FormFooter } from '../ui/FormFooter.tsx';
import { call } from '../api/call.ts';

type GuestField = 'name' | 'email' | 'phone';
const GUEST_FALLBACK: Readonly<Record<GuestField, string>> = {
  name: 'Enter the guest’s name.',
  email: 'Enter an email address for the invoice, e.g. guest@example.com.',
  phone: 'Enter a phone number: digits, spaces and + ( ) . / -',
};
const placeGuestErrors = (error: ApiError | null) =>
  placeFieldErrors<GuestField>(
    error,
    (path) => {
      const field = path.replace(/^customer\./, '');
      return field === 'name' || field === 'email' || field === 'phone' ? field : null;
    },
    GUEST_FALLBACK,
  );

export function GuestStep({ hotelId }: { hotelId: string }) {
  const startWalkIn = useDesk((s) => s.startWalkIn);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [clientErrors, setClientErrors] = useState<Partial<Record<GuestField, string>>>({});
  const retry = useRetryKey();
  const create = useMutation({
    mutationFn: (customer: { name: string; email: string; phone?: string }) =>
      call('createTrip', { body: { customer }, idempotencyKey: retry.keyFor(JSON.stringify(customer)) }),
    onSettled: (_trip, error) => retry.settled(error),
    onSuccess: (trip: Trip) =>
      startWalkIn({
        hotelId,
        tripId: trip.id,
        guestName: trip.customer.name,
        itemId: null,
        payKey: null,
        paid: false,
      }),
  });
  const server = placeGuestErrors(create.error);
  const edited = useEditedFields<GuestField>();
  const errors = edited.hide({ ...server.byField, ...clientErrors });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const found: Partial<Record<GuestField, string>> = {};
    if (name.trim() === '') found.name = GUEST_FALLBACK.name;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.email = GUEST_FALLBACK.email;
    setClientErrors(found);
    edited.reset();
    if (Object.keys(found).length > 0) {
      create.reset();
      document.getElementById(`walk-in-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    create.mutate({
      name: name.trim(),
      email: email.trim(),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
    });
  };

  return (
    <form className="modal-form" onSubmit={submit} noValidate aria-label="Guest">
      <div className="form-grid">
        <Field id="walk-in-name" label="Guest name" error={errors.name}>
          <input
            id="walk-in-name"
            data-autofocus
            autoComplete="off"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              edited.mark('name');
            }}
            {...described('walk-in-name', errors.name)}
          />
        </Field>
        <Field id="walk-in-email" label="Email" error={errors.email} hint="The invoice goes here.">
          <input
            id="walk-in-email"
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              edited.mark('email');
            }}
            {...described('walk-in-email', errors.email, true)}
          />
        </Field>
        <Field id="walk-in-phone" label="Phone (optional)" error={errors.phone}>
          <input
            id="walk-in-phone"
            type="tel"
            autoComplete="off"
            value={phone}
            onChange={(e) => {
              setPhone(e.target.value);
              edited.mark('phone');
            }}
            {...described('walk-in-phone', errors.phone)}
          />
        </Field>
      </div>
      <FormAlert
        message={
          Object.keys(clientErrors).length > 0
            ? 'Some details need correcting. See the messages beside the fields.'
            : server.formError
        }
      />
      <FormFooter label="Continue to rooms" busy={create.isPending} busyLabel="Opening the trip…" />
    </form>
  );
}
