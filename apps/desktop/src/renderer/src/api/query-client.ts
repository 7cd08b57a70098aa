import { QueryClient } from '@tanstack/react-query';
import type { ApiError } from './api-error.ts';
import { useSession } from '../session/session-store.ts';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
  }
}

/** Server state cache. Errors are shown, not retried behind the clerk's back. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 15_000 },
      mutations: { retry: false },
    },
  });
}

/** What one clerk fetched is never shown to the next one at the same desk. Returns the unsubscribe. */
export function clearOnSessionChange(client: QueryClient): () => void {
  return useSession.subscribe((state, previous) => {
    if (state.token !== previous.token) client.clear();
  });
}
