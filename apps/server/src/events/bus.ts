import { EventEmitter } from 'node:events';
import type { TripStatus } from '@tripdesk/shared';

/**
 * What changed, announced to every desk (GET /api/events) so screens update without refresh.
 * Events carry ids and dates, never customer data: a client refetches what it may see.
 */
export type DomainEvent =
  | {
      readonly type: 'availability.changed';
      readonly store: 'hotels' | 'flights' | 'cars';
      readonly hotelId?: string;
      readonly roomTypeId?: string;
      readonly flightId?: string;
      readonly fareClass?: string;
      readonly locationCode?: string;
      readonly category?: string;
      /** Nights or rental days touched, when the unit is dated. */
      readonly dates?: readonly string[];
      readonly at: string;
    }
  | {
      readonly type: 'trip.changed';
      readonly tripId: string;
      readonly status: TripStatus;
      /** Hotels the trip has stays at: front desks see only their own hotel's trips. */
      readonly hotelIds: readonly string[];
      readonly at: string;
    }
  | {
      /** A new in-app notification of this user (notifications/): only their own streams get it. */
      readonly type: 'notification.created';
      readonly userId: string;
      readonly notificationId: string;
      readonly at: string;
    }
  | {
      /**
       * A user's sessions changed: signed out (`tokenHash`: that session only), disabled or given a new
       * password (every session ended), or a new role or hotel. Never sent to a client: open event streams
       * of the user end, or re-check what they may see, at once (routes/events.ts).
       */
      readonly type: 'session.changed';
      readonly userId: string;
      readonly tokenHash?: string;
      /** True when the session (or every session of the user) has ended. */
      readonly ended: boolean;
      readonly at: string;
    };

export interface EventBus {
  /** Fire and forget: a failing subscriber or transport never fails the change that was made. */
  publish(event: DomainEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: DomainEvent) => void): () => void;
  close(): Promise<void>;
}

/** One process: an in-memory bus. The PostgreSQL deployment relays through LISTEN/NOTIFY. */
export class LocalEventBus implements EventBus {
  readonly #emitter = new EventEmitter().setMaxListeners(0);

  publish(event: DomainEvent): void {
    this.#emitter.emit('event', event);
  }

  subscribe(listener: (event: DomainEvent) => void): () => void {
    const safe = (e: DomainEvent) => {
      try {
        listener(e);
      } catch {
        /* a subscriber's bug must not break the publisher */
      }
    };
    this.#emitter.on('event', safe);
    return () => this.#emitter.off('event', safe);
  }

  close(): Promise<void> {
    this.#emitter.removeAllListeners();
    return Promise.resolve();
  }
}
