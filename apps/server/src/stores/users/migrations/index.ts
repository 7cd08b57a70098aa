import type { Migration } from '../../migrations.ts';
import { createUsers } from './20261121090000_create_users.ts';
import { createSessions } from './20261121090100_create_sessions.ts';
import { createIdempotencyKeys } from './20261121100000_create_idempotency_keys.ts';
import { createNotifications } from './20261122100000_create_notifications.ts';

export const migrations: readonly Migration[] = [
  createUsers,
  createSessions,
  createIdempotencyKeys,
  createNotifications,
];
