import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Trip } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { call } from '../api/call.ts';
import { tripKeys } from '../api/query-keys.ts';
import { deskDate } from '../ui/formats.ts';
import { travellerPapers } from './travel-documents.ts';
import {
  draftsOf,
  openPapers,
  travellerLabel,
  travellerRequests,
  type TravellerDraft,
} from './traveller-drafts.ts';
import { TravellersEditor } from './TravellersEditor.tsx';
import './travellers.css';

/**
 * The trip's travellers, entered once: flights pick their passengers from them, stays count their
 * guests, the car's driver is one of them. While the trip is being sold they can be changed; a trip
 * without any offers its customer as the lead traveller.
 */
export function TravellersPanel({ trip, selling }: { trip: Trip; selling: boolean }) {
  const queryClient = useQueryClient();
  const travellers = trip.travellers ?? [];
  const [editing, setEditing] = useState<TravellerDraft[] | null>(null);
  const [problem, setProblem] = useState<{ text: string; row: number | null } | null>(null);
  const save = useMutation<Trip, ApiError, TravellerDraft[]>({
    mutationFn: async (drafts) => {
      const built = travellerRequests(drafts, trip.customer, deskDate(Date.now()));
      if ('problem' in built) {
        // A problem in a row's documents opens them, so the clerk sees what to correct.
        if (built.papers) setEditing(openPapers(drafts, built.row));
        throw Object.assign(new Error(built.problem), { row: built.row });
      }
      return call('setTripTravellers', { params: { tripId: trip.id }, body: built });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(tripKeys.detail(trip.id), saved);
      setEditing(null);
      setProblem(null);
    },
    onError: (error) => {
      const row = (error as unknown as { row?: number }).row;
      setProblem({ text: error.message, row: row ?? null });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (editing && !save.isPending) save.mutate(editing);
  };

  return (
    <section className="travellers-panel" aria-labelledby={`travellers-${trip.id}`}>
      <div className="travellers-head">
        <h3 id={`travellers-${trip.id}`}>
          Travellers{travellers.length > 0 ? ` (${travellers.length})` : ''}
        </h3>
        {travellers.length === 0 && !editing ? <span className="muted traveller-none">none yet</span> : null}
        {selling && !editing ? (
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => {
              setProblem(null);
              setEditing(draftsOf(travellers, trip.customer));
            }}
          >
            {travellers.length > 0 ? 'Edit travellers' : 'Add travellers'}
          </button>
        ) : null}
      </div>
      {editing ? (
        <form
          className="travellers-form"
          aria-label="Travellers"
          onSubmit={submit}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
            if (e.key === 'Escape') {
              e.stopPropagation();
              setEditing(null);
            }
          }}
        >
          <TravellersEditor
            drafts={editing}
            onChange={(update) => setEditing((rows) => rows && update(rows))}
            invalidRow={problem?.row ?? null}
          />
          {problem ? (
            <p className="form-error" role="alert">
              {problem.text}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button-small button-primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save travellers'}
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => setEditing(null)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : travellers.length > 0 ? (
        <ul className="traveller-list">
          {travellers.map((t) => (
            <li key={t.id}>
              {travellerLabel(t)}
              {t.lead ? <span className="traveller-lead-tag">lead</span> : null}
              {t.dateOfBirth || t.document ? (
                <span className="traveller-papers-line">{travellerPapers(t)}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
