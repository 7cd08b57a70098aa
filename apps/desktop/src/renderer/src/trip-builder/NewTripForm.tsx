import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CustomerSchema, type Trip } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { call } from '../api/call.ts';
import { tripKeys } from '../api/query-keys.ts';
import { attemptKey } from './attempt-key.ts';
import { useCurrentTrip } from './current-trip-store.ts';
import { deskDate } from '../ui/formats.ts';
import { emptyDraft, openPapers, travellerRequests, type TravellerDraft } from './traveller-drafts.ts';
import { TravellersEditor } from './TravellersEditor.tsx';
import './travellers.css';

/**
 * Opening a trip before the first hold, with its customer and travellers typed once: the lead traveller
 * is the customer (the name follows as it is typed), then one row per traveller. The holds that follow
 * pick passengers, guests and the driver from them.
 */
export function NewTripForm() {
  const id = useId();
  const queryClient = useQueryClient();
  const key = useRef(attemptKey());
  const [customer, setCustomer] = useState({ name: '', email: '', phone: '' });
  const [drafts, setDrafts] = useState<TravellerDraft[]>([emptyDraft()]);
  const [problem, setProblem] = useState<{ text: string; row: number | null } | null>(null);
  const open = useMutation<Trip, ApiError, void>({
    mutationFn: async () => {
      const parsed = CustomerSchema.safeParse({
        name: customer.name,
        email: customer.email.trim(),
        ...(customer.phone.trim() ? { phone: customer.phone } : {}),
      });
      if (!parsed.success) {
        const field = String(parsed.error.issues[0]?.path[0] ?? 'name');
        throw Object.assign(
          new Error(
            field === 'email'
              ? 'Enter the customer’s email address, e.g. name@example.com.'
              : field === 'phone'
                ? 'Enter a phone number: digits, spaces and + ( ) . / - only.'
                : 'Enter the customer’s name.',
          ),
          { field },
        );
      }
      const built = travellerRequests(drafts, parsed.data, deskDate(Date.now()));
      if ('problem' in built) {
        if (built.papers) setDrafts(openPapers(drafts, built.row));
        throw Object.assign(new Error(built.problem), { row: built.row });
      }
      return call('createTrip', {
        body: { customer: parsed.data, travellers: built.travellers },
        idempotencyKey: key.current,
      });
    },
    onSuccess: (trip) => {
      key.current = attemptKey();
      queryClient.setQueryData(tripKeys.detail(trip.id), trip);
      void queryClient.invalidateQueries({ queryKey: tripKeys.lists });
      useCurrentTrip.getState().open(trip.id);
    },
    onError: (error) => {
      const { row, field } = error as unknown as { row?: number; field?: string };
      setProblem({ text: error.message, row: row ?? null });
      if (field) document.getElementById(`${id}-${field}`)?.focus();
    },
  });

  const setName = (name: string) => {
    // The lead traveller is the customer until the desk types another name for them.
    setDrafts((rows) =>
      rows.map((r, i) => (i === 0 && (r.name === '' || r.name === customer.name) ? { ...r, name } : r)),
    );
    setCustomer((c) => ({ ...c, name }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    if (!open.isPending) open.mutate();
  };

  return (
    <form
      className="new-trip-form"
      aria-label="New trip"
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
      }}
    >
      <h3>New trip</h3>
      <div className="new-trip-customer">
        <label htmlFor={`${id}-name`}>Customer name</label>
        <input
          id={`${id}-name`}
          autoComplete="off"
          spellCheck={false}
          value={customer.name}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor={`${id}-email`}>Customer email</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={customer.email}
          onChange={(e) => setCustomer((c) => ({ ...c, email: e.target.value }))}
        />
        <label htmlFor={`${id}-phone`}>Phone (optional)</label>
        <input
          id={`${id}-phone`}
          type="tel"
          autoComplete="off"
          value={customer.phone}
          onChange={(e) => setCustomer((c) => ({ ...c, phone: e.target.value }))}
        />
      </div>
      <p className="field-hint">
        Travellers: the lead is the customer. Enter in the last name adds a row; Docs takes a date of birth
        and passport, for flights.
      </p>
      <TravellersEditor drafts={drafts} onChange={setDrafts} invalidRow={problem?.row ?? null} />
      {problem ? (
        <p className="form-error" role="alert">
          {problem.text}
        </p>
      ) : null}
      <button type="submit" className="button button-small button-primary" disabled={open.isPending}>
        {open.isPending ? 'Opening…' : 'Open trip'}
      </button>
    </form>
  );
}
