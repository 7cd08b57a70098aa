import {
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationParamsSchema,
  NotificationSchema,
  ReadAllNotificationsResponseSchema,
} from '../notifications.ts';
import { signedIn, route } from './route.ts';

export const notificationRoutes = {
  listNotifications: route({
    method: 'get',
    path: '/api/notifications',
    tag: 'notifications',
    access: signedIn,
    summary: 'The signed-in user’s notifications, newest first (extension)',
    description:
      'Only the caller’s own: what happened to the trips they opened (paid, hold about to expire, ' +
      'expired, cancelled, refunded). `unread` counts every unread one, however many are listed. A new ' +
      'one is announced on `GET /api/events` as `notification.created`, to that user’s streams only.',
    query: NotificationListQuerySchema,
    success: {
      status: 200,
      description: 'The notifications and the unread count.',
      schema: NotificationListSchema,
    },
  }),
  markNotificationRead: route({
    method: 'post',
    path: '/api/notifications/{notificationId}/read',
    tag: 'notifications',
    access: signedIn,
    summary: 'Mark one of your notifications read (extension)',
    description:
      'Another user’s notification is 404, as one that does not exist. Marking twice keeps the first time.',
    params: NotificationParamsSchema,
    success: { status: 200, description: 'The notification, read.', schema: NotificationSchema },
    errors: ['not_found'],
    idempotencyKey: 'optional',
  }),
  markAllNotificationsRead: route({
    method: 'post',
    path: '/api/notifications/read-all',
    tag: 'notifications',
    access: signedIn,
    summary: 'Mark all your notifications read (extension)',
    success: {
      status: 200,
      description: 'How many were unread and are read now.',
      schema: ReadAllNotificationsResponseSchema,
    },
    idempotencyKey: 'optional',
  }),
} as const;
