import type { TripsService } from '../../selling/trips.ts';
import type { Handlers } from '../mount.ts';

/** Trips and their items (API.md "Trips"); every signed-in role, each within its scope. */
export function tripHandlers(trips: TripsService) {
  return {
    createTrip: async ({ user, body, res }) => {
      const trip = await trips.create(user, body);
      res.location(`/api/trips/${trip.id}`);
      return trip;
    },
    listTrips: async ({ user, query }) => trips.list(user, query),
    getTrip: ({ user, params }) => trips.get(user, params.tripId),
    setTripTravellers: ({ user, params, body }) => trips.setTravellers(user, params.tripId, body),
    addTripItem: ({ user, params, body }) => trips.addItem(user, params.tripId, body),
    removeTripItem: ({ user, params }) => trips.removeItem(user, params.tripId, params.itemId),
    holdTripAgain: ({ user, params }) => trips.holdAgain(user, params.tripId),
  } satisfies Handlers<
    | 'createTrip'
    | 'listTrips'
    | 'getTrip'
    | 'setTripTravellers'
    | 'addTripItem'
    | 'removeTripItem'
    | 'holdTripAgain'
  >;
}
