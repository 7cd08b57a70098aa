import { Router } from 'express';
import {
  ConsistencyCheckParamsSchema,
  RunConsistencyCheckRequestSchema,
  type ConsistencyReportList,
} from '@tripdesk/shared';
import type { ConsistencyChecker } from '../../consistency/checker.ts';
import { requireRole } from '../auth.ts';
import { parse } from '../validate.ts';

/** The consistency checker (extension): admins run it and read its reports. */
export function consistencyRoutes(checker: ConsistencyChecker): Router {
  const r = Router();
  r.use('/api/admin/consistency-checks', requireRole('admin'));
  r.post('/api/admin/consistency-checks', async (req, res) => {
    // The body may be left out: a check without repairs.
    const { repair } = parse(RunConsistencyCheckRequestSchema, req.body ?? {}, 'body');
    const report = await checker.run({ repair, trigger: 'admin' });
    res.status(201).location(`/api/admin/consistency-checks/${report.id}`).json(report);
  });
  r.get('/api/admin/consistency-checks', async (_req, res) => {
    const list: ConsistencyReportList = { items: await checker.list() };
    res.json(list);
  });
  r.get('/api/admin/consistency-checks/:checkId', async (req, res) => {
    const { checkId } = parse(ConsistencyCheckParamsSchema, req.params, 'params');
    res.json(await checker.get(checkId));
  });
  return r;
}
