import type { Notification, NotificationList, NotificationListQuery, User } from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import { notFound } from '../errors.ts';
import type { Stores } from '../stores/index.ts';
import type { NotificationRow } from '../stores/users/notifications.ts';

/** A user's own in-app notifications: list, mark one read, mark all read. Nobody sees another's. */
export class NotificationsService {
  readonly #stores: Pick<Stores, 'notifications'>;
  readonly #clock: Clock;

  constructor(stores: Pick<Stores, 'notifications'>, clock: Clock) {
    this.#stores = stores;
    this.#clock = clock;
  }

  async list(user: User, query: NotificationListQuery): Promise<NotificationList> {
    const rows = await this.#stores.notifications.list(user.id, {
      unreadOnly: query.unread,
      limit: query.limit,
    });
    return { items: rows.map(toNotification), unread: await this.#stores.notifications.countUnread(user.id) };
  }

  /** 404 for a notification of someone else, as for one that does not exist. */
  async markRead(user: User, notificationId: string): Promise<Notification> {
    const row = await this.#stores.notifications.markRead(user.id, notificationId, this.#now());
    if (!row) throw notFound('Notification');
    return toNotification(row);
  }

  async markAllRead(user: User): Promise<{ updated: number }> {
    return { updated: await this.#stores.notifications.markAllRead(user.id, this.#now()) };
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }
}

function toNotification(r: NotificationRow): Notification {
  return {
    id: r.id,
    kind: r.kind,
    tripId: r.trip_id,
    title: r.title,
    body: r.body,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}
