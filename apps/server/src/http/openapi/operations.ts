import { z } from 'zod';
import {
  ConsistencyCheckParamsSchema,
  ConsistencyReportListSchema,
  ConsistencyReportSchema,
  RunConsistencyCheckRequestSchema,
  BackupListSchema,
  BackupParamsSchema,
  BackupSchema,
  CreateBackupRequestSchema,
  RestoreBackupResponseSchema,
} from '@tripdesk/shared';
import type { OperationRoutes } from '../openapi.ts';

/** Backups, restore and the consistency checker (extension of API.md): their paths in the OpenAPI document. */
export const operationsOperations: OperationRoutes = {
  // Backups and restore (operations/*). GET /metrics (Prometheus text, outside /api) is not listed here.
  '/api/admin/backups': {
    post: {
      operationId: 'createBackup',
      tag: 'operations',
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
    },
    get: {
      operationId: 'listBackups',
      tag: 'operations',
      summary: 'The backups in the backup folder, newest first (extension, admins)',
      success: { status: 200, description: 'Every archive in the backup folder.', schema: BackupListSchema },
      errors: ['forbidden'],
    },
  },
  '/api/admin/backups/{backupId}/archive': {
    get: {
      operationId: 'downloadBackup',
      tag: 'operations',
      summary: 'Download a backup archive (extension, admins)',
      description: 'An id that is not one of the backup folder’s archives is 404, whatever it contains.',
      path: BackupParamsSchema,
      success: {
        status: 200,
        description: 'The archive, as an attachment.',
        mediaType: 'application/gzip',
        schema: z.string().meta({ description: 'A gzip-compressed tar archive.', format: 'binary' }),
      },
      errors: ['forbidden', 'not_found'],
    },
  },
  '/api/admin/backups/{backupId}/restore': {
    post: {
      operationId: 'restoreBackup',
      tag: 'operations',
      summary: 'Restore a backup: the server restarts on it (extension, admins)',
      description:
        'Checked first (manifest, dialect, migrations this server knows; else 409). Then the server stops ' +
        'serving, backs up the current data (`pre-restore`), restores the archive, migrates it to this ' +
        'version and starts again on the same port: clients see a short outage. If the restore fails, the ' +
        'server starts again on the data it had, and logs why.',
      path: BackupParamsSchema,
      bodyRequired: false,
      success: {
        status: 202,
        description: 'Accepted: the server restarts on the backup.',
        schema: RestoreBackupResponseSchema,
      },
      errors: ['forbidden', 'not_found', 'invalid_transition', 'service_unavailable'],
      idempotencyKey: 'optional',
    },
  },
  // The consistency checker (services/consistency.ts).
  '/api/admin/consistency-checks': {
    post: {
      operationId: 'runConsistencyCheck',
      tag: 'operations',
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
    },
    get: {
      operationId: 'listConsistencyChecks',
      tag: 'operations',
      summary: 'The stored consistency reports, newest first (extension, admins)',
      description: 'The last hundred runs, by an admin or by the daily schedule, without their details.',
      success: { status: 200, description: 'The stored runs.', schema: ConsistencyReportListSchema },
      errors: ['forbidden'],
    },
  },
  '/api/admin/consistency-checks/{checkId}': {
    get: {
      operationId: 'getConsistencyCheck',
      tag: 'operations',
      summary: 'One consistency report (extension, admins)',
      path: ConsistencyCheckParamsSchema,
      success: { status: 200, description: 'The report.', schema: ConsistencyReportSchema },
      errors: ['forbidden', 'not_found'],
    },
  },
};
