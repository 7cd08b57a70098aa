import { Router } from 'express';
import { BackupParamsSchema, CreateBackupRequestSchema, type BackupList } from '@tripdesk/shared';
import { notFound } from '../../errors.ts';
import type { BackupService } from '../../operations/service.ts';
import { requireRole } from '../auth.ts';
import { parse } from '../validate.ts';

/** Backups and restore (extension of API.md): admins only. */
export function backupRoutes(backups: BackupService): Router {
  const r = Router();
  r.use('/api/admin/backups', requireRole('admin'));
  r.post('/api/admin/backups', async (req, res) => {
    const { reason } = parse(CreateBackupRequestSchema, req.body ?? {}, 'body');
    res.status(201).json(await backups.create(reason));
  });
  r.get('/api/admin/backups', async (_req, res) => {
    const list: BackupList = { items: await backups.list() };
    res.json(list);
  });
  r.get('/api/admin/backups/:backupId/archive', async (req, res) => {
    const { path, backup } = await backups.archive(backupId(req.params));
    res.setHeader('Content-Type', 'application/gzip');
    res.setHeader('Content-Disposition', `attachment; filename="${backup.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    await new Promise<void>((resolve, reject) => {
      res.sendFile(path, { headers: { 'Content-Type': 'application/gzip' } }, (err) =>
        err ? reject(err) : resolve(),
      );
    });
  });
  r.post('/api/admin/backups/:backupId/restore', async (req, res) => {
    const { body, start } = await backups.prepareRestore(backupId(req.params));
    res.once('close', start);
    res.status(202).json(body);
  });
  return r;
}

/** A malformed id is no backup of ours: 404, like an unknown one (and never a path). */
function backupId(params: unknown): string {
  const parsed = BackupParamsSchema.safeParse(params);
  if (!parsed.success) throw notFound('Backup');
  return parsed.data.backupId;
}
