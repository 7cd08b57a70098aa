import type { Knex } from 'knex';
import type { Migration } from '../../migrations.ts';

export const createUsers: Migration = {
  name: '20261121090000_create_users',
  async up(knex: Knex) {
    await knex.schema.createTable('users', (t) => {
      t.string('id', 40).primary();
      // Stored lower-cased; unique so two admins cannot race to create the same login.
      t.string('email', 254).notNullable().unique();
      t.string('name', 200).notNullable();
      t.string('role', 20).notNullable();
      t.string('hotel_id', 40).nullable();
      t.string('password_hash', 200).notNullable();
      t.boolean('disabled').notNullable().defaultTo(false);
      // Instants are ISO 8601 UTC text on both SQLite and PostgreSQL, so they compare as strings alike.
      t.string('created_at', 32).notNullable();
      t.string('updated_at', 32).notNullable();
      t.check("role in ('admin', 'agent', 'frontdesk')", [], 'users_role_check');
      t.check("role <> 'frontdesk' or hotel_id is not null", [], 'users_frontdesk_hotel_check');
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('users');
  },
};
