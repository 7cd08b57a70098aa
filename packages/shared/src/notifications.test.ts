import { describe, expect, it } from 'vitest';
import {
  NotificationCreatedEventSchema,
  NotificationListQuerySchema,
  NotificationListSchema,
} from './notifications.ts';

describe('notifications', () => {
  it('lists 50 of all by default; unread=true narrows, limit is 1 to 200', () => {
    expect(NotificationListQuerySchema.parse({})).toEqual({ unread: false, limit: 50 });
    expect(NotificationListQuerySchema.parse({ unread: 'true', limit: '10' })).toEqual({
      unread: true,
      limit: 10,
    });
    expect(NotificationListQuerySchema.parse({ unread: '', limit: '' })).toEqual({
      unread: false,
      limit: 50,
    });
    expect(NotificationListQuerySchema.safeParse({ unread: 'yes' }).error?.issues[0]?.path).toEqual([
      'unread',
    ]);
    expect(NotificationListQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(NotificationListQuerySchema.safeParse({ limit: '201' }).success).toBe(false);
  });

  it('describes a list with its unread count and refuses an unknown kind', () => {
    const n = {
      id: 'ntf_1',
      kind: 'trip_confirmed',
      tripId: 'trp_1',
      title: 'Trip confirmed',
      body: 'Paid.',
      createdAt: '2026-11-22T10:00:00.000Z',
      readAt: null,
    };
    expect(NotificationListSchema.parse({ items: [n], unread: 1 })).toEqual({ items: [n], unread: 1 });
    expect(NotificationListSchema.safeParse({ items: [{ ...n, kind: 'spam' }], unread: 1 }).success).toBe(
      false,
    );
  });

  it('reads the live event', () => {
    const e = {
      type: 'notification.created',
      userId: 'usr_1',
      notificationId: 'ntf_1',
      at: '2026-11-22T10:00:00.000Z',
    };
    expect(NotificationCreatedEventSchema.parse(e)).toEqual(e);
  });
});
