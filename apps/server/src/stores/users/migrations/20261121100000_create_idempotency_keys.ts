import type { Knex } from 'knex';
import type { Migration } from '../../migrations.ts';

/**
 * Idempotency-Key records (API.md, "Idempotency"): one row per (user, method, path, key) holding the
 * request's fingerprint and, once done, the response to replay. The primary key is what makes a claim
 * atomic: two requests with one key race on the insert and exactly one wins.
 */
export const createIdempotencyKeys: Migration = {
  name: '20261121100000_create_idempotency_keys',
  async up(knex: Knex) {
    await knex.schema.createTable('idempotency_keys', (t) => {
      t.string('user_id', 40).notNullable().references('id').inTable('users').onDelete('CASCADE');
      t.string('method', 10).notNullable();
      t.string('path', 1024).notNullable();
      t.string('key', 255).notNullable();
      // SHA-256 hex of method, path, query and canonical body.
      t.string('fingerprint', 64).notNullable();
      t.string('state', 10).notNullable();
      // Random per claim, so a request whose lock lapsed and was taken over cannot overwrite the new owner.
      t.string('claim_id', 40).notNullable();
      t.integer('response_status').nullable();
      t.text('response_headers').nullable();
      t.text('response_body').nullable();
      t.string('created_at', 32).notNullable();
      t.string('locked_until', 32).nullable();
      t.string('expires_at', 32).notNullable();
      t.primary(['user_id', 'method', 'path', 'key'], 'idempotency_keys_pkey');
      t.index(['expires_at'], 'idempotency_keys_expires_at_index');
      t.check("state in ('in_flight', 'done')", {}, 'idempotency_keys_state_known');
      t.check("state <> 'in_flight' or locked_until is not null", {}, 'idempotency_keys_in_flight_locked');
      t.check(
        "state <> 'done' or (response_status is not null and response_body is not null)",
        {},
        'idempotency_keys_done_has_response',
      );
      t.check("created_at like '____-__-__T__:__:__.___Z'", {}, 'idempotency_keys_created_at_iso');
      t.check("expires_at like '____-__-__T__:__:__.___Z'", {}, 'idempotency_keys_expires_at_iso');
      t.check(
        "locked_until is null or locked_until like '____-__-__T__:__:__.___Z'",
        {},
        'idempotency_keys_locked_until_iso',
      );
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('idempotency_keys');
  },
};
