import type { ConsistencyChecker } from '../../consistency/checker.ts';
import type { Handlers } from '../mount.ts';

/** The consistency checker (extension): admins run it and read its reports (the route table). */
export function consistencyHandlers(checker: ConsistencyChecker) {
  return {
    runConsistencyCheck: async ({ body, res }) => {
      const report = await checker.run({ repair: body.repair, trigger: 'admin' });
      res.location(`/api/admin/consistency-checks/${report.id}`);
      return report;
    },
    listConsistencyChecks: async () => ({ items: await checker.list() }),
    getConsistencyCheck: ({ params }) => checker.get(params.checkId),
  } satisfies Handlers<'runConsistencyCheck' | 'listConsistencyChecks' | 'getConsistencyCheck'>;
}
