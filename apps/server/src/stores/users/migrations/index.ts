import type { Migration } from '../../migrations.ts';
import { createUsers } from './20261121090000_create_users.ts';
import { createSessions } from './20261121090100_create_sessions.ts';
import { createIdempotencyKeys } from './20261121100000_create_idempotency_keys.ts';
import { createNotifications } from './20261122100000_create_notifications.ts';
import { usersMustChangePassword } from './20261210100000_users_must_change_password.ts';
import { sessionsLastSeenAt } from './20261210100100_sessions_last_seen_at.ts';
import { createAuditLog } from './20261210100200_create_audit_log.ts';

export const migrations: readonly Migration[] = [
  createUsers,
  createSessions,
  createIdempotencyKeys,
  createNotifications,
  usersMustChangePassword,
  sessionsLastSeenAt,
  createAuditLog,
];
