import type { Knex } from 'knex';
import type { NotificationKind } from '@tripdesk/shared';
import { newId } from '../ids.ts';

export interface NotificationRow {
  readonly id: string;
  readonly user_id: string;
  readonly outbox_id: string;
  readonly kind: NotificationKind;
  readonly trip_id: string;
  readonly title: string;
  readonly body: string;
  readonly created_at: string;
  readonly read_at: string | null;
}

export interface NewNotification {
  readonly userId: string;
  readonly outboxId: string;
  readonly kind: NotificationKind;
  readonly tripId: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt: string;
}

/** The only code touching the users store's notifications: each user's in-app list. */
export class NotificationsRepository {
  readonly knex: Knex;

  constructor(knex: Knex) {
    this.knex = knex;
  }

  /**
   * Adds the notification of an outbox row, unless that row's notification is there already (a
   * redelivery): `created` says which, and either way the stored row comes back.
   */
  async insert(n: NewNotification): Promise<{ row: NotificationRow; created: boolean }> {
    const id = newId('ntf');
    await this.knex('notifications')
      .insert({
        id,
        user_id: n.userId,
        outbox_id: n.outboxId,
        kind: n.kind,
        trip_id: n.tripId,
        title: n.title,
        body: n.body,
        created_at: n.createdAt,
        read_at: null,
      })
      .onConflict('outbox_id')
      .ignore();
    const row = (await this.knex('notifications')
      .where({ outbox_id: n.outboxId })
      .first()) as NotificationRow;
    return { row, created: row.id === id };
  }

  /** The user's notifications, newest first, at most `limit`; unread ones only with `unreadOnly`. */
  async list(userId: string, opts: { unreadOnly: boolean; limit: number }): Promise<NotificationRow[]> {
    const q = this.knex('notifications')
      .where({ user_id: userId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(opts.limit);
    if (opts.unreadOnly) q.whereNull('read_at');
    return (await q) as NotificationRow[];
  }

  async countUnread(userId: string): Promise<number> {
    const row = (await this.knex('notifications')
      .where({ user_id: userId })
      .whereNull('read_at')
      .count({ n: '*' })
      .first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  /** Marks the user's notification read (kept as first read); undefined when the user has no such one. */
  async markRead(userId: string, id: string, at: string): Promise<NotificationRow | undefined> {
    await this.knex('notifications')
      .where({ id, user_id: userId })
      .whereNull('read_at')
      .update({ read_at: at });
    return (await this.knex('notifications').where({ id, user_id: userId }).first()) as
      NotificationRow | undefined;
  }

  /** Marks every unread notification of the user read; answers how many. */
  async markAllRead(userId: string, at: string): Promise<number> {
    return this.knex('notifications').where({ user_id: userId }).whereNull('read_at').update({ read_at: at });
  }
}
