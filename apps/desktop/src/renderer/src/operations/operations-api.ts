import {
  BackupListSchema,
  BackupSchema,
  ConsistencyReportListSchema,
  ConsistencyReportSchema,
  RestoreBackupResponseSchema,
  type Backup,
  type ConsistencyReport,
  type ConsistencyReportSummary,
  type RestoreBackupResponse,
} from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { api } from '../api/client.ts';
import { saveDownload } from '../api/save-download.ts';
import { newIdempotencyKey } from '../api/idempotency-key.ts';

/**
 * What went wrong, for an operation the server refused: its own words (a restore refused because the
 * backup is from a newer version says so), or the client's when no answer came.
 */
export function reasonOf(error: ApiError): string {
  return error.status > 0 && error.status < 500 && error.detail ? error.detail : error.message;
}

/** The admin's operations calls (extension of API.md): backups and restore, the consistency checker. */

export const operationsKeys = {
  backups: ['operations', 'backups'] as const,
  checks: ['operations', 'consistency-checks'] as const,
  check: (id: string) => ['operations', 'consistency-checks', id] as const,
};

export async function fetchBackups(): Promise<Backup[]> {
  return BackupListSchema.parse((await api.get('/api/admin/backups')).data).items;
}

/** Takes a backup now; the answer comes when the archive is written. */
export async function takeBackup(): Promise<Backup> {
  const res = await api.post('/api/admin/backups', undefined, {
    headers: { 'Idempotency-Key': newIdempotencyKey() },
    // Copying the stores takes a while on a big install.
    timeout: 10 * 60_000,
  });
  return BackupSchema.parse(res.data);
}

/** Saves a backup archive to the user's downloads. */
export async function downloadBackup(backup: Backup): Promise<void> {
  const res = await api.get<Blob>(`/api/admin/backups/${encodeURIComponent(backup.id)}/archive`, {
    responseType: 'blob',
    headers: { Accept: 'application/gzip' },
    timeout: 10 * 60_000,
  });
  saveDownload(res.data, backup.fileName);
}

export async function restoreBackup(id: string): Promise<RestoreBackupResponse> {
  const res = await api.post(`/api/admin/backups/${encodeURIComponent(id)}/restore`, undefined, {
    headers: { 'Idempotency-Key': newIdempotencyKey() },
  });
  return RestoreBackupResponseSchema.parse(res.data);
}

/** Runs the consistency checker now; the answer is its report, when every check is done. */
export async function runConsistencyCheck(repair: boolean): Promise<ConsistencyReport> {
  const res = await api.post(
    '/api/admin/consistency-checks',
    { repair },
    { headers: { 'Idempotency-Key': newIdempotencyKey() }, timeout: 10 * 60_000 },
  );
  return ConsistencyReportSchema.parse(res.data);
}

export async function fetchConsistencyChecks(): Promise<ConsistencyReportSummary[]> {
  return ConsistencyReportListSchema.parse((await api.get('/api/admin/consistency-checks')).data).items;
}

export async function fetchConsistencyCheck(id: string): Promise<ConsistencyReport> {
  return ConsistencyReportSchema.parse(
    (await api.get(`/api/admin/consistency-checks/${encodeURIComponent(id)}`)).data,
  );
}
