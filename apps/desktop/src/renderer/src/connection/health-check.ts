import { call } from '../api/call.ts';
import { useConnection, type ConnectionStatus } from './connection-store.ts';

/** Asks `GET /api/health` and records the answer; used at start and by the banner's Retry. */
export async function checkServerHealth(): Promise<ConnectionStatus> {
  const connection = useConnection.getState();
  connection.setChecking(true);
  try {
    // A 503 is an answer too: the stores that are down. An answer of another shape throws, as no answer does.
    const health = await call('getHealth');
    const failing = Object.entries(health.stores)
      .filter(([, state]) => state !== 'ok')
      .map(([store]) => store);
    const status = failing.length === 0 ? 'reachable' : 'degraded';
    connection.report(status, failing);
    return status;
  } catch {
    connection.report('unreachable');
    return 'unreachable';
  } finally {
    useConnection.getState().setChecking(false);
  }
}
