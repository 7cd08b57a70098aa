import type { Migration } from '../../migrations.ts';

const ISO = "like '____-__-__T__:__:__.___Z'";

/**
 * The consistency checker's runs (services/consistency.ts), one row per run: written when it starts
 * (finished_at, ok and report null), completed when it ends, the report kept as JSON. `problems` and
 * `repaired` are the report's totals, so the list of runs reads no JSON. `seq` orders the runs; the
 * newest hundred are kept.
 */
export const migration: Migration = {
  name: '20261122400000_create_consistency_checks',
  async up(knex) {
    await knex.schema.createTable('consistency_checks', (t) => {
      // Runs in the order they started, also within one instant of the clock.
      t.increments('seq');
      t.string('id', 40).notNullable().unique({ indexName: 'consistency_checks_id_unique' });
      t.string('trigger', 10).notNullable();
      t.boolean('repair').notNullable();
      t.string('started_at', 32).notNullable();
      t.string('finished_at', 32).nullable();
      t.boolean('ok').nullable();
      t.integer('problems').nullable();
      t.integer('repaired').nullable();
      t.text('report').nullable();
      t.index(['trigger', 'started_at'], 'consistency_checks_trigger_started_at_index');
      t.check(`"trigger" in ('admin', 'schedule', 'start')`, {}, 'consistency_checks_trigger_known');
      t.check(
        '(finished_at is null) = (report is null) and (finished_at is null) = (ok is null)',
        {},
        'consistency_checks_finished_has_report',
      );
      t.check(`started_at ${ISO}`, {}, 'consistency_checks_started_at_iso');
      t.check(`finished_at is null or finished_at ${ISO}`, {}, 'consistency_checks_finished_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('consistency_checks');
  },
};
