import { randomBytes } from 'node:crypto';
import type { AuditEntry, AuditLogPage, AuditLogQuery, AuditTargetType } from '@tripdesk/shared';
import { addDays } from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { ID_RANDOM_BYTES, idFromBytes } from '../stores/ids.ts';
import type { AuditLogRepository, AuditRow } from '../stores/users/audit-log.ts';
import { isUniqueViolation } from '../stores/users/repository.ts';

export interface AuditActor {
  readonly id: string;
  readonly name: string;
}

export type Fields = Readonly<Record<string, unknown>>;

export interface AuditRecord {
  readonly actor: AuditActor;
  /** `<kind>.<verb>`: `user.update`, `hotel.create`, `backup.restore`. */
  readonly action: string;
  readonly targetType: AuditTargetType;
  readonly targetId?: string | undefined;
  readonly summary: string;
  /** The thing as it was (an update, a removal); null or absent for a creation. */
  readonly before?: Fields | null | undefined;
  /** The thing as it became (a creation, an update); null or absent for a removal. */
  readonly after?: Fields | null | undefined;
}

/** Keys whose text values are never written to the log, at any depth. */
const SECRET_KEY = /password|token|secret|hash|authorization|api[-_]?key|card/i;
export const REDACTED = '[redacted]';

/** The value with every secret replaced by `[redacted]`: passwords and tokens never reach the log. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        // Secrets are text: a flag such as `mustChangePassword` tells no secret and stays.
        SECRET_KEY.test(k) && (typeof v === 'string' || typeof v === 'number') ? REDACTED : redact(v),
      ]),
    );
  }
  return value;
}

/**
 * Of an update's before and after, only the fields that changed (a field only one side has counts).
 * A creation or a removal keeps its one side whole.
 */
export function changedFields(
  before: Fields | null | undefined,
  after: Fields | null | undefined,
): { before: Fields | null; after: Fields | null } {
  if (!before || !after) return { before: before ?? null, after: after ?? null };
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    if (key in before) b[key] = before[key];
    if (key in after) a[key] = after[key];
  }
  return { before: b, after: a };
}

const DEFAULT_PAGE = 50;

/**
 * The audit log of admin actions: who, when, what, the changed fields before → after. Written after the
 * action succeeded; a failure to write is logged and does not undo the action it describes.
 */
export class AuditLog {
  readonly #rows: AuditLogRepository;
  readonly #clock: Clock;
  readonly #logger: Logger | undefined;
  #sequence = 0;

  constructor(rows: AuditLogRepository, clock: Clock, logger?: Logger) {
    this.#rows = rows;
    this.#clock = clock;
    this.#logger = logger;
  }

  async record(entry: AuditRecord): Promise<void> {
    const at = this.#clock.now();
    // Compared before redacting, so a secret that changed still shows as changed (its value never does).
    const changed = changedFields(entry.before, entry.after);
    const before = changed.before && (redact(changed.before) as Fields);
    const after = changed.after && (redact(changed.after) as Fields);
    const row: Omit<AuditRow, 'id'> = {
      at: at.toISOString(),
      actor_id: entry.actor.id,
      actor_name: entry.actor.name.slice(0, 200),
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId?.slice(0, 200) ?? null,
      summary: entry.summary,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
    };
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#rows.insert({ id: this.#newId(at), ...row });
        return;
      } catch (err) {
        // Two instances in one millisecond with one sequence number: draw again.
        if (isUniqueViolation(err) && attempt < 3) continue;
        this.#logger?.error({ err, action: entry.action }, 'audit: could not record an admin action');
        return;
      }
    }
  }

  async search(query: AuditLogQuery): Promise<AuditLogPage> {
    const { rows, total } = await this.#rows.search({
      q: query.q,
      actorId: query.actor,
      action: query.action,
      targetType: query.targetType,
      from: query.from ? `${query.from}T00:00:00.000Z` : undefined,
      toExclusive: query.to ? `${addDays(query.to, 1)}T00:00:00.000Z` : undefined,
      limit: query.limit ?? DEFAULT_PAGE,
      offset: query.offset ?? 0,
    });
    return { items: rows.map(toEntry), total };
  }

  /**
   * Ids that sort as the entries were written: the millisecond, then this instance's sequence, then
   * randomness, so entries of one frozen-clock millisecond still list newest first.
   */
  #newId(at: Date): string {
    const bytes = Buffer.alloc(ID_RANDOM_BYTES);
    bytes.writeUIntBE(Math.max(0, at.getTime()), 0, 6);
    bytes.writeUInt16BE(this.#sequence++ & 0xffff, 6);
    randomBytes(2).copy(bytes, 8);
    return idFromBytes('aud', bytes);
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: { id: row.actor_id, name: row.actor_name },
    action: row.action,
    targetType: row.target_type as AuditTargetType,
    ...(row.target_id ? { targetId: row.target_id } : {}),
    summary: row.summary,
    before: row.before === null ? null : (JSON.parse(row.before) as Record<string, unknown>),
    after: row.after === null ? null : (JSON.parse(row.after) as Record<string, unknown>),
  };
}
