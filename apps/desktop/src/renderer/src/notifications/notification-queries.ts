export const notificationKeys = {
  all: ['notifications'] as const,
  list: ['notifications', 'list'] as const,
};

/** How many the panel shows: the newest; the unread count covers them all. */
export const PANEL_LIMIT = 50;
