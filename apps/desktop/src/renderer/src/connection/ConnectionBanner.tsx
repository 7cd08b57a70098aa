import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useConnection } from './connection-store.ts';
import { checkServerHealth } from './health-check.ts';

const POLL_MS = 10_000;

/** Asks the server again; once it answers, refetches whatever failed while it was away. */
async function recheck(queryClient: QueryClient): Promise<void> {
  if (useConnection.getState().checking) return;
  if ((await checkServerHealth()) !== 'unreachable') await queryClient.invalidateQueries();
}

/** Says, above every screen, when the server cannot be reached or reports a store down. */
export function ConnectionBanner({ onChangeServer }: { onChangeServer?: () => void }) {
  const { status, serverUrl, failingStores, checking } = useConnection();
  const queryClient = useQueryClient();
  const unreachable = status === 'unreachable';

  // Keep asking while the server is away, so the banner clears by itself when it is back.
  useEffect(() => {
    if (!unreachable) return undefined;
    const timer = setInterval(() => void recheck(queryClient), POLL_MS);
    return () => clearInterval(timer);
  }, [unreachable, queryClient]);

  if (status !== 'unreachable' && status !== 'degraded') return null;
  const retry = () => void recheck(queryClient);

  return (
    <div className={`banner banner-${status}`} role="alert">
      <p>
        {unreachable ? (
          <>
            Cannot reach the server at <strong>{serverUrl}</strong>.
          </>
        ) : (
          <>
            The server at <strong>{serverUrl}</strong> reports a problem with: {failingStores.join(', ')}.
            Some work may fail until it is fixed.
          </>
        )}
      </p>
      <div className="banner-actions">
        <button
          type="button"
          className="button button-small"
          onClick={retry}
          aria-disabled={checking || undefined}
        >
          {checking ? 'Checking…' : 'Retry'}
        </button>
        {onChangeServer && unreachable ? (
          <button type="button" className="button button-small button-quiet" onClick={onChangeServer}>
            Change server
          </button>
        ) : null}
      </div>
    </div>
  );
}
