import { useEffect, useId, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { Notification, NotificationList } from '@tripdesk/shared';
import { LoadError } from '../ui/LoadError.tsx';
import { useServerNow } from '../live/ticking-clock.ts';
import { PANEL_LIMIT } from './notification-queries.ts';
import { formatInstantInFull, relativeTime } from '../ui/formats.ts';
import { notificationKeys } from '../api/query-keys.ts';
import './notifications.css';
import { call } from '../api/call.ts';

/**
 * The header's notifications button: the unread count in its name and badge, and a panel of the
 * newest notifications (what happened to the trips this user opened). The list refreshes when the live
 * stream announces `notification.created` (live-events.ts). Escape or a click elsewhere closes the
 * panel and focus goes back to the button.
 */
export function NotificationsButton({ onShowTrip }: { onShowTrip: (tripId: string) => void }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const list = useQuery({
    queryKey: notificationKeys.list,
    queryFn: () => call('listNotifications', { query: { limit: PANEL_LIMIT } }),
  });
  const unread = list.data?.unread ?? 0;

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !wrapper.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className="notifications" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className="button button-small button-on-dark notifications-button"
        aria-label={`Notifications, ${unread} unread`}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => {
          if (open) close(false);
          else {
            setOpen(true);
            // What arrived while the stream was away is picked up on opening.
            void list.refetch();
          }
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16" className="notifications-bell">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 ? (
          <span className="notifications-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? <NotificationsPanel id={panelId} query={list} onShowTrip={onShowTrip} close={close} /> : null}
    </div>
  );
}

function NotificationsPanel({
  id,
  query,
  onShowTrip,
  close,
}: {
  id: string;
  query: UseQueryResult<NotificationList>;
  onShowTrip: (tripId: string) => void;
  close: (returnFocus: boolean) => void;
}) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const queryClient = useQueryClient();
  const now = useServerNow();
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });

  const markRead = useMutation({
    mutationFn: (notificationId: string) => call('markNotificationRead', { params: { notificationId } }),
    onSettled: refresh,
  });
  const markAll = useMutation({ mutationFn: () => call('markAllNotificationsRead'), onSettled: refresh });

  // Focus moves into the panel on opening, to its heading: the list below is read from there.
  useEffect(() => heading.current?.focus(), []);

  const items = query.data?.items ?? [];
  const unread = query.data?.unread ?? 0;
  const openTrip = (n: Notification) => {
    if (n.readAt === null) markRead.mutate(n.id);
    close(false);
    onShowTrip(n.tripId);
  };
  const error = markRead.error ?? markAll.error;

  return (
    <section id={id} className="notifications-panel" role="dialog" aria-labelledby={headingId}>
      <div className="notifications-head">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          Notifications
        </h2>
        <button
          type="button"
          className="button button-quiet button-small"
          disabled={unread === 0 || markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          Mark all read
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
      {query.isPending ? (
        <p className="notifications-empty">Loading…</p>
      ) : query.isError ? (
        <LoadError error={query.error} retry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <p className="notifications-empty">No notifications yet</p>
      ) : (
        <ul className="notifications-list" aria-labelledby={headingId}>
          {items.map((n) => (
            <li
              key={n.id}
              className={n.readAt === null ? 'notification notification-unread' : 'notification'}
            >
              <p className="notification-title">
                {n.readAt === null ? <span className="visually-hidden">Unread: </span> : null}
                {n.title}
              </p>
              <p className="notification-body">{n.body}</p>
              <div className="notification-foot">
                <time dateTime={n.createdAt} title={formatInstantInFull(n.createdAt)}>
                  {relativeTime(n.createdAt, now)}
                </time>
                <span className="notification-actions">
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Open trip ${n.tripId}`}
                    onClick={() => openTrip(n)}
                  >
                    Open trip
                  </button>
                  {n.readAt === null ? (
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      aria-label={`Mark “${n.title}” read`}
                      disabled={markRead.isPending && markRead.variables === n.id}
                      onClick={() => markRead.mutate(n.id)}
                    >
                      Mark read
                    </button>
                  ) : null}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
