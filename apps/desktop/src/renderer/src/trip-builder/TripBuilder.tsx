import { useLayoutEffect, useRef, type RefObject } from 'react';
import { type Item, type Trip } from '@tripdesk/shared';
import { useServerNow } from '../live/ticking-clock.ts';
import { statusTone, TRIP_STATUS_WORDS } from '../trips/trip-words.ts';
import { isMissingRoute } from '../trips/trip-queries.ts';
import { useCurrentTripQuery } from './current-trip.ts';
import { useCurrentTrip } from './current-trip-store.ts';
import { tripStatusNow } from './hold-clock.ts';
import { NewTripForm } from './NewTripForm.tsx';
import { TripInProgress } from './TripInProgress.tsx';
import './trip-builder.css';

export interface TripBuilderProps {
  /** Opens the trip in the Trips section (its full history). */
  readonly onShowTrip: (tripId: string) => void;
  /** Starts changing a held item: the search is filled in with its details. */
  readonly onChangeItem: (trip: Trip, item: Item) => void;
}

/**
 * The trip being sold: the customer, each held item with the countdown to the end of its hold, extras
 * and special requests, the running total and the payment deadline, then checkout; once paid, the
 * confirmation with the receipt.
 */
export function TripBuilder({ onShowTrip, onChangeItem }: TripBuilderProps) {
  const tripId = useCurrentTrip((s) => s.tripId);
  const trip = useCurrentTripQuery();
  const aside = useRef<HTMLElement>(null);
  useStickToBottomWhenTall(aside);

  let body;
  if (tripId === null) {
    body = (
      <>
        <p className="empty-state">
          No trip in progress. Hold a room, seats or a car: the first hold opens a trip for the customer. Or
          open one here with its travellers, typed once for every item.
        </p>
        <NewTripForm />
      </>
    );
  } else if (trip.isPending) {
    body = <p className="muted">Loading the trip…</p>;
  } else if (trip.isError) {
    const gone = trip.error.code === 'not_found' && !isMissingRoute(trip.error);
    body = (
      <div className="form-error" role="alert">
        <p>{gone ? 'This trip is no longer there, or not one you can see.' : trip.error.message}</p>
        <div className="form-actions">
          {!gone ? (
            <button type="button" className="button button-small" onClick={() => void trip.refetch()}>
              Try again
            </button>
          ) : null}
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => useCurrentTrip.getState().close()}
          >
            Start a new trip
          </button>
        </div>
      </div>
    );
  } else {
    body = <TripInProgress trip={trip.data} onShowTrip={onShowTrip} onChangeItem={onChangeItem} />;
  }

  return (
    <aside ref={aside} className="trip-builder" aria-labelledby="trip-builder-title">
      <div className="trip-builder-head">
        <h2 id="trip-builder-title">Current trip</h2>
        {trip.data ? <TripStatusBadge trip={trip.data} /> : null}
      </div>
      {body}
    </aside>
  );
}

/** The trip's status on the clock now (held → expired the moment its last hold runs out). */
function TripStatusBadge({ trip }: { trip: Trip }) {
  const status = tripStatusNow(trip, useServerNow());
  return <span className={`status-badge status-${statusTone(status)}`}>{TRIP_STATUS_WORDS[status]}</span>;
}

/** The gap kept between the basket and the window's edge, as in trip-builder.css. */
const EDGE = 12;

/**
 * The basket sticks to the top of the window while it fits; one taller than the window sticks by its
 * bottom (a negative `top`), so that the total, the deadline and Pay stay in view and the items above
 * them scroll with the page.
 */
function useStickToBottomWhenTall(ref: RefObject<HTMLElement | null>) {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const place = () => {
      const top = Math.min(EDGE, window.innerHeight - el.offsetHeight - EDGE);
      el.style.setProperty('--basket-top', `${top}px`);
    };
    const observer = new ResizeObserver(place);
    observer.observe(el);
    window.addEventListener('resize', place);
    place();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', place);
    };
  }, [ref]);
}
