import { z } from 'zod';
import { InstantSchema } from './dates.ts';
import { IdSchema } from './users.ts';

/**
 * Notifications (extension of API.md): what happened to a trip, told to the user who opened it in the
 * app, and to the trip's customer by email when the server has a mail server configured.
 */

/** What a notification is about; one per trip event that warrants telling someone. */
export const NOTIFICATION_KINDS = [
  'trip_confirmed',
  'hold_expiring',
  'hold_expired',
  'trip_cancelled',
  'item_cancelled',
  'refund_succeeded',
] as const;

export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS).meta({
  id: 'NotificationKind',
  description:
    'trip_confirmed (paid), hold_expiring (5 minutes before the payment deadline), hold_expired, ' +
    'trip_cancelled, item_cancelled (one item of a paid trip), refund_succeeded.',
});
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

/** One in-app notification of the signed-in user. */
export const NotificationSchema = z
  .object({
    id: IdSchema,
    kind: NotificationKindSchema,
    tripId: IdSchema,
    title: z.string(),
    body: z.string(),
    createdAt: InstantSchema,
    readAt: InstantSchema.nullable().meta({ description: 'When the user marked it read; null: unread.' }),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof NotificationSchema>;

/** `GET /api/notifications?unread=true&limit=50` */
export const NotificationListQuerySchema = z
  .object({
    unread: z
      .preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false']).optional())
      .transform((v) => v === 'true')
      .meta({ description: '`true`: unread notifications only.' }),
    limit: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number().int().min(1).max(200).default(50),
    ),
  })
  .meta({ id: 'NotificationListQuery' });
export type NotificationListQuery = z.infer<typeof NotificationListQuerySchema>;

/** `200` of `GET /api/notifications`: the caller's own, newest first, and how many are unread in all. */
export const NotificationListSchema = z
  .object({
    items: z.array(NotificationSchema),
    unread: z
      .int()
      .nonnegative()
      .meta({ description: 'Unread notifications of the user, however many listed.' }),
  })
  .meta({ id: 'NotificationList' });
export type NotificationList = z.infer<typeof NotificationListSchema>;

export const NotificationParamsSchema = z.object({ notificationId: IdSchema });
export type NotificationParams = z.infer<typeof NotificationParamsSchema>;

/** `200` of `POST /api/notifications/read-all`. */
export const ReadAllNotificationsResponseSchema = z
  .object({ updated: z.int().nonnegative().meta({ description: 'Notifications marked read now.' }) })
  .meta({ id: 'ReadAllNotificationsResponse' });
export type ReadAllNotificationsResponse = z.infer<typeof ReadAllNotificationsResponseSchema>;

/** The live event (`GET /api/events`, `event: notification.created`), sent only to that user's streams. */
export const NotificationCreatedEventSchema = z.object({
  type: z.literal('notification.created'),
  userId: IdSchema,
  notificationId: IdSchema,
  at: InstantSchema,
});
export type NotificationCreatedEvent = z.infer<typeof NotificationCreatedEventSchema>;
