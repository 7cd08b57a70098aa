import type { Migration } from '../../migrations.ts';

/** An admin's password reset: the user signs in with the temporary password and must choose a new one. */
export const usersMustChangePassword: Migration = {
  name: '20261210100000_users_must_change_password',
  async up(knex) {
    // Raw: knex would rebuild the SQLite table (its checks); both dialects add a column in place.
    await knex.raw('alter table users add column must_change_password boolean not null default false');
  },
  async down(knex) {
    await knex.raw('alter table users drop column must_change_password');
  },
};
