import { useEffect, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ConnectionProblem, TripdeskBridge } from '../../../bridge/bridge.d.ts';
import { Fingerprint } from '../server-settings/Fingerprint.tsx';
import { useConnection } from './connection-store.ts';
import { checkServerHealth } from './health-check.ts';
import './ConnectionBanner.css';

const POLL_MS = 10_000;

/** Asks the server again; once it answers, refetches whatever failed while it was away. */
async function recheck(queryClient: QueryClient): Promise<void> {
  if (useConnection.getState().checking) return;
  if ((await checkServerHealth()) !== 'unreachable') await queryClient.invalidateQueries();
}

interface Props {
  readonly onChangeServer?: () => void;
  /** The desktop bridge, which can tell a refused certificate from a server that is away. */
  readonly desktop?: Pick<TripdeskBridge, 'getConnectionProblem'> | null;
}

/** Says, above every screen, when the server cannot be reached or reports a store down. */
export function ConnectionBanner({ onChangeServer, desktop }: Props) {
  const { status, serverUrl, failingStores, checking } = useConnection();
  const queryClient = useQueryClient();
  const unreachable = status === 'unreachable';
  const [problem, setProblem] = useState<ConnectionProblem | null>(null);

  // Each time the server turns out unreachable (again), ask the main process whether it knows why.
  useEffect(() => {
    if (!unreachable || checking || !desktop) return undefined;
    let current = true;
    desktop.getConnectionProblem().then(
      (found) => {
        if (current) setProblem(found);
      },
      () => {
        if (current) setProblem(null);
      },
    );
    return () => {
      current = false;
    };
  }, [unreachable, checking, desktop]);
  const certificateChanged = unreachable && problem?.kind === 'certificate_changed' ? problem : null;

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
        {certificateChanged ? (
          <>
            Tripdesk does not connect to the server at <strong>{serverUrl}</strong>: it presents a different
            certificate from the one this desk trusts. If your administrator replaced the certificate, compare
            the new fingerprint with the one the server printed when it started, then trust it in the server
            settings. Otherwise someone may be intercepting the connection: do not sign in.
          </>
        ) : unreachable ? (
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
      {certificateChanged ? (
        <dl className="banner-fingerprints">
          <div>
            <dt>Trusted certificate</dt>
            <dd>
              <Fingerprint value={certificateChanged.pinned} />
            </dd>
          </div>
          <div>
            <dt>Presented now</dt>
            <dd>
              <Fingerprint value={certificateChanged.presented} />
            </dd>
          </div>
        </dl>
      ) : null}
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
            {certificateChanged ? 'Open server settings' : 'Change server'}
          </button>
        ) : null}
      </div>
    </div>
  );
}
