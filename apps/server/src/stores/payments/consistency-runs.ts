import type { Knex } from 'knex';
import { asInt, dialectOf } from '../knex.ts';
import { inTransaction } from '../transactions.ts';

/** A stored run of the checker. */
export interface ConsistencyRunRow {
  readonly id: string;
  readonly trigger: 'admin' | 'schedule' | 'start';
  readonly repair: boolean;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly ok: boolean | null;
  readonly problems: number | null;
  readonly repaired: number | null;
  /** The report, parsed JSON; null while the run is not finished. */
  readonly report: unknown;
}

export interface NewConsistencyRun {
  readonly id: string;
  readonly trigger: 'admin' | 'schedule' | 'start';
  readonly repair: boolean;
  readonly startedAt: string;
}

/** Any constant: the advisory lock that makes one instance claim a scheduled run at a time (PostgreSQL). */
const SCHEDULE_LOCK = 2026112240;

const toRun = (r: Record<string, unknown>): ConsistencyRunRow => ({
  id: String(r.id),
  trigger: r.trigger as 'admin' | 'schedule' | 'start',
  repair: Boolean(r.repair),
  startedAt: String(r.started_at),
  finishedAt: r.finished_at === null ? null : String(r.finished_at),
  ok: r.ok === null ? null : Boolean(r.ok),
  problems: r.problems === null ? null : asInt(r.problems),
  repaired: r.repaired === null ? null : asInt(r.repaired),
  report: r.report === null || r.report === undefined ? null : (JSON.parse(String(r.report)) as unknown),
});

/** The consistency checker's stored runs and their reports: the only code touching consistency_checks. */
export class ConsistencyRunsRepository {
  readonly #writer: Knex;
  readonly #reader: Knex;

  constructor(writer: Knex, reader: Knex) {
    this.#writer = writer;
    this.#reader = reader;
  }

  async insertRun(run: NewConsistencyRun): Promise<void> {
    await this.#writer('consistency_checks').insert(runRow(run));
  }

  /**
   * Inserts a scheduled run unless one started after `notSince`: true when this caller claimed it. On
   * PostgreSQL an advisory lock makes the check and the insert one step across instances, so only one
   * instance runs each scheduled check.
   */
  async claimScheduledRun(run: NewConsistencyRun, notSince: string): Promise<boolean> {
    return inTransaction(this.#writer, async (trx) => {
      if (dialectOf(trx) === 'pg') await trx.raw('select pg_advisory_xact_lock(?::bigint)', [SCHEDULE_LOCK]);
      const recent = await trx('consistency_checks')
        .where({ trigger: 'schedule' })
        .where('started_at', '>', notSince)
        .first('id');
      if (recent) return false;
      await trx('consistency_checks').insert(runRow(run));
      return true;
    });
  }

  async finishRun(
    id: string,
    r: { finishedAt: string; ok: boolean; problems: number; repaired: number; report: unknown },
  ): Promise<void> {
    await this.#writer('consistency_checks')
      .where({ id })
      .update({
        finished_at: r.finishedAt,
        ok: r.ok,
        problems: r.problems,
        repaired: r.repaired,
        report: JSON.stringify(r.report),
      });
  }

  /** Keeps the newest `keep` runs, deletes the others. */
  async pruneRuns(keep: number): Promise<number> {
    const cutoff = (await this.#writer('consistency_checks')
      .select('seq')
      .orderBy('seq', 'desc')
      .offset(keep)
      .first()) as { seq: unknown } | undefined;
    if (!cutoff) return 0;
    return this.#writer('consistency_checks').where('seq', '<=', asInt(cutoff.seq)).del();
  }

  /** Finished runs, newest first, at most `limit`, without their reports. */
  async listRuns(limit: number): Promise<ConsistencyRunRow[]> {
    const rows = (await this.#reader('consistency_checks')
      .select('id', 'trigger', 'repair', 'started_at', 'finished_at', 'ok', 'problems', 'repaired')
      .whereNotNull('finished_at')
      .orderBy('seq', 'desc')
      .limit(limit)) as Record<string, unknown>[];
    return rows.map((r) => toRun({ ...r, report: null }));
  }

  async findRun(id: string): Promise<ConsistencyRunRow | undefined> {
    const row = (await this.#writer('consistency_checks').where({ id }).first()) as
      Record<string, unknown> | undefined;
    return row && toRun(row);
  }

  /** When the newest run started (of `trigger`, or any); undefined when none is stored. */
  async lastStartedAt(trigger?: 'admin' | 'schedule' | 'start'): Promise<string | undefined> {
    const q = this.#reader('consistency_checks').max({ at: 'started_at' });
    if (trigger) q.where({ trigger });
    const row = (await q.first()) as { at: string | null } | undefined;
    return row?.at ?? undefined;
  }
}

function runRow(run: NewConsistencyRun): Record<string, unknown> {
  return {
    id: run.id,
    trigger: run.trigger,
    repair: run.repair,
    started_at: run.startedAt,
    finished_at: null,
    ok: null,
    problems: null,
    repaired: null,
    report: null,
  };
}
