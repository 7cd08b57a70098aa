import { useSyncExternalStore } from 'react';
import type { SectionId } from './sections.ts';

/**
 * Where the desk is, held in the address's hash (`#/trips/trp_123`), so the browser's and Electron's Back
 * and Forward move between screens and a trip has a link. A hash needs nothing from the server (it serves
 * one page at `/`) and works under Electron's `app://` scheme, where there is no server to answer a path.
 * Twenty lines of our own rather than a router package: the app has eight addresses and no nesting.
 */
export interface Route {
  /** null: no section asked for (the role's first applies). */
  readonly section: SectionId | null;
  /** With section `trips`: the trip whose detail is open. */
  readonly tripId?: string;
}

const SECTION_IDS: readonly SectionId[] = [
  'search',
  'trips',
  'front-desk',
  'inventory',
  'users',
  'reports',
  'operations',
  'account',
];

/** `#/trips/trp_1` → `{ section: 'trips', tripId: 'trp_1' }`; anything unknown → no section. */
export function parseRoute(hash: string): Route {
  const [section, id, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const known = SECTION_IDS.find((s) => s === section);
  if (!known) return { section: null };
  if (known === 'trips' && id && rest.length === 0) {
    try {
      return { section: 'trips', tripId: decodeURIComponent(id) };
    } catch {
      return { section: 'trips' };
    }
  }
  return { section: known };
}

export function routeHash(route: Route): string {
  if (route.section === null) return '#/';
  return route.tripId ? `#/trips/${encodeURIComponent(route.tripId)}` : `#/${route.section}`;
}

/** The address of a trip for someone else to open: the server serves this app at `/`. */
export function tripLink(serverUrl: string, tripId: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/${routeHash({ section: 'trips', tripId })}`;
}

/** Goes to a screen as a new history entry (Back returns); `replace` rewrites the current one instead. */
export function navigate(route: Route, { replace = false }: { replace?: boolean } = {}): void {
  const hash = routeHash(route);
  if (window.location.hash === hash) return;
  if (replace) {
    window.history.replaceState(window.history.state, '', hash);
    // replaceState fires no event: tell the subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener('popstate', onChange);
  };
}

const currentHash = () => window.location.hash;

/** The screen the address holds, re-rendering on Back, Forward and every navigate. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return parseRoute(hash);
}
