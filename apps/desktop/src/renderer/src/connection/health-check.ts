import { HealthResponseSchema } from '@tripdesk/shared';
import { api } from '../api/client.ts';
import { useConnection, type ConnectionStatus } from './connection-store.ts';

/** Asks `GET /api/health` and records the answer; used at start and by the banner's Retry. */
export async function checkServerHealth(): Promise<ConnectionStatus> {
  const connection = useConnection.getState();
  connection.setChecking(true);
  try {
    const response = await api.get('/api/health', { validateStatus: (s) => s === 200 || s === 503 });
    const health = HealthResponseSchema.safeParse(response.data);
    if (!health.success) {
      connection.report('unreachable');
      return 'unreachable';
    }
    const failing = Object.entries(health.data.stores)
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
