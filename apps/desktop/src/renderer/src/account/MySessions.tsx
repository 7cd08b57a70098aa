import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Session } from '@tripdesk/shared';
import { call } from '../api/call.ts';
import { sessionKeys } from '../api/query-keys.ts';
import { formatInstant, plural } from '../ui/formats.ts';
import { FormAlert } from '../ui/form-field.tsx';
import { LoadError } from '../ui/LoadError.tsx';

/** "Chrome on Windows" out of a user agent; the raw text when it names neither. */
export function deviceOf(userAgent: string | undefined): string {
  if (!userAgent) return 'Unknown device';
  const app = /Electron\//.test(userAgent)
    ? 'Tripdesk app'
    : /Edg\//.test(userAgent)
      ? 'Edge'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Chrome\//.test(userAgent)
          ? 'Chrome'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : null;
  const os = /Windows/.test(userAgent)
    ? 'Windows'
    : /Mac OS X|Macintosh/.test(userAgent)
      ? 'macOS'
      : /Android/.test(userAgent)
        ? 'Android'
        : /iPhone|iPad/.test(userAgent)
          ? 'iOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (!app) return userAgent.slice(0, 60);
  return os ? `${app} on ${os}` : app;
}

/** Where you are signed in: each session, when it began and was last used; end one, or all the others. */
export function MySessions() {
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: sessionKeys.sessions,
    queryFn: async () => (await call('listMySessions')).items,
  });
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: sessionKeys.sessions });
  const endOne = useMutation({
    mutationFn: (session: Session) => call('endMySession', { params: { sessionId: session.id } }),
    onSuccess: (_none, session) => {
      setNotice(
        `Ended the session of ${deviceOf(session.userAgent)}, signed in ${formatInstant(session.createdAt)}.`,
      );
      refresh();
    },
  });
  const endOthers = useMutation({
    mutationFn: () => call('endMyOtherSessions'),
    onSuccess: ({ ended }) => {
      setNotice(ended === 0 ? 'No other session was open.' : `Ended ${plural(ended, 'other session')}.`);
      refresh();
    },
  });
  const others = (sessions.data ?? []).filter((s) => !s.current).length;
  const failure = endOne.error ?? endOthers.error;

  return (
    <section className="account-panel" aria-labelledby="my-sessions-title">
      <div className="section-head">
        <h2 id="my-sessions-title">Where you are signed in</h2>
        <button
          type="button"
          className="button"
          disabled={others === 0 || endOthers.isPending}
          onClick={() => endOthers.mutate()}
        >
          {endOthers.isPending ? 'Ending…' : 'End all other sessions'}
        </button>
      </div>
      <p role="status" className={notice ? 'notice notice-good' : 'visually-hidden'}>
        {notice ?? ''}
      </p>
      <FormAlert message={failure ? failure.message : null} />
      {sessions.isPending ? <p className="muted">Loading sessions…</p> : null}
      {sessions.isError ? <LoadError error={sessions.error} retry={() => void sessions.refetch()} /> : null}
      {sessions.data ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Your sessions</caption>
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">Address</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((s) => (
                <tr key={s.id}>
                  <td>
                    <span id={`session-${s.id}`}>{deviceOf(s.userAgent)}</span>
                    {s.current ? <span className="tag">this one</span> : null}
                  </td>
                  <td className="mono">{s.ip ?? '—'}</td>
                  <td>{formatInstant(s.createdAt)}</td>
                  <td>{s.lastSeenAt ? formatInstant(s.lastSeenAt) : '—'}</td>
                  <td className="actions">
                    {s.current ? null : (
                      <button
                        type="button"
                        className="button button-small"
                        aria-describedby={`session-${s.id}`}
                        disabled={endOne.isPending}
                        onClick={() => endOne.mutate(s)}
                      >
                        End session
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted table-count">{plural(sessions.data.length, 'session')}</p>
        </div>
      ) : null}
    </section>
  );
}
