import { z } from 'zod';
import { CalendarDateSchema, InstantSchema } from './dates.ts';
import { IdSchema, PasswordSchema, UserSchema } from './users.ts';

// ---------------------------------------------------------------------------------------------
// Your own account (extension): your password, your sessions

/** `POST /api/me/password`: the current password first, then the new one (the policy of user creation). */
export const ChangePasswordRequestSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.').max(256),
    newPassword: PasswordSchema,
  })
  .meta({ id: 'ChangePasswordRequest' });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

/** `POST /api/users/{userId}/password-reset`; the body may be left out: the server then makes one up. */
export const PasswordResetRequestSchema = z
  .object({
    temporaryPassword: PasswordSchema.optional().meta({
      description: 'The temporary password to give; left out, the server generates one and answers it once.',
    }),
  })
  .prefault({})
  .meta({ id: 'PasswordResetRequest' });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequestSchema>;

export const PasswordResetResponseSchema = z
  .object({
    user: UserSchema,
    temporaryPassword: z.string().optional().meta({
      description: 'The generated temporary password, shown this once; absent when the admin chose it.',
    }),
  })
  .meta({ id: 'PasswordResetResponse' });
export type PasswordResetResponse = z.infer<typeof PasswordResetResponseSchema>;

/** One signed-in session of the caller; never its token. */
export const SessionSchema = z
  .object({
    id: IdSchema,
    createdAt: InstantSchema,
    lastSeenAt: InstantSchema.optional().meta({ description: 'When the session last made a request.' }),
    expiresAt: InstantSchema,
    userAgent: z.string().optional(),
    ip: z.string().optional(),
    current: z.boolean().meta({ description: 'True for the session this request was made with.' }),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof SessionSchema>;

export const SessionListSchema = z.object({ items: z.array(SessionSchema) }).meta({ id: 'SessionList' });
export type SessionList = z.infer<typeof SessionListSchema>;

export const SessionParamsSchema = z.object({ sessionId: IdSchema });
export type SessionParams = z.infer<typeof SessionParamsSchema>;

export const EndedSessionsSchema = z
  .object({ ended: z.int().nonnegative().meta({ description: 'How many sessions ended.' }) })
  .meta({ id: 'EndedSessions' });
export type EndedSessions = z.infer<typeof EndedSessionsSchema>;

// ---------------------------------------------------------------------------------------------
// The audit log (extension): every admin action, who, when, what, before → after

export const AUDIT_TARGET_TYPES = [
  'user',
  'hotel',
  'room_type',
  'airport',
  'flight',
  'flight_schedule',
  'car_location',
  'car',
  'backup',
  'consistency_check',
] as const;
export const AuditTargetTypeSchema = z.enum(AUDIT_TARGET_TYPES);
export type AuditTargetType = z.infer<typeof AuditTargetTypeSchema>;

/** A JSON object of the fields of a thing, as they were or became; secrets are never in it. */
const FieldsSchema = z.record(z.string(), z.unknown());

export const AuditEntrySchema = z
  .object({
    id: IdSchema,
    at: InstantSchema,
    actor: z.object({ id: IdSchema, name: z.string() }),
    action: z.string().meta({ description: 'What was done, e.g. `user.password_reset`, `hotel.create`.' }),
    targetType: AuditTargetTypeSchema,
    targetId: z.string().optional(),
    summary: z.string().meta({ description: 'The action in words.' }),
    before: FieldsSchema.nullable().meta({
      description: 'The changed fields as they were; null for a creation.',
    }),
    after: FieldsSchema.nullable().meta({
      description: 'The changed fields as they became; null for a removal.',
    }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Most entries one page of the audit log gives. */
export const AUDIT_PAGE_MAX = 200;

const optionalParam = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** `GET /api/admin/audit-log`: every filter narrows; newest first. */
export const AuditLogQuerySchema = z
  .object({
    q: optionalParam(z.string().trim().max(200)).meta({
      description: 'Part of the summary, the action, the target id or the actor’s name (any letter case).',
    }),
    actor: optionalParam(IdSchema).meta({ description: 'Only what this user (id) did.' }),
    action: optionalParam(z.string().trim().max(60)).meta({
      description: 'Only this action (`user.update`), or every action on a kind with its prefix (`user.`).',
    }),
    targetType: optionalParam(AuditTargetTypeSchema),
    from: optionalParam(CalendarDateSchema).meta({ description: 'From this date (UTC) on.' }),
    to: optionalParam(CalendarDateSchema).meta({ description: 'Up to this date (UTC), inclusive.' }),
    limit: optionalParam(z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX)).meta({
      description: `Entries per page (default 50, at most ${AUDIT_PAGE_MAX}).`,
    }),
    offset: optionalParam(z.coerce.number().int().min(0).max(1_000_000)).meta({
      description: 'Entries to skip (paging).',
    }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' })
  .meta({ id: 'AuditLogQuery' });
export type AuditLogQuery = z.infer<typeof AuditLogQuerySchema>;

export const AuditLogPageSchema = z
  .object({
    items: z.array(AuditEntrySchema),
    total: z.int().nonnegative().meta({ description: 'Matching entries before paging.' }),
  })
  .meta({ id: 'AuditLogPage' });
export type AuditLogPage = z.infer<typeof AuditLogPageSchema>;
