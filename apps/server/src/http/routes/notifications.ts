import type { NotificationsService } from '../../notifications/notifications-service.ts';
import type { Handlers } from '../mount.ts';

/** The signed-in user's in-app notifications (extension; every role, own notifications only). */
export function notificationHandlers(notifications: NotificationsService) {
  return {
    listNotifications: ({ user, query }) => notifications.list(user, query),
    markAllNotificationsRead: ({ user }) => notifications.markAllRead(user),
    markNotificationRead: ({ user, params }) => notifications.markRead(user, params.notificationId),
  } satisfies Handlers<'listNotifications' | 'markAllNotificationsRead' | 'markNotificationRead'>;
}
