import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Backup } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { useLiveStatus } from '../live/live-connection.ts';
import { formatInstant, formatSize } from '../ui/formats.ts';
import { newIdempotencyKey } from '../api/idempotency-key.ts';
import { downloadBackup, LONG_OPERATION_MS, reasonOf } from './operations-queries.ts';
import { operationsKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';

const REASONS: Readonly<Record<string, string>> = {
  manual: 'Taken by hand',
  'pre-upgrade': 'Before an upgrade',
  scheduled: 'Scheduled',
  'pre-restore': 'Before a restore',
};

/** How long writes paused while the backup was copied; PostgreSQL never pauses them. */
function formatPause(b: Backup): string {
  if (b.dialect === 'pg' || b.pauseMs === 0) return 'none';
  return b.pauseMs < 1000 ? `${Math.round(b.pauseMs)} ms` : `${(b.pauseMs / 1000).toFixed(1)} s`;
}

/** Admin: the server's backups; take one now, download one, or restore one (the server restarts on it). */
export function BackupsPanel() {
  const queryClient = useQueryClient();
  const backups = useQuery({
    queryKey: operationsKeys.backups,
    queryFn: async () => (await call('listBackups')).items,
  });
  const [notice, setNotice] = useState<string | null>(null);
  const [newId, setNewId] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const restarted = useRestartedServer(() => {
    void queryClient.invalidateQueries({ queryKey: operationsKeys.all });
  });

  const take = useMutation<Backup, ApiError>({
    // The answer comes when the archive is written.
    mutationFn: () =>
      call('createBackup', { idempotencyKey: newIdempotencyKey(), timeout: LONG_OPERATION_MS }),
    onMutate: () => {
      setNotice(null);
      setNewId(null);
    },
    onSuccess: (backup) => {
      setNewId(backup.id);
      setNotice(`Backup taken: ${formatInstant(backup.createdAt)}, ${formatSize(backup.sizeBytes)}.`);
      queryClient.setQueryData<Backup[]>(operationsKeys.backups, (list) =>
        list ? [backup, ...list.filter((b) => b.id !== backup.id)] : [backup],
      );
      void queryClient.invalidateQueries({ queryKey: operationsKeys.backups });
    },
  });
  const download = useMutation<void, ApiError, Backup>({
    mutationFn: downloadBackup,
    onMutate: () => setDownloadError(null),
    onError: (err, backup) => setDownloadError(`Could not download ${backup.fileName}: ${reasonOf(err)}`),
  });

  return (
    <div className="operations-panel">
      <div className="toolbar">
        <p className="muted">
          Archives of the five stores, kept in the server’s backup folder. A restore replaces the data the
          server has now.
        </p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => take.mutate()}
          disabled={take.isPending}
        >
          {take.isPending ? 'Taking backup…' : 'Take backup now'}
        </button>
      </div>

      <p role="status" className={take.isPending || notice ? 'notice notice-good' : 'visually-hidden'}>
        {take.isPending
          ? 'Taking a backup of the five stores… writes pause for a moment while they are copied.'
          : (notice ?? '')}
      </p>
      {take.isError ? (
        <p className="form-error" role="alert">
          The backup failed: {reasonOf(take.error)}
        </p>
      ) : null}
      {downloadError ? (
        <p className="form-error" role="alert">
          {downloadError}
        </p>
      ) : null}

      {backups.isPending ? <p className="muted">Loading backups…</p> : null}
      {backups.isError ? <LoadError error={backups.error} retry={() => void backups.refetch()} /> : null}
      {backups.data && backups.data.length === 0 ? (
        <p className="empty-state">No backups yet. Take the first one now.</p>
      ) : null}
      {backups.data && backups.data.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Backups</caption>
            <thead>
              <tr>
                <th scope="col">Taken</th>
                <th scope="col">Why</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col" className="num">
                  Writes paused
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {backups.data.map((b) => (
                <tr key={b.id} className={b.id === newId ? 'row-new' : undefined}>
                  <td>
                    <span id={`backup-${b.id}`}>{formatInstant(b.createdAt)}</span>
                    <span className="tag tag-muted">{b.dialect === 'pg' ? 'PostgreSQL' : 'SQLite'}</span>
                  </td>
                  <td>{REASONS[b.reason] ?? b.reason}</td>
                  <td className="num">{formatSize(b.sizeBytes)}</td>
                  <td className="num">{formatPause(b)}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Download the backup of ${formatInstant(b.createdAt)}`}
                      disabled={download.isPending && download.variables?.id === b.id}
                      onClick={() => download.mutate(b)}
                    >
                      {download.isPending && download.variables?.id === b.id ? 'Downloading…' : 'Download'}
                    </button>{' '}
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Restore the backup of ${formatInstant(b.createdAt)}…`}
                      onClick={() => setRestoring(b)}
                    >
                      Restore…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {restoring ? (
        <RestoreDialog
          backup={restoring}
          onClose={() => setRestoring(null)}
          onRestarting={(message, when) => {
            setRestoring(null);
            setNewId(null);
            setNotice(message);
            restarted.expect(() =>
              setNotice(
                `The server is back, on the data of ${when}. What it had before the restore is in the ` +
                  'backup marked “Before a restore”.',
              ),
            );
          }}
        />
      ) : null}
    </div>
  );
}

/**
 * After a restore was started: the live stream drops while the server restarts and opens again when it
 * is back; then `onBack` runs and the callback given to `expect`, once. Without a live stream (none
 * configured) nothing is said: the notice that it restarts stays.
 */
function useRestartedServer(onBack: () => void): { expect: (then: () => void) => void } {
  const status = useLiveStatus((s) => s.status);
  const waiting = useRef<{ then: () => void; dropped: boolean } | null>(null);
  const back = useRef(onBack);
  back.current = onBack;
  useEffect(() => {
    const w = waiting.current;
    if (!w) return;
    if (status !== 'live') w.dropped = true;
    else if (w.dropped) {
      waiting.current = null;
      back.current();
      w.then();
    }
  }, [status]);
  return {
    expect: (then) => {
      waiting.current = { then, dropped: useLiveStatus.getState().status !== 'live' };
    },
  };
}

/** Says plainly what a restore does before it is asked for. */
function RestoreDialog({
  backup,
  onClose,
  onRestarting,
}: {
  backup: Backup;
  onClose: () => void;
  onRestarting: (message: string, when: string) => void;
}) {
  const when = formatInstant(backup.createdAt);
  const restore = useMutation<unknown, ApiError>({
    mutationFn: () =>
      call('restoreBackup', { params: { backupId: backup.id }, idempotencyKey: newIdempotencyKey() }),
    onSuccess: () =>
      onRestarting(
        `The server is restarting on the backup of ${when}. It is unavailable for a short while; the app ` +
          'reconnects by itself when it is back.',
        when,
      ),
  });
  return (
    <Dialog title={`Restore the backup of ${when}?`} onClose={onClose} busy={restore.isPending}>
      <div className="modal-form">
        <p>The server restarts on this backup:</p>
        <ul className="restore-steps">
          <li>It stops taking requests; everyone is disconnected for a short while.</li>
          <li>It first takes a safety backup of the data it has now.</li>
          <li>
            It then puts back the data as it was on <strong>{when}</strong>. Everything done since — trips,
            holds, payments, cancellations, user changes — is lost (it stays in the safety backup).
          </li>
          <li>It starts again on the restored data; the app reconnects by itself.</li>
        </ul>
        {restore.isError ? (
          <p className="form-error" role="alert">
            The restore was not started: {reasonOf(restore.error)}
          </p>
        ) : null}
        <div className="form-actions">
          <button
            type="button"
            className="button button-danger"
            onClick={() => restore.mutate()}
            disabled={restore.isPending}
          >
            {restore.isPending ? 'Starting the restore…' : 'Restore and restart the server'}
          </button>
          <button
            type="button"
            className="button"
            onClick={onClose}
            disabled={restore.isPending}
            data-autofocus
          >
            Cancel
          </button>
        </div>
      </div>
    </Dialog>
  );
}
