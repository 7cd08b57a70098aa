import type { Knex } from 'knex';

/** The only code that touches the users store's database. */
export class UsersRepository {
  readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }
}
