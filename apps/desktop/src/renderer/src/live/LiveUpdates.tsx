import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useConnection } from '../connection/connection-store.ts';
import { useSession } from '../session/session-store.ts';
import { LiveConnection, useLiveStatus, type EventSourceLike } from './live-connection.ts';
import { routeUrl } from '../api/call.ts';
import { applyLiveEvent } from './live-events.ts';
import { notificationKeys, searchKeys, tripKeys } from '../api/query-keys.ts';
import './live.css';

/**
 * Keeps the one live event stream of the app open while someone is signed in. Mounted once, by the
 * signed-in shell; every screen benefits through the query cache it invalidates.
 */
export function useLiveUpdates(createSource?: (url: string) => EventSourceLike): void {
  const token = useSession((s) => s.token);
  const serverUrl = useConnection((s) => s.serverUrl);
  const queryClient = useQueryClient();

  useEffect(() => {
    const setStatus = useLiveStatus.getState().set;
    if (!token || !serverUrl || (!createSource && typeof EventSource === 'undefined')) {
      setStatus('off');
      return undefined;
    }
    // EventSource cannot send headers: the server takes the token as `access_token` on this one route.
    const url = `${serverUrl}${routeUrl('streamEvents', { query: { access_token: token } })}`;
    const connection = new LiveConnection({
      url,
      onEvent: (event) => applyLiveEvent(queryClient, event),
      onReconnected: () => {
        void queryClient.invalidateQueries({ queryKey: tripKeys.all });
        void queryClient.invalidateQueries({ queryKey: searchKeys.all });
        void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      },
      onStatus: setStatus,
      ...(createSource ? { createSource } : {}),
    });
    connection.start();
    return () => connection.stop();
  }, [token, serverUrl, queryClient, createSource]);
}

const WORDS = {
  live: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
} as const;

const TITLES = {
  live: 'Holds, sales and expiries by other desks appear here as they happen.',
  connecting: 'Opening the live update stream.',
  reconnecting: 'The live update stream dropped; trying again. Screens refresh when it is back.',
} as const;

/** A small dot and word in the header: whether other desks' changes arrive by themselves right now. */
export function LiveIndicator() {
  const status = useLiveStatus((s) => s.status);
  if (status === 'off') return null;
  return (
    <span className={`live-indicator live-${status}`} title={TITLES[status]} role="status">
      <span className="live-dot" aria-hidden="true" />
      <span className="visually-hidden">Live updates: </span>
      {WORDS[status]}
    </span>
  );
}
