import type { Trip, TripEvent } from '@tripdesk/shared';
import { declineWordsFor } from '../trip-builder/payment-methods.ts';
import { formatInstant } from '../ui/formats.ts';
import { actorWords, eventWords, ITEM_STATUS_WORDS, TRIP_STATUS_WORDS } from './trip-words.ts';

/** The event's `detail` (a JSON object as text), read for the few facts worth showing. */
function detailNote(event: TripEvent): string | null {
  if (!event.detail) return null;
  let detail: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(event.detail);
    if (typeof parsed !== 'object' || parsed === null) return null;
    detail = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof detail.declineCode === 'string') return declineWordsFor(detail.declineCode);
  if (detail.reason === 'hold_expired') return 'The hold ran out before payment.';
  if (detail.reason === 'payment_failed') return 'The payment failed.';
  if (typeof detail.reason === 'string' && detail.reason.trim() !== '' && !detail.reason.includes('_'))
    return `Reason: ${detail.reason}`;
  return null;
}

/** A status in words: an item's (`held` → Held) on item lines, a trip's (`held` → Held, awaiting payment) else. */
function statusWords(status: string, ofItem: boolean): string {
  const trip = TRIP_STATUS_WORDS as Record<string, string>;
  const item = ITEM_STATUS_WORDS as Record<string, string>;
  return (ofItem ? (item[status] ?? trip[status]) : (trip[status] ?? item[status])) ?? status;
}

/** The trip's full history, oldest first: when, what, who, and the status change. */
export function TripTimeline({ trip, currentUserId }: { trip: Trip; currentUserId: string }) {
  if (trip.events.length === 0) return <p className="muted">No history recorded.</p>;
  return (
    <ol className="timeline" aria-label="History, oldest first">
      {trip.events.map((event, i) => {
        const note = detailNote(event);
        return (
          <li key={`${event.at}-${i}`} className="timeline-entry">
            <time dateTime={event.at} className="timeline-time">
              {formatInstant(event.at)}
            </time>
            <div className="timeline-what">
              <p>
                {eventWords(event, trip.items)}
                {event.from && event.to ? (
                  <span className="timeline-change">
                    {' '}
                    ({statusWords(event.from, event.type.startsWith('item.'))} →{' '}
                    {statusWords(event.to, event.type.startsWith('item.'))})
                  </span>
                ) : null}
              </p>
              {note ? <p className="cell-sub">{note}</p> : null}
            </div>
            <span className="timeline-who">by {actorWords(event.actor, currentUserId)}</span>
          </li>
        );
      })}
    </ol>
  );
}
