import type { Knex } from 'knex';

export interface AuditRow {
  id: string;
  at: string;
  actor_id: string;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: string;
  /** JSON text of an object, or null. */
  before: string | null;
  after: string | null;
}

export interface AuditFilter {
  readonly q?: string | undefined;
  readonly actorId?: string | undefined;
  /** An action, or a prefix ending in `.` (every action on one kind). */
  readonly action?: string | undefined;
  readonly targetType?: string | undefined;
  /** Instants, `at >= from` and `at < toExclusive`. */
  readonly from?: string | undefined;
  readonly toExclusive?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** The audit log of admin actions; users store. Rows are only ever added. */
export class AuditLogRepository {
  readonly #knex: Knex;
  constructor(knex: Knex) {
    this.#knex = knex;
  }

  async insert(row: AuditRow): Promise<void> {
    await this.#knex<AuditRow>('audit_log').insert(row);
  }

  /** A page of the rows the filter matches, newest first (ties by id), and how many match. */
  async search(filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
    const like = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const where = (q: Knex.QueryBuilder) => {
      if (filter.actorId) q.where('actor_id', filter.actorId);
      if (filter.action) {
        if (filter.action.endsWith('.'))
          q.whereRaw("action like ? escape '\\'", [`${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]);
        else q.where('action', filter.action);
      }
      if (filter.targetType) q.where('target_type', filter.targetType);
      if (filter.from) q.where('at', '>=', filter.from);
      if (filter.toExclusive) q.where('at', '<', filter.toExclusive);
      if (filter.q) {
        const pattern = like(filter.q);
        q.where((w) => {
          w.whereRaw("lower(summary) like ? escape '\\'", [pattern])
            .orWhereRaw("lower(action) like ? escape '\\'", [pattern])
            .orWhereRaw("lower(coalesce(target_id, '')) like ? escape '\\'", [pattern])
            .orWhereRaw("lower(actor_name) like ? escape '\\'", [pattern]);
        });
      }
      return q;
    };
    const rows = await where(this.#knex<AuditRow>('audit_log').select('*'))
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit)
      .offset(filter.offset);
    const count = await where(this.#knex('audit_log').count<{ n: number | string }[]>({ n: '*' })).first();
    return { rows: rows as AuditRow[], total: Number(count?.n ?? 0) };
  }
}
