import type { BackupService } from '../../operations/service.ts';
import { responded, type Handlers } from '../mount.ts';

/** Backups and restore (extension of API.md): admins only (the route table). */
export function backupHandlers(backups: BackupService) {
  return {
    createBackup: ({ body }) => backups.create(body.reason),
    listBackups: async () => ({ items: await backups.list() }),
    downloadBackup: async ({ params, res }) => {
      const { path, backup } = await backups.archive(params.backupId);
      res.setHeader('Content-Type', 'application/gzip');
      res.setHeader('Content-Disposition', `attachment; filename="${backup.fileName}"`);
      res.setHeader('Cache-Control', 'no-store');
      await new Promise<void>((resolve, reject) => {
        res.sendFile(path, { headers: { 'Content-Type': 'application/gzip' } }, (err) =>
          err ? reject(err) : resolve(),
        );
      });
      return responded;
    },
    restoreBackup: async ({ params, res, user }) => {
      const { body, start } = await backups.prepareRestore(params.backupId, {
        actor: { id: user.id, name: user.name },
        backupId: params.backupId,
      });
      res.once('close', start);
      return body;
    },
  } satisfies Handlers<'createBackup' | 'listBackups' | 'downloadBackup' | 'restoreBackup'>;
}
