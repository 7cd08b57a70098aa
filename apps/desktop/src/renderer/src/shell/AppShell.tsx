import { useEffect, useRef } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { User } from '@tripdesk/shared';
import { call } from '../api/call.ts';
import { useSession } from '../session/session-store.ts';
import { UsersSection } from '../users/UsersSection.tsx';
import { InventorySection } from '../inventory/InventorySection.tsx';
import { FrontDeskSection } from '../frontdesk/FrontDeskSection.tsx';
import { ReportsSection } from '../reports/ReportsSection.tsx';
import { OperationsSection } from '../operations/OperationsSection.tsx';
import { LiveIndicator, useLiveUpdates } from '../live/LiveUpdates.tsx';
import { NotificationsButton } from '../notifications/NotificationsButton.tsx';
import { SearchSection } from '../search/SearchSection.tsx';
import { useCurrentTrip } from '../trip-builder/current-trip-store.ts';
import { TripsSection } from '../trips/TripsSection.tsx';
import { AccountSection } from '../account/AccountSection.tsx';
import { HEADER_SECTIONS, ROLE_LABELS, SECTIONS, sectionsFor, type SectionId } from './sections.ts';
import { sessionKeys } from '../api/query-keys.ts';
import { navigate, useRoute, type Route } from './route.ts';

async function fetchMe(): Promise<User> {
  return call('getMe');
}

/** The signed-in frame: who is at the desk, the sections their role may use, and Sign out. */
export function AppShell({ user: signedIn }: { user: User }) {
  // The stored user shows at once; /api/me confirms the token and picks up a changed role or name.
  const me = useQuery({
    queryKey: sessionKeys.me,
    queryFn: fetchMe,
    initialData: signedIn,
    initialDataUpdatedAt: 0,
  });
  const user = me.data;
  const sections = sectionsFor(user.role);
  // The address holds the screen (route.ts): a section the role may not use shows the role's first.
  const route = useRoute();
  const allowed =
    route.section !== null && (sections.includes(route.section) || HEADER_SECTIONS.includes(route.section));
  const current: SectionId = allowed ? route.section! : (sections[0] ?? 'trips');
  useEffect(() => {
    // No section (or one not for this role) in the address: write the one shown, without a history entry.
    if (!allowed) navigate({ section: current }, { replace: true });
  }, [allowed, current]);
  // A section's tab returns to where the desk last was in it (the trip left open, say); Back and
  // Forward step through the addresses themselves.
  const lastIn = useRef(new Map<SectionId, Route>());
  const { tripId } = route;
  useEffect(() => {
    if (allowed) lastIn.current.set(current, tripId ? { section: current, tripId } : { section: current });
  }, [allowed, current, tripId]);

  // One live event stream for the whole signed-in app: other desks' holds, sales and expiries.
  useLiveUpdates();
  const showTrip = (tripId: string) => navigate({ section: 'trips', tripId });
  const continueSelling = (tripId: string, opts?: { extend?: boolean }) => {
    if (opts?.extend) useCurrentTrip.getState().extend(tripId);
    else useCurrentTrip.getState().open(tripId);
    navigate({ section: 'search' });
  };

  const signOut = useMutation({
    // Ends the token on the server; the desk forgets it whatever the answer.
    mutationFn: () => call('logout'),
    onSettled: () => useSession.getState().end(),
  });

  return (
    <div className="shell">
      <header className="shell-header">
        <span className="brand">Tripdesk</span>
        <nav aria-label="Sections" className="section-nav">
          <ul>
            {sections.map((id) => (
              <li key={id}>
                <button
                  type="button"
                  className="nav-item"
                  aria-current={id === current ? 'page' : undefined}
                  onClick={() => navigate(lastIn.current.get(id) ?? { section: id })}
                >
                  {SECTIONS[id].label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="signed-in">
          <LiveIndicator />
          <NotificationsButton onShowTrip={showTrip} />
          <span className="signed-in-name">{user.name}</span>
          <span className="role-badge">{ROLE_LABELS[user.role]}</span>
          <button
            type="button"
            className="button button-small button-on-dark"
            aria-current={current === 'account' ? 'page' : undefined}
            onClick={() => navigate({ section: 'account' })}
          >
            Account
          </button>
          <button
            type="button"
            className="button button-small button-on-dark"
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
          >
            {signOut.isPending ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      </header>
      <main className="shell-main">
        {current === 'account' ? (
          <AccountSection user={user} />
        ) : current === 'users' ? (
          <UsersSection currentUserId={user.id} />
        ) : current === 'front-desk' ? (
          <FrontDeskSection user={user} />
        ) : current === 'inventory' ? (
          <InventorySection />
        ) : current === 'operations' ? (
          <OperationsSection />
        ) : current === 'reports' ? (
          <ReportsSection user={user} />
        ) : current === 'search' ? (
          <SearchSection onShowTrip={showTrip} />
        ) : (
          <TripsSection
            openTripId={allowed ? (route.tripId ?? null) : null}
            user={user}
            {...(sections.includes('search') ? { onContinueSelling: continueSelling } : {})}
          />
        )}
      </main>
    </div>
  );
}
