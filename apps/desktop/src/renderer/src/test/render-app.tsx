import { vi } from 'vitest';
import { render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { User } from '@tripdesk/shared';
import type { TripdeskBridge } from '../../../bridge/bridge.d.ts';
import { connectTo } from '../api/client.ts';
import { clearOnSessionChange, createQueryClient } from '../api/query-client.ts';
import { App } from '../App.tsx';
import { useConnection } from '../connection/connection-store.ts';
import { useSession } from '../session/session-store.ts';

export const SERVER = 'http://desk.test:4000';

export const admin: User = {
  id: 'usr_admin',
  email: 'admin@demo.tripdesk.test',
  name: 'Ada Admin',
  role: 'admin',
};
export const agent: User = {
  id: 'usr_agent',
  email: 'agent@demo.tripdesk.test',
  name: 'Alan Agent',
  role: 'agent',
};
export const desk: User = {
  id: 'usr_desk',
  email: 'desk@demo.tripdesk.test',
  name: 'Dana Desk',
  role: 'frontdesk',
  hotelId: 'htl_1',
};

const subscriptions: Array<() => void> = [];

/** A fresh renderer: nobody signed in, server not yet checked. */
export function resetRenderer(): void {
  subscriptions.splice(0).forEach((unsubscribe) => unsubscribe());
  sessionStorage.clear();
  // The address holds the screen (shell/route.ts): each test starts at no screen, as a fresh window.
  window.history.replaceState(null, '', window.location.pathname);
  useSession.setState({ token: null, user: null, notice: null });
  useConnection.setState({ status: 'unknown', failingStores: [], checking: false });
  connectTo(SERVER);
}

export function signInAs(user: User, token = `tok_${user.id}`): void {
  useSession.getState().start(token, user);
}

export function renderApp(options: { desktop?: TripdeskBridge | null; serverUrl?: string | null } = {}) {
  const queryClient = createQueryClient();
  subscriptions.push(clearOnSessionChange(queryClient));
  const reload = vi.fn();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <App
        desktop={options.desktop ?? null}
        serverUrl={options.serverUrl === undefined ? SERVER : options.serverUrl}
        reload={reload}
      />
    </QueryClientProvider>,
  );
  return { ...view, reload, queryClient };
}
