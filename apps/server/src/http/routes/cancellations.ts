import type { CancellationService } from '../../after-sale/cancellation.ts';
import type { Handlers } from '../mount.ts';

/**
 * Cancelling a trip (API.md, "Trips") or one of its items, and the quote the desk shows first: every
 * signed-in role within its scope (a front desk: its own hotel's stays).
 */
export function cancellationHandlers(cancellation: CancellationService) {
  return {
    cancelTrip: ({ user, params, body }) => cancellation.cancelTrip(user, params.tripId, body.reason),
    quoteTripCancellation: ({ user, params }) => cancellation.quote(user, params.tripId),
    cancelTripItem: ({ user, params, body }) =>
      cancellation.cancelItem(user, params.tripId, params.itemId, body.reason),
    quoteItemCancellation: ({ user, params }) => cancellation.quote(user, params.tripId, params.itemId),
  } satisfies Handlers<'cancelTrip' | 'quoteTripCancellation' | 'cancelTripItem' | 'quoteItemCancellation'>;
}
