import { Router } from 'express';
import { NotificationListQuerySchema, NotificationParamsSchema } from '@tripdesk/shared';
import type { NotificationsService } from '../../notifications/notifications-service.ts';
import { currentUser } from '../auth.ts';
import { parse } from '../validate.ts';

/** The signed-in user's in-app notifications (extension; every role, own notifications only). */
export function notificationRoutes(notifications: NotificationsService): Router {
  const r = Router();
  r.get('/api/notifications', async (req, res) => {
    const query = parse(NotificationListQuerySchema, req.query, 'query');
    res.json(await notifications.list(currentUser(req), query));
  });
  r.post('/api/notifications/read-all', async (req, res) => {
    res.json(await notifications.markAllRead(currentUser(req)));
  });
  r.post('/api/notifications/:notificationId/read', async (req, res) => {
    const { notificationId } = parse(NotificationParamsSchema, req.params, 'params');
    res.json(await notifications.markRead(currentUser(req), notificationId));
  });
  return r;
}
