import {
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationParamsSchema,
  NotificationSchema,
  ReadAllNotificationsResponseSchema,
} from '@tripdesk/shared';
import type { OperationRoutes } from '../openapi.ts';

/** In-app notifications (extension of API.md): their paths in the OpenAPI document. */
export const notificationOperations: OperationRoutes = {
  '/api/notifications': {
    get: {
      operationId: 'listNotifications',
      tag: 'notifications',
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
    },
  },
  '/api/notifications/{notificationId}/read': {
    post: {
      operationId: 'markNotificationRead',
      tag: 'notifications',
      summary: 'Mark one of your notifications read (extension)',
      description:
        'Another user’s notification is 404, as one that does not exist. Marking twice keeps the first time.',
      path: NotificationParamsSchema,
      success: { status: 200, description: 'The notification, read.', schema: NotificationSchema },
      errors: ['not_found'],
      idempotencyKey: 'optional',
    },
  },
  '/api/notifications/read-all': {
    post: {
      operationId: 'markAllNotificationsRead',
      tag: 'notifications',
      summary: 'Mark all your notifications read (extension)',
      success: {
        status: 200,
        description: 'How many were unread and are read now.',
        schema: ReadAllNotificationsResponseSchema,
      },
      idempotencyKey: 'optional',
    },
  },
};
