import type { Knex } from 'knex';
import type { Migration } from '../../migrations.ts';

const ISO = "like '____-__-__T__:__:__.___Z'";

/**
 * The audit log: one row per admin action (who, when, what, the changed fields before → after, as JSON
 * text). The actor's name is copied in, so an entry still reads right after the user is renamed. No
 * foreign key to users: an entry outlives anything it names.
 */
export const createAuditLog: Migration = {
  name: '20261210100200_create_audit_log',
  async up(knex: Knex) {
    await knex.schema.createTable('audit_log', (t) => {
      t.string('id', 40).primary();
      t.string('at', 32).notNullable();
      t.string('actor_id', 40).notNullable();
      t.string('actor_name', 200).notNullable();
      t.string('action', 60).notNullable();
      t.string('target_type', 40).notNullable();
      t.string('target_id', 200).nullable();
      t.text('summary').notNullable();
      t.text('before').nullable();
      t.text('after').nullable();
      t.index(['at'], 'audit_log_at_index');
      t.index(['actor_id', 'at'], 'audit_log_actor_at_index');
      t.index(['target_type', 'at'], 'audit_log_target_type_at_index');
      t.check(`at ${ISO}`, {}, 'audit_log_at_iso');
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('audit_log');
  },
};
