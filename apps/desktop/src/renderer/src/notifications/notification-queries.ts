/** How many the panel shows: the newest; the unread count covers them all. */
export const PANEL_LIMIT = 50;
