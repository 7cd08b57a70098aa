import {
  NotificationListSchema,
  NotificationSchema,
  ReadAllNotificationsResponseSchema,
  type Notification,
  type NotificationList,
} from '@tripdesk/shared';
import { api } from '../api/client.ts';
import { parseAnswer } from '../trips/trips-api.ts';

/** The signed-in user's notifications over REST, each answer parsed by the shared schema. */

export const notificationKeys = {
  all: ['notifications'] as const,
  list: ['notifications', 'list'] as const,
};

/** How many the panel shows: the newest; the unread count covers them all. */
export const PANEL_LIMIT = 50;

export async function fetchNotifications(): Promise<NotificationList> {
  const res = await api.get('/api/notifications', { params: { limit: PANEL_LIMIT } });
  return parseAnswer(NotificationListSchema, res.data);
}

export async function markNotificationRead(id: string): Promise<Notification> {
  const res = await api.post(`/api/notifications/${encodeURIComponent(id)}/read`);
  return parseAnswer(NotificationSchema, res.data);
}

export async function markAllNotificationsRead(): Promise<number> {
  const res = await api.post('/api/notifications/read-all');
  return parseAnswer(ReadAllNotificationsResponseSchema, res.data).updated;
}
