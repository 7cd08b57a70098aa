import type { Knex } from 'knex';
import type { Migration } from '../../migrations.ts';

export const createSessions: Migration = {
  name: '20261121090100_create_sessions',
  async up(knex: Knex) {
    await knex.schema.createTable('sessions', (t) => {
      // SHA-256 of the bearer token: a stolen database does not hand out working tokens.
      t.string('token_hash', 64).primary();
      t.string('user_id', 40).notNullable().references('id').inTable('users').onDelete('CASCADE');
      t.string('created_at', 32).notNullable();
      t.string('expires_at', 32).notNullable();
      t.string('revoked_at', 32).nullable();
      t.string('user_agent', 300).nullable();
      t.string('ip', 64).nullable();
      t.index(['user_id']);
      t.index(['expires_at']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('sessions');
  },
};
