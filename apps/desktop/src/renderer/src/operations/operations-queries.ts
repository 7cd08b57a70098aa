import type { Backup } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { download } from '../api/call.ts';
import { saveDownload } from '../api/save-download.ts';

/**
 * What went wrong, for an operation the server refused: its own words (a restore refused because the
 * backup is from a newer version says so), or the client's when no answer came.
 */
export function reasonOf(error: ApiError): string {
  return error.status > 0 && error.status < 500 && error.detail ? error.detail : error.message;
}

/** Copying the stores, or checking them, takes a while on a big install. */
export const LONG_OPERATION_MS = 10 * 60_000;

/** Saves a backup archive to the user's downloads. */
export async function downloadBackup(backup: Backup): Promise<void> {
  const archive = await download('downloadBackup', 'application/gzip', {
    params: { backupId: backup.id },
    timeout: LONG_OPERATION_MS,
  });
  saveDownload(archive, backup.fileName);
}
