import type { AuditLog } from '../../audit/audit-log.ts';
import type { Handlers } from '../mount.ts';

/** The audit log (extension): admins search it (the route table). */
export function auditHandlers(log: AuditLog) {
  return {
    listAuditLog: ({ query }) => log.search(query),
  } satisfies Handlers<'listAuditLog'>;
}
