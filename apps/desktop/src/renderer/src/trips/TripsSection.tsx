import type { User } from '@tripdesk/shared';
import { navigate } from '../shell/route.ts';
import { TripDetail } from './TripDetail.tsx';
import { TripList } from './TripList.tsx';
import './trips.css';

export interface TripsSectionProps {
  readonly user: Pick<User, 'id' | 'role'>;
  /** The trip the address opens (`#/trips/<id>`); null shows the list. */
  readonly openTripId: string | null;
  /** Present for roles that sell from Search: carries an open or held trip back to the trip builder. */
  readonly onContinueSelling?: (tripId: string, opts?: { extend?: boolean }) => void;
}

/** Every trip the clerk may see, found by search and filters, a page at a time; one trip opens in full. */
export function TripsSection({ user, openTripId, onContinueSelling }: TripsSectionProps) {
  if (openTripId !== null) {
    return (
      <TripDetail
        tripId={openTripId}
        currentUserId={user.id}
        onBack={() => navigate({ section: 'trips' })}
        {...(onContinueSelling ? { onContinueSelling } : {})}
      />
    );
  }
  return <TripList user={user} />;
}
