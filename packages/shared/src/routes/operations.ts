import { z } from 'zod';
import { AuditLogPageSchema, AuditLogQuerySchema } from '../accounts.ts';
import {
  ConsistencyCheckParamsSchema,
  ConsistencyReportListSchema,
  ConsistencyReportSchema,
  RunConsistencyCheckRequestSchema,
} from '../consistency.ts';
import {
  BackupListSchema,
  BackupParamsSchema,
  BackupSchema,
  CreateBackupRequestSchema,
  RestoreBackupResponseSchema,
} from '../operations.ts';
import { adminOnly, route } from './route.ts';

export const operationsRoutes = {
  // Backups and restore (operations/*). GET /metrics (Prometheus text, outside /api) is not listed here.
  createBackup: route({
    method: 'post',
    path: '/api/admin/backups',
    tag: 'operations',
    access: adminOnly,
    summary: 'Back up the five stores now, into one archive (extension, admins)',
    description:
      'One `.tar.gz` in the backup folder (`BACKUP_DIR`, default `<DATA_DIR>/backups`) with a manifest ' +
      '(sha256 of every file, migrations applied, row counts). SQLite: writes in all five stores pause ' +
      'together while they are copied, so the copy is one consistent moment (`pauseMs` says how long); ' +
      'searches keep answering. PostgreSQL: one snapshot transaction over the five schemas; nothing waits.',
    body: CreateBackupRequestSchema,
    bodyRequired: false,
    success: { status: 201, description: 'The backup written.', schema: BackupSchema },
    errors: ['forbidden', 'service_unavailable'],
    idempotencyKey: 'optional',
  }),
  listBackups: route({
    method: 'get',
    path: '/api/admin/backups',
    tag: 'operations',
    access: adminOnly,
    summary: 'The backups in the backup folder, newest first (extension, admins)',
    success: { status: 200, description: 'Every archive in the backup folder.', schema: BackupListSchema },
    errors: ['forbidden'],
  }),
  downloadBackup: route({
    method: 'get',
    path: '/api/admin/backups/{backupId}/archive',
    tag: 'operations',
    access: adminOnly,
    summary: 'Download a backup archive (extension, admins)',
    description: 'An id that is not one of the backup folder’s archives is 404, whatever it contains.',
    params: BackupParamsSchema,
    invalidParams: 'not_found',
    success: {
      status: 200,
      description: 'The archive, as an attachment.',
      mediaType: 'application/gzip',
      schema: z.string().meta({ description: 'A gzip-compressed tar archive.', format: 'binary' }),
    },
    errors: ['forbidden', 'not_found'],
  }),
  restoreBackup: route({
    method: 'post',
    path: '/api/admin/backups/{backupId}/restore',
    tag: 'operations',
    access: adminOnly,
    summary: 'Restore a backup: the server restarts on it (extension, admins)',
    description:
      'Checked first (manifest, dialect, migrations this server knows; else 409). Then the server stops ' +
      'serving, backs up the current data (`pre-restore`), restores the archive, migrates it to this ' +
      'version and starts again on the same port: clients see a short outage. If the restore fails, the ' +
      'server starts again on the data it had, and logs why.',
    params: BackupParamsSchema,
    invalidParams: 'not_found',
    bodyRequired: false,
    success: {
      status: 202,
      description: 'Accepted: the server restarts on the backup.',
      schema: RestoreBackupResponseSchema,
    },
    errors: ['forbidden', 'not_found', 'invalid_transition', 'service_unavailable'],
    idempotencyKey: 'optional',
  }),
  // The consistency checker (services/consistency.ts).
  runConsistencyCheck: route({
    method: 'post',
    path: '/api/admin/consistency-checks',
    tag: 'operations',
    access: adminOnly,
    summary: 'Run the consistency checker now (extension, admins)',
    description:
      'Checks the five stores against each other: inventory counters against holds and seats, sold ' +
      'items against captured payments and refunds, captured payments against what they paid for, trip ' +
      'items against their holds, holds past their expiry. With `repair: true` it also repairs what is ' +
      'safe (a drifted counter recounted from its holds, a hold released, the sweeper or the reconciler ' +
      'run); money is only reported. Answers when the run is done, with its report, which is kept.',
    body: RunConsistencyCheckRequestSchema,
    bodyRequired: false,
    success: { status: 201, description: 'The report of the run.', schema: ConsistencyReportSchema },
    errors: ['forbidden'],
    idempotencyKey: 'optional',
  }),
  listConsistencyChecks: route({
    method: 'get',
    path: '/api/admin/consistency-checks',
    tag: 'operations',
    access: adminOnly,
    summary: 'The stored consistency reports, newest first (extension, admins)',
    description: 'The last hundred runs, by an admin or by the daily schedule, without their details.',
    success: { status: 200, description: 'The stored runs.', schema: ConsistencyReportListSchema },
    errors: ['forbidden'],
  }),
  getConsistencyCheck: route({
    method: 'get',
    path: '/api/admin/consistency-checks/{checkId}',
    tag: 'operations',
    access: adminOnly,
    summary: 'One consistency report (extension, admins)',
    params: ConsistencyCheckParamsSchema,
    success: { status: 200, description: 'The report.', schema: ConsistencyReportSchema },
    errors: ['forbidden', 'not_found'],
  }),
  // The audit log (audit/audit-log.ts).
  listAuditLog: route({
    method: 'get',
    path: '/api/admin/audit-log',
    tag: 'operations',
    access: adminOnly,
    summary: 'Search the audit log of admin actions, newest first (extension, admins)',
    description:
      'Every admin action on users, inventory, backups, restores and consistency repairs: who, when, what, ' +
      'and the changed fields before → after. Passwords and tokens are never recorded.',
    query: AuditLogQuerySchema,
    success: {
      status: 200,
      description: 'A page of entries and how many match.',
      schema: AuditLogPageSchema,
    },
    errors: ['forbidden'],
  }),
} as const;
