import { describe, expect, it } from 'vitest';
import { apiRoutes, type RouteSpec } from '@tripdesk/shared';
import type { AuditedServices } from './audited-actions.ts';
import { auditSpecs } from './audited-actions.ts';
import { changedFields, redact } from './audit-log.ts';

describe('the audit log', () => {
  it('has an entry for every admin-only write of the route table', () => {
    const specs = auditSpecs({} as AuditedServices);
    const adminWrites = (Object.entries(apiRoutes) as [string, RouteSpec][])
      .filter(
        ([, s]) =>
          s.method !== 'get' && s.access !== 'public' && s.access.length === 1 && s.access[0] === 'admin',
      )
      .map(([id]) => id);
    expect(adminWrites.length).toBeGreaterThan(10);
    expect(adminWrites.filter((id) => !(id in specs))).toEqual([]);
  });

  it('redacts secrets at any depth, and keeps flags that only name one', () => {
    expect(
      redact({
        name: 'Ann',
        password: 'hunter2-hunter2',
        nested: { token: 'tdk_abc', items: [{ secret: 's', ok: 1 }] },
        mustChangePassword: true,
      }),
    ).toEqual({
      name: 'Ann',
      password: '[redacted]',
      nested: { token: '[redacted]', items: [{ secret: '[redacted]', ok: 1 }] },
      mustChangePassword: true,
    });
  });

  it('keeps of an update only the fields that changed, and a creation or removal whole', () => {
    expect(changedFields({ a: 1, b: [1, 2], c: 'x' }, { a: 1, b: [1, 2, 3], d: true })).toEqual({
      before: { b: [1, 2], c: 'x' },
      after: { b: [1, 2, 3], d: true },
    });
    expect(changedFields(undefined, { a: 1 })).toEqual({ before: null, after: { a: 1 } });
    expect(changedFields({ a: 1 }, null)).toEqual({ before: { a: 1 }, after: null });
  });
});
