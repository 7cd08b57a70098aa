import { z } from 'zod';

/**
 * Why a backup was taken: by an admin (or `npm run backup`), by the server before it migrates an existing
 * install, by a timer, or by the server just before it restores another backup over the current data.
 */
export const BackupReasonSchema = z.enum(['manual', 'pre-upgrade', 'scheduled', 'pre-restore']);
export type BackupReason = z.infer<typeof BackupReasonSchema>;

export const BackupDialectSchema = z.enum(['sqlite', 'pg']);
export type BackupDialect = z.infer<typeof BackupDialectSchema>;

/**
 * A backup's id: its archive's file name without `.tar.gz`, e.g. `tripdesk-20261122T101500Z-manual-k3x9q2`.
 * Strict on purpose: it names a file in the backup folder, so nothing else (no `/`, no `..`) may pass.
 */
export const BackupIdSchema = z
  .string()
  .regex(
    /^tripdesk-\d{8}T\d{6}Z-(?:manual|pre-upgrade|scheduled|pre-restore)-[a-z0-9]{6}$/,
    'not a backup id',
  )
  .meta({
    description: 'The archive file name without `.tar.gz`.',
    example: 'tripdesk-20261122T101500Z-manual-k3x9q2',
  });
export type BackupId = z.infer<typeof BackupIdSchema>;

export const BackupSchema = z
  .object({
    id: BackupIdSchema,
    fileName: z.string().meta({ description: 'The archive in the backup folder (`BACKUP_DIR`).' }),
    createdAt: z.iso.datetime({ offset: true }),
    sizeBytes: z.number().int().nonnegative(),
    dialect: BackupDialectSchema,
    reason: BackupReasonSchema,
    pauseMs: z.number().nonnegative().meta({
      description:
        'How long writes to the stores were paused to copy them at one consistent point (SQLite); 0 for PostgreSQL, where one snapshot transaction reads all stores and writes never wait.',
    }),
  })
  .meta({ id: 'Backup' });
export type Backup = z.infer<typeof BackupSchema>;

/** `POST /api/admin/backups` (body optional): `scheduled` marks backups taken by a timer (`npm run backup -- --scheduled`). */
export const CreateBackupRequestSchema = z
  .object({ reason: z.enum(['manual', 'scheduled']).default('manual') })
  .meta({ id: 'CreateBackupRequest' });
export type CreateBackupRequest = z.infer<typeof CreateBackupRequestSchema>;

export const BackupListSchema = z.object({ items: z.array(BackupSchema) }).meta({ id: 'BackupList' });
export type BackupList = z.infer<typeof BackupListSchema>;

/** Path of `/api/admin/backups/{backupId}/…`. */
export const BackupParamsSchema = z.object({ backupId: BackupIdSchema });
export type BackupParams = z.infer<typeof BackupParamsSchema>;

/** Answer to a restore: accepted; the server stops, restores, and comes back on the same port. */
export const RestoreBackupResponseSchema = z
  .object({
    restoring: z.literal(true),
    message: z.string(),
  })
  .meta({ id: 'RestoreBackupResponse' });
export type RestoreBackupResponse = z.infer<typeof RestoreBackupResponseSchema>;
