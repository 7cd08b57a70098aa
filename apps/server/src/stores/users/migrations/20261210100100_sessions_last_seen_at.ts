import type { Migration } from '../../migrations.ts';

/** When a session last made a request, for the user's list of their sessions (at most once a minute). */
export const sessionsLastSeenAt: Migration = {
  name: '20261210100100_sessions_last_seen_at',
  async up(knex) {
    await knex.raw('alter table sessions add column last_seen_at varchar(32) null');
  },
  async down(knex) {
    await knex.raw('alter table sessions drop column last_seen_at');
  },
};
